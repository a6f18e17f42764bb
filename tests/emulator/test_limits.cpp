// The bounds on what a client can make the emulator hold: request bodies, connections, query
// cursors, Bulk jobs and result pages. Each is set small here and checked at its edge, then the
// emulator is checked to go on serving.
#include "test_support.hpp"

#include <boost/json/serialize.hpp>

#include <limits>

using namespace emu_test;

namespace {

std::string bulk_query(org& o, const std::string& soql) {
    json::object body{{"operation", "query"}, {"query", soql}};
    auto r = o.http->post(data + "/jobs/query", json::serialize(body));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return std::string(r.json().at("id").as_string());
}

}  // namespace

TEST_CASE("a request body over max_request_body is answered 413 and the org goes on serving") {
    sfcpp_emulator::options opts;
    opts.max_request_body = 1024;
    org o(opts);
    const std::string big = R"({"Name":")" + std::string(2000, 'x') + R"("})";
    auto r = o.http->post(data + "/sobjects/Account", big);
    CHECK(r.status == 413);
    CHECK(r.json().at(0).at("errorCode") == "REQUEST_TOO_LARGE");
    client again(o.srv.port());
    again.token = o.http->token;
    CHECK(again.post(data + "/sobjects/Account", R"({"Name":"small"})").status == 201);
}

TEST_CASE("connections past max_connections are closed before anything is read") {
    sfcpp_emulator::options opts;
    opts.max_connections = 2;
    org o(opts);  // o.http is the first connection
    client second(o.srv.port());
    second.token = o.http->token;
    CHECK(second.get(data + "/limits").status == 200);
    client third(o.srv.port());  // accepted by the kernel, closed by the emulator
    third.token = o.http->token;
    CHECK_THROWS(third.get(data + "/limits"));
    CHECK(o.http->get(data + "/limits").status == 200);  // the others still work
    CHECK(second.get(data + "/limits").status == 200);
}

TEST_CASE("past max_query_cursors the oldest locator is gone: INVALID_QUERY_LOCATOR") {
    sfcpp_emulator::options opts;
    opts.max_query_cursors = 3;
    org o(opts);
    json::array records;
    for (int i = 0; i < 201; ++i)
        records.push_back(json::object{{"attributes", {{"type", "Account"}}}, {"Name", "A" + std::to_string(i)}});
    for (std::size_t from = 0; from < records.size(); from += 200) {
        json::array part(records.begin() + static_cast<std::ptrdiff_t>(from),
                         records.begin() + static_cast<std::ptrdiff_t>(std::min(records.size(), from + 200)));
        auto r = o.http->post(data + "/composite/sobjects", json::serialize(json::object{{"records", part}}));
        REQUIRE_MESSAGE(r.status == 200, r.body);
    }
    std::vector<std::string> next;
    for (int i = 0; i < 4; ++i) {
        auto r = o.http->get(data + "/query?q=SELECT+Id+FROM+Account", {{"Sforce-Query-Options", "batchSize=200"}});
        REQUIRE(r.status == 200);
        next.emplace_back(r.json().at("nextRecordsUrl").as_string());
    }
    auto gone = o.http->get(next[0]);
    CHECK(gone.status == 400);
    CHECK(gone.json().at(0).at("errorCode") == "INVALID_QUERY_LOCATOR");
    auto kept = o.http->get(next[3]);
    CHECK(kept.status == 200);
    CHECK(kept.json().at("records").as_array().size() == 1);
}

TEST_CASE("Bulk query results: a huge maxRecords after a locator does not wrap around") {
    org o;
    for (int i = 0; i < 5; ++i) o.create("Account", R"({"Name":"B)" + std::to_string(i) + "\"}");
    const std::string id = bulk_query(o, "SELECT Name FROM Account");
    REQUIRE(o.srv.org().bulk().wait_idle(std::chrono::seconds(30)));
    const std::string huge = std::to_string(std::numeric_limits<std::size_t>::max());
    auto r = o.http->get(data + "/jobs/query/" + id + "/results?locator=1&maxRecords=" + huge);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("sforce-locator") == "null");
    CHECK(r.header("sforce-numberofrecords") == "4");
}

TEST_CASE("past max_kept_jobs the oldest finished Bulk jobs are forgotten") {
    org o;
    o.srv.org().bulk().settings().max_kept_jobs = 2;
    o.create("Account", R"({"Name":"kept"})");
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(bulk_query(o, "SELECT Name FROM Account"));
        REQUIRE(o.srv.org().bulk().wait_idle(std::chrono::seconds(30)));
    }
    ids.push_back(bulk_query(o, "SELECT Name FROM Account"));  // a fourth: two finished ones go
    CHECK(o.http->get(data + "/jobs/query/" + ids[0]).status == 404);
    CHECK(o.http->get(data + "/jobs/query/" + ids[1]).status == 404);
    CHECK(o.http->get(data + "/jobs/query/" + ids[2]).status == 200);
    CHECK(o.http->get(data + "/jobs/query/" + ids[3]).status == 200);
}
