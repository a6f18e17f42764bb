#include "test_support.hpp"

#include <chrono>

using namespace emu_test;

namespace {
sfcpp_emulator::options with_admin() {
    sfcpp_emulator::options opts;
    opts.admin_api = true;
    return opts;
}
}  // namespace

TEST_CASE("the admin API is off by default") {
    org o;
    CHECK(o.http->post("/__emulator/faults", R"({"count":1,"status":503})").status == 404);
    CHECK(o.http->get(data + "/limits").status == 200);
}

TEST_CASE("injected 503 and 429 answers with Retry-After") {
    org o(with_admin());
    REQUIRE(o.http->post("/__emulator/faults", R"({"count":2,"status":503,"retryAfter":3})").status == 204);
    auto r = o.http->get(data + "/limits");
    CHECK(r.status == 503);
    CHECK(r.header("retry-after") == "3");
    CHECK(r.json().at(0).at("errorCode") == "SERVER_UNAVAILABLE");
    CHECK(o.http->form("/services/oauth2/token", "grant_type=client_credentials").status == 503);
    CHECK(o.http->get(data + "/limits").status == 200);

    o.http->post("/__emulator/faults", R"({"count":1,"status":429,"retryAfter":1})");
    r = o.http->get(data + "/limits");
    CHECK(r.status == 429);
    CHECK(r.header("retry-after") == "1");
    CHECK(o.http->get(data + "/limits").status == 200);
}

TEST_CASE("expire all tokens through the admin API") {
    org o(with_admin());
    CHECK(o.http->get(data + "/limits").status == 200);
    CHECK(o.http->post("/__emulator/expire-tokens", "{}").status == 204);
    CHECK(o.http->get(data + "/limits").status == 401);
}

TEST_CASE("delayed answer") {
    org o(with_admin());
    o.http->post("/__emulator/faults", R"({"count":1,"delayMs":50})");
    auto start = std::chrono::steady_clock::now();
    CHECK(o.http->get(data + "/limits").status == 200);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(50));
}

TEST_CASE("connection dropped in the middle of the body") {
    org o(with_admin());
    o.http->post("/__emulator/faults", R"({"count":1,"drop":true})");
    CHECK_THROWS(o.http->get(data + "/limits"));
    client fresh(o.srv.port());
    fresh.token = o.http->token;
    CHECK(fresh.get(data + "/limits").status == 200);
}

TEST_CASE("a fault with a path filter hits only the matching requests") {
    org o(with_admin());
    const std::string describe = data + "/sobjects/Contact/describe";
    REQUIRE(o.http->post("/__emulator/faults", R"({"status":503,"count":2,"path":"/sobjects/Contact/describe"})")
                .status == 204);
    // Other requests pass and leave the count alone.
    CHECK(o.http->get(data + "/limits").status == 200);
    CHECK(o.http->get(data + "/sobjects/Account/describe").status == 200);
    CHECK(o.http->get(data + "/sobjects/Contact").status == 200);
    CHECK(o.http->get(describe).status == 503);
    CHECK(o.http->get(data + "/limits").status == 200);
    CHECK(o.http->get(describe + "?ignored=1").status == 503);
    CHECK(o.http->get(describe).status == 200);

    // Through the C++ API too; the query string is not part of the path matched.
    o.srv.org().inject(sfcpp_emulator::fault{.status = 429, .path = "/query"}, 1);
    CHECK(o.http->get(data + "/sobjects/Account/describe?x=/query").status == 200);
    CHECK(o.query_raw("SELECT Id FROM Account").status == 429);
    CHECK(o.query_raw("SELECT Id FROM Account").status == 200);

    CHECK(o.http->post("/__emulator/faults", R"({"status":503,"path":7})").status == 400);
}
