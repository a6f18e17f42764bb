// sfcpp_emulator/api.hpp: the org's HTTP semantics (OAuth, REST, SOQL) independent of the transport:
// a request in, a response out. The Beast server in server.hpp feeds it.
#pragma once

#include <sfcpp_emulator/bulk.hpp>
#include <sfcpp_emulator/options.hpp>
#include <sfcpp_emulator/schema.hpp>
#include <sfcpp_emulator/store.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
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
};

struct http_response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;  // empty for 204 / 304
    bool close_connection = false;
    bool drop_mid_body = false;  // fault injection: send half of the body, then close
};

// What the next requests suffer (fault injection for client tests).
struct fault {
    int status = 0;                          // answer with this status (429, 503, ...) instead
    int retry_after = 0;                     // seconds, sent as Retry-After when > 0
    std::chrono::milliseconds delay{0};      // wait before answering
    bool drop = false;                       // close the connection in the middle of the body
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

    // The next `count` requests (OAuth and REST alike) suffer `f`.
    void inject(const fault& f, int count);

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
    // Last: its worker thread uses everything above and must stop first.
    std::unique_ptr<bulk_jobs> bulk_ = std::make_unique<bulk_jobs>(*this);
};

}  // namespace sfcpp_emulator
