// The JSON encoder: walks the object_info table and appends to one string. Non-template, like
// the decoder. Not-set fields are left out; null fields are written as null. Defined in
// impl/json_encoder.ipp.
#pragma once

#include <sfcpp/codec_options.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/detail/json_decoder.hpp>
#include <sfcpp/detail/utf8.hpp>
#include <sfcpp/record/metadata.hpp>

#include <charconv>
#include <string>
#include <string_view>

namespace sfcpp {
namespace detail {

SFCPP_DECL void append_json_string(std::string& out, std::string_view s);
// Throws encode_error (errc::not_finite) for NaN and infinity, naming `Object.Field`.
SFCPP_DECL void append_number(std::string& out, double d, std::string_view object, std::string_view field);

template <class I>
void append_integer(std::string& out, I v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// A record, or a query_result of records of type `elem`, as JSON appended to `out`.
SFCPP_DECL void encode_record(const void* rec, const object_info& info, std::string& out, const encode_options& opt);
SFCPP_DECL void encode_result(const void* result, const object_info& elem, std::string& out, const encode_options& opt);
// The value of field f (state: value) of rec.
SFCPP_DECL void encode_value(const void* rec, const object_info& info, const field_info& f, std::string& out);

// The run-time half of the write checks: what the field types cannot know (a field updateable
// but not createable, set on a record passed to create) or what only the whole record shows
// (a required field left unset). Throws write_check_error naming every offending field as
// `Object.Field`.
SFCPP_DECL void check_write(const void* rec, const object_info& info, write_mode mode);

}  // namespace detail
}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/detail/impl/json_encoder.ipp>
#endif
