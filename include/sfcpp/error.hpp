// sfcpp/error.hpp: the exception types of the core layer (no HTTP here).
// Messages name what is wrong and where; they never contain secrets or tokens.
#pragma once

#include <stdexcept>
#include <string_view>
#include <string>

namespace sfcpp {

// Base of every exception sfcpp throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Input from a server or a file did not have the expected shape: malformed JSON, a value of the
// wrong type for a field (the message names `Object.Field` and the offending value), a truncated
// document.
class decode_error : public error {
public:
    using error::error;
};

// A describe document could not be understood (the message names the file and the JSON path).
class describe_error : public error {
public:
    using error::error;
};

// A field was read in a state that has no value: not set (absent from the response or never
// assigned) or null.
class bad_field_access : public error {
public:
    using error::error;
};

// A record breaks its metadata in a way only known at run time (for instance a field that is
// updateable but not createable, set on a record passed to create). Thrown before any request.
class write_check_error : public error {
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
}  // namespace detail

}  // namespace sfcpp
