// Query jobs in the emulator: states, locator paging, the CSV Salesforce writes.
#include "bulk_support.hpp"

#include <test_sobjects/Contact.hpp>
#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/csv.hpp>

#include <set>

namespace csv = sfcpp::csv;
namespace json = boost::json;
using namespace bulk_test;
using sobjects::Invoice_c;

namespace {

std::string create_query(emu_test::org& o, const json::object& body) {
    auto r = o.http->post(jobs("query"), json::serialize(body));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    auto created = r.json().as_object();
    CHECK(created.at("state") == std::string("UploadComplete"));
    CHECK_FIXTURE_SHAPE("amp-labs/bulk2/query_job_create_uploadcomplete.json", json::value(created));
    return std::string(created.at("id").as_string());
}

// Loads n invoices through an ingest job.
void load(emu_test::org& o, std::size_t n) {
    std::string text = "Name,External_Id__c,Amount__c,Paid__c,Due_Date__c\n";
    for (std::size_t i = 0; i < n; ++i)
        text += "Invoice " + std::to_string(i) + ",Q-" + std::to_string(i) + "," + std::to_string(i) + ".5," +
                (i % 2 ? "true" : "false") + ",2025-03-0" + std::to_string(1 + i % 9) + "\n";
    auto out = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}}, text);
    REQUIRE(number(out.info, "numberRecordsFailed") == 0);
}

}  // namespace

TEST_CASE("query job: results page by page with Sforce-Locator and maxRecords") {
    emu_test::org o;
    load(o, 2'500);
    const std::string id = create_query(
        o, {{"operation", "query"}, {"query", "SELECT Id, Name, Amount__c, Paid__c, Due_Date__c, CreatedDate FROM Invoice__c"}});
    const auto info = wait_done(o, "query", id);
    CHECK(info.at("state") == std::string("JobComplete"));
    CHECK(number(info, "numberRecordsProcessed") == 2'500);
    CHECK(info.at("jobType") == std::string("V2Query"));

    std::string locator;
    std::set<std::string> names;
    int pages = 0;
    csv::read_options ro;
    ro.empty_cell = sfcpp::field_state::null;
    for (;;) {
        std::string target = jobs("query") + "/" + id + "/results?maxRecords=1000";
        if (!locator.empty()) target += "&locator=" + locator;
        auto r = o.http->get(target);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        ++pages;
        CHECK(r.body.rfind("\"Id\",\"Name\",\"Amount__c\",\"Paid__c\",\"Due_Date__c\",\"CreatedDate\"\n", 0) == 0);
        auto rows = csv::from_csv<Invoice_c>(r.body, ro);
        CHECK(std::to_string(rows.size()) == r.header("sforce-numberofrecords"));
        for (const auto& rec : rows) {
            names.insert(rec.Name.value());
            CHECK(rec.Id.value().key_prefix() == "a01");
            CHECK(rec.CreatedDate.has_value());
            CHECK(rec.Amount_c.has_value());
        }
        locator = r.header("sforce-locator");
        if (locator == "null") break;
    }
    CHECK(pages == 3);
    CHECK(names.size() == 2'500);

    // Results are kept: the first page again, without maxRecords (one page of all).
    auto all = o.http->get(jobs("query") + "/" + id + "/results");
    CHECK(all.header("sforce-locator") == "null");
    CHECK(csv::from_csv<Invoice_c>(all.body, ro).size() == 2'500);
    // Another API version is refused.
    CHECK(o.http->get("/services/data/v59.0/jobs/query/" + id + "/results").status == 409);
    CHECK(o.http->get(jobs("query")).json().at("records").as_array().size() == 1);
    CHECK(o.http->del(jobs("query") + "/" + id).status == 204);
}

TEST_CASE("query job: parent fields, nulls, queryAll, dialect") {
    emu_test::org o;
    o.create("Contact", R"({"LastName":"Doe","Email":"doe@example.com"})");
    run_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}},
               "Name,Contact__r.Email\nlinked,doe@example.com\nalone,#N/A\n");
    const std::string id = create_query(o, {{"operation", "query"},
                                            {"query", "SELECT Name, Contact__r.Email, Code__c FROM Invoice__c ORDER BY Name"},
                                            {"columnDelimiter", "PIPE"},
                                            {"lineEnding", "CRLF"}});
    wait_done(o, "query", id);
    auto r = o.http->get(jobs("query") + "/" + id + "/results");
    CHECK(r.body == "\"Name\"|\"Contact__r.Email\"|\"Code__c\"\r\n\"alone\"|\"\"|\"\"\r\n\"linked\"|\"doe@example.com\"|\"\"\r\n");
    csv::read_options ro;
    ro.dialect = {csv::delimiter::pipe, csv::line_ending::crlf};
    ro.empty_cell = sfcpp::field_state::null;
    auto rows = csv::from_csv<Invoice_c>(r.body, ro);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].Contact_r.is_null());
    CHECK(rows[0].Code_c.is_null());
    CHECK(rows[1].Contact_r->Email.value() == "doe@example.com");

    // Deleted records show up in queryAll only.
    auto del = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}}, "Name\ngone\n");
    const std::string gone_id = del.successes.substr(del.successes.find('\n') + 2, 18);
    run_ingest(o, {{"object", "Invoice__c"}, {"operation", "delete"}}, "Id\n" + gone_id + "\n");
    const std::string q1 = create_query(o, {{"operation", "query"}, {"query", "SELECT Id FROM Invoice__c"}});
    const std::string q2 = create_query(o, {{"operation", "queryAll"}, {"query", "SELECT Id FROM Invoice__c"}});
    CHECK(number(wait_done(o, "query", q1), "numberRecordsProcessed") == 2);
    CHECK(number(wait_done(o, "query", q2), "numberRecordsProcessed") == 3);
}

TEST_CASE("query job: what Bulk query refuses") {
    emu_test::org o;
    CHECK(o.http->post(jobs("query"), R"({"operation":"query","query":"SELECT COUNT() FROM Invoice__c"})").status == 400);
    CHECK(o.http->post(jobs("query"), R"({"operation":"query","query":"SELECT Id, (SELECT Id FROM Contacts) FROM Account"})").status == 400);
    CHECK(o.http->post(jobs("query"), R"({"operation":"query","query":"SELEC Id FROM Account"})").status == 400);
    CHECK(o.http->post(jobs("query"), R"({"operation":"query","query":"SELECT Id FROM Nope__c"})").status == 400);
    CHECK(o.http->post(jobs("query"), R"({"operation":"merge","query":"SELECT Id FROM Account"})").status == 400);
    CHECK(o.http->get(jobs("query") + "/750000000000000AAA").status == 404);
}

TEST_CASE("query job over 100,000 records with maxRecords 10,000, reassembled completely") {
    emu_test::org o;
    load(o, 100'000);
    const std::string id =
        create_query(o, {{"operation", "query"}, {"query", "SELECT Id, Name, External_Id__c, Amount__c FROM Invoice__c"}});
    wait_done(o, "query", id);
    std::string locator;
    std::vector<char> seen(100'000, 0);
    std::size_t total = 0, pages = 0;
    csv::read_options ro;
    ro.empty_cell = sfcpp::field_state::null;
    do {
        std::string target = jobs("query") + "/" + id + "/results?maxRecords=10000";
        if (!locator.empty()) target += "&locator=" + locator;
        auto r = o.http->get(target);
        REQUIRE(r.status == 200);
        ++pages;
        // Streamed into the reader in pieces, one record at a time.
        csv::reader<Invoice_c> reader(ro);
        Invoice_c rec;
        for (std::size_t pos = 0; pos < r.body.size(); pos += 65536) {
            reader.feed(std::string_view(r.body).substr(pos, 65536));
            while (reader.next(rec)) {
                const auto n = std::stoul(rec.External_Id_c.value().substr(2));
                REQUIRE(n < seen.size());
                ++seen[n];
                ++total;
            }
        }
        reader.finish();
        while (reader.next(rec)) ++seen[std::stoul(rec.External_Id_c.value().substr(2))], ++total;
        locator = r.header("sforce-locator");
    } while (locator != "null");
    CHECK(pages == 10);
    CHECK(total == 100'000);
    CHECK(std::all_of(seen.begin(), seen.end(), [](char c) { return c == 1; }));
}
