// sfcpp/auth/flows.hpp: the OAuth 2.0 flows of a Salesforce connected app.
//
//   sfcpp::auth::client_credentials app{.login_url = "https://mydomain.my.salesforce.com",
//                                       .client_id = "...", .client_secret = "..."};
//   sfcpp::auth::token t = app.login(transport);   // then every call goes to t.instance_url
//
// Login URLs: production https://login.salesforce.com, sandboxes https://test.salesforce.com, or
// the org's My Domain URL (required for client credentials). Each flow's login() throws
// auth_error (an api_error) with the OAuth error code when the server refuses.
#pragma once

#include <sfcpp/api_error.hpp>
#include <sfcpp/auth/token.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/http/crypto.hpp>
#include <sfcpp/http/transport.hpp>

#include <boost/json/fwd.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sfcpp::auth {

inline constexpr std::string_view production_login_url = "https://login.salesforce.com";
inline constexpr std::string_view sandbox_login_url = "https://test.salesforce.com";

namespace detail {

SFCPP_DECL std::string trim_slash(std::string s);

SFCPP_DECL http::response post_form(http::transport& t, const std::string& url,
                                    const std::vector<std::pair<std::string, std::string>>& params);

// POSTs to the token endpoint; any non-200 answer becomes an api_error (auth_error for OAuth
// codes) whose message never quotes the body: a 201 or a proxy's page may still hold a token.
SFCPP_DECL token token_request(http::transport& t, const std::string& login_url,
                               const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace detail

// Server-to-server, no user: the connected app runs as its configured "Run As" user.
struct client_credentials {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;

    SFCPP_DECL token login(http::transport& t) const;
};

// Legacy: the username-password flow is blocked by default in new orgs and cannot satisfy MFA.
// Prefer JWT bearer or client credentials. `password` is the password followed by the security
// token when the org requires one.
struct username_password {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;
    std::string username;
    secret password;

    SFCPP_DECL token login(http::transport& t) const;
};

// Exchanges a refresh token for a new access token. The result carries a new refresh token only
// when the org rotates them; otherwise keep using the old one (session does).
struct refresh_token_grant {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;  // optional for apps that do not require it on refresh
    secret refresh_token;

    SFCPP_DECL token login(http::transport& t) const;
};

// JWT bearer: a JWT signed (RS256) with the private key whose certificate the connected app holds.
// No secret travels; the user must be pre-authorized for the app.
struct jwt_bearer {
    std::string login_url{production_login_url};
    std::string client_id;             // iss
    std::string username;              // sub
    secret private_key_pem;            // PEM text of the RSA private key
    std::string audience;              // aud; empty: the login URL (Salesforce wants login/test.salesforce.com)
    std::chrono::seconds lifetime{180};  // exp = now + lifetime; Salesforce accepts at most 3 minutes

    // The signed assertion (exposed for tests and for tools that post it themselves).
    SFCPP_DECL std::string assertion() const;

    SFCPP_DECL token login(http::transport& t) const;
};

// ---- Web server flow with PKCE ------------------------------------------------------------------

// A PKCE pair (RFC 7636, S256): send `challenge` with the authorization request, keep `verifier`
// for the code exchange.
struct pkce {
    secret verifier;
    std::string challenge;

    SFCPP_DECL static pkce generate();
};

// A random `state` value for one authorization request (compare it on the redirect: CSRF).
inline std::string new_state() { return http::crypto::base64url(http::crypto::random_bytes(24)); }

struct authorize_request {
    std::string login_url{production_login_url};
    std::string client_id;
    std::string redirect_uri;
    std::string state;
    std::string code_challenge;  // pkce::challenge; empty to omit PKCE
    std::string scope;           // empty: the connected app's scopes
};

// The URL to open in the user's browser.
SFCPP_DECL std::string authorize_url(const authorize_request& r);

namespace detail {

[[noreturn]] SFCPP_DECL void refuse_redirect(std::string why, std::string code);

}  // namespace detail

// The `code` of the redirect URL the browser was sent to, after checking `state`. Throws auth_error
// when the redirect carries an OAuth error, another state, no code, a parameter twice (RFC 6749
// 3.1) or is no URI (RFC 3986), and http::config_error when `expected_state` is empty: without a
// state to compare, any redirect would pass (CSRF).
SFCPP_DECL std::string code_from_redirect(std::string_view redirect_url, std::string_view expected_state);

// Exchanges the authorization code (web server flow) for tokens, with the PKCE verifier.
struct authorization_code {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;  // optional with PKCE
    std::string redirect_uri;
    secret code;
    secret code_verifier;

    SFCPP_DECL token login(http::transport& t) const;
};

// ---- Device flow --------------------------------------------------------------------------------

struct device_authorization {
    secret device_code;
    std::string user_code;         // show this to the user
    std::string verification_uri;  // where the user types it
    std::chrono::seconds interval{5};  // between polls: the server's, within [1 s, 60 s]
    // When the device code expires (expires_in of the answer, on device_flow::now); max(): never said.
    std::chrono::steady_clock::time_point expires = std::chrono::steady_clock::time_point::max();
};

namespace detail {

// A server's interval is used within these bounds: 0 or less would poll without pause (and, at a
// server that never answers slow_down, at full speed), a huge one would sleep past any deadline.
// 1 s rather than a refusal: some servers answer 0 for "as fast as you like", and one poll a
// second is still polite. RFC 8628 3.2: 5 s when the server names none.
inline constexpr std::chrono::seconds device_min_interval{1}, device_max_interval{60}, device_default_interval{5};

SFCPP_DECL std::chrono::seconds clamp_interval(std::chrono::seconds s) noexcept;

// Whole seconds of a JSON number (integer or not, of any size), rounded up and clamped to [lo, hi].
SFCPP_DECL std::chrono::seconds json_seconds(const boost::json::value& v, std::chrono::seconds lo,
                                             std::chrono::seconds hi);

// t + s, saturated at time_point::max() (give_up_after and expires_in may be absurdly large).
SFCPP_DECL std::chrono::steady_clock::time_point later(std::chrono::steady_clock::time_point t, std::chrono::seconds s);

}  // namespace detail

struct device_flow {
    std::string login_url{production_login_url};
    std::string client_id;
    std::string scope;  // empty: the connected app's scopes
    // How to wait between polls, and the clock polling is timed by; tests replace both.
    std::function<void(std::chrono::seconds)> wait = [](std::chrono::seconds s) { std::this_thread::sleep_for(s); };
    std::function<std::chrono::steady_clock::time_point()> now = [] { return std::chrono::steady_clock::now(); };
    // poll() gives up (auth_error expired_token) at the earlier of give_up_after from its start and
    // the device code's expiry, rather than start a wait that would end past it.
    std::chrono::seconds give_up_after{600};

    SFCPP_DECL device_authorization start(http::transport& t) const;

    // Polls the token endpoint at the given interval until the user approves (or denies).
    // authorization_pending: wait and poll again; slow_down: 5 seconds more between polls from now
    // on (RFC 8628 3.5), up to 60 s.
    SFCPP_DECL token poll(http::transport& t, const device_authorization& d) const;
};

}  // namespace sfcpp::auth

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/auth/impl/flows.ipp>
#endif
