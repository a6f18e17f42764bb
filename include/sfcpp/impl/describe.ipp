// sfcpp/impl/describe.ipp: the describe parser. DOM-based: describe documents are parsed rarely
// (code generation, emulator start-up), so simplicity wins over speed here. Included by
// describe.hpp (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/describe.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace sfcpp {

namespace detail {

struct describe_reader {
    std::string_view origin;

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw describe_error(std::string(origin) + ": " + path + ": " + what);
    }

    const boost::json::object& as_object(const boost::json::value& v, const std::string& path) const {
        if (!v.is_object()) fail(path, "expected an object");
        return v.get_object();
    }

    // A key that must be present with the given kind.
    const boost::json::value& required(const boost::json::object& o, std::string_view key,
                                       const std::string& path) const {
        auto it = o.find(key);
        if (it == o.end()) fail(path, "missing key \"" + std::string(key) + "\"");
        return it->value();
    }

    std::string string_of(const boost::json::object& o, std::string_view key, const std::string& path,
                          bool must_exist) const {
        auto it = o.find(key);
        if (it == o.end()) {
            if (must_exist) fail(path, "missing key \"" + std::string(key) + "\"");
            return {};
        }
        if (it->value().is_null()) return {};
        if (!it->value().is_string()) fail(path + "." + std::string(key), "expected a string");
        return std::string(it->value().get_string());
    }

    bool bool_of(const boost::json::object& o, std::string_view key, const std::string& path) const {
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) return false;
        if (!it->value().is_bool()) fail(path + "." + std::string(key), "expected true or false");
        return it->value().get_bool();
    }

    std::int64_t int_of(const boost::json::object& o, std::string_view key, const std::string& path) const {
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) return 0;
        const auto& v = it->value();
        if (v.is_int64()) return v.get_int64();
        if (v.is_uint64()) return static_cast<std::int64_t>(v.get_uint64());
        // In range first: casting any other double is undefined (found by fuzz_describe).
        if (const double d = v.is_double() ? v.get_double() : 0.5;
            d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == static_cast<double>(static_cast<std::int64_t>(d)))
            return static_cast<std::int64_t>(d);
        fail(path + "." + std::string(key), "expected an integer");
    }

    std::vector<std::string> strings_of(const boost::json::object& o, std::string_view key,
                                        const std::string& path) const {
        std::vector<std::string> out;
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) return out;
        if (!it->value().is_array()) fail(path + "." + std::string(key), "expected an array");
        for (const auto& e : it->value().get_array()) {
            if (!e.is_string()) fail(path + "." + std::string(key), "expected an array of strings");
            out.emplace_back(e.get_string());
        }
        return out;
    }

    field_describe field(const boost::json::value& v, const std::string& path) const {
        const auto& o = as_object(v, path);
        field_describe f;
        f.name = string_of(o, "name", path, true);
        if (f.name.empty()) fail(path + ".name", "empty field name");
        const std::string p = path + "(" + f.name + ")";
        f.type = string_of(o, "type", p, true);
        if (f.type.empty()) fail(p + ".type", "empty field type");
        f.label = string_of(o, "label", p, false);
        f.soap_type = string_of(o, "soapType", p, false);
        f.length = int_of(o, "length", p);
        f.byte_length = int_of(o, "byteLength", p);
        f.precision = static_cast<std::int32_t>(int_of(o, "precision", p));
        f.scale = static_cast<std::int32_t>(int_of(o, "scale", p));
        f.digits = static_cast<std::int32_t>(int_of(o, "digits", p));
        f.nillable = bool_of(o, "nillable", p);
        f.createable = bool_of(o, "createable", p);
        f.updateable = bool_of(o, "updateable", p);
        f.filterable = bool_of(o, "filterable", p);
        f.sortable = bool_of(o, "sortable", p);
        f.groupable = bool_of(o, "groupable", p);
        f.aggregatable = bool_of(o, "aggregatable", p);
        f.external_id = bool_of(o, "externalId", p);
        f.id_lookup = bool_of(o, "idLookup", p);
        f.unique = bool_of(o, "unique", p);
        f.custom = bool_of(o, "custom", p);
        f.calculated = bool_of(o, "calculated", p);
        f.auto_number = bool_of(o, "autoNumber", p);
        f.defaulted_on_create = bool_of(o, "defaultedOnCreate", p);
        f.name_field = bool_of(o, "nameField", p);
        f.case_sensitive = bool_of(o, "caseSensitive", p);
        f.html_formatted = bool_of(o, "htmlFormatted", p);
        f.restricted_picklist = bool_of(o, "restrictedPicklist", p);
        f.polymorphic_foreign_key = bool_of(o, "polymorphicForeignKey", p);
        f.reference_to = strings_of(o, "referenceTo", p);
        f.relationship_name = string_of(o, "relationshipName", p, false);
        f.compound_field_name = string_of(o, "compoundFieldName", p, false);
        if (auto it = o.find("defaultValue"); it != o.end()) f.default_value = it->value();
        if (auto it = o.find("picklistValues"); it != o.end() && !it->value().is_null()) {
            if (!it->value().is_array()) fail(p + ".picklistValues", "expected an array");
            std::size_t i = 0;
            for (const auto& pv : it->value().get_array()) {
                const std::string pp = p + ".picklistValues[" + std::to_string(i++) + "]";
                const auto& po = as_object(pv, pp);
                picklist_value_describe e;
                e.value = string_of(po, "value", pp, true);
                e.label = string_of(po, "label", pp, false);
                e.active = po.contains("active") ? bool_of(po, "active", pp) : true;
                e.default_value = bool_of(po, "defaultValue", pp);
                f.picklist_values.push_back(std::move(e));
            }
        }
        return f;
    }

    sobject_describe sobject(const boost::json::value& doc) const {
        const auto& o = as_object(doc, "$");
        sobject_describe d;
        d.name = string_of(o, "name", "$", true);
        if (d.name.empty()) fail("$.name", "empty object name");
        d.label = string_of(o, "label", "$", false);
        d.label_plural = string_of(o, "labelPlural", "$", false);
        d.key_prefix = string_of(o, "keyPrefix", "$", false);
        d.custom = bool_of(o, "custom", "$");
        d.createable = bool_of(o, "createable", "$");
        d.updateable = bool_of(o, "updateable", "$");
        d.deletable = bool_of(o, "deletable", "$");
        d.queryable = bool_of(o, "queryable", "$");
        const auto& fields = required(o, "fields", "$");
        if (!fields.is_array()) fail("$.fields", "expected an array");
        std::size_t i = 0;
        for (const auto& f : fields.get_array())
            d.fields.push_back(field(f, "$.fields[" + std::to_string(i++) + "]"));
        if (d.fields.empty()) fail("$.fields", "an sObject has at least one field");
        if (auto it = o.find("childRelationships"); it != o.end() && !it->value().is_null()) {
            if (!it->value().is_array()) fail("$.childRelationships", "expected an array");
            std::size_t j = 0;
            for (const auto& c : it->value().get_array()) {
                const std::string p = "$.childRelationships[" + std::to_string(j++) + "]";
                const auto& co = as_object(c, p);
                child_relationship_describe r;
                r.child_sobject = string_of(co, "childSObject", p, true);
                r.field = string_of(co, "field", p, true);
                r.relationship_name = string_of(co, "relationshipName", p, false);
                r.cascade_delete = bool_of(co, "cascadeDelete", p);
                d.child_relationships.push_back(std::move(r));
            }
        }
        d.raw = doc;
        return d;
    }
};

}  // namespace detail

SFCPP_DECL const field_describe* sobject_describe::find_field(std::string_view api_name) const noexcept {
    for (const auto& f : fields)
        if (f.name.size() == api_name.size() &&
            std::equal(f.name.begin(), f.name.end(), api_name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            }))
            return &f;
    return nullptr;
}

SFCPP_DECL sobject_describe parse_describe(const boost::json::value& doc, std::string_view origin) {
    return detail::describe_reader{origin}.sobject(doc);
}

SFCPP_DECL sobject_describe parse_describe(std::string_view json_text, std::string_view origin) {
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(json_text, ec);
    if (ec)
        throw describe_error(std::string(origin) + ": malformed JSON: " + ec.message());
    return parse_describe(doc, origin);
}

}  // namespace sfcpp
