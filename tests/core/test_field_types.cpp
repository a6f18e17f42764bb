// Field types by their describe names, and the classes of types code reading describes asks about.
#include <sfcpp/field_types.hpp>

#include <doctest/doctest.h>

using sfcpp::field_type;

// Checked where the compiler can: the table is constexpr.
static_assert(sfcpp::field_type_from("anyType") == field_type::any_type);
static_assert(sfcpp::field_type_from("int") == field_type::int_);

TEST_CASE("field_type_from reads every describe type name, and only those") {
    CHECK(sfcpp::field_type_from("textarea") == field_type::textarea);
    CHECK(sfcpp::field_type_from("reference") == field_type::reference);
    CHECK(sfcpp::field_type_from("datetime") == field_type::datetime);
    CHECK(sfcpp::field_type_from("complexvalue") == field_type::complexvalue);
    CHECK(sfcpp::field_type_from("encryptedstring") == field_type::encryptedstring);
    // Names are exact, as the API writes them: a new type reads as unknown, not as a near match.
    CHECK(sfcpp::field_type_from("anytype") == field_type::unknown);
    CHECK(sfcpp::field_type_from("Textarea") == field_type::unknown);
    CHECK(sfcpp::field_type_from("hologram") == field_type::unknown);
    CHECK(sfcpp::field_type_from("") == field_type::unknown);
}

TEST_CASE("the classes of types") {
    for (auto t : {"string", "textarea", "email", "phone", "url", "picklist", "multipicklist", "combobox",
                   "encryptedstring"})
        CHECK_MESSAGE(sfcpp::is_text(sfcpp::field_type_from(t)), t);
    for (auto t : {"base64", "anyType", "id", "reference", "int", "boolean", "date"})
        CHECK_MESSAGE(!sfcpp::is_text(sfcpp::field_type_from(t)), t);
    CHECK(sfcpp::is_id(field_type::id));
    CHECK(sfcpp::is_id(field_type::reference));
    CHECK(!sfcpp::is_id(field_type::string));
    CHECK(sfcpp::is_real(field_type::currency));
    CHECK(!sfcpp::is_real(field_type::int_));
    CHECK(sfcpp::is_number(field_type::int_));
    CHECK(sfcpp::is_number(field_type::long_));
    CHECK(sfcpp::is_number(field_type::percent));
    CHECK(!sfcpp::is_number(field_type::boolean));
}
