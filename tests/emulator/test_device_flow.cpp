// OAuth 2.0 device flow: response_type=device_code, then polling with grant_type=device.
#include "test_support.hpp"

using namespace emu_test;

namespace {

const std::string token_path = "/services/oauth2/token";

json::object start(client& c, const std::string& client_id = "sfcpp-emulator-client") {
    auto r = c.form(token_path, "response_type=device_code&client_id=" + client_id + "&scope=api+refresh_token");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json().as_object();
}

response poll(client& c, const json::object& started) {
    return c.form(token_path, "grant_type=device&client_id=sfcpp-emulator-client&code=" +
                                  org::encode(std::string(started.at("device_code").as_string())));
}

sfcpp_emulator::options no_interval() {
    sfcpp_emulator::options opts;
    opts.device_interval = std::chrono::seconds(0);
    opts.admin_api = true;
    return opts;
}

}  // namespace

TEST_CASE("device flow: codes, pending, approval, token") {
    org o(no_interval());
    client c(o.srv.port());
    auto d = start(c);
    CHECK(d.size() == 4);
    CHECK(!d.at("device_code").as_string().empty());
    std::string user_code(d.at("user_code").as_string());
    CHECK(user_code.size() == 8);
    CHECK(d.at("verification_uri") == o.srv.base_url() + "/setup/connect");
    CHECK(d.at("interval") == 0);

    auto r = poll(c, d);
    CHECK(r.status == 400);
    CHECK(r.body == R"({"error":"authorization_pending","error_description":"authorization pending"})");
    CHECK(poll(c, d).json().at("error") == "authorization_pending");

    CHECK_FALSE(o.srv.approve_device("NOPE1234"));
    CHECK(o.srv.approve_device(user_code));
    r = poll(c, d);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    auto body = r.json().as_object();
    CHECK(body.at("instance_url") == o.srv.base_url());
    CHECK(body.at("token_type") == "Bearer");
    CHECK(body.contains("refresh_token"));
    CHECK(body.contains("signature"));
    c.token = std::string(body.at("access_token").as_string());
    CHECK(c.get(data + "/limits").status == 200);

    // The device code answers once; afterwards it is spent.
    r = poll(c, d);
    CHECK(r.status == 400);
    CHECK(r.body == R"({"error":"invalid_grant","error_description":"token exchange failed"})");
    CHECK_FALSE(o.srv.approve_device(user_code));
}

TEST_CASE("device flow: errors, denial, admin endpoints") {
    org o(no_interval());
    client c(o.srv.port());
    auto r = c.form(token_path, "response_type=device_code&client_id=someone-else");
    CHECK(r.status == 400);
    CHECK(r.json().at("error") == "invalid_client_id");
    r = c.form(token_path, "grant_type=device&client_id=sfcpp-emulator-client&code=bogus");
    CHECK(r.json().at("error") == "invalid_grant");

    auto d = start(c);
    std::string user_code(d.at("user_code").as_string());
    r = c.form(token_path, "grant_type=device&client_id=someone-else&code=" +
                               org::encode(std::string(d.at("device_code").as_string())));
    CHECK(r.json().at("error") == "invalid_client_id");

    // Denied through the admin endpoint (lower case and a dash are accepted, as users type them).
    std::string typed = user_code.substr(0, 4) + "-" + user_code.substr(4);
    for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(c.post("/__emulator/device/deny", R"({"user_code":")" + typed + R"("})").status == 204);
    r = poll(c, d);
    CHECK(r.status == 400);
    CHECK(r.body == R"({"error":"access_denied","error_description":"end-user denied authorization"})");

    // Approved through the admin endpoint.
    auto d2 = start(c);
    CHECK(c.post("/__emulator/device/approve", R"({"user_code":")" + std::string(d2.at("user_code").as_string()) +
                                                   R"("})").status == 204);
    CHECK(poll(c, d2).status == 200);
    CHECK(c.post("/__emulator/device/approve", R"({"user_code":"UNKNOWN0"})").status == 404);
    CHECK(c.post("/__emulator/device/approve", R"({})").status == 400);
}

TEST_CASE("device flow: polling faster than the interval answers slow_down") {
    sfcpp_emulator::options opts;
    opts.device_interval = std::chrono::seconds(3600);
    org o(opts);
    client c(o.srv.port());
    auto d = start(c);
    CHECK(d.at("interval") == 3600);
    CHECK(o.srv.approve_device(std::string(d.at("user_code").as_string())));
    auto r = poll(c, d);
    CHECK(r.status == 400);
    CHECK(r.body == R"({"error":"slow_down","error_description":"polling too quickly for the token endpoint"})");
    CHECK(poll(c, d).json().at("error") == "slow_down");
}

TEST_CASE("device flow: auto-approval after N polls") {
    auto opts = no_interval();
    opts.device_auto_approve_after = 2;
    org o(opts);
    client c(o.srv.port());
    auto d = start(c);
    CHECK(poll(c, d).json().at("error") == "authorization_pending");
    CHECK(poll(c, d).json().at("error") == "authorization_pending");
    CHECK(poll(c, d).status == 200);

    opts.device_auto_approve_after = 0;
    org at_once(opts);
    client c2(at_once.srv.port());
    CHECK(poll(c2, start(c2)).status == 200);
}
