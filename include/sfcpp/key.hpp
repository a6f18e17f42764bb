// sfcpp/key.hpp: the field that finds a record by value, for upsert and retrieve by key, in REST,
// sObject Collections, composite and Bulk alike. A key is a field's tag (`Invoice_c_.External_Id_c`,
// `Account_.Id`), so its API name, flags and object are known at compile time, and a key that
// Salesforce would refuse does not compile:
//
//   sf.upsert(inv, Invoice_c_.Name);   // error: ... an external id field ...
//                                      // note: ... "Invoice__c.Name is neither an external id nor an idLookup field"
//
// The rules follow sfcpp/soql/rules.hpp: a class template named after the mistake, instantiated
// only where it is made, whose note carries the field's name into the compiler's output.
#pragma once

#include <sfcpp/id.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/soql/rules.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace sfcpp {

// A generated field tag: the generator's `Object_.Field` (see sfcpp/soql/column_tag.hpp).
template <class K>
concept field_tag = requires {
    K::name;
    K::flags;
    K::member_ptr;
    typename K::record;
    typename K::value_type;
};

namespace rule {

template <class Key>
struct key_not_external_id {
    static constexpr auto note =
        soql::rule::join<soql::rule::name_of<Key>, " is neither an external id nor an idLookup field">;
    static_assert(soql::rule::because<note>,
                  "sfcpp: a key (upsert, retrieve by key) must be an external id field (externalId or idLookup "
                  "in the describe, as Id is)");
};

template <class Record, class Key>
struct key_of_another_object {
    static constexpr auto note = soql::rule::join<soql::rule::name_of<Key>, " is not a field of ",
                                                  soql::rule::name_of<Record>>;
    static_assert(soql::rule::because<note>, "sfcpp: the key field belongs to another object than the record");
};

}  // namespace rule

namespace detail {

// Instantiated by every call that takes a key; a rule fires only on a mistake.
template <class Record, field_tag Key>
constexpr bool check_key() {
    if constexpr (!std::is_same_v<typename Key::record, Record>)
        (void)rule::key_of_another_object<Record, Key>{};
    else if constexpr ((Key::flags & (flag::external_id | flag::id_lookup)) == 0)
        (void)rule::key_not_external_id<Key>{};
    return true;
}

// A key's value as it travels in a URL segment or a CSV cell.
template <class V>
std::string key_text(const V& v) {
    if constexpr (std::is_same_v<V, sfcpp::id>) return v.to_string();
    else if constexpr (std::is_convertible_v<const V&, std::string_view>) return std::string(std::string_view(v));
    else if constexpr (std::is_integral_v<V>) return std::to_string(v);
    else static_assert(sizeof(V) == 0, "sfcpp: a key's value must be text, an id or an integer");
}

}  // namespace detail
}  // namespace sfcpp
