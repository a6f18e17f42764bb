// HTTP dates (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"), as Last-Modified and
// If-Modified-Since carry them. Written and read by hand: strftime and strptime follow the locale.
// Header-only, so that schema.cpp still compiles alone into the fuzz targets.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace sfcpp_emulator::http_date {

inline constexpr const char* day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

inline std::string format(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT", day_names[weekday{day}.c_encoding()],
                  static_cast<unsigned>(ymd.day()), month_names[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buf;
}

// Seconds since 1970; -1 when malformed.
inline std::int64_t parse(const std::string& s) {
    using namespace std::chrono;
    char mon[4] = {};
    int d = 0, y = 0, h = 0, mi = 0, se = 0;
    auto comma = s.find(',');
    if (comma == std::string::npos) return -1;
    if (std::sscanf(s.c_str() + comma + 1, " %d %3s %d %d:%d:%d", &d, mon, &y, &h, &mi, &se) != 6) return -1;
    for (unsigned m = 0; m < 12; ++m)
        if (std::string_view(mon) == month_names[m]) {
            const sys_days day{year_month_day{year{y}, month{m + 1}, std::chrono::day{static_cast<unsigned>(d)}}};
            return day.time_since_epoch().count() * 86400 + h * 3600 + mi * 60 + se;
        }
    return -1;
}

}  // namespace sfcpp_emulator::http_date
