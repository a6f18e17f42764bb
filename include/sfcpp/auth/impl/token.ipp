// sfcpp/auth/impl/token.ipp: the token endpoint's answer. Included by token.hpp (header-only)
// or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/auth/token.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace sfcpp::auth {

SFCPP_DECL token parse_token_response(std::string_view body) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) throw decode_error("sfcpp: the token response is not a JSON object");
    const auto& o = v.get_object();
    auto str = [&](std::string_view k) -> std::string {
        const auto* x = o.if_contains(k);
        if (!x) return {};
        if (x->is_string()) return std::string(x->get_string());
        if (x->is_int64()) return std::to_string(x->get_int64());
        return {};
    };
    token t;
    t.access_token = str("access_token");
    t.refresh_token = str("refresh_token");
    t.instance_url = str("instance_url");
    t.id = str("id");
    if (auto tt = str("token_type"); !tt.empty()) t.token_type = tt;
    t.scope = str("scope");
    t.issued_at = str("issued_at");
    if (t.access_token.empty()) throw decode_error("sfcpp: the token response has no access_token");
    // Trimmed first: "/" alone is no instance URL either (found by fuzz_oauth_token).
    while (!t.instance_url.empty() && t.instance_url.back() == '/') t.instance_url.pop_back();
    if (t.instance_url.empty()) throw decode_error("sfcpp: the token response has no instance_url");
    // Every later call carries the token to instance_url: it must be https, or loopback (a local
    // emulator). Only the URL's origin is named, in case the rest holds anything.
    http::url instance;
    try {
        instance = http::url::parse(t.instance_url);
    } catch (const http::config_error&) {
        throw decode_error("sfcpp: the token response's instance_url is not an http(s) URL");
    }
    if (!instance.is_https() && !instance.is_loopback())
        throw decode_error("sfcpp: the token response names instance_url " + instance.origin() +
                           ", which is neither https nor loopback");
    return t;
}

}  // namespace sfcpp::auth
