// The emulator's OAuth 2.0: access and refresh tokens, the token endpoint's grants (client
// credentials, password, refresh, authorization code with PKCE, JWT bearer), /authorize, /revoke
// and the device flow.
#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/ids.hpp>

#include "api_util.hpp"
#include "jwt.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <sfcpp/http/crypto.hpp>
#include <sfcpp/http/url.hpp>

namespace sfcpp_emulator {

namespace json = boost::json;
using namespace detail;
namespace crypto = sfcpp::http::crypto;

void api::set_base_url(std::string url) { base_url_ = std::move(url); }

std::string api::org_id() const { return make_id("00D", 1); }

std::string api::random_token(std::size_t bytes) {
    std::string s = crypto::base64(crypto::random_bytes(bytes));
    for (char& c : s) { if (c == '+') c = '.'; else if (c == '/') c = '_'; }
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
}

std::string api::issue_token() {
    std::string token = org_id().substr(0, 15) + "!" + random_token(72);
    std::lock_guard<std::mutex> g(mutex_);
    tokens_[token] = {std::chrono::steady_clock::now() + opts_.token_ttl};
    return token;
}

void api::expire_all_tokens() {
    std::lock_guard<std::mutex> g(mutex_);
    tokens_.clear();
}

// The authorization code goes only where the connected app allows: a configured callback URL
// exactly, or without configuration an http(s) URL on a loopback host. Control characters never
// reach the Location header (response splitting).
bool api::callback_allowed(const std::string& redirect) const {
    if (redirect.empty()) return false;
    for (char c : redirect)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    if (!opts_.callback_urls.empty())
        return std::find(opts_.callback_urls.begin(), opts_.callback_urls.end(), redirect) != opts_.callback_urls.end();
    try {
        return sfcpp::http::url::parse(redirect).is_loopback();
    } catch (const sfcpp::error&) {
        return false;
    }
}

bool api::authorized(const http_request& req) {
    const std::string* h = req.header("authorization");
    if (!h) return false;
    std::string token;
    if (h->rfind("Bearer ", 0) == 0) token = h->substr(7);
    else if (h->rfind("OAuth ", 0) == 0) token = h->substr(6);
    else return false;
    std::lock_guard<std::mutex> g(mutex_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return false;
    if (std::chrono::steady_clock::now() >= it->second.expires) {
        tokens_.erase(it);
        return false;
    }
    return true;
}

http_response api::token_response(bool with_refresh) {
    std::string token = issue_token();
    auto issued = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    std::string id = base_url_ + "/id/" + org_id() + "/" + store_->integration_user_id();
    std::string issued_at = std::to_string(issued);
    std::string to_sign = id + issued_at;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), opts_.client_secret.data(), static_cast<int>(opts_.client_secret.size()),
         reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size(), mac, &mac_len);
    json::object o{{"access_token", token}};
    if (with_refresh) {
        std::string refresh = org_id().substr(0, 15) + "!" + random_token(48);
        {
            std::lock_guard<std::mutex> g(mutex_);
            refresh_tokens_[refresh] = true;
        }
        o["refresh_token"] = refresh;
    }
    o["signature"] = crypto::base64(std::string_view(reinterpret_cast<const char*>(mac), mac_len));
    o["scope"] = "api refresh_token";
    o["instance_url"] = base_url_;
    o["id"] = id;
    o["token_type"] = "Bearer";
    o["issued_at"] = issued_at;
    return json_response(200, o);
}

http_response api::oauth(const http_request& req, const std::string& path) {
    auto params = parse_form(req.query());
    if (req.method == "POST")
        for (auto& [k, v] : parse_form(req.body)) params[k] = v;
    auto param = [&](const std::string& k) -> std::string {
        auto it = params.find(k);
        return it == params.end() ? std::string() : it->second;
    };
    std::string client_id = param("client_id"), client_secret = param("client_secret");
    if (const std::string* h = req.header("authorization"); h && h->rfind("Basic ", 0) == 0) {
        std::string decoded = base64_decode(h->substr(6));
        auto colon = decoded.find(':');
        if (colon != std::string::npos) {
            client_id = url_decode(decoded.substr(0, colon), true);
            client_secret = url_decode(decoded.substr(colon + 1), true);
        }
    }

    if (path == "/services/oauth2/authorize") {
        if (client_id != opts_.client_id) return oauth_error(400, "invalid_client_id", "client identifier invalid");
        if (param("response_type") != "code")
            return oauth_error(400, "unsupported_response_type", "response type not supported");
        std::string redirect = param("redirect_uri");
        if (!callback_allowed(redirect))
            return oauth_error(400, "redirect_uri_mismatch", "redirect_uri must match configuration");
        std::string challenge = param("code_challenge");
        std::string code = "aPrx" + random_token(36);
        {
            std::lock_guard<std::mutex> g(mutex_);
            auth_codes_[code] = challenge;
        }
        std::string location = redirect + (redirect.find('?') == std::string::npos ? "?" : "&") +
                               "code=" + sfcpp::http::url_encode(code);
        if (!param("state").empty()) location += "&state=" + sfcpp::http::url_encode(param("state"));
        http_response r = empty_response(302);
        r.headers.emplace_back("Location", location);
        return r;
    }
    if (path == "/services/oauth2/revoke") {
        std::string token = param("token");
        std::lock_guard<std::mutex> g(mutex_);
        if (tokens_.erase(token) || refresh_tokens_.erase(token)) return empty_response(200);
        return oauth_error(400, "unsupported_token_type", "this token type is not supported");
    }
    if (path != "/services/oauth2/token") fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    if (req.method != "POST") return oauth_error(400, "invalid_request", "must use HTTP POST");

    if (param("response_type") == "device_code") return device_code(client_id);
    const std::string grant = param("grant_type");
    if (grant == "device") return device_poll(client_id, client_secret, param("code"));
    if (grant.empty()) return oauth_error(400, "unsupported_grant_type", "grant type not supported");
    if (grant == "client_credentials") {
        if (client_id != opts_.client_id || client_secret != opts_.client_secret)
            return oauth_error(400, "invalid_client", "invalid client credentials");
        return token_response(false);
    }
    if (grant == "password") {
        if (client_id != opts_.client_id) return oauth_error(400, "invalid_client_id", "client identifier invalid");
        if (client_secret != opts_.client_secret)
            return oauth_error(400, "invalid_client", "invalid client credentials");
        if (param("username") != opts_.username || param("password") != opts_.password)
            return oauth_error(400, "invalid_grant", "authentication failure");
        return token_response(false);
    }
    if (grant == "refresh_token") {
        if (client_id != opts_.client_id) return oauth_error(400, "invalid_client_id", "client identifier invalid");
        if (!client_secret.empty() && client_secret != opts_.client_secret)
            return oauth_error(400, "invalid_client", "invalid client credentials");
        {
            std::lock_guard<std::mutex> g(mutex_);
            if (!refresh_tokens_.count(param("refresh_token")))
                return oauth_error(400, "invalid_grant", "expired access/refresh token");
        }
        return token_response(false);
    }
    if (grant == "authorization_code") {
        if (client_id != opts_.client_id) return oauth_error(400, "invalid_client_id", "client identifier invalid");
        std::string challenge;
        {
            std::lock_guard<std::mutex> g(mutex_);
            auto it = auth_codes_.find(param("code"));
            if (it == auth_codes_.end()) return oauth_error(400, "invalid_grant", "invalid authorization code");
            challenge = it->second;
            auth_codes_.erase(it);
        }
        if (!challenge.empty()) {
            std::string verifier = param("code_verifier");
            if (verifier.empty() || crypto::base64url(crypto::sha256(verifier)) != challenge)
                return oauth_error(400, "invalid_grant", "invalid code verifier");
        } else if (client_secret != opts_.client_secret) {
            return oauth_error(400, "invalid_client", "invalid client credentials");
        }
        return token_response(true);
    }
    if (grant == "urn:ietf:params:oauth:grant-type:jwt-bearer") {
        auto verdict = check_jwt_assertion(param("assertion"), opts_.jwt_cert, opts_.client_id, opts_.username,
                                           {"https://login.salesforce.com", "https://test.salesforce.com", base_url_});
        if (!verdict.error.empty()) return oauth_error(400, verdict.error, verdict.description);
        return token_response(false);
    }
    return oauth_error(400, "unsupported_grant_type", "grant type not supported");
}

// Device flow, step 1: a device code to poll with and a user code for the user to enter.
http_response api::device_code(const std::string& client_id) {
    if (client_id != opts_.client_id) return oauth_error(400, "invalid_client_id", "client identifier invalid");
    static constexpr char alphabet[] = "BCDFGHJKLMNPQRSTVWXZ23456789";  // no vowels, no look-alikes
    std::string device = random_token(48);
    std::string user;
    for (unsigned char b : crypto::random_bytes(8)) user += alphabet[b % (sizeof alphabet - 1)];
    {
        std::lock_guard<std::mutex> g(mutex_);
        device_requests_[device] = {user, device_request::state::pending, 0, std::chrono::steady_clock::now()};
    }
    return json_response(200, json::object{{"device_code", device},
                                           {"user_code", user},
                                           {"verification_uri", base_url_ + "/setup/connect"},
                                           {"interval", static_cast<std::int64_t>(opts_.device_interval.count())}});
}

// Device flow, step 2: polling with grant_type=device until the user has decided.
http_response api::device_poll(const std::string& client_id, const std::string& client_secret,
                               const std::string& code) {
    if (client_id != opts_.client_id) return oauth_error(400, "invalid_client_id", "client identifier invalid");
    if (!client_secret.empty() && client_secret != opts_.client_secret)
        return oauth_error(400, "invalid_client", "invalid client credentials");
    {
        std::lock_guard<std::mutex> g(mutex_);
        auto it = device_requests_.find(code);
        if (it == device_requests_.end()) return oauth_error(400, "invalid_grant", "token exchange failed");
        device_request& d = it->second;
        auto now = std::chrono::steady_clock::now();
        bool too_soon = now - d.last < opts_.device_interval;
        d.last = now;
        if (too_soon) return oauth_error(400, "slow_down", "polling too quickly for the token endpoint");
        if (d.st == device_request::state::pending && opts_.device_auto_approve_after >= 0 &&
            d.pending_answers >= opts_.device_auto_approve_after)
            d.st = device_request::state::approved;
        if (d.st == device_request::state::pending) {
            ++d.pending_answers;
            return oauth_error(400, "authorization_pending", "authorization pending");
        }
        bool approved = d.st == device_request::state::approved;
        device_requests_.erase(it);  // a device code gives one answer after the decision
        if (!approved) return oauth_error(400, "access_denied", "end-user denied authorization");
    }
    return token_response(true);
}

bool api::decide_device(const std::string& user_code, device_request::state to) {
    std::string wanted;
    for (char c : user_code)
        if (c != '-' && c != ' ') wanted += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::lock_guard<std::mutex> g(mutex_);
    for (auto& [device, d] : device_requests_) {
        if (d.user_code != wanted || d.st != device_request::state::pending) continue;
        d.st = to;
        return true;
    }
    return false;
}

bool api::approve_device(const std::string& user_code) {
    return decide_device(user_code, device_request::state::approved);
}

bool api::deny_device(const std::string& user_code) { return decide_device(user_code, device_request::state::denied); }

}  // namespace sfcpp_emulator
