// sfcpp/detail/impl/json_decoder_values.ipp: the json_decoder members that store scalar values
// into fields (strings, ids, dates, numbers). Part of json_decoder.ipp.
#pragma once

#include <sfcpp/detail/impl/json_decoder.ipp>

namespace sfcpp {
namespace detail {

inline bool json_decoder::on_scalar_string(std::string_view v) {
    if (stack_.empty()) return fail(errc::wrong_type, "expected a JSON object");
    frame& top = stack_.back();
    if (top.kind == frame_kind::skip) return true;
    if (top.kind == frame_kind::dom) { dom_count_inc(); dom_.push_string(v); return true; }
    const pending p = take();
    switch (p.kind) {
    case slot_kind::field: return string_into_field(top.target, p, v);
    case slot_kind::result_next:
        static_cast<query_result_header*>(top.target)->next_records_url.assign(v);
        return true;
    case slot_kind::attr_type: static_cast<record_attributes*>(top.target)->type.assign(v); return true;
    case slot_kind::attr_url: static_cast<record_attributes*>(top.target)->url.assign(v); return true;
    case slot_kind::address_part: {
        auto& a = *static_cast<sfcpp::address*>(top.target);
        std::optional<std::string>* parts[] = {&a.street, &a.city, &a.state, &a.state_code, &a.postal_code,
                                               &a.country, &a.country_code, nullptr, nullptr, &a.geocode_accuracy};
        auto* dst = parts[p.part];
        if (!dst) { next_ = p; return fail(errc::wrong_type, "address latitude/longitude must be a number"); }
        dst->emplace(v);
        return true;
    }
    default: return expect_known(p, "a string");
    }
}

inline bool json_decoder::string_into_field(void* rec, const pending& p, std::string_view v) {
    const field_info& f = *p.field;
    // The field stays as it was when the text does not fit it.
    const auto bad = [&](errc code, const char* expected) {
        next_ = p;
        return mismatch(code, expected, quote_excerpt(v));
    };
    switch (f.kind) {
    case storage_kind::string: set<std::string>(rec, f, std::string(v)); return true;
    case storage_kind::id: {
        if (v.empty()) {  // some endpoints send "" for an empty reference
            clear_value(rec, f);
            state_of(rec, f) = field_state::null;
            return true;
        }
        auto parsed = options_.verify_id_checksums ? sfcpp::id::parse(v) : sfcpp::id::parse_unverified(v);
        if (!parsed) return bad(errc::invalid_id, "a Salesforce id");
        set<sfcpp::id>(rec, f, *parsed);
        return true;
    }
    case storage_kind::date: {
        auto d = sfcpp::date::parse(v);
        if (!d) return bad(errc::invalid_date, "a date (yyyy-MM-dd)");
        set<sfcpp::date>(rec, f, *d);
        return true;
    }
    case storage_kind::datetime: {
        auto d = sfcpp::datetime::parse(v);
        if (!d) return bad(errc::invalid_datetime, "a datetime (yyyy-MM-ddTHH:mm:ss.SSS+0000)");
        set<sfcpp::datetime>(rec, f, *d);
        return true;
    }
    case storage_kind::time: {
        auto t = sfcpp::time_of_day::parse(v);
        if (!t) return bad(errc::invalid_time, "a time (HH:mm:ss.SSSZ)");
        set<sfcpp::time_of_day>(rec, f, *t);
        return true;
    }
    case storage_kind::multipicklist: {
        std::vector<std::string> parts;
        split_multipicklist(v, parts);
        set<std::vector<std::string>>(rec, f, std::move(parts));
        return true;
    }
    case storage_kind::json: set<boost::json::value>(rec, f, boost::json::string(v)); return true;
    case storage_kind::int32:
    case storage_kind::int64:
    case storage_kind::float64: {
        // Some APIs (and formula fields through some endpoints) quote numbers.
        double d = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec == std::errc::result_out_of_range) return bad(errc::number_out_of_range, kind_name(f.kind));
        if (ec != std::errc{} || ptr != v.data() + v.size() || !std::isfinite(d))  // "nan" is no number here
            return bad(errc::wrong_type, kind_name(f.kind));
        const std::optional<std::int64_t> i = exact_int64(d);
        return on_number_into(rec, p, d, i ? &*i : nullptr, nullptr, v);
    }
    default: return bad(errc::wrong_type, kind_name(f.kind));
    }
}

inline bool json_decoder::on_number(double d, const std::int64_t* i, const std::uint64_t* u,
                                     boost::json::string_view s) {
    if (stack_.empty()) return fail(errc::wrong_type, "expected a JSON object");
    frame& top = stack_.back();
    std::string_view text(s.data(), s.size());
    if (!number_.empty()) {
        number_.append(s.data(), s.size());
        text = number_;
    }
    struct clear_on_exit {
        std::string& s;
        ~clear_on_exit() { s.clear(); }
    } guard{number_};
    if (top.kind == frame_kind::skip) return true;
    if (top.kind == frame_kind::dom) {
        dom_count_inc();
        if (i) dom_.push_int64(*i);
        else if (u) dom_.push_uint64(*u);
        else dom_.push_double(d);
        return true;
    }
    const pending p = take();
    switch (p.kind) {
    case slot_kind::field: return on_number_into(top.target, p, d, i, u, text);
    case slot_kind::result_total: {
        auto& head = *static_cast<query_result_header*>(top.target);
        if (i) head.total_size = *i;
        else if (const auto n = exact_int64(d)) head.total_size = *n;
        else return fail(errc::number_out_of_range, "totalSize is not a whole number in range: " + std::string(text));
        return true;
    }
    case slot_kind::address_part: {
        auto& a = *static_cast<sfcpp::address*>(top.target);
        if (p.part == 7) a.latitude = d;
        else if (p.part == 8) a.longitude = d;
        else { next_ = p; return fail(errc::wrong_type, "address part must be a string, got " + std::string(text)); }
        return true;
    }
    case slot_kind::location_part: {
        auto& l = *static_cast<sfcpp::location*>(top.target);
        (p.part == 0 ? l.latitude : l.longitude) = d;
        return true;
    }
    default: return expect_known(p, "a number");
    }
}

inline bool json_decoder::on_number_into(void* rec, const pending& p, double d, const std::int64_t* i,
                                          const std::uint64_t* u, std::string_view text) {
    const field_info& f = *p.field;
    switch (f.kind) {
    case storage_kind::float64: set<double>(rec, f, d); return true;
    case storage_kind::int64:
    case storage_kind::int32: {
        std::int64_t v = 0;
        if (i) v = *i;
        else if (const auto n = exact_int64(d); !u && n) v = *n;
        else { next_ = p; return mismatch(errc::number_out_of_range, "an integer", text); }
        if (f.kind == storage_kind::int32) {
            if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max()) {
                next_ = p;
                return mismatch(errc::number_out_of_range, "a 32-bit integer", text);
            }
            set<std::int32_t>(rec, f, static_cast<std::int32_t>(v));
        } else {
            set<std::int64_t>(rec, f, v);
        }
        return true;
    }
    case storage_kind::json:
        if (i) set<boost::json::value>(rec, f, *i);
        else if (u) set<boost::json::value>(rec, f, *u);
        else set<boost::json::value>(rec, f, d);
        return true;
    default: next_ = p; return mismatch(errc::wrong_type, kind_name(f.kind), text);
    }
}

}  // namespace detail
}  // namespace sfcpp
