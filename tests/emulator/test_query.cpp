#include "test_support.hpp"

#include <boost/json/serialize.hpp>

#include <set>

using namespace emu_test;

namespace {

std::vector<std::string> names(const json::value& result, const char* key = "Name") {
    std::vector<std::string> out;
    for (const auto& r : result.at("records").as_array())
        out.push_back(r.at(key).is_null() ? "<null>" : std::string(r.at(key).as_string()));
    return out;
}

using list = std::vector<std::string>;

struct sample_org : org {
    sample_org() {
        acme = create("Account", R"({"Name":"Acme","Industry":"Energy","AnnualRevenue":500,"BillingCity":"Paris"})");
        globex = create("Account", R"({"Name":"Globex","Industry":"Technology","AnnualRevenue":100})");
        initech = create("Account", R"({"Name":"initech"})");
        ada = create("Contact", R"({"FirstName":"Ada","LastName":"Lovelace","AccountId":")" + acme + R"(","Email":"ada@acme.com"})");
        create("Contact", R"({"FirstName":"Alan","LastName":"Turing","AccountId":")" + acme + "\"}");
        create("Contact", R"({"LastName":"Hopper","AccountId":")" + globex + "\"}");
        create("Contact", R"({"LastName":"Orphan"})");
        create("Opportunity", R"({"Name":"Big","StageName":"Prospecting","CloseDate":"2024-05-01","Amount":1000,"AccountId":")" + acme + "\"}");
        create("Opportunity", R"({"Name":"Small","StageName":"Prospecting","CloseDate":"2024-06-01","Amount":10,"AccountId":")" + acme + "\"}");
        create("Opportunity", R"({"Name":"Won","StageName":"Closed Won","CloseDate":"2023-01-01","Amount":300,"AccountId":")" + globex + "\"}");
        create("Invoice__c", R"({"Name":"I1","Tags__c":"Priority;Export","Account__c":")" + acme + "\"}");
        create("Invoice__c", R"({"Name":"I2","Tags__c":"Export"})");
        create("Invoice__c", R"({"Name":"I3"})");
    }
    std::string acme, globex, initech, ada;
};

}  // namespace

TEST_CASE("field lists, attributes and case-insensitive names") {
    sample_org o;
    auto r = o.query("select id, name, billingcity from account where name = 'ACME'");
    CHECK(r.at("totalSize") == 1);
    CHECK(r.at("done") == true);
    auto rec = r.at("records").at(0).as_object();
    CHECK(rec.at("attributes").at("type") == "Account");
    CHECK(rec.at("attributes").at("url") == data + "/sobjects/Account/" + o.acme);
    CHECK(rec.at("Id") == o.acme);  // canonical field names in the result
    CHECK(rec.at("BillingCity") == "Paris");
    CHECK(rec.size() == 4);
    if (auto fx = fixture("amp-labs/query/contacts.json")) CHECK(same_shape(json::object{{"totalSize", 1}, {"done", true}, {"records", json::array()}}, json::object{{"totalSize", fx->at("totalSize")}, {"done", fx->at("done")}, {"records", json::array()}}));
    auto empty = o.query("SELECT Id, AccountNumber FROM Account WHERE Name = 'none'");
    CHECK_FIXTURE_SHAPE("cumulusci/query/empty_result.json", empty);
}

TEST_CASE("parent paths become nested objects") {
    sample_org o;
    auto r = o.query("SELECT Name, Account.Name, Account.Owner.Name FROM Contact ORDER BY LastName");
    auto recs = r.at("records").as_array();
    REQUIRE(recs.size() == 4);
    CHECK(recs[0].at("Name") == "Hopper");
    CHECK(recs[0].at("Account").at("Name") == "Globex");
    CHECK(recs[0].at("Account").at("attributes").at("type") == "Account");
    CHECK(recs[0].at("Account").at("Owner").at("Name") == "Emulator Integration");
    CHECK(recs[0].at("Account").at("Owner").at("attributes").at("type") == "User");
    CHECK(recs[2].at("Account").is_null());  // Orphan
    if (auto fx = fixture("netcoreforce/query/case_single_with_parents.json")) CHECK(fx->at("records").is_array());
    auto w = o.query("SELECT LastName FROM Contact WHERE Account.Industry = 'Energy' ORDER BY LastName");
    CHECK(names(w, "LastName") == list{"Lovelace", "Turing"});
    auto alias = o.query("SELECT c.LastName FROM Contact c WHERE c.Account.Name = 'Globex'");
    CHECK(names(alias, "LastName") == list{"Hopper"});
}

TEST_CASE("WHERE operators") {
    sample_org o;
    auto q = [&](const std::string& where) {
        return names(o.query("SELECT Name FROM Account WHERE " + where + " ORDER BY Name"));
    };
    CHECK(q("Name != 'Acme'") == list{"Globex", "initech"});
    CHECK(q("AnnualRevenue > 100") == list{"Acme"});
    CHECK(q("AnnualRevenue >= 100") == list{"Acme", "Globex"});
    CHECK(q("AnnualRevenue < 500") == list{"Globex"});
    CHECK(q("AnnualRevenue <= 500") == list{"Acme", "Globex"});
    CHECK(q("Industry = null") == list{"initech"});
    CHECK(q("Industry != null") == list{"Acme", "Globex"});
    CHECK(q("Industry != 'Energy'") == list{"Globex", "initech"});  // nulls included, as in SOQL
    CHECK(q("Name LIKE 'a%'") == list{"Acme"});
    CHECK(q("Name LIKE '%e_'") == list{"Globex"});
    CHECK(q("Name IN ('acme', 'Globex')") == list{"Acme", "Globex"});
    CHECK(q("Name NOT IN ('acme')") == list{"Globex", "initech"});
    CHECK(q("Industry = 'Energy' OR (AnnualRevenue < 200 AND Name = 'Globex')") == list{"Acme", "Globex"});
    CHECK(q("NOT Name = 'Acme'") == list{"Globex", "initech"});
    CHECK(q("CreatedDate = TODAY") == list{"Acme", "Globex", "initech"});
    CHECK(q("CreatedDate = LAST_N_DAYS:3") == list{"Acme", "Globex", "initech"});
    CHECK(q("CreatedDate < YESTERDAY").empty());
    CHECK(q("CreatedDate > 2020-01-01T00:00:00Z") == list{"Acme", "Globex", "initech"});
    CHECK(q("CreatedDate > TOMORROW").empty());
    CHECK(q("CreatedDate = THIS_YEAR AND CreatedDate = THIS_MONTH AND CreatedDate = THIS_WEEK") ==
          list{"Acme", "Globex", "initech"});
    CHECK(q("Id = '" + o.acme.substr(0, 15) + "'") == list{"Acme"});
    auto opp = [&](const std::string& where) {
        return names(o.query("SELECT Name FROM Opportunity WHERE " + where + " ORDER BY Name"));
    };
    CHECK(opp("CloseDate > 2024-01-01") == list{"Big", "Small"});
    CHECK(opp("CloseDate = 2023-01-01") == list{"Won"});
    CHECK(opp("IsDeleted = false AND Amount > 50") == list{"Big", "Won"});
    auto inv = [&](const std::string& where) {
        return names(o.query("SELECT Name FROM Invoice__c WHERE " + where + " ORDER BY Name"));
    };
    CHECK(inv("Tags__c INCLUDES ('Export')") == list{"I1", "I2"});
    CHECK(inv("Tags__c INCLUDES ('Export;Priority')") == list{"I1"});
    CHECK(inv("Tags__c INCLUDES ('Priority', 'Nope')") == list{"I1"});
    CHECK(inv("Tags__c EXCLUDES ('Priority')") == list{"I2", "I3"});
}

TEST_CASE("ORDER BY, NULLS, LIMIT, OFFSET") {
    sample_org o;
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY Name")) == list{"Acme", "Globex", "initech"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY Name DESC")) == list{"initech", "Globex", "Acme"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY AnnualRevenue")) == list{"initech", "Globex", "Acme"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY AnnualRevenue NULLS LAST")) == list{"Globex", "Acme", "initech"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY AnnualRevenue DESC")) == list{"Acme", "Globex", "initech"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST")) == list{"initech", "Acme", "Globex"});
    auto limited = o.query("SELECT Name FROM Account ORDER BY Name LIMIT 2");
    CHECK(limited.at("totalSize") == 2);
    CHECK(names(limited) == list{"Acme", "Globex"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET 1")) == list{"Globex"});
    CHECK(names(o.query("SELECT Name FROM Account ORDER BY Name OFFSET 2")) == list{"initech"});
    CHECK(names(o.query("SELECT LastName, Account.Name FROM Contact ORDER BY Account.Name NULLS LAST, LastName"), "LastName") ==
          list{"Lovelace", "Turing", "Hopper", "Orphan"});
}

TEST_CASE("COUNT() and aggregates") {
    sample_org o;
    auto c = o.query("SELECT COUNT() FROM Contact");
    CHECK(c.at("totalSize") == 4);
    CHECK(c.at("records").as_array().empty());
    CHECK_FIXTURE_SHAPE("netcoreforce/query/count_query.json", c);
    CHECK(o.query("SELECT COUNT() FROM Contact WHERE AccountId = null").at("totalSize") == 1);

    auto a = o.query("SELECT COUNT(Id) FROM Account");
    CHECK(a.at("records").at(0).at("expr0") == 3);
    CHECK(a.at("records").at(0).at("attributes").as_object().size() == 1);
    CHECK_FIXTURE_SHAPE("cumulusci/query/aggregate_count_expr0.json", a);

    auto g = o.query("SELECT StageName, COUNT(Id), SUM(Amount) total, MAX(CloseDate) FROM Opportunity "
                     "GROUP BY StageName ORDER BY StageName");
    auto recs = g.at("records").as_array();
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].at("StageName") == "Closed Won");
    CHECK(recs[1].at("expr0") == 2);
    CHECK(recs[1].at("total").as_double() == 1010.0);
    CHECK(recs[1].at("expr1") == "2024-06-01");
    CHECK(recs[1].at("attributes").at("type") == "AggregateResult");

    auto h = o.query("SELECT AccountId, COUNT(Id) FROM Contact GROUP BY AccountId HAVING COUNT(Id) > 1");
    REQUIRE(h.at("totalSize") == 1);
    CHECK(h.at("records").at(0).at("AccountId") == o.acme);
    auto p = o.query("SELECT Account.Name, COUNT(Id) n FROM Contact WHERE AccountId != null GROUP BY Account.Name "
                     "ORDER BY COUNT(Id) DESC");
    CHECK(p.at("records").at(0).at("Name") == "Acme");
    CHECK(p.at("records").at(0).at("n") == 2);
    auto distinct = o.query("SELECT COUNT_DISTINCT(StageName) FROM Opportunity");
    CHECK(distinct.at("records").at(0).at("expr0") == 2);
    auto bad = o.query_raw("SELECT Name, COUNT(Id) FROM Account");
    CHECK(bad.status == 400);
    CHECK(bad.json().at(0).at("errorCode") == "MALFORMED_QUERY");
}

TEST_CASE("child subqueries and semi-joins") {
    sample_org o;
    auto r = o.query("SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name");
    auto recs = r.at("records").as_array();
    REQUIRE(recs.size() == 3);
    auto acme_contacts = recs[0].at("Contacts");
    CHECK(acme_contacts.at("totalSize") == 2);
    CHECK(acme_contacts.at("done") == true);
    CHECK(acme_contacts.at("records").at(0).at("LastName") == "Lovelace");
    CHECK(acme_contacts.at("records").at(0).at("attributes").at("type") == "Contact");
    CHECK(recs[2].at("Contacts").is_null());
    if (auto fx = fixture("cumulusci/query/child_subquery_contact_opportunities.json")) {
        for (const auto& rec : fx->at("records").as_array())
            if (!rec.at("Opportunities").is_null()) {
                CHECK(same_shape(rec.at("Opportunities"), json::object{{"totalSize", 1}, {"done", true}, {"records", json::array{}}}));
                break;
            }
    }
    auto filtered = o.query("SELECT Name, (SELECT Name FROM Opportunities WHERE Amount > 100) FROM Account WHERE Name = 'Acme'");
    CHECK(filtered.at("records").at(0).at("Opportunities").at("totalSize") == 1);

    auto semi = o.query("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) ORDER BY Name");
    CHECK(names(semi) == list{"Acme", "Globex"});
    auto anti = o.query("SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won') ORDER BY Name");
    CHECK(names(anti) == list{"Acme", "initech"});
    auto bad = o.query_raw("SELECT Name, (SELECT Id FROM Nopes) FROM Account");
    CHECK(bad.status == 400);
    CHECK(bad.json().at(0).at("errorCode") == "INVALID_TYPE");
}

TEST_CASE("query errors") {
    sample_org o;
    auto r = o.query_raw("SELECT AccountNumer FROM Account");
    CHECK(r.status == 400);
    CHECK(r.json().at(0).at("errorCode") == "INVALID_FIELD");
    CHECK(std::string(r.json().at(0).at("message").as_string()).find("No such column 'AccountNumer' on entity 'Account'") != std::string::npos);
    CHECK_FIXTURE_SHAPE("amp-labs/errors/query_invalid_field.json", r.json());
    r = o.query_raw("SELECT Name,BillingCity,IsDeleted FROM Accout");
    CHECK(r.json().at(0).at("errorCode") == "INVALID_TYPE");
    if (auto fx = fixture("amp-labs/errors/query_invalid_type.json")) {
        CHECK(same_shape(*fx, r.json()));
        std::string expected(fx->at(0).at("message").as_string());
        std::string actual(r.json().at(0).at("message").as_string());
        CHECK(actual.substr(actual.find("sObject type")) == expected.substr(expected.find("sObject type")));
    }
    r = o.query_raw("SELECT Name FROM Account WHERE");
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
    r = o.query_raw("SELECT Name FROM Contact WHERE Nope.Name = 'x'");
    CHECK(r.json().at(0).at("errorCode") == "INVALID_FIELD");
    r = o.query_raw("SELECT Name FROM Account WHERE AnnualRevenue = 'x'");
    CHECK(r.json().at(0).at("errorCode") == "INVALID_QUERY_FILTER_OPERATOR");
    r = o.http->get(data + "/query");
    CHECK(r.status == 400);
    CHECK(r.json().at(0).at("errorCode") == "MALFORMED_QUERY");
}

TEST_CASE("queryAll includes deleted records") {
    sample_org o;
    CHECK(o.http->del(data + "/sobjects/Account/" + o.initech).status == 204);
    CHECK(o.query("SELECT COUNT() FROM Account").at("totalSize") == 2);
    auto all = o.query("SELECT Name, IsDeleted FROM Account ORDER BY Name", "queryAll");
    CHECK(all.at("totalSize") == 3);
    CHECK(all.at("records").at(2).at("IsDeleted") == true);
}

TEST_CASE("paging with nextRecordsUrl and batchSize") {
    org o;
    for (int i = 0; i < 25; ++i) o.create("Lead", R"({"LastName":"L)" + std::to_string(100 + i) + R"(","Company":"C"})");
    auto first = o.http->get(data + "/query?q=" + org::encode("SELECT Id FROM Lead ORDER BY LastName"),
                             {{"Sforce-Query-Options", "batchSize=10"}});
    REQUIRE(first.status == 200);
    auto p1 = first.json();
    CHECK(p1.at("totalSize") == 25);
    CHECK(p1.at("done") == false);
    CHECK(p1.at("records").as_array().size() == 10);
    std::string next(p1.at("nextRecordsUrl").as_string());
    CHECK(next.starts_with(data + "/query/01g"));
    CHECK(next.ends_with("-10"));
    CHECK_FIXTURE_SHAPE("netcoreforce/query/paged_batch1.json", p1);
    std::set<std::string> seen;
    for (const auto& r : p1.at("records").as_array()) seen.insert(std::string(r.at("Id").as_string()));
    int pages = 1;
    while (true) {
        auto page = o.http->get(next).json();
        ++pages;
        for (const auto& r : page.at("records").as_array()) seen.insert(std::string(r.at("Id").as_string()));
        if (page.at("done") == true) {
            CHECK_FALSE(page.as_object().contains("nextRecordsUrl"));
            break;
        }
        next = std::string(page.at("nextRecordsUrl").as_string());
    }
    CHECK(pages == 3);
    CHECK(seen.size() == 25);
    CHECK(o.http->get(data + "/query/01gBOGUS-10").json().at(0).at("errorCode") == "INVALID_QUERY_LOCATOR");
}

TEST_CASE("FIELDS() select lists") {
    sample_org o;
    auto all = o.query("SELECT FIELDS(ALL) FROM Invoice__c WHERE Name = 'I1' LIMIT 200");
    auto rec = all.at("records").at(0).as_object();
    CHECK(rec.contains("External_Id__c"));
    CHECK(rec.contains("CreatedDate"));
    CHECK(rec.at("Tags__c") == "Priority;Export");
    auto custom = o.query("SELECT FIELDS(CUSTOM) FROM Invoice__c LIMIT 200").at("records").at(0).as_object();
    CHECK(custom.contains("Account__c"));
    CHECK_FALSE(custom.contains("CreatedDate"));
    auto standard = o.query("SELECT FIELDS(STANDARD) FROM Account LIMIT 200").at("records").at(0).as_object();
    CHECK(standard.contains("BillingAddress"));
    CHECK(o.query_raw("SELECT FIELDS(SOME) FROM Account").status == 400);
}

TEST_CASE("polymorphic parents: Who and What") {
    sample_org o;
    std::string lead = o.create("Lead", R"({"LastName":"Prospect","Company":"Co"})");
    o.create("Task", R"({"Subject":"Call Ada","WhoId":")" + o.ada + R"(","WhatId":")" + o.acme + "\"}");
    o.create("Task", R"({"Subject":"Call lead","WhoId":")" + lead + "\"}");
    auto r = o.query("SELECT Subject, Who.Name, Who.Type, What.Name, Owner.Name FROM Task ORDER BY Subject");
    auto recs = r.at("records").as_array();
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].at("Who").at("attributes").at("type") == "Contact");
    CHECK(recs[0].at("Who").at("Name") == "Ada Lovelace");
    CHECK(recs[0].at("Who").at("Type") == "Contact");
    CHECK(recs[0].at("What").at("attributes").at("type") == "Account");
    CHECK(recs[0].at("What").at("Name") == "Acme");
    CHECK(recs[0].at("Owner").at("Name") == "Emulator Integration");
    CHECK(recs[1].at("Who").at("attributes").at("type") == "Lead");
    CHECK(std::string(recs[1].at("Who").at("attributes").at("url").as_string()).ends_with("/sobjects/Lead/" + lead));
    CHECK(recs[1].at("What").is_null());
    auto filtered = o.query("SELECT Subject FROM Task WHERE Who.Type = 'Lead'");
    CHECK(names(filtered, "Subject") == list{"Call lead"});
    CHECK(o.query_raw("SELECT Who.Account.Name FROM Task").status == 400);
}

TEST_CASE("TYPEOF picks fields by the parent's type") {
    sample_org o;
    std::string lead = o.create("Lead", R"({"LastName":"Prospect","Company":"Co"})");
    o.create("Event", R"({"Subject":"E1","DurationInMinutes":60,"ActivityDateTime":"2024-11-07T07:00:00Z","WhoId":")" + o.ada +
                          R"(","WhatId":")" + o.acme + "\"}");
    o.create("Event", R"({"Subject":"E2","DurationInMinutes":30,"ActivityDateTime":"2024-11-07T08:00:00Z","WhoId":")" + lead + "\"}");
    auto r = o.query("SELECT Id, TYPEOF Who WHEN Contact THEN LastName, Email WHEN Lead THEN LastName, Company ELSE Id END, "
                     "TYPEOF What WHEN Account THEN Name, Phone, AccountNumber ELSE Name END, Subject, DurationInMinutes, "
                     "ActivityDateTime FROM Event ORDER BY Subject");
    auto recs = r.at("records").as_array();
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].at("Who").at("attributes").at("type") == "Contact");
    CHECK(recs[0].at("Who").at("Email") == "ada@acme.com");
    CHECK_FALSE(recs[0].at("Who").as_object().contains("Company"));
    CHECK(recs[0].at("What").at("Name") == "Acme");
    CHECK(recs[1].at("Who").at("attributes").at("type") == "Lead");
    CHECK(recs[1].at("Who").at("Company") == "Co");
    CHECK(recs[1].at("What").is_null());
    CHECK(recs[0].at("ActivityDateTime") == "2024-11-07T07:00:00.000+0000");
    if (auto fx = fixture("cumulusci/query/typeof_polymorphic_event.json")) {
        for (const auto& fr : fx->at("records").as_array()) {
            if (fr.at("What").is_null()) continue;
            CHECK(same_shape(fr.at("Who"), recs[0].at("Who")));
            CHECK(same_shape(fr.at("What").at("attributes"), recs[0].at("What").at("attributes")));
            break;
        }
    }
    CHECK(o.query_raw("SELECT TYPEOF Who WHEN Account THEN Name END FROM Event").status == 400);
}

TEST_CASE("backslashes, percent and underscore in LIKE and = literals") {
    org o;
    for (const char* name : {R"(C:\x)", "C:%x", "C:_y", R"(a\b)", "C:xy", R"(C:\)"}) {
        json::object rec;
        rec["Name"] = name;
        o.create("Account", json::serialize(rec));
    }
    auto q = [&](const std::string& where) {
        return names(o.query("SELECT Name FROM Account WHERE " + where + " ORDER BY Name"));
    };
    // SOQL text as sent: '\\' is one backslash, '\%' a percent, '\_' an underscore; bare % and _ match anything.
    CHECK(q(R"(Name LIKE 'C:\\%')") == list{R"(C:\)", R"(C:\x)"});
    CHECK(q(R"(Name LIKE 'C:\%%')") == list{"C:%x"});
    CHECK(q(R"(Name LIKE 'C:\_%')") == list{"C:_y"});
    CHECK(q(R"(Name LIKE 'C:_y')") == list{"C:_y", "C:xy"});
    CHECK(q(R"(Name LIKE '%\\%')") == list{R"(a\b)", R"(C:\)", R"(C:\x)"});  // ORDER BY ignores case
    CHECK(q(R"(Name = 'C:\\')") == list{R"(C:\)"});
    CHECK(q(R"(Name = 'a\\b')") == list{R"(a\b)"});
    CHECK(q(R"(Name = 'C:\%x')") == list{"C:%x"});
    CHECK(q(R"(Name IN ('C:\\x', 'C:\_y'))") == list{R"(C:\x)", "C:_y"});
}
