#include "test_support.hpp"

using namespace emu_test;

TEST_CASE("versions list needs no session") {
    org o;
    client anonymous(o.srv.port());
    auto r = anonymous.get("/services/data");
    REQUIRE(r.status == 200);
    auto versions = r.json().as_array();
    REQUIRE(versions.size() > 10);
    CHECK(versions[0].at("version") == "31.0");
    CHECK(versions[0].at("label") == "Summer '14");
    CHECK(versions[0].at("url") == "/services/data/v31.0");
    CHECK(versions.back().at("version") == "62.0");
    CHECK(versions.back().at("label") == "Winter '25");
    CHECK_FIXTURE_SHAPE("netcoreforce/versions.json", r.json());
}

TEST_CASE("resources of a version") {
    org o;
    auto r = o.http->get(data + "/");
    REQUIRE(r.status == 200);
    auto res = r.json().as_object();
    if (auto fx = fixture("camel-quarkus/resources_v56.json"))
        for (const auto& kv : fx->as_object()) CHECK_MESSAGE(res.contains(kv.key()), kv.key());
    CHECK(res.at("sobjects") == data + "/sobjects");
    CHECK(res.at("query") == data + "/query");
    CHECK(o.http->get("/services/data/v99.0/").status == 404);
    CHECK(o.http->get("/services/data/vX/").status == 404);
}

TEST_CASE("global describe and sObject basic info") {
    org o;
    auto r = o.http->get(data + "/sobjects");
    REQUIRE(r.status == 200);
    auto body = r.json();
    CHECK(body.at("encoding") == "UTF-8");
    CHECK(body.at("maxBatchSize") == 200);
    bool found = false;
    for (const auto& s : body.at("sobjects").as_array())
        if (s.at("name") == "Account") {
            found = true;
            CHECK(s.at("keyPrefix") == "001");
            CHECK(s.at("urls").at("sobject") == data + "/sobjects/Account");
            if (auto fx = fixture("cumulusci/global_describe.json"))
                CHECK(same_shape(fx->at("sobjects").as_array()[0], s));
        }
    CHECK(found);
    r = o.http->get(data + "/sobjects/Invoice__c");
    REQUIRE(r.status == 200);
    CHECK(r.json().at("objectDescribe").at("name") == "Invoice__c");
    CHECK(r.json().at("recentItems").as_array().empty());
    r = o.http->get(data + "/sobjects/Nope__c");
    CHECK(r.status == 404);
    CHECK_FIXTURE_SHAPE("restforce/errors/not_found.json", r.json());
}

TEST_CASE("describe with If-Modified-Since") {
    org o;
    auto r = o.http->get(data + "/sobjects/account/describe");
    REQUIRE(r.status == 200);
    auto d = r.json();
    CHECK(d.at("name") == "Account");
    CHECK(d.at("keyPrefix") == "001");
    CHECK(d.at("urls").at("describe") == data + "/sobjects/Account/describe");
    CHECK(d.at("fields").as_array().size() > 30);
    if (auto fx = fixture("cumulusci/describe/Account.json"))
        for (const auto& kv : fx->as_object()) CHECK_MESSAGE(d.as_object().contains(kv.key()), kv.key());
    std::string last_modified = r.header("last-modified");
    REQUIRE(!last_modified.empty());
    auto nm = o.http->get(data + "/sobjects/Account/describe", {{"If-Modified-Since", last_modified}});
    CHECK(nm.status == 304);
    CHECK(nm.body.empty());
    auto old = o.http->get(data + "/sobjects/Account/describe", {{"If-Modified-Since", "Wed, 01 Jan 2020 00:00:00 GMT"}});
    CHECK(old.status == 200);
}

TEST_CASE("limits and the Sforce-Limit-Info header") {
    org o;
    auto first = o.http->get(data + "/limits");
    REQUIRE(first.status == 200);
    CHECK(first.header("sforce-limit-info") == "api-usage=1/15000");
    auto l = first.json();
    CHECK(l.at("DailyApiRequests").at("Max") == 15000);
    CHECK(l.at("DailyApiRequests").at("Remaining") == 14999);
    if (auto fx = fixture("camel-quarkus/limits_v56.json"))
        CHECK(same_shape(fx->at("DailyApiRequests"), l.at("DailyApiRequests")));
    auto second = o.http->get(data + "/sobjects");
    CHECK(second.header("sforce-limit-info") == "api-usage=2/15000");
    o.create("Account", R"({"Name":"A"})");
    auto rc = o.http->get(data + "/limits/recordCount?sObjects=Account");
    REQUIRE(rc.status == 200);
    CHECK(rc.json().at("sObjects").at(0).at("count") == 1);
    CHECK_FIXTURE_SHAPE("cumulusci/misc/limits_recordCount.json", rc.json());
}

TEST_CASE("past the API limit requests get 403 REQUEST_LIMIT_EXCEEDED") {
    sfcpp_emulator::options opts;
    opts.api_limit = 2;
    org o(opts);
    CHECK(o.http->get(data + "/limits").status == 200);
    CHECK(o.http->get(data + "/limits").status == 200);
    auto r = o.http->get(data + "/limits");
    CHECK(r.status == 403);
    CHECK(r.json().at(0).at("errorCode") == "REQUEST_LIMIT_EXCEEDED");
    CHECK(r.header("sforce-limit-info") == "api-usage=2/2");
}

TEST_CASE("unknown paths and methods") {
    org o;
    CHECK(o.http->get("/nothing/here").status == 404);
    CHECK(o.http->get(data + "/nothing").status == 404);
    auto r = o.http->request(boost::beast::http::verb::put, data + "/sobjects/Account", "{}");
    CHECK(r.status == 405);
    CHECK(r.json().at(0).at("errorCode") == "METHOD_NOT_ALLOWED");
}
