// sfcpp/soql/literal.hpp: values written as SOQL literals.
//
// Every value that reaches a query goes through these functions, so a value can never end a
// string literal early or add a clause: quotes, backslashes and control characters are escaped,
// numbers are written by std::to_chars (no locale), dates and datetimes in the forms SOQL reads.
//
// LIKE patterns: `%` and `_` in a LIKE value are wildcards and are passed through as given, so
// `like(f, "Acme%")` works as written. To match them literally, escape the user's text with
// like_escape(), or use contains() / starts_with() / ends_with(), which escape it for you.
//
// A value that has no SOQL form throws encode_error: NaN and infinity (errc::not_finite), text
// that is not UTF-8 (errc::invalid_utf8).
#pragma once

#include <sfcpp/datetime.hpp>
#include <sfcpp/detail/utf8.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/id.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace sfcpp::soql {

namespace detail {

inline void append_hex4(std::string& out, unsigned v) {
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xf];
}

// The body of a quoted literal. `like` also escapes the LIKE wildcards.
inline void append_escaped(std::string& out, std::string_view s, bool like) {
    sfcpp::detail::require_utf8(s, "sfcpp::soql", "", "a string literal");
    for (const char c : s) {
        switch (c) {
        case '\'': out += "\\'"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '%':
        case '_':
            if (like) out += '\\';
            out += c;
            break;
        default:
            // Other control characters have no short escape; UTF-8 bytes (>= 0x80) pass unchanged.
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) append_hex4(out, static_cast<unsigned char>(c));
            else out += c;
        }
    }
}

}  // namespace detail

// 'text' with every special character escaped.
inline void append_quoted(std::string& out, std::string_view s) {
    out += '\'';
    detail::append_escaped(out, s, false);
    out += '\'';
}

inline std::string quote(std::string_view s) {
    std::string out;
    append_quoted(out, s);
    return out;
}

// A LIKE pattern that matches `s` literally: `%` and `_` become `\%` and `\_`. The result is
// still raw text (not quoted): add wildcards around it and pass it to like().
struct like_pattern {
    std::string text;  // already escaped for LIKE, wildcards included
};

inline like_pattern like_escape(std::string_view s) {
    like_pattern p;
    detail::append_escaped(p.text, s, true);
    return p;
}

// `%` + escaped + `%` and friends, for like().
inline like_pattern contains_pattern(std::string_view s) {
    like_pattern p{"%"};
    detail::append_escaped(p.text, s, true);
    p.text += '%';
    return p;
}
inline like_pattern starts_with_pattern(std::string_view s) {
    like_pattern p;
    detail::append_escaped(p.text, s, true);
    p.text += '%';
    return p;
}
inline like_pattern ends_with_pattern(std::string_view s) {
    like_pattern p{"%"};
    detail::append_escaped(p.text, s, true);
    return p;
}

// A LIKE pattern: the user's `%` and `_` stay wildcards; the runs between them are escaped.
inline void append_like_literal(std::string& out, std::string_view pattern) {
    sfcpp::detail::require_utf8(pattern, "sfcpp::soql", "", "a LIKE pattern");
    out += '\'';
    std::size_t run = 0;
    for (std::size_t i = 0; i <= pattern.size(); ++i) {
        if (i < pattern.size() && pattern[i] != '%' && pattern[i] != '_') continue;
        detail::append_escaped(out, pattern.substr(run, i - run), false);
        if (i < pattern.size()) out += pattern[i];
        run = i + 1;
    }
    out += '\'';
}
// An already escaped pattern (from like_escape() and friends), quoted as is.
inline void append_like_literal(std::string& out, const like_pattern& p) {
    out += '\'';
    out += p.text;
    out += '\'';
}

inline void append_literal(std::string& out, bool v) { out += v ? "true" : "false"; }

template <class T>
    requires(std::integral<T> && !std::same_as<T, bool>)
void append_literal(std::string& out, T v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Fixed notation, shortest text that reads back to the same double (SOQL has no exponent form).
inline void append_literal(std::string& out, double v) {
    if (!std::isfinite(v)) throw encode_error(errc::not_finite, "sfcpp::soql: NaN and infinity have no SOQL literal");
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    if (r.ec != std::errc{})
        throw encode_error(errc::number_out_of_range, "sfcpp::soql: number too long for a SOQL literal");
    out.append(buf, r.ptr);
}
inline void append_literal(std::string& out, float v) { append_literal(out, static_cast<double>(v)); }

// Dates and datetimes are not quoted in SOQL.
inline void append_literal(std::string& out, const sfcpp::date& d) { d.append_to(out); }

// yyyy-MM-ddTHH:mm:ssZ in UTC; the milliseconds are written (.SSS) only when not zero.
inline void append_literal(std::string& out, const sfcpp::datetime& dt) {
    std::string s = dt.to_string();  // yyyy-MM-ddTHH:mm:ss.SSSZ
    if (s.compare(19, 4, ".000") == 0) s.erase(19, 4);
    out += s;
}

// HH:mm:ss.SSSZ, unquoted.
inline void append_literal(std::string& out, const sfcpp::time_of_day& t) { t.append_to(out); }

// Ids are quoted; an sfcpp::id holds only letters and digits.
inline void append_literal(std::string& out, const sfcpp::id& v) { append_quoted(out, v.str()); }

inline void append_literal(std::string& out, std::string_view s) { append_quoted(out, s); }
inline void append_literal(std::string& out, const std::string& s) { append_quoted(out, s); }
inline void append_literal(std::string& out, const char* s) { append_quoted(out, s); }
inline void append_literal(std::string& out, std::nullptr_t) { out += "null"; }

}  // namespace sfcpp::soql
