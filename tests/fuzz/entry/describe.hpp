// Entry point of fuzz_describe: describe parsing, as the generator and the emulator do it.
#pragma once

#include <sfcpp/describe.hpp>

#include <string_view>

namespace sfcpp_fuzz {

inline void describe(std::string_view text) {
    try {
        auto d = sfcpp::parse_describe(text, "fuzz");
        (void)d.find_field("Id");
    } catch (const sfcpp::describe_error&) {
    }
}

}  // namespace sfcpp_fuzz
