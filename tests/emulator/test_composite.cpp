#include "test_support.hpp"

using namespace emu_test;

TEST_CASE("sObject Collections: create, update, upsert, retrieve, delete") {
    org o;
    auto r = o.http->post(data + "/composite/sobjects",
                          R"({"allOrNone":false,"records":[
                               {"attributes":{"type":"Account"},"Name":"A1"},
                               {"attributes":{"type":"Contact"},"LastName":"C1"},
                               {"attributes":{"type":"Contact"},"FirstName":"NoLast"}]})");
    REQUIRE(r.status == 200);
    auto res = r.json().as_array();
    REQUIRE(res.size() == 3);
    CHECK(res[0].at("success") == true);
    CHECK(res[1].at("success") == true);
    CHECK(res[2].at("success") == false);
    CHECK(res[2].at("errors").at(0).at("statusCode") == "REQUIRED_FIELD_MISSING");
    CHECK(res[2].at("errors").at(0).at("fields").at(0) == "LastName");
    CHECK_FIXTURE_SHAPE("amp-labs/collections/create_success.json", json::value(json::array{res[0]}));
    CHECK_FIXTURE_SHAPE("amp-labs/collections/create_allOrNone_required_field_missing.json", json::value(json::array{res[2]}));
    std::string acc(res[0].at("id").as_string()), con(res[1].at("id").as_string());

    r = o.http->patch(data + "/composite/sobjects",
                      R"({"records":[{"attributes":{"type":"Account"},"Id":")" + acc + R"(","Name":"A1b"},{"attributes":{"type":"Contact"},"LastName":"x"}]})");
    res = r.json().as_array();
    CHECK(res[0].at("success") == true);
    CHECK(res[1].at("errors").at(0).at("statusCode") == "MISSING_ARGUMENT");
    CHECK_FIXTURE_SHAPE("amp-labs/collections/update_missing_id.json", json::value(json::array{res[1]}));

    // Keys are matched without regard to case, as Salesforce does.
    r = o.http->patch(data + "/composite/sobjects",
                      R"({"records":[{"attributes":{"type":"Account"},"id":")" + acc + R"(","name":"A1c"}]})");
    CHECK(r.json().at(0).at("success") == true);
    r = o.http->get(data + "/sobjects/Account/" + acc + "?fields=Name");
    CHECK(r.json().at("Name") == "A1c");
    r = o.http->patch(data + "/composite/sobjects",
                      R"({"records":[{"attributes":{"type":"Account"},"Id":")" + acc + R"(","Name":"A1b"}]})");
    CHECK(r.json().at(0).at("success") == true);

    r = o.http->patch(data + "/composite/sobjects/Invoice__c/External_Id__c",
                      R"({"records":[{"attributes":{"type":"Invoice__c"},"External_Id__c":"E1","Name":"one"}]})");
    CHECK(r.json().at(0).at("created") == true);
    r = o.http->patch(data + "/composite/sobjects/Invoice__c/External_Id__c",
                      R"({"records":[{"attributes":{"type":"Invoice__c"},"External_Id__c":"E1","Name":"uno"},
                                     {"attributes":{"type":"Invoice__c"},"External_Id__c":"E2","Name":"two"}]})");
    CHECK(r.json().at(0).at("created") == false);
    CHECK(r.json().at(1).at("created") == true);
    CHECK_FIXTURE_SHAPE("cumulusci/collections/upsert_contact_by_email_updated.json", r.json());

    r = o.http->get(data + "/composite/sobjects/Account?ids=" + acc + ",001000000000000AAA&fields=Name");
    REQUIRE(r.status == 200);
    CHECK(r.json().at(0).at("Name") == "A1b");
    CHECK(r.json().at(1).is_null());

    r = o.http->del(data + "/composite/sobjects?ids=" + acc + "," + con + "&allOrNone=false");
    CHECK(r.json().at(0).at("success") == true);
    CHECK(r.json().at(1).at("id") == con);
    r = o.http->del(data + "/composite/sobjects?ids=" + acc);
    CHECK(r.json().at(0).at("errors").at(0).at("statusCode") == "ENTITY_IS_DELETED");

    r = o.http->post(data + "/composite/sobjects", R"({"records":[]})");
    CHECK(r.status == 400);
    CHECK(r.body == R"([{"message":"At least 1 record is required","errorCode":"REQUIRED_FIELD_MISSING"}])");
    CHECK_FIXTURE_SHAPE("amp-labs/errors/collections_empty_required_field_missing.json", r.json());
}

TEST_CASE("sObject Collections allOrNone rolls everything back") {
    org o;
    auto r = o.http->post(data + "/composite/sobjects",
                          R"({"allOrNone":true,"records":[
                               {"attributes":{"type":"Contact"},"FirstName":"NoLast"},
                               {"attributes":{"type":"Contact"},"LastName":"Fine"}]})");
    auto res = r.json().as_array();
    CHECK(res[0].at("errors").at(0).at("statusCode") == "REQUIRED_FIELD_MISSING");
    CHECK(res[1].at("success") == false);
    CHECK(res[1].at("errors").at(0).at("statusCode") == "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    if (auto fx = fixture("amp-labs/collections/create_allOrNone_required_field_missing.json")) {
        CHECK(same_shape(*fx, r.json()));
        CHECK(res[1].at("errors").at(0).at("message") == fx->at(1).at("errors").at(0).at("message"));
    }
    CHECK(o.query("SELECT COUNT() FROM Contact").at("totalSize") == 0);
}

TEST_CASE("Composite: references between subrequests and allOrNone") {
    org o;
    auto r = o.http->post(data + "/composite", R"({"allOrNone":false,"compositeRequest":[
        {"method":"POST","url":"/services/data/v60.0/sobjects/Account","referenceId":"NewAccount","body":{"Name":"Ref Co"}},
        {"method":"POST","url":"/services/data/v60.0/sobjects/Contact","referenceId":"NewContact",
         "body":{"LastName":"Ref","AccountId":"@{NewAccount.id}"}},
        {"method":"GET","url":"/services/data/v60.0/query?q=SELECT+Id+FROM+Contact","referenceId":"Q"},
        {"method":"GET","url":"/services/data/v60.0/sobjects/Account/@{Q.records[0].Id}","referenceId":"Bad"}]})");
    REQUIRE(r.status == 200);
    auto subs = r.json().at("compositeResponse").as_array();
    REQUIRE(subs.size() == 4);
    CHECK(subs[0].at("httpStatusCode") == 201);
    CHECK(std::string(subs[0].at("httpHeaders").at("Location").as_string()).starts_with(data + "/sobjects/Account/001"));
    CHECK(subs[1].at("httpStatusCode") == 201);
    CHECK(subs[2].at("body").at("totalSize") == 1);
    CHECK(o.query("SELECT Account.Name FROM Contact").at("records").at(0).at("Account").at("Name") == "Ref Co");
    CHECK(subs[3].at("httpStatusCode") == 404);  // a Contact id under /sobjects/Account
    CHECK_FIXTURE_SHAPE("cumulusci/composite/composite_query_response.json", json::value(json::object{{"compositeResponse", json::array{subs[2]}}}));
    CHECK_FIXTURE_SHAPE("cumulusci/composite/composite_not_found_error.json", json::value(json::object{{"compositeResponse", json::array{subs[3]}}}));

    r = o.http->post(data + "/composite", R"({"allOrNone":true,"compositeRequest":[
        {"method":"POST","url":"/services/data/v60.0/sobjects/Account","referenceId":"A","body":{"Name":"Gone"}},
        {"method":"POST","url":"/services/data/v60.0/sobjects/Contact","referenceId":"C","body":{"FirstName":"NoLast"}}]})");
    subs = r.json().at("compositeResponse").as_array();
    CHECK(subs[0].at("httpStatusCode") == 400);
    CHECK(subs[0].at("body").at(0).at("errorCode") == "PROCESSING_HALTED");
    CHECK(subs[1].at("body").at(0).at("errorCode") == "REQUIRED_FIELD_MISSING");
    CHECK(o.query("SELECT COUNT() FROM Account WHERE Name = 'Gone'").at("totalSize") == 0);

    r = o.http->post(data + "/composite", R"({"compositeRequest":[
        {"method":"GET","url":"/services/data/v60.0/sobjects/Account/@{Nope.id}","referenceId":"X"}]})");
    CHECK(r.json().at("compositeResponse").at(0).at("body").at(0).at("errorCode") == "PROCESSING_HALTED");
}

TEST_CASE("sObject Tree creates parents and children together") {
    org o;
    auto r = o.http->post(data + "/composite/tree/Account", R"({"records":[
        {"attributes":{"type":"Account","referenceId":"ref1"},"Name":"Tree Co",
         "Contacts":{"records":[{"attributes":{"type":"Contact","referenceId":"ref2"},"LastName":"Leaf"}]}},
        {"attributes":{"type":"Account","referenceId":"ref3"},"Name":"Second"}]})");
    REQUIRE_MESSAGE(r.status == 201, r.body);
    auto body = r.json();
    CHECK(body.at("hasErrors") == false);
    REQUIRE(body.at("results").as_array().size() == 3);
    CHECK(body.at("results").at(1).at("referenceId") == "ref2");
    auto q = o.query("SELECT LastName, Account.Name FROM Contact");
    CHECK(q.at("records").at(0).at("Account").at("Name") == "Tree Co");

    r = o.http->post(data + "/composite/tree/Account", R"({"records":[
        {"attributes":{"type":"Account","referenceId":"ok"},"Name":"Rolled back",
         "Contacts":{"records":[{"attributes":{"type":"Contact","referenceId":"bad"},"FirstName":"NoLast"}]}}]})");
    CHECK(r.status == 400);
    CHECK(r.json().at("hasErrors") == true);
    CHECK(r.json().at("results").at(0).at("referenceId") == "bad");
    CHECK(r.json().at("results").at(0).at("errors").at(0).at("statusCode") == "REQUIRED_FIELD_MISSING");
    CHECK(o.query("SELECT COUNT() FROM Account WHERE Name = 'Rolled back'").at("totalSize") == 0);
}
