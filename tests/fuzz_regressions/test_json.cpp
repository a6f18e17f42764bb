// Fuzz regressions: record JSON, query responses, describe.
#include "replay.hpp"

#include <entry/describe.hpp>
#include <entry/query_response.hpp>
#include <entry/record_json.hpp>

TEST_CASE("fuzz regressions: record JSON") { sfcpp_fuzz::replay("fuzz_record_json", sfcpp_fuzz::record_json); }
TEST_CASE("fuzz regressions: query responses") {
    sfcpp_fuzz::replay("fuzz_query_response", sfcpp_fuzz::query_response);
}
TEST_CASE("fuzz regressions: describe") { sfcpp_fuzz::replay("fuzz_describe", sfcpp_fuzz::describe); }
