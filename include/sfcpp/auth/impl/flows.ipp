// sfcpp/auth/impl/flows.ipp: the OAuth 2.0 flows. Included by flows.hpp (header-only) or
// compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/auth/flows.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cmath>

namespace sfcpp::auth {

namespace detail {

SFCPP_DECL std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

SFCPP_DECL http::response post_form(http::transport& t, const std::string& url,
                                    const std::vector<std::pair<std::string, std::string>>& params) {
    http::request rq;
    rq.method = http::verb::post;
    rq.url = url;
    rq.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    rq.body = http::form_encode(params);
    return t.send(rq);
}

SFCPP_DECL token token_request(http::transport& t, const std::string& login_url,
                               const std::vector<std::pair<std::string, std::string>>& params) {
    const std::string url = trim_slash(login_url) + "/services/oauth2/token";
    http::response res = post_form(t, url, params);
    if (res.status != 200) throw_api_error(res.status, res.body, "POST " + url, body_quote::never);
    return parse_token_response(res.body);
}

}  // namespace detail

SFCPP_DECL token client_credentials::login(http::transport& t) const {
    return detail::token_request(t, login_url, {{"grant_type", "client_credentials"},
                                                 {"client_id", client_id},
                                                 {"client_secret", client_secret.reveal()}});
}

SFCPP_DECL token username_password::login(http::transport& t) const {
    return detail::token_request(t, login_url, {{"grant_type", "password"},
                                                {"client_id", client_id},
                                                {"client_secret", client_secret.reveal()},
                                                {"username", username},
                                                {"password", password.reveal()}});
}

SFCPP_DECL token refresh_token_grant::login(http::transport& t) const {
    std::vector<std::pair<std::string, std::string>> p{
        {"grant_type", "refresh_token"}, {"client_id", client_id}, {"refresh_token", refresh_token.reveal()}};
    if (!client_secret.empty()) p.emplace_back("client_secret", client_secret.reveal());
    return detail::token_request(t, login_url, p);
}

SFCPP_DECL std::string jwt_bearer::assertion() const {
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

SFCPP_DECL token jwt_bearer::login(http::transport& t) const {
    return detail::token_request(
        t, login_url, {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", assertion()}});
}

SFCPP_DECL pkce pkce::generate() {
    pkce p;
    p.verifier = http::crypto::base64url(http::crypto::random_bytes(48));  // 64 characters
    p.challenge = http::crypto::base64url(http::crypto::sha256(p.verifier.reveal()));
    return p;
}

SFCPP_DECL std::string authorize_url(const authorize_request& r) {
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

namespace detail {

[[noreturn]] SFCPP_DECL void refuse_redirect(std::string why, std::string code) {
    throw auth_error(400, error_kind::auth, {{std::move(why), std::move(code), {}}}, "authorization redirect");
}

}  // namespace detail

SFCPP_DECL std::string code_from_redirect(std::string_view redirect_url, std::string_view expected_state) {
    if (expected_state.empty())
        throw http::config_error("sfcpp: code_from_redirect needs the state of the authorization request "
                                 "(auth::new_state()); an empty one would accept any redirect");
    const auto parsed = boost::urls::parse_uri_reference(boost::urls::string_view(redirect_url.data(), redirect_url.size()));
    if (!parsed) detail::refuse_redirect("the redirect URL is not a valid URI (RFC 3986)", "invalid_request");
    // Percent-decoded, and `+` is a space: the parameters are form-encoded (RFC 6749 appendix B).
    // The fragment is not part of the query.
    boost::urls::encoding_opts form;
    form.space_as_plus = true;
    std::optional<std::string> code, state, err, description;
    for (const auto& p : parsed->params(form)) {
        std::optional<std::string>* slot = p.key == "code"                ? &code
                                           : p.key == "state"             ? &state
                                           : p.key == "error"             ? &err
                                           : p.key == "error_description" ? &description
                                                                          : nullptr;
        if (!slot) continue;
        if (*slot) detail::refuse_redirect("the redirect repeats its " + p.key + " parameter", "invalid_request");
        *slot = p.value;
    }
    if (err)
        throw auth_error(400, error_kind::auth, {{description.value_or(""), err->empty() ? "invalid_request" : *err, {}}},
                         "authorization redirect");
    if (state != expected_state) detail::refuse_redirect("the redirect's state does not match the request's", "state_mismatch");
    if (!code || code->empty()) detail::refuse_redirect("the redirect carries no code", "invalid_request");
    return *code;
}

SFCPP_DECL token authorization_code::login(http::transport& t) const {
    std::vector<std::pair<std::string, std::string>> p{{"grant_type", "authorization_code"},
                                                       {"client_id", client_id},
                                                       {"redirect_uri", redirect_uri},
                                                       {"code", code.reveal()}};
    if (!client_secret.empty()) p.emplace_back("client_secret", client_secret.reveal());
    if (!code_verifier.empty()) p.emplace_back("code_verifier", code_verifier.reveal());
    return detail::token_request(t, login_url, p);
}

namespace detail {

SFCPP_DECL std::chrono::seconds clamp_interval(std::chrono::seconds s) noexcept {
    return std::clamp(s, device_min_interval, device_max_interval);
}

SFCPP_DECL std::chrono::seconds json_seconds(const boost::json::value& v, std::chrono::seconds lo,
                                             std::chrono::seconds hi) {
    const double x = v.to_number<double>();
    if (!(x > static_cast<double>(lo.count()))) return lo;  // NaN too
    if (x >= static_cast<double>(hi.count())) return hi;
    return std::chrono::seconds(static_cast<std::int64_t>(std::ceil(x)));
}

SFCPP_DECL std::chrono::steady_clock::time_point later(std::chrono::steady_clock::time_point t,
                                                       std::chrono::seconds s) {
    using tp = std::chrono::steady_clock::time_point;
    if (s <= std::chrono::seconds(0)) return t;
    if (s >= std::chrono::duration_cast<std::chrono::seconds>(tp::max() - std::max(t, tp{}))) return tp::max();
    return t + s;
}

}  // namespace detail

SFCPP_DECL device_authorization device_flow::start(http::transport& t) const {
    std::vector<std::pair<std::string, std::string>> p{{"response_type", "device_code"}, {"client_id", client_id}};
    if (!scope.empty()) p.emplace_back("scope", scope);
    const std::string url = detail::trim_slash(login_url) + "/services/oauth2/token";
    const auto asked = now();  // expires_in counts from the answer: from the question is the safe side
    http::response res = detail::post_form(t, url, p);
    if (res.status != 200) throw_api_error(res.status, res.body, "POST " + url, body_quote::never);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(res.body, ec);
    if (ec || !v.is_object()) throw decode_error("sfcpp: the device authorization response is not a JSON object");
    const auto& o = v.get_object();
    device_authorization d;
    d.device_code = sfcpp::detail::json_string_or_empty(o, "device_code");
    d.user_code = sfcpp::detail::json_string_or_empty(o, "user_code");
    d.verification_uri = sfcpp::detail::json_string_or_empty(o, "verification_uri");
    d.interval = detail::device_default_interval;
    if (const auto* i = o.if_contains("interval"); i && i->is_number())
        d.interval = detail::json_seconds(*i, detail::device_min_interval, detail::device_max_interval);
    if (const auto* e = o.if_contains("expires_in"); e && e->is_number())
        d.expires = detail::later(asked, detail::json_seconds(*e, std::chrono::seconds(0), std::chrono::hours(24 * 366)));
    if (d.device_code.empty() || d.user_code.empty())
        throw decode_error("sfcpp: the device authorization response has no device_code or user_code");
    return d;
}

SFCPP_DECL token device_flow::poll(http::transport& t, const device_authorization& d) const {
    const std::string url = detail::trim_slash(login_url) + "/services/oauth2/token";
    auto interval = detail::clamp_interval(d.interval);
    const auto started = now();
    const auto deadline = std::min(detail::later(started, give_up_after), d.expires);
    // The time asked of wait() counts too: a wait that returns early, or a clock that stands
    // still, cannot make the flow poll for ever.
    std::chrono::seconds waited{0};
    for (;;) {
        http::response res = detail::post_form(
            t, url, {{"grant_type", "device"}, {"client_id", client_id}, {"code", d.device_code.reveal()}});
        if (res.status == 200) return parse_token_response(res.body);
        auto items = parse_error_body(res.body, body_quote::never);
        const std::string code = items.empty() ? std::string() : items.front().error_code;
        if (code == "slow_down") interval = std::min(interval + std::chrono::seconds(5), detail::device_max_interval);
        else if (code != "authorization_pending") throw_api_error(res.status, res.body, "POST " + url, body_quote::never);
        if (now() + interval > deadline || detail::later(started, waited + interval) > deadline)
            throw auth_error(400, error_kind::auth, {{"the user did not approve in time", "expired_token", {}}},
                             "device flow");
        wait(interval);
        waited += interval;
    }
}

}  // namespace sfcpp::auth
