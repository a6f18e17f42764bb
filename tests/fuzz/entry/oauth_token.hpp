// Entry point of fuzz_oauth_token: an OAuth token endpoint response parsed into a token.
// Neither the token's printed form nor an error message may quote the response's secrets.
#pragma once

#include "support.hpp"

#include <sfcpp/auth/token.hpp>

#include <sstream>
#include <string>
#include <string_view>

namespace sfcpp_fuzz {

inline void oauth_token(std::string_view body) {
    try {
        const auto t = sfcpp::auth::parse_token_response(body);
        require(!t.access_token.empty(), "a parsed token has an access token");
        require(!t.instance_url.empty() && t.instance_url.back() != '/', "instance_url is set, without a trailing /");
        std::ostringstream os;
        os << t;
        const std::string printed = os.str();
        require(printed.find("access_token=<redacted>") != std::string::npos, "the access token prints redacted");
        require(printed.find(t.refresh_token.empty() ? "refresh_token=<none>" : "refresh_token=<redacted>") !=
                    std::string::npos,
                "the refresh token prints redacted");
    } catch (const sfcpp::decode_error& e) {
        // The body may hold a token: the message is one of the fixed texts, never quoting it, or
        // names the origin of an instance_url that is neither https nor loopback (and only that).
        const std::string_view what = e.what();
        constexpr std::string_view names_origin = "sfcpp: the token response names instance_url ";
        require(what == "sfcpp: the token response is not a JSON object" ||
                    what == "sfcpp: the token response has no access_token" ||
                    what == "sfcpp: the token response has no instance_url" ||
                    what == "sfcpp: the token response's instance_url is not an http(s) URL" ||
                    (what.substr(0, names_origin.size()) == names_origin &&
                     what.ends_with(", which is neither https nor loopback")),
                "the error message is a fixed text");
    }
}

}  // namespace sfcpp_fuzz
