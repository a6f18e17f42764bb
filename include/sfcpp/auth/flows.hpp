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
#include <sfcpp/http/crypto.hpp>
#include <sfcpp/http/transport.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sfcpp::auth {

inline constexpr std::string_view production_login_url = "https://login.salesforce.com";
inline constexpr std::string_view sandbox_login_url = "https://test.salesforce.com";

namespace detail {

inline std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

inline http::response post_form(http::transport& t, const std::string& url,
                                const std::vector<std::pair<std::string, std::string>>& params) {
    http::request rq;
    rq.method = http::verb::post;
    rq.url = url;
    rq.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    rq.body = http::form_encode(params);
    return t.send(rq);
}

// POSTs to the token endpoint; any non-200 answer becomes an api_error (auth_error for OAuth codes).
inline token token_request(http::transport& t, const std::string& login_url,
                           const std::vector<std::pair<std::string, std::string>>& params) {
    const std::string url = trim_slash(login_url) + "/services/oauth2/token";
    http::response res = post_form(t, url, params);
    if (res.status != 200) throw_api_error(res.status, res.body, "POST " + url);
    return parse_token_response(res.body);
}

}  // namespace detail

// Server-to-server, no user: the connected app runs as its configured "Run As" user.
struct client_credentials {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;

    token login(http::transport& t) const {
        return detail::token_request(t, login_url, {{"grant_type", "client_credentials"},
                                                     {"client_id", client_id},
                                                     {"client_secret", client_secret.reveal()}});
    }
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

    token login(http::transport& t) const {
        return detail::token_request(t, login_url, {{"grant_type", "password"},
                                                    {"client_id", client_id},
                                                    {"client_secret", client_secret.reveal()},
                                                    {"username", username},
                                                    {"password", password.reveal()}});
    }
};

// Exchanges a refresh token for a new access token. The result carries a new refresh token only
// when the org rotates them; otherwise keep using the old one (session does).
struct refresh_token_grant {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;  // optional for apps that do not require it on refresh
    secret refresh_token;

    token login(http::transport& t) const {
        std::vector<std::pair<std::string, std::string>> p{
            {"grant_type", "refresh_token"}, {"client_id", client_id}, {"refresh_token", refresh_token.reveal()}};
        if (!client_secret.empty()) p.emplace_back("client_secret", client_secret.reveal());
        return detail::token_request(t, login_url, p);
    }
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
    std::string assertion() const {
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        boost::json::object claims;
        claims["iss"] = client_id;
        claims["sub"] = username;
        claims["aud"] = audience.empty() ? detail::trim_slash(login_url) : audience;
        claims["exp"] = now + lifetime.count();
        const std::string input = http::crypto::base64url(R"({"alg":"RS256"})") + "." +
                                  http::crypto::base64url(boost::json::serialize(claims));
        return input + "." + http::crypto::base64url(http::crypto::rs256_sign(private_key_pem.reveal(), input));
    }

    token login(http::transport& t) const {
        return detail::token_request(
            t, login_url, {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", assertion()}});
    }
};

// ---- Web server flow with PKCE ------------------------------------------------------------------

// A PKCE pair (RFC 7636, S256): send `challenge` with the authorization request, keep `verifier`
// for the code exchange.
struct pkce {
    secret verifier;
    std::string challenge;

    static pkce generate() {
        pkce p;
        p.verifier = http::crypto::base64url(http::crypto::random_bytes(48));  // 64 characters
        p.challenge = http::crypto::base64url(http::crypto::sha256(p.verifier.reveal()));
        return p;
    }
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
inline std::string authorize_url(const authorize_request& r) {
    std::vector<std::pair<std::string, std::string>> p{
        {"response_type", "code"}, {"client_id", r.client_id}, {"redirect_uri", r.redirect_uri}};
    if (!r.state.empty()) p.emplace_back("state", r.state);
    if (!r.code_challenge.empty()) {
        p.emplace_back("code_challenge", r.code_challenge);
        p.emplace_back("code_challenge_method", "S256");
    }
    if (!r.scope.empty()) p.emplace_back("scope", r.scope);
    return detail::trim_slash(r.login_url) + "/services/oauth2/authorize?" + http::form_encode(p);
}

// The `code` of the redirect URL the browser was sent to, after checking `state`. Throws auth_error
// when the redirect carries an OAuth error or a different state.
inline std::string code_from_redirect(std::string_view redirect_url, std::string_view expected_state) {
    auto param = [&](std::string_view name) -> std::string {
        const auto q = redirect_url.find('?');
        if (q == std::string_view::npos) return {};
        std::string_view rest = redirect_url.substr(q + 1);
        while (!rest.empty()) {
            const auto amp = rest.find('&');
            std::string_view kv = rest.substr(0, amp);
            const auto eq = kv.find('=');
            if (kv.substr(0, eq) == name && eq != std::string_view::npos) {
                std::string out;
                std::string_view v = kv.substr(eq + 1);
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (v[i] == '%' && i + 2 < v.size()) {
                        out += static_cast<char>(std::stoi(std::string(v.substr(i + 1, 2)), nullptr, 16));
                        i += 2;
                    } else {
                        out += v[i] == '+' ? ' ' : v[i];
                    }
                }
                return out;
            }
            if (amp == std::string_view::npos) break;
            rest = rest.substr(amp + 1);
        }
        return {};
    };
    if (auto e = param("error"); !e.empty())
        throw auth_error(400, error_kind::auth, {{param("error_description"), e, {}}}, "authorization redirect");
    if (param("state") != expected_state)
        throw auth_error(400, error_kind::auth, {{"the redirect's state does not match the request's", "state_mismatch", {}}},
                         "authorization redirect");
    std::string code = param("code");
    if (code.empty())
        throw auth_error(400, error_kind::auth, {{"the redirect carries no code", "invalid_request", {}}},
                         "authorization redirect");
    return code;
}

// Exchanges the authorization code (web server flow) for tokens, with the PKCE verifier.
struct authorization_code {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;  // optional with PKCE
    std::string redirect_uri;
    secret code;
    secret code_verifier;

    token login(http::transport& t) const {
        std::vector<std::pair<std::string, std::string>> p{{"grant_type", "authorization_code"},
                                                           {"client_id", client_id},
                                                           {"redirect_uri", redirect_uri},
                                                           {"code", code.reveal()}};
        if (!client_secret.empty()) p.emplace_back("client_secret", client_secret.reveal());
        if (!code_verifier.empty()) p.emplace_back("code_verifier", code_verifier.reveal());
        return detail::token_request(t, login_url, p);
    }
};

// ---- Device flow --------------------------------------------------------------------------------

struct device_authorization {
    secret device_code;
    std::string user_code;         // show this to the user
    std::string verification_uri;  // where the user types it
    std::chrono::seconds interval{5};
};

struct device_flow {
    std::string login_url{production_login_url};
    std::string client_id;
    std::string scope;  // empty: the connected app's scopes
    // How to wait between polls; tests replace it. Default: sleep.
    std::function<void(std::chrono::seconds)> wait = [](std::chrono::seconds s) { std::this_thread::sleep_for(s); };
    std::chrono::seconds give_up_after{600};

    device_authorization start(http::transport& t) const {
        std::vector<std::pair<std::string, std::string>> p{{"response_type", "device_code"}, {"client_id", client_id}};
        if (!scope.empty()) p.emplace_back("scope", scope);
        const std::string url = detail::trim_slash(login_url) + "/services/oauth2/token";
        http::response res = detail::post_form(t, url, p);
        if (res.status != 200) throw_api_error(res.status, res.body, "POST " + url);
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(res.body, ec);
        if (ec || !v.is_object()) throw decode_error("sfcpp: the device authorization response is not a JSON object");
        const auto& o = v.get_object();
        device_authorization d;
        d.device_code = sfcpp::detail::json_string_or_empty(o, "device_code");
        d.user_code = sfcpp::detail::json_string_or_empty(o, "user_code");
        d.verification_uri = sfcpp::detail::json_string_or_empty(o, "verification_uri");
        if (const auto* i = o.if_contains("interval"); i && i->is_int64()) d.interval = std::chrono::seconds(i->get_int64());
        if (d.device_code.empty() || d.user_code.empty())
            throw decode_error("sfcpp: the device authorization response has no device_code or user_code");
        return d;
    }

    // Polls the token endpoint at the given interval until the user approves (or denies).
    // authorization_pending: wait and poll again; slow_down: add 5 seconds to the interval.
    token poll(http::transport& t, const device_authorization& d) const {
        const std::string url = detail::trim_slash(login_url) + "/services/oauth2/token";
        auto interval = d.interval;
        std::chrono::seconds waited{0};
        for (;;) {
            http::response res = detail::post_form(
                t, url, {{"grant_type", "device"}, {"client_id", client_id}, {"code", d.device_code.reveal()}});
            if (res.status == 200) return parse_token_response(res.body);
            auto items = parse_error_body(res.body);
            const std::string code = items.empty() ? std::string() : items.front().error_code;
            if (code == "slow_down") interval += std::chrono::seconds(5);
            else if (code != "authorization_pending") throw_api_error(res.status, res.body, "POST " + url);
            if (waited >= give_up_after)
                throw auth_error(400, error_kind::auth, {{"the user did not approve in time", "expired_token", {}}},
                                 "device flow");
            wait(interval);
            waited += interval;
        }
    }
};

}  // namespace sfcpp::auth
