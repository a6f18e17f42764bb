// Entry point of fuzz_record_json: one record decoded (Contact, Account), then re-encoded.
#pragma once

#include "support.hpp"

#include <test_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>

#include <string>
#include <string_view>
#include <system_error>

namespace sfcpp_fuzz {

// The error_code form agrees with the throwing one (the same errc; no error, the same record)
// and throws nothing: an exception escaping it ends the fuzzer.
template <class T>
void both_forms_agree(std::string_view text, const sfcpp::decode_options& opt) {
    std::error_code thrown;
    T a;
    try {
        sfcpp::from_json(text, a, opt);
    } catch (const sfcpp::error& e) {
        thrown = e.code();
        require(bool(thrown), "a decode error carries an errc");
    }
    std::error_code ec;
    T b;
    sfcpp::from_json(text, b, ec, opt);
    require(ec == thrown, "from_json with an error_code sets the errc the throwing form carries");
    const auto encoded = [](const T& r) {
        try {
            return sfcpp::to_json(r);
        } catch (const sfcpp::error& e) {
            return std::string("<encode error: ") + e.what() + ">";
        }
    };
    require(encoded(a) == encoded(b), "both forms leave the same record, after an error too");
}

inline void record_json(std::string_view text) {
    for (bool verify : {true, false}) {
        both_forms_agree<sobjects::Contact>(text, {verify});
        both_forms_agree<sobjects::Account>(text, {verify});
        try {
            auto c = sfcpp::from_json<sobjects::Contact>(text, {verify});
            (void)sfcpp::to_json(c);
            (void)sfcpp::to_json(c, {sfcpp::write_mode::update});
        } catch (const sfcpp::error&) {
        }
        try {
            auto a = sfcpp::from_json<sobjects::Account>(text, {verify});
            (void)sfcpp::to_json(a, {sfcpp::write_mode::create});
        } catch (const sfcpp::error&) {
        }
    }
}

}  // namespace sfcpp_fuzz
