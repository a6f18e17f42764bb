// SOQL shape: SQLite rows back to the JSON the REST API returns: records with attributes, nested
// parents, TYPEOF parents, compound fields, child subquery results, and AggregateResult rows.
#include "soql_stages.hpp"

#include <sfcpp_emulator/store.hpp>

namespace sfcpp_emulator::soql {

record_shape::entry& record_shape::find_or_add(const std::string& key) {
    for (auto& e : entries)
        if (lower(e.key) == lower(key)) return e;
    entries.emplace_back();
    entries.back().key = key;
    return entries.back();
}

namespace {

namespace json = boost::json;

json::object attributes(const std::string& type, std::string_view version, const std::string& id) {
    return json::object{{"type", type}, {"url", "/services/data/" + std::string(version) + "/sobjects/" + type + "/" + id}};
}

json::value shape_typeof(const typeof_shape& p, const statement& row, std::string_view version) {
    if (row.is_null(p.id_col)) return nullptr;
    const std::string type = p.fixed ? p.fixed->name() : row.as_text(p.type_col);
    json::object parent;
    parent["attributes"] = attributes(type, version, row.as_text(p.id_col));
    auto it = p.by_type.find(type);
    for (const auto& c : it != p.by_type.end() ? it->second : p.otherwise)
        parent[c.key] = store::column_json(*c.field, row, c.col);
    return parent;
}

// A record, or null for a parent the row has none of.
json::value shape_object(const record_shape& n, const statement& row, std::string_view version,
                         const child_records& children) {
    if (row.is_null(n.id_col)) return nullptr;
    json::object out;
    const std::string id = row.as_text(n.id_col);
    out["attributes"] = attributes(n.type_col >= 0 ? row.as_text(n.type_col) : n.obj->name(), version, id);
    for (const auto& e : n.entries) {
        if (e.parent) {
            out[e.key] = shape_object(*e.parent, row, version, children);
        } else if (e.typeof_) {
            out[e.key] = shape_typeof(*e.typeof_, row, version);
        } else if (e.child >= 0) {
            result sub = children(e.child, id);
            if (sub.records.empty()) out[e.key] = nullptr;
            else out[e.key] = json::object{{"totalSize", sub.total_size}, {"done", true}, {"records", std::move(sub.records)}};
        } else if (!e.components.empty() || store::is_compound(*e.field)) {
            std::map<std::string, json::value> parts;
            for (const auto& [cf, col] : e.components) parts[cf->name] = store::column_json(*cf, row, col);
            out[e.key] = store::compound_value(*n.obj, *e.field, parts);
        } else {
            out[e.key] = store::column_json(*e.field, row, e.col);
        }
    }
    return out;
}

}  // namespace

json::object shape_record(const record_shape& shape, const statement& row, std::string_view version,
                          const child_records& children) {
    return shape_object(shape, row, version, children).as_object();
}

json::object shape_aggregate(const std::vector<aggregate_output>& outputs, const statement& row) {
    json::object rec;
    rec["attributes"] = json::object{{"type", "AggregateResult"}};
    auto real_or_null = [&](int col) { return row.is_null(col) ? json::value() : json::value(row.as_double(col)); };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const auto& o = outputs[i];
        const int col = static_cast<int>(i);
        const std::string_view fn = o.call ? std::string_view(o.call->function) : std::string_view();
        // SUM of an int field is an int; of anything else, and every AVG, a real.
        const bool int_field = o.field && type_of(*o.field) == sfcpp::field_type::int_;
        if (fn == "COUNT" || fn == "COUNT_DISTINCT" || fn == "GROUPING") rec[o.key] = row.as_int(col);
        else if (fn == "AVG" || (fn == "SUM" && o.field && !int_field)) rec[o.key] = real_or_null(col);
        else if (fn == "SUM") rec[o.key] = row.is_null(col) ? json::value() : json::value(row.as_int(col));
        else rec[o.key] = store::column_json(*o.field, row, col);
    }
    return rec;
}

}  // namespace sfcpp_emulator::soql
