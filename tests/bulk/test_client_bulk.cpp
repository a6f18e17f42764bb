// sfcpp::bulk against the emulator: typed ingest results joined back to inputs, splitting into
// several jobs, failures midway, query jobs as lazy ranges.
#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/bulk.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/soql.hpp>
#include <sfcpp_emulator/server.hpp>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <optional>
#include <set>

namespace bulk = sfcpp::bulk;
using sobjects::Invoice_c;
using sobjects::Invoice_c_;

namespace {

struct org {
    sfcpp_emulator::server srv{sfcpp_emulator::options{}};
    std::shared_ptr<sfcpp::http::transport> transport;
    std::shared_ptr<sfcpp::auth::session> session;
    std::unique_ptr<sfcpp::client> sf;

    org() {
        srv.start();
        transport = std::make_shared<sfcpp::http::transport>();
        sfcpp_emulator::options o;
        session = std::make_shared<sfcpp::auth::session>(
            transport, sfcpp::auth::client_credentials{.login_url = srv.base_url(), .client_id = o.client_id,
                                                       .client_secret = o.client_secret});
        sf = std::make_unique<sfcpp::client>(session);
    }
};

bulk::ingest_options fast() {
    bulk::ingest_options o;
    o.poll.initial = std::chrono::milliseconds(5);
    o.poll.max = std::chrono::milliseconds(100);
    return o;
}

bulk::ingest_options hard(bulk::ingest_options o) {
    o.hard_delete = true;
    return o;
}

bool bad_row(std::size_t k) { return k % 10 == 3 || k % 10 == 6; }

std::vector<Invoice_c> invoices(std::size_t n, const std::string& prefix = "B-") {
    std::vector<Invoice_c> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& r = v[i];
        r.Name = "Invoice " + std::to_string(i) + (i % 9 == 0 ? ",\n\"odd\" one" : "");
        r.External_Id_c = prefix + std::to_string(i);
        r.Amount_c = static_cast<double>(i) + 0.25;
        r.Paid_c = i % 2 == 0;
        if (i % 10 == 3) r.Name = std::string(90, 'n');                                   // STRING_TOO_LONG
        if (i % 10 == 6) r.Status_c = sobjects::Invoice_c_Status_c(std::string("Lost"));  // restricted picklist
    }
    return v;
}

}  // namespace

TEST_CASE("insert: 100,000 records, one job, every input accounted for once, failures joined back") {
    org o;
    const auto in = invoices(100'000);
    std::int64_t last_processed = -1;
    int calls = 0;
    auto opt = fast();
    opt.on_progress = [&](const bulk::progress& p) {
        ++calls;
        CHECK(p.total == in.size());
        CHECK(p.processed >= last_processed);
        last_processed = p.processed;
    };
    const auto r = bulk::create(*o.sf, in, opt);
    CHECK(r.jobs.size() == 1);
    CHECK(r.jobs[0].state == bulk::job_state::job_complete);
    CHECK(r.accounted());
    CHECK(r.successes.size() == 80'000);
    CHECK(r.failures.size() == 20'000);
    CHECK(calls >= 1);
    CHECK(last_processed == 100'000);
    std::set<std::size_t> seen;
    for (const auto& s : r.successes) {
        CHECK(!bad_row(s.index));
        CHECK(s.record == &in[s.index]);
        CHECK(s.created);
        CHECK(s.id.key_prefix() == "a01");
        seen.insert(s.index);
    }
    std::map<std::string, int> codes;
    for (const auto& f : r.failures) {
        CHECK(bad_row(f.index));
        CHECK(f.record->External_Id_c.value() == "B-" + std::to_string(f.index));
        ++codes[std::string(f.code())];
        seen.insert(f.index);
    }
    CHECK(seen.size() == in.size());
    CHECK(codes["STRING_TOO_LONG"] == 10'000);
    CHECK(codes["INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"] == 10'000);
}

TEST_CASE("upsert by external id creates then updates; update and delete by Id") {
    org o;
    auto in = invoices(50, "U-");
    for (auto& r : in) r.Status_c.reset(), r.Name = "first";
    auto first = bulk::upsert(*o.sf, in, Invoice_c_.External_Id_c, fast());
    REQUIRE(first.all_succeeded());
    for (const auto& s : first.successes) CHECK(s.created);

    for (std::size_t i = 0; i < in.size(); i += 2) in[i].Name = "second";
    in.resize(60, Invoice_c{});
    for (std::size_t i = 50; i < 60; ++i) in[i].External_Id_c = "U-" + std::to_string(i), in[i].Name = "new";
    auto second = bulk::upsert(*o.sf, in, Invoice_c_.External_Id_c, fast());
    REQUIRE(second.all_succeeded());
    std::size_t created = 0;
    for (const auto& s : second.successes) created += s.created;
    CHECK(created == 10);

    // Update through Ids from the results; then delete.
    std::vector<Invoice_c> upd;
    for (const auto& s : second.successes) {
        auto u = sfcpp::with_id<Invoice_c>(s.id);
        u.Code_c = nullptr;
        u.Notes_c = "updated " + s.record->External_Id_c.value();
        upd.push_back(u);
    }
    auto ur = bulk::update(*o.sf, upd, fast());
    CHECK(ur.all_succeeded());
    auto rows = o.sf->query<Invoice_c>("SELECT Notes__c FROM Invoice__c WHERE External_Id__c = 'U-7'");
    for (const auto& row : rows) CHECK(row.Notes_c.value() == "updated U-7");

    auto del = bulk::remove(*o.sf, std::span<const Invoice_c>(upd.data(), 20), fast());
    CHECK(del.all_succeeded());
    auto again = bulk::remove(*o.sf, std::span<const Invoice_c>(upd.data(), 20), fast());
    CHECK(again.accounted());
    CHECK(again.failures.size() == 20);
    CHECK(again.failures[0].code() == "ENTITY_IS_DELETED");
    auto erased = bulk::remove(*o.sf, std::span<const Invoice_c>(upd.data() + 20, 5), hard(fast()));
    CHECK(erased.all_succeeded());
    std::size_t left = 0;
    for (const auto& row : o.sf->query<Invoice_c>("SELECT Id FROM Invoice__c")) (void)row, ++left;
    CHECK(left == 35);
}

TEST_CASE("loads above the per-job limit are split into several jobs") {
    org o;
    const auto in = invoices(2'000, "S-");
    auto opt = fast();
    opt.max_job_bytes = 20'000;
    opt.remove_jobs = true;
    std::set<std::size_t> jobs_seen;
    opt.on_progress = [&](const bulk::progress& p) {
        jobs_seen.insert(p.job);
        CHECK(p.jobs > 1);
    };
    const auto r = bulk::create(*o.sf, in, opt);
    CHECK(r.jobs.size() > 3);
    CHECK(jobs_seen.size() == r.jobs.size());
    CHECK(r.accounted());
    CHECK(r.successes.size() == 1'600);
    CHECK(bulk::list_jobs(*o.sf, bulk::job_kind::ingest).empty());  // deleted after reading

    auto tiny = fast();
    tiny.max_job_bytes = 10;
    CHECK_THROWS_AS(bulk::create(*o.sf, in, tiny), sfcpp::error);
}

TEST_CASE("a job failing midway: the rest comes back as unprocessed, nothing is lost") {
    org o;
    o.srv.org().bulk().settings().rows_per_step = 100;
    o.srv.org().bulk().fail_next_job_after(300);
    const auto in = invoices(1'000, "F-");
    const auto r = bulk::create(*o.sf, in, fast());
    REQUIRE(r.jobs.size() == 1);
    CHECK(r.jobs[0].state == bulk::job_state::failed);
    CHECK(!r.jobs[0].error_message.empty());
    CHECK(r.accounted());
    CHECK(r.successes.size() + r.failures.size() == 300);
    CHECK(r.unprocessed.size() == 700);
    for (const auto& u : r.unprocessed) CHECK(u.index >= 300);
}

TEST_CASE("abort, list and delete jobs") {
    org o;
    const auto created = o.sf->call(sfcpp::http::verb::post, "jobs/ingest",
                                    boost::json::object{{"object", "Invoice__c"}, {"operation", "insert"}});
    const std::string id(created.at("id").as_string());
    auto jobs = bulk::list_jobs(*o.sf, bulk::job_kind::ingest);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].state == bulk::job_state::open);
    CHECK(bulk::abort_job(*o.sf, bulk::job_kind::ingest, id).state == bulk::job_state::aborted);
    CHECK(bulk::get_job(*o.sf, bulk::job_kind::ingest, id).state == bulk::job_state::aborted);
    bulk::remove_job(*o.sf, bulk::job_kind::ingest, id);
    CHECK_THROWS_AS(bulk::get_job(*o.sf, bulk::job_kind::ingest, id), sfcpp::not_found_error);
}

TEST_CASE("query job over 100,000 records, 10,000 per page, as a lazy range") {
    org o;
    auto in = invoices(100'000, "Q-");
    for (auto& r : in) r.Status_c.reset(), r.Name = "n";
    REQUIRE(bulk::create(*o.sf, in, fast()).all_succeeded());

    bulk::query_job_options qo;
    qo.max_records = 10'000;
    qo.poll.initial = std::chrono::milliseconds(5);
    qo.remove_job = true;
    auto rows = bulk::query<Invoice_c>(*o.sf, "SELECT Id, External_Id__c, Amount__c, Paid__c FROM Invoice__c", qo);
    std::vector<char> seen(in.size(), 0);
    std::size_t n = 0;
    for (const auto& r : rows) {
        const auto k = std::stoul(r.External_Id_c.value().substr(2));
        REQUIRE(k < seen.size());
        ++seen[k];
        CHECK(r.Amount_c.value() == static_cast<double>(k) + 0.25);
        CHECK(r.Paid_c.value() == (k % 2 == 0));
        ++n;
    }
    CHECK(n == in.size());
    CHECK(rows.pages() == 10);
    CHECK(std::all_of(seen.begin(), seen.end(), [](char c) { return c == 1; }));
    CHECK(bulk::list_jobs(*o.sf, bulk::job_kind::query).empty());

    SUBCASE("a builder query gives shaped rows") {
        using sfcpp::soql::select;
        auto q = select(Invoice_c_.Id, Invoice_c_.Name).from(Invoice_c_).where(Invoice_c_.External_Id_c == "Q-42");
        auto shaped = bulk::query(*o.sf, q, qo).collect();
        REQUIRE(shaped.size() == 1);
        CHECK(shaped[0].Name.value() == "n");
    }
}

TEST_CASE("ingest from a generator: several jobs, constant memory, every record accounted for") {
    org o;
    constexpr std::size_t total = 5'000;
    std::size_t i = 0;
    auto next = [&]() -> std::optional<Invoice_c> {
        if (i == total) return std::nullopt;
        Invoice_c r;
        r.Name = bad_row(i) ? std::string(90, 'n') : "G " + std::to_string(i);
        r.External_Id_c = "G-" + std::to_string(i);
        r.Amount_c = static_cast<double>(i);
        ++i;
        return r;
    };
    std::set<std::string> ok, bad;
    bulk::stream_handlers<Invoice_c> h;
    h.on_success = [&](const Invoice_c& r, const sfcpp::id& id, bool created) {
        CHECK(created);
        CHECK(id.key_prefix() == "a01");
        CHECK(ok.insert(r.External_Id_c.value()).second);
    };
    h.on_failure = [&](const Invoice_c& r, std::string_view error) {
        CHECK(error.substr(0, error.find(':')) == "STRING_TOO_LONG");
        CHECK(r.Name.value().size() == 90);  // the rejected value, echoed
        CHECK(bad.insert(r.External_Id_c.value()).second);
    };
    auto opt = fast();
    opt.max_job_bytes = 40'000;  // about 1,300 rows a job
    std::size_t progress_calls = 0;
    opt.on_progress = [&](const bulk::progress& p) {
        ++progress_calls;
        CHECK(p.info != nullptr);
    };
    const auto r = bulk::create_from<Invoice_c>(*o.sf, next, h, opt);
    CHECK(r.jobs.size() >= 3);
    CHECK(progress_calls >= r.jobs.size());
    CHECK(r.produced == total);
    CHECK(r.accounted());
    CHECK(r.succeeded == 4'000);
    CHECK(r.failed == 1'000);
    CHECK(ok.size() == 4'000);
    CHECK(bad.size() == 1'000);
    for (const auto& s : bad) CHECK(bad_row(std::stoul(s.substr(2))));
    std::size_t stored = 0;
    for (const auto& row : o.sf->query<Invoice_c>("SELECT Id FROM Invoice__c")) (void)row, ++stored;
    CHECK(stored == 4'000);

    SUBCASE("upsert from a generator updates what is there") {
        std::size_t k = 0;
        auto again = [&]() -> std::optional<Invoice_c> {
            if (k == 10) return std::nullopt;
            Invoice_c u;
            u.External_Id_c = "G-" + std::to_string(k);
            u.Notes_c = "again";
            ++k;
            return u;
        };
        std::size_t created = 0;
        bulk::stream_handlers<Invoice_c> uh;
        uh.on_success = [&](const Invoice_c&, const sfcpp::id&, bool c) { created += c; };
        const auto u = bulk::upsert_from<Invoice_c>(*o.sf, again, Invoice_c_.External_Id_c, uh, fast());
        CHECK(u.accounted());
        CHECK(u.succeeded == 10);
        CHECK(created == 2);  // G-3 and G-6 failed the first load; the other eight are updated
        std::size_t notes = 0;
        for (const auto& row : o.sf->query<Invoice_c>("SELECT Id FROM Invoice__c WHERE Notes__c = 'again'")) (void)row, ++notes;
        CHECK(notes == 10);
    }
}

TEST_CASE("ingest from a generator: a record outside the columns stops the load after reporting what was sent") {
    org o;
    std::size_t i = 0;
    auto next = [&]() -> std::optional<Invoice_c> {
        if (i == 3'000) return std::nullopt;
        Invoice_c r;
        r.Name = "C " + std::to_string(i);
        if (i == 2'500) r.Notes_c = "not a column";
        ++i;
        return r;
    };
    std::size_t reported = 0;
    bulk::stream_handlers<Invoice_c> h;
    h.on_success = [&](const Invoice_c&, const sfcpp::id&, bool) { ++reported; };
    auto opt = fast();
    opt.max_job_bytes = 5'000;  // about 700 rows a job
    std::size_t listed = 0;
    try {
        bulk::create_from<Invoice_c>(*o.sf, next, h, opt);
        FAIL("expected bulk::ingest_error");
    } catch (const bulk::ingest_error& e) {
        CHECK_THROWS_AS(e.rethrow_original(), sfcpp::encode_error);  // the writer's error, nested
        for (const auto& j : e.jobs()) {
            CHECK(j.submitted);
            CHECK(j.state == bulk::job_state::job_complete);
            CHECK(j.first_row == listed);
            listed += j.rows;
        }
    }
    std::size_t stored = 0;
    for (const auto& row : o.sf->query<Invoice_c>("SELECT Id FROM Invoice__c")) (void)row, ++stored;
    CHECK(stored == reported);  // every record sent was reported before the error left
    CHECK(listed == reported);  // and is in a job the error lists
    CHECK(reported > 0);
    CHECK(reported < 2'500);
}
