// sfcpp/detail/impl/json_encoder.ipp: the JSON encoder. Included by json_encoder.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/detail/json_encoder.hpp>

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

namespace sfcpp {
namespace detail {

SFCPP_DECL void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // bytes to copy as they are
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

SFCPP_DECL void append_number(std::string& out, double d, std::string_view object, std::string_view field) {
    if (!std::isfinite(d))
        throw encode_error(errc::not_finite,
                           "sfcpp: " + field_path(object, field) + ": NaN and infinity cannot be sent to Salesforce");
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, r.ptr);
}

SFCPP_DECL void encode_result(const void* result, const object_info& elem, std::string& out,
                              const encode_options& opt) {
    const auto* h = elem.ops.result_header(const_cast<void*>(result));
    out += "{\"totalSize\":";
    append_integer(out, h->total_size);
    out += ",\"done\":";
    out += h->done ? "true" : "false";
    if (!h->next_records_url.empty()) {
        out += ",\"nextRecordsUrl\":";
        append_json_string(out, h->next_records_url);
    }
    out += ",\"records\":[";
    const std::size_t n = elem.ops.result_size(result);
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ',';
        encode_record(elem.ops.result_at(result, i), elem, out, opt);
    }
    out += "]}";
}

SFCPP_DECL void encode_value(const void* rec, const object_info& info, const field_info& f, std::string& out) {
    switch (f.kind) {
    case storage_kind::string: {
        const auto& text = value_of<std::string>(rec, f);
        require_utf8(text, "sfcpp", info.name, f.name);
        append_json_string(out, text);
        return;
    }
    case storage_kind::id: append_json_string(out, value_of<sfcpp::id>(rec, f).str()); return;
    case storage_kind::boolean: out += value_of<bool>(rec, f) ? "true" : "false"; return;
    case storage_kind::int32: append_integer(out, value_of<std::int32_t>(rec, f)); return;
    case storage_kind::int64: append_integer(out, value_of<std::int64_t>(rec, f)); return;
    case storage_kind::float64:
        append_number(out, value_of<double>(rec, f), info.name, f.name);
        return;
    case storage_kind::date: {
        out += '"';
        value_of<sfcpp::date>(rec, f).append_to(out);
        out += '"';
        return;
    }
    case storage_kind::datetime: {
        out += '"';
        value_of<sfcpp::datetime>(rec, f).append_to(out);
        out += '"';
        return;
    }
    case storage_kind::time: {
        out += '"';
        value_of<sfcpp::time_of_day>(rec, f).append_to(out);
        out += '"';
        return;
    }
    case storage_kind::multipicklist: {
        std::string joined;
        join_multipicklist(value_of<std::vector<std::string>>(rec, f), joined);
        require_utf8(joined, "sfcpp", info.name, f.name);
        append_json_string(out, joined);
        return;
    }
    case storage_kind::address: {
        const auto& a = value_of<sfcpp::address>(rec, f);
        out += '{';
        bool first = true;
        // Absent parts are left out: Salesforce omits stateCode/countryCode where state and
        // country picklists are off.
        auto str = [&](const char* k, const std::optional<std::string>& v) {
            if (!v) return;
            out += first ? "\"" : ",\"";
            first = false;
            out += k;
            out += "\":";
            require_utf8(*v, "sfcpp", info.name, f.name);
            append_json_string(out, *v);
        };
        auto num = [&](const char* k, const std::optional<double>& v) {
            if (!v) return;
            out += first ? "\"" : ",\"";
            first = false;
            out += k;
            out += "\":";
            append_number(out, *v, info.name, f.name);
        };
        str("city", a.city);
        str("country", a.country);
        str("countryCode", a.country_code);
        str("geocodeAccuracy", a.geocode_accuracy);
        num("latitude", a.latitude);
        num("longitude", a.longitude);
        str("postalCode", a.postal_code);
        str("state", a.state);
        str("stateCode", a.state_code);
        str("street", a.street);
        out += '}';
        return;
    }
    case storage_kind::location: {
        const auto& l = value_of<sfcpp::location>(rec, f);
        out += "{\"latitude\":";
        if (l.latitude) append_number(out, *l.latitude, info.name, f.name); else out += "null";
        out += ",\"longitude\":";
        if (l.longitude) append_number(out, *l.longitude, info.name, f.name); else out += "null";
        out += '}';
        return;
    }
    case storage_kind::json: out += boost::json::serialize(value_of<boost::json::value>(rec, f)); return;
    }
}

SFCPP_DECL void encode_record(const void* rec, const object_info& info, std::string& out, const encode_options& opt) {
    out += '{';
    bool first = true;
    auto key = [&](std::string_view k) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, k);
        out += ':';
    };
    if (opt.mode == write_mode::all && opt.attributes) {
        const auto& a = *reinterpret_cast<const record_attributes*>(at(rec, info.attributes_offset));
        if (!a.type.empty() || !a.url.empty()) {
            key("attributes");
            out += "{\"type\":";
            append_json_string(out, a.type.empty() ? info.name : std::string_view(a.type));
            if (!a.url.empty()) {
                out += ",\"url\":";
                append_json_string(out, a.url);
            }
            out += '}';
        }
    }
    for (const auto& f : info.fields) {
        const field_state st = state_of(rec, f);
        if (st == field_state::not_set || !field_wanted(f, opt.mode)) continue;
        key(f.name);
        if (st == field_state::null) out += "null";
        else encode_value(rec, info, f, out);
    }
    for (const auto& p : info.parents) {
        if (p.target) {
            const parent_slot& ps = parent_at(rec, p);
            if (ps.state_ == field_state::not_set) continue;
            key(p.name);
            if (ps.state_ == field_state::null || !ps.ptr_) out += "null";
            else {
                // A parent in a write names the parent by external id: its own fields only.
                encode_options inner = opt;
                if (opt.mode != write_mode::all) inner.mode = write_mode::all, inner.attributes = false;
                encode_record(ps.ptr_, p.target(), out, inner);
            }
        } else {
            const auto& dp = *reinterpret_cast<const dynamic_parent*>(at(rec, p.offset));
            if (!dp.is_set()) continue;
            key(p.name);
            out += boost::json::serialize(dp.json());
        }
    }
    if (opt.mode == write_mode::all) {
        for (const auto& c : info.children) {
            if (c.offset == no_member) continue;
            const children_slot& cs = children_at(rec, c);
            if (cs.state_ == field_state::not_set) continue;
            key(c.name);
            if (cs.state_ == field_state::null) out += "null";
            else if (!cs.result_) out += "{\"totalSize\":0,\"done\":true,\"records\":[]}";
            else encode_result(cs.result_, c.target(), out, opt);
        }
    }
    out += '}';
}

SFCPP_DECL void check_write(const void* rec, const object_info& info, write_mode mode) {
    if (mode == write_mode::all) return;
    std::string bad, missing;
    std::vector<std::string> fields;  // each offending field once, in table order
    const auto note = [&](std::string& list, const field_info& f, const char* why) {
        std::string name = field_path(info.name, f.name);
        list += (list.empty() ? "" : ", ") + name + why;
        if (fields.empty() || fields.back() != name) fields.push_back(std::move(name));
    };
    for (const auto& f : info.fields) {
        const field_state st = state_of(rec, f);
        if (st != field_state::not_set && !field_wanted(f, mode) && f.name != "Id") note(bad, f, "");
        if (mode == write_mode::create && flag::required_on_create(f.flags) && st != field_state::value)
            note(missing, f, "");
        if (st == field_state::null && !f.has(flag::nillable)) note(bad, f, " (not nillable)");
    }
    if (fields.empty()) return;
    std::string msg = "sfcpp: " + std::string(info.name) + " cannot be " +
                      (mode == write_mode::create ? "created" : "updated") + ":";
    if (!bad.empty())
        msg += std::string(" fields not ") + (mode == write_mode::create ? "createable" : "updateable") + ": " + bad + ";";
    if (!missing.empty()) msg += " required fields not set: " + missing + ";";
    msg.pop_back();
    throw write_check_error(msg, std::move(fields));
}

}  // namespace detail
}  // namespace sfcpp
