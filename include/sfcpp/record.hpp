// sfcpp/record.hpp: the record layer, below both codecs. A generated record is a plain struct of
// sfcpp::field<T, Flags> members (record/field.hpp), parent and child relationships
// (record/relationship.hpp), and a constexpr table describing it (record/metadata.hpp); the
// codecs reach its members through the table (record/access.hpp).
#pragma once

#include <sfcpp/record/access.hpp>
#include <sfcpp/record/field.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record/relationship.hpp>

namespace sfcpp {

// A record of type T that addresses the record `id` and sets nothing else: the start of a
// change for the many-record updates (sObject Collections, Bulk), which read each record's Id.
// (Id is read-only in Salesforce, so it cannot be assigned like a field.)
template <record T>
T with_id(const sfcpp::id& id) {
    T rec;
    assign_unchecked(rec.Id, id);
    return rec;
}

}  // namespace sfcpp
