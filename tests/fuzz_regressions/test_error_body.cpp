// Fuzz regressions: REST and OAuth error bodies.
#include "replay.hpp"

#include <entry/error_body.hpp>

TEST_CASE("fuzz regressions: error bodies") {
    sfcpp_fuzz::replay("fuzz_error_body", sfcpp_fuzz::error_body);
    // Shapes the entry point's invariants rely on.
    sfcpp_fuzz::error_body("");
    sfcpp_fuzz::error_body("<html>502 Bad Gateway</html>");
    sfcpp_fuzz::error_body(R"([{"message":"m","errorCode":"E","fields":["A","B"]},{"error":"invalid_grant"}])");
    sfcpp_fuzz::error_body(R"(["/services/data/v60.0/sobjects/Account/001","/services/data/v60.0/sobjects/Account/002"])");
}
