// sfcpp/api_error.hpp: a Salesforce REST or OAuth call answered with an error status.
//
//   try { client.create(acc); }
//   catch (const sfcpp::validation_error& e) {      // or catch sfcpp::api_error and switch on kind()
//       for (const auto& item : e.errors()) std::cerr << item.error_code << ": " << item.message;
//   }
//
// The body `[{"message", "errorCode", "fields"}]` (REST) or `{"error", "error_description"}` (OAuth)
// is parsed into errors(). Messages name the method and path, never a query string, a token or a
// request body. A body of another shape is quoted (its start, with the values of token-like keys
// replaced by <redacted>), except the answers of OAuth endpoints, which are never quoted.
//
// These are the errors of calls that reached Salesforce; error.hpp maps all of sfcpp's errors
// (what a record or a value fails before any request, decode errors, transport errors).
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/error.hpp>

#include <boost/json/fwd.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp {

enum class error_kind : std::uint8_t {
    auth,        // 401, 403 without a limit code, OAuth failures (invalid_grant, ...)
    not_found,   // 404 (NOT_FOUND, ENTITY_IS_DELETED)
    validation,  // 400, 300 (several records match an external id), 409, 412: fix the request
    limit,       // 429, REQUEST_LIMIT_EXCEEDED: try later
    server,      // 5xx
    other
};

inline std::string_view to_string(error_kind k) noexcept {
    switch (k) {
    case error_kind::auth: return "auth";
    case error_kind::not_found: return "not_found";
    case error_kind::validation: return "validation";
    case error_kind::limit: return "limit";
    case error_kind::server: return "server";
    case error_kind::other: return "other";
    }
    return "other";
}

struct api_error_item {
    std::string message;
    std::string error_code;           // "REQUIRED_FIELD_MISSING", or the OAuth "error"
    std::vector<std::string> fields;  // API names the error is about
};

class api_error : public error {
public:
    api_error(int status, error_kind kind, std::vector<api_error_item> items, const std::string& context)
        : error(make_message(status, items, context)), status_(status), kind_(kind), items_(std::move(items)) {}

    int status() const noexcept { return status_; }
    error_kind kind() const noexcept { return kind_; }
    const std::vector<api_error_item>& errors() const noexcept { return items_; }
    // The first error's code; empty when the body had none.
    std::string_view error_code() const noexcept {
        return items_.empty() ? std::string_view{} : std::string_view(items_.front().error_code);
    }

private:
    SFCPP_DECL static std::string make_message(int status, const std::vector<api_error_item>& items,
                                               const std::string& context);

    int status_;
    error_kind kind_;
    std::vector<api_error_item> items_;
};

class auth_error : public api_error {
public:
    using api_error::api_error;
};
class not_found_error : public api_error {
public:
    using api_error::api_error;
};
class validation_error : public api_error {
public:
    using api_error::api_error;
};
class limit_error : public api_error {
public:
    using api_error::api_error;
};
class server_error : public api_error {
public:
    using api_error::api_error;
};

// How much of an error body of unexpected shape a message may show.
enum class body_quote : std::uint8_t {
    redacted,  // its start, with the values of token-like keys replaced by <redacted>
    never,     // its size (and a JSON object's key names): OAuth endpoints answer with credentials
};

namespace detail {

// Whether a key names a credential: access_token, refreshToken, client-secret, ... (compared in
// lower case without '_' and '-').
SFCPP_DECL bool is_secret_key(std::string_view key) noexcept;

// `text` with the value after each token-like key replaced by <redacted>: `"key": "value"` (JSON,
// escapes included, and whole objects or arrays), `key=value` (form encoding) and `key: value`
// (headers; a `Bearer ` scheme stays). Made for quoting bodies of unknown shape: JSON, form, HTML
// or cut off anywhere.
SFCPP_DECL std::string redact_secrets(std::string_view text);

// At most `max` characters of a response body for a message, quoted, after redact_secrets: what
// any message quoting a body uses.
SFCPP_DECL std::string redacted_excerpt(std::string_view body, std::size_t max = 60);

// What a message says about an error body of unexpected shape.
SFCPP_DECL std::string unexpected_body(std::string_view body, body_quote q);

SFCPP_DECL std::string json_string_or_empty(const boost::json::object& o, std::string_view key);

SFCPP_DECL void add_error_item(const boost::json::value& v, std::vector<api_error_item>& out);

}  // namespace detail

// The error list of a response body; a body of another shape becomes one item describing it
// (detail::unexpected_body: its redacted start, or with body_quote::never only its size).
SFCPP_DECL std::vector<api_error_item> parse_error_body(std::string_view body, body_quote q = body_quote::redacted);

SFCPP_DECL error_kind classify_error(int status, std::string_view code) noexcept;

// Throws the api_error subclass matching the status and first error code. OAuth endpoints
// (token, revoke, device, authorize) pass body_quote::never.
[[noreturn]] SFCPP_DECL void throw_api_error(int status, std::string_view body, const std::string& context,
                                             body_quote q = body_quote::redacted);

}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/impl/api_error.ipp>
#endif
