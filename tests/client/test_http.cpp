// The transport: URLs, keep-alive, timeouts, the plain-HTTP rule, limit headers, error bodies.
#include "support.hpp"

using namespace client_test;
namespace http = sfcpp::http;

TEST_CASE("URLs are split into origin and target") {
    auto u = http::url::parse("https://MyOrg.my.salesforce.com/services/data?x=1");
    CHECK(u.scheme == "https");
    CHECK(u.host == "myorg.my.salesforce.com");
    CHECK(u.port == 443);
    CHECK(u.target == "/services/data?x=1");
    CHECK(u.host_header() == "myorg.my.salesforce.com");
    auto v = http::url::parse("http://127.0.0.1:8085");
    CHECK(v.target == "/");
    CHECK(v.host_header() == "127.0.0.1:8085");
    CHECK(v.is_loopback());
    auto w = http::url::parse("http://[::1]:9/x");
    CHECK(w.host == "::1");
    CHECK(w.origin() == "http://[::1]:9");
    CHECK_THROWS_AS(http::url::parse("ftp://x"), http::config_error);
    CHECK_THROWS_AS(http::url::parse("https://user:pw@x"), http::config_error);
    CHECK_THROWS_AS(http::url::parse("https://x:99999"), http::config_error);
    CHECK(http::url_encode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
}

TEST_CASE("plain HTTP is refused for remote hosts unless opted in") {
    http::transport t;
    CHECK_THROWS_AS(t.send({http::verb::get, "http://example.com/", {}, {}}), http::config_error);
    try {
        t.send({http::verb::get, "http://example.com/", {}, {}});
    } catch (const http::config_error& e) {
        CHECK(std::string(e.what()).find("allow_plain_http") != std::string::npos);
    }
    CHECK(t.connections_opened() == 0);
}

TEST_CASE("one keep-alive connection serves consecutive requests") {
    org o;
    http::transport& t = *o.transport;
    for (int i = 0; i < 5; ++i) {
        auto res = t.send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}});
        CHECK(res.status == 200);
        CHECK(res.body.find("60.0") != std::string::npos);
    }
    CHECK(t.connections_opened() == 1);
    CHECK(t.idle_connections() == 1);
    t.close_idle();
    CHECK(t.idle_connections() == 0);
    CHECK(t.send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}}).status == 200);
    CHECK(t.connections_opened() == 2);
}

TEST_CASE("idle connections past max_idle_time are not reused") {
    http::options ho;
    ho.max_idle_time = std::chrono::seconds(0);
    org o({}, org::fast_retries(), ho);
    for (int i = 0; i < 3; ++i)
        CHECK(o.transport->send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}}).status == 200);
    CHECK(o.transport->connections_opened() == 3);
}

TEST_CASE("a connection cut mid-response is dropped, and the next request gets a fresh one") {
    org o;
    http::transport& t = *o.transport;
    CHECK(t.send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}}).status == 200);
    o.inject({.drop = true});
    try {
        t.send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}});
        FAIL("expected a transport_error");
    } catch (const http::transport_error& e) {
        CHECK(e.where() == http::transport_error::stage::read);
        CHECK(e.reused_connection());
        CHECK(e.may_have_reached_server());
    }
    CHECK(t.idle_connections() == 0);
    CHECK(t.send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}}).status == 200);
    CHECK(t.connections_opened() == 2);
}

TEST_CASE("connection refused is a transport error before the request was sent") {
    unsigned short port;
    {
        org o;
        port = o.srv->port();
    }
    http::transport t;
    try {
        t.send({http::verb::post, "http://127.0.0.1:" + std::to_string(port) + "/x", {}, "{}"});
        FAIL("expected a transport_error");
    } catch (const http::transport_error& e) {
        CHECK(e.where() == http::transport_error::stage::connect);
        CHECK_FALSE(e.may_have_reached_server());
    }
}

TEST_CASE("a slow response times out") {
    http::options ho;
    ho.request_timeout = std::chrono::milliseconds(300);
    org o({}, org::fast_retries(), ho);
    o.inject({.delay = std::chrono::milliseconds(1500)});
    const auto t0 = std::chrono::steady_clock::now();
    try {
        o.transport->send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}});
        FAIL("expected a timeout");
    } catch (const http::transport_error& e) {
        CHECK(e.timed_out());
        CHECK(e.where() == http::transport_error::stage::read);
        CHECK(e.may_have_reached_server());
    }
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1200));
}

TEST_CASE("Sforce-Limit-Info is parsed") {
    auto li = sfcpp::parse_limit_info("api-usage=18/5000; per-app-api-usage=17/250(appName=sample-app)");
    CHECK(li.api_used == 18);
    CHECK(li.api_max == 5000);
    REQUIRE(li.per_app.size() == 1);
    CHECK(li.per_app[0].app_name == "sample-app");
    CHECK(li.per_app[0].used == 17);
    CHECK(li.per_app[0].max == 250);
    CHECK_FALSE(sfcpp::parse_limit_info("garbage").known());
}

TEST_CASE("error bodies become typed errors") {
    SUBCASE("REST list") {
        try {
            sfcpp::throw_api_error(400, R"([{"message":"Required fields are missing: [Name]","errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}])",
                                   "POST /services/data/v60.0/sobjects/Account");
        } catch (const sfcpp::validation_error& e) {
            CHECK(e.status() == 400);
            CHECK(e.kind() == sfcpp::error_kind::validation);
            CHECK(e.error_code() == "REQUIRED_FIELD_MISSING");
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].fields == std::vector<std::string>{"Name"});
            CHECK(std::string(e.what()).find("REQUIRED_FIELD_MISSING") != std::string::npos);
        }
    }
    SUBCASE("OAuth") {
        CHECK_THROWS_AS(sfcpp::throw_api_error(400, R"({"error":"invalid_grant","error_description":"authentication failure"})", "x"),
                        sfcpp::auth_error);
    }
    SUBCASE("kinds") {
        CHECK(sfcpp::classify_error(404, "NOT_FOUND") == sfcpp::error_kind::not_found);
        CHECK(sfcpp::classify_error(403, "REQUEST_LIMIT_EXCEEDED") == sfcpp::error_kind::limit);
        CHECK(sfcpp::classify_error(429, "") == sfcpp::error_kind::limit);
        CHECK(sfcpp::classify_error(401, "INVALID_SESSION_ID") == sfcpp::error_kind::auth);
        CHECK(sfcpp::classify_error(503, "SERVER_UNAVAILABLE") == sfcpp::error_kind::server);
        CHECK(sfcpp::classify_error(300, "MULTIPLE_CHOICES") == sfcpp::error_kind::validation);
    }
    SUBCASE("not JSON") {
        auto items = sfcpp::parse_error_body("<html>oops</html>");
        REQUIRE(items.size() == 1);
        CHECK(items[0].message.find("<html>") != std::string::npos);
    }
}
