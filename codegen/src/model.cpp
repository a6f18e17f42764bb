#include "model.hpp"

#include <sfcpp/record/metadata.hpp>

#include <algorithm>
#include <set>
#include <unordered_set>

namespace sfcpp::codegen {

namespace {

const std::unordered_set<std::string>& keywords() {
    static const std::unordered_set<std::string> k = {
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
        "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval",
        "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype",
        "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
        "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
        "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
        "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
        "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
        "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
        "wchar_t", "while", "xor", "xor_eq",
        // Macros and names that break code when used as identifiers.
        "NULL", "assert", "errno", "offsetof", "EOF", "stdin", "stdout", "stderr", "unix", "linux"};
    return k;
}

// Names a record member must not take (a trailing `_` is added, as for keywords): the record's
// own members, names the generated code relies on, the members every generated tag declares
// (the tag is named after the member: `struct type { ... type ...; }` does not compile), the
// `flag` alias every generated header declares, and the members of query rows, which inherit a
// `member<V>` from each selected tag.
const std::set<std::string> reserved_members = {
    // the record
    "attributes", "sobject_name", "sfcpp_info", "columns", "record_base", "sfcpp", "std", "boost", "detail",
    // every tag: field, parent and child
    "record", "name", "index", "member_ptr", "member", "ref", "V",
    // field tags
    "value_type", "type", "flags",
    // parent tags
    "target", "id_field", "polymorphic",
    // child tags
    "child", "field",
    // the flag alias of the generated namespace
    "flag",
    // query rows
    "record_type", "to_record"};

const std::set<std::string> reserved_picklist_members = {"entries", "values", "str", "view", "is_known",
                                                         "picklist", "multipicklist", "from_wire", "to_wire", "literal",
                                                         "insert", "erase", "contains", "size", "empty",
                                                         "begin", "end"};

struct type_map {
    const char* cpp;
    const char* type_enum;
    const char* kind;
};

// C++ type, field_type and storage_kind for a Salesforce type; null for unknown types.
const type_map* map_type(const std::string& t) {
    static const std::map<std::string, type_map> m = {
        {"id", {"sfcpp::id", "id", "id"}},
        {"reference", {"sfcpp::id", "reference", "id"}},
        {"string", {"std::string", "string", "string"}},
        {"textarea", {"std::string", "textarea", "string"}},
        {"email", {"std::string", "email", "string"}},
        {"phone", {"std::string", "phone", "string"}},
        {"url", {"std::string", "url", "string"}},
        {"combobox", {"std::string", "combobox", "string"}},
        {"encryptedstring", {"std::string", "encryptedstring", "string"}},
        {"base64", {"std::string", "base64", "string"}},
        {"picklist", {"", "picklist", "string"}},
        {"multipicklist", {"", "multipicklist", "multipicklist"}},
        {"boolean", {"bool", "boolean", "boolean"}},
        {"int", {"std::int32_t", "int_", "int32"}},
        {"long", {"std::int64_t", "long_", "int64"}},
        {"double", {"double", "double_", "float64"}},
        {"currency", {"double", "currency", "float64"}},
        {"percent", {"double", "percent", "float64"}},
        {"date", {"sfcpp::date", "date", "date"}},
        {"datetime", {"sfcpp::datetime", "datetime", "datetime"}},
        {"time", {"sfcpp::time_of_day", "time", "time"}},
        {"address", {"sfcpp::address", "address", "address"}},
        {"location", {"sfcpp::location", "location", "location"}},
        {"anyType", {"boost::json::value", "any_type", "json"}},
        {"json", {"boost::json::value", "json", "json"}},
        {"complexvalue", {"boost::json::value", "complexvalue", "json"}},
    };
    auto it = m.find(t);
    return it == m.end() ? nullptr : &it->second;
}

std::uint32_t flags_of(const field_describe& f) {
    std::uint32_t x = 0;
    if (f.nillable) x |= flag::nillable;
    if (f.createable) x |= flag::createable;
    if (f.updateable) x |= flag::updateable;
    if (f.filterable) x |= flag::filterable;
    if (f.sortable) x |= flag::sortable;
    if (f.groupable) x |= flag::groupable;
    if (f.aggregatable) x |= flag::aggregatable;
    if (f.external_id) x |= flag::external_id;
    if (f.id_lookup) x |= flag::id_lookup;
    if (f.unique) x |= flag::unique;
    if (f.custom) x |= flag::custom;
    if (f.calculated) x |= flag::calculated;
    if (f.auto_number) x |= flag::auto_number;
    if (f.defaulted_on_create) x |= flag::defaulted_on_create;
    if (f.name_field) x |= flag::name_field;
    if (f.case_sensitive) x |= flag::case_sensitive;
    if (f.html_formatted) x |= flag::html_formatted;
    if (f.restricted_picklist) x |= flag::restricted_picklist;
    if (f.polymorphic_foreign_key || f.reference_to.size() > 1) x |= flag::polymorphic;
    return x;
}

// Hands out unique names within one scope, suffixing `_` then `_2`, `_3`... on a clash.
class name_scope {
    std::set<std::string> used_;
    const std::set<std::string>* reserved_;

public:
    explicit name_scope(const std::set<std::string>* reserved = nullptr) : reserved_(reserved) {}
    void reserve(const std::string& n) { used_.insert(n); }
    std::string take(std::string n) {
        if (reserved_ && reserved_->count(n)) n += '_';
        if (!used_.count(n)) {
            used_.insert(n);
            return n;
        }
        // `type_` taken becomes `type_2`, never `type__2` (a double underscore is reserved).
        const std::string stem = n.back() == '_' ? n : n + "_";
        for (int i = 2;; ++i) {
            std::string c = stem + std::to_string(i);
            if (!used_.count(c)) {
                used_.insert(c);
                return c;
            }
        }
    }
};

}  // namespace

bool is_cpp_keyword(const std::string& s) { return keywords().count(s) != 0; }

std::string safe_identifier(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (ok) out += static_cast<char>(c);
        else if (out.empty() || out.back() != '_') out += '_';
    }
    // A leading '_' followed by an uppercase letter is reserved, and so is a trailing '_' run
    // after collapsing; trim both.
    while (!out.empty() && out.front() == '_') out.erase(out.begin());
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (out.empty()) return "value_";
    if (out.front() >= '0' && out.front() <= '9') out = "v" + out;
    if (is_cpp_keyword(out)) out += '_';
    return out;
}

std::vector<object_model> build_models(const std::vector<const sobject_describe*>& describes,
                                       const std::vector<std::string>& sources) {
    // Struct names first: references between objects need them.
    name_scope struct_names;
    struct_names.reserve("flag");    // the namespace alias every header declares
    struct_names.reserve("detail");
    std::map<std::string, std::string> struct_of;  // API name (lower case) -> struct name
    std::vector<object_model> models(describes.size());
    for (std::size_t i = 0; i < describes.size(); ++i) {
        models[i].describe = describes[i];
        models[i].source = sources[i];
        models[i].struct_name = struct_names.take(safe_identifier(describes[i]->name));
        std::string key = describes[i]->name;
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
        struct_of[key] = models[i].struct_name;
    }
    auto generated = [&](const std::string& api) -> std::string {
        std::string key = api;
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
        auto it = struct_of.find(key);
        return it == struct_of.end() ? std::string() : it->second;
    };

    for (auto& m : models) {
        const sobject_describe& d = *m.describe;
        name_scope members(&reserved_members);
        // A member may not share the struct's name, nor its columns struct's (the record says
        // `using columns = X_columns;`): both count as taken.
        members.reserve(m.struct_name);
        members.reserve(m.struct_name + "_columns");
        // Type names this object's picklists may not take: what every generated object declares
        // in the namespace (X, X_columns, the X_fields namespace).
        name_scope type_names;
        for (const auto& [k, v] : struct_of) {
            type_names.reserve(v);
            type_names.reserve(v + "_columns");
            type_names.reserve(v + "_fields");
            type_names.reserve(v + "_registration");
        }
        std::set<std::string> related;

        for (const auto& f : d.fields) {
            field_model fm;
            fm.describe = &f;
            fm.member = members.take(safe_identifier(f.name));
            fm.flags = flags_of(f);
            const type_map* tm = map_type(f.type);
            if (!tm) {
                m.warnings.push_back(d.name + "." + f.name + ": unknown Salesforce type \"" + f.type +
                                     "\", kept as a raw JSON value");
                fm.cpp_type = "boost::json::value";
                fm.type_enum = "unknown";
                fm.kind_enum = "json";
            } else {
                fm.cpp_type = tm->cpp;
                fm.type_enum = tm->type_enum;
                fm.kind_enum = tm->kind;
            }
            if (f.type == "picklist" || f.type == "multipicklist") {
                picklist_model pm;
                pm.multi = f.type == "multipicklist";
                pm.type_name = type_names.take(m.struct_name + "_" + fm.member);
                name_scope constants(&reserved_picklist_members);
                constants.reserve(pm.type_name);
                for (const auto& v : f.picklist_values)
                    pm.constants.push_back({constants.take(safe_identifier(v.value)), v.value});
                fm.cpp_type = pm.type_name;
                fm.picklist = static_cast<int>(m.picklists.size());
                m.picklists.push_back(std::move(pm));
            }
            m.fields.push_back(std::move(fm));
        }

        for (std::size_t i = 0; i < d.fields.size(); ++i) {
            const auto& f = d.fields[i];
            if (f.type != "reference" || f.relationship_name.empty()) continue;
            parent_model p;
            p.name = f.relationship_name;
            p.member = members.take(safe_identifier(f.relationship_name));
            p.field_index = i;
            if (f.reference_to.size() == 1 && !f.polymorphic_foreign_key) p.target = generated(f.reference_to[0]);
            if (!p.target.empty() && p.target != m.struct_name) related.insert(p.target);
            m.parents.push_back(std::move(p));
        }

        for (const auto& c : d.child_relationships) {
            child_model cm;
            cm.describe = &c;
            if (!c.relationship_name.empty()) {
                cm.target = generated(c.child_sobject);
                if (!cm.target.empty()) {
                    cm.member = members.take(safe_identifier(c.relationship_name));
                    if (cm.target != m.struct_name) related.insert(cm.target);
                }
            }
            m.children.push_back(std::move(cm));
        }
        m.related.assign(related.begin(), related.end());
    }
    return models;
}

}  // namespace sfcpp::codegen
