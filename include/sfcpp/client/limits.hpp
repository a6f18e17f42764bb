// sfcpp/client/limits.hpp: the API usage Salesforce reports on every REST response.
//
//   Sforce-Limit-Info: api-usage=18/5000; per-app-api-usage=17/250(appName=sample-app)
#pragma once

#include <sfcpp/config.hpp>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp {

struct limit_info {
    struct app_usage {
        std::string app_name;
        std::int64_t used = 0;
        std::int64_t max = 0;
    };
    std::int64_t api_used = -1;  // -1: no header seen yet
    std::int64_t api_max = -1;
    std::vector<app_usage> per_app;

    bool known() const noexcept { return api_max >= 0; }
    // Fraction of the daily allowance used, 0 when unknown.
    double api_fraction() const noexcept {
        return api_max > 0 ? static_cast<double>(api_used) / static_cast<double>(api_max) : 0.0;
    }
};

namespace detail {
// A count of decimal digits and nothing else; a value past int64 saturates to its maximum instead
// of wrapping, so that a server's absurd number still compares as absurd.
SFCPP_DECL bool parse_count(std::string_view t, std::int64_t& out);
SFCPP_DECL bool parse_used_max(std::string_view s, std::int64_t& used, std::int64_t& max);
SFCPP_DECL std::string_view trim(std::string_view s);
}  // namespace detail

// Unknown parts are ignored; a header without api-usage leaves api_used/api_max at -1.
SFCPP_DECL limit_info parse_limit_info(std::string_view header);

}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/client/impl/limits.ipp>
#endif
