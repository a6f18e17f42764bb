// sfcpp/json.hpp: records and query results to and from Salesforce's JSON.
//
//   auto acc = sfcpp::from_json<sobjects::Account>(body);
//   auto page = sfcpp::from_json<sfcpp::query_result<sobjects::Contact>>(body);
//   std::string body = sfcpp::to_json(acc);
//   std::string patch = sfcpp::to_json(acc, {sfcpp::write_mode::update});
//
// Unknown keys are skipped (fields added to the org after code generation). A value of the wrong
// type throws decode_error naming `Object.Field` and the value.
#pragma once

#include <sfcpp/detail/json_decoder.hpp>
#include <sfcpp/detail/json_encoder.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace sfcpp {

template <class T>
inline constexpr bool is_query_result_v = false;
template <class T>
inline constexpr bool is_query_result_v<query_result<T>> = true;

// Decodes into an existing record or query result (reusing its allocations).
template <class T>
void from_json(std::string_view text, T& out, const decode_options& opt = {}) {
    if constexpr (is_query_result_v<T>) {
        static_assert(record<typename T::value_type>, "sfcpp::from_json: query_result<T> needs a generated record T");
        detail::decode_json(text, detail::json_root::query_result, T::value_type::sfcpp_info(), &out, opt);
    } else {
        static_assert(record<T>, "sfcpp::from_json: T must be a generated record or sfcpp::query_result<record>");
        detail::decode_json(text, detail::json_root::record, T::sfcpp_info(), &out, opt);
    }
}

template <class T>
T from_json(std::string_view text, const decode_options& opt = {}) {
    T out;
    from_json(text, out, opt);
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

// Throws write_check_error when `rec` cannot be sent for `mode` (see detail::check_write).
template <record T>
void check_write(const T& rec, write_mode mode) {
    detail::check_write(&rec, T::sfcpp_info(), mode);
}

}  // namespace sfcpp
