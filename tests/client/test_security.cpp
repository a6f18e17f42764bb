// What the transport and client refuse to do with hostile input or a hostile server: each case
// talks HTTP over loopback to the emulator or to a small server of local_servers.hpp.
#include "../emulator/tls_fixture.hpp"
#include "local_servers.hpp"
#include "support.hpp"

#include <atomic>
#include <limits>

using namespace client_test;
using namespace sobjects;
namespace http = sfcpp::http;

namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// Reads one request from `s` (headers and a Content-Length body); false when the peer closed.
bool read_request(lsv::tcp::socket& s, lsv::beast::flat_buffer& buf) {
    lsv::bhttp::request<lsv::bhttp::string_body> req;
    lsv::beast::error_code ec;
    lsv::bhttp::read(s, buf, req, ec);
    return !ec;
}

void write_text(lsv::tcp::socket& s, const std::string& text) {
    lsv::beast::error_code ec;
    lsv::asio::write(s, lsv::asio::buffer(text), ec);
}

const std::string empty_ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

}  // namespace

// ---- 1: the proxy tunnel ------------------------------------------------------------------------

TEST_CASE("a proxy cannot answer for the server inside an HTTPS tunnel") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path());
    sfcpp_emulator::options eo;
    eo.tls_cert = pki.cert_pem;
    eo.tls_key = pki.key_pem;
    org o(eo);
    const std::string base = o.srv->base_url();
    const std::string by_name = "https://localhost:" + base.substr(base.rfind(':') + 1);

    // The forged answer would be taken as the server's, without TLS, if the tunnel kept the bytes.
    http_proxy proxy;
    proxy.send_after_established("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"forged\":true}");
    http::options ho;
    ho.proxy = proxy.url();
    ho.ca_file = pki.ca_pem_path;
    http::transport t(ho);
    try {
        auto res = t.send({http::verb::get, by_name + "/services/data", {}, {}});
        FAIL("the proxy's bytes were taken as the answer: " << res.body);
    } catch (const http::transport_error& e) {
        CHECK(e.where() == http::transport_error::stage::connect);
        CHECK_FALSE(e.may_have_reached_server());
        CHECK(contains(e.what(), "sent data after opening the tunnel"));
    }
    CHECK(proxy.tunnels() == 1);
}

TEST_CASE("an https:// proxy is refused, not connected to in clear") {
    http::options ho;
    ho.proxy = "https://127.0.0.1:3128";
    try {
        http::transport t(ho);
        FAIL("an https proxy was accepted");
    } catch (const http::config_error& e) {
        CHECK(contains(e.what(), "https:// proxies are not supported"));
    }
}

// ---- 2: request splitting and paths built from data ---------------------------------------------

TEST_CASE("CR/LF, spaces and dot segments from data never reach the request line") {
    local_http_server srv([](const auto&, auto& res) { res.body() = "{}"; });
    local_client lc(srv.url());
    auto& sf = *lc.sf;

    CHECK_THROWS_AS(sf.describe("Account/describe HTTP/1.1\r\nHost: x\r\n\r\nDELETE /smuggled"), http::config_error);
    CHECK_THROWS_AS(sf.describe("../../../../services/apexrest/Evil"), http::config_error);
    CHECK_THROWS_AS(sf.describe("Account describe"), http::config_error);
    CHECK_THROWS_AS(sf.send(http::verb::get, "sobjects/Account HTTP/1.1\r\nX: y"), http::config_error);
    CHECK_THROWS_AS(sf.send(http::verb::get, "/services/data/v60.0/../../apexrest/Evil"), http::config_error);
    CHECK_THROWS_AS(sf.send(http::verb::get, "sobjects/./Account"), http::config_error);
    CHECK_THROWS_AS(lc.transport->send({http::verb::get, srv.url() + "/a\r\nb", {}, {}}), http::config_error);
    CHECK_THROWS_AS(lc.transport->send({http::verb::get, srv.url() + "/a b", {}, {}}), http::config_error);
    CHECK(srv.requests() == 0);

    // A name that is an API name still works.
    CHECK_NOTHROW(sf.send(http::verb::get, "sobjects/Account"));
    CHECK(srv.requests() == 1);
}

TEST_CASE("a header name or value that could split the request is refused; the message holds no value") {
    local_http_server srv([](const auto&, auto& res) { res.body() = "{}"; });
    SUBCASE("a token holding CR/LF adds no header") {
        local_client lc(srv.url(), org::fast_retries(), {}, "tok-secret\r\nX-Injected: 1");
        try {
            lc.sf->send(http::verb::get, "limits");
            FAIL("the request went out");
        } catch (const http::config_error& e) {
            CHECK(contains(e.what(), "Authorization"));
            CHECK_FALSE(contains(e.what(), "tok-secret"));
        }
    }
    SUBCASE("caller headers") {
        local_client lc(srv.url());
        sfcpp::request_options bad_value;
        bad_value.headers = {{"X-Note", "a\nb"}};
        CHECK_THROWS_AS(lc.sf->send(http::verb::get, "limits", {}, bad_value), http::config_error);
        sfcpp::request_options nul;
        nul.headers = {{"X-Note", std::string("a\0b", 3)}};
        CHECK_THROWS_AS(lc.sf->send(http::verb::get, "limits", {}, nul), http::config_error);
        sfcpp::request_options bad_name;
        bad_name.headers = {{"X Note: 1\r\nY", "v"}};
        CHECK_THROWS_AS(lc.sf->send(http::verb::get, "limits", {}, bad_name), http::config_error);
        sfcpp::request_options tab;
        tab.headers = {{"X-Note", "a\tb"}};  // HTAB is allowed in a value
        CHECK_NOTHROW(lc.sf->send(http::verb::get, "limits", {}, tab));
    }
    SUBCASE("a User-Agent setting") {
        http::options ho;
        ho.user_agent = "sfcpp\r\nX-Injected: 1";
        http::transport t(ho);
        CHECK_THROWS_AS(t.send({http::verb::get, srv.url() + "/", {}, {}}), http::config_error);
    }
    CHECK(srv.requests() <= 1);
}

TEST_CASE("external id values are percent-encoded path segments, dots included") {
    std::mutex m;
    std::vector<std::string> targets;
    local_http_server srv([&](const auto& req, auto& res) {
        std::lock_guard<std::mutex> g(m);
        targets.emplace_back(req.target());
        res.body() = R"({"attributes":{"type":"Invoice__c"},"Name":"x"})";
    });
    local_client lc(srv.url());
    lc.sf->retrieve(Invoice_c_.External_Id_c, "..");
    lc.sf->retrieve(Invoice_c_.External_Id_c, ".");
    lc.sf->retrieve(Invoice_c_.External_Id_c, "a/b?c#d e");
    lc.sf->retrieve(Invoice_c_.External_Id_c, "v1.2");
    CHECK_THROWS_AS(lc.sf->retrieve(Invoice_c_.External_Id_c, ""), http::config_error);
    const std::string base = "/services/data/v60.0/sobjects/Invoice__c/External_Id__c/";
    REQUIRE(targets.size() == 4);
    CHECK(targets[0] == base + "%2E%2E");
    CHECK(targets[1] == base + "%2E");
    CHECK(targets[2] == base + "a%2Fb%3Fc%23d%20e");
    CHECK(targets[3] == base + "v1.2");
}

// ---- 3: what counts as loopback -----------------------------------------------------------------

TEST_CASE("plain HTTP only to a numeric 127/8 address, ::1 or localhost") {
    CHECK(http::url::parse("http://127.0.0.1:8080/").is_loopback());
    CHECK(http::url::parse("http://127.9.8.7/").is_loopback());
    CHECK(http::url::parse("http://[::1]:80/").is_loopback());
    CHECK(http::url::parse("http://LOCALHOST/").is_loopback());
    // Boost.URL 1.81 would take this name as the address 127.0.0.1: it is refused outright.
    CHECK_THROWS_AS(http::url::parse("http://127.0.0.1.evil.example/"), http::config_error);
    CHECK_FALSE(http::url::parse("http://127.evil.example/").is_loopback());
    CHECK_FALSE(http::url::parse("http://localhost.evil.example/").is_loopback());
    CHECK_FALSE(http::url::parse("http://[::2]/").is_loopback());

    http::transport t;
    for (std::string host : {"127.evil.example", "localhost.evil.example", "127.0.0.1.evil.example"}) {
        CAPTURE(host);
        CHECK_THROWS_AS(t.send({http::verb::get, "http://" + host + ":1/services/data", {}, {}}), http::config_error);
    }
    CHECK(t.connections_opened() == 0);
}

TEST_CASE("a token response must name an https instance_url, or a loopback one") {
    std::string instance = "http://attacker.example";
    local_http_server srv([&](const auto&, auto& res) {
        res.body() = R"({"access_token":"00Dtok","instance_url":")" + instance + R"(","token_type":"Bearer"})";
    });
    http::transport t;
    sfcpp::auth::client_credentials app{.login_url = srv.url(), .client_id = "id", .client_secret = "s"};
    try {
        app.login(t);
        FAIL("a plain-HTTP instance_url on a remote host was accepted");
    } catch (const sfcpp::decode_error& e) {
        CHECK(contains(e.what(), "http://attacker.example:80"));
        CHECK_FALSE(contains(e.what(), "00Dtok"));
    }
    instance = "http://127.0.0.1.evil.example";
    CHECK_THROWS_AS(app.login(t), sfcpp::decode_error);
    instance = "https://na1.example.my.salesforce.com";
    CHECK(app.login(t).instance_url == instance);
    instance = "http://127.0.0.1:9999";
    CHECK(app.login(t).instance_url == instance);
}

// ---- 4: where the token goes --------------------------------------------------------------------

TEST_CASE("a nextRecordsUrl on another origin gets no token; the error names only its origin") {
    std::atomic<int> elsewhere_requests{0};
    local_http_server elsewhere([&](const auto&, auto& res) {
        ++elsewhere_requests;
        res.body() = R"({"totalSize":2,"done":true,"records":[]})";
    });
    local_http_server instance([&](const auto&, auto& res) {
        res.body() = R"({"totalSize":2,"done":false,"nextRecordsUrl":")" + elsewhere.url() +
                     R"(/services/data/v60.0/query/01gSECRETPATH-1","records":[{"attributes":{"type":"Account"},"Name":"a"}]})";
    });
    local_client lc(instance.url());
    try {
        lc.sf->query<Account>("SELECT Name FROM Account").collect();
        FAIL("the next page was fetched from another origin");
    } catch (const sfcpp::error& e) {
        CHECK(contains(e.what(), elsewhere.url()));
        CHECK_FALSE(contains(e.what(), "01gSECRETPATH"));
    }
    CHECK(elsewhere_requests == 0);

    // The same host on another scheme is another origin too; the instance's own origin is fine.
    const std::string same_origin_https = "https" + instance.url().substr(4) + "/services/data/v60.0/limits";
    CHECK_THROWS_AS(lc.sf->send(http::verb::get, same_origin_https), sfcpp::error);
    CHECK_NOTHROW(lc.sf->send(http::verb::get, instance.url() + "/services/data/v60.0/limits"));
}

// ---- 5: what is resent --------------------------------------------------------------------------

TEST_CASE("a raw POST or PATCH whose answer is lost is not resent; a GET is") {
    std::atomic<int> requests{0};
    // Reads each request and closes without answering: the server may have acted on it.
    loopback_listener srv([&](lsv::tcp::socket& s) {
        lsv::beast::flat_buffer buf;
        if (read_request(s, buf)) ++requests;
    });
    local_client lc("http://127.0.0.1:" + std::to_string(srv.port()));
    for (auto method : {http::verb::post, http::verb::patch}) {
        requests = 0;
        CHECK_THROWS_AS(lc.sf->send(method, "/services/apexrest/orders", "{}"), http::transport_error);
        CHECK(requests == 1);
    }
    requests = 0;
    CHECK_THROWS_AS(lc.sf->send(http::verb::get, "limits"), http::transport_error);
    CHECK(requests == 4);  // max_attempts
    requests = 0;
    sfcpp::request_options resend;
    resend.idempotent = true;  // the caller knows this POST is safe to repeat
    CHECK_THROWS_AS(lc.sf->send(http::verb::post, "/services/apexrest/lookup", "{}", resend), http::transport_error);
    CHECK(requests == 4);
}

// ---- 9: numbers a server makes up ---------------------------------------------------------------

TEST_CASE("an absurd Retry-After fails at once instead of overflowing into an immediate retry") {
    local_http_server srv([](const auto&, auto& res) {
        res.result(429);
        res.set("Retry-After", "9300000000000000");
        res.body() = R"([{"message":"slow down","errorCode":"REQUEST_LIMIT_EXCEEDED"}])";
    });
    local_client lc(srv.url());
    CHECK_THROWS_AS(lc.sf->send(http::verb::get, "limits"), sfcpp::limit_error);
    CHECK(srv.requests() == 1);
    CHECK(lc.sf->retries() == 0);
}

TEST_CASE("Sforce-Limit-Info numbers past int64 saturate") {
    local_http_server srv([](const auto&, auto& res) {
        res.set("Sforce-Limit-Info", "api-usage=92233720368547758070/15000; per-app-api-usage=1/99999999999999999999(appName=x)");
        res.body() = "{}";
    });
    local_client lc(srv.url());
    lc.sf->send(http::verb::get, "limits");
    const auto li = lc.sf->last_limit_info();
    CHECK(li.api_used == std::numeric_limits<std::int64_t>::max());
    CHECK(li.api_max == 15000);
    REQUIRE(li.per_app.size() == 1);
    CHECK(li.per_app[0].max == std::numeric_limits<std::int64_t>::max());
    CHECK(sfcpp::parse_limit_info("api-usage=-5/10").api_used == -1);  // not a count: ignored
}

// ---- 10: paging a server that lies --------------------------------------------------------------

TEST_CASE("a nextRecordsUrl that repeats stops the query instead of looping") {
    // After 50 pages the server gives up and says done, so that a client that loops still ends.
    std::atomic<int> n{0};
    local_http_server srv([&](const auto&, auto& res) {
        const bool last = ++n > 50;
        res.body() = std::string(R"({"totalSize":100,"done":)") + (last ? "true" : "false") +
                     R"(,"nextRecordsUrl":"/services/data/v60.0/query/01gLOOP-2000",)"
                     R"("records":[{"attributes":{"type":"Account"},"Name":"a"}]})";
    });
    local_client lc(srv.url());
    CHECK_THROWS_AS(lc.sf->query<Account>("SELECT Name FROM Account").collect(), sfcpp::decode_error);
    CHECK(srv.requests() == 2);
}

TEST_CASE("collect() does not reserve what a lying totalSize claims") {
    local_http_server srv([](const auto&, auto& res) {
        res.body() = R"({"totalSize":1000000000000,"done":true,"records":[{"attributes":{"type":"Account"},"Name":"a"}]})";
    });
    local_client lc(srv.url());
    const auto rows = lc.sf->query<Account>("SELECT Name FROM Account").collect();
    CHECK(rows.size() == 1);
    CHECK(rows.capacity() <= sfcpp::detail::max_collect_reserve);
}

// ---- 12: a DELETE on a stale pooled connection --------------------------------------------------

TEST_CASE("a DELETE that failed on a stale kept-alive connection, then 404, is not found") {
    // The first connection answers one request, then closes on the next without a byte of answer:
    // a kept-alive connection the server had let go. Later connections answer 404.
    std::atomic<int> connection{0};
    std::atomic<int> deletes_seen{0};
    loopback_listener srv([&](lsv::tcp::socket& s) {
        lsv::beast::flat_buffer buf;
        if (++connection == 1) {
            if (!read_request(s, buf)) return;
            write_text(s, empty_ok);
            read_request(s, buf);
            return;
        }
        const std::string body = R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])";
        while (read_request(s, buf)) {
            ++deletes_seen;
            write_text(s, "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body);
        }
    });
    local_client lc("http://127.0.0.1:" + std::to_string(srv.port()));
    lc.sf->send(http::verb::get, "limits");
    const auto id = *sfcpp::id::parse("001000000000001");
    CHECK_THROWS_AS(lc.sf->remove<Account>(id), sfcpp::not_found_error);
    CHECK(deletes_seen == 1);
    CHECK(lc.sf->retries() == 1);
}
