// Bulk API 2.0 against a server that lies: page URLs and locators that repeat, job ids that are
// not ids. A small local server (tests/client/local_servers.hpp) answers; the client must stop
// with an error instead of looping, and never put an id into a path as more than one segment.
#include "../client/local_servers.hpp"

#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/bulk.hpp>
#include <sfcpp/client.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <mutex>

namespace bulk = sfcpp::bulk;
using sobjects::Invoice_c;

namespace {

struct local_sf {
    std::shared_ptr<sfcpp::http::transport> transport = std::make_shared<sfcpp::http::transport>();
    std::shared_ptr<sfcpp::auth::session> session;
    std::unique_ptr<sfcpp::client> sf;
    explicit local_sf(const std::string& url) {
        sfcpp::auth::token tok;
        tok.access_token = "local-test-token";
        tok.instance_url = url;
        session = std::make_shared<sfcpp::auth::session>(transport, tok, sfcpp::auth::refresh_settings{});
        sf = std::make_unique<sfcpp::client>(session);
    }
};

const std::string job_id = "750000000000001AAA";

}  // namespace

TEST_CASE("a job list whose nextRecordsUrl repeats stops instead of looping") {
    std::atomic<int> n{0};
    client_test::local_http_server srv([&](const auto&, auto& res) {
        const bool last = ++n > 20;  // a client that loops still ends
        res.body() = std::string(R"({"done":)") + (last ? "true" : "false") +
                     R"(,"records":[],"nextRecordsUrl":"/services/data/v60.0/jobs/ingest?queryLocator=01gX-1"})";
    });
    local_sf l(srv.url());
    CHECK_THROWS_AS(bulk::list_jobs(*l.sf, bulk::job_kind::ingest), sfcpp::decode_error);
    CHECK(srv.requests() == 2);
}

TEST_CASE("query results whose Sforce-Locator repeats stop instead of looping") {
    std::atomic<int> pages{0};
    client_test::local_http_server srv([&](const auto& req, auto& res) {
        const std::string target(req.target());
        if (target.find("/results") != std::string::npos) {
            res.set("Content-Type", "text/csv");
            res.set("Sforce-Locator", ++pages > 20 ? "null" : "MTAwMA");
            res.body() = "\"Name\"\n\"a\"\n";
            return;
        }
        res.body() = R"({"id":")" + job_id + R"(","operation":"query","object":"Invoice__c","state":"JobComplete"})";
    });
    local_sf l(srv.url());
    auto run = [&] {
        for (const auto& row : bulk::query<Invoice_c>(*l.sf, "SELECT Name FROM Invoice__c")) (void)row;
    };
    CHECK_THROWS_AS(run(), sfcpp::decode_error);
    CHECK(pages == 2);
}

TEST_CASE("a job id is one encoded path segment") {
    std::mutex m;
    std::vector<std::string> targets;
    client_test::local_http_server srv([&](const auto& req, auto& res) {
        std::lock_guard<std::mutex> g(m);
        targets.emplace_back(req.target());
        res.body() = R"({"id":")" + job_id + R"(","state":"JobComplete"})";
    });
    local_sf l(srv.url());
    bulk::get_job(*l.sf, bulk::job_kind::ingest, "x/../../sobjects/Account?q=1");
    bulk::get_job(*l.sf, bulk::job_kind::ingest, "..");
    REQUIRE(targets.size() == 2);
    CHECK(targets[0] == "/services/data/v60.0/jobs/ingest/x%2F..%2F..%2Fsobjects%2FAccount%3Fq%3D1");
    CHECK(targets[1] == "/services/data/v60.0/jobs/ingest/%2E%2E");
}
