// The main demo: an emulated org in this process and sfcpp's typed client against it. Logs in
// with OAuth client credentials, then: create, retrieve, update and delete typed records; typed
// builder queries paged through nextRecordsUrl; upsert by external id; typed API errors; a Bulk
// API 2.0 ingest job with failures joined back to their input rows, and a Bulk query job.
//
//   bash scripts/demo.sh
#include <sobjects/sobjects.hpp>  // generated at build time by sfcpp-codegen from describe/
#include <sfcpp/bulk.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/soql.hpp>

#include <sfcpp_emulator/server.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace sobjects;
namespace soql = sfcpp::soql;
namespace bulk = sfcpp::bulk;

namespace {

void section(const char* title) { std::cout << "\n== " << title << " ==\n"; }

}  // namespace

int main() try {
    const auto t0 = std::chrono::steady_clock::now();

    sfcpp_emulator::options org_settings;  // in memory, the shipped describe/ schema
    sfcpp_emulator::server emulator{org_settings};
    emulator.start();
    std::cout << "emulated org listening on " << emulator.base_url() << "\n";

    // ---- Log in: OAuth 2.0 client credentials; every later call goes to the instance_url.
    section("log in");
    auto transport = std::make_shared<sfcpp::http::transport>();  // keep-alive pool, loopback plain HTTP
    auto session = std::make_shared<sfcpp::auth::session>(
        transport, sfcpp::auth::client_credentials{.login_url = emulator.base_url(),
                                                   .client_id = org_settings.client_id,
                                                   .client_secret = org_settings.client_secret});
    sfcpp::client sf(session);  // REST API pinned to v60.0
    const auto token = session->current();
    std::cout << "client credentials -> instance " << token.instance_url << ", API v" << sf.api_version() << "\n";
    std::cout << *session << "   (secrets never print)\n";

    // ---- CRUD: typed records, checked against describe metadata before any request.
    section("create, retrieve, update");
    Account acme;
    acme.Name = "Acme Corporation";
    acme.Industry = Account_Industry::Banking;
    acme.AnnualRevenue = 2.5e6;
    acme.BillingCity = "Springfield";
    const sfcpp::id acme_id = sf.create(acme);
    std::cout << "created Account " << acme_id << " (Acme Corporation)\n";

    Account globex;
    globex.Name = "Globex";
    globex.Industry = Account_Industry::Energy;
    globex.AnnualRevenue = 8.0e5;
    const sfcpp::id globex_id = sf.create(globex);
    std::cout << "created Account " << globex_id << " (Globex)\n";

    std::vector<Contact> people;
    for (const char* last : {"Lovelace", "Hopper", "Liskov"}) {
        Contact c;
        c.LastName = last;
        c.AccountId = acme_id;
        c.Email = std::string(last) + "@acme.example";
        people.push_back(c);
    }
    const auto saved = sf.create(people);  // one sObject Collections call for up to 200 records
    std::cout << "created " << saved.size() << " Contacts in one collections call:";
    for (const auto& s : saved) std::cout << " " << (s.success ? s.id->to_string() : std::string("failed"));
    std::cout << "\n";

    const auto fetched = sf.retrieve<Account>(acme_id, {"Name", "Industry", "BillingCity", "CreatedDate"});
    std::cout << "retrieved " << fetched.Name.value() << ": Industry " << fetched.Industry->str() << ", BillingCity "
              << fetched.BillingCity.value() << ", created " << fetched.CreatedDate.value() << "\n";

    // Only set fields are sent: Website gets a value, BillingCity is cleared, the rest is left alone.
    Account change;
    change.Website = "https://acme.example";
    change.BillingCity = nullptr;
    sf.update(acme_id, change);
    const auto after = sf.retrieve<Account>(acme_id, {"Website", "BillingCity", "AnnualRevenue"});
    std::cout << "after update: Website " << after.Website.value() << ", BillingCity "
              << (after.BillingCity.is_null() ? "null" : "set") << ", AnnualRevenue untouched ("
              << static_cast<long long>(after.AnnualRevenue.value()) << ")\n";

    // ---- Typed queries: the row type is shaped by the select list.
    section("typed queries");
    auto q = soql::select(Account_.Id, Account_.Name, Account_.Industry, Account_.Owner / User_.Name,
                          soql::select(Contact_.LastName, Contact_.Email).from(Account_.Contacts))
                 .from(Account_)
                 .where(Account_.AnnualRevenue > 1e6 && Account_.Industry == Account_Industry::Banking)
                 .order_by(soql::desc(Account_.Name));
    std::cout << soql::to_soql(q) << "\n";
    for (const auto& row : sf.query(q)) {  // pages follow nextRecordsUrl as the loop advances
        std::cout << "  " << row.Name.value() << " [" << row.Industry->str() << "], owner "
                  << row.Owner->Name.value_or("?") << ", " << row.Contacts.size() << " contacts:";
        for (const auto& c : row.Contacts) std::cout << " " << c.LastName.value() << " <" << c.Email.value() << ">";
        std::cout << "\n";
    }

    auto agg = soql::select(soql::count()).from(Contact_).where(Contact_.AccountId == acme_id);
    std::cout << soql::to_soql(agg) << "  -> " << sf.query(agg).total_size() << "\n";

    // ---- Upsert by external id: the first call creates, the second updates the same record.
    section("upsert by external id");
    Invoice_c inv;
    inv.External_Id_c = "ERP-0001";
    inv.Name = "INV-0001";
    inv.Account_c = acme_id;
    for (double amount : {1200.0, 1350.0}) {
        inv.Amount_c = amount;
        const auto r = sf.upsert(inv, Invoice_c_.External_Id_c);
        std::cout << "upsert Invoice__c External_Id__c=ERP-0001, Amount " << amount << ": "
                  << (r.created ? "created " : "updated ") << r.id << "\n";
    }
    const auto stored = sf.retrieve(Invoice_c_.External_Id_c, "ERP-0001");
    std::cout << "retrieve by External_Id__c=ERP-0001 -> Amount " << stored.Amount_c.value() << "\n";

    // ---- Errors are typed, with Salesforce's error codes.
    section("typed errors");
    try {
        Invoice_c bad;
        bad.Name = std::string(90, 'x');  // longer than the field's 80 characters
        sf.create(bad);
    } catch (const sfcpp::validation_error& e) {
        std::cout << "validation_error, HTTP " << e.status() << ": " << e.error_code() << "\n";
    }

    // ---- Bulk API 2.0: an ingest job, failures joined back to their input records.
    section("Bulk API 2.0 ingest job");
    std::vector<Invoice_c> batch(5'000);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        auto& r = batch[i];
        r.Name = "Bulk invoice " + std::to_string(i);
        r.External_Id_c = "BULK-" + std::to_string(i);
        r.Amount_c = 10.0 + static_cast<double>(i % 100);
        r.Paid_c = i % 2 == 0;
        r.Status_c = Invoice_c_Status_c::Sent;
        if (i % 1000 == 999) r.Status_c = Invoice_c_Status_c(std::string("Lost"));  // not in the restricted picklist
    }
    bulk::ingest_options io;
    io.poll.initial = std::chrono::milliseconds(20);
    io.poll.max = std::chrono::milliseconds(200);
    int polls = 0;
    io.on_progress = [&](const bulk::progress&) { ++polls; };
    const auto loaded = bulk::upsert(sf, batch, Invoice_c_.External_Id_c, io);
    std::cout << "upsert of " << batch.size() << " Invoice__c rows in " << loaded.jobs.size() << " job ("
              << loaded.jobs.front().id << ", " << bulk::to_string(loaded.jobs.front().state) << " after " << polls
              << " polls): " << loaded.successes.size() << " succeeded, " << loaded.failures.size() << " failed, "
              << loaded.unprocessed.size() << " unprocessed; every row accounted for: "
              << (loaded.accounted() ? "yes" : "NO") << "\n";
    if (!loaded.accounted()) return 1;
    for (const auto& f : loaded.failures)
        std::cout << "  row " << f.index << " (" << f.record->External_Id_c.value() << ", Status "
                  << f.record->Status_c->str() << "): " << f.code() << "\n";

    // ---- Bulk API 2.0: a query job, read back page by page as typed rows.
    section("Bulk API 2.0 query job");
    bulk::query_job_options qo;
    qo.max_records = 2'000;
    qo.poll = io.poll;
    qo.remove_job = true;
    auto bq = soql::select(Invoice_c_.Id, Invoice_c_.External_Id_c, Invoice_c_.Amount_c, Invoice_c_.Paid_c)
                  .from(Invoice_c_)
                  .where(Invoice_c_.Paid_c == true);
    std::cout << soql::to_soql(bq) << "\n";
    auto rows = bulk::query(sf, bq, qo);
    std::size_t n = 0;
    double amount = 0;
    for (const auto& r : rows) {
        ++n;
        amount += r.Amount_c.value();
    }
    std::printf("  %zu paid invoices in %zu pages of at most 2,000 rows, total amount %.2f\n", n, rows.pages(), amount);

    // ---- Delete: the cascade takes the contacts too.
    section("delete");
    sf.remove<Account>(globex_id);
    sf.remove<Account>(acme_id);
    std::cout << "deleted Accounts " << acme_id << " and " << globex_id << "\n";
    try {
        sf.retrieve<Account>(acme_id);
    } catch (const sfcpp::not_found_error& e) {
        std::cout << "retrieve after delete: not_found_error, HTTP " << e.status() << " "
                  << e.error_code() << "\n";
    }
    std::cout << "Contacts left for Acme: " << sf.query(agg).total_size() << "\n";

    const auto usage = sf.last_limit_info();
    std::printf("\nAPI usage %lld/%lld, %llu connection(s) opened, %.2f s in all\n", static_cast<long long>(usage.api_used),
                static_cast<long long>(usage.api_max), static_cast<unsigned long long>(transport->connections_opened()),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    emulator.stop();
    return 0;
} catch (const std::exception& e) {
    std::cerr << "demo failed: " << e.what() << "\n";
    return 1;
}
