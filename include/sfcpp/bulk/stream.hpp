// sfcpp/bulk/stream.hpp: ingest from a source of records too large to hold in memory.
//
//   std::size_t i = 0;
//   auto next = [&]() -> std::optional<Invoice_c> { if (i == n) return {}; return make(i++); };
//   bulk::stream_handlers<Invoice_c> h;
//   h.on_failure = [&](const Invoice_c& echoed, std::string_view error) { log(echoed.Name, error); };
//   auto r = bulk::create_from<Invoice_c>(sf, next, h);   // also update_from, upsert_from, remove_from
//   assert(r.accounted());   // succeeded + failed + unprocessed == produced
//
// Records are written as CSV into one job at a time, up to max_job_bytes; while a job runs on
// the server the next one is filled, then the finished job's result files are read and handed
// to the callbacks row by row. Memory is one job's CSV plus one result file, whatever the
// number of records. Results carry the record as Salesforce echoes it (the written columns,
// read back with the typed CSV reader), since the input records are not kept.
//
// The columns are ingest_options::columns, or the fields set in the first record; a later
// record that sets another field is refused (encode_error, errc::missing_column) before its job is sent. If the
// source or the writer throws, the job already running is waited for and reported first, so
// every record sent is accounted for through the callbacks before the exception leaves. Once a job
// was created, any failure leaves as bulk::ingest_error (the original nested) listing the jobs with
// their rows in production order: a resume skips the rows of the submitted ones.
#pragma once

#include <sfcpp/bulk/ingest.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sfcpp::bulk {

template <record T>
struct stream_handlers {
    std::function<void(const T& echoed, const sfcpp::id& id, bool created)> on_success;
    std::function<void(const T& echoed, std::string_view error)> on_failure;  // "CODE:message:fields --"
    std::function<void(const T& echoed)> on_unprocessed;
};

struct stream_result {
    std::vector<job_info> jobs;      // final info of every job, in order
    std::size_t produced = 0;        // records taken from the source
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t unprocessed = 0;
    std::size_t missing = 0;         // rows written that no result file mentions

    bool accounted() const noexcept { return missing == 0 && succeeded + failed + unprocessed == produced; }
};

namespace detail {

template <record T>
class stream_job_reader {
public:
    stream_job_reader(client& sf, const stream_handlers<T>& h, const csv::dialect& d) : sf_(sf), h_(h), dialect_(d) {}

    // Reads the three result files of a finished job; returns how many rows they hold.
    std::size_t read(const std::string& job_id, stream_result& out) {
        const std::string base = job_path(job_kind::ingest, job_id) + "/";
        request_options ro;
        ro.headers.emplace_back("Accept", "text/csv");
        std::size_t rows = 0;
        for (const char* which : {"successfulResults", "failedResults", "unprocessedrecords"}) {
            csv::read_options opt;
            opt.dialect = dialect_;
            opt.lenient_values = true;  // results echo rejected input as it was sent
            csv::reader<T> r(opt);
            r.feed(sf_.send(http::verb::get, base + which, {}, ro).body);
            r.finish();
            const std::string_view kind = which;
            while (r.next(rec_)) {
                ++rows;
                const auto& res = r.result();
                if (kind == "successfulResults") {
                    if (!res.id) throw decode_error("sfcpp::bulk: a successful result row without sf__Id (line " +
                                                    std::to_string(r.line()) + ")");
                    ++out.succeeded;
                    if (h_.on_success) h_.on_success(rec_, *res.id, res.created.value_or(false));
                } else if (kind == "failedResults") {
                    ++out.failed;
                    if (h_.on_failure) h_.on_failure(rec_, res.error);
                } else {
                    ++out.unprocessed;
                    if (h_.on_unprocessed) h_.on_unprocessed(rec_);
                }
            }
        }
        return rows;
    }

private:
    client& sf_;
    const stream_handlers<T>& h_;
    csv::dialect dialect_;
    T rec_{};
};

}  // namespace detail

namespace detail {

// Runs `op` over the records `next()` produces (std::optional<T>; empty at the end). For
// upsert, `external_id` is the API name of the key field, already checked.
template <record T, class Source>
stream_result ingest_from(client& sf, operation op, Source&& next, const stream_handlers<T>& handlers,
                          const ingest_options& opt, std::string_view external_id = {}) {
    const bool by_id = op == operation::remove;
    csv::write_options wo;
    wo.dialect = opt.dialect;
    wo.mode = op == operation::update ? write_mode::update : by_id ? write_mode::all : write_mode::create;
    wo.strict = !by_id;

    std::optional<T> pending = next();
    stream_result out;
    std::optional<csv::writer<T>> w;
    if (!opt.columns.empty()) w.emplace(opt.columns, wo);
    else if (by_id) w.emplace(std::vector<std::string>{"Id"}, wo);
    else if (pending) w.emplace(csv::columns_of(std::span(&*pending, 1), wo.mode), wo);
    else w.emplace(std::vector<std::string>{"Id"}, wo);  // nothing to send
    if (op == operation::upsert) detail::require_key_column(w->columns(), external_id);
    const std::string create_body = detail::job_definition(T::sfcpp_info(), op, opt, external_id);
    std::string header;
    w->header(header);  // from here on write() appends rows only

    // Fills one job's CSV from the source; returns the rows written.
    auto fill = [&](std::string& buf) {
        buf = header;
        std::size_t rows = 0;
        while (pending) {
            const std::size_t before = buf.size();
            w->write(*pending, buf);
            if (buf.size() > opt.max_job_bytes) {
                if (rows == 0)
                    throw error("sfcpp::bulk: record " + std::to_string(out.produced) + " alone exceeds max_job_bytes");
                buf.resize(before);
                break;
            }
            ++rows;
            ++out.produced;
            pending = next();
        }
        return rows;
    };

    detail::stream_job_reader<T> results(sf, handlers, opt.dialect);
    struct running_job {
        std::string id;
        std::size_t rows;
    };
    std::optional<running_job> running;
    std::vector<ingest_job> created;  // every job of this load, as last seen; the running one is last
    auto finish = [&](const running_job& j) {
        job_info info = detail::wait(sf, job_kind::ingest, j.id, opt.poll, [&](const job_info& i) {
            created.back().state = i.state;
            if (!opt.on_progress) return;
            progress p;
            p.job = out.jobs.size();
            p.jobs = out.jobs.size() + 1 + (pending ? 1 : 0);
            p.info = &i;
            p.processed = i.records_processed;
            p.failed = i.records_failed;
            for (const auto& done : out.jobs) {
                p.processed += done.records_processed;
                p.failed += done.records_failed;
            }
            p.total = out.produced;
            opt.on_progress(p);
        });
        const std::size_t seen = results.read(j.id, out);
        if (seen < j.rows) out.missing += j.rows - seen;
        out.jobs.push_back(std::move(info));
        if (opt.remove_jobs) remove_job(sf, job_kind::ingest, j.id);
    };

    std::string buf;
    try {
        for (;;) {
            std::size_t rows = 0;
            try {
                if (pending) rows = fill(buf);
            } catch (...) {
                if (running) finish(*running);  // report what the server did before giving up
                throw;
            }
            if (running) finish(*running);
            running.reset();
            if (rows == 0) break;
            running = running_job{
                detail::start_job(sf, create_body, std::move(buf), out.produced - rows, out.produced, created).id, rows};
            buf = std::string();
        }
    } catch (...) {
        detail::rethrow_with_jobs(std::move(created));
    }
    return out;
}

}  // namespace detail

// The records `next()` produces (std::optional<T>; empty at the end), loaded as bulk::create,
// update, upsert and remove load a range.
template <record T, class Source>
    requires std::is_invocable_r_v<std::optional<T>, Source&>
stream_result create_from(client& sf, Source&& next, const stream_handlers<T>& h = {}, const ingest_options& opt = {}) {
    return detail::ingest_from<T>(sf, operation::create, next, h, opt);
}
template <record T, class Source>
    requires std::is_invocable_r_v<std::optional<T>, Source&>
stream_result update_from(client& sf, Source&& next, const stream_handlers<T>& h = {}, const ingest_options& opt = {}) {
    return detail::ingest_from<T>(sf, operation::update, next, h, opt);
}
template <record T, field_tag Key, class Source>
    requires std::is_invocable_r_v<std::optional<T>, Source&>
stream_result upsert_from(client& sf, Source&& next, Key, const stream_handlers<T>& h = {},
                          const ingest_options& opt = {}) {
    static_assert(sfcpp::detail::check_key<T, Key>());
    return detail::ingest_from<T>(sf, operation::upsert, next, h, opt, Key::name);
}
template <record T, class Source>
    requires std::is_invocable_r_v<std::optional<T>, Source&>
stream_result remove_from(client& sf, Source&& next, const stream_handlers<T>& h = {}, const ingest_options& opt = {}) {
    return detail::ingest_from<T>(sf, operation::remove, next, h, opt);
}

}  // namespace sfcpp::bulk
