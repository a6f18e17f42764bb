// sfcpp/datetime.hpp: Salesforce date, dateTime and time values.
//
// Built on the std::chrono calendar types. The text forms are parsed and written by hand:
// libstdc++ 12 has no std::chrono::parse or std::format, and a locale or a stream has no place
// in a loop that decodes a million records.
//
// Only years 0000 to 9999 are representable, as in Salesforce.
//
// Depends on the standard library and sfcpp/error.hpp only.
#pragma once

#include <sfcpp/error.hpp>

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace sfcpp {

namespace detail {

// Reads the text left to right. When a read fails, `pos` is left at the offending character,
// so that error messages can say where the problem is.
struct text_cursor {
    std::string_view s;
    std::size_t pos = 0;

    constexpr bool at_end() const noexcept { return pos == s.size(); }

    constexpr bool eat(char c) noexcept {
        if (pos < s.size() && s[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }

    // Exactly n decimal digits. Written by hand rather than with std::from_chars, which would
    // take fewer digits or a '-' sign, and which is not constexpr in C++20.
    constexpr bool digits(std::size_t n, unsigned& out) noexcept {
        unsigned v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (pos + i >= s.size() || s[pos + i] < '0' || s[pos + i] > '9') {
                pos += i;
                return false;
            }
            v = v * 10 + static_cast<unsigned>(s[pos + i] - '0');
        }
        pos += n;
        out = v;
        return true;
    }

    // n digits with a value no greater than max; on a range error `pos` stays at the first digit.
    constexpr bool digits_upto(std::size_t n, unsigned max, unsigned& out) noexcept {
        const std::size_t start = pos;
        if (!digits(n, out)) return false;
        if (out > max) {
            pos = start;
            return false;
        }
        return true;
    }
};

// yyyy-MM-dd, a real calendar date.
constexpr bool read_date(text_cursor& c, std::chrono::year_month_day& out) noexcept {
    unsigned y = 0, m = 0, d = 0;
    if (!c.digits(4, y) || !c.eat('-')) return false;
    if (!c.digits_upto(2, 12, m)) return false;
    if (m == 0) {
        c.pos -= 2;
        return false;
    }
    if (!c.eat('-')) return false;
    const std::size_t day_pos = c.pos;
    if (!c.digits(2, d)) return false;
    const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m},
                                          std::chrono::day{d}};
    if (!ymd.ok()) {
        c.pos = day_pos;
        return false;
    }
    out = ymd;
    return true;
}

// HH:mm:ss with an optional fraction of 1 to 9 digits, truncated to milliseconds (Salesforce
// stores milliseconds; other tools send micro- or nanoseconds).
constexpr bool read_time(text_cursor& c, std::chrono::milliseconds& out) noexcept {
    unsigned h = 0, m = 0, s = 0, ms = 0;
    if (!c.digits_upto(2, 23, h) || !c.eat(':')) return false;
    if (!c.digits_upto(2, 59, m) || !c.eat(':')) return false;
    if (!c.digits_upto(2, 59, s)) return false;
    if (c.eat('.')) {
        std::size_t n = 0;
        while (c.pos < c.s.size() && c.s[c.pos] >= '0' && c.s[c.pos] <= '9') {
            if (n == 9) return false;
            if (n < 3) ms = ms * 10 + static_cast<unsigned>(c.s[c.pos] - '0');
            ++n;
            ++c.pos;
        }
        if (n == 0) return false;
        for (; n < 3; ++n) ms *= 10;
    }
    out = std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s} + std::chrono::milliseconds{ms};
    return true;
}

// Z, +hhmm, -hhmm, +hh:mm or -hh:mm; the result is what to add to UTC to get local time.
constexpr bool read_offset(text_cursor& c, std::chrono::minutes& out) noexcept {
    if (c.eat('Z')) {
        out = std::chrono::minutes{0};
        return true;
    }
    const bool negative = c.pos < c.s.size() && c.s[c.pos] == '-';
    if (!c.eat('+') && !c.eat('-')) return false;
    unsigned h = 0, m = 0;
    if (!c.digits_upto(2, 23, h)) return false;
    c.eat(':');
    if (!c.digits_upto(2, 59, m)) return false;
    const std::chrono::minutes off = std::chrono::hours{h} + std::chrono::minutes{m};
    out = negative ? -off : off;
    return true;
}

constexpr char* write_digits(char* p, unsigned v, int n) noexcept {
    for (int i = n - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return p + n;
}

constexpr char* write_date(char* p, const std::chrono::year_month_day& ymd) noexcept {
    p = write_digits(p, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
    *p++ = '-';
    p = write_digits(p, static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    return write_digits(p, static_cast<unsigned>(ymd.day()), 2);
}

// HH:mm:ss.SSS for a duration in [0, 24h).
constexpr char* write_time(char* p, std::chrono::milliseconds since_midnight) noexcept {
    const auto ms = static_cast<unsigned>(since_midnight.count());
    p = write_digits(p, ms / 3'600'000, 2);
    *p++ = ':';
    p = write_digits(p, ms / 60'000 % 60, 2);
    *p++ = ':';
    p = write_digits(p, ms / 1000 % 60, 2);
    *p++ = '.';
    return write_digits(p, ms % 1000, 3);
}

[[noreturn]] inline void throw_bad_time_text(errc code, const char* where, const char* expected,
                                             std::string_view input, std::size_t offset) {
    std::string msg = where;
    msg += ": expected ";
    msg += expected;
    msg += ", got \"";
    // Quote only the start: the text may be a whole document sent to the wrong place.
    constexpr std::size_t max_quoted = 40;
    for (char c : input.substr(0, max_quoted)) msg += (c < 0x20 || c == 0x7f) ? '?' : c;
    msg += input.size() > max_quoted ? "...\"" : "\"";
    msg += " (problem at offset " + std::to_string(offset) + ")";
    throw invalid_value(code, msg);
}

inline constexpr std::chrono::sys_days min_day{std::chrono::year{0} / std::chrono::January / 1};
inline constexpr std::chrono::sys_days max_day{std::chrono::year{9999} / std::chrono::December / 31};

}  // namespace detail

// A calendar date (Salesforce `date`), years 0000 to 9999.
class date {
public:
    // 1970-01-01: generated records default-construct their fields, and chrono's own
    // default year_month_day is not a valid date.
    constexpr date() noexcept = default;

    // Throws invalid_value (errc::invalid_date) unless `ymd` is a valid date in years 0000 to 9999.
    constexpr explicit date(std::chrono::year_month_day ymd) : ymd_(ymd) {
        if (!ymd.ok() || ymd.year() < std::chrono::year{0} || ymd.year() > std::chrono::year{9999}) {
            throw invalid_value(errc::invalid_date, "sfcpp::date: not a valid date in years 0000 to 9999");
        }
    }
    // Checked before building the chrono types, which keep only the low bits of large values.
    constexpr date(int y, unsigned m, unsigned d) {
        if (y < 0 || y > 9999 || m > 12 || d > 31) {
            throw invalid_value(errc::invalid_date, "sfcpp::date: not a valid date in years 0000 to 9999");
        }
        *this = date(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}});
    }
    // Throws invalid_value (errc::invalid_date) unless `d` falls in years 0000 to 9999.
    constexpr explicit date(std::chrono::sys_days d) {
        if (d < detail::min_day || d > detail::max_day) {
            throw invalid_value(errc::invalid_date, "sfcpp::date: not within years 0000 to 9999");
        }
        ymd_ = std::chrono::year_month_day{d};
    }

    // yyyy-MM-dd and nothing else.
    static constexpr std::optional<date> parse(std::string_view s) noexcept {
        detail::text_cursor c{s};
        std::chrono::year_month_day ymd;
        if (!detail::read_date(c, ymd) || !c.at_end()) return std::nullopt;
        date out;
        out.ymd_ = ymd;
        return out;
    }

    // Like parse, but throws invalid_value (errc::invalid_date) saying what was expected and where.
    static date from_string(std::string_view s) {
        detail::text_cursor c{s};
        std::chrono::year_month_day ymd;
        if (!detail::read_date(c, ymd) || !c.at_end()) {
            detail::throw_bad_time_text(errc::invalid_date, "sfcpp::date", "a date as yyyy-MM-dd", s, c.pos);
        }
        date out;
        out.ymd_ = ymd;
        return out;
    }

    constexpr std::chrono::year_month_day ymd() const noexcept { return ymd_; }
    constexpr std::chrono::sys_days days() const noexcept { return std::chrono::sys_days{ymd_}; }
    constexpr explicit operator std::chrono::sys_days() const noexcept { return days(); }
    constexpr explicit operator std::chrono::year_month_day() const noexcept { return ymd_; }

    constexpr int year() const noexcept { return static_cast<int>(ymd_.year()); }
    constexpr unsigned month() const noexcept { return static_cast<unsigned>(ymd_.month()); }
    constexpr unsigned day() const noexcept { return static_cast<unsigned>(ymd_.day()); }

    static constexpr std::size_t text_length = 10;  // yyyy-MM-dd

    void append_to(std::string& out) const {
        char buf[text_length];
        detail::write_date(buf, ymd_);
        out.append(buf, text_length);
    }
    std::string to_string() const {
        std::string out;
        append_to(out);
        return out;
    }

    friend constexpr bool operator==(const date&, const date&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const date&, const date&) noexcept = default;

private:
    std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
};

// A time of day with millisecond precision (Salesforce `time`, sent as HH:mm:ss.SSSZ).
class time_of_day {
public:
    constexpr time_of_day() noexcept = default;  // midnight

    // Throws invalid_value (errc::invalid_time) unless 0 <= since_midnight < 24h.
    constexpr explicit time_of_day(std::chrono::milliseconds since_midnight) : ms_(since_midnight) {
        if (since_midnight < std::chrono::milliseconds{0} || since_midnight >= std::chrono::hours{24}) {
            throw invalid_value(errc::invalid_time, "sfcpp::time_of_day: not within [00:00:00.000, 24:00:00.000)");
        }
    }
    // Throws invalid_value (errc::invalid_time) unless h < 24, m < 60, s < 60 and ms < 1000.
    constexpr time_of_day(unsigned h, unsigned m, unsigned s, unsigned ms = 0) {
        if (h > 23 || m > 59 || s > 59 || ms > 999) {
            throw invalid_value(errc::invalid_time,
                                "sfcpp::time_of_day: hours, minutes, seconds or milliseconds out of range");
        }
        ms_ = std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s} + std::chrono::milliseconds{ms};
    }

    // HH:mm:ss with an optional fraction of 1 to 9 digits and an optional Z.
    static constexpr std::optional<time_of_day> parse(std::string_view s) noexcept {
        detail::text_cursor c{s};
        time_of_day out;
        if (!read(c, out)) return std::nullopt;
        return out;
    }

    // Like parse, but throws invalid_value (errc::invalid_time) saying what was expected and where.
    static time_of_day from_string(std::string_view s) {
        detail::text_cursor c{s};
        time_of_day out;
        if (!read(c, out))
            detail::throw_bad_time_text(errc::invalid_time, "sfcpp::time_of_day", "a time as HH:mm:ss[.SSS][Z]", s,
                                        c.pos);
        return out;
    }

    constexpr std::chrono::milliseconds since_midnight() const noexcept { return ms_; }
    constexpr std::chrono::hh_mm_ss<std::chrono::milliseconds> hms() const noexcept {
        return std::chrono::hh_mm_ss<std::chrono::milliseconds>{ms_};
    }

    static constexpr std::size_t text_length = 13;  // HH:mm:ss.SSSZ

    // HH:mm:ss.SSSZ, the form Salesforce sends and accepts.
    void append_to(std::string& out) const {
        char buf[text_length];
        char* p = detail::write_time(buf, ms_);
        *p = 'Z';
        out.append(buf, text_length);
    }
    std::string to_string() const {
        std::string out;
        append_to(out);
        return out;
    }

    friend constexpr bool operator==(const time_of_day&, const time_of_day&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const time_of_day&, const time_of_day&) noexcept = default;

private:
    static constexpr bool read(detail::text_cursor& c, time_of_day& out) noexcept {
        std::chrono::milliseconds ms{};
        if (!detail::read_time(c, ms)) return false;
        c.eat('Z');
        if (!c.at_end()) return false;
        out.ms_ = ms;
        return true;
    }

    std::chrono::milliseconds ms_{0};
};

// An instant in UTC with millisecond precision (Salesforce `dateTime`), years 0000 to 9999.
class datetime {
public:
    using duration = std::chrono::milliseconds;
    using time_point_type = std::chrono::sys_time<duration>;

    // 1970-01-01T00:00:00.000Z, as with date.
    constexpr datetime() noexcept = default;

    // Throws invalid_value (errc::invalid_datetime) unless the instant falls in years 0000 to 9999 (UTC).
    constexpr explicit datetime(time_point_type tp) : tp_(tp) {
        if (!in_range(tp))
            throw invalid_value(errc::invalid_datetime, "sfcpp::datetime: not within years 0000 to 9999");
    }
    // A date and a time of day, both taken as UTC.
    constexpr datetime(const sfcpp::date& d, const time_of_day& t) noexcept : tp_(d.days() + t.since_midnight()) {}

    static constexpr datetime from_unix_ms(std::int64_t ms) { return datetime(time_point_type{duration{ms}}); }
    static datetime now() {
        return datetime(std::chrono::floor<duration>(std::chrono::system_clock::now()));
    }

    // yyyy-MM-ddTHH:mm:ss, an optional fraction of 1 to 9 digits (truncated to milliseconds),
    // then Z, +hhmm, -hhmm, +hh:mm or -hh:mm. The offset is applied: the value is UTC.
    static constexpr std::optional<datetime> parse(std::string_view s) noexcept {
        detail::text_cursor c{s};
        datetime out;
        if (!read(c, out)) return std::nullopt;
        return out;
    }

    // Like parse, but throws invalid_value (errc::invalid_datetime) saying what was expected and where.
    static datetime from_string(std::string_view s) {
        detail::text_cursor c{s};
        datetime out;
        if (!read(c, out)) {
            detail::throw_bad_time_text(errc::invalid_datetime, "sfcpp::datetime",
                                        "a date-time as yyyy-MM-ddTHH:mm:ss[.SSS] then Z, +hhmm or +hh:mm, "
                                        "within years 0000 to 9999 in UTC",
                                        s, c.pos);
        }
        return out;
    }

    constexpr time_point_type time_point() const noexcept { return tp_; }
    constexpr std::int64_t unix_ms() const noexcept { return tp_.time_since_epoch().count(); }
    constexpr sfcpp::date utc_date() const noexcept {
        return sfcpp::date(std::chrono::floor<std::chrono::days>(tp_));
    }
    constexpr time_of_day utc_time() const noexcept {
        return time_of_day(tp_ - std::chrono::floor<std::chrono::days>(tp_));
    }

    static constexpr std::size_t text_length = 24;             // yyyy-MM-ddTHH:mm:ss.SSSZ
    static constexpr std::size_t salesforce_text_length = 28;  // yyyy-MM-ddTHH:mm:ss.SSS+0000

    // yyyy-MM-ddTHH:mm:ss.SSSZ
    void append_to(std::string& out) const {
        char buf[text_length];
        *write_body(buf) = 'Z';
        out.append(buf, text_length);
    }
    std::string to_string() const {
        std::string out;
        append_to(out);
        return out;
    }

    // yyyy-MM-ddTHH:mm:ss.SSS+0000, the form the REST API returns.
    void append_salesforce_to(std::string& out) const {
        char buf[salesforce_text_length];
        char* p = write_body(buf);
        for (char c : std::string_view("+0000")) *p++ = c;
        out.append(buf, salesforce_text_length);
    }
    std::string to_salesforce_string() const {
        std::string out;
        append_salesforce_to(out);
        return out;
    }

    friend constexpr bool operator==(const datetime&, const datetime&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const datetime&, const datetime&) noexcept = default;

private:
    static constexpr bool in_range(time_point_type tp) noexcept {
        return tp >= detail::min_day && tp < detail::max_day + std::chrono::days{1};
    }

    static constexpr bool read(detail::text_cursor& c, datetime& out) noexcept {
        std::chrono::year_month_day ymd;
        std::chrono::milliseconds tod{};
        std::chrono::minutes offset{};
        if (!detail::read_date(c, ymd) || !c.eat('T') || !detail::read_time(c, tod) || !detail::read_offset(c, offset)) {
            return false;
        }
        if (!c.at_end()) return false;
        const time_point_type tp = std::chrono::sys_days{ymd} + tod - offset;
        if (!in_range(tp)) {
            // 0000-01-01T00:30:00+01:00 is a valid text for an instant in year -1.
            c.pos = 0;
            return false;
        }
        out.tp_ = tp;
        return true;
    }

    // yyyy-MM-ddTHH:mm:ss.SSS; returns the end.
    constexpr char* write_body(char* p) const noexcept {
        const auto day = std::chrono::floor<std::chrono::days>(tp_);
        p = detail::write_date(p, std::chrono::year_month_day{day});
        *p++ = 'T';
        return detail::write_time(p, tp_ - day);
    }

    time_point_type tp_{};
};

// Templates over the traits so that this header needs only <iosfwd>; the bodies are compiled
// where they are used, and there the caller has <ostream>.
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, const date& x) {
    char buf[date::text_length];
    detail::write_date(buf, x.ymd());
    return os << std::string_view(buf, sizeof buf);
}

template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, const time_of_day& x) {
    std::string s;
    x.append_to(s);
    return os << s;
}

template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, const datetime& x) {
    std::string s;
    x.append_to(s);
    return os << s;
}

}  // namespace sfcpp
