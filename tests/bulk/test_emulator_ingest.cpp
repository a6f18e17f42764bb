// Ingest jobs in the emulator: state machine, results CSVs, per-row validation, faults.
#include "bulk_support.hpp"

#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/csv.hpp>

#include <map>
#include <set>

namespace csv = sfcpp::csv;
namespace json = boost::json;
using namespace bulk_test;
using sobjects::Invoice_c;

namespace {

// Every third row is bad in a different way: too long a name, a value outside the restricted
// picklist, a bad date.
std::vector<Invoice_c> mixed(std::size_t n, std::size_t offset = 0) {
    std::vector<Invoice_c> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& r = v[i];
        const std::size_t k = i + offset;
        r.Name = "Invoice " + std::to_string(k) + (k % 7 == 0 ? ", \"quoted\"\nand multi-line" : "");
        r.External_Id_c = "EXT-" + std::to_string(k);
        r.Amount_c = 10.5 * static_cast<double>(k);
        r.Due_Date_c = sfcpp::date(2025, 1, 1 + static_cast<unsigned>(k % 28));
        if (k % 10 == 3) r.Name = std::string(81, 'x');                                           // STRING_TOO_LONG
        if (k % 10 == 6) r.Status_c = sobjects::Invoice_c_Status_c(std::string("Lost"));           // restricted picklist
        if (k % 10 == 9) r.Code_c = "eleven char";                                               // STRING_TOO_LONG
    }
    return v;
}

bool bad_row(std::size_t k) { return k % 10 == 3 || k % 10 == 6 || k % 10 == 9; }

std::size_t count_rows(const std::string& text) {
    csv::tokenizer t;
    t.feed(text);
    t.finish();
    std::span<const csv::cell> row;
    std::size_t n = 0;
    while (t.next(row)) ++n;
    return n ? n - 1 : 0;
}

}  // namespace

TEST_CASE("insert job: Open -> UploadComplete -> JobComplete, with the recorded shapes") {
    emu_test::org o;
    const auto created = create_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}, {"lineEnding", "LF"}});
    CHECK(created.at("state") == std::string("Open"));
    CHECK(created.at("contentUrl").as_string().ends_with("/batches"));
    CHECK_FIXTURE_SHAPE("amp-labs/bulk2/ingest_job_create_delete_open.json", json::value(created));
    const std::string id(created.at("id").as_string());
    CHECK(id.substr(0, 3) == "750");

    const auto records = mixed(30);
    upload(o, id, csv::to_csv(records));
    const auto closed = close(o, id);
    CHECK_FIXTURE_SHAPE("amp-labs/bulk2/ingest_job_delete_uploadcomplete.json", json::value(closed));
    // Closing twice is a state error.
    auto again = o.http->patch(jobs("ingest") + "/" + id, R"({"state":"UploadComplete"})");
    CHECK(again.status == 400);
    CHECK(again.body.find("INVALIDJOBSTATE") != std::string::npos);

    const auto info = wait_done(o, "ingest", id);
    CHECK(info.at("state") == std::string("JobComplete"));
    CHECK(number(info, "numberRecordsProcessed") == 30);
    CHECK(number(info, "numberRecordsFailed") == 9);

    const std::string ok = results(o, id, "successfulResults");
    CHECK(ok.rfind("\"sf__Id\",\"sf__Created\",Name,External_Id__c,Amount__c", 0) == 0);
    csv::reader<Invoice_c> r;
    r.feed(ok);
    r.finish();
    Invoice_c rec;
    std::set<std::string> names;
    while (r.next(rec)) {
        REQUIRE(r.result().id);
        CHECK(r.result().id->key_prefix() == "a01");
        CHECK(r.result().created == true);
        names.insert(rec.Name.value());
    }
    CHECK(names.size() == 21);
    CHECK(names.count("Invoice 0, \"quoted\"\nand multi-line") == 1);

    const std::string failed = results(o, id, "failedResults");
    CHECK(failed.rfind("\"sf__Id\",\"sf__Error\",Name", 0) == 0);
    csv::read_options lenient;
    lenient.lenient_values = true;
    csv::reader<Invoice_c> fr(lenient);
    fr.feed(failed);
    fr.finish();
    std::map<std::string, int> codes;
    while (fr.next(rec)) {
        CHECK(!fr.result().id);
        CHECK(fr.result().error.ends_with(" --"));
        codes[fr.result().error.substr(0, fr.result().error.find(':'))]++;
    }
    CHECK(codes["STRING_TOO_LONG"] == 6);
    CHECK(codes["INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"] == 3);
    CHECK(count_rows(results(o, id, "unprocessedrecords")) == 0);

    // The records are in the org.
    auto q = o.query("SELECT COUNT() FROM Invoice__c");
    CHECK(q.at("totalSize").to_number<int>() == 21);

    // Listed, then deleted.
    auto list = o.http->get(jobs("ingest")).json().as_object();
    CHECK(list.at("records").as_array().size() == 1);
    CHECK(o.http->del(jobs("ingest") + "/" + id).status == 204);
    CHECK(o.http->get(jobs("ingest") + "/" + id).status == 404);
}

TEST_CASE("a header naming an unknown field fails the whole job; every row is unprocessed") {
    emu_test::org o;
    auto out = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "upsert"}, {"externalIdFieldName", "External_Id__c"}},
                          "External_Id__c,StageName_invalid_field_on_purpose\na,b\nc,d\n");
    CHECK(out.info.at("state") == std::string("Failed"));
    CHECK(out.info.at("errorMessage") == std::string("InvalidBatch : Field name not found : StageName_invalid_field_on_purpose"));
    CHECK(number(out.info, "numberRecordsProcessed") == 0);
    CHECK_FIXTURE_SHAPE("amp-labs/bulk2/ingest_job_info_failed.json", json::value(out.info));
    CHECK(out.unprocessed == "External_Id__c,StageName_invalid_field_on_purpose\na,b\nc,d\n");
}

TEST_CASE("upsert by external id creates, then updates; update and delete by Id") {
    emu_test::org o;
    const json::object upsert{{"object", "Invoice__c"}, {"operation", "upsert"}, {"externalIdFieldName", "External_Id__c"}};
    auto first = run_ingest(o, upsert, "External_Id__c,Name\nE1,one\nE2,two\n");
    CHECK_FIXTURE_SHAPE("amp-labs/bulk2/ingest_job_info_partial_failure.json", json::value(first.info));
    CHECK_FIXTURE_SHAPE("amp-labs/bulk2/ingest_job_info_jobcomplete.json", json::value(first.info));
    CHECK(first.successes.find("\"true\",E1,one") != std::string::npos);
    auto second = run_ingest(o, upsert, "External_Id__c,Name\nE1,uno\nE3,three\n");
    CHECK(second.successes.find("\"false\",E1,uno") != std::string::npos);
    CHECK(second.successes.find("\"true\",E3,three") != std::string::npos);
    auto names = o.query("SELECT Name FROM Invoice__c WHERE External_Id__c = 'E1'");
    CHECK(names.at("records").at(0).at("Name") == std::string("uno"));

    // Ids from the results drive update and delete.
    csv::reader<Invoice_c> r;
    r.feed(second.successes);
    r.finish();
    Invoice_c rec;
    std::vector<std::string> ids;
    while (r.next(rec)) ids.emplace_back(r.result().id->str());
    REQUIRE(ids.size() == 2);
    auto upd = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "update"}},
                          "Id,Name,Code__c\n" + ids[0] + ",updated,#N/A\n001000000000000AAA,nope,\n");
    CHECK(number(upd.info, "numberRecordsFailed") == 1);
    CHECK(upd.failures.find("NOT_FOUND") != std::string::npos);
    auto del = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "delete"}}, "Id\n" + ids[1] + "\n" + ids[1] + "\n");
    CHECK(number(del.info, "numberRecordsProcessed") == 2);
    CHECK(number(del.info, "numberRecordsFailed") == 1);  // deleted already
    CHECK(del.failures.find("ENTITY_IS_DELETED") != std::string::npos);
    CHECK(o.query("SELECT COUNT() FROM Invoice__c").at("totalSize").to_number<int>() == 2);

    SUBCASE("upsert without the external id column fails the job") {
        auto bad = run_ingest(o, upsert, "Name\nx\n");
        CHECK(bad.info.at("state") == std::string("Failed"));
    }
}

TEST_CASE("parents by external id in a relationship column") {
    emu_test::org o;
    const std::string contact = o.create("Contact", R"({"LastName":"Doe","Email":"doe@example.com"})");
    auto out = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}},
                          "Name,Contact__r.Email\nlinked,doe@example.com\nmissing,nobody@example.com\n");
    CHECK(number(out.info, "numberRecordsFailed") == 1);
    CHECK(out.failures.find("INVALID_FIELD:Foreign key external ID") != std::string::npos);
    auto q = o.query("SELECT Contact__c FROM Invoice__c WHERE Name = 'linked'");
    CHECK(q.at("records").at(0).at("Contact__c") == contact);
}

TEST_CASE("every delimiter and line ending through a job") {
    emu_test::org o;
    for (auto d : csv::all_delimiters) {
        for (auto e : csv::all_line_endings) {
            CAPTURE(csv::to_string(d));
            CAPTURE(csv::to_string(e));
            Invoice_c r;
            r.Name = "a, b; c | d ^ e ` f \t \"g\"\nh";
            r.Notes_c = "#N/A";
            r.External_Id_c = std::string("X-") + std::string(csv::to_string(d)) + std::string(csv::to_string(e));
            csv::write_options wo;
            wo.dialect = {d, e};
            const json::object body{{"object", "Invoice__c"}, {"operation", "insert"},
                                    {"columnDelimiter", std::string(csv::to_string(d))},
                                    {"lineEnding", std::string(csv::to_string(e))}};
            auto out = run_ingest(o, body, csv::to_csv(std::span(&r, 1), wo));
            CHECK(number(out.info, "numberRecordsFailed") == 0);
            csv::read_options ro;
            ro.dialect = wo.dialect;
            auto back = csv::from_csv<Invoice_c>(out.successes, ro);
            REQUIRE(back.size() == 1);
            CHECK(back[0].Name == r.Name);
            CHECK(back[0].Notes_c.value() == "#N/A");
            auto q = o.query("SELECT Name, Notes__c FROM Invoice__c WHERE External_Id__c = '" + r.External_Id_c.value() + "'");
            CHECK(q.at("records").at(0).at("Name") == r.Name.value());
        }
    }
}

TEST_CASE("abort, state errors, bad definitions") {
    emu_test::org o;
    auto job = create_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}});
    const std::string id(job.at("id").as_string());
    upload(o, id, "Name\na\nb\n");
    auto r = o.http->patch(jobs("ingest") + "/" + id, R"({"state":"Aborted"})");
    CHECK(r.status == 200);
    auto info = wait_done(o, "ingest", id);
    CHECK(info.at("state") == std::string("Aborted"));
    CHECK(count_rows(results(o, id, "unprocessedrecords")) == 2);
    CHECK(o.http->patch(jobs("ingest") + "/" + id, R"({"state":"Aborted"})").status == 400);

    CHECK(o.http->post(jobs("ingest"), R"({"object":"Nope__c","operation":"insert"})").status == 400);
    CHECK(o.http->post(jobs("ingest"), R"({"object":"Invoice__c","operation":"merge"})").status == 400);
    CHECK(o.http->post(jobs("ingest"), R"({"object":"Invoice__c","operation":"upsert"})").status == 400);
    CHECK(o.http->post(jobs("ingest"), R"({"object":"Invoice__c","operation":"upsert","externalIdFieldName":"Name"})").status == 400);
    CHECK(o.http->post(jobs("ingest"), R"({"object":"Invoice__c","operation":"insert","columnDelimiter":"COLON"})").status == 400);
    CHECK(o.http->get(jobs("ingest") + "/750000000000000AAA").status == 404);
    // Results before the end are refused.
    auto open = create_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}});
    CHECK(o.http->get(jobs("ingest") + "/" + std::string(open.at("id").as_string()) + "/successfulResults").status == 400);
    // A second upload appends rows (its header is dropped).
    const std::string id2(open.at("id").as_string());
    upload(o, id2, "Name\nfirst\n");
    upload(o, id2, "Name\nsecond\n");
    close(o, id2);
    auto done = wait_done(o, "ingest", id2);
    CHECK(number(done, "numberRecordsProcessed") == 2);
}

TEST_CASE("a job failing midway reports the rest as unprocessed") {
    emu_test::org o;
    o.srv.org().bulk().settings().rows_per_step = 100;
    o.srv.org().bulk().fail_next_job_after(250);
    const auto records = mixed(1000);
    auto out = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}},
                          csv::to_csv(records));
    CHECK(out.info.at("state") == std::string("Failed"));
    CHECK(number(out.info, "numberRecordsProcessed") == 250);
    const std::size_t ok = count_rows(out.successes), bad = count_rows(out.failures), rest = count_rows(out.unprocessed);
    CHECK(ok + bad == 250);
    CHECK(rest == 750);
    CHECK(ok + bad + rest == records.size());
    // Unprocessed rows are the input's own rows, readable as records.
    auto back = csv::from_csv<Invoice_c>(out.unprocessed);
    REQUIRE(back.size() == 750);
    CHECK(back.front().External_Id_c.value() == "EXT-250");
    CHECK(back.back().External_Id_c.value() == "EXT-999");
}

TEST_CASE("progress is visible while a job runs") {
    emu_test::org o;
    o.srv.org().bulk().settings().rows_per_step = 50;
    o.srv.org().bulk().settings().step_pause = std::chrono::milliseconds(20);
    const auto records = mixed(500);
    auto job = create_ingest(o, {{"object", "Invoice__c"}, {"operation", "upsert"}, {"externalIdFieldName", "External_Id__c"}});
    const std::string id(job.at("id").as_string());
    upload(o, id, csv::to_csv(records));
    close(o, id);
    bool saw_progress = false;
    for (int i = 0; i < 500; ++i) {
        auto info = o.http->get(jobs("ingest") + "/" + id).json().as_object();
        const auto n = number(info, "numberRecordsProcessed");
        if (info.at("state") == std::string("InProgress") && n > 0 && n < 500) {
            saw_progress = true;
            CHECK_FIXTURE_SHAPE("amp-labs/bulk2/ingest_job_info_inprogress.json", json::value(info));
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(saw_progress);
    CHECK(o.http->del(jobs("ingest") + "/" + id).status == 400);  // not while it runs
    wait_done(o, "ingest", id);
}

TEST_CASE("100,000 records through one job, results joined back to the inputs") {
    emu_test::org o;
    const auto records = mixed(100'000);
    csv::writer<Invoice_c> w;
    std::string text;
    w.write(records, text);
    auto out = run_ingest(o, {{"object", "Invoice__c"}, {"operation", "insert"}}, text);
    CHECK(out.info.at("state") == std::string("JobComplete"));
    CHECK(number(out.info, "numberRecordsProcessed") == 100'000);
    CHECK(number(out.info, "numberRecordsFailed") == 30'000);

    // Join by the echoed cells (the external id is unique here, but the join does not rely on it).
    std::map<std::string, std::size_t> by_key;
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < records.size(); ++i) {
        w.cell_texts(records[i], cells);
        std::string key;
        for (const auto& c : cells) key += c + '\x1f';
        by_key.emplace(key, i);
    }
    std::vector<int> seen(records.size(), 0);
    auto join = [&](const std::string& result_csv, bool expect_bad) {
        csv::read_options ro;
        ro.lenient_values = true;
        csv::reader<Invoice_c> r(ro);
        r.feed(result_csv);
        r.finish();
        Invoice_c rec;
        std::size_t n = 0;
        while (r.next(rec)) {
            std::string key;
            for (std::size_t c = 2; c < r.cells().size(); ++c) key += std::string(r.cells()[c].text) + '\x1f';
            auto it = by_key.find(key);
            REQUIRE(it != by_key.end());
            ++seen[it->second];
            CHECK(bad_row(it->second) == expect_bad);
            ++n;
        }
        return n;
    };
    CHECK(join(out.successes, false) == 70'000);
    CHECK(join(out.failures, true) == 30'000);
    CHECK(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
}
