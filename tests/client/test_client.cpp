// The REST client against the emulator: CRUD, upsert, queries, collections, describe, limits,
// errors, retries and the non-retry of writes that may have reached the server.
#include "support.hpp"

#include <sfcpp/soql.hpp>

#include <array>
#include <list>
#include <ranges>
#include <thread>

using namespace client_test;
using namespace sobjects;
namespace http = sfcpp::http;

namespace {
Invoice_c invoice(const std::string& ext, double amount) {
    Invoice_c inv;
    inv.Name = "INV " + ext;
    inv.External_Id_c = ext;
    inv.Amount_c = amount;
    return inv;
}
std::int64_t count_of(sfcpp::client& sf, const std::string& where) {
    return sf.query<Invoice_c>("SELECT COUNT() FROM Invoice__c WHERE " + where).total_size();
}
}  // namespace

TEST_CASE("create, retrieve, update with null, remove") {
    org o;
    auto& sf = *o.sf;
    Account acc;
    acc.Name = "Acme";
    acc.Phone = "555-0100";
    const sfcpp::id id = sf.create(acc);
    CHECK(id.key_prefix() == "001");

    auto got = sf.retrieve<Account>(id);
    CHECK(got.Name.value() == "Acme");
    CHECK(got.Phone.value() == "555-0100");

    Account change;  // just what changes, no Id
    change.Name = "Acme Corp";
    change.Phone = nullptr;  // clears
    sf.update(id, change);
    auto after = sf.retrieve<Account>(id, {"Name", "Phone"});
    CHECK(after.Name.value() == "Acme Corp");
    CHECK(after.Phone.is_null());
    CHECK_FALSE(after.Website.is_set());  // not requested

    // A record with its Id set updates through it.
    sf.update(sfcpp::with_id<Account>(id));  // nothing to change: Salesforce accepts an empty PATCH
    Account named = sfcpp::with_id<Account>(id);
    named.Name = "Acme Holdings";
    sf.update(named);
    CHECK(sf.retrieve<Account>(id).Name.value() == "Acme Holdings");
    // Changes that name another record are refused before anything is sent.
    const sfcpp::id other = sf.create(acc);
    CHECK_THROWS_WITH_AS(sf.update(other, named), doctest::Contains("Account"), sfcpp::error);
    Account no_id;
    no_id.Name = "x";
    CHECK_THROWS_WITH_AS(sf.update(no_id), doctest::Contains("Account.Id has no value"), sfcpp::error);
    sf.remove<Account>(other);

    sf.remove<Account>(id);
    try {
        sf.retrieve<Account>(id);
        FAIL("expected not_found_error");
    } catch (const sfcpp::not_found_error& e) {
        CHECK(e.status() == 404);
        CHECK(e.kind() == sfcpp::error_kind::not_found);
    }
    CHECK(sf.last_limit_info().known());
    CHECK(sf.last_limit_info().api_max == 15000);
}

TEST_CASE("write checks run before any request; server validation errors are typed") {
    org o;
    auto& sf = *o.sf;
    Account nameless;
    nameless.Phone = "1";
    CHECK_THROWS_AS(sf.create(nameless), sfcpp::write_check_error);

    Invoice_c inv = invoice("V-1", 1);
    inv.Code_c = "much too long for ten";
    try {
        sf.create(inv);
        FAIL("expected validation_error");
    } catch (const sfcpp::validation_error& e) {
        CHECK(e.status() == 400);
        CHECK(e.error_code() == "STRING_TOO_LONG");
        REQUIRE_FALSE(e.errors().empty());
        CHECK(e.errors()[0].fields == std::vector<std::string>{"Code__c"});
    }
}

TEST_CASE("upsert by external id reports created, then updated; retrieve by key finds it") {
    org o;
    auto& sf = *o.sf;
    auto first = sf.upsert(invoice("EXT-1", 10), Invoice_c_.External_Id_c);
    CHECK(first.created);
    auto second = sf.upsert(invoice("EXT-1", 20), Invoice_c_.External_Id_c);
    CHECK_FALSE(second.created);
    CHECK(second.id == first.id);

    auto got = sf.retrieve(Invoice_c_.External_Id_c, "EXT-1");
    CHECK(got.Id.value() == first.id);
    CHECK(got.Amount_c.value() == doctest::Approx(20));
    auto again = sf.retrieve(Invoice_c_.External_Id_c, std::string("EXT-1"));
    CHECK(again.Id.value() == first.id);
    CHECK_THROWS_AS(sf.retrieve(Invoice_c_.External_Id_c, "nope"), sfcpp::not_found_error);
}

TEST_CASE("queries: string form, builder form, COUNT(), queryAll") {
    org o;
    auto& sf = *o.sf;
    for (int i = 0; i < 5; ++i) sf.create(invoice("Q-" + std::to_string(i), i * 10.0));

    std::vector<std::string> names;
    for (const auto& inv : sf.query<Invoice_c>("SELECT Id, Name, Amount__c FROM Invoice__c ORDER BY Name"))
        names.push_back(inv.Name.value());
    CHECK(names == std::vector<std::string>{"INV Q-0", "INV Q-1", "INV Q-2", "INV Q-3", "INV Q-4"});

    using namespace sfcpp::soql;
    auto q = select(Invoice_c_.Name, Invoice_c_.Amount_c).from(Invoice_c_).where(Invoice_c_.Amount_c >= 20.0).order_by(Invoice_c_.Amount_c);
    auto rows = sf.query(q).collect();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].Name.value() == "INV Q-2");
    CHECK(rows[2].Amount_c.value() == doctest::Approx(40));

    CHECK(count_of(sf, "Amount__c > 15") == 3);

    const auto gone = sf.retrieve(Invoice_c_.External_Id_c, "Q-0").Id.value();
    sf.remove<Invoice_c>(gone);
    CHECK(sf.query<Invoice_c>("SELECT Id FROM Invoice__c").collect().size() == 4);
    CHECK(sf.query_all<Invoice_c>("SELECT Id FROM Invoice__c").collect().size() == 5);

    CHECK_THROWS_AS(sf.query<Invoice_c>("SELECT Nope FROM Invoice__c").collect(), sfcpp::validation_error);
}

TEST_CASE("sObject Collections split into chunks of 200 with per-record results") {
    org o;
    auto& sf = *o.sf;
    std::vector<Invoice_c> recs;
    for (int i = 0; i < 450; ++i) recs.push_back(invoice("C-" + std::to_string(i), i));
    recs[7].Code_c = "much too long for ten";  // one failure, reported per record
    auto created = sf.create(recs);
    REQUIRE(created.size() == 450);
    CHECK_FALSE(created[7].success);
    REQUIRE_FALSE(created[7].errors.empty());
    CHECK(created[7].errors[0].error_code == "STRING_TOO_LONG");
    CHECK(created[8].success);
    CHECK(count_of(sf, "Name LIKE 'INV C-%'") == 449);

    std::vector<Invoice_c> changes;
    std::vector<sfcpp::id> ids;
    for (std::size_t i = 0; i < created.size(); ++i) {
        if (!created[i].success) continue;
        auto c = sfcpp::with_id<Invoice_c>(*created[i].id);
        c.Amount_c = 1.0;
        changes.push_back(c);
        ids.push_back(*created[i].id);
    }
    auto updated = sf.update(changes);
    CHECK(updated.size() == 449);
    CHECK(std::all_of(updated.begin(), updated.end(), [](const auto& r) { return r.success; }));
    CHECK(count_of(sf, "Amount__c = 1") == 449);

    std::vector<Invoice_c> ups{invoice("C-1", 5), invoice("NEW-1", 6)};
    auto upserted = sf.upsert(ups, Invoice_c_.External_Id_c);
    REQUIRE(upserted.size() == 2);
    CHECK_FALSE(upserted[0].created);
    CHECK(upserted[1].created);

    auto deleted = sf.remove(ids);
    CHECK(deleted.size() == 449);
    CHECK(count_of(sf, "Name LIKE 'INV C-%'") == 0);
}

TEST_CASE("sObject Collections: all or none, any range of records or ids") {
    org o;
    auto& sf = *o.sf;
    std::array<Invoice_c, 3> recs{invoice("A-0", 1), invoice("A-1", 2), invoice("A-2", 3)};
    recs[1].Code_c = "much too long for ten";
    auto all = sf.create(recs, {.all_or_none = true});
    REQUIRE(all.size() == 3);
    CHECK_FALSE(all[1].success);
    CHECK(count_of(sf, "Name LIKE 'INV A-%'") == 0);  // rolled back

    recs[1].Code_c = "short";
    auto first_two = sf.create(recs | std::views::take(2));  // a view
    REQUIRE(first_two.size() == 2);
    CHECK(first_two[0].success);
    CHECK(first_two[1].success);
    auto named_a2 = [](const Invoice_c& r) { return r.Name.value() == "INV A-2"; };
    auto last = sf.create(recs | std::views::filter(named_a2));  // iterable only as non-const
    REQUIRE(last.size() == 1);
    CHECK(last[0].success);
    CHECK(count_of(sf, "Name LIKE 'INV A-%'") == 3);
    const std::list<sfcpp::id> ids{*first_two[0].id, *first_two[1].id, *last[0].id};  // not contiguous
    auto removed = sf.remove(ids, {.all_or_none = true});
    CHECK(removed.size() == 3);
    CHECK(count_of(sf, "Name LIKE 'INV A-%'") == 0);

    // Every record of an upsert carries its key; one without it is refused, naming the field.
    std::vector<Invoice_c> keyless{Invoice_c{}};
    keyless[0].Name = "no key";
    CHECK_THROWS_WITH_AS(sf.upsert(keyless, Invoice_c_.External_Id_c),
                         doctest::Contains("Invoice__c.External_Id__c"), sfcpp::error);
}

TEST_CASE("composite with references, sObject tree, describe, limits, arbitrary paths") {
    org o;
    auto& sf = *o.sf;
    boost::json::value req = boost::json::parse(R"({"allOrNone":true,"compositeRequest":[
        {"method":"POST","url":"/services/data/v60.0/sobjects/Account","referenceId":"acc","body":{"Name":"Ref Co"}},
        {"method":"POST","url":"/services/data/v60.0/sobjects/Contact","referenceId":"con",
         "body":{"LastName":"Ref","AccountId":"@{acc.id}"}}]})");
    auto res = sf.call(http::verb::post, "composite", req);
    auto& subs = res.at("compositeResponse").as_array();
    REQUIRE(subs.size() == 2);
    CHECK(subs[1].at("httpStatusCode").to_number<int>() == 201);

    auto tree = sf.tree("Account", boost::json::parse(R"({"records":[{"attributes":{"type":"Account","referenceId":"t1"},"Name":"Tree Co"}]})"));
    CHECK(tree.at("hasErrors").as_bool() == false);

    auto d = sf.describe<Invoice_c>();
    CHECK(d.name == "Invoice__c");
    auto d2 = sf.describe("Invoice__c");  // If-Modified-Since: 304, served from the cache
    CHECK(d2.fields.size() == d.fields.size());
    auto global = sf.describe_global();
    CHECK(global.at("sobjects").as_array().size() >= 5);

    auto limits = sf.limits();
    REQUIRE(limits.count("DailyApiRequests"));
    CHECK(limits["DailyApiRequests"].max == 15000);

    auto versions = sf.call(http::verb::get, "/services/data");
    CHECK(versions.is_array());
    CHECK_THROWS_AS(sf.apex(http::verb::get, "NoSuchService/x"), sfcpp::not_found_error);
}

TEST_CASE("429 with Retry-After is retried and succeeds") {
    org o;
    auto& sf = *o.sf;
    sf.query<Account>("SELECT Id FROM Account").collect();  // logged in
    o.inject({.status = 429, .retry_after = 1});
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(sf.query<Account>("SELECT Id FROM Account").collect().empty());
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(950));
    CHECK(sf.retries() == 1);
}

TEST_CASE("503 is retried with backoff, also for a create; too many become a typed error") {
    org o;
    auto& sf = *o.sf;
    sf.query<Account>("SELECT Id FROM Account").collect();
    o.inject({.status = 503}, 2);
    Account a;
    a.Name = "After 503";
    CHECK_FALSE(sf.create(a).empty());
    CHECK(sf.retries() == 2);
    o.inject({.status = 503}, 10);
    CHECK_THROWS_AS(sf.create(a), sfcpp::server_error);
    o.inject({.status = 429}, 10);
    CHECK_THROWS_AS(sf.query<Account>("SELECT Id FROM Account").collect(), sfcpp::limit_error);
}

TEST_CASE("a connection dropped mid-response on a create is surfaced, not retried, no duplicate") {
    org o;
    auto& sf = *o.sf;
    sf.query<Account>("SELECT Id FROM Account").collect();
    o.inject({.drop = true});
    try {
        sf.create(invoice("DROP-1", 1));
        FAIL("expected a transport_error");
    } catch (const http::transport_error& e) {
        CHECK(e.may_have_reached_server());
    }
    CHECK(sf.retries() == 0);
    CHECK(count_of(sf, "External_Id__c = 'DROP-1'") == 1);  // created once by the server, never resent
}

TEST_CASE("a connection dropped on an idempotent read is retried") {
    org o;
    auto& sf = *o.sf;
    sf.create(invoice("R-1", 1));
    o.inject({.drop = true});
    CHECK(sf.retrieve(Invoice_c_.External_Id_c, "R-1").Name.value() == "INV R-1");
    CHECK(sf.retries() == 1);
}

TEST_CASE("client-side caps on concurrency and rate") {
    sfcpp::client_options co = org::fast_retries();
    co.max_concurrent_requests = 2;
    co.max_requests_per_second = 50;
    org o({}, co);
    std::vector<std::thread> threads;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            for (int j = 0; j < 5; ++j) o.sf->limits();
        });
    for (auto& t : threads) t.join();
    // 20 requests at 50 per second take at least ~380 ms.
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(350));
    CHECK(o.transport->connections_opened() <= 3);  // 2 at a time, plus the login
}
