// A multi-job ingest that fails midway: the jobs already submitted are reported (ids, states,
// rows) so that a resume inserts nothing twice, and a job whose upload or close failed is aborted
// instead of left Open. The client talks to the emulator through fault_proxy.hpp, which fails the
// chosen request.
#include "fault_proxy.hpp"

#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/bulk.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp_emulator/server.hpp>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <optional>

namespace bulk = sfcpp::bulk;
using sobjects::Invoice_c;
using verb = boost::beast::http::verb;

namespace {

// The emulator, and a client whose every request goes through the proxy.
struct proxied_org {
    sfcpp_emulator::server srv{sfcpp_emulator::options{}};
    std::unique_ptr<bulk_test::fault_proxy> proxy;
    std::shared_ptr<sfcpp::http::transport> transport = std::make_shared<sfcpp::http::transport>();
    std::shared_ptr<sfcpp::auth::session> session;
    std::unique_ptr<sfcpp::client> sf;

    proxied_org() {
        srv.start();
        proxy = std::make_unique<bulk_test::fault_proxy>(srv.port());
        sfcpp::auth::token tok;
        tok.access_token = srv.issue_token();
        tok.instance_url = proxy->url();
        session = std::make_shared<sfcpp::auth::session>(transport, tok, sfcpp::auth::refresh_settings{});
        sfcpp::client_options co;
        co.retry.base_delay = std::chrono::milliseconds(5);
        co.retry.max_delay = std::chrono::milliseconds(50);
        sf = std::make_unique<sfcpp::client>(session, co);
    }

    // External_Id__c -> how many Invoice__c rows carry it.
    std::map<std::string, int> stored() {
        std::map<std::string, int> out;
        for (const auto& r : sf->query<Invoice_c>("SELECT Id, External_Id__c FROM Invoice__c"))
            ++out[r.External_Id_c.value()];
        return out;
    }
    std::vector<bulk::job_info> open_jobs() {
        std::vector<bulk::job_info> out;
        for (auto& j : bulk::list_jobs(*sf, bulk::job_kind::ingest))
            if (j.state == bulk::job_state::open) out.push_back(j);
        return out;
    }
};

bulk::ingest_options fast() {
    bulk::ingest_options o;
    o.poll.initial = std::chrono::milliseconds(5);
    o.poll.max = std::chrono::milliseconds(50);
    o.max_job_bytes = 10'000;  // a few hundred rows a job
    return o;
}

Invoice_c invoice(std::size_t i) {
    Invoice_c r;
    r.Name = "Invoice " + std::to_string(i);
    r.External_Id_c = "R-" + std::to_string(i);
    return r;
}

std::vector<Invoice_c> invoices(std::size_t n) {
    std::vector<Invoice_c> v;
    for (std::size_t i = 0; i < n; ++i) v.push_back(invoice(i));
    return v;
}

// Every External_Id__c of in[from, to), once each.
std::map<std::string, int> once(std::size_t from, std::size_t to) {
    std::map<std::string, int> m;
    for (std::size_t i = from; i < to; ++i) m["R-" + std::to_string(i)] = 1;
    return m;
}

const std::string limit_body = R"([{"errorCode":"LIMIT_EXCEEDED","message":"Max number of Bulk API jobs reached"}])";
const std::string upload_body = R"([{"errorCode":"INVALIDJOB","message":"the upload was refused"}])";

bulk::ingest_error expect_ingest_error(const std::function<void()>& run) {
    try {
        run();
    } catch (const bulk::ingest_error& e) {
        return e;
    }
    FAIL("expected bulk::ingest_error");
    throw std::logic_error("unreachable");
}

template <class E>
bool original_is(const bulk::ingest_error& e) {
    try {
        e.rethrow_original();
    } catch (const E&) {
        return true;
    } catch (...) {
    }
    return false;
}

}  // namespace

TEST_CASE("multi-job insert, job 2's create refused: the error lists job 1, which commits once; a resume adds the rest once") {
    proxied_org o;
    const auto in = invoices(2'000);
    o.proxy->add({.method = verb::post, .target_part = "/jobs/ingest", .from = 2, .status = 400, .body = limit_body});
    const auto e = expect_ingest_error([&] { bulk::create(*o.sf, in, fast()); });
    CHECK(std::string(e.what()).find("LIMIT_EXCEEDED") != std::string::npos);  // the original's message
    CHECK(original_is<sfcpp::validation_error>(e));                            // and the original itself
    REQUIRE(e.jobs().size() == 1);
    const auto& job1 = e.jobs()[0];
    CHECK_FALSE(job1.id.empty());
    CHECK(job1.state == bulk::job_state::upload_complete);
    CHECK(job1.submitted);
    CHECK(job1.first_row == 0);
    REQUIRE(job1.rows > 0);
    REQUIRE(job1.rows < in.size());
    CHECK(std::string(e.what()).find(job1.id) != std::string::npos);

    // Job 1 was submitted: it runs to the end on its own, exactly once.
    const auto done = bulk::wait_job(*o.sf, bulk::job_kind::ingest, job1.id, fast().poll);
    CHECK(done.state == bulk::job_state::job_complete);
    CHECK(done.records_processed == static_cast<std::int64_t>(job1.rows));
    CHECK(o.stored() == once(0, job1.rows));

    // Resuming after the rows the submitted jobs hold loads every record exactly once.
    o.proxy->clear();
    const auto r = bulk::create(*o.sf, std::span<const Invoice_c>(in).subspan(job1.first_row + job1.rows), fast());
    CHECK(r.all_succeeded());
    CHECK(o.stored() == once(0, in.size()));
    CHECK(o.open_jobs().empty());
}

TEST_CASE("a failed CSV upload aborts its job instead of leaving it Open") {
    proxied_org o;
    const auto in = invoices(2'000);
    SUBCASE("the first job's upload") {
        o.proxy->add({.method = verb::put, .target_part = "/batches", .status = 400, .body = upload_body});
        const auto e = expect_ingest_error([&] { bulk::create(*o.sf, in, fast()); });
        CHECK(original_is<sfcpp::validation_error>(e));
        CHECK(std::string(e.what()).find("INVALIDJOB") != std::string::npos);
        REQUIRE(e.jobs().size() == 1);
        CHECK(e.jobs()[0].state == bulk::job_state::aborted);
        CHECK_FALSE(e.jobs()[0].submitted);
        CHECK(e.jobs()[0].first_row == 0);
        CHECK(e.jobs()[0].rows > 0);
        CHECK(bulk::get_job(*o.sf, bulk::job_kind::ingest, e.jobs()[0].id).state == bulk::job_state::aborted);
        CHECK(o.open_jobs().empty());
        CHECK(o.stored().empty());
    }
    SUBCASE("the second job's upload: job 1 is listed as submitted, job 2 as aborted") {
        o.proxy->add({.method = verb::put, .target_part = "/batches", .from = 2, .status = 400, .body = upload_body});
        const auto e = expect_ingest_error([&] { bulk::create(*o.sf, in, fast()); });
        REQUIRE(e.jobs().size() == 2);
        const auto& job1 = e.jobs()[0];
        const auto& job2 = e.jobs()[1];
        CHECK(job1.state == bulk::job_state::upload_complete);
        CHECK(job1.submitted);
        CHECK(job2.state == bulk::job_state::aborted);
        CHECK_FALSE(job2.submitted);
        CHECK(job2.first_row == job1.first_row + job1.rows);
        CHECK(o.open_jobs().empty());
        CHECK(bulk::wait_job(*o.sf, bulk::job_kind::ingest, job1.id, fast().poll).state == bulk::job_state::job_complete);
        CHECK(bulk::get_job(*o.sf, bulk::job_kind::ingest, job2.id).state == bulk::job_state::aborted);
        CHECK(o.stored() == once(0, job1.rows));
    }
}

TEST_CASE("a failed close aborts the job; a failed abort keeps the upload's error and says the job is still Open") {
    proxied_org o;
    const auto in = invoices(100);
    SUBCASE("the close is refused") {
        o.proxy->add({.method = verb::patch, .target_part = "/jobs/ingest/", .body_part = "UploadComplete", .status = 400,
                      .body = upload_body});
        const auto e = expect_ingest_error([&] { bulk::create(*o.sf, in, fast()); });
        REQUIRE(e.jobs().size() == 1);
        CHECK(e.jobs()[0].state == bulk::job_state::aborted);
        CHECK(e.jobs()[0].rows == in.size());
        CHECK(o.open_jobs().empty());
    }
    SUBCASE("the close and then the abort are refused: the job may have been closed, its state is Unknown") {
        o.proxy->add({.method = verb::patch, .target_part = "/jobs/ingest/", .body_part = "UploadComplete", .status = 400,
                      .body = upload_body});
        o.proxy->add({.method = verb::patch, .target_part = "/jobs/ingest/", .body_part = "Aborted", .status = 400,
                      .body = R"([{"errorCode":"ABORT_REFUSED","message":"no"}])"});
        const auto e = expect_ingest_error([&] { bulk::create(*o.sf, in, fast()); });
        REQUIRE(e.jobs().size() == 1);
        CHECK(e.jobs()[0].state == bulk::job_state::unknown);
        CHECK_FALSE(e.jobs()[0].submitted);
        CHECK(std::string(e.what()).find(e.jobs()[0].id + " Unknown rows [0, 100)") != std::string::npos);
    }
    SUBCASE("the upload and then the abort are refused") {
        o.proxy->add({.method = verb::put, .target_part = "/batches", .status = 400, .body = upload_body});
        o.proxy->add({.method = verb::patch, .target_part = "/jobs/ingest/", .body_part = "Aborted", .status = 400,
                      .body = R"([{"errorCode":"ABORT_REFUSED","message":"no"}])"});
        const auto e = expect_ingest_error([&] { bulk::create(*o.sf, in, fast()); });
        CHECK(original_is<sfcpp::validation_error>(e));
        CHECK(std::string(e.what()).find("INVALIDJOB") != std::string::npos);
        CHECK(std::string(e.what()).find("ABORT_REFUSED") == std::string::npos);
        REQUIRE(e.jobs().size() == 1);
        CHECK(e.jobs()[0].state == bulk::job_state::open);
        CHECK_FALSE(e.jobs()[0].submitted);
        const auto open = o.open_jobs();
        REQUIRE(open.size() == 1);
        CHECK(open[0].id == e.jobs()[0].id);
    }
}

TEST_CASE("ingest from a generator, job 2's create or upload refused: the error lists what was submitted") {
    proxied_org o;
    std::size_t produced = 0;
    auto next = [&]() -> std::optional<Invoice_c> {
        if (produced == 2'000) return std::nullopt;
        return invoice(produced++);
    };
    std::size_t reported = 0;
    bulk::stream_handlers<Invoice_c> h;
    h.on_success = [&](const Invoice_c&, const sfcpp::id&, bool) { ++reported; };
    bool upload = false;
    SUBCASE("create") {}
    SUBCASE("upload") { upload = true; }
    if (upload) o.proxy->add({.method = verb::put, .target_part = "/batches", .from = 2, .status = 400, .body = upload_body});
    else o.proxy->add({.method = verb::post, .target_part = "/jobs/ingest", .from = 2, .status = 400, .body = limit_body});

    const auto e = expect_ingest_error([&] { bulk::create_from<Invoice_c>(*o.sf, next, h, fast()); });
    CHECK(original_is<sfcpp::validation_error>(e));
    REQUIRE(e.jobs().size() == (upload ? 2u : 1u));
    const auto& job1 = e.jobs()[0];
    CHECK(job1.state == bulk::job_state::job_complete);  // waited for and reported before job 2 started
    CHECK(job1.submitted);
    CHECK(job1.first_row == 0);
    CHECK(job1.rows == reported);
    if (upload) {
        CHECK(e.jobs()[1].state == bulk::job_state::aborted);
        CHECK(e.jobs()[1].first_row == job1.rows);
    }
    CHECK(o.open_jobs().empty());
    CHECK(o.stored() == once(0, job1.rows));

    // A resume starts at the first row no submitted job holds.
    o.proxy->clear();
    produced = job1.first_row + job1.rows;
    const auto r = bulk::create_from<Invoice_c>(*o.sf, next, h, fast());
    CHECK(r.accounted());
    CHECK(o.stored() == once(0, 2'000));
}
