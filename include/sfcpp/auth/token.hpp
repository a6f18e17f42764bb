// sfcpp/auth/token.hpp: secrets that do not print, and the token an OAuth flow returns.
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/http/url.hpp>

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
SFCPP_DECL token parse_token_response(std::string_view body);

}  // namespace sfcpp::auth

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/auth/impl/token.ipp>
#endif
