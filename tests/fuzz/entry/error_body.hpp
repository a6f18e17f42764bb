// Entry point of fuzz_error_body: a REST or OAuth error body parsed into api_error items, then
// made into the error each status would give, as the client does for every non-2xx. (Errors
// are built directly; only one is thrown per input, because a throw is slow under ASan.)
#pragma once

#include "support.hpp"

#include <sfcpp/api_error.hpp>

#include <string>
#include <string_view>

namespace sfcpp_fuzz {

namespace error_body_detail {

inline const std::string context = "GET /services/data/v60.0/sobjects/Account/x";

inline void check(const sfcpp::api_error& e, int status, const std::vector<sfcpp::api_error_item>& items) {
    require(e.status() == status, "the status is kept");
    require(e.errors().size() == items.size(), "the same items as parse_error_body");
    const std::string_view what = e.what();
    require(what.starts_with("sfcpp: " + context + ": HTTP "), "the message starts with the context");
    // At most three items are shown, each message cut at 300 bytes.
    std::size_t bound = 200;
    for (std::size_t i = 0; i < items.size() && i < 3; ++i) {
        bound += items[i].error_code.size() + 310;
        for (const auto& f : items[i].fields) bound += f.size() + 2;
    }
    require(what.size() <= bound, "the message stays bounded");
    (void)sfcpp::to_string(e.kind());
}

}  // namespace error_body_detail

inline void error_body(std::string_view body) {
    namespace d = error_body_detail;
    const auto items = sfcpp::parse_error_body(body);
    require(body.empty() == items.empty(), "a non-empty body gives at least one item, an empty one none");
    const std::string_view code = items.empty() ? std::string_view{} : std::string_view(items.front().error_code);
    static constexpr int statuses[] = {300, 400, 401, 403, 404, 409, 429, 500, 503};
    for (int status : statuses) {
        const auto kind = sfcpp::classify_error(status, code);
        d::check(sfcpp::api_error(status, kind, items, d::context), status, items);
    }
    const int status = statuses[body.size() % std::size(statuses)];
    try {
        sfcpp::throw_api_error(status, body, d::context);
    } catch (const sfcpp::api_error& e) {
        d::check(e, status, items);
        require(e.kind() == sfcpp::classify_error(status, code), "the thrown kind is the classified one");
    }
}

}  // namespace sfcpp_fuzz
