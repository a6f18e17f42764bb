// sfcpp_emulator/schema.hpp: the sObjects the emulator serves, loaded from describe JSON files or
// from the copy of the project's describe/ folder compiled into the library.
#pragma once

#include <sfcpp/describe.hpp>
#include <sfcpp/field_types.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp_emulator {

// Lower-cases ASCII: API names are case-insensitive everywhere in the API.
std::string lower(std::string_view s);

// A field's describe type as the emulator switches on it: the one place its name is read.
inline sfcpp::field_type type_of(const sfcpp::field_describe& f) noexcept { return sfcpp::field_type_from(f.type); }

// Whether values of a type are held as text and compared as text (case-insensitively, as SOQL
// does): the text types of sfcpp::is_text, and anyType, whose values are kept as given.
bool held_as_text(sfcpp::field_type t) noexcept;

// Address and location fields: not a column, but assembled from their component fields.
constexpr bool is_compound(sfcpp::field_type t) noexcept {
    return t == sfcpp::field_type::address || t == sfcpp::field_type::location;
}

struct object_schema {
    sfcpp::sobject_describe describe;
    std::string last_modified;  // HTTP date served as Last-Modified on /describe

    // Fields stored as a column (compound address/location fields are assembled when served).
    std::vector<const sfcpp::field_describe*> columns;

    const std::string& name() const noexcept { return describe.name; }
    const sfcpp::field_describe* field(std::string_view name) const;            // case-insensitive
    const sfcpp::field_describe* relationship(std::string_view name) const;     // parent relationship
    const sfcpp::child_relationship_describe* child(std::string_view name) const;
    bool stored(const sfcpp::field_describe& f) const;

    std::map<std::string, const sfcpp::field_describe*> fields_by_lower;
    std::map<std::string, const sfcpp::field_describe*> relationships_by_lower;
    std::map<std::string, const sfcpp::child_relationship_describe*> children_by_lower;
};

class schema {
public:
    // Loads every `*.json` describe file of `dir`; each object's Last-Modified is its file's
    // modification time. Throws sfcpp::describe_error or std::runtime_error.
    static schema load_dir(const std::filesystem::path& dir);
    // The describe files embedded at build time (the project's describe/ folder), all with
    // Last-Modified fixed_last_modified.
    static schema load_default();
    // load_default() for an empty `dir`, load_dir(dir) otherwise.
    static schema load(const std::filesystem::path& dir);

    static constexpr std::string_view fixed_last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";

    // `last_modified`: an HTTP date; empty means fixed_last_modified.
    void add(sfcpp::sobject_describe d, std::string last_modified = {});
    const object_schema* find(std::string_view name) const;  // case-insensitive
    const object_schema* by_key_prefix(std::string_view prefix) const;
    const std::vector<std::unique_ptr<object_schema>>& objects() const noexcept { return objects_; }

private:
    std::vector<std::unique_ptr<object_schema>> objects_;
    std::map<std::string, object_schema*> by_lower_;
};

}  // namespace sfcpp_emulator
