// expect: a key \(upsert, retrieve by key\) must be an external id field.*"Invoice__c\.Name is neither an external id nor an idLookup field"
#include "common.hpp"
#include <sfcpp/bulk.hpp>

#include <optional>

void f(sfcpp::client& sf) {
    auto next = []() -> std::optional<Invoice_c> { return std::nullopt; };
    sfcpp::bulk::upsert_from<Invoice_c>(sf, next, Invoice_c_.Name);
}
