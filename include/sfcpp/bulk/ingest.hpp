// sfcpp/bulk/ingest.hpp: insert, update, upsert, delete and hardDelete through Bulk API 2.0
// ingest jobs, with typed results joined back to the input records.
//
//   auto r = sfcpp::bulk::insert(sf, std::span<const Invoice_c>(invoices), {.on_progress = show});
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
#include <sfcpp/csv.hpp>

#include <algorithm>
#include <exception>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfcpp::bulk {

enum class operation : std::uint8_t { insert, update, upsert, delete_, hard_delete };

constexpr std::string_view to_string(operation o) noexcept {
    switch (o) {
    case operation::insert: return "insert";
    case operation::update: return "update";
    case operation::upsert: return "upsert";
    case operation::delete_: return "delete";
    case operation::hard_delete: return "hardDelete";
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
    // Delete the jobs once their results are read.
    bool delete_jobs = false;
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
    std::size_t rows = 0;       // (for ingest_from: of the records the source produced, in order)
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
    [[noreturn]] void rethrow_original() const {
        if (!nested_ptr()) throw error(what());
        rethrow_nested();
    }

private:
    static std::string describe(const std::string& original_what, const std::vector<ingest_job>& jobs) {
        std::string m = original_what + " [sfcpp::bulk: " + std::to_string(jobs.size()) +
                        (jobs.size() == 1 ? " job" : " jobs") + " created before the failure:";
        for (std::size_t k = 0; k < jobs.size(); ++k) {
            if (k == 8) {
                m += " ... (" + std::to_string(jobs.size() - k) + " more)";
                break;
            }
            const auto& j = jobs[k];
            m += (k ? ", " : " ") + j.id + " " + std::string(to_string(j.state)) + " rows [" +
                 std::to_string(j.first_row) + ", " + std::to_string(j.first_row + j.rows) + ")";
        }
        return m + "]";
    }

    std::vector<ingest_job> jobs_;
};

namespace detail {

// In a handler: rethrows the exception being handled as is when no job was created, otherwise as
// an ingest_error listing the jobs.
[[noreturn]] inline void rethrow_with_jobs(std::vector<ingest_job> jobs) {
    if (jobs.empty()) throw;
    std::string what;
    try {
        throw;
    } catch (const ingest_error&) {
        throw;  // already lists them
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "sfcpp::bulk: a load failed with an exception that is not a std::exception";
    }
    throw ingest_error(what, std::move(jobs));
}

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
    joiner(csv::detail::row_writer& w, const object_info& info, const void* base, const job_slice& s)
        : w_(&w), info_(&info), base_(base), slice_(s), taken_(s.to - s.from, 0) {
        std::vector<std::string> cells;
        keys_.reserve(s.to - s.from);
        for (std::size_t i = s.from; i < s.to; ++i) {
            w.cell_texts(record(i), cells);
            keys_.emplace_back(hash(row_key(cells, 0)), i);
        }
        std::sort(keys_.begin(), keys_.end());
    }

    // The input index for the result row `cells[from..]`, or npos.
    std::size_t match(std::span<const csv::cell> row, std::size_t from) {
        std::vector<std::string_view> texts;
        texts.reserve(row.size());
        for (const auto& c : row) texts.push_back(c.text);
        const std::string key = row_key(texts, from);
        const std::size_t h = hash(key);
        auto it = std::lower_bound(keys_.begin(), keys_.end(), std::make_pair(h, std::size_t{0}));
        std::vector<std::string> cells;
        for (; it != keys_.end() && it->first == h; ++it) {
            const std::size_t idx = it->second;
            if (taken_[idx - slice_.from]) continue;
            w_->cell_texts(record(idx), cells);
            if (row_key(cells, 0) != key) continue;
            taken_[idx - slice_.from] = 1;
            return idx;
        }
        return npos;
    }

    void missing(std::vector<std::size_t>& out) const {
        for (std::size_t i = 0; i < taken_.size(); ++i)
            if (!taken_[i]) out.push_back(slice_.from + i);
    }

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

inline void read_results(client& sf, const job_slice& s, const job_info& info, joiner& join, raw_outcome& out) {
    const std::string base = job_path(job_kind::ingest, s.id) + "/";
    request_options ro;
    ro.headers.emplace_back("Accept", "text/csv");
    for (const char* which : {"successfulResults", "failedResults", "unprocessedrecords"}) {
        const std::string body = sf.send(http::verb::get, base + which, {}, ro).body;
        csv::tokenizer t(info.dialect);
        t.feed(body);
        t.finish();
        std::span<const csv::cell> row;
        if (!t.next(row)) continue;  // no header: nothing
        const std::string_view kind = which;
        const std::size_t from = kind == "unprocessedrecords" ? 0 : 2;
        while (t.next(row)) {
            if (row.size() < from) throw decode_error("sfcpp::bulk: a result row without its sf__ columns");
            const std::size_t idx = join.match(row, from);
            if (idx == joiner::npos) {
                ++out.unmatched_result_rows;
                continue;
            }
            if (kind == "successfulResults") {
                auto id = sfcpp::id::parse(row[0].text);
                if (!id) throw decode_error("sfcpp::bulk: sf__Id is not an id: " + sfcpp::detail::quote_excerpt(row[0].text));
                out.successes.push_back({idx, *id, row[1].text == "true"});
            } else if (kind == "failedResults") {
                out.failures.push_back({idx, std::string(row[1].text)});
            } else {
                out.unprocessed.push_back(idx);
            }
        }
    }
}

// Creates, uploads and closes one job, recording it in `jobs` as soon as it exists. When the upload
// or the close fails the job is aborted (best effort: the original error is what leaves), so that
// it is not left Open.
inline job_slice start_job(client& sf, const std::string& create_body, std::string&& csv_text, std::size_t from,
                           std::size_t to, std::vector<ingest_job>& jobs) {
    const job_info created = job_info::parse(sf.send(http::verb::post, "jobs/ingest", create_body, not_idempotent()).body);
    jobs.push_back({created.id, job_state::open, from, to - from});
    bool uploaded = false;
    try {
        request_options put = not_idempotent();
        put.headers.emplace_back("Content-Type", "text/csv");
        sf.send(http::verb::put, job_path(job_kind::ingest, created.id) + "/batches", std::move(csv_text), put);
        uploaded = true;
        sf.send(http::verb::patch, job_path(job_kind::ingest, created.id), R"({"state":"UploadComplete"})", not_idempotent());
    } catch (...) {
        // A failed close may have been applied (its answer lost): unknown until the abort answers.
        jobs.back().state = uploaded ? job_state::unknown : job_state::open;
        try {
            jobs.back().state = abort_job(sf, job_kind::ingest, created.id).state;
        } catch (...) {
        }
        throw;
    }
    jobs.back().state = job_state::upload_complete;
    jobs.back().submitted = true;
    return {created.id, from, to};
}

// The body of POST /jobs/ingest.
inline std::string job_definition(const object_info& info, operation op, const csv::dialect& d,
                                  std::string_view external_id) {
    boost::json::object def{{"object", info.name},
                            {"operation", to_string(op)},
                            {"contentType", "CSV"},
                            {"columnDelimiter", csv::to_string(d.delimiter)},
                            {"lineEnding", csv::to_string(d.line_ending)}};
    if (op == operation::upsert) def["externalIdFieldName"] = external_id;
    return boost::json::serialize(def);
}

// An upsert matches on its key, so every row must carry it.
inline void require_key_column(const std::vector<csv::column>& cols, std::string_view external_id) {
    if (std::none_of(cols.begin(), cols.end(),
                     [&](const csv::column& c) { return c.f && c.kind == csv::column::field && c.f->name == external_id; }))
        throw error("sfcpp::bulk: upsert on " + std::string(external_id) + ", but it is not one of the columns");
}

// run_ingest's jobs: cut, submitted, polled, their results read; `created` follows them.
inline raw_outcome run_jobs(client& sf, const object_info& info, const void* base, std::size_t n,
                            csv::detail::row_writer& w, const std::string& create_body, const ingest_options& opt,
                            std::vector<ingest_job>& created) {
    auto rec = [&](std::size_t i) { return static_cast<const char*>(base) + i * info.ops.size; };
    std::string header;
    w.append_header(header);
    std::vector<job_slice> slices;
    std::string buf = header;
    std::size_t from = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t before = buf.size();
        w.append_row(buf, rec(i));
        if (buf.size() <= opt.max_job_bytes) continue;
        if (i == from) throw error("sfcpp::bulk: record " + std::to_string(i) + " alone exceeds max_job_bytes");
        buf.resize(before);
        slices.push_back(start_job(sf, create_body, std::move(buf), from, i, created));
        buf = header;
        from = i;
        w.append_row(buf, rec(i));
    }
    if (n > from || slices.empty()) slices.push_back(start_job(sf, create_body, std::move(buf), from, n, created));
    std::string().swap(buf);

    // Poll every job until each has ended.
    raw_outcome out;
    std::vector<job_info> latest(slices.size());
    std::vector<char> done(slices.size(), 0);
    const auto deadline = std::chrono::steady_clock::now() + opt.poll.timeout;
    auto delay = opt.poll.initial;
    for (std::size_t remaining = slices.size(); remaining > 0;) {
        for (std::size_t k = 0; k < slices.size(); ++k) {
            if (done[k]) continue;
            latest[k] = get_job(sf, job_kind::ingest, slices[k].id);
            created[k].state = latest[k].state;
            if (is_final(latest[k].state)) {
                done[k] = 1;
                --remaining;
            }
            if (opt.on_progress) {
                progress p;
                p.job = k;
                p.jobs = slices.size();
                p.info = &latest[k];
                p.total = n;
                for (const auto& j : latest) {
                    p.processed += j.records_processed;
                    p.failed += j.records_failed;
                }
                opt.on_progress(p);
            }
        }
        if (remaining == 0) break;
        if (std::chrono::steady_clock::now() + delay > deadline)
            throw timeout_error("sfcpp::bulk: ingest jobs still running when the polling timeout ran out");
        std::this_thread::sleep_for(delay);
        delay = std::min(opt.poll.max,
                         std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * opt.poll.factor) + 1));
    }

    for (std::size_t k = 0; k < slices.size(); ++k) {
        joiner join(w, info, base, slices[k]);
        read_results(sf, slices[k], latest[k], join, out);
        join.missing(out.missing);
        if (opt.delete_jobs) delete_job(sf, job_kind::ingest, slices[k].id);
    }
    out.jobs = std::move(latest);
    return out;
}

// The whole flow over the type-erased records [base, base + n * size).
inline raw_outcome run_ingest(client& sf, const object_info& info, const void* base, std::size_t n, operation op,
                              std::string_view external_id, const ingest_options& opt) {
    auto rec = [&](std::size_t i) { return static_cast<const char*>(base) + i * info.ops.size; };
    const bool by_id = op == operation::delete_ || op == operation::hard_delete;
    csv::write_options wo;
    wo.dialect = opt.dialect;
    wo.mode = op == operation::update ? write_mode::update : by_id ? write_mode::all : write_mode::create;
    wo.strict = !by_id;
    std::vector<csv::column> cols;
    if (!opt.columns.empty()) {
        for (const auto& c : opt.columns) cols.push_back(csv::detail::resolve_column(info, c));
    } else if (by_id) {
        cols.push_back(csv::detail::resolve_column(info, "Id"));
    } else {
        csv::detail::column_set set(info, wo.mode);
        for (std::size_t i = 0; i < n; ++i) set.add(rec(i));
        cols = set.columns();
    }
    if (op == operation::upsert) require_key_column(cols, external_id);
    csv::detail::row_writer w(info, cols, wo);
    const std::string create_body = job_definition(info, op, opt.dialect, external_id);

    std::vector<ingest_job> created;  // every job of this load, as last seen
    try {
        return run_jobs(sf, info, base, n, w, create_body, opt, created);
    } catch (...) {
        rethrow_with_jobs(std::move(created));
    }
}

}  // namespace detail

// Runs `op` over `records`. For upsert, `external_id` is the API name of the key field.
template <record T>
ingest_result<T> ingest(client& sf, operation op, std::span<const T> records, const ingest_options& opt = {},
                        std::string_view external_id = {}) {
    detail::raw_outcome raw =
        detail::run_ingest(sf, T::sfcpp_info(), records.data(), records.size(), op, external_id, opt);
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

template <record T>
ingest_result<T> insert(client& sf, std::span<const T> records, const ingest_options& opt = {}) {
    return ingest(sf, operation::insert, records, opt);
}
template <record T>
ingest_result<T> update(client& sf, std::span<const T> records, const ingest_options& opt = {}) {
    return ingest(sf, operation::update, records, opt);
}
// Upsert on an external id field: `upsert(sf, recs, "External_Id__c")`, or with the field's
// tag (`Invoice_c_.External_Id_c`).
template <record T>
ingest_result<T> upsert(client& sf, std::span<const T> records, std::string_view external_id,
                        const ingest_options& opt = {}) {
    return ingest(sf, operation::upsert, records, opt, external_id);
}
template <record T, class Tag>
    requires requires { Tag::name; typename Tag::record; }
ingest_result<T> upsert(client& sf, std::span<const T> records, Tag, const ingest_options& opt = {}) {
    static_assert(std::is_same_v<typename Tag::record, T>, "sfcpp::bulk::upsert: the key field belongs to another object");
    static_assert((Tag::flags & (flag::external_id | flag::id_lookup)) != 0,
                  "sfcpp::bulk::upsert: the key field is not an external id (or idLookup) field in Salesforce");
    return ingest(sf, operation::upsert, records, opt, Tag::name);
}
// Delete (to the recycle bin) or hard delete the records with these Ids (only Id is sent).
template <record T>
ingest_result<T> remove(client& sf, std::span<const T> records, const ingest_options& opt = {}) {
    return ingest(sf, operation::delete_, records, opt);
}
template <record T>
ingest_result<T> hard_delete(client& sf, std::span<const T> records, const ingest_options& opt = {}) {
    return ingest(sf, operation::hard_delete, records, opt);
}

}  // namespace sfcpp::bulk
