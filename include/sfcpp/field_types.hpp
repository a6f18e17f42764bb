// sfcpp/field_types.hpp: the Salesforce field types by their describe names ("textarea",
// "anyType"), and the classes of types that code reading describes asks about.
#pragma once

#include <sfcpp/record/metadata.hpp>

#include <string_view>

namespace sfcpp {

// The field_type of a describe's "type" text; field_type::unknown for a name Salesforce may add later.
constexpr field_type field_type_from(std::string_view name) noexcept {
    struct entry {
        std::string_view name;
        field_type type;
    };
    constexpr entry table[] = {
        {"id", field_type::id},           {"string", field_type::string},
        {"textarea", field_type::textarea}, {"email", field_type::email},
        {"phone", field_type::phone},     {"url", field_type::url},
        {"picklist", field_type::picklist}, {"multipicklist", field_type::multipicklist},
        {"combobox", field_type::combobox}, {"reference", field_type::reference},
        {"boolean", field_type::boolean}, {"int", field_type::int_},
        {"long", field_type::long_},      {"double", field_type::double_},
        {"currency", field_type::currency}, {"percent", field_type::percent},
        {"date", field_type::date},       {"datetime", field_type::datetime},
        {"time", field_type::time},       {"base64", field_type::base64},
        {"address", field_type::address}, {"location", field_type::location},
        {"encryptedstring", field_type::encryptedstring}, {"anyType", field_type::any_type},
        {"json", field_type::json},       {"complexvalue", field_type::complexvalue},
    };
    for (const auto& e : table)
        if (e.name == name) return e.type;
    return field_type::unknown;
}

// Values that are text on the wire and in SOQL comparisons (base64 is text too, but a blob).
constexpr bool is_text(field_type t) noexcept {
    switch (t) {
        case field_type::string: case field_type::textarea: case field_type::email: case field_type::phone:
        case field_type::url: case field_type::picklist: case field_type::multipicklist:
        case field_type::combobox: case field_type::encryptedstring:
            return true;
        default:
            return false;
    }
}

// Record ids: the Id field and lookups.
constexpr bool is_id(field_type t) noexcept { return t == field_type::id || t == field_type::reference; }

// Numbers with a fraction (double, currency, percent), and all numbers (with int and long).
constexpr bool is_real(field_type t) noexcept {
    return t == field_type::double_ || t == field_type::currency || t == field_type::percent;
}
constexpr bool is_number(field_type t) noexcept {
    return is_real(t) || t == field_type::int_ || t == field_type::long_;
}

}  // namespace sfcpp
