// expect: a key \(upsert, retrieve by key\) must be an external id field.*"Invoice__c\.Name is neither an external id nor an idLookup field"
#include "common.hpp"
#include <sfcpp/client/async.hpp>

void f(sfcpp::async_client& ac, const Invoice_c& inv) {
    ac.async_upsert(inv, Invoice_c_.Name, [](std::exception_ptr, sfcpp::upsert_result) {});
}
