// Bulk API 2.0 jobs inside the emulator (private to the library): the job record, the one state
// machine both kinds of job follow, the registry that holds them, and the per-kind stages.
#pragma once

#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/bulk.hpp>

#include <sfcpp/bulk/state.hpp>
#include <sfcpp/csv/dialect.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sfcpp_emulator {

using sfcpp::bulk::job_kind;
using sfcpp::bulk::job_state;

// Everything but `id`, `kind` and the definition is guarded by the registry's lock.
struct bulk_job {
    std::string id;
    job_kind kind = job_kind::ingest;
    std::string operation;  // insert update upsert delete hardDelete | query queryAll
    const object_schema* obj = nullptr;
    std::string external_id_field;
    job_state state = job_state::open;
    bool abort_requested = false;  // the worker stops at its next step and ends the job Aborted
    std::string created_date;
    std::string modstamp;
    std::string version;  // "v60.0"
    double api_version = 60.0;
    sfcpp::csv::dialect dialect;
    std::int64_t processed = 0;  // failures included
    std::int64_t failed = 0;
    std::int64_t processing_ms = 0;
    std::string error_message;

    // ingest
    std::string upload;                            // the CSV as uploaded; one header
    std::vector<std::string> header;               // its column names
    std::string successes, failures, unprocessed;  // result rows, without header

    // query
    std::string soql;
    std::string result_header;  // the header row of every page
    std::string rows;           // every result row
    std::vector<std::size_t> row_starts;
};

// What a client (or the worker) asks of a job.
enum class job_request {
    upload,        // PUT .../batches
    close,         // PATCH state UploadComplete
    abort,         // PATCH state Aborted
    remove,        // DELETE
    read_results,  // GET results
    start,         // the worker takes the job
    complete,      // the worker is done
    fail           // the worker gave up
};

// The state `r` takes the job to; nullopt where the state machine does not allow it. A finished
// job whose abort was requested ends Aborted; an abort the worker must carry out leaves the state.
std::optional<job_state> next_state(const bulk_job& j, job_request r) noexcept;

// next_state, or the error Salesforce answers a client with (400 INVALIDJOBSTATE).
job_state transition(const bulk_job& j, job_request r);

// Jobs by id, shared by ingest and query, and the queue the worker takes them from.
class bulk_job_registry {
public:
    explicit bulk_job_registry(const bulk_settings& settings) : settings_(settings) {}

    std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }

    // With lock() held:
    void add(const std::shared_ptr<bulk_job>& j);  // gives it its id
    std::shared_ptr<bulk_job> find(const std::string& id, job_kind kind) const;  // 404 unless there
    std::vector<std::shared_ptr<bulk_job>> list(job_kind kind) const;           // oldest first
    void remove(const std::string& id);
    void enqueue(const std::shared_ptr<bulk_job>& j);

    // For the worker, each taking the lock: the next queued job (waits; nullptr once stopped), and
    // the end of its processing.
    std::shared_ptr<bulk_job> take();
    void processed();
    void stop();
    bool wait_idle(std::chrono::milliseconds timeout);

private:
    const bulk_settings& settings_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::map<std::string, std::shared_ptr<bulk_job>> jobs_;  // by id, in creation order (ids sort so)
    std::deque<std::shared_ptr<bulk_job>> queue_;
    bool busy_ = false;
    bool stopping_ = false;
    std::uint64_t serial_ = 0;
};

// What processing a job needs of the org.
struct bulk_context {
    store& db;
    bulk_job_registry& registry;
    const bulk_settings& settings;
    // Ingest: the rows after which an injected fault fails this job, if one is armed (disarms it).
    std::function<std::optional<std::size_t>()> take_fault;
};

namespace bulk_detail {

[[noreturn]] void bad_job(const std::string& message);  // 400 INVALIDJOB
std::string now_text();
std::string text_of(const boost::json::value& v);  // a JSON value as text, for messages
// `"v"`, with quotes doubled, as Bulk result CSV writes every cell it makes.
void append_quoted(std::string& out, std::string_view v);

// ---- ingest (bulk_ingest.cpp) ------------------------------------------------------------------

// The object, operation and external id of POST /jobs/ingest.
void define_ingest(bulk_job& j, const boost::json::object& body, const schema& objects);
// PUT .../batches: the CSV appended to what the job holds (later uploads repeat the header).
void upload(bulk_job& j, std::string_view csv, std::size_t max_upload_bytes);
// An Open job aborted: all it was given is unprocessed, as uploaded.
void abort_unstarted(bulk_job& j);
void process_ingest(bulk_job& j, const bulk_context& org);
// GET successfulResults, failedResults or unprocessedrecords (`what`).
http_response ingest_results(const bulk_job& j, const std::string& what);

// ---- query (bulk_query.cpp) --------------------------------------------------------------------

// The operation and SOQL of POST /jobs/query; the query must suit Bulk API 2.0.
void define_query(bulk_job& j, const boost::json::object& body, const schema& objects);
void process_query(bulk_job& j, const bulk_context& org);
// GET .../results?locator=&maxRecords=: one page of CSV, asked with API `version`.
http_response query_results(const bulk_job& j, const std::string& version,
                            const std::map<std::string, std::string>& query, std::size_t default_page_rows);

}  // namespace bulk_detail

}  // namespace sfcpp_emulator
