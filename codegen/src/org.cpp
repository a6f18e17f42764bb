#include "org.hpp"
#include "snapshot.hpp"

#include <sfcpp/auth.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/http/url.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace sfcpp::codegen {

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

}  // namespace

org_settings org_settings::from_environment() {
    org_settings s;
    s.login_url = env("SF_LOGIN_URL");
    s.client_id = env("SF_CLIENT_ID");
    s.username = env("SF_USERNAME");
    s.private_key_file = env("SF_PRIVATE_KEY_FILE");
    if (auto v = env("SF_API_VERSION"); !v.empty()) s.api_version = v;
    s.ca_file = env("SF_CA_FILE");
    s.client_secret = env("SF_CLIENT_SECRET");
    s.refresh_token = env("SF_REFRESH_TOKEN");
    return s;
}

org_settings::login_flow org_settings::flow() const {
    if (login_url.empty() || client_id.empty()) return login_flow::none;
    if (!refresh_token.empty()) return login_flow::refresh_token;
    if (!username.empty() && !private_key_file.empty()) return login_flow::jwt_bearer;
    if (!client_secret.empty()) return login_flow::client_credentials;
    return login_flow::none;
}

const char* org_settings::name(login_flow f) {
    switch (f) {
        case login_flow::refresh_token: return "refresh token";
        case login_flow::jwt_bearer: return "JWT bearer";
        case login_flow::client_credentials: return "client credentials";
        case login_flow::none: break;
    }
    return "no login";
}

std::string org_settings::missing() const {
    if (flow() != login_flow::none) return {};
    std::string m;
    if (login_url.empty()) m += "SF_LOGIN_URL (or --login-url), ";
    if (client_id.empty()) m += "SF_CLIENT_ID (or --client-id), ";
    if (!m.empty()) m.resize(m.size() - 2);
    const bool no_credential =
        client_secret.empty() && refresh_token.empty() && (username.empty() || private_key_file.empty());
    if (no_credential)
        m += std::string(m.empty() ? "" : " and ") +
             "one of SF_CLIENT_SECRET (client credentials), SF_USERNAME with SF_PRIVATE_KEY_FILE (JWT bearer) "
             "or SF_REFRESH_TOKEN";
    return m + " must be set";
}

struct org_connection::impl {
    org_settings settings;
    std::shared_ptr<http::transport> transport;
    std::shared_ptr<auth::session> session;
    std::unique_ptr<client> sf;
};

org_connection::org_connection(const org_settings& s) : impl_(std::make_unique<impl>()) {
    impl_->settings = s;
    http::options topts;
    topts.ca_file = s.ca_file;
    topts.user_agent = "sfcpp-codegen/0.1";
    impl_->transport = std::make_shared<http::transport>(topts);
    using flow = org_settings::login_flow;
    switch (s.flow()) {
        case flow::refresh_token:
            impl_->session = std::make_shared<auth::session>(
                impl_->transport, auth::refresh_token_grant{s.login_url, s.client_id, s.client_secret, s.refresh_token});
            break;
        case flow::jwt_bearer: {
            auth::jwt_bearer jwt;
            jwt.login_url = s.login_url;
            jwt.client_id = s.client_id;
            jwt.username = s.username;
            jwt.private_key_pem = read_file(s.private_key_file);
            impl_->session = std::make_shared<auth::session>(impl_->transport, std::move(jwt));
            break;
        }
        case flow::client_credentials:
            impl_->session = std::make_shared<auth::session>(
                impl_->transport, auth::client_credentials{s.login_url, s.client_id, s.client_secret});
            break;
        case flow::none:
            throw org_error(s.missing());
    }
    client_options copts;
    copts.api_version = s.api_version;
    impl_->sf = std::make_unique<client>(impl_->session, copts);
}

org_connection::~org_connection() = default;

void org_connection::login() {
    try {
        impl_->session->current();
    } catch (const std::exception& e) {
        // sfcpp's errors never quote a secret or a token response body.
        throw org_error("login to " + impl_->settings.login_url + " (" +
                        org_settings::name(impl_->settings.flow()) + ") failed: " + e.what());
    }
}

std::vector<org_object> org_connection::objects() {
    boost::json::value doc;
    try {
        doc = impl_->sf->describe_global();
    } catch (const std::exception& e) {
        throw org_error(std::string("listing the org's objects failed: ") + e.what());
    }
    std::vector<org_object> out;
    const auto* list = doc.is_object() ? doc.get_object().if_contains("sobjects") : nullptr;
    if (!list || !list->is_array()) throw org_error("listing the org's objects: the answer has no sobjects array");
    for (const auto& v : list->get_array()) {
        if (!v.is_object()) continue;
        const auto& o = v.get_object();
        org_object r;
        if (const auto* n = o.if_contains("name"); n && n->is_string()) r.name = n->get_string();
        if (const auto* l = o.if_contains("label"); l && l->is_string()) r.label = l->get_string();
        if (const auto* c = o.if_contains("custom"); c && c->is_bool()) r.custom = c->get_bool();
        if (const auto* q = o.if_contains("queryable"); q && q->is_bool()) r.queryable = q->get_bool();
        if (!r.name.empty()) out.push_back(std::move(r));
    }
    return out;
}

std::vector<fetched_describe> org_connection::describe(const std::vector<std::string>& names,
                                                       const std::map<std::string, std::string>& since,
                                                       const std::function<void(std::size_t, std::size_t)>& progress) {
    std::vector<fetched_describe> out(names.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex m;
    std::size_t done = 0;
    std::string failure;
    auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= names.size() || failed) return;
            fetched_describe& f = out[i];
            f.name = names[i];
            request_options ro;
            ro.accept_not_modified = true;
            if (auto it = since.find(f.name); it != since.end() && !it->second.empty())
                ro.headers.emplace_back("If-Modified-Since", it->second);
            try {
                http::response res = impl_->sf->send(
                    http::verb::get, "sobjects/" + std::string(http::require_api_name(f.name, "sObject")) + "/describe", {},
                    ro);
                f.not_modified = res.status == 304;
                f.last_modified = std::string(res.header("Last-Modified"));
                if (f.not_modified && f.last_modified.empty()) f.last_modified = since.at(f.name);
                if (!f.not_modified) f.body = std::move(res.body);
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> g(m);
                if (!failed.exchange(true)) failure = f.name + ": describe failed: " + e.what();
                return;
            }
            std::lock_guard<std::mutex> g(m);
            if (progress) progress(++done, names.size());
        }
    };
    const std::size_t n = std::min<std::size_t>(std::max(1u, impl_->settings.jobs), names.size());
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < n; ++t) workers.emplace_back(work);
    work();
    for (auto& t : workers) t.join();
    if (failed) throw org_error(failure);
    return out;
}

}  // namespace sfcpp::codegen
