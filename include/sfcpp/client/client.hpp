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
#include <sfcpp/config.hpp>
#include <sfcpp/describe.hpp>
#include <sfcpp/http/transport.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/json.hpp>
#include <sfcpp/record/metadata.hpp>

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
    const std::uint32_t offset = member_offset<T>(member);
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
SFCPP_DECL std::string with_attributes(std::string_view type, std::string_view extra, const std::string& json);

// A response body that must be JSON; anything else is a decode_error, not Boost's system_error.
SFCPP_DECL boost::json::value parse_json_body(std::string_view body, std::string_view what);

SFCPP_DECL std::vector<save_result> parse_save_results(std::string_view body);

}  // namespace detail

class client {
public:
    static constexpr std::size_t collection_chunk = 200;  // sObject Collections' limit per call

    SFCPP_DECL explicit client(std::shared_ptr<auth::session> s, client_options o = {});

    const std::string& api_version() const noexcept { return opts_.api_version; }
    // "/services/data/v60.0"
    std::string data_path() const { return "/services/data/v" + opts_.api_version; }
    auth::session& session() const noexcept { return *session_; }

    // ---- Raw calls -------------------------------------------------------------------------

    // `path`: a full URL, an absolute path ("/services/apexrest/..."), or a path under the pinned
    // data API ("sobjects/Account"). Non-2xx answers throw api_error.
    SFCPP_DECL http::response send(http::verb method, std::string_view path, std::string body = {},
                                   const request_options& ro = {});

    // JSON in, JSON out (Apex REST, endpoints without typed wrappers). Null body: none sent.
    SFCPP_DECL boost::json::value call(http::verb method, std::string_view path,
                                       const boost::json::value& body = nullptr,
                                       const request_options& ro = {});

    // Apex REST: `apex(post, "MyService/items", body)` calls /services/apexrest/MyService/items.
    // POST is treated as non-idempotent.
    SFCPP_DECL boost::json::value apex(http::verb method, std::string_view path,
                                       const boost::json::value& body = nullptr);

    // The usage from the last response's Sforce-Limit-Info header.
    SFCPP_DECL limit_info last_limit_info() const;
    // Retries done so far (429/503 and connection failures), for monitoring and tests.
    SFCPP_DECL std::uint64_t retries() const;

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

    SFCPP_DECL std::vector<save_result> destroy_all(std::span<const sfcpp::id> ids, bool all_or_none = false);
    SFCPP_DECL std::vector<save_result> destroy_all(const std::vector<sfcpp::id>& ids, bool all_or_none = false);

    // The Composite resource as JSON (`{"allOrNone":..., "compositeRequest":[...]}` with
    // `@{ref.field}` references). Not idempotent.
    SFCPP_DECL boost::json::value composite(const boost::json::value& request);
    // sObject Tree: `{"records":[{"attributes":{"type":"Account","referenceId":"r1"}, ...}]}`.
    SFCPP_DECL boost::json::value tree(std::string_view sobject, const boost::json::value& records);

    // ---- Metadata and limits ---------------------------------------------------------------

    // Describe at run time. Cached per client; later calls send If-Modified-Since and reuse the
    // cached answer on 304.
    SFCPP_DECL sobject_describe describe(std::string_view sobject);
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
    SFCPP_DECL std::map<std::string, limit_value> limits();

private:
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
    SFCPP_DECL static request_options resendable();

    template <record T>
    static std::string id_text(const T& rec) {
        if (!rec.Id.has_value()) throw error("sfcpp: " + std::string(T::sobject_name) + ": the record has no Id");
        return rec.Id.value().to_string();
    }

    SFCPP_DECL static sfcpp::id id_of(std::string_view body);

    SFCPP_DECL static std::string collection_head(bool all_or_none);

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

    SFCPP_DECL std::string cached_get(const std::string& path);

    // The bearer token goes to the instance's origin only: an absolute URL (a nextRecordsUrl, a
    // locator, a caller's) elsewhere is refused, naming its origin and nothing more of it.
    SFCPP_DECL std::string resolve(std::string_view path, const std::string& instance_url) const;

    // Client-side caps: concurrent requests and request rate.
    SFCPP_DECL void throttle_enter();
    SFCPP_DECL void throttle_exit();

    SFCPP_DECL std::chrono::milliseconds backoff(int attempt, std::string_view retry_after) const;

    SFCPP_DECL void note(const http::response& res);

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

}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/client/impl/client.ipp>
#include <sfcpp/client/impl/query_range.ipp>
#endif
