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
        // The body may hold a token: the message is one of the fixed texts, never quoting it.
        const std::string_view what = e.what();
        require(what == "sfcpp: the token response is not a JSON object" ||
                    what == "sfcpp: the token response has no access_token" ||
                    what == "sfcpp: the token response has no instance_url",
                "the error message is a fixed text");
    }
}

}  // namespace sfcpp_fuzz
