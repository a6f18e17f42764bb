// The emulator's private stages, tested without HTTP: the Bulk job state machine and HTTP dates.
#include "bulk_job.hpp"
#include "http_date.hpp"
#include "soql_stages.hpp"

#include <doctest/doctest.h>

using namespace sfcpp_emulator;
using R = job_request;
using S = job_state;

namespace {

bulk_job job_in(job_kind kind, job_state state) {
    bulk_job j;
    j.kind = kind;
    j.state = state;
    return j;
}

std::string refusal(const bulk_job& j, job_request r) {
    try {
        transition(j, r);
    } catch (const api_exception& e) {
        CHECK(e.error().status == 400);
        CHECK(e.error().error_code == "INVALIDJOBSTATE");
        return e.error().message;
    }
    return "(allowed)";
}

}  // namespace

TEST_CASE("bulk: an ingest job goes Open, UploadComplete, InProgress, JobComplete") {
    auto j = job_in(job_kind::ingest, S::open);
    CHECK(next_state(j, R::upload) == S::open);
    CHECK(next_state(j, R::close) == S::upload_complete);
    CHECK(next_state(j, R::abort) == S::aborted);  // nothing to stop: at once
    CHECK_FALSE(next_state(j, R::start));
    CHECK_FALSE(next_state(j, R::remove));
    CHECK_FALSE(next_state(j, R::read_results));
    j.state = S::upload_complete;
    CHECK_FALSE(next_state(j, R::upload));
    CHECK(next_state(j, R::abort) == S::upload_complete);  // the worker writes the unprocessed rows
    CHECK(next_state(j, R::remove) == S::upload_complete);
    CHECK(next_state(j, R::start) == S::in_progress);
    j.state = S::in_progress;
    CHECK(next_state(j, R::complete) == S::job_complete);
    CHECK(next_state(j, R::fail) == S::failed);
    CHECK_FALSE(next_state(j, R::remove));
    for (auto end : {S::job_complete, S::failed, S::aborted}) {
        j.state = end;
        CHECK(next_state(j, R::read_results) == end);
        CHECK(next_state(j, R::remove) == end);
        CHECK_FALSE(next_state(j, R::abort));
    }
}

TEST_CASE("bulk: a query job starts UploadComplete and is only ever aborted by its client") {
    auto j = job_in(job_kind::query, S::upload_complete);
    CHECK_FALSE(next_state(j, R::close));
    CHECK_FALSE(next_state(j, R::upload));
    CHECK_FALSE(next_state(j, R::remove));
    CHECK(next_state(j, R::abort) == S::aborted);  // queued: the worker skips it
    CHECK(next_state(j, R::start) == S::in_progress);
    j.state = S::in_progress;
    CHECK(next_state(j, R::abort) == S::in_progress);
    CHECK(next_state(j, R::complete) == S::job_complete);
    j.state = S::failed;
    CHECK_FALSE(next_state(j, R::read_results));  // results only of a JobComplete query job
    CHECK(next_state(j, R::remove) == S::failed);
}

TEST_CASE("bulk: a job whose abort was asked for ends Aborted, and is not aborted twice") {
    auto j = job_in(job_kind::ingest, S::in_progress);
    j.abort_requested = true;
    CHECK(next_state(j, R::complete) == S::aborted);
    CHECK(next_state(j, R::fail) == S::aborted);
    CHECK_FALSE(next_state(j, R::abort));
    CHECK(refusal(j, R::abort) == "Aborting already InProgress Job not allowed");
}

TEST_CASE("bulk: refused requests give Salesforce's INVALIDJOBSTATE messages") {
    CHECK(refusal(job_in(job_kind::ingest, S::job_complete), R::abort) == "Aborting already Completed Job not allowed");
    CHECK(refusal(job_in(job_kind::query, S::job_complete), R::abort) == "Aborting a job in state JobComplete is not allowed");
    CHECK(refusal(job_in(job_kind::ingest, S::in_progress), R::close) == "Closing a job in state InProgress is not allowed");
    CHECK(refusal(job_in(job_kind::ingest, S::aborted), R::upload) ==
          "Uploading data to a job in state Aborted is not allowed");
    CHECK(refusal(job_in(job_kind::ingest, S::open), R::remove) ==
          "Deleting a job in state Open is not allowed; abort it first");
    CHECK(refusal(job_in(job_kind::ingest, S::open), R::read_results) ==
          "Results are available once the job is JobComplete, Failed or Aborted; it is Open");
    CHECK(refusal(job_in(job_kind::query, S::in_progress), R::read_results) ==
          "Results are available once the job is JobComplete; it is InProgress");
    CHECK(refusal(job_in(job_kind::ingest, S::open), R::close) == "(allowed)");
}

TEST_CASE("HTTP dates are written and read in the IMF-fixdate form") {
    using namespace std::chrono;
    CHECK(http_date::format(sys_seconds{seconds{784111777}}) == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(http_date::format(sys_seconds{}) == "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK(http_date::parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK(http_date::parse(std::string(schema::fixed_last_modified)) == 1704067200);
    CHECK(http_date::parse("Sun, 06 Nov 1994") == -1);
    CHECK(http_date::parse("Sun, 06 Foo 1994 08:49:37 GMT") == -1);
}

TEST_CASE("SOQL date literals are the ones translate knows") {
    CHECK(soql::is_date_literal("LAST_N_DAYS"));
    CHECK(soql::is_date_literal("THIS_QUARTER"));
    CHECK_FALSE(soql::is_date_literal("LAST_FORTNIGHT"));
}
