// expect: a key \(upsert, retrieve by key\) must be an external id field.*"Invoice__c\.Name is neither an external id nor an idLookup field"
#include "common.hpp"
#include <sfcpp/client.hpp>

#include <vector>

void f(sfcpp::client& sf, const std::vector<Invoice_c>& invs) { sf.upsert(invs, Invoice_c_.Name); }
