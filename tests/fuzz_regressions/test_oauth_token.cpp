// Fuzz regressions: OAuth token responses.
#include "replay.hpp"

#include <entry/oauth_token.hpp>

TEST_CASE("fuzz regressions: OAuth token responses") {
    CHECK(sfcpp_fuzz::replay("fuzz_oauth_token", sfcpp_fuzz::oauth_token) > 0);
}
