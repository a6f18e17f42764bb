// expect: a key \(upsert, retrieve by key\) must be an external id field.*"Invoice__c\.Name is neither an external id nor an idLookup field"
#include "common.hpp"
#include <sfcpp/client/composite.hpp>

void f(sfcpp::composite_request& req, const Invoice_c& inv) { req.upsert("inv", inv, Invoice_c_.Name); }
