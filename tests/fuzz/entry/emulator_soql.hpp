// Entry point of fuzz_emulator_soql: the emulator's SOQL parser, which must answer any text with
// a tree or a 400 MALFORMED_QUERY api_exception, and nothing else.
#pragma once

#include "support.hpp"

#include <sfcpp_emulator/soql.hpp>

#include <string_view>

namespace sfcpp_fuzz {

inline void emulator_soql(std::string_view text) {
    try {
        const auto q = sfcpp_emulator::soql::parse(text);
        (void)q.is_aggregate();
        (void)q.is_count_only();
        for (const auto& s : q.select) (void)s.field.text();
    } catch (const sfcpp_emulator::api_exception& e) {
        require(e.error().status == 400, "a parse error is a 400");
        require(e.error().error_code == "MALFORMED_QUERY", "a parse error is MALFORMED_QUERY");
    }
}

}  // namespace sfcpp_fuzz
