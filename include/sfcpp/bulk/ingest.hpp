// sfcpp/bulk/ingest.hpp: create, update, upsert and remove (delete, or hardDelete) through Bulk
// API 2.0 ingest jobs, with typed results joined back to the input records.
//
//   auto r = sfcpp::bulk::create(sf, invoices, {.on_progress = show});   // any contiguous range
//   for (const auto& s : r.successes) use(s.record->Name, s.id);
//   for (const auto& f : r.failures) log(f.index, f.error);      // "STRING_TOO_LONG:Name: ... --"
//   assert(r.accounted());   // successes + failures + unprocessed == input, each exactly once
//
// The records are written as CSV (the union of their set fields, or the given columns) and cut
// into several jobs where one upload would pass the per-job limit. The jobs are created,
// uploaded and closed, then polled with backoff until they end. Salesforce does not say which
// input row a result row is; the result CSVs echo the row's cells, and the join matches those
// to the cells written for each input (identical rows are interchangeable).
//
// A load that fails after creating jobs throws bulk::ingest_error, which lists them: the jobs
// already submitted run to the end on the server, so a retry resumes after their rows.
#pragma once

#include <sfcpp/bulk/job.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/csv.hpp>
#include <sfcpp/key.hpp>
#include <sfcpp/record/range.hpp>

#include <algorithm>
#include <exception>
#include <functional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfcpp::bulk {

// The verbs of a load; the Bulk API names them insert, update, upsert, delete and hardDelete
// (remove with ingest_options::hard_delete).
enum class operation : std::uint8_t { create, update, upsert, remove };

// The job's `operation` as Bulk API 2.0 spells it.
constexpr std::string_view to_string(operation o, bool hard_delete = false) noexcept {
    switch (o) {
    case operation::create: return "insert";
    case operation::update: return "update";
    case operation::upsert: return "upsert";
    case operation::remove: return hard_delete ? "hardDelete" : "delete";
    }
    return "insert";
}

// What the progress callback sees after every poll.
struct progress {
    std::size_t job = 0;           // which job answered (0-based)
    std::size_t jobs = 0;          // jobs of this load
    const job_info* info = nullptr;  // that job's latest info
    std::int64_t processed = 0;    // records processed over every job so far (failures included)
    std::int64_t failed = 0;
    std::size_t total = 0;         // input records
};

struct ingest_options {
    csv::dialect dialect{};
    // Raw CSV bytes per job. Salesforce takes 150 MB per job after base64 encoding, which makes
    // about 100 MB of CSV; more records are spread over several jobs.
    std::size_t max_job_bytes = 100'000'000;
    poll_options poll{};
    std::function<void(const progress&)> on_progress;
    // The header; empty: the union of the fields set in the records (for delete: Id).
    std::vector<std::string> columns;
    // Remove the jobs from the org once their results are read.
    bool remove_jobs = false;
    // remove: erase the records at once instead of moving them to the recycle bin (hardDelete;
    // needs the "Bulk API Hard Delete" permission).
    bool hard_delete = false;
};

template <class T>
struct success {
    std::size_t index;   // in the input
    const T* record;     // the input record
    sfcpp::id id;        // sf__Id
    bool created;        // sf__Created
};

template <class T>
struct failure {
    std::size_t index;
    const T* record;
    std::string error;   // sf__Error: "CODE:message:fields --"
    std::string_view code() const noexcept { return std::string_view(error).substr(0, error.find(':')); }
};

template <class T>
struct unprocessed_row {
    std::size_t index;
    const T* record;
};

template <class T>
struct ingest_result {
    std::vector<job_info> jobs;                 // final info of every job
    std::vector<success<T>> successes;
    std::vector<failure<T>> failures;
    std::vector<unprocessed_row<T>> unprocessed;  // not processed (job failed midway or aborted)
    std::vector<std::size_t> missing;           // inputs no result file mentions
    std::size_t unmatched_result_rows = 0;      // result rows that matched no input
    std::size_t input_size = 0;

    // Every input record is in exactly one of successes, failures and unprocessed.
    bool accounted() const noexcept {
        return missing.empty() && unmatched_result_rows == 0 &&
               successes.size() + failures.size() + unprocessed.size() == input_size;
    }
    bool all_succeeded() const noexcept { return accounted() && successes.size() == input_size; }
};

// A job of a load that failed, as sfcpp last saw it.
struct ingest_job {
    std::string id;
    job_state state = job_state::unknown;
    std::size_t first_row = 0;  // the records it holds: [first_row, first_row + rows) of the input
    std::size_t rows = 0;       // (for create_from and the like: of the records the source produced, in order)
    // Its close was accepted: Salesforce runs (or ran) its rows to the end, committing them.
    bool submitted = false;
};

// A load failed after it had created jobs. jobs() lists them in input order with their last known
// state. Every job but the last was submitted; bulk::wait_job waits for one to end. The last was
// too, unless its upload or close failed: then sfcpp aborted it (state Aborted), or tried to (Open:
// the abort failed too; Unknown: the close failed, then the abort, so it may run after all).
// Resume after the rows of the last submitted job and nothing is loaded twice.
// what() is the original error's message, then the jobs. The original exception is nested:
// rethrow_original() (or std::rethrow_if_nested) throws it, to be caught as before.
class ingest_error : public error, public std::nested_exception {
public:
    // Call in a handler: the exception being handled becomes the nested original.
    ingest_error(const std::string& original_what, std::vector<ingest_job> jobs)
        : error(describe(original_what, jobs)), jobs_(std::move(jobs)) {}

    const std::vector<ingest_job>& jobs() const noexcept { return jobs_; }
    std::exception_ptr original() const noexcept { return nested_ptr(); }
    [[noreturn]] SFCPP_DECL void rethrow_original() const;

private:
    SFCPP_DECL static std::string describe(const std::string& original_what, const std::vector<ingest_job>& jobs);

    std::vector<ingest_job> jobs_;
};

namespace detail {

// In a handler: rethrows the exception being handled as is when no job was created, otherwise as
// an ingest_error listing the jobs.
[[noreturn]] SFCPP_DECL void rethrow_with_jobs(std::vector<ingest_job> jobs);

struct raw_outcome {
    std::vector<job_info> jobs;
    struct ok { std::size_t index; sfcpp::id id; bool created; };
    struct bad { std::size_t index; std::string error; };
    std::vector<ok> successes;
    std::vector<bad> failures;
    std::vector<std::size_t> unprocessed;
    std::vector<std::size_t> missing;
    std::size_t unmatched_result_rows = 0;
};

// The cells of a row, length-prefixed so that no two rows share a key by accident.
template <class Range>
std::string row_key(const Range& cells, std::size_t from) {
    std::string k;
    for (std::size_t i = from; i < cells.size(); ++i) {
        std::string_view t(cells[i]);
        k += std::to_string(t.size());
        k += ':';
        k.append(t.data(), t.size());
    }
    return k;
}

struct job_slice {
    std::string id;
    std::size_t from, to;  // input records [from, to)
};

// Matches result rows back to the inputs of one job, in non-template code.
class joiner {
public:
    SFCPP_DECL joiner(csv::detail::row_writer& w, const object_info& info, const void* base, const job_slice& s);

    // The input index for the result row `cells[from..]`, or npos.
    SFCPP_DECL std::size_t match(std::span<const csv::cell> row, std::size_t from);

    SFCPP_DECL void missing(std::vector<std::size_t>& out) const;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    const void* record(std::size_t i) const {
        return static_cast<const char*>(base_) + i * info_->ops.size;
    }
    static std::size_t hash(const std::string& s) { return std::hash<std::string>{}(s); }

    csv::detail::row_writer* w_;
    const object_info* info_;
    const void* base_;
    job_slice slice_;
    std::vector<std::pair<std::size_t, std::size_t>> keys_;  // (hash, input index)
    std::vector<char> taken_;
};

SFCPP_DECL void read_results(client& sf, const job_slice& s, const job_info& info, joiner& join, raw_outcome& out);

// Creates, uploads and closes one job, recording it in `jobs` as soon as it exists. When the upload
// or the close fails the job is aborted (best effort: the original error is what leaves), so that
// it is not left Open.
SFCPP_DECL job_slice start_job(client& sf, const std::string& create_body, std::string&& csv_text, std::size_t from,
                               std::size_t to, std::vector<ingest_job>& jobs);

// The body of POST /jobs/ingest.
SFCPP_DECL std::string job_definition(const object_info& info, operation op, const ingest_options& opt,
                                      std::string_view external_id);

// An upsert matches on its key, so every row must carry it.
SFCPP_DECL void require_key_column(const std::vector<csv::column>& cols, std::string_view external_id);

// run_ingest's jobs: cut, submitted, polled, their results read; `created` follows them.
SFCPP_DECL raw_outcome run_jobs(client& sf, const object_info& info, const void* base, std::size_t n,
                                csv::detail::row_writer& w, const std::string& create_body, const ingest_options& opt,
                                std::vector<ingest_job>& created);

// The whole flow over the type-erased records [base, base + n * size).
SFCPP_DECL raw_outcome run_ingest(client& sf, const object_info& info, const void* base, std::size_t n, operation op,
                                  std::string_view external_id, const ingest_options& opt);

}  // namespace detail

namespace detail {

// Runs `op` over `records`; `key` is the upsert key's API name, already checked.
template <record T>
ingest_result<T> ingest(client& sf, operation op, std::span<const T> records, const ingest_options& opt,
                        std::string_view key = {}) {
    raw_outcome raw = run_ingest(sf, T::sfcpp_info(), records.data(), records.size(), op, key, opt);
    ingest_result<T> r;
    r.input_size = records.size();
    r.jobs = std::move(raw.jobs);
    r.successes.reserve(raw.successes.size());
    for (auto& s : raw.successes) r.successes.push_back({s.index, &records[s.index], s.id, s.created});
    r.failures.reserve(raw.failures.size());
    for (auto& f : raw.failures) r.failures.push_back({f.index, &records[f.index], std::move(f.error)});
    for (auto i : raw.unprocessed) r.unprocessed.push_back({i, &records[i]});
    r.missing = std::move(raw.missing);
    r.unmatched_result_rows = raw.unmatched_result_rows;
    return r;
}

template <class R>
std::span<const range_record_t<R>> as_span(R& records) {
    return {std::ranges::data(records), std::ranges::size(records)};
}

}  // namespace detail

template <record_block R>
ingest_result<range_record_t<R>> create(client& sf, R&& records, const ingest_options& opt = {}) {
    return detail::ingest(sf, operation::create, detail::as_span(records), opt);
}
template <record_block R>
ingest_result<range_record_t<R>> update(client& sf, R&& records, const ingest_options& opt = {}) {
    return detail::ingest(sf, operation::update, detail::as_span(records), opt);
}
// Upsert by a key field (`Invoice_c_.External_Id_c`: externalId or idLookup, checked at compile
// time); every record must set it.
template <record_block R, field_tag Key>
ingest_result<range_record_t<R>> upsert(client& sf, R&& records, Key, const ingest_options& opt = {}) {
    static_assert(sfcpp::detail::check_key<range_record_t<R>, Key>());
    return detail::ingest(sf, operation::upsert, detail::as_span(records), opt, Key::name);
}
// The records with these Ids (only Id is sent) to the recycle bin, or erased with
// `{.hard_delete = true}`.
template <record_block R>
ingest_result<range_record_t<R>> remove(client& sf, R&& records, const ingest_options& opt = {}) {
    return detail::ingest(sf, operation::remove, detail::as_span(records), opt);
}

}  // namespace sfcpp::bulk

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/bulk/impl/ingest.ipp>
#endif
