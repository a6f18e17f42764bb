// sfcpp/bulk/job.hpp: Bulk API 2.0 job info, states, polling, abort, delete, list.
#pragma once

#include <sfcpp/bulk/state.hpp>
#include <sfcpp/client/client.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/csv/dialect.hpp>

#include <boost/json/fwd.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sfcpp::bulk {

// GET /jobs/ingest/{id} or /jobs/query/{id}, as far as sfcpp needs it.
struct job_info {
    std::string id;
    std::string operation;            // insert, update, upsert, delete, hardDelete, query, queryAll
    std::string object;
    job_state state = job_state::unknown;
    std::string external_id_field;    // upsert
    std::string error_message;        // Failed jobs
    std::string job_type;             // V2Ingest, V2Query
    std::string created_date;
    std::string system_modstamp;
    csv::dialect dialect{};
    double api_version = 0;
    std::int64_t records_processed = 0;  // failures included
    std::int64_t records_failed = 0;
    std::int64_t retries = 0;
    std::int64_t total_processing_time = 0;  // ms

    SFCPP_DECL static job_info parse(std::string_view body);
    SFCPP_DECL static job_info from(const boost::json::object& o);
};

// How often to ask whether a job is done: from `initial`, growing by `factor` up to `max`.
struct poll_options {
    std::chrono::milliseconds initial{250};
    std::chrono::milliseconds max{10'000};
    double factor = 1.5;
    std::chrono::milliseconds timeout{std::chrono::hours(24)};  // then bulk::timeout_error
};

class timeout_error : public error {
public:
    using error::error;
};

namespace detail {

inline std::string jobs_path(job_kind k) { return k == job_kind::ingest ? "jobs/ingest" : "jobs/query"; }
// A job's path: its id (a caller's or a server's) is a path segment, encoded, never more.
inline std::string job_path(job_kind k, std::string_view id) { return jobs_path(k) + "/" + http::path_segment(id); }

SFCPP_DECL request_options not_idempotent();

// Polls until the state is final; `each` sees every answer.
SFCPP_DECL job_info wait(client& sf, job_kind kind, const std::string& id, const poll_options& p,
                         const std::function<void(const job_info&)>& each);

}  // namespace detail

SFCPP_DECL job_info get_job(client& sf, job_kind kind, const std::string& id);

// Polls a job until it has ended (JobComplete, Failed or Aborted); timeout_error past p.timeout.
SFCPP_DECL job_info wait_job(client& sf, job_kind kind, const std::string& id, const poll_options& p = {});

// Stops a job; rows not processed yet are reported as unprocessed.
SFCPP_DECL job_info abort_job(client& sf, job_kind kind, const std::string& id);

// Removes a finished job and its results from the org (not allowed while it is Open or running).
SFCPP_DECL void remove_job(client& sf, job_kind kind, const std::string& id);

// Every job of that kind the org still keeps, following nextRecordsUrl.
SFCPP_DECL std::vector<job_info> list_jobs(client& sf, job_kind kind);

}  // namespace sfcpp::bulk

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/bulk/impl/job.ipp>
#endif
