// The writer: turns an object_model into a readable, deterministic header.
//
// Each fact of a field is written once. The struct member's type carries the value type and the
// flags; the tag (`Account_fields::Name`) takes them from the member pointer and adds the API
// name and Salesforce type; the run-time table refers to the tag's flags. Lines stay within
// 120 columns, and a header includes no other generated header: relationships name their
// targets by declaration only.
#include "model.hpp"

#include <sfcpp/record/metadata.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace sfcpp::codegen {

namespace {

constexpr std::size_t max_columns = 120;

// A C++ string literal for any bytes (UTF-8 passes through; control characters become octal
// escapes, which cannot swallow a following digit the way \x can).
std::string lit(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        } else if (c == '?') {
            out += "\\?";  // no trigraph surprises
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

// Splits a string literal too long for one line into adjacent literals ("ab" "cd"), never inside
// an escape or a UTF-8 sequence.
std::vector<std::string> split_literal(const std::string& l, std::size_t width) {
    std::vector<std::string> parts;
    std::string cur = "\"";
    for (std::size_t i = 1; i + 1 < l.size();) {
        std::size_t n = 1;
        if (l[i] == '\\') n = (l[i + 1] >= '0' && l[i + 1] <= '7') ? 4 : 2;
        while (i + n + 1 < l.size() && (static_cast<unsigned char>(l[i + n]) & 0xC0) == 0x80) ++n;
        if (cur.size() + n + 1 > width && cur.size() > 1) {
            parts.push_back(cur + "\"");
            cur = "\"";
        }
        cur.append(l, i, n);
        i += n;
    }
    parts.push_back(cur + "\"");
    return parts;
}

// Writes `head item<sep>item<sep>... tail` on one line when it fits in max_columns, else breaks
// after separators and continues at `indent`; a literal longer than a line is split.
void wrapped(std::ostream& o, const std::string& head, const std::vector<std::string>& items, const std::string& sep,
             const std::string& tail, std::size_t indent) {
    std::string one = head;
    for (std::size_t i = 0; i < items.size(); ++i) one += (i ? sep : "") + items[i];
    one += tail;
    if (one.size() <= max_columns) {
        o << one << "\n";
        return;
    }
    const std::string pad(indent, ' ');
    const std::string joint = sep.substr(0, sep.find_last_not_of(' ') + 1);  // ", " breaks after ","
    std::string line = head;
    bool has_item = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string suffix = i + 1 == items.size() ? tail : joint;
        const std::string& item = items[i];
        if (has_item && line.size() + 1 + item.size() + suffix.size() > max_columns) {
            o << line << "\n";
            line = pad;
            has_item = false;
        }
        const std::string gap = has_item ? " " : "";
        if (line.size() + gap.size() + item.size() + suffix.size() > max_columns && item.size() > 2 &&
            item.front() == '"' && item.back() == '"') {
            const std::size_t room = max_columns - std::max(line.size() + gap.size(), indent) - suffix.size() - 1;
            const auto parts = split_literal(item, std::max<std::size_t>(room, 16));
            for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
                o << line << (k == 0 ? gap : "") << parts[k] << "\n";
                line = pad;
            }
            line += (parts.size() == 1 ? gap : "") + parts.back() + suffix;
        } else {
            line += gap + item + suffix;
        }
        has_item = true;
    }
    o << line << "\n";
}

// A comment of any length as `prefix`-led lines within max_columns, broken between words.
void write_comment(std::ostream& o, const std::string& prefix, const std::string& text) {
    std::istringstream words(text);
    std::string word, line = prefix;
    bool empty = true;
    while (words >> word) {
        if (!empty && line.size() + 1 + word.size() > max_columns) {
            o << line << "\n";
            line = prefix + "   ";
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    o << line << "\n";
}

// Flags as a readable expression: flag::nillable | flag::createable ...
std::vector<std::string> flag_names(std::uint32_t f, const char* prefix) {
    std::vector<std::string> out;
    // The two common sets first (sfcpp::flag::editable, queryable), then single flags.
    if (f & flag::nillable) out.push_back(std::string(prefix) + "nillable"), f &= ~flag::nillable;
    for (const auto& [set, name] : {std::pair{flag::editable, "editable"}, std::pair{flag::queryable, "queryable"}})
        if ((f & set) == set) out.push_back(std::string(prefix) + name), f &= ~set;
    static const std::pair<std::uint32_t, const char*> names[] = {
        {flag::nillable, "nillable"}, {flag::createable, "createable"}, {flag::updateable, "updateable"},
        {flag::filterable, "filterable"}, {flag::sortable, "sortable"}, {flag::groupable, "groupable"},
        {flag::aggregatable, "aggregatable"}, {flag::external_id, "external_id"}, {flag::id_lookup, "id_lookup"},
        {flag::unique, "unique"}, {flag::custom, "custom"}, {flag::calculated, "calculated"},
        {flag::auto_number, "auto_number"}, {flag::defaulted_on_create, "defaulted_on_create"},
        {flag::name_field, "name_field"}, {flag::case_sensitive, "case_sensitive"},
        {flag::html_formatted, "html_formatted"}, {flag::restricted_picklist, "restricted_picklist"},
        {flag::polymorphic, "polymorphic"}};
    for (const auto& [bit, name] : names)
        if (f & bit) out.push_back(std::string(prefix) + name);
    if (out.empty()) out.push_back("0u");
    return out;
}

// Boost.Describe takes at most 52 members per struct: larger records are a chain of parts.
constexpr std::size_t members_per_part = 52;

struct member_decl {
    std::string type_head;             // "sfcpp::field<std::string, " or the whole type
    std::vector<std::string> flags;    // empty: type_head is the whole type
    std::string name;
    std::string comment;
};

std::string field_comment(const field_model& f) {
    const auto& fd = *f.describe;
    std::string comment = fd.type;
    if (fd.type == "reference") {
        comment += " -> ";
        for (std::size_t i = 0; i < fd.reference_to.size() && i < 4; ++i) comment += (i ? ", " : "") + fd.reference_to[i];
        if (fd.reference_to.size() > 4) comment += ", ... (" + std::to_string(fd.reference_to.size()) + " targets)";
    } else if (fd.length > 0 && fd.type != "id") {
        comment += "(" + std::to_string(fd.length) + ")";
    } else if (fd.precision > 0) {
        comment += "(" + std::to_string(fd.precision) + "," + std::to_string(fd.scale) + ")";
    }
    if (f.member != fd.name) comment += ", API name " + fd.name;
    if (!(f.flags & (flag::createable | flag::updateable))) comment += ", read-only";
    else if (flag::required_on_create(f.flags)) comment += ", required";
    return comment;
}

void write_member(std::ostream& o, const member_decl& d) {
    std::string type = d.type_head;
    if (!d.flags.empty()) {
        std::string joined;
        for (std::size_t i = 0; i < d.flags.size(); ++i) joined += (i ? " | " : "") + d.flags[i];
        type += joined + ">";
    }
    const std::string line = "    " + type + " " + d.name + ";";
    const std::string comment = d.comment.empty() ? "" : "  // " + d.comment;
    if (line.size() + comment.size() <= max_columns) {
        o << line << comment << "\n";
        return;
    }
    if (!d.comment.empty()) write_comment(o, "    // ", d.comment);
    if (line.size() <= max_columns || d.flags.empty()) {
        o << line << "\n";
        return;
    }
    std::vector<std::string> items = d.flags;
    items.back() += "> " + d.name + ";";
    wrapped(o, "    " + d.type_head, items, " | ", "", 8);
}

}  // namespace

std::string write_header(const object_model& m, const generator_options& opt) {
    const sobject_describe& d = *m.describe;
    const std::string& S = m.struct_name;
    // Types are named fully qualified where a tag of the same name could be in scope (a tag
    // called `Account` in Contact_fields).
    const std::string Q = "::" + opt.ns + "::";
    std::ostringstream o;

    o << "// " << S << ".hpp: the " << d.name << " sObject (" << d.fields.size() << " fields, " << m.parents.size()
      << " parent and " << std::count_if(m.children.begin(), m.children.end(), [](auto& c) { return !c.member.empty(); })
      << " child relationships).\n";
    write_comment(o, "// ", "Generated from " + m.source + " by: " + opt.command);
    o << "// Do not edit: regenerate instead.\n"
      << "#pragma once\n\n"
      << "#include <sfcpp/generated_support.hpp>\n\n";

    o << "namespace " << opt.ns << " {\n\n";
    o << "namespace flag = sfcpp::flag;\n\n";
    o << "struct " << S << ";\nstruct " << S << "_columns;\n";
    if (!m.related.empty()) {
        o << "// Related records: their own headers define them (include one to read its fields).\n";
        for (const auto& r : m.related) o << "struct " << r << ";\n";
    }
    o << "\n";

    // Picklist types.
    for (const auto& p : m.picklists) {
        const char* base = p.multi ? "multipicklist" : "picklist";
        o << "struct " << p.type_name << " : sfcpp::" << base << "<" << p.type_name << "> {\n";
        o << "    using " << base << "::" << base << ";\n";
        const field_model* fm = nullptr;
        for (const auto& f : m.fields)
            if (f.picklist >= 0 && m.picklists[static_cast<std::size_t>(f.picklist)].type_name == p.type_name) fm = &f;
        const auto& values = fm->describe->picklist_values;
        if (values.empty()) {
            o << "    static constexpr std::span<const sfcpp::picklist_entry> values{};\n";
        } else {
            o << "    static constexpr sfcpp::picklist_entry entries[] = {\n";
            for (const auto& v : values) {
                std::vector<std::string> items{lit(v.value)};
                if (v.label != v.value || !v.active || v.default_value) items.push_back(v.label == v.value ? "{}" : lit(v.label));
                if (!v.active || v.default_value) items.push_back(v.active ? "true" : "false");
                if (v.default_value) items.push_back("true");
                wrapped(o, "        {", items, ", ", "},", 9);
            }
            o << "    };\n";
            o << "    static constexpr std::span<const sfcpp::picklist_entry> values{entries};\n";
        }
        for (const auto& c : p.constants)
            wrapped(o, "    static constexpr literal " + c.name + "{", {lit(c.value)}, "", "};", 8);
        o << "};\n\n";
    }

    // Members, in describe order: fields, then parent and child relationships.
    std::vector<member_decl> decls;
    for (const auto& f : m.fields)
        decls.push_back({"sfcpp::field<" + (f.picklist >= 0 ? Q : std::string()) + f.cpp_type + ", ",
                         flag_names(f.flags, "flag::"), f.member, field_comment(f)});
    for (const auto& p : m.parents) {
        const std::string via = "parent via " + d.fields[p.field_index].name;
        decls.push_back({p.target.empty() ? "sfcpp::dynamic_parent" : "sfcpp::parent<" + Q + p.target + ">", {}, p.member, via});
    }
    for (const auto& c : m.children)
        if (!c.member.empty())
            decls.push_back({"sfcpp::children<" + Q + c.target + ">", {}, c.member,
                             "child relationship " + c.describe->relationship_name + " (" + c.describe->child_sobject +
                                 "." + c.describe->field + ")"});

    // Without Boost.Describe, one plain struct; with it, a chain of parts of 52 members.
    const std::size_t parts =
        (!opt.describe || decls.size() <= members_per_part) ? 0 : (decls.size() + members_per_part - 1) / members_per_part;
    auto describe_list = [&](std::size_t from, std::size_t to) {
        std::vector<std::string> names;
        for (std::size_t i = from; i < to; ++i) names.push_back(decls[i].name);
        return names;
    };
    std::string base = "sfcpp::record_base";
    if (parts > 0) {
        o << "namespace detail {\n";
        for (std::size_t k = 0; k < parts; ++k) {
            const std::size_t from = k * members_per_part, to = std::min(decls.size(), from + members_per_part);
            const std::string part = S + "_part" + std::to_string(k);
            o << "struct " << part << " : " << base << " {\n";
            for (std::size_t i = from; i < to; ++i) write_member(o, decls[i]);
            o << "};\n";
            wrapped(o, "BOOST_DESCRIBE_STRUCT(" + part + ", (" + (k == 0 ? "" : S + "_part" + std::to_string(k - 1)) + "), (",
                    describe_list(from, to), ", ", "))", 4);
            o << "\n";
            base = part;
        }
        o << "}  // namespace detail\n\n";
        base = "detail::" + base;
    }

    o << "// " << (d.label.empty() ? d.name : d.label) << (d.custom ? " (custom object)" : "") << "\n";
    o << "struct " << S << " : " << base << " {\n";
    o << "    static constexpr std::string_view sobject_name = " << lit(d.name) << ";\n";
    o << "    using columns = " << S << "_columns;\n";
    o << "    static constexpr const sfcpp::object_info& sfcpp_info() noexcept;\n\n";
    if (parts == 0)
        for (const auto& dc : decls) write_member(o, dc);
    o << "};\n";
    if (opt.describe) {
        if (parts == 0) wrapped(o, "BOOST_DESCRIBE_STRUCT(" + S + ", (), (", describe_list(0, decls.size()), ", ", "))", 4);
        else o << "BOOST_DESCRIBE_STRUCT(" << S << ", (" << base << "), ())\n";
    }
    o << "\n";

    // The metadata table the codecs walk.
    o << "namespace detail {\n";
    o << "using ft = sfcpp::field_type;\nusing sk = sfcpp::storage_kind;\nusing key = sfcpp::key_entry;\n";
    o << "#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Winvalid-offsetof\"\n";
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
        const auto& fd = *m.fields[i].describe;
        if (fd.reference_to.empty()) continue;
        std::vector<std::string> refs;
        for (const auto& r : fd.reference_to) refs.push_back(lit(r));
        wrapped(o, "inline constexpr std::string_view " + S + "_refs_" + std::to_string(i) + "[] = {", refs, ", ", "};", 4);
    }
    o << "// name, label, type, storage, flags, offset, length, precision, scale, reference to, relationship,\n"
         "// compound field, picklist values, C++ member when it differs from the name\n";
    o << "inline constexpr sfcpp::field_info " << S << "_field_table[] = {\n";
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
        const auto& f = m.fields[i];
        const auto& fd = *f.describe;
        std::vector<std::string> items{lit(fd.name), lit(fd.label),
                                       "ft::" + f.type_enum, "sk::" + f.kind_enum, "decltype(" + S + "::" + f.member + ")::flags",
                                       "offsetof(" + S + ", " + f.member + ")", std::to_string(fd.length),
                                       std::to_string(fd.precision), std::to_string(fd.scale)};
        std::vector<std::string> tail{fd.reference_to.empty() ? "{}" : S + "_refs_" + std::to_string(i),
                                      lit(fd.relationship_name), lit(fd.compound_field_name),
                                      f.picklist >= 0 ? m.picklists[static_cast<std::size_t>(f.picklist)].type_name + "::values"
                                                      : "{}",
                                      f.member == fd.name ? "{}" : lit(f.member)};
        // Trailing empty members are left to their zero values.
        while (!tail.empty() && (tail.back() == "{}" || tail.back() == "\"\"")) tail.pop_back();
        items.insert(items.end(), tail.begin(), tail.end());
        wrapped(o, "    {", items, ", ", "},", 5);
    }
    o << "};\n";
    auto target = [&](const std::string& t) { return t.empty() ? std::string("{}") : "{nullptr, " + lit(opt.ns + "::" + t) + "}"; };
    if (!m.parents.empty()) {
        o << "inline constexpr sfcpp::parent_info " << S << "_parent_table[] = {\n";
        for (const auto& p : m.parents)
            wrapped(o, "    {", {lit(p.name), lit(p.member), std::to_string(p.field_index), "offsetof(" + S + ", " + p.member + ")",
                                 target(p.target)}, ", ", "},", 5);
        o << "};\n";
    }
    if (!m.children.empty()) {
        o << "inline constexpr sfcpp::child_info " << S << "_child_table[] = {\n";
        for (const auto& c : m.children) {
            const auto& cd = *c.describe;
            wrapped(o, "    {", {lit(cd.relationship_name), lit(cd.child_sobject), lit(cd.field), lit(c.member),
                                 c.member.empty() ? "sfcpp::no_member" : "offsetof(" + S + ", " + c.member + ")",
                                 target(c.member.empty() ? std::string() : c.target), cd.cascade_delete ? "true" : "false"},
                    ", ", "},", 5);
        }
        o << "};\n";
    }
    // Lookup index: every JSON key this record takes, sorted by byte order.
    struct key {
        std::string name;
        const char* kind;
        std::size_t index;
    };
    std::vector<key> keys;
    for (std::size_t i = 0; i < m.fields.size(); ++i) keys.push_back({m.fields[i].describe->name, "field", i});
    for (std::size_t i = 0; i < m.parents.size(); ++i) keys.push_back({m.parents[i].name, "parent", i});
    for (std::size_t i = 0; i < m.children.size(); ++i)
        if (!m.children[i].member.empty()) keys.push_back({m.children[i].describe->relationship_name, "child", i});
    std::sort(keys.begin(), keys.end(), [](const key& a, const key& b) { return a.name < b.name; });
    keys.erase(std::unique(keys.begin(), keys.end(), [](const key& a, const key& b) { return a.name == b.name; }),
               keys.end());
    o << "inline constexpr sfcpp::key_entry " << S << "_keys[] = {\n";
    for (const auto& k : keys) wrapped(o, "    {key::", {std::string(k.kind) + ",", std::to_string(k.index) + ",", lit(k.name)}, " ", "},", 5);
    o << "};\n";
    o << "inline constexpr sfcpp::object_info " << S << "_info{\n";
    wrapped(o, "    ", {lit(d.name), lit(d.label), lit(d.label_plural), lit(d.key_prefix)}, ", ", ",", 4);
    o << "    " << (d.custom ? "true" : "false") << ", " << (d.createable ? "true" : "false") << ", "
      << (d.updateable ? "true" : "false") << ", " << (d.deletable ? "true" : "false") << ", "
      << (d.queryable ? "true" : "false") << ",\n"
      << "    " << S << "_field_table,\n"
      << "    " << (m.parents.empty() ? "{}" : S + "_parent_table") << ",\n"
      << "    " << (m.children.empty() ? "{}" : S + "_child_table") << ",\n"
      << "    " << S << "_keys,\n"
      << "    offsetof(" << S << ", attributes),\n"
      << "    sfcpp::detail::ops_for<" << S << ">::value};\n";
    o << "#pragma GCC diagnostic pop\n";
    o << "// Lets records that lead here find this table without including this header.\n";
    wrapped(o, "inline const sfcpp::detail::record_registration " + S + "_registration{",
            {lit(opt.ns + "::" + S), S + "_info"}, ", ", "};", 4);
    o << "}  // namespace detail\n\n";
    o << "constexpr const sfcpp::object_info& " << S << "::sfcpp_info() noexcept {\n"
      << "    return detail::" << S << "_info;\n}\n\n";
    // Column tags: the compile-time face of each field, used by the SOQL builder. Inside
    // S_fields, `S` is the record: no tag takes the record's name.
    // With parts, a member pointer's class is the part: the tag names the record too.
    const std::string record_arg = parts > 0 ? ", " + S : "";
    auto tag = [&](const std::string& member, const std::string& base, const std::string& args) {
        const std::string head = "struct " + member + " : sfcpp::soql::" + base + "<&" + S + "::" + member + ", " + args +
                                 record_arg + ">";
        const std::string body = "SFCPP_COLUMN_MEMBER(" + member + ")";
        if (head.size() + body.size() + 6 <= max_columns) o << head << " { " << body << " };\n";
        else if (head.size() + 2 <= max_columns) o << head << " {\n    " << body << "\n};\n";
        else o << "struct " << member << "\n    : sfcpp::soql::" << base << "<&" << S << "::" << member << ", " << args << record_arg
               << "> {\n    " << body << "\n};\n";
    };
    write_comment(o, "// ", "One tag per field and relationship: `" + S + "_.Name` in a query is an " + S + "_fields::Name.");
    o << "namespace " << S << "_fields {\n";
    for (std::size_t i = 0; i < m.fields.size(); ++i) tag(m.fields[i].member, "field_column", std::to_string(i));
    for (std::size_t i = 0; i < m.parents.size(); ++i)
        tag(m.parents[i].member, "parent_column", std::to_string(i) + ", " + m.fields[m.parents[i].field_index].member);
    for (std::size_t i = 0; i < m.children.size(); ++i)
        if (!m.children[i].member.empty()) tag(m.children[i].member, "child_column", std::to_string(i));
    o << "}  // namespace " << S << "_fields\n\n";

    o << "struct " << S << "_columns {\n";
    for (const auto& f : m.fields) o << "    " << S << "_fields::" << f.member << " " << f.member << ";\n";
    for (const auto& p : m.parents) o << "    " << S << "_fields::" << p.member << " " << p.member << ";\n";
    for (const auto& c : m.children)
        if (!c.member.empty()) o << "    " << S << "_fields::" << c.member << " " << c.member << ";\n";
    o << "};\ninline constexpr " << S << "_columns " << S << "_{};\n\n";

    o << "}  // namespace " << opt.ns << "\n";
    return o.str();
}

std::string write_umbrella(const std::vector<object_model>& models, const generator_options& opt) {
    std::ostringstream o;
    o << "// sobjects.hpp: every generated sObject of namespace " << opt.ns << ".\n";
    write_comment(o, "// ", "Generated by: " + opt.command);
    o << "// Do not edit: regenerate instead.\n#pragma once\n\n";
    for (const auto& m : models) o << "#include \"" << m.struct_name << ".hpp\"\n";
    return o.str();
}

}  // namespace sfcpp::codegen
