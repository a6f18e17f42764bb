// sfcpp/client/client.hpp: the typed REST client.
//
//   sfcpp::client sf(session);                          // API version pinned: v60.0 unless told
//   sfcpp::id id = sf.create(acc);
//   auto acc2 = sf.retrieve<Account>(id);
//   Account change; change.Phone = "+1 555 0100";
//   sf.update(id, change);                              // only set fields are sent; null clears
//   for (const auto& a : sf.query<Account>("SELECT Id, Name FROM Account")) ...   // page by page
//   auto r = sf.upsert(inv, Invoice_c_.External_Id_c); r.created
//   sf.remove<Account>(id);
//
// The same verbs take a range of records (or ids, for remove) and go through sObject Collections,
// 200 records a call: `sf.create(accounts, {.all_or_none = true})`. Composite requests, Bulk API
// 2.0 and the async client use the same verbs, keys and options (README: "One verb set").
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
#include <sfcpp/key.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record/range.hpp>
#include <sfcpp/typed_query.hpp>

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
#include <ranges>
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

// Options of the calls that write several records at once: sObject Collections, composite
// requests. The default is Salesforce's: each record succeeds or fails on its own.
struct save_options {
    bool all_or_none = false;  // true: any failure rolls back every record of the call
};

// One record's outcome in an sObject Collections call.
struct save_result {
    std::optional<sfcpp::id> id;
    bool success = false;
    bool created = false;
    std::vector<api_error_item> errors;
};

namespace detail {

// `{"attributes":{"type":T}, <extra>, <fields of json>}`: sObject Collections want the type per record.
SFCPP_DECL std::string with_attributes(std::string_view type, std::string_view extra, const std::string& json);

// A response body that must be JSON; anything else is a decode_error, not Boost's system_error.
SFCPP_DECL boost::json::value parse_json_body(std::string_view body, std::string_view what);

SFCPP_DECL std::vector<save_result> parse_save_results(std::string_view body);

// The Id of a record that an update or a collection update addresses.
template <record T>
std::string id_text(const T& rec) {
    if (!rec.Id.has_value()) throw_missing_id(T::sobject_name, "update");
    return rec.Id.value().to_string();
}

}  // namespace detail

class composite_request;  // client/composite.hpp
class composite_result;

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

    // ---- One record ----------------------------------------------------------------------

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
        return from_json<T>(send(http::verb::get, retrieve_path(T::sobject_name, id, fields)).body);
    }

    // The record whose key field equals `value`: `retrieve(Invoice_c_.External_Id_c, "INV-1")`.
    // not_found_error when none does, validation_error (HTTP 300) when several do.
    template <field_tag Key, class V>
    typename Key::record retrieve(Key, const V& value) {
        using T = typename Key::record;
        static_assert(detail::check_key<T, Key>());
        return from_json<T>(send(http::verb::get, key_path(T::sobject_name, Key::name, detail::key_text(value))).body);
    }

    // Sends the set fields that are updateable (null clears) to the record `id`: `changes` is a
    // record holding just what changes, its Id unset (or equal to `id`).
    template <record T>
    void update(const sfcpp::id& id, const T& changes) {
        check_write(changes, write_mode::update);
        if (changes.Id.has_value() && changes.Id.value() != id)
            throw usage_error("sfcpp: " + std::string(T::sobject_name) + ": update of " + id.to_string() +
                        " with changes whose Id is " + changes.Id.value().to_string());
        send(http::verb::patch, "sobjects/" + std::string(T::sobject_name) + "/" + id.to_string(),
             to_json(changes, {write_mode::update}), resendable());
    }
    // The record's own Id says which record.
    template <record T>
    void update(const T& rec) {
        check_write(rec, write_mode::update);
        send(http::verb::patch, "sobjects/" + std::string(T::sobject_name) + "/" + detail::id_text(rec),
             to_json(rec, {write_mode::update}), resendable());
    }

    // Upsert by a key field (`Invoice_c_.External_Id_c`: externalId or idLookup, checked at compile
    // time). The key travels in the URL, the other set fields in the body.
    template <record T, field_tag Key>
    upsert_result upsert(const T& rec, Key) {
        static_assert(detail::check_key<T, Key>());
        const auto& kf = rec.*Key::member_ptr;
        if (!kf.has_value()) detail::throw_missing_key(T::sobject_name, Key::name);
        T body = rec;
        (body.*Key::member_ptr).reset();
        return upsert_by(T::sobject_name, Key::name, detail::key_text(kf.value()), to_json(body, {write_mode::create}));
    }

    template <record T>
    void remove(const sfcpp::id& id) {
        send(http::verb::delete_, "sobjects/" + std::string(T::sobject_name) + "/" + id.to_string());
    }

    // ---- Queries ---------------------------------------------------------------------------

    // The unchecked string form: rows decode into T (unselected fields stay not set).
    template <record Row>
    query_range<Row> query(std::string soql, query_options o = {}) {
        return query_range<Row>(*this, std::move(soql), false, o);
    }
    // A builder query (sfcpp::soql::select(...)) or soql::unchecked<T>(...).
    template <typed_query Q>
    query_range<typename Q::row_type> query(const Q& q, query_options o = {}) {
        return query_range<typename Q::row_type>(*this, std::string(to_soql(q)), false, o);
    }
    // queryAll: deleted and archived rows too.
    template <record Row>
    query_range<Row> query_all(std::string soql, query_options o = {}) {
        return query_range<Row>(*this, std::move(soql), true, o);
    }
    template <typed_query Q>
    query_range<typename Q::row_type> query_all(const Q& q, query_options o = {}) {
        return query_range<typename Q::row_type>(*this, std::string(to_soql(q)), true, o);
    }

    // ---- Many records: sObject Collections, 200 records a call, split automatically ----------
    // One save_result per record, in input order. With all_or_none, each call of 200 is atomic,
    // not the whole range.

    template <record_range R>
    std::vector<save_result> create(R&& recs, const save_options& o = {}) {
        using T = range_record_t<R>;
        std::vector<std::string> bodies;
        for (const T& r : recs) {
            check_write(r, write_mode::create);
            bodies.push_back(detail::with_attributes(T::sobject_name, {}, to_json(r, {write_mode::create})));
        }
        return save_collection(http::verb::post, "composite/sobjects", std::move(bodies), o, false);
    }

    template <record_range R>
    std::vector<save_result> update(R&& recs, const save_options& o = {}) {
        using T = range_record_t<R>;
        std::vector<std::string> bodies;
        for (const T& r : recs) {
            check_write(r, write_mode::update);
            bodies.push_back(detail::with_attributes(T::sobject_name, "\"Id\":\"" + detail::id_text(r) + "\"",
                                                     to_json(r, {write_mode::update})));
        }
        return save_collection(http::verb::patch, "composite/sobjects", std::move(bodies), o, true);
    }

    template <record_range R, field_tag Key>
    std::vector<save_result> upsert(R&& recs, Key, const save_options& o = {}) {
        using T = range_record_t<R>;
        static_assert(detail::check_key<T, Key>());
        std::vector<std::string> bodies;
        for (const T& r : recs) {
            if (!(r.*Key::member_ptr).has_value()) {
                const std::string f = detail::field_path(T::sobject_name, Key::name);
                throw write_check_error("sfcpp: upsert: the external id " + f + " has no value in record " +
                                            std::to_string(bodies.size()),
                                        {f});
            }
            bodies.push_back(detail::with_attributes(T::sobject_name, {}, to_json(r, {write_mode::create})));
        }
        return save_collection(http::verb::patch,
                               "composite/sobjects/" + std::string(T::sobject_name) + "/" + std::string(Key::name),
                               std::move(bodies), o, true);
    }

    // Deletes the records with these ids (of any objects).
    template <id_range R>
    std::vector<save_result> remove(R&& ids, const save_options& o = {}) {
        return remove_ids(std::vector<sfcpp::id>(std::ranges::begin(ids), std::ranges::end(ids)), o);
    }

    // A Composite request (client/composite.hpp): every subrequest in one round trip, never resent
    // once it may have reached the server.
    SFCPP_DECL composite_result run(const composite_request& req);

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
    SFCPP_DECL std::string retrieve_path(std::string_view sobject, const sfcpp::id& id,
                                         const std::vector<std::string>& fields) const;
    SFCPP_DECL static std::string key_path(std::string_view sobject, std::string_view key, std::string_view value);
    SFCPP_DECL upsert_result upsert_by(std::string_view sobject, std::string_view key, std::string_view value,
                                       std::string body);

    // PATCH calls that are safe to resend: an update writes the same values again; an upsert by
    // external id finds the record its first attempt wrote (and reports it updated, not created).
    SFCPP_DECL static request_options resendable();

    SFCPP_DECL static sfcpp::id id_of(std::string_view body);

    // The records' JSON bodies sent `collection_chunk` at a time; `idempotent`: safe to resend.
    SFCPP_DECL std::vector<save_result> save_collection(http::verb method, const std::string& path,
                                                        std::vector<std::string> bodies, const save_options& o,
                                                        bool idempotent);
    SFCPP_DECL std::vector<save_result> remove_ids(const std::vector<sfcpp::id>& ids, const save_options& o);

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
