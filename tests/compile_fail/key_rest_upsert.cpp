// expect: a key \(upsert, retrieve by key\) must be an external id field.*"Invoice__c\.Name is neither an external id nor an idLookup field"
#include "common.hpp"
#include <sfcpp/client.hpp>

void f(sfcpp::client& sf, const Invoice_c& inv) { sf.upsert(inv, Invoice_c_.Name); }
