// sfcpp/json.hpp: records and query results to and from Salesforce's JSON.
//
//   auto acc = sfcpp::from_json<sobjects::Account>(body);
//   auto page = sfcpp::from_json<sfcpp::query_result<sobjects::Contact>>(body);
//   std::string body = sfcpp::to_json(acc);
//   std::string patch = sfcpp::to_json(acc, {sfcpp::write_mode::update});
//
// Unknown keys are skipped (fields added to the org after code generation). A value of the wrong
// type throws decode_error naming `Object.Field` and the value; with a std::error_code argument
// nothing is thrown for bad input (only std::bad_alloc can be), and `ec` holds the same errc:
//
//   std::error_code ec;
//   sfcpp::from_json(body, acc, ec);
//   if (ec == sfcpp::errc::invalid_id) ...
//
// On an error `out` holds what was decoded before it, over what it held: the keys before the
// offending value replaced their fields, that field and the rest are as they were (in a query
// result, records before the offending one are complete, and it is partly filled). Decode into
// a fresh object, or into this one again, before reading it.
//
// Writing throws encode_error (errc::not_finite, errc::invalid_utf8) naming `Object.Field`.
#pragma once

#include <sfcpp/detail/json_decoder.hpp>
#include <sfcpp/detail/json_encoder.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>

#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace sfcpp {

template <class T>
inline constexpr bool is_query_result_v = false;
template <class T>
inline constexpr bool is_query_result_v<query_result<T>> = true;

namespace detail {
// What from_json decodes T as: one record, or a query result of records.
template <class T>
std::pair<json_root, const object_info*> json_target() {
    if constexpr (is_query_result_v<T>) {
        static_assert(record<typename T::value_type>, "sfcpp::from_json: query_result<T> needs a generated record T");
        return {json_root::query_result, &T::value_type::sfcpp_info()};
    } else {
        static_assert(record<T>, "sfcpp::from_json: T must be a generated record or sfcpp::query_result<record>");
        return {json_root::record, &T::sfcpp_info()};
    }
}
}  // namespace detail

// Decodes into an existing record or query result (reusing its allocations).
template <class T>
void from_json(std::string_view text, T& out, const decode_options& opt = {}) {
    const auto [root, info] = detail::json_target<T>();
    detail::decode_json(text, root, *info, &out, opt);
}

template <class T>
T from_json(std::string_view text, const decode_options& opt = {}) {
    T out;
    from_json(text, out, opt);
    return out;
}

// The same without exceptions for bad input: `ec` is set (see sfcpp::errc) or cleared.
template <class T>
void from_json(std::string_view text, T& out, std::error_code& ec, const decode_options& opt = {}) {
    const auto [root, info] = detail::json_target<T>();
    detail::decode_json(text, root, *info, &out, opt, ec);
}

template <class T>
T from_json(std::string_view text, std::error_code& ec, const decode_options& opt = {}) {
    T out;
    from_json(text, out, ec, opt);
    return out;
}

template <record T>
void to_json(const T& rec, std::string& out, const encode_options& opt = {}) {
    detail::encode_record(&rec, T::sfcpp_info(), out, opt);
}

template <record T>
std::string to_json(const T& rec, const encode_options& opt = {}) {
    std::string out;
    to_json(rec, out, opt);
    return out;
}

template <record T>
std::string to_json(const query_result<T>& r, const encode_options& opt = {}) {
    std::string out;
    detail::encode_result(&r, T::sfcpp_info(), out, opt);
    return out;
}

// Throws write_check_error when `rec` cannot be sent for `mode` (see detail::check_write), naming
// each offending field as `Object.Field`.
template <record T>
void check_write(const T& rec, write_mode mode) {
    detail::check_write(&rec, T::sfcpp_info(), mode);
}

}  // namespace sfcpp
