// Request headers, client-side caps, gzip and proxies, checked at the wire with small loopback
// servers (local_servers.hpp) or against the emulator.
#include "../emulator/tls_fixture.hpp"
#include "local_servers.hpp"
#include "support.hpp"

#include <sfcpp/http/gzip.hpp>

#include <thread>

using namespace client_test;
using namespace sobjects;
namespace http = sfcpp::http;

namespace {

std::vector<std::string> values_of(const local_http_server::request& req, boost::beast::http::field f) {
    std::vector<std::string> out;
    for (auto it = req.find(f); it != req.end() && it->name() == f; ++it) out.emplace_back(it->value());
    return out;
}

}  // namespace

// ---- headers ------------------------------------------------------------------------------------

TEST_CASE("a Content-Type or Accept the caller sets replaces the client's default") {
    std::mutex m;
    std::vector<std::string> content_types, accepts, authorizations;
    local_http_server srv([&](const auto& req, auto& res) {
        std::lock_guard<std::mutex> g(m);
        content_types = values_of(req, boost::beast::http::field::content_type);
        accepts = values_of(req, boost::beast::http::field::accept);
        authorizations = values_of(req, boost::beast::http::field::authorization);
        res.body() = "{}";
    });
    local_client lc(srv.url());

    sfcpp::request_options ro;
    ro.headers = {{"content-type", "text/csv"}, {"Accept", "text/plain"}};
    lc.sf->send(http::verb::post, "/services/apexrest/x", "a,b\n1,2\n", ro);
    CHECK(content_types == std::vector<std::string>{"text/csv"});
    CHECK(accepts == std::vector<std::string>{"text/plain"});
    CHECK(authorizations == std::vector<std::string>{"Bearer local-test-token"});

    lc.sf->send(http::verb::post, "/services/apexrest/x", "{}");
    CHECK(content_types == std::vector<std::string>{"application/json"});
    CHECK(accepts == std::vector<std::string>{"application/json"});

    lc.sf->send(http::verb::get, "/services/apexrest/x");
    CHECK(content_types.empty());  // no body, no Content-Type
}

// ---- client-side caps ---------------------------------------------------------------------------

TEST_CASE("max_concurrent_requests: the server never sees more requests at once than the cap") {
    auto run = [](std::size_t cap) {
        local_http_server srv([](const auto&, auto& res) {
            // Holding each answer a little makes overlap likely; the check below is an upper bound
            // and does not depend on it.
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            res.body() = "{}";
        });
        sfcpp::client_options co = org::fast_retries();
        co.max_concurrent_requests = cap;
        local_client lc(srv.url(), co);
        std::vector<std::thread> threads;
        for (int i = 0; i < 6; ++i)
            threads.emplace_back([&] {
                for (int j = 0; j < 10; ++j) lc.sf->call(http::verb::get, "/services/apexrest/x");
            });
        for (auto& t : threads) t.join();
        CHECK(srv.requests() == 60);
        return srv.peak_in_flight();
    };
    const std::size_t capped = run(2);
    CHECK(capped >= 1);
    CHECK(capped <= 2);
    const std::size_t uncapped = run(0);
    MESSAGE("peak requests in flight at the server: " << capped << " with max_concurrent_requests = 2, "
                                                      << uncapped << " without a cap (6 threads)");
}

TEST_CASE("max_requests_per_second: N requests take at least (N - 1) / rate") {
    local_http_server srv([](const auto&, auto& res) { res.body() = "{}"; });
    sfcpp::client_options co = org::fast_retries();
    co.max_requests_per_second = 40;
    local_client lc(srv.url(), co);
    constexpr int n = 21;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i)
        threads.emplace_back([&] {
            for (int j = 0; j < n / 3; ++j) lc.sf->call(http::verb::get, "/services/apexrest/x");
        });
    for (auto& t : threads) t.join();
    const auto took = std::chrono::steady_clock::now() - t0;
    CHECK(srv.requests() == n);
    // One request may start at once (a burst of 1); every next one waits for its 25 ms slot.
    CHECK(took >= std::chrono::milliseconds((n - 1) * 1000 / 40));
    MESSAGE(n << " requests at max 40/s took "
              << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms (lower bound "
              << (n - 1) * 1000 / 40 << " ms)");
}

// ---- gzip ---------------------------------------------------------------------------------------

TEST_CASE("gzip and gunzip round trip; corrupt data is a clear gzip_error") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "{\"Name\":\"row " + std::to_string(i) + "\"},";
    const std::string packed = http::gzip(text);
    CHECK(packed.size() < text.size() / 4);
    CHECK(http::gunzip(packed) == text);
    CHECK(http::gunzip(http::gzip("")).empty());

    auto expect = [](const std::string& data, const std::string& why) {
        try {
            http::gunzip(data);
            FAIL("expected gzip_error: " << why);
        } catch (const http::gzip_error& e) {
            CHECK_MESSAGE(std::string(e.what()).find(why) != std::string::npos, e.what());
            CHECK(std::string(e.what()).find("corrupt") != std::string::npos);
            CHECK(e.code() == sfcpp::errc::corrupt_gzip);
        }
    };
    std::string bad_crc = packed;
    bad_crc[bad_crc.size() - 6] ^= 0x5a;
    expect(bad_crc, "CRC-32");
    std::string bad_size = packed;
    bad_size[bad_size.size() - 1] ^= 0x01;
    expect(bad_size, "length");
    expect(packed.substr(0, packed.size() / 2), "truncated");
    expect("not gzip at all, just some text", "magic");
    std::string bad_deflate = packed;
    for (std::size_t i = 12; i < 40; ++i) bad_deflate[i] = static_cast<char>(0xff);
    CHECK_THROWS_AS(http::gunzip(bad_deflate), http::gzip_error);
    CHECK_THROWS_AS(http::gunzip(packed, 100), http::gzip_error);  // inflates past the limit
}

TEST_CASE("the emulator gzips large responses; the client inflates them transparently") {
    org o;
    auto& sf = *o.sf;
    std::vector<Invoice_c> recs(300);
    for (std::size_t i = 0; i < recs.size(); ++i) recs[i].Name = "GZ " + std::to_string(1000 + i);
    REQUIRE(sf.create(recs).size() == 300);

    const auto tok = o.session->current();
    http::request rq{http::verb::get,
                     tok.instance_url + sf.data_path() + "/query?q=" +
                         http::url_encode("SELECT Id, Name FROM Invoice__c ORDER BY Name"),
                     {{"Authorization", "Bearer " + tok.access_token.reveal()}},
                     {}};
    auto res = o.transport->send(rq);
    REQUIRE(res.status == 200);
    CHECK(res.header("Content-Encoding") == "gzip");
    CHECK(boost::json::parse(res.body).at("totalSize").to_number<int>() == 300);

    auto rows = sf.query<Invoice_c>("SELECT Id, Name FROM Invoice__c ORDER BY Name").collect();
    REQUIRE(rows.size() == 300);
    CHECK(rows.front().Name.value() == "GZ 1000");
    CHECK(rows.back().Name.value() == "GZ 1299");

    http::options plain;
    plain.accept_gzip = false;
    http::transport t(plain);
    auto identity = t.send(rq);
    CHECK_FALSE(identity.has_header("Content-Encoding"));
    CHECK(identity.body == res.body);

    // Small bodies are not worth compressing.
    auto small = o.transport->send({http::verb::get, o.srv->base_url() + "/services/data/v60.0/limits/recordCount?sObjects=Account",
                                    {{"Authorization", "Bearer " + tok.access_token.reveal()}}, {}});
    CHECK_FALSE(small.has_header("Content-Encoding"));
}

TEST_CASE("a corrupt gzip response is a clear error naming the request, not garbage JSON") {
    std::string packed = http::gzip(R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account"},"Name":"A"}]})");
    packed[packed.size() - 7] ^= 0x10;  // CRC-32
    local_http_server srv([&](const auto&, auto& res) {
        res.set(boost::beast::http::field::content_encoding, "gzip");
        res.body() = packed;
    });
    local_client lc(srv.url());
    try {
        lc.sf->query<Account>("SELECT Name FROM Account").collect();
        FAIL("expected gzip_error");
    } catch (const http::gzip_error& e) {
        const std::string what = e.what();
        CHECK(what.find("gzip response body is corrupt: CRC-32 mismatch") != std::string::npos);
        CHECK(what.find("GET " + srv.url() + "/services/data/v60.0/query") != std::string::npos);
        CHECK(what.find("SELECT") == std::string::npos);      // no query string in messages
        CHECK(what.find("local-test-token") == std::string::npos);
    }
}

// ---- proxy --------------------------------------------------------------------------------------

TEST_CASE("HTTPS through an HTTP CONNECT proxy: one tunnel per connection, verified end to end") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path());
    sfcpp_emulator::options eo;
    eo.tls_cert = pki.cert_pem;
    eo.tls_key = pki.key_pem;
    http_proxy proxy;

    http::options ho;
    ho.proxy = proxy.url();
    ho.ca_file = pki.ca_pem_path;
    org o(eo, org::fast_retries(), ho);
    const std::string base = o.srv->base_url();
    REQUIRE(base.rfind("https://", 0) == 0);
    const std::string port = base.substr(base.rfind(':') + 1);

    // Login, a create and a query: all through one tunnel, to the name the certificate is for.
    const std::string by_name = "https://localhost:" + port;
    sfcpp::auth::client_credentials app{.login_url = by_name, .client_id = eo.client_id, .client_secret = eo.client_secret};
    auto session = std::make_shared<sfcpp::auth::session>(o.transport, app);
    sfcpp::client sf(session);
    Account a;
    a.Name = "Via proxy";
    const auto id = sf.create(a);
    CHECK(sf.retrieve<Account>(id).Name.value() == "Via proxy");
    CHECK(proxy.tunnels() >= 1);
    CHECK(proxy.tunnels() == o.transport->connections_opened());
    for (const auto& target : proxy.connect_targets()) CHECK(target.find(":" + port) != std::string::npos);
    CHECK(proxy.forwarded() == 0);

    SUBCASE("the tunnel does not weaken verification: no CA, no connection") {
        http::options no_ca;
        no_ca.proxy = proxy.url();
        http::transport t(no_ca);
        try {
            t.send({http::verb::get, by_name + "/services/data", {}, {}});
            FAIL("expected a TLS failure");
        } catch (const http::transport_error& e) {
            CHECK(e.where() == http::transport_error::stage::tls_handshake);
        }
    }
}

TEST_CASE("plain HTTP through a proxy uses the absolute form; a refused tunnel is a connect error") {
    org o;
    http_proxy proxy;
    http::options ho;
    ho.proxy = proxy.url();
    http::transport t(ho);
    for (int i = 0; i < 3; ++i) CHECK(t.send({http::verb::get, o.srv->base_url() + "/services/data", {}, {}}).status == 200);
    CHECK(proxy.forwarded() == 3);
    CHECK(proxy.tunnels() == 0);
    CHECK(t.connections_opened() == 1);  // kept alive to the proxy

    // CONNECT to a port nobody listens on: the proxy answers 502.
    unsigned short closed;
    {
        org gone;
        closed = gone.srv->port();
    }
    try {
        t.send({http::verb::get, "https://127.0.0.1:" + std::to_string(closed) + "/", {}, {}});
        FAIL("expected a transport_error");
    } catch (const http::transport_error& e) {
        CHECK(e.where() == http::transport_error::stage::connect);
        CHECK_FALSE(e.may_have_reached_server());
        CHECK(std::string(e.what()).find("refused the tunnel") != std::string::npos);
    }
}
