// sfcpp/id.hpp: Salesforce record ids.
//
// An id has a 15-character case-sensitive form and an 18-character form whose last three
// characters are a checksum of the letter case of the first fifteen, so that it survives
// case-insensitive tools (spreadsheets, some databases). sfcpp::id always stores the 18-character
// form: an id read as 15 characters equals the same id read as 18.
//
// Depends on the standard library and sfcpp/error.hpp only.
#pragma once

#include <sfcpp/error.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace sfcpp {

namespace detail {

inline constexpr std::string_view id_checksum_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

// Plain ASCII tests: <cctype> depends on the C locale, and ids are ASCII whatever the locale.
constexpr bool id_is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool id_is_char(char c) noexcept {
    return id_is_upper(c) || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
constexpr char id_to_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// The three suffix characters for the first 15 characters of an id: one per group of five,
// with bit i set when character i of the group is an upper-case letter.
constexpr std::array<char, 3> id_checksum(std::string_view first15) noexcept {
    std::array<char, 3> out{};
    for (std::size_t group = 0; group < 3; ++group) {
        unsigned bits = 0;
        for (std::size_t i = 0; i < 5; ++i) {
            if (id_is_upper(first15[group * 5 + i])) bits |= 1u << i;
        }
        out[group] = id_checksum_alphabet[bits];
    }
    return out;
}

enum class id_problem : unsigned char { none, length, character, checksum };

// What is wrong with `s` as an id; `where` receives the offset of a bad character.
constexpr id_problem check_id(std::string_view s, std::size_t* where = nullptr) noexcept {
    if (s.size() != 15 && s.size() != 18) return id_problem::length;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!id_is_char(s[i])) {
            if (where) *where = i;
            return id_problem::character;
        }
    }
    if (s.size() == 18) {
        // The suffix encodes only letter case, so tools that upper- or lower-case the whole id
        // change the suffix too: compare it without regard to case.
        const auto sum = id_checksum(s.substr(0, 15));
        for (std::size_t i = 0; i < 3; ++i) {
            if (id_to_upper(s[15 + i]) != sum[i]) return id_problem::checksum;
        }
    }
    return id_problem::none;
}

[[noreturn]] inline void throw_invalid_id(std::string_view s) {
    std::size_t where = 0;
    const id_problem problem = check_id(s, &where);
    std::string msg = "sfcpp::id: invalid Salesforce id \"";
    // Quote only the start: the text may be a whole response body sent to the wrong place.
    constexpr std::size_t max_quoted = 40;
    for (char c : s.substr(0, max_quoted)) msg += (c < 0x20 || c == 0x7f) ? '?' : c;
    msg += s.size() > max_quoted ? "...\": " : "\": ";
    switch (problem) {
    case id_problem::length:
        msg += "expected 15 or 18 letters and digits, got " + std::to_string(s.size()) + " characters";
        break;
    case id_problem::character:
        msg += "character at offset " + std::to_string(where) + " is not a letter or digit";
        break;
    case id_problem::checksum: {
        const auto sum = id_checksum(s.substr(0, 15));
        msg += "the last 3 characters should be \"";
        msg.append(sum.data(), sum.size());
        msg += "\", the checksum of the first 15";
        break;
    }
    case id_problem::none:
        msg += "unexpected";  // not reached: callers throw only for invalid text
        break;
    }
    throw invalid_value(errc::invalid_id, msg);
}

}  // namespace detail

class id {
public:
    static constexpr std::size_t short_length = 15;
    static constexpr std::size_t long_length = 18;

    // The empty id: no record. Generated records default-construct their fields.
    constexpr id() noexcept = default;

    // Throws invalid_value (errc::invalid_id) naming the text and what is wrong with it.
    constexpr explicit id(std::string_view s) {
        if (detail::check_id(s) != detail::id_problem::none) detail::throw_invalid_id(s);
        assign(s);
    }

    static constexpr std::optional<id> parse(std::string_view s) noexcept {
        if (detail::check_id(s) != detail::id_problem::none) return std::nullopt;
        id out;
        out.assign(s);
        return out;
    }

    // Like parse(), but an 18-character id keeps its suffix without checking it: for data that
    // was masked or edited by hand (recorded fixtures), never for ids typed by users.
    static constexpr std::optional<id> parse_unverified(std::string_view s) noexcept {
        const auto problem = detail::check_id(s);
        if (problem != detail::id_problem::none && problem != detail::id_problem::checksum) return std::nullopt;
        id out;
        for (std::size_t i = 0; i < s.size(); ++i) out.chars_[i] = s[i];
        if (s.size() == short_length) {
            const auto sum = detail::id_checksum(s);
            for (std::size_t i = 0; i < 3; ++i) out.chars_[short_length + i] = sum[i];
        }
        return out;
    }

    static constexpr bool is_valid(std::string_view s) noexcept {
        return detail::check_id(s) == detail::id_problem::none;
    }

    constexpr bool empty() const noexcept { return chars_[0] == '\0'; }
    constexpr explicit operator bool() const noexcept { return !empty(); }

    // The 18-character form; an empty view for the empty id.
    constexpr std::string_view str() const noexcept {
        return empty() ? std::string_view{} : std::string_view(chars_.data(), long_length);
    }
    // The 15-character, case-sensitive form.
    constexpr std::string_view str15() const noexcept { return str().substr(0, empty() ? 0 : short_length); }
    // The first three characters name the object type ("001" is Account, "003" Contact).
    constexpr std::string_view key_prefix() const noexcept { return str().substr(0, empty() ? 0 : 3); }

    std::string to_string() const { return std::string(str()); }

    // Storage is always the 18-character form with an upper-case suffix, so member-wise
    // comparison is id comparison. The empty id sorts first.
    friend constexpr bool operator==(const id&, const id&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const id&, const id&) noexcept = default;

private:
    // `s` has been checked: 15 or 18 letters and digits with a matching checksum.
    constexpr void assign(std::string_view s) noexcept {
        for (std::size_t i = 0; i < short_length; ++i) chars_[i] = s[i];
        const auto sum = detail::id_checksum(s.substr(0, short_length));
        for (std::size_t i = 0; i < 3; ++i) chars_[short_length + i] = sum[i];
    }

    std::array<char, long_length> chars_{};  // all '\0' while empty
};

// A template over the traits so that this header needs only <iosfwd>; the body is compiled
// where it is used, and there the caller has <ostream>.
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, const id& x) {
    return os << x.str();
}

}  // namespace sfcpp

template <>
struct std::hash<sfcpp::id> {
    std::size_t operator()(const sfcpp::id& x) const noexcept { return std::hash<std::string_view>{}(x.str()); }
};
