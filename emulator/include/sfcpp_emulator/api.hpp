// sfcpp_emulator/api.hpp: the org's HTTP semantics (OAuth, REST, SOQL) independent of the transport:
// a request in, a response out. The Beast server in server.hpp feeds it.
#pragma once

#include <sfcpp_emulator/bulk.hpp>
#include <sfcpp_emulator/options.hpp>
#include <sfcpp_emulator/schema.hpp>
#include <sfcpp_emulator/store.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfcpp_emulator {

struct http_request {
    std::string method;                          // "GET", "POST", ...
    std::string target;                          // path and query string
    std::map<std::string, std::string> headers;  // keys in lower case
    std::string body;

    const std::string* header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? nullptr : &it->second;
    }
    // The target before '?', still percent-encoded.
    std::string_view path() const noexcept { return std::string_view(target).substr(0, target.find('?')); }
    // The target after '?' (empty without one), still percent-encoded.
    std::string_view query() const noexcept {
        const auto q = target.find('?');
        return q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1);
    }
};

struct http_response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;  // empty for 204 / 304
    bool close_connection = false;
    bool drop_mid_body = false;  // fault injection: send half of the body, then close
};

// Faults that change what a response looks like (fault::kind).
enum class fault_kind : std::uint8_t {
    none,
    drop_before,         // not processed; the connection is cut in the middle of a 500 answer
    truncated_json,      // processed; the body is cut in half (Content-Length matches the cut body)
    wrong_content_type,  // not processed; 200 with a text/plain body that is not JSON
    html_error_page,     // not processed; `status` (default 502) with an HTML page, as a proxy sends
    empty_500,           // not processed; 500 with an empty body
};

// What the next requests suffer (fault injection for client tests).
struct fault {
    int status = 0;                          // answer with this status (429, 503, ...) instead
    int retry_after = 0;                     // seconds, sent as Retry-After when > 0
    std::chrono::milliseconds delay{0};      // wait before answering
    bool drop = false;                       // processed, then the connection is closed in the middle of the body
    fault_kind kind = fault_kind::none;
    // Only requests whose path (query string excluded) contains this text suffer the fault and
    // count against it; the others pass untouched. Empty: every request.
    std::string path{};  // {}: designated initializers may leave it out (-Wmissing-field-initializers)
};

// Random faults: each request (OAuth, REST, Bulk; not /__emulator/) suffers one with probability
// `rate`, its kind drawn by these weights.
struct fault_mix {
    double too_many_requests = 1;  // 429 REQUEST_LIMIT_EXCEEDED, not processed
    double unavailable = 1;        // 503 SERVER_UNAVAILABLE, not processed
    double drop_before = 1;        // connection cut, not processed
    double drop_after = 1;         // processed, then the connection is cut: the response is lost
    double truncated_json = 0;
    double wrong_content_type = 0;
    double html_error_page = 0;
    double empty_500 = 0;
    int retry_after = 0;           // Retry-After seconds on 429/503 (0: retry at once); < 0: not sent
};

// What random injection has done so far.
struct fault_counts {
    std::uint64_t requests = 0;  // seen while random faults were on
    std::uint64_t too_many_requests = 0, unavailable = 0, drop_before = 0, drop_after = 0, malformed = 0;
    std::uint64_t injected() const noexcept {
        return too_many_requests + unavailable + drop_before + drop_after + malformed;
    }
};

// JSON text of `v`, with doubles written as Salesforce writes them (`100.0`, not `1E2`).
std::string to_json(const boost::json::value& v);

class api {
public:
    explicit api(const options& opts);
    api(const api&) = delete;
    api& operator=(const api&) = delete;

    // Thread-safe.
    http_response handle(const http_request& req);

    // The URL clients reach the server at (instance_url of tokens); set by the server once bound.
    void set_base_url(std::string url);
    const std::string& base_url() const noexcept { return base_url_; }

    // A fresh valid access token, as if a client_credentials login had happened.
    std::string issue_token();
    // Makes every issued access token invalid (as a session timeout does).
    void expire_all_tokens();

    // Device flow, as the user at verification_uri would: approve or deny the request showing
    // `user_code` (case and dashes ignored). False when no pending request has that code.
    bool approve_device(const std::string& user_code);
    bool deny_device(const std::string& user_code);

    // The next `count` requests (OAuth and REST alike) matching `f.path` suffer `f`; a new call
    // replaces the pending fault. Counted faults come first; random ones apply to requests no
    // counted fault took.
    void inject(const fault& f, int count);
    // How many requests the injected fault will still hit.
    int pending_faults();
    // From now on each request suffers a fault of `mix` with probability `rate` (0 turns random
    // faults off), drawn from a generator seeded with `seed`: the sequence of decisions is fixed;
    // which request gets which decision depends on arrival order.
    void inject_random(const fault_mix& mix, double rate, std::uint64_t seed);
    fault_counts random_fault_counts();

    bulk_jobs& bulk() noexcept { return *bulk_; }
    store& records() noexcept { return *store_; }
    const schema& objects() const noexcept { return schema_; }
    const options& settings() const noexcept { return opts_; }

private:
    struct token_info {
        std::chrono::steady_clock::time_point expires;
    };
    struct device_request {
        enum class state { pending, approved, denied };
        std::string user_code;
        state st = state::pending;
        int pending_answers = 0;                    // polls answered authorization_pending
        std::chrono::steady_clock::time_point last;  // issue or last poll, for slow_down
    };
    struct cursor {
        boost::json::array records;
        std::int64_t total_size = 0;
        std::size_t batch = 2000;
    };

    http_response dispatch(const http_request& req);  // routing and error conversion, no faults
    http_response oauth(const http_request& req, const std::string& path);
    http_response collections(const http_request& req, const std::string& version,
                              const std::vector<std::string>& parts, const std::map<std::string, std::string>& query);
    http_response composite(const http_request& req, const std::string& version);
    http_response tree(const http_request& req, const std::string& version, const std::string& type);
    http_response rest(const http_request& req, const std::vector<std::string>& parts,
                       const std::map<std::string, std::string>& query);
    http_response sobjects(const http_request& req, const std::string& version, const std::vector<std::string>& parts,
                           const std::map<std::string, std::string>& query);
    http_response run_query(const http_request& req, const std::string& version, bool all_rows,
                            const std::map<std::string, std::string>& query, const std::vector<std::string>& parts);
    http_response page(const std::string& version, bool all_rows, const std::string& locator, std::size_t start,
                       std::size_t batch);
    http_response token_response(bool with_refresh);
    http_response device_code(const std::string& client_id);
    http_response device_poll(const std::string& client_id, const std::string& client_secret, const std::string& code);
    bool decide_device(const std::string& user_code, device_request::state to);
    http_response admin(const http_request& req, const std::string& path);
    bool authorized(const http_request& req);
    bool callback_allowed(const std::string& redirect) const;
    std::string random_token(std::size_t bytes);
    std::string org_id() const;

    options opts_;
    schema schema_;
    std::unique_ptr<store> store_;
    std::string base_url_ = "http://127.0.0.1";

    std::mutex mutex_;  // guards the maps and counters below
    std::map<std::string, token_info> tokens_;
    std::map<std::string, bool> refresh_tokens_;
    std::map<std::string, std::string> auth_codes_;  // code -> PKCE challenge (may be empty)
    std::map<std::string, device_request> device_requests_;  // device_code -> request
    std::map<std::string, cursor> cursors_;
    std::int64_t api_usage_ = 0;
    std::uint64_t locator_serial_ = 0;
    fault fault_;
    int fault_count_ = 0;
    fault_mix mix_;
    double mix_rate_ = 0;
    std::mt19937_64 mix_rng_;
    fault_counts mix_counts_;
    // Under mutex_: the fault the request for `path` suffers, from the counted or the random
    // injection. `retry_after_zero`: a random 429/503 sends "Retry-After: 0".
    fault next_fault(const std::string& path, bool& retry_after_zero);
    // Last: its worker thread uses everything above and must stop first.
    std::unique_ptr<bulk_jobs> bulk_ = std::make_unique<bulk_jobs>(*this);
};

}  // namespace sfcpp_emulator
