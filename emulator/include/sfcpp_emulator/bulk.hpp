// sfcpp_emulator/bulk.hpp: Bulk API 2.0 (`/jobs/ingest`, `/jobs/query`) for the emulated org.
//
// Jobs follow Salesforce's state machine: ingest jobs are Open until the client sets
// UploadComplete, then a worker thread takes them InProgress and on to JobComplete (or Failed,
// or Aborted by the client); query jobs start at UploadComplete. Rows are checked by the same
// store validation as the REST API, so a bad row fails with the error code REST would give,
// written `CODE:message:fields --` in `sf__Error` as Salesforce writes it.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sfcpp_emulator {

// api.hpp holds a bulk_jobs and includes this header: only declarations here.
class api;
struct http_request;
struct http_response;

struct bulk_settings {
    std::size_t rows_per_step = 2000;            // rows processed between progress updates
    std::chrono::milliseconds step_pause{0};     // wait after each step (to watch InProgress in tests)
    std::size_t max_upload_bytes = 150u << 20;   // per job, as Salesforce counts (base64: raw * 4/3)
    std::size_t default_page_rows = 50'000;      // query results per page without maxRecords
    std::size_t max_kept_jobs = 1000;            // past this, finished jobs are forgotten, oldest first
};

class bulk_job_registry;  // bulk_job.hpp, private to the library

class bulk_jobs {
public:
    explicit bulk_jobs(api& org);
    ~bulk_jobs();  // stops the worker; unfinished jobs stay unfinished
    bulk_jobs(const bulk_jobs&) = delete;
    bulk_jobs& operator=(const bulk_jobs&) = delete;

    // `parts` starts at "jobs": {"jobs", "ingest" | "query", [id], [resource]}. The caller has
    // checked the session. Thread-safe.
    http_response handle(const http_request& req, const std::string& version, const std::vector<std::string>& parts,
                         const std::map<std::string, std::string>& query);

    bulk_settings& settings() noexcept { return settings_; }

    // Fault injection: the next ingest job to run fails (state Failed, errorMessage set) after
    // processing `rows` rows; the rest are reported as unprocessed.
    void fail_next_job_after(std::size_t rows);

    // Blocks until no job is waiting or running (for tests), or the timeout passes.
    bool wait_idle(std::chrono::milliseconds timeout);

private:
    void run();  // the worker thread

    api& org_;
    bulk_settings settings_;
    std::unique_ptr<bulk_job_registry> registry_;
    std::optional<std::size_t> injected_fault_;  // guarded by the registry's lock
    std::thread worker_;
};

}  // namespace sfcpp_emulator
