#include <sfcpp_emulator/ids.hpp>

#include <cctype>
#include <cstdio>
#include <ctime>

namespace sfcpp_emulator {

namespace {
constexpr std::string_view base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool is_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

int digits(std::string_view s, std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}
}  // namespace

std::string id_checksum(std::string_view id15) {
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    std::string out;
    for (std::size_t group = 0; group < 3; ++group) {
        unsigned bits = 0;
        for (std::size_t i = 0; i < 5; ++i) {
            char c = id15[group * 5 + i];
            if (c >= 'A' && c <= 'Z') bits |= 1u << i;
        }
        out += alphabet[bits];
    }
    return out;
}

std::string make_id(std::string_view key_prefix, std::uint64_t serial) {
    std::string tail;
    do {
        tail.insert(tail.begin(), base62[serial % 62]);
        serial /= 62;
    } while (serial != 0);
    std::string id(key_prefix);
    // Pod-like "0S" marker keeps emulator ids recognisable, then zero padding.
    id += "0S";
    while (id.size() + tail.size() < 15) id += '0';
    id += tail;
    return id + id_checksum(id);
}

std::optional<std::string> normalize_id(std::string_view id) {
    if (id.size() != 15 && id.size() != 18) return std::nullopt;
    for (char c : id) if (!is_id_char(c)) return std::nullopt;
    std::string base(id.substr(0, 15));
    std::string full = base + id_checksum(base);
    if (id.size() == 18) {
        for (std::size_t i = 15; i < 18; ++i)
            if (std::toupper(static_cast<unsigned char>(id[i])) != full[i]) return std::nullopt;
    }
    return full;
}

std::string format_datetime(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
    std::int64_t secs = ms / 1000;
    int millis = static_cast<int>(ms % 1000);
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    int y; unsigned mo, d;
    civil_from_days(days, y, mo, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03d+0000", y, mo, d, static_cast<int>(rem / 3600),
                  static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60), millis);
    return buf;
}

bool is_valid_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

std::optional<std::string> normalize_datetime(std::string_view s) {
    if (s.size() < 19 || !is_valid_date(s.substr(0, 10)) || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':')
        return std::nullopt;
    int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return std::nullopt;
    std::size_t pos = 19;
    int millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100;
        std::size_t start = pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            millis += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return std::nullopt;
    }
    int offset_minutes = 0;
    if (pos < s.size() && s[pos] == 'Z') {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = digits(s, pos, 2);
        if (oh < 0) return std::nullopt;
        pos += 2;
        if (pos < s.size() && s[pos] == ':') ++pos;
        int om = digits(s, pos, 2);
        if (om < 0) return std::nullopt;
        pos += 2;
        offset_minutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    std::int64_t days = days_from_civil(digits(s, 0, 4), static_cast<unsigned>(digits(s, 5, 2)),
                                        static_cast<unsigned>(digits(s, 8, 2)));
    std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offset_minutes * 60;
    using namespace std::chrono;
    return format_datetime(system_clock::time_point(milliseconds(secs * 1000 + millis)));
}

// Howard Hinnant's civil calendar algorithms.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

}  // namespace sfcpp_emulator
