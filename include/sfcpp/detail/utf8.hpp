// UTF-8 validation for text leaving the process: Salesforce reads JSON, CSV and SOQL as UTF-8,
// and bytes that are not would be refused by the whole request (or, in CSV, mangled), so they are
// stopped at the field or literal that holds them.
#pragma once

#include <sfcpp/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sfcpp::detail {

// The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF), or npos.
constexpr std::size_t invalid_utf8_at(std::string_view s) noexcept {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) len = 3, hi = 0x9F;
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) len = 4, hi = 0x8F;
        else return i;
        if (i + len > n) return i;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 < lo || c1 > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Throws encode_error (errc::invalid_utf8) unless `s` is UTF-8. The message starts with
// `prefix` ("sfcpp", "sfcpp::csv") and names `Object.Field` (or only one of them when the other
// is empty).
inline void require_utf8(std::string_view s, std::string_view prefix, std::string_view object,
                         std::string_view field) {
    const std::size_t at = invalid_utf8_at(s);
    if (at == std::string_view::npos) return;
    throw encode_error(errc::invalid_utf8, std::string(prefix) + ": " + field_path(object, field) +
                                               ": the text is not valid UTF-8 (byte " + std::to_string(at) +
                                               "); Salesforce takes UTF-8 only");
}

}  // namespace sfcpp::detail
