// sfcpp/errc.hpp: what went wrong, as a std::error_code of the category "sfcpp".
//
//   std::error_code ec;
//   sfcpp::from_json(body, acc, ec);                  // never throws for bad input
//   if (ec == sfcpp::errc::invalid_id) ...
//
//   catch (const sfcpp::decode_error& e) { if (e.code() == sfcpp::errc::wrong_type) ... }
//
// The error_code overloads (from_json, csv::reader::next, csv::tokenizer::next) set these codes,
// and the exceptions of the throwing forms carry the same code in code() (see error.hpp).
//
// Depends on the standard library only.
#pragma once

#include <string>
#include <system_error>
#include <type_traits>

namespace sfcpp {

enum class errc {
    // Decoding: input from Salesforce or a file (decode_error, csv::parse_error, http::gzip_error).
    malformed_json = 1,   // not JSON: a syntax error, a truncated document, nesting too deep, text after it
    malformed_csv,        // not RFC 4180: an unterminated or stray quote, a row whose cells do not match the header
    wrong_type,           // a value of another type than its field's (text for a number, an array for a
                          // record, a document that is not an object)
    number_out_of_range,  // a number its field cannot hold: 3e9 for a 32-bit field, 1.5 for an integer
    invalid_id,           // not a Salesforce id: its length, a character, or its checksum
    invalid_date,         // not a date yyyy-MM-dd in years 0000 to 9999
    invalid_datetime,     // not a date-time yyyy-MM-ddTHH:mm:ss[.SSS] with an offset, in years 0000 to 9999
    invalid_time,         // not a time HH:mm:ss[.SSS][Z]
    unexpected_response,  // well-formed, but not what the API answers (a token response without access_token)
    corrupt_gzip,         // a gzip body that is corrupt, truncated, or larger than allowed once inflated
    // Encoding: a value that cannot be written (encode_error).
    not_finite,           // NaN or infinity: JSON, CSV and SOQL have no such number
    invalid_utf8,         // text that is not UTF-8: Salesforce takes UTF-8 only
    unknown_column,       // a CSV header name that is not a writable field or Relationship.Field of the object
    missing_column,       // a set field that the given CSV header leaves out (csv::write_options::strict)
};

namespace detail {

class errc_category final : public std::error_category {
public:
    const char* name() const noexcept override { return "sfcpp"; }

    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::malformed_json: return "malformed JSON";
        case errc::malformed_csv: return "malformed CSV";
        case errc::wrong_type: return "a value of the wrong type for its field";
        case errc::number_out_of_range: return "a number its field cannot hold";
        case errc::invalid_id: return "not a valid Salesforce id";
        case errc::invalid_date: return "not a valid date";
        case errc::invalid_datetime: return "not a valid date-time";
        case errc::invalid_time: return "not a valid time";
        case errc::unexpected_response: return "not the response the API documents";
        case errc::corrupt_gzip: return "corrupt gzip data";
        case errc::not_finite: return "NaN or infinity cannot be sent to Salesforce";
        case errc::invalid_utf8: return "text that is not valid UTF-8";
        case errc::unknown_column: return "not a writable column of the object";
        case errc::missing_column: return "a set field is not a column of the header";
        }
        return "unknown sfcpp error";
    }
};

}  // namespace detail

// The category of every sfcpp::errc; one object for the whole program (an inline function's
// static), so error codes compare equal across translation units.
inline const std::error_category& error_category() noexcept {
    static const detail::errc_category category;
    return category;
}

inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

}  // namespace sfcpp

template <>
struct std::is_error_code_enum<sfcpp::errc> : std::true_type {};
