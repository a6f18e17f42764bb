// Entry point of fuzz_error_body: a REST or OAuth error body parsed into api_error items, then
// thrown as the typed error each status would give, as the client does for every non-2xx.
#pragma once

#include "support.hpp"

#include <sfcpp/api_error.hpp>

#include <string>
#include <string_view>

namespace sfcpp_fuzz {

inline void error_body(std::string_view body) {
    const auto items = sfcpp::parse_error_body(body);
    require(body.empty() == items.empty(), "a non-empty body gives at least one item, an empty one none");
    for (int status : {300, 400, 401, 403, 404, 409, 429, 500, 503}) {
        try {
            sfcpp::throw_api_error(status, body, "GET /services/data/v60.0/sobjects/Account/x");
        } catch (const sfcpp::api_error& e) {
            require(e.status() == status, "the status is kept");
            require(e.errors().size() == items.size(), "the same items as parse_error_body");
            const std::string_view what = e.what();
            require(what.starts_with("sfcpp: GET /services/data/v60.0/sobjects/Account/x: HTTP "),
                    "the message starts with the context");
            // At most three items are shown, each message cut at 300 bytes.
            std::size_t bound = 200;
            for (std::size_t i = 0; i < items.size() && i < 3; ++i) {
                bound += items[i].error_code.size() + 310;
                for (const auto& f : items[i].fields) bound += f.size() + 2;
            }
            require(what.size() <= bound, "the message stays bounded");
            (void)sfcpp::to_string(e.kind());
        }
    }
}

}  // namespace sfcpp_fuzz
