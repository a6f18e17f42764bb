// sfcpp/client/impl/client.ipp: the REST client's requests, retries, throttling and the calls
// that need no record type. Included by client.hpp (header-only) or compiled once through
// sfcpp/src.hpp.
#pragma once

#include <sfcpp/client/client.hpp>

#include <random>

namespace sfcpp {

namespace detail {

SFCPP_DECL std::string with_attributes(std::string_view type, std::string_view extra, const std::string& json) {
    std::string out = "{\"attributes\":{\"type\":\"";
    out += type;
    out += "\"}";
    if (!extra.empty()) {
        out += ',';
        out += extra;
    }
    if (json.size() > 2) {
        out += ',';
        out.append(json, 1, std::string::npos);
    } else {
        out += '}';
    }
    return out;
}

SFCPP_DECL boost::json::value parse_json_body(std::string_view body, std::string_view what) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec) throw decode_error("sfcpp: " + std::string(what) + ": the response is not JSON: " + redacted_excerpt(body));
    return v;
}

SFCPP_DECL std::vector<save_result> parse_save_results(std::string_view body) {
    std::vector<save_result> out;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_array()) throw decode_error("sfcpp: the sObject Collections response is not a JSON array");
    for (const auto& e : v.get_array()) {
        save_result r;
        if (!e.is_object()) continue;
        const auto& o = e.get_object();
        if (const auto* i = o.if_contains("id"); i && i->is_string()) r.id = sfcpp::id::parse(i->get_string());
        if (const auto* s = o.if_contains("success"); s && s->is_bool()) r.success = s->get_bool();
        if (const auto* c = o.if_contains("created"); c && c->is_bool()) r.created = c->get_bool();
        if (const auto* errs = o.if_contains("errors"); errs && errs->is_array())
            for (const auto& x : errs->get_array()) add_error_item(x, r.errors);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace detail

SFCPP_DECL http::response client::send(http::verb method, std::string_view path, std::string body,
                                       const request_options& ro) {
    const std::string context = std::string(http::to_string(method)) + " " + std::string(path.substr(0, path.find('?')));
    const bool idempotent = ro.idempotent.value_or(method != http::verb::post && method != http::verb::patch);
    bool refreshed = false;
    bool resent_after_possible_delivery = false;
    int attempt = 1;
    for (;;) {
        auth::token tok = session_->current();
        http::request rq;
        rq.method = method;
        rq.url = resolve(path, tok.instance_url);
        rq.headers.reserve(4 + ro.headers.size());
        rq.headers.emplace_back("Authorization", "Bearer " + tok.access_token.reveal());
        // Defaults only where the caller set nothing: a header the caller gives replaces ours.
        auto caller_sets = [&](std::string_view name) {
            return std::any_of(ro.headers.begin(), ro.headers.end(),
                               [&](const auto& h) { return http::detail::iequals(h.first, name); });
        };
        if (!caller_sets("Accept")) rq.headers.emplace_back("Accept", "application/json");
        if (!body.empty() && !caller_sets("Content-Type")) rq.headers.emplace_back("Content-Type", "application/json");
        for (const auto& h : ro.headers) {
            if (http::detail::iequals(h.first, "Authorization")) continue;  // the session's token, always
            rq.headers.push_back(h);
        }
        rq.body = body;

        http::response res;
        throttle_enter();
        try {
            res = session_->transport().send(rq);
        } catch (const http::transport_error& e) {
            throttle_exit();
            // Resending is safe when the server cannot have seen the request, or when seeing it
            // twice changes nothing.
            const bool safe = !e.may_have_reached_server() || idempotent;
            if (!safe || attempt >= opts_.retry.max_attempts) throw;
            resent_after_possible_delivery = resent_after_possible_delivery || e.may_have_been_processed();
            std::this_thread::sleep_for(backoff(attempt, {}));
            ++attempt;
            std::lock_guard<std::mutex> g(stats_mutex_);
            ++retries_;
            continue;
        } catch (...) {
            throttle_exit();
            throw;
        }
        throttle_exit();
        note(res);

        if (res.status == 401 && !refreshed) {
            // Expired or revoked token: renew once (single-flight in the session), then resend.
            // A 401 was not processed, so this is safe for any method.
            session_->refresh(tok.access_token);
            refreshed = true;
            continue;
        }
        if ((res.status == 429 || res.status == 503) && attempt < opts_.retry.max_attempts) {
            const auto wait = backoff(attempt, res.header("Retry-After"));
            if (wait <= opts_.retry.max_retry_after) {
                std::this_thread::sleep_for(wait);
                ++attempt;
                std::lock_guard<std::mutex> g(stats_mutex_);
                ++retries_;
                continue;
            }
        }
        if (res.status == 304 && ro.accept_not_modified) return res;
        if (res.status == 404 && method == http::verb::delete_ && resent_after_possible_delivery) {
            // An earlier attempt whose answer was lost deleted the record: the delete happened.
            res.status = 204;
            res.body.clear();
            return res;
        }
        if (res.status >= 300) {
            if (res.status == 401 && refreshed)
                throw_api_error(res.status, res.body, context + " (rejected again after renewing the session)");
            throw_api_error(res.status, res.body, context);
        }
        return res;
    }
}

SFCPP_DECL client::client(std::shared_ptr<auth::session> s, client_options o)
    : session_(std::move(s)), opts_(std::move(o)) {
    if (!session_) throw usage_error("sfcpp::client needs a session");
    if (opts_.retry.max_attempts < 1) opts_.retry.max_attempts = 1;
}

SFCPP_DECL boost::json::value client::call(http::verb method, std::string_view path, const boost::json::value& body,
                                           const request_options& ro) {
    std::string text = body.is_null() ? std::string() : boost::json::serialize(body);
    http::response res = send(method, path, std::move(text), ro);
    if (res.body.empty()) return nullptr;
    return detail::parse_json_body(res.body, path.substr(0, path.find('?')));
}

SFCPP_DECL boost::json::value client::apex(http::verb method, std::string_view path, const boost::json::value& body) {
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    request_options ro;
    ro.idempotent = method != http::verb::post;
    return call(method, "/services/apexrest/" + std::string(path), body, ro);
}

SFCPP_DECL limit_info client::last_limit_info() const {
    std::lock_guard<std::mutex> g(stats_mutex_);
    return limit_info_;
}

SFCPP_DECL std::uint64_t client::retries() const {
    std::lock_guard<std::mutex> g(stats_mutex_);
    return retries_;
}

SFCPP_DECL std::string client::retrieve_path(std::string_view sobject, const sfcpp::id& id,
                                             const std::vector<std::string>& fields) const {
    std::string path = "sobjects/" + std::string(sobject) + "/" + id.to_string();
    for (std::size_t i = 0; i < fields.size(); ++i)
        path += (i ? "," : "?fields=") + http::url_encode(fields[i]);
    return path;
}

SFCPP_DECL std::string client::key_path(std::string_view sobject, std::string_view key, std::string_view value) {
    return "sobjects/" + std::string(sobject) + "/" + std::string(key) + "/" + http::path_segment(value);
}

SFCPP_DECL upsert_result client::upsert_by(std::string_view sobject, std::string_view key, std::string_view value,
                                           std::string body) {
    http::response res = send(http::verb::patch, key_path(sobject, key, value), std::move(body), resendable());
    upsert_result r;
    r.created = res.status == 201;
    if (!res.body.empty()) {
        r.id = id_of(res.body);
        boost::system::error_code ec;
        auto v = boost::json::parse(res.body, ec);
        if (!ec && v.is_object())
            if (const auto* c = v.get_object().if_contains("created"); c && c->is_bool()) r.created = c->get_bool();
    }
    return r;
}

SFCPP_DECL std::vector<save_result> client::save_collection(http::verb method, const std::string& path,
                                                            std::vector<std::string> bodies, const save_options& o,
                                                            bool idempotent) {
    request_options ro;
    ro.idempotent = idempotent;
    std::vector<save_result> out;
    out.reserve(bodies.size());
    for (std::size_t from = 0; from < bodies.size(); from += collection_chunk) {
        const std::size_t to = std::min(bodies.size(), from + collection_chunk);
        std::string body = std::string("{\"allOrNone\":") + (o.all_or_none ? "true" : "false") + ",\"records\":[";
        for (std::size_t i = from; i < to; ++i) {
            if (i > from) body += ',';
            body += bodies[i];
        }
        body += "]}";
        for (auto& r : detail::parse_save_results(send(method, path, std::move(body), ro).body))
            out.push_back(std::move(r));
    }
    return out;
}

SFCPP_DECL std::vector<save_result> client::remove_ids(const std::vector<sfcpp::id>& ids, const save_options& o) {
    std::vector<save_result> out;
    out.reserve(ids.size());
    for (std::size_t from = 0; from < ids.size(); from += collection_chunk) {
        const std::size_t to = std::min(ids.size(), from + collection_chunk);
        std::string path = "composite/sobjects?allOrNone=" + std::string(o.all_or_none ? "true" : "false") + "&ids=";
        for (std::size_t i = from; i < to; ++i) path += (i > from ? "," : "") + ids[i].to_string();
        for (auto& r : detail::parse_save_results(send(http::verb::delete_, path).body)) out.push_back(std::move(r));
    }
    return out;
}

SFCPP_DECL boost::json::value client::tree(std::string_view sobject, const boost::json::value& records) {
    request_options ro;
    ro.idempotent = false;
    return call(http::verb::post, "composite/tree/" + std::string(sobject), records, ro);
}

SFCPP_DECL sobject_describe client::describe(std::string_view sobject) {
    const std::string path = "sobjects/" + std::string(http::require_api_name(sobject, "sObject")) + "/describe";
    return parse_describe(cached_get(path), "describe " + std::string(sobject));
}

SFCPP_DECL std::map<std::string, client::limit_value> client::limits() {
    std::map<std::string, limit_value> out;
    boost::json::value v = detail::parse_json_body(send(http::verb::get, "limits").body, "limits");
    if (!v.is_object()) return out;
    for (const auto& kv : v.get_object()) {
        if (!kv.value().is_object()) continue;
        const auto& o = kv.value().get_object();
        limit_value lv;
        if (const auto* m = o.if_contains("Max"); m && m->is_number()) lv.max = m->to_number<std::int64_t>();
        if (const auto* r = o.if_contains("Remaining"); r && r->is_number()) lv.remaining = r->to_number<std::int64_t>();
        out.emplace(std::string(kv.key()), lv);
    }
    return out;
}

SFCPP_DECL request_options client::resendable() {
    request_options ro;
    ro.idempotent = true;
    return ro;
}

SFCPP_DECL sfcpp::id client::id_of(std::string_view body) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (!ec && v.is_object())
        if (const auto* i = v.get_object().if_contains("id"); i && i->is_string())
            if (auto id = sfcpp::id::parse(i->get_string())) return *id;
    throw decode_error("sfcpp: the response carries no record id");
}

SFCPP_DECL std::string client::cached_get(const std::string& path) {
    request_options ro;
    ro.accept_not_modified = true;
    {
        std::lock_guard<std::mutex> g(cache_mutex_);
        if (auto it = describe_cache_.find(path); it != describe_cache_.end() && !it->second.first.empty())
            ro.headers.emplace_back("If-Modified-Since", it->second.first);
    }
    http::response res = send(http::verb::get, path, {}, ro);
    std::lock_guard<std::mutex> g(cache_mutex_);
    if (res.status == 304) {
        if (auto it = describe_cache_.find(path); it != describe_cache_.end()) return it->second.second;
        throw decode_error("sfcpp: 304 Not Modified without a cached copy of " + path);
    }
    describe_cache_[path] = {std::string(res.header("Last-Modified")), res.body};
    return res.body;
}

SFCPP_DECL std::string client::resolve(std::string_view path, const std::string& instance_url) const {
    auto starts = [&](std::string_view prefix) {
        return path.size() >= prefix.size() && http::detail::iequals(path.substr(0, prefix.size()), prefix);
    };
    if (starts("https://") || starts("http://")) {
        const std::string origin = http::url::parse(path).origin();
        if (origin != http::url::parse(instance_url).origin())
            throw error("sfcpp: refusing to send the session's token to " + origin +
                        ", which is not the instance's origin");
        return std::string(path);
    }
    if (!path.empty() && path.front() == '/') return instance_url + std::string(path);
    return instance_url + data_path() + "/" + std::string(path);
}

SFCPP_DECL void client::throttle_enter() {
    if (opts_.max_concurrent_requests > 0) {
        std::unique_lock<std::mutex> l(throttle_mutex_);
        throttle_cv_.wait(l, [&] { return in_flight_ < opts_.max_concurrent_requests; });
        ++in_flight_;
    }
    if (opts_.max_requests_per_second > 0) {
        const auto gap = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(1.0 / opts_.max_requests_per_second));
        std::chrono::steady_clock::time_point at;
        {
            std::lock_guard<std::mutex> l(throttle_mutex_);
            const auto now = std::chrono::steady_clock::now();
            at = std::max(now, next_slot_);
            next_slot_ = at + gap;
        }
        std::this_thread::sleep_until(at);
    }
}

SFCPP_DECL void client::throttle_exit() {
    if (opts_.max_concurrent_requests > 0) {
        {
            std::lock_guard<std::mutex> l(throttle_mutex_);
            --in_flight_;
        }
        throttle_cv_.notify_one();
    }
}

SFCPP_DECL std::chrono::milliseconds client::backoff(int attempt, std::string_view retry_after) const {
    // Retry-After in seconds, saturated: a value past any sane wait still compares as too long.
    if (std::int64_t s = 0; detail::parse_count(retry_after, s))
        return std::chrono::milliseconds(std::chrono::seconds(std::min<std::int64_t>(s, 1'000'000'000)));
    thread_local std::mt19937 rng{std::random_device{}()};
    const auto cap = opts_.retry.max_delay.count();
    const auto exp = std::min<std::int64_t>(cap, opts_.retry.base_delay.count() << std::min(attempt - 1, 20));
    std::uniform_int_distribution<std::int64_t> jitter(exp / 2, std::max<std::int64_t>(exp / 2, exp));
    return std::chrono::milliseconds(jitter(rng));
}

SFCPP_DECL void client::note(const http::response& res) {
    auto h = res.header("Sforce-Limit-Info");
    if (h.empty()) return;
    limit_info li = parse_limit_info(h);
    std::lock_guard<std::mutex> g(stats_mutex_);
    limit_info_ = std::move(li);
}

}  // namespace sfcpp
