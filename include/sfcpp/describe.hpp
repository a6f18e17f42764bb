// sfcpp/describe.hpp: the run-time model of an sObject describe
// (`GET /services/data/vXX.X/sobjects/X/describe`), shared by the code generator, the emulator
// and the client's run-time describe call.
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/error.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp {

struct picklist_value_describe {
    std::string value;
    std::string label;
    bool active = true;
    bool default_value = false;
};

struct field_describe {
    std::string name;
    std::string label;
    std::string type;       // Salesforce type name: "string", "reference", ...
    std::string soap_type;  // "xsd:string", "tns:ID", "urn:address", ...
    std::int64_t length = 0;
    std::int64_t byte_length = 0;
    std::int32_t precision = 0;
    std::int32_t scale = 0;
    std::int32_t digits = 0;
    bool nillable = false;
    bool createable = false;
    bool updateable = false;
    bool filterable = false;
    bool sortable = false;
    bool groupable = false;
    bool aggregatable = false;
    bool external_id = false;
    bool id_lookup = false;
    bool unique = false;
    bool custom = false;
    bool calculated = false;
    bool auto_number = false;
    bool defaulted_on_create = false;
    bool name_field = false;
    bool case_sensitive = false;
    bool html_formatted = false;
    bool restricted_picklist = false;
    bool polymorphic_foreign_key = false;
    std::vector<std::string> reference_to;
    std::string relationship_name;      // empty when the describe has null
    std::string compound_field_name;    // "BillingAddress" on BillingCity, empty otherwise
    std::vector<picklist_value_describe> picklist_values;
    boost::json::value default_value;   // null when absent
};

struct child_relationship_describe {
    std::string child_sobject;
    std::string field;
    std::string relationship_name;  // empty when the describe has null
    bool cascade_delete = false;
};

struct sobject_describe {
    std::string name;
    std::string label;
    std::string label_plural;
    std::string key_prefix;  // empty for objects without one
    bool custom = false;
    bool createable = false;
    bool updateable = false;
    bool deletable = false;
    bool queryable = false;
    std::vector<field_describe> fields;
    std::vector<child_relationship_describe> child_relationships;
    boost::json::value raw;  // the whole describe document, as received

    SFCPP_DECL const field_describe* find_field(std::string_view api_name) const noexcept;
};

// Parses a describe document. `origin` (a file name or URL) is only used in error messages.
// Throws sfcpp::describe_error naming the origin and the JSON path of what is wrong.
SFCPP_DECL sobject_describe parse_describe(const boost::json::value& doc, std::string_view origin = "describe");
SFCPP_DECL sobject_describe parse_describe(std::string_view json_text, std::string_view origin = "describe");

}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/impl/describe.ipp>
#endif
