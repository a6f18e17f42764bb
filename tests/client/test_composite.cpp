// Typed Composite requests against the emulator: references between subrequests, queries,
// all-or-none rollback and typed errors.
#include "support.hpp"

#include <sfcpp/client/composite.hpp>
#include <sfcpp/soql.hpp>

using client_test::org;
using sobjects::Account;
using sobjects::Account_;
using sobjects::Contact;
using sobjects::Contact_;
using sobjects::Invoice_c;
using sobjects::Invoice_c_;

TEST_CASE("composite: a contact bound to the account created before it, then queried in the same call") {
    org o;
    Account acc;
    acc.Name = "Composite Corp";
    Contact con;
    con.LastName = "Bound";

    sfcpp::composite_request req;
    req.create("acc", acc);
    req.create("con", con, sfcpp::bind_id(Contact_.AccountId, "acc"));
    req.query("mine", "SELECT Id, LastName, AccountId FROM Contact WHERE AccountId = '@{acc.id}'");
    req.retrieve<Account>("again", "@{acc.id}");
    const auto body = req.to_json(o.sf->data_path());
    CHECK(body.at("compositeRequest").as_array()[1].at("body").at("AccountId") == "@{acc.id}");
    CHECK(body.at("compositeRequest").as_array()[0].at("url") == "/services/data/v60.0/sobjects/Account");

    const auto r = o.sf->run(req);
    REQUIRE(r.all_ok());
    r.throw_on_failure();
    const auto acc_id = r["acc"].id();
    REQUIRE(acc_id);
    REQUIRE(r["con"].id());
    const auto rows = r["mine"].as<sfcpp::query_result<Contact>>();
    REQUIRE(rows.records.size() == 1);
    CHECK(rows.records[0].LastName.value() == "Bound");
    CHECK(rows.records[0].AccountId.value() == *acc_id);
    CHECK(r["again"].as<Account>().Name.value() == "Composite Corp");
    CHECK_THROWS_AS(r["nope"], sfcpp::error);
}

TEST_CASE("composite: a builder query, update and delete by reference") {
    org o;
    Account acc;
    acc.Name = "Before";
    const auto id = o.sf->create(acc);
    Account upd;
    upd.Name = "After";
    sfcpp::composite_request req;
    req.update("upd", id, upd);
    req.query("q", sfcpp::soql::select(Account_.Id, Account_.Name).from(Account_).where(Account_.Id == id));
    req.remove<Account>("del", id.to_string());
    const auto r = o.sf->run(req);
    REQUIRE(r.all_ok());
    CHECK(r["upd"].status == 204);
    CHECK(r["del"].status == 204);
    const auto rows = r["q"].as<sfcpp::query_result<Account>>();
    REQUIRE(rows.records.size() == 1);
    CHECK(rows.records[0].Name.value() == "After");
}

TEST_CASE("composite: all or none rolls back and the failure is typed; checks before sending") {
    org o;
    Account good;
    good.Name = "Rolled back";
    Account bad;
    bad.Name = std::string(300, 'x');  // STRING_TOO_LONG (Name is 255)
    sfcpp::composite_request req({.all_or_none = true});
    req.create("good", good);
    req.create("bad", bad);
    const auto r = o.sf->run(req);
    CHECK(!r.all_ok());
    CHECK(!r["bad"].ok());
    REQUIRE(!r["bad"].errors.empty());
    CHECK(r["bad"].errors.front().error_code == "STRING_TOO_LONG");
    CHECK_THROWS_AS(r.throw_on_failure(), sfcpp::validation_error);
    try {
        r.throw_on_failure();
    } catch (const sfcpp::api_error& e) {
        CHECK(std::string(e.what()).find("'bad'") != std::string::npos);  // the subrequest that failed, not a halted one
    }
    std::size_t n = 0;
    for (const auto& row : o.sf->query<Account>("SELECT Id FROM Account WHERE Name = 'Rolled back'")) (void)row, ++n;
    CHECK(n == 0);

    // The client-side rules hold before anything is sent.
    sfcpp::composite_request empty;
    CHECK_THROWS_AS(empty.create("c", Contact{}), sfcpp::write_check_error);  // LastName is required
    Contact bound;
    bound.LastName = "x";
    CHECK_NOTHROW(empty.create("c", bound, sfcpp::bind_id(Contact_.AccountId, "acc")));
    CHECK_THROWS_AS(empty.create("c", bound), sfcpp::error);  // reference used twice
    CHECK_THROWS_AS(empty.update("u", bound), sfcpp::error);  // no Id
    sfcpp::composite_request full;
    for (int i = 0; i < 25; ++i) full.query("q" + std::to_string(i), "SELECT Id FROM Account");
    CHECK_THROWS_AS(full.query("q25", "SELECT Id FROM Account"), sfcpp::error);
}

TEST_CASE("composite: upsert by key, update by reference, and Salesforce's default of each subrequest on its own") {
    org o;
    Invoice_c inv;
    inv.External_Id_c = "CMP-1";
    inv.Name = "first";
    Account acc;
    acc.Name = "Kept";
    Account bad;
    bad.Name = std::string(300, 'x');  // STRING_TOO_LONG
    Account renamed;
    renamed.Name = "Kept and renamed";

    sfcpp::composite_request req;  // all_or_none = false
    CHECK(!req.options().all_or_none);
    req.upsert("inv", inv, Invoice_c_.External_Id_c);
    req.create("acc", acc);
    req.update("ren", "@{acc.id}", renamed);
    req.create("bad", bad);
    const auto body = req.to_json(o.sf->data_path());
    CHECK(body.at("allOrNone") == false);
    const auto& subs = body.at("compositeRequest").as_array();
    CHECK(subs[0].at("method") == "PATCH");
    CHECK(subs[0].at("url") == "/services/data/v60.0/sobjects/Invoice__c/External_Id__c/CMP-1");
    CHECK(!subs[0].at("body").as_object().contains("External_Id__c"));  // the key travels in the URL
    CHECK(subs[2].at("url") == "/services/data/v60.0/sobjects/Account/@{acc.id}");

    const auto r = o.sf->run(req);
    CHECK(r["inv"].status == 201);
    CHECK(r["acc"].ok());
    CHECK(r["ren"].status == 204);
    CHECK(!r["bad"].ok());
    CHECK(o.sf->retrieve<Account>(*r["acc"].id()).Name.value() == "Kept and renamed");

    // The same upsert again updates the record it created.
    sfcpp::composite_request again;
    inv.Name = "second";
    again.upsert("inv", inv, Invoice_c_.External_Id_c);
    const auto r2 = o.sf->run(again);
    CHECK(r2["inv"].status == 200);
    CHECK(o.sf->retrieve(Invoice_c_.External_Id_c, "CMP-1").Name.value() == "second");

    Invoice_c keyless;
    keyless.Name = "no key";
    CHECK_THROWS_WITH_AS(again.upsert("k", keyless, Invoice_c_.External_Id_c),
                         doctest::Contains("Invoice__c.External_Id__c"), sfcpp::error);
}
