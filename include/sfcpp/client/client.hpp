// sfcpp/client/client.hpp: the typed REST client.
//
//   sfcpp::client sf(session);                          // API version pinned: v60.0 unless told
//   sfcpp::id id = sf.create(acc);
//   auto acc2 = sf.retrieve<Account>(id);
//   acc2.Name = "Renamed"; sf.update(acc2);             // only set fields are sent; null clears
//   for (const auto& a : sf.query<Account>("SELECT Id, Name FROM Account")) ...   // page by page
//   auto r = sf.upsert(inv, &Invoice_c::External_Id_c); r.created
//   sf.destroy<Account>(id);
//
// Every call goes to the session's instance_url. Failures: api_error subclasses (with the HTTP
// status and Salesforce's error list) and http::transport_error. 429 and 503 are retried with
// backoff and jitter (honouring Retry-After); connection failures are retried only when the
// request cannot have reached the server or is idempotent, so a create is never sent twice.
#pragma once

#include <sfcpp/api_error.hpp>
#include <sfcpp/auth/session.hpp>
#include <sfcpp/client/limits.hpp>
#include <sfcpp/client/query_range.hpp>
#include <sfcpp/describe.hpp>
#include <sfcpp/http/transport.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/json.hpp>
#include <sfcpp/metadata.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

namespace sfcpp {

struct retry_options {
    int max_attempts = 4;                          // 1: never retry
    std::chrono::milliseconds base_delay{200};     // doubled per attempt, then jittered
    std::chrono::milliseconds max_delay{20'000};
    std::chrono::seconds max_retry_after{120};     // a longer Retry-After fails at once instead
};

struct client_options {
    std::string api_version = "60.0";  // pinned: never "latest"
    retry_options retry;
    std::size_t max_concurrent_requests = 0;  // 0: no client-side cap
    double max_requests_per_second = 0;       // 0: no client-side cap
};

struct request_options {
    // Whether the request may be resent after a failure that the server may have seen. Unset: from
    // the method (GET, HEAD, PUT and DELETE are idempotent; POST and PATCH are not). The typed
    // calls that are safe to resend whatever their method (update by id, upsert by external id)
    // set it themselves.
    std::optional<bool> idempotent;
    http::header_list headers;   // extra headers
    bool accept_not_modified = false;  // 304 is a response, not an error
};

struct upsert_result {
    sfcpp::id id;
    bool created = false;  // false: an existing record was updated
};

// One record's outcome in an sObject Collections call.
struct save_result {
    std::optional<sfcpp::id> id;
    bool success = false;
    bool created = false;
    std::vector<api_error_item> errors;
};

namespace detail {

// The API name of the field a member pointer designates, from the generated offsets.
template <record T, class M, class C>
    requires std::is_base_of_v<C, T>
std::string_view field_name_of(M C::*member) {
    static const T probe{};
    const auto offset = static_cast<std::uint32_t>(reinterpret_cast<const char*>(&(probe.*member)) -
                                                   reinterpret_cast<const char*>(&probe));
    for (const auto& f : T::sfcpp_info().fields)
        if (f.offset == offset) return f.name;
    throw error("sfcpp: the member pointer does not designate a field of " + std::string(T::sobject_name));
}

template <class V>
std::string key_text(const V& v) {
    if constexpr (std::is_same_v<V, sfcpp::id>) return v.to_string();
    else if constexpr (std::is_convertible_v<const V&, std::string_view>) return std::string(std::string_view(v));
    else if constexpr (std::is_integral_v<V>) return std::to_string(v);
    else static_assert(sizeof(V) == 0, "sfcpp: external id values must be text, ids or integers");
}

// `{"attributes":{"type":T}, <extra>, <fields of json>}`: sObject Collections want the type per record.
inline std::string with_attributes(std::string_view type, std::string_view extra, const std::string& json) {
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

// A response body that must be JSON; anything else is a decode_error, not Boost's system_error.
inline boost::json::value parse_json_body(std::string_view body, std::string_view what) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec) throw decode_error("sfcpp: " + std::string(what) + ": the response is not JSON: " + redacted_excerpt(body));
    return v;
}

inline std::vector<save_result> parse_save_results(std::string_view body) {
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

class client {
public:
    static constexpr std::size_t collection_chunk = 200;  // sObject Collections' limit per call

    explicit client(std::shared_ptr<auth::session> s, client_options o = {})
        : session_(std::move(s)), opts_(std::move(o)) {
        if (!session_) throw error("sfcpp::client needs a session");
        if (opts_.retry.max_attempts < 1) opts_.retry.max_attempts = 1;
    }

    const std::string& api_version() const noexcept { return opts_.api_version; }
    // "/services/data/v60.0"
    std::string data_path() const { return "/services/data/v" + opts_.api_version; }
    auth::session& session() const noexcept { return *session_; }

    // ---- Raw calls -------------------------------------------------------------------------

    // `path`: a full URL, an absolute path ("/services/apexrest/..."), or a path under the pinned
    // data API ("sobjects/Account"). Non-2xx answers throw api_error.
    http::response send(http::verb method, std::string_view path, std::string body = {},
                        const request_options& ro = {});

    // JSON in, JSON out (Apex REST, endpoints without typed wrappers). Null body: none sent.
    boost::json::value call(http::verb method, std::string_view path, const boost::json::value& body = nullptr,
                            const request_options& ro = {}) {
        std::string text = body.is_null() ? std::string() : boost::json::serialize(body);
        http::response res = send(method, path, std::move(text), ro);
        if (res.body.empty()) return nullptr;
        return detail::parse_json_body(res.body, path.substr(0, path.find('?')));
    }

    // Apex REST: `apex(post, "MyService/items", body)` calls /services/apexrest/MyService/items.
    // POST is treated as non-idempotent.
    boost::json::value apex(http::verb method, std::string_view path, const boost::json::value& body = nullptr) {
        while (!path.empty() && path.front() == '/') path.remove_prefix(1);
        request_options ro;
        ro.idempotent = method != http::verb::post;
        return call(method, "/services/apexrest/" + std::string(path), body, ro);
    }

    // The usage from the last response's Sforce-Limit-Info header.
    limit_info last_limit_info() const {
        std::lock_guard<std::mutex> g(stats_mutex_);
        return limit_info_;
    }
    // Retries done so far (429/503 and connection failures), for monitoring and tests.
    std::uint64_t retries() const {
        std::lock_guard<std::mutex> g(stats_mutex_);
        return retries_;
    }

    // ---- Records ---------------------------------------------------------------------------

    template <record T>
    sfcpp::id create(const T& rec) {
        check_write(rec, write_mode::create);
        request_options ro;
        ro.idempotent = false;
        http::response res = send(http::verb::post, "sobjects/" + std::string(T::sobject_name),
                                  to_json(rec, {write_mode::create}), ro);
        return id_of(res.body);
    }

    // All fields, or only `fields` (API names).
    template <record T>
    T retrieve(const sfcpp::id& id, const std::vector<std::string>& fields = {}) {
        std::string path = "sobjects/" + std::string(T::sobject_name) + "/" + id.to_string();
        if (!fields.empty()) {
            path += "?fields=";
            for (std::size_t i = 0; i < fields.size(); ++i) path += (i ? "," : "") + http::url_encode(fields[i]);
        }
        return from_json<T>(send(http::verb::get, path).body);
    }

    // Sends the set fields that are updateable (null clears); the record's Id says which record.
    template <record T>
    void update(const T& rec) {
        check_write(rec, write_mode::update);
        send(http::verb::patch, "sobjects/" + std::string(T::sobject_name) + "/" + id_text(rec),
             to_json(rec, {write_mode::update}), resendable());
    }

    template <record T>
    void destroy(const sfcpp::id& id) {
        send(http::verb::delete_, "sobjects/" + std::string(T::sobject_name) + "/" + id.to_string());
    }

    // Upsert by external id: `upsert(inv, &Invoice_c::External_Id_c)` or with the field's tag
    // (`Invoice_c_.External_Id_c`). The key travels in the URL, the other set fields in the body.
    template <record T, class M, class C>
        requires std::is_base_of_v<C, T>
    upsert_result upsert(const T& rec, M C::*key) {
        const auto& kf = rec.*key;
        if (!kf.has_value()) throw error("sfcpp: upsert: the external id field has no value");
        T body = rec;
        (body.*key).reset();
        return upsert_impl<T>(detail::field_name_of<T>(key), detail::key_text(kf.value()), to_json(body, {write_mode::create}));
    }
    template <record T, class Tag>
        requires requires { Tag::name; Tag::member_ptr; }
    upsert_result upsert(const T& rec, Tag) {
        return upsert(rec, Tag::member_ptr);
    }

    // The record whose external id field `key` equals `value`; not_found_error when none does,
    // validation_error (HTTP 300) when several do.
    template <record T, class M, class C, class V>
        requires std::is_base_of_v<C, T>
    T retrieve_by(M C::*key, const V& value) {
        return from_json<T>(send(http::verb::get, "sobjects/" + std::string(T::sobject_name) + "/" +
                                                      std::string(detail::field_name_of<T>(key)) + "/" +
                                                      http::path_segment(detail::key_text(value)))
                                .body);
    }
    template <class Tag, class V>
        requires requires { Tag::name; Tag::member_ptr; typename Tag::record; }
    typename Tag::record retrieve_by(Tag, const V& value) {
        return retrieve_by<typename Tag::record>(Tag::member_ptr, value);
    }

    // ---- Queries ---------------------------------------------------------------------------

    // The unchecked string form: rows decode into T (unselected fields stay not set).
    template <record Row>
    query_range<Row> query(std::string soql, query_options o = {}) {
        return query_range<Row>(*this, std::move(soql), false, o);
    }
    // A builder query (sfcpp::soql::select(...)) or soql::unchecked<T>(...).
    template <class Q>
        requires requires(const Q& q) { to_soql(q); typename Q::row_type; } && record<typename Q::row_type>
    query_range<typename Q::row_type> query(const Q& q, query_options o = {}) {
        return query_range<typename Q::row_type>(*this, std::string(to_soql(q)), false, o);
    }
    // queryAll: deleted and archived rows too.
    template <record Row>
    query_range<Row> query_all(std::string soql, query_options o = {}) {
        return query_range<Row>(*this, std::move(soql), true, o);
    }
    template <class Q>
        requires requires(const Q& q) { to_soql(q); typename Q::row_type; } && record<typename Q::row_type>
    query_range<typename Q::row_type> query_all(const Q& q, query_options o = {}) {
        return query_range<typename Q::row_type>(*this, std::string(to_soql(q)), true, o);
    }

    // ---- sObject Collections (200 records per call, split automatically) ---------------------

    template <record T>
    std::vector<save_result> create_all(std::span<const T> recs, bool all_or_none = false) {
        for (const auto& r : recs) check_write(r, write_mode::create);
        request_options ro;
        ro.idempotent = false;
        return collection_calls(recs.size(), [&](std::size_t from, std::size_t to) {
            std::string body = collection_head(all_or_none);
            for (std::size_t i = from; i < to; ++i) {
                if (i > from) body += ',';
                body += detail::with_attributes(T::sobject_name, {}, to_json(recs[i], {write_mode::create}));
            }
            body += "]}";
            return send(http::verb::post, "composite/sobjects", std::move(body), ro);
        });
    }
    template <record T>
    std::vector<save_result> create_all(const std::vector<T>& recs, bool all_or_none = false) {
        return create_all(std::span<const T>(recs), all_or_none);
    }

    template <record T>
    std::vector<save_result> update_all(std::span<const T> recs, bool all_or_none = false) {
        for (const auto& r : recs) check_write(r, write_mode::update);
        return collection_calls(recs.size(), [&](std::size_t from, std::size_t to) {
            std::string body = collection_head(all_or_none);
            for (std::size_t i = from; i < to; ++i) {
                if (i > from) body += ',';
                body += detail::with_attributes(T::sobject_name, "\"Id\":\"" + id_text(recs[i]) + "\"",
                                                to_json(recs[i], {write_mode::update}));
            }
            body += "]}";
            return send(http::verb::patch, "composite/sobjects", std::move(body), resendable());
        });
    }
    template <record T>
    std::vector<save_result> update_all(const std::vector<T>& recs, bool all_or_none = false) {
        return update_all(std::span<const T>(recs), all_or_none);
    }

    template <record T, class M, class C>
        requires std::is_base_of_v<C, T>
    std::vector<save_result> upsert_all(std::span<const T> recs, M C::*key, bool all_or_none = false) {
        const std::string name(detail::field_name_of<T>(key));
        return collection_calls(recs.size(), [&](std::size_t from, std::size_t to) {
            std::string body = collection_head(all_or_none);
            for (std::size_t i = from; i < to; ++i) {
                if (i > from) body += ',';
                body += detail::with_attributes(T::sobject_name, {}, to_json(recs[i], {write_mode::create}));
            }
            body += "]}";
            return send(http::verb::patch, "composite/sobjects/" + std::string(T::sobject_name) + "/" + name,
                        std::move(body), resendable());
        });
    }
    template <record T, class M, class C>
        requires std::is_base_of_v<C, T>
    std::vector<save_result> upsert_all(const std::vector<T>& recs, M C::*key, bool all_or_none = false) {
        return upsert_all(std::span<const T>(recs), key, all_or_none);
    }

    std::vector<save_result> destroy_all(std::span<const sfcpp::id> ids, bool all_or_none = false) {
        return collection_calls(ids.size(), [&](std::size_t from, std::size_t to) {
            std::string path = "composite/sobjects?allOrNone=" + std::string(all_or_none ? "true" : "false") + "&ids=";
            for (std::size_t i = from; i < to; ++i) path += (i > from ? "," : "") + ids[i].to_string();
            return send(http::verb::delete_, path);
        });
    }
    std::vector<save_result> destroy_all(const std::vector<sfcpp::id>& ids, bool all_or_none = false) {
        return destroy_all(std::span<const sfcpp::id>(ids), all_or_none);
    }

    // The Composite resource as JSON (`{"allOrNone":..., "compositeRequest":[...]}` with
    // `@{ref.field}` references). Not idempotent.
    boost::json::value composite(const boost::json::value& request) {
        request_options ro;
        ro.idempotent = false;
        return call(http::verb::post, "composite", request, ro);
    }
    // sObject Tree: `{"records":[{"attributes":{"type":"Account","referenceId":"r1"}, ...}]}`.
    boost::json::value tree(std::string_view sobject, const boost::json::value& records) {
        request_options ro;
        ro.idempotent = false;
        return call(http::verb::post, "composite/tree/" + std::string(sobject), records, ro);
    }

    // ---- Metadata and limits ---------------------------------------------------------------

    // Describe at run time. Cached per client; later calls send If-Modified-Since and reuse the
    // cached answer on 304.
    sobject_describe describe(std::string_view sobject) {
        const std::string path = "sobjects/" + std::string(http::require_api_name(sobject, "sObject")) + "/describe";
        return parse_describe(cached_get(path), "describe " + std::string(sobject));
    }
    template <record T>
    sobject_describe describe() {
        return describe(T::sobject_name);
    }
    // The global describe (`{"sobjects":[...]}`), cached like describe().
    boost::json::value describe_global() { return detail::parse_json_body(cached_get("sobjects"), "describe global"); }

    // GET /limits: {"DailyApiRequests": {"Max": 15000, "Remaining": 14998}, ...}
    struct limit_value {
        std::int64_t max = 0;
        std::int64_t remaining = 0;
    };
    std::map<std::string, limit_value> limits() {
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

private:
    template <class Row>
    friend class query_range;

    template <record T>
    upsert_result upsert_impl(std::string_view field, const std::string& value, std::string body) {
        http::response res = send(http::verb::patch,
                                  "sobjects/" + std::string(T::sobject_name) + "/" + std::string(field) + "/" +
                                      http::path_segment(value),
                                  std::move(body), resendable());
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

    // PATCH calls that are safe to resend: an update writes the same values again; an upsert by
    // external id finds the record its first attempt wrote (and reports it updated, not created).
    static request_options resendable() {
        request_options ro;
        ro.idempotent = true;
        return ro;
    }

    template <record T>
    static std::string id_text(const T& rec) {
        if (!rec.Id.has_value()) throw error("sfcpp: " + std::string(T::sobject_name) + ": the record has no Id");
        return rec.Id.value().to_string();
    }

    static sfcpp::id id_of(std::string_view body) {
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(body, ec);
        if (!ec && v.is_object())
            if (const auto* i = v.get_object().if_contains("id"); i && i->is_string())
                if (auto id = sfcpp::id::parse(i->get_string())) return *id;
        throw decode_error("sfcpp: the response carries no record id");
    }

    static std::string collection_head(bool all_or_none) {
        return std::string("{\"allOrNone\":") + (all_or_none ? "true" : "false") + ",\"records\":[";
    }

    template <class Call>
    std::vector<save_result> collection_calls(std::size_t n, Call&& call) {
        std::vector<save_result> out;
        out.reserve(n);
        for (std::size_t from = 0; from < n; from += collection_chunk) {
            const std::size_t to = std::min(n, from + collection_chunk);
            auto part = detail::parse_save_results(call(from, to).body);
            for (auto& r : part) out.push_back(std::move(r));
        }
        return out;
    }

    std::string cached_get(const std::string& path) {
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

    // The bearer token goes to the instance's origin only: an absolute URL (a nextRecordsUrl, a
    // locator, a caller's) elsewhere is refused, naming its origin and nothing more of it.
    std::string resolve(std::string_view path, const std::string& instance_url) const {
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

    // Client-side caps: concurrent requests and request rate.
    void throttle_enter() {
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
    void throttle_exit() {
        if (opts_.max_concurrent_requests > 0) {
            {
                std::lock_guard<std::mutex> l(throttle_mutex_);
                --in_flight_;
            }
            throttle_cv_.notify_one();
        }
    }

    std::chrono::milliseconds backoff(int attempt, std::string_view retry_after) const {
        // Retry-After in seconds, saturated: a value past any sane wait still compares as too long.
        if (std::int64_t s = 0; detail::parse_count(retry_after, s))
            return std::chrono::milliseconds(std::chrono::seconds(std::min<std::int64_t>(s, 1'000'000'000)));
        thread_local std::mt19937 rng{std::random_device{}()};
        const auto cap = opts_.retry.max_delay.count();
        const auto exp = std::min<std::int64_t>(cap, opts_.retry.base_delay.count() << std::min(attempt - 1, 20));
        std::uniform_int_distribution<std::int64_t> jitter(exp / 2, std::max<std::int64_t>(exp / 2, exp));
        return std::chrono::milliseconds(jitter(rng));
    }

    void note(const http::response& res) {
        auto h = res.header("Sforce-Limit-Info");
        if (h.empty()) return;
        limit_info li = parse_limit_info(h);
        std::lock_guard<std::mutex> g(stats_mutex_);
        limit_info_ = std::move(li);
    }

    std::shared_ptr<auth::session> session_;
    client_options opts_;

    mutable std::mutex stats_mutex_;
    limit_info limit_info_;
    std::uint64_t retries_ = 0;

    std::mutex cache_mutex_;
    std::map<std::string, std::pair<std::string, std::string>> describe_cache_;  // path -> (Last-Modified, body)

    std::mutex throttle_mutex_;
    std::condition_variable throttle_cv_;
    std::size_t in_flight_ = 0;
    std::chrono::steady_clock::time_point next_slot_{};
};

inline http::response client::send(http::verb method, std::string_view path, std::string body,
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

// ---- query_range members that need the client ------------------------------------------------

template <class Row>
void query_range<Row>::fetch(const std::string& path) {
    if (!fetched_.insert(path).second)
        throw decode_error("sfcpp: the server sent page " + path.substr(0, path.find('?')) +
                           " of the query again: stopping instead of looping");
    request_options ro;
    if (opts_.batch_size) ro.headers.emplace_back("Sforce-Query-Options", "batchSize=" + std::to_string(*opts_.batch_size));
    http::response res = client_->send(http::verb::get, path, {}, ro);
    page_.records.clear();
    page_.next_records_url.clear();
    page_.done = true;
    // The buffer is reused page after page: never reserve more than one page in it.
    decode_options dopt;
    dopt.max_reserved_rows = std::max<std::size_t>(detail::max_query_page_rows,
                                                   opts_.batch_size ? static_cast<std::size_t>(*opts_.batch_size) : 0);
    from_json(res.body, page_, dopt);
    pos_ = 0;
    ++pages_;
}

template <class Row>
void query_range<Row>::start() {
    if (started_) return;
    started_ = true;
    fetch((all_ ? "queryAll?q=" : "query?q=") + http::url_encode(soql_));
    skip_empty_pages();
}

}  // namespace sfcpp
