// sfcpp/client/impl/limits.ipp: the Sforce-Limit-Info header. Included by limits.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/client/limits.hpp>

#include <charconv>
#include <limits>

namespace sfcpp {

namespace detail {

SFCPP_DECL bool parse_count(std::string_view t, std::int64_t& out) {
    if (t.empty() || t.front() < '0' || t.front() > '9') return false;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (end != t.data() + t.size()) return false;  // also on overflow, `end` is past the digits
    out = ec == std::errc::result_out_of_range ? std::numeric_limits<std::int64_t>::max() : v;
    return true;
}

SFCPP_DECL bool parse_used_max(std::string_view s, std::int64_t& used, std::int64_t& max) {
    const auto slash = s.find('/');
    if (slash == std::string_view::npos) return false;
    std::string_view m = s.substr(slash + 1);
    m = m.substr(0, m.find('('));
    return parse_count(s.substr(0, slash), used) && parse_count(m, max);
}

SFCPP_DECL std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace detail

SFCPP_DECL limit_info parse_limit_info(std::string_view header) {
    limit_info out;
    while (!header.empty()) {
        const auto semi = header.find(';');
        std::string_view part = detail::trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
        if (key == "api-usage") {
            detail::parse_used_max(value, out.api_used, out.api_max);
        } else if (key == "per-app-api-usage") {
            limit_info::app_usage app;
            if (!detail::parse_used_max(value, app.used, app.max)) continue;
            const auto open = value.find("(appName=");
            if (open != std::string_view::npos) {
                std::string_view name = value.substr(open + 9);
                app.app_name = std::string(name.substr(0, name.find(')')));
            }
            out.per_app.push_back(std::move(app));
        }
    }
    return out;
}

}  // namespace sfcpp
