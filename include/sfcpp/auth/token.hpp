// sfcpp/auth/token.hpp: secrets that do not print, and the token an OAuth flow returns.
#pragma once

#include <sfcpp/error.hpp>
#include <sfcpp/http/url.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace sfcpp::auth {

// A password, client secret, private key or token. Streams as "<redacted>"; reveal() is the
// only way to the text, so a secret in a log line is a visible decision.
class secret {
    std::string value_;

public:
    secret() = default;
    secret(std::string v) : value_(std::move(v)) {}  // NOLINT: implicit, for designated initializers
    secret(const char* v) : value_(v ? v : "") {}    // NOLINT

    const std::string& reveal() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }
    void clear() noexcept { value_.clear(); }

    friend bool operator==(const secret& a, const secret& b) noexcept { return a.value_ == b.value_; }
    friend std::ostream& operator<<(std::ostream& os, const secret& s) {
        return os << (s.empty() ? "<none>" : "<redacted>");
    }
};

// What the token endpoint returns. Every call after login goes to instance_url.
struct token {
    secret access_token;
    secret refresh_token;  // only from flows that grant one (web server, device, refresh with rotation)
    std::string instance_url;
    std::string id;  // identity URL
    std::string token_type = "Bearer";
    std::string scope;
    std::string issued_at;  // milliseconds since the epoch, as text

    friend std::ostream& operator<<(std::ostream& os, const token& t) {
        return os << "token{instance_url=" << t.instance_url << ", access_token=" << t.access_token
                  << ", refresh_token=" << t.refresh_token << ", scope=" << t.scope << "}";
    }
};

// Parses a successful token response. Throws decode_error (without quoting the body: it holds
// the token) when access_token or instance_url is missing.
inline token parse_token_response(std::string_view body) {
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
