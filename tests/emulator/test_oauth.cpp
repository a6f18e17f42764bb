#include "test_support.hpp"

using namespace emu_test;

TEST_CASE("OAuth client_credentials issues a usable token") {
    org o;
    client c(o.srv.port());
    auto r = c.form("/services/oauth2/token",
                    "grant_type=client_credentials&client_id=sfcpp-emulator-client&client_secret=sfcpp-emulator-secret");
    REQUIRE(r.status == 200);
    auto body = r.json().as_object();
    CHECK(body.at("token_type") == "Bearer");
    CHECK(body.at("instance_url") == o.srv.base_url());
    CHECK(std::string(body.at("id").as_string()).starts_with(o.srv.base_url() + "/id/00D"));
    CHECK(std::stoll(std::string(body.at("issued_at").as_string())) > 1600000000000LL);
    CHECK(!body.at("signature").as_string().empty());
    CHECK_FIXTURE_SHAPE("restforce/oauth/token_success_password_flow.json",
                        json::value(json::object{{"id", body.at("id")}, {"issued_at", body.at("issued_at")},
                                                 {"instance_url", body.at("instance_url")},
                                                 {"signature", body.at("signature")},
                                                 {"access_token", body.at("access_token")}}));
    c.token = std::string(body.at("access_token").as_string());
    CHECK(c.get(data + "/limits").status == 200);
}

TEST_CASE("OAuth errors") {
    org o;
    client c(o.srv.port());
    auto r = c.form("/services/oauth2/token", "grant_type=client_credentials&client_id=sfcpp-emulator-client&client_secret=nope");
    CHECK(r.status == 400);
    CHECK(r.body == R"({"error":"invalid_client","error_description":"invalid client credentials"})");
    r = c.form("/services/oauth2/token",
               "grant_type=password&client_id=sfcpp-emulator-client&client_secret=sfcpp-emulator-secret"
               "&username=integration%40emulator.local&password=wrong");
    CHECK(r.status == 400);
    CHECK(r.json().at("error") == "invalid_grant");
    CHECK_FIXTURE_SHAPE("restforce/oauth/token_error_invalid_grant.json", r.json());
    r = c.form("/services/oauth2/token", "grant_type=magic");
    CHECK(r.json().at("error") == "unsupported_grant_type");
    r = c.form("/services/oauth2/token", "grant_type=refresh_token&client_id=sfcpp-emulator-client&refresh_token=bogus");
    CHECK(r.status == 400);
    CHECK(r.body == R"({"error":"invalid_grant","error_description":"expired access/refresh token"})");
}

TEST_CASE("OAuth password grant, HTTP Basic client authentication") {
    org o;
    client c(o.srv.port());
    auto r = c.form("/services/oauth2/token",
                    "grant_type=password&client_id=sfcpp-emulator-client&client_secret=sfcpp-emulator-secret"
                    "&username=integration%40emulator.local&password=password");
    REQUIRE(r.status == 200);
    CHECK(r.json().as_object().contains("access_token"));
    // "sfcpp-emulator-client:sfcpp-emulator-secret" in base64
    r = c.request(boost::beast::http::verb::post, "/services/oauth2/token", "grant_type=client_credentials",
                  {{"Authorization", "Basic c2ZjcHAtZW11bGF0b3ItY2xpZW50OnNmY3BwLWVtdWxhdG9yLXNlY3JldA=="}},
                  "application/x-www-form-urlencoded");
    CHECK(r.status == 200);
}

TEST_CASE("OAuth authorization code with PKCE, refresh and revoke") {
    org o;
    client c(o.srv.port());
    // RFC 7636 appendix B test vector.
    const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    auto r = c.get("/services/oauth2/authorize?response_type=code&client_id=sfcpp-emulator-client"
                   "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&state=xyz&code_challenge=" + challenge +
                   "&code_challenge_method=S256");
    REQUIRE(r.status == 302);
    std::string location = r.header("location");
    REQUIRE(location.starts_with("http://localhost/cb?code="));
    CHECK(location.ends_with("&state=xyz"));
    std::string code = location.substr(location.find("code=") + 5);
    code = code.substr(0, code.find('&'));
    auto bad = c.form("/services/oauth2/token", "grant_type=authorization_code&client_id=sfcpp-emulator-client&code=" +
                                                    code + "&code_verifier=wrong");
    CHECK(bad.status == 400);
    // The code was consumed by the failed attempt; get a new one.
    r = c.get("/services/oauth2/authorize?response_type=code&client_id=sfcpp-emulator-client"
              "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&code_challenge=" + challenge);
    location = r.header("location");
    code = location.substr(location.find("code=") + 5);
    r = c.form("/services/oauth2/token", "grant_type=authorization_code&client_id=sfcpp-emulator-client&code=" + code +
                                             "&code_verifier=" + verifier + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    std::string refresh(r.json().at("refresh_token").as_string());
    std::string access(r.json().at("access_token").as_string());
    r = c.form("/services/oauth2/token", "grant_type=refresh_token&client_id=sfcpp-emulator-client&client_secret=sfcpp-emulator-secret&refresh_token=" +
                                             org::encode(refresh));
    REQUIRE(r.status == 200);
    CHECK(r.json().at("access_token") != access);

    c.token = access;
    CHECK(c.get(data + "/limits").status == 200);
    CHECK(c.form("/services/oauth2/revoke", "token=" + org::encode(access)).status == 200);
    CHECK(c.get(data + "/limits").status == 401);
    CHECK(c.form("/services/oauth2/revoke", "token=" + org::encode(refresh)).status == 200);
    r = c.form("/services/oauth2/token", "grant_type=refresh_token&client_id=sfcpp-emulator-client&refresh_token=" +
                                             org::encode(refresh));
    CHECK(r.status == 400);
}

TEST_CASE("unknown, expired and missing tokens get 401 INVALID_SESSION_ID") {
    sfcpp_emulator::options opts;
    opts.token_ttl = std::chrono::seconds(0);  // every token is expired on arrival
    org o(opts);
    auto r = o.http->get(data + "/sobjects");
    CHECK(r.status == 401);
    CHECK(r.body == R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
    CHECK_FIXTURE_SHAPE("restforce/errors/invalid_session_id.json", r.json());

    org live;
    live.http->token = "00D000000000001!bogus";
    CHECK(live.http->get(data + "/sobjects").status == 401);
    live.http->token.clear();
    CHECK(live.http->get(data + "/sobjects").status == 401);
    live.http->token = live.srv.issue_token();
    CHECK(live.http->get(data + "/sobjects").status == 200);
    live.srv.org().expire_all_tokens();
    CHECK(live.http->get(data + "/sobjects").status == 401);
}

TEST_CASE("/authorize redirects only to an allowed callback, and never splits the response") {
    const std::string authorize =
        "/services/oauth2/authorize?response_type=code&client_id=sfcpp-emulator-client&state=s&redirect_uri=";
    SUBCASE("without configured callbacks: loopback only") {
        org o;
        client c(o.srv.port());
        auto r = c.get(authorize + "http%3A%2F%2Flocalhost%2Fcb%0D%0AX-Injected%3A%201");
        CHECK(r.status == 400);
        CHECK(r.header("x-injected").empty());
        CHECK(r.header("location").empty());
        CHECK(r.json().at("error") == "redirect_uri_mismatch");
        r = c.get(authorize + "https%3A%2F%2Fattacker.example%2Fcb");
        CHECK(r.status == 400);
        CHECK(r.header("location").empty());
        r = c.get(authorize + "http%3A%2F%2F127.0.0.1.attacker.example%2Fcb");
        CHECK(r.status == 400);
        r = c.get(authorize + "http%3A%2F%2F127.0.0.1%3A8080%2Fcb");
        CHECK(r.status == 302);
        CHECK(r.header("location").starts_with("http://127.0.0.1:8080/cb?code="));
    }
    SUBCASE("configured callbacks: exactly those") {
        sfcpp_emulator::options opts;
        opts.callback_urls = {"https://app.example.com/oauth/callback"};
        org o(opts);
        client c(o.srv.port());
        auto r = c.get(authorize + "https%3A%2F%2Fapp.example.com%2Foauth%2Fcallback");
        CHECK(r.status == 302);
        CHECK(r.header("location").starts_with("https://app.example.com/oauth/callback?code="));
        r = c.get(authorize + "https%3A%2F%2Fapp.example.com%2Foauth%2Fcallback%2Fx");
        CHECK(r.status == 400);
        r = c.get(authorize + "http%3A%2F%2Flocalhost%2Fcb");  // loopback is not configured here
        CHECK(r.status == 400);
    }
}
