// Entry point of fuzz_record_json: one record decoded (Contact, Account), then re-encoded.
#pragma once

#include <test_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>

#include <string_view>

namespace sfcpp_fuzz {

inline void record_json(std::string_view text) {
    for (bool verify : {true, false}) {
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
