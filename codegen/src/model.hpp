// The generator's model: describes turned into what the writer needs (C++ names, C++ types,
// which relationships become typed members). Built in one pass over all inputs so that
// references between generated objects can be typed.
#pragma once

#include <sfcpp/describe.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sfcpp::codegen {

struct picklist_model {
    std::string type_name;  // C++ type, e.g. "Account_Industry"
    bool multi = false;
    struct constant {
        std::string name;   // C++ identifier
        std::string value;  // wire value
    };
    std::vector<constant> constants;
};

struct field_model {
    const field_describe* describe = nullptr;
    std::string member;      // C++ member name
    std::string cpp_type;    // value type inside sfcpp::field<>
    std::string type_enum;   // sfcpp::field_type enumerator
    std::string kind_enum;   // sfcpp::storage_kind enumerator
    std::uint32_t flags = 0;
    int picklist = -1;       // index into object_model::picklists
};

struct parent_model {
    std::string name;        // relationshipName
    std::string member;
    std::size_t field_index = 0;
    std::string target;      // generated target object's struct name, empty for dynamic
};

struct child_model {
    const child_relationship_describe* describe = nullptr;
    std::string member;      // empty when the child object is not generated
    std::string target;      // child struct name, empty when not generated
};

struct object_model {
    const sobject_describe* describe = nullptr;
    std::string source;      // input file name (no directory), for the header stamp
    std::string struct_name;
    std::vector<field_model> fields;
    std::vector<parent_model> parents;
    std::vector<child_model> children;
    std::vector<picklist_model> picklists;
    std::vector<std::string> related;  // struct names of other generated objects it references
    std::vector<std::string> warnings;
};

struct generator_options {
    std::string ns = "sobjects";
    bool describe = false;   // also emit BOOST_DESCRIBE_STRUCT (off: it costs compile time)
    std::string command;     // the command line, stamped into every header (inputs without folders)
};

// Builds the models for every describe, in the order given (the caller sorts by name).
std::vector<object_model> build_models(const std::vector<const sobject_describe*>& describes,
                                       const std::vector<std::string>& sources);

// The text of `<Object>.hpp` and of the umbrella `sobjects.hpp`.
std::string write_header(const object_model& m, const generator_options& opt);
std::string write_umbrella(const std::vector<object_model>& models, const generator_options& opt);

// A C++ identifier for an arbitrary API name or picklist value: keeps [A-Za-z0-9_], collapses
// runs of '_' (a double underscore is reserved in C++), avoids keywords and a leading digit.
std::string safe_identifier(const std::string& text);
bool is_cpp_keyword(const std::string& s);

}  // namespace sfcpp::codegen
