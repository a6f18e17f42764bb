#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/ids.hpp>
#include <sfcpp_emulator/soql.hpp>

#include <sfcpp/http/url.hpp>

#include "api_util.hpp"
#include "jwt.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace sfcpp_emulator {

namespace json = boost::json;
using namespace detail;

// ---------------------------------------------------------------------------------------------
// JSON output

namespace {

void write_json(std::string& out, const json::value& v) {
    switch (v.kind()) {
        case json::kind::null: out += "null"; break;
        case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case json::kind::int64: out += std::to_string(v.get_int64()); break;
        case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
        case json::kind::double_: {
            char buf[64];
            double d = v.get_double();
            auto r = std::to_chars(buf, buf + sizeof buf, d);
            std::string s(buf, r.ptr);
            if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 100 -> 100.0, as Salesforce writes
            out += s;
            break;
        }
        case json::kind::string: out += json::serialize(v); break;
        case json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v.get_array()) {
                if (!first) out += ',';
                first = false;
                write_json(out, e);
            }
            out += ']';
            break;
        }
        case json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& kv : v.get_object()) {
                if (!first) out += ',';
                first = false;
                out += json::serialize(json::value(kv.key()));
                out += ':';
                write_json(out, kv.value());
            }
            out += '}';
            break;
        }
    }
}

}  // namespace

std::string to_json(const json::value& v) {
    std::string out;
    write_json(out, v);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

namespace {

http_response oauth_error(int status, const std::string& error, const std::string& description) {
    return json_response(status, json::object{{"error", error}, {"error_description", description}});
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string url_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string url_encode(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else { char buf[4]; std::snprintf(buf, sizeof buf, "%%%02X", c); out += buf; }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view s) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto amp = s.find('&', start);
        if (amp == std::string_view::npos) amp = s.size();
        auto pair = s.substr(start, amp - start);
        auto eq = pair.find('=');
        if (!pair.empty())
            out[url_decode(pair.substr(0, eq), true)] =
                eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1), true);
        start = amp + 1;
    }
    return out;
}

std::string base64(const unsigned char* data, std::size_t n) {
    std::string out(4 * ((n + 2) / 3), '\0');
    int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
    out.resize(static_cast<std::size_t>(len));
    return out;
}

std::string base64url_nopad(const unsigned char* data, std::size_t n) {
    std::string s = base64(data, n);
    for (char& c : s) { if (c == '+') c = '-'; else if (c == '/') c = '_'; }
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
}

std::string base64_decode(const std::string& s) {
    std::string out(s.size(), '\0');
    int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                              reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
    if (len < 0) return {};
    std::size_t pad = 0;
    if (!s.empty() && s.back() == '=') ++pad;
    if (s.size() > 1 && s[s.size() - 2] == '=') ++pad;
    out.resize(static_cast<std::size_t>(len) - pad);
    return out;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" -> seconds since the epoch; -1 when unreadable.
std::int64_t parse_http_date(const std::string& s) {
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char mon[4] = {};
    int d = 0, y = 0, h = 0, mi = 0, se = 0;
    auto comma = s.find(',');
    if (comma == std::string::npos) return -1;
    if (std::sscanf(s.c_str() + comma + 1, " %d %3s %d %d:%d:%d", &d, mon, &y, &h, &mi, &se) != 6) return -1;
    for (unsigned m = 0; m < 12; ++m)
        if (std::string_view(mon) == months[m])
            return days_from_civil(y, m + 1, static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se;
    return -1;
}

std::string version_label(int v) {
    static const char* const seasons[] = {"Summer", "Winter", "Spring"};
    int k = v - 31;
    int year = 14 + (k + 2) / 3;
    return std::string(seasons[k % 3]) + " '" + std::to_string(year);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

api::api(const options& opts) : opts_(opts), schema_(schema::load(opts.schema_dir)) {
    store_ = std::make_unique<store>(schema_, opts_.db_path);
    if (!opts_.seed_file.empty()) {
        std::ifstream in(opts_.seed_file, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read seed file " + opts_.seed_file.string());
        std::stringstream buf;
        buf << in.rdbuf();
        json::value seed = json::parse(buf.str());
        if (!seed.is_object()) throw std::runtime_error("seed file must hold an object of arrays by sObject name");
        for (const auto& kv : seed.get_object()) {
            const object_schema* o = schema_.find(kv.key());
            if (!o) throw std::runtime_error("seed file: unknown sObject " + std::string(kv.key()));
            for (const auto& rec : kv.value().as_array()) {
                try {
                    store_->create(*o, rec.as_object());
                } catch (const api_exception& e) {
                    throw std::runtime_error("seed file: " + std::string(kv.key()) + ": " + e.error().error_code + ": " +
                                             e.error().message);
                }
            }
        }
    }
}

void api::set_base_url(std::string url) { base_url_ = std::move(url); }

std::string api::org_id() const { return make_id("00D", 1); }

std::string api::random_token(std::size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) throw std::runtime_error("RAND_bytes failed");
    std::string s = base64(buf.data(), buf.size());
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
    o["signature"] = base64(mac, mac_len);
    o["scope"] = "api refresh_token";
    o["instance_url"] = base_url_;
    o["id"] = id;
    o["token_type"] = "Bearer";
    o["issued_at"] = issued_at;
    return json_response(200, o);
}

http_response api::oauth(const http_request& req, const std::string& path) {
    auto q = req.target.find('?');
    auto params = parse_form(q == std::string::npos ? std::string_view() : std::string_view(req.target).substr(q + 1));
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
                               "code=" + url_encode(code);
        if (!param("state").empty()) location += "&state=" + url_encode(param("state"));
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
            unsigned char digest[EVP_MAX_MD_SIZE];
            unsigned int len = 0;
            EVP_Digest(verifier.data(), verifier.size(), digest, &len, EVP_sha256(), nullptr);
            if (verifier.empty() || base64url_nopad(digest, len) != challenge)
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
    {
        unsigned char raw[8];
        RAND_bytes(raw, sizeof raw);
        for (unsigned char b : raw) user += alphabet[b % (sizeof alphabet - 1)];
    }
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

void api::inject(const fault& f, int count) {
    std::lock_guard<std::mutex> g(mutex_);
    fault_ = f;
    fault_count_ = count;
}

int api::pending_faults() {
    std::lock_guard<std::mutex> g(mutex_);
    return fault_count_;
}

void api::inject_random(const fault_mix& mix, double rate, std::uint64_t seed) {
    std::lock_guard<std::mutex> g(mutex_);
    mix_ = mix;
    mix_rate_ = rate;
    mix_rng_.seed(seed);
    mix_counts_ = {};
}

fault_counts api::random_fault_counts() {
    std::lock_guard<std::mutex> g(mutex_);
    return mix_counts_;
}

fault api::next_fault(const std::string& path, bool& retry_after_zero) {
    retry_after_zero = false;
    if (fault_count_ > 0 && path.find(fault_.path) != std::string::npos) {
        --fault_count_;
        return fault_;
    }
    if (mix_rate_ <= 0) return {};
    ++mix_counts_.requests;
    if (std::uniform_real_distribution<double>(0, 1)(mix_rng_) >= mix_rate_) return {};
    const double weights[] = {mix_.too_many_requests, mix_.unavailable,    mix_.drop_before,     mix_.drop_after,
                              mix_.truncated_json,    mix_.wrong_content_type, mix_.html_error_page, mix_.empty_500};
    double total = 0;
    for (double w : weights) total += std::max(0.0, w);
    if (total <= 0) return {};
    double pick = std::uniform_real_distribution<double>(0, total)(mix_rng_);
    std::size_t k = 0;
    for (; k + 1 < std::size(weights); ++k) {
        pick -= std::max(0.0, weights[k]);
        if (pick < 0) break;
    }
    fault f;
    switch (k) {
        case 0: f.status = 429; ++mix_counts_.too_many_requests; break;
        case 1: f.status = 503; ++mix_counts_.unavailable; break;
        case 2: f.kind = fault_kind::drop_before; ++mix_counts_.drop_before; break;
        case 3: f.drop = true; ++mix_counts_.drop_after; break;
        case 4: f.kind = fault_kind::truncated_json; ++mix_counts_.malformed; break;
        case 5: f.kind = fault_kind::wrong_content_type; ++mix_counts_.malformed; break;
        case 6: f.kind = fault_kind::html_error_page; ++mix_counts_.malformed; break;
        default: f.kind = fault_kind::empty_500; ++mix_counts_.malformed; break;
    }
    if (f.status != 0) {
        if (mix_.retry_after > 0) f.retry_after = mix_.retry_after;
        else retry_after_zero = mix_.retry_after == 0;
    }
    return f;
}

http_response api::admin(const http_request& req, const std::string& path) {
    if (req.method != "POST") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are POST", {}, false);
    if (path == "/__emulator/expire-tokens") {
        expire_all_tokens();
        return empty_response(204);
    }
    if (path == "/__emulator/device/approve" || path == "/__emulator/device/deny") {
        json::object body = parse_body(req);
        const json::value* code = find_key(body, "user_code");
        if (!code || !code->is_string())
            fail(400, "JSON_PARSER_ERROR", "Expected {\"user_code\": \"...\"}", {}, false);
        std::string user_code(code->get_string());
        bool found = path.ends_with("/approve") ? approve_device(user_code) : deny_device(user_code);
        if (!found) fail(404, "NOT_FOUND", "No pending device request has the user code " + user_code, {}, false);
        return empty_response(204);
    }
    if (path == "/__emulator/faults") {
        json::object body = parse_body(req);
        fault f;
        int count = 1;
        if (auto v = find_key(body, "count")) count = static_cast<int>(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "status")) f.status = static_cast<int>(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "retryAfter")) f.retry_after = static_cast<int>(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "delayMs")) f.delay = std::chrono::milliseconds(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "drop")) f.drop = v->as_bool();
        if (auto v = find_key(body, "path")) f.path = std::string(v->as_string());
        if (auto v = find_key(body, "kind"); v && v->is_string()) {
            const std::string k(v->get_string());
            if (k == "dropBefore") f.kind = fault_kind::drop_before;
            else if (k == "truncatedJson") f.kind = fault_kind::truncated_json;
            else if (k == "wrongContentType") f.kind = fault_kind::wrong_content_type;
            else if (k == "htmlErrorPage") f.kind = fault_kind::html_error_page;
            else if (k == "empty500") f.kind = fault_kind::empty_500;
            else fail(400, "INVALID_FIELD", "Unknown fault kind " + k, {}, false);
        }
        inject(f, count);
        return empty_response(204);
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response api::handle(const http_request& req) {
    http_response res;
    try {
        std::string target = req.target;
        auto qpos = target.find('?');
        std::string path = target.substr(0, qpos);
        if (opts_.admin_api && path.rfind("/__emulator/", 0) == 0) return admin(req, path);
        fault f;
        bool retry_after_zero = false;
        {
            std::lock_guard<std::mutex> g(mutex_);
            f = next_fault(path, retry_after_zero);
        }
        if (f.delay.count() > 0) std::this_thread::sleep_for(f.delay);
        auto set_header = [&res](const std::string& name, const std::string& value) {
            for (auto& h : res.headers)
                if (h.first == name) { h.second = value; return; }
            res.headers.emplace_back(name, value);
        };
        if (f.kind == fault_kind::drop_before) {
            res = error_response({500, "UNKNOWN_EXCEPTION", "An unexpected error occurred (injected: not processed)", {}, false});
            res.drop_mid_body = true;
        } else if (f.kind == fault_kind::wrong_content_type) {
            res.status = 200;
            res.body = "OK: request accepted by upstream\n";
            set_header("Content-Type", "text/plain; charset=UTF-8");
        } else if (f.kind == fault_kind::html_error_page) {
            res.status = f.status != 0 ? f.status : 502;
            res.body = "<!DOCTYPE html>\n<html><head><title>" + std::to_string(res.status) +
                       " Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>\n";
            set_header("Content-Type", "text/html; charset=UTF-8");
        } else if (f.kind == fault_kind::empty_500) {
            res.status = 500;
            res.body.clear();
        } else if (f.status != 0) {
            res = f.status == 503 ? error_response({503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable", {}, false})
                                  : error_response({f.status, "REQUEST_LIMIT_EXCEEDED", "Too many requests", {}, false});
            if (f.retry_after > 0 || retry_after_zero) res.headers.emplace_back("Retry-After", std::to_string(f.retry_after));
        } else {
            res = dispatch(req);
            if (f.kind == fault_kind::truncated_json) res.body.resize(res.body.size() / 2);
            res.drop_mid_body = f.drop;
        }
        if (res.drop_mid_body && res.body.empty()) {
            // A 204 head is a whole response: announce a body instead, so that the cut loses it.
            res.status = 200;
            res.body = "{\"success\":true}";
        }
    } catch (const api_exception& e) {
        res = error_response(e.error());
    } catch (const std::exception& e) {
        res = error_response({400, "INVALID_REQUEST", std::string("Bad request: ") + e.what(), {}, false});
    }
    std::int64_t used;
    {
        std::lock_guard<std::mutex> g(mutex_);
        used = api_usage_;
    }
    res.headers.emplace_back("Sforce-Limit-Info",
                             "api-usage=" + std::to_string(used) + "/" + std::to_string(opts_.api_limit));
    return res;
}

http_response api::dispatch(const http_request& req) {
    http_response res;
    try {
        std::string target = req.target;
        auto qpos = target.find('?');
        std::string path = target.substr(0, qpos);
        auto query = parse_form(qpos == std::string::npos ? std::string_view() : std::string_view(target).substr(qpos + 1));
        if (path.rfind("/services/oauth2/", 0) == 0) {
            res = oauth(req, path);
        } else {
            std::vector<std::string> parts;
            std::size_t start = 1;
            while (start <= path.size()) {
                auto slash = path.find('/', start);
                if (slash == std::string::npos) slash = path.size();
                parts.push_back(url_decode(std::string_view(path).substr(start, slash - start), false));
                start = slash + 1;
            }
            while (!parts.empty() && parts.back().empty()) parts.pop_back();
            if (parts.size() >= 2 && parts[0] == "services" && parts[1] == "data") {
                parts.erase(parts.begin(), parts.begin() + 2);
                res = rest(req, parts, query);
            } else {
                fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
            }
        }
    } catch (const api_exception& e) {
        res = error_response(e.error());
    } catch (const std::exception& e) {
        res = error_response({500, "UNKNOWN_EXCEPTION",
                              std::string("An unexpected error occurred in the emulator: ") + e.what(), {}, false});
    }
    return res;
}

http_response api::rest(const http_request& req, const std::vector<std::string>& parts,
                        const std::map<std::string, std::string>& query) {
    if (parts.empty()) {
        json::array versions;
        int latest = std::stoi(opts_.latest_version);
        for (int v = 31; v <= latest; ++v) {
            std::string ver = std::to_string(v) + ".0";
            versions.push_back(json::object{{"label", version_label(v)}, {"url", "/services/data/v" + ver}, {"version", ver}});
        }
        return json_response(200, versions);
    }
    const std::string& version = parts[0];
    {
        bool ok = version.size() >= 4 && version[0] == 'v' && version.ends_with(".0");
        int v = 0;
        if (ok) {
            auto r = std::from_chars(version.data() + 1, version.data() + version.size() - 2, v);
            ok = r.ec == std::errc() && r.ptr == version.data() + version.size() - 2 && v >= 20 &&
                 v <= std::stoi(opts_.latest_version);
        }
        if (!ok) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    }
    if (!authorized(req)) fail(401, "INVALID_SESSION_ID", "Session expired or invalid", {}, false);
    {
        std::lock_guard<std::mutex> g(mutex_);
        if (api_usage_ >= opts_.api_limit) fail(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", {}, false);
        ++api_usage_;
    }
    const std::string base = "/services/data/" + version;
    if (parts.size() == 1) {
        if (req.method != "GET") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are GET", {}, false);
        json::object o;
        for (const char* r : {"tooling", "metadata", "eclair", "folders", "prechatForms", "async-queries", "query",
                              "chatter", "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave", "iot",
                              "analytics", "search", "smartdatadiscovery", "identity", "composite", "parameterizedSearch",
                              "fingerprint", "theme", "nouns", "domino", "event", "serviceTemplates", "recent",
                              "connect", "licensing", "limits", "process", "dedupe", "asyncQueries", "jsonxform",
                              "consent", "tokenizer", "sobjects", "actions", "support"})
            o[r] = std::string(base) + "/" + r;
        o["identity"] = base_url_ + "/id/" + org_id() + "/" + store_->integration_user_id();
        return json_response(200, o);
    }
    const std::string& resource = parts[1];
    std::vector<std::string> rest_parts(parts.begin() + 1, parts.end());
    if (resource == "sobjects") return sobjects(req, version, rest_parts, query);
    if (resource == "query" || resource == "queryAll") return run_query(req, version, resource == "queryAll", query, rest_parts);
    if (resource == "composite") {
        if (rest_parts.size() == 1) return composite(req, version);
        if (rest_parts[1] == "sobjects") return collections(req, version, rest_parts, query);
        if (rest_parts[1] == "tree" && rest_parts.size() == 3) return tree(req, version, rest_parts[2]);
        fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    }
    if (resource == "jobs") return bulk_->handle(req, version, rest_parts, query);
    if (resource == "limits") {
        if (rest_parts.size() == 2 && rest_parts[1] == "recordCount") {
            json::array counts;
            std::vector<std::string> names;
            if (auto it = query.find("sObjects"); it != query.end()) {
                std::size_t start = 0;
                while (start <= it->second.size()) {
                    auto comma = it->second.find(',', start);
                    if (comma == std::string::npos) comma = it->second.size();
                    names.push_back(it->second.substr(start, comma - start));
                    start = comma + 1;
                }
            } else {
                for (const auto& o : schema_.objects()) names.push_back(o->name());
            }
            for (const auto& n : names)
                if (const auto* o = schema_.find(n))
                    counts.push_back(json::object{{"count", store_->count(*o)}, {"name", o->name()}});
            return json_response(200, json::object{{"sObjects", counts}});
        }
        std::int64_t used;
        {
            std::lock_guard<std::mutex> g(mutex_);
            used = api_usage_;
        }
        auto limit = [](std::int64_t max, std::int64_t remaining) {
            return json::object{{"Max", max}, {"Remaining", remaining}};
        };
        json::object o;
        o["ConcurrentAsyncGetReportInstances"] = limit(200, 200);
        o["ConcurrentSyncReportRuns"] = limit(20, 20);
        o["DailyApiRequests"] = limit(opts_.api_limit, opts_.api_limit - used);
        o["DailyAsyncApexExecutions"] = limit(250000, 250000);
        o["DailyBulkApiBatches"] = limit(15000, 15000);
        o["DailyBulkV2QueryFileStorageMB"] = limit(976562, 976562);
        o["DailyBulkV2QueryJobs"] = limit(10000, 10000);
        o["DataStorageMB"] = limit(5, 5);
        o["FileStorageMB"] = limit(20, 20);
        o["HourlyTimeBasedWorkflow"] = limit(50, 50);
        o["MassEmail"] = limit(10, 10);
        o["SingleEmail"] = limit(15, 15);
        return json_response(200, o);
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response api::sobjects(const http_request& req, const std::string& version, const std::vector<std::string>& parts,
                            const std::map<std::string, std::string>& query) {
    const std::string base = "/services/data/" + version;
    auto not_allowed = [&](const char* allowed) -> http_response {
        fail(405, "METHOD_NOT_ALLOWED",
             "HTTP Method '" + req.method + "' not allowed. Allowed are " + allowed, {}, false);
    };
    auto object_urls = [&](const object_schema& o) {
        std::string u = base + "/sobjects/" + o.name();
        return json::object{{"compactLayouts", u + "/describe/compactLayouts"},
                            {"rowTemplate", u + "/{ID}"},
                            {"approvalLayouts", u + "/describe/approvalLayouts"},
                            {"listviews", u + "/listviews"},
                            {"describe", u + "/describe"},
                            {"quickActions", u + "/quickActions"},
                            {"layouts", u + "/describe/layouts"},
                            {"sobject", u}};
    };
    auto summary = [&](const object_schema& o) {
        static const char* const keys[] = {"activateable", "associateEntityType", "associateParentEntity", "createable",
                                           "custom", "customSetting", "deepCloneable", "deletable",
                                           "deprecatedAndHidden", "feedEnabled", "hasSubtypes", "isInterface",
                                           "isSubtype", "keyPrefix", "label", "labelPlural", "layoutable", "mergeable",
                                           "mruEnabled", "name", "queryable", "replicateable", "retrieveable",
                                           "searchable", "triggerable", "undeletable", "updateable"};
        json::object s;
        const json::object* raw = o.describe.raw.if_object();
        for (const char* k : keys) {
            const json::value* v = raw ? find_key(*raw, k) : nullptr;
            if (v) s[k] = *v;
            else if (std::string_view(k).starts_with("associate")) s[k] = nullptr;
            else s[k] = false;
        }
        s["urls"] = object_urls(o);
        return s;
    };

    if (parts.size() == 1) {
        if (req.method != "GET") return not_allowed("GET,HEAD");
        json::array list;
        for (const auto& o : schema_.objects()) list.push_back(summary(*o));
        return json_response(200, json::object{{"encoding", "UTF-8"}, {"maxBatchSize", 200}, {"sobjects", list}});
    }
    const object_schema* obj = schema_.find(parts[1]);
    if (!obj) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);

    if (parts.size() == 2) {
        if (req.method == "GET")
            return json_response(200, json::object{{"objectDescribe", summary(*obj)}, {"recentItems", json::array()}});
        if (req.method != "POST") return not_allowed("GET,HEAD,POST");
        std::string id = store_->create(*obj, parse_body(req));
        http_response r = json_response(201, json::object{{"id", id}, {"success", true}, {"errors", json::array()}});
        r.headers.emplace_back("Location", base + "/sobjects/" + obj->name() + "/" + id);
        return r;
    }
    if (parts.size() == 3 && (parts[2] == "updated" || parts[2] == "deleted")) {
        if (req.method != "GET") return not_allowed("GET,HEAD");
        auto bound = [&](const char* name) {
            auto it = query.find(name);
            if (it == query.end()) fail(400, "MISSING_ARGUMENT", std::string(name) + " parameter must be specified", {}, false);
            auto dt = normalize_datetime(it->second);
            if (!dt) fail(400, "INVALID_DATE_FORMAT", std::string(name) + " is not a valid dateTime: " + it->second, {}, false);
            return *dt;
        };
        std::string start = bound("start"), end = bound("end");
        bool deleted = parts[2] == "deleted";
        auto rows = store_->changed(*obj, start, end, deleted);
        if (!deleted) {
            json::array ids;
            for (const auto& r : rows) ids.emplace_back(r.first);
            return json_response(200, json::object{{"ids", ids}, {"latestDateCovered", end}});
        }
        json::array recs;
        for (const auto& r : rows) recs.push_back(json::object{{"id", r.first}, {"deletedDate", r.second}});
        return json_response(200, json::object{{"deletedRecords", recs}, {"earliestDateAvailable", start},
                                               {"latestDateCovered", end}});
    }
    if (parts.size() == 3 && parts[2] == "describe") {
        if (req.method != "GET") return not_allowed("GET,HEAD");
        if (const std::string* ims = req.header("if-modified-since")) {
            std::int64_t since = parse_http_date(*ims);
            if (since >= 0 && since >= parse_http_date(obj->last_modified)) {
                http_response r = empty_response(304);
                r.headers.emplace_back("Last-Modified", obj->last_modified);
                return r;
            }
        }
        json::value d = obj->describe.raw;
        // The recorded describe names the API version it was taken with; serve the requested one.
        if (auto* o = d.if_object(); o && o->contains("urls") && (*o)["urls"].is_object()) {
            for (auto& kv : (*o)["urls"].get_object()) {
                if (!kv.value().is_string()) continue;
                std::string u(kv.value().get_string());
                if (u.rfind("/services/data/v", 0) == 0) {
                    auto slash = u.find('/', 15);
                    if (slash != std::string::npos) kv.value() = base + u.substr(slash);
                }
            }
        }
        http_response r = json_response(200, d);
        r.headers.emplace_back("Last-Modified", obj->last_modified);
        return r;
    }
    if (parts.size() == 3) {
        const std::string& id = parts[2];
        if (req.method == "GET") {
            std::vector<std::string> fields;
            if (auto it = query.find("fields"); it != query.end()) {
                std::size_t start = 0;
                const std::string& list = it->second;
                while (start <= list.size()) {
                    auto comma = list.find(',', start);
                    if (comma == std::string::npos) comma = list.size();
                    std::string f = list.substr(start, comma - start);
                    while (!f.empty() && f.front() == ' ') f.erase(f.begin());
                    while (!f.empty() && f.back() == ' ') f.pop_back();
                    if (!f.empty()) fields.push_back(f);
                    start = comma + 1;
                }
            }
            return json_response(200, store_->retrieve(*obj, id, fields, version));
        }
        if (req.method == "PATCH") {
            store_->update(*obj, id, parse_body(req));
            return empty_response(204);
        }
        if (req.method == "DELETE") {
            store_->remove(*obj, id);
            return empty_response(204);
        }
        return not_allowed("GET,HEAD,PATCH,DELETE");
    }
    if (parts.size() == 4) {
        const sfcpp::field_describe* f = obj->field(parts[2]);
        if (!f || !(f->external_id || f->id_lookup))
            fail(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + parts[2], {}, false);
        const std::string& value = parts[3];
        if (req.method == "PATCH") {
            json::object body = parse_body(req);
            try {
                upsert_result u = store_->upsert(*obj, *f, value, body);
                return json_response(u.created ? 201 : 200,
                                     json::object{{"id", u.id}, {"success", true}, {"errors", json::array()},
                                                  {"created", u.created}});
            } catch (const multiple_matches& m) {
                json::array urls;
                for (const auto& id : m.ids) urls.emplace_back(base + "/sobjects/" + obj->name() + "/" + id);
                return json_response(300, urls);
            }
        }
        if (req.method == "GET" || req.method == "DELETE") {
            auto ids = store_->find_by(*obj, *f, value);
            if (ids.empty()) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
            if (ids.size() > 1) {
                json::array urls;
                for (const auto& id : ids) urls.emplace_back(base + "/sobjects/" + obj->name() + "/" + id);
                return json_response(300, urls);
            }
            if (req.method == "DELETE") {
                store_->remove(*obj, ids.front());
                return empty_response(204);
            }
            return json_response(200, store_->retrieve(*obj, ids.front(), {}, version));
        }
        return not_allowed("GET,HEAD,PATCH,DELETE");
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response api::run_query(const http_request& req, const std::string& version, bool all_rows,
                             const std::map<std::string, std::string>& query, const std::vector<std::string>& parts) {
    if (req.method != "GET")
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are GET,HEAD", {}, false);
    std::size_t batch = 2000;
    if (const std::string* h = req.header("sforce-query-options")) {
        auto pos = lower(*h).find("batchsize=");
        if (pos != std::string::npos) {
            std::size_t n = 0;
            auto r = std::from_chars(h->data() + pos + 10, h->data() + h->size(), n);
            if (r.ec == std::errc() && n > 0) batch = std::min<std::size_t>(n, 2000);
        }
    }
    if (parts.size() == 2) {
        const std::string& loc = parts[1];
        auto dash = loc.rfind('-');
        std::size_t start = 0;
        if (dash == std::string::npos ||
            std::from_chars(loc.data() + dash + 1, loc.data() + loc.size(), start).ec != std::errc())
            fail(400, "INVALID_QUERY_LOCATOR", "invalid query locator", {}, false);
        return page(version, all_rows, loc.substr(0, dash), start, req.header("sforce-query-options") ? batch : 0);
    }
    if (parts.size() != 1) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    auto it = query.find("q");
    if (it == query.end() || it->second.empty())
        fail(400, "MALFORMED_QUERY", "A query string has to be specified", {}, false);
    soql::query q = soql::parse(it->second);
    soql::result res = soql::execute(*store_, q, all_rows, version, it->second);
    std::string locator;
    {
        std::lock_guard<std::mutex> g(mutex_);
        locator = make_id("01g", ++locator_serial_).substr(0, 15) + "AAA";
        cursors_[locator] = cursor{std::move(res.records), res.total_size, batch};
        // Abandoned cursors are dropped oldest first (locators sort in creation order).
        while (cursors_.size() > std::max<std::size_t>(1, opts_.max_query_cursors)) cursors_.erase(cursors_.begin());
    }
    return page(version, all_rows, locator, 0, batch);
}

http_response api::page(const std::string& version, bool all_rows, const std::string& locator, std::size_t start,
                        std::size_t batch) {
    json::object out;
    std::lock_guard<std::mutex> g(mutex_);
    auto it = cursors_.find(locator);
    if (it == cursors_.end() || start > it->second.records.size())
        fail(400, "INVALID_QUERY_LOCATOR", "invalid query locator", {}, false);
    cursor& c = it->second;
    if (batch == 0) batch = c.batch;
    std::size_t end = std::min(c.records.size(), start + batch);
    json::array recs;
    for (std::size_t i = start; i < end; ++i) recs.push_back(c.records[i]);
    out["totalSize"] = c.total_size;
    out["done"] = end >= c.records.size();
    if (end < c.records.size())
        out["nextRecordsUrl"] = "/services/data/" + version + (all_rows ? "/queryAll/" : "/query/") + locator + "-" +
                                std::to_string(end);
    out["records"] = std::move(recs);
    if (end >= c.records.size()) cursors_.erase(it);
    return json_response(200, out);
}

}  // namespace sfcpp_emulator
