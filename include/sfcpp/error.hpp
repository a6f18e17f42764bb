// sfcpp/error.hpp: the exception types of the core layer (no HTTP here), and the map of all of
// them. Messages name what is wrong and where (`Object.Field` for a record's field); they never
// contain secrets or tokens.
//
// Every exception sfcpp throws derives from sfcpp::error (itself a std::runtime_error); only
// std::bad_alloc, and what user code called by sfcpp throws, pass through as they are:
//
//   sfcpp::error                      code(): an sfcpp::errc (errc.hpp) for the decode, encode and
//   |                                 value errors below, empty for the others
//   +-- decode_error                  input from Salesforce or a file does not read: malformed JSON,
//   |   |                             a value of the wrong type for `Object.Field`, a bad id or date
//   |   +-- csv::parse_error          CSV (csv/dialect.hpp); line() says where
//   |   +-- http::gzip_error          a gzip body (http/gzip.hpp)
//   +-- encode_error                  a value cannot be written as JSON, CSV or SOQL: NaN, infinity,
//   |                                 text that is not UTF-8, a CSV column the record does not fit
//   +-- invalid_value                 a value given to sfcpp: sfcpp::id("..."), date::from_string,
//   |                                 date(2024, 13, 1), time_of_day(25, 0, 0)
//   +-- bad_field_access              rec.Field.value() on a field that is not set or null
//   +-- write_check_error             a record breaks its metadata (a required field unset on create,
//   |                                 no Id on update); thrown before any request is sent
//   +-- describe_error                a describe document that cannot be understood
//   +-- usage_error                   a call out of order (csv::tokenizer::feed() after finish())
//   +-- soql::query_error             a query Salesforce would refuse, known only at run time
//   |                                 (OFFSET over 2000, an empty IN list; soql/condition.hpp)
//   +-- api_error                     Salesforce answered with an error status (api_error.hpp):
//   |   +-- auth_error                401, OAuth failures (the auth flows throw it too)
//   |   +-- not_found_error           404
//   |   +-- validation_error          400, 409, 412: fix the request
//   |   +-- limit_error               429, REQUEST_LIMIT_EXCEEDED
//   |   +-- server_error              5xx
//   +-- http::transport_error         the connection failed; where() says how far (http/types.hpp)
//   +-- http::config_error            a setting, URL or header the transport refuses (http/url.hpp)
//   +-- http::crypto::key_error       a private key that cannot be read or used (http/crypto.hpp)
//   +-- bulk::timeout_error           a Bulk job still running when polling gave up (bulk/job.hpp)
//   +-- bulk::ingest_error            a load failed after creating jobs: lists them, nests the
//                                     original error (bulk/ingest.hpp)
#pragma once

#include <sfcpp/errc.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace sfcpp {

enum class field_state : std::uint8_t;  // record/field.hpp

// Base of every exception sfcpp throws.
class error : public std::runtime_error {
public:
    explicit error(const std::string& what) : std::runtime_error(what) {}
    error(errc code, const std::string& what) : std::runtime_error(what), code_(code) {}

    // The errc of a decode_error, encode_error or invalid_value (`e.code() == sfcpp::errc::invalid_id`);
    // empty (false) for the other errors.
    std::error_code code() const noexcept { return code_; }

private:
    std::error_code code_;
};

// Input from a server or a file did not have the expected shape: malformed JSON, a value of the
// wrong type for a field (the message names `Object.Field` and the offending value), a truncated
// document. A response that parses but lacks what the API documents has errc::unexpected_response.
class decode_error : public error {
public:
    decode_error(errc code, const std::string& what) : error(code, what) {}
    explicit decode_error(const std::string& what) : error(errc::unexpected_response, what) {}
};

// A value that cannot be written: NaN or infinity (JSON, CSV, SOQL literals), text that is not
// UTF-8, a record that does not fit the columns of a CSV header. The message names `Object.Field`.
class encode_error : public error {
public:
    encode_error(errc code, const std::string& what) : error(code, what) {}
};

// A value handed to sfcpp is not valid for its type: the text of an id, a date or a time, or
// date or time components out of range. code() is errc::invalid_id, invalid_date,
// invalid_datetime or invalid_time.
class invalid_value : public error {
public:
    invalid_value(errc code, const std::string& what) : error(code, what) {}
};

// A field was read in a state that has no value: not set (absent from the response or never
// assigned) or null. The message says which state and the field's C++ type.
class bad_field_access : public error {
public:
    bad_field_access(field_state state, const std::string& what) : error(what), state_(state) {}
    field_state state() const noexcept { return state_; }

private:
    field_state state_;
};

// A record breaks its metadata in a way only known at run time (a required field left unset on
// create, a field that is updateable but not createable set on a record passed to create, no Id on
// an update, no value in the external id of an upsert). Thrown before any request; fields() lists
// the offending fields as `Object.Field`, as the message does.
class write_check_error : public error {
public:
    explicit write_check_error(const std::string& what, std::vector<std::string> fields = {})
        : error(what), fields_(std::move(fields)) {}
    const std::vector<std::string>& fields() const noexcept { return fields_; }

private:
    std::vector<std::string> fields_;
};

// A describe document could not be understood (the message names the file and the JSON path).
class describe_error : public error {
public:
    using error::error;
};

// A call that the object's state does not allow (feeding a tokenizer after finish(), a
// relationship whose target's generated header no translation unit includes): a bug in the
// calling code, not in the data.
class usage_error : public error {
public:
    using error::error;
};

namespace detail {
// Quotes at most `max` characters of untrusted text for an error message.
inline std::string quote_excerpt(std::string_view text, std::size_t max = 60) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < max; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
        else if (c < 0x20) { out += "\\x"; out += "0123456789abcdef"[c >> 4]; out += "0123456789abcdef"[c & 15]; }
        else out += static_cast<char>(c);
    }
    out += text.size() > max ? "\"..." : "\"";
    return out;
}

// `Object.Field`, the name every message about a record's field uses.
inline std::string field_path(std::string_view object, std::string_view field) {
    std::string s(object);
    if (!s.empty() && !field.empty()) s += '.';
    s += field;
    return s;
}

// What a non-throwing decoder reports: the code for the error_code overloads, the message for
// the exception of the throwing forms.
struct failure {
    errc code{};
    std::string message;
    explicit operator bool() const noexcept { return code != errc{}; }
};

// The record checks that the client and composite requests make before sending (thrown as
// write_check_error naming `Object.Field`).
[[noreturn]] inline void throw_missing_id(std::string_view object, std::string_view operation) {
    const std::string f = field_path(object, "Id");
    throw write_check_error("sfcpp: " + std::string(operation) + ": " + f + " has no value (the record must have its Id)",
                            {f});
}
[[noreturn]] inline void throw_missing_key(std::string_view object, std::string_view field) {
    const std::string f = field_path(object, field);
    throw write_check_error("sfcpp: upsert: the external id " + f + " has no value", {f});
}
}  // namespace detail

}  // namespace sfcpp
