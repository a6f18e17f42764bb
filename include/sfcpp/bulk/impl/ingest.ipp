// sfcpp/bulk/impl/ingest.ipp: ingest jobs cut, submitted, polled and joined back to their
// inputs, over type-erased records. Included by ingest.hpp (header-only) or compiled once through
// sfcpp/src.hpp.
#pragma once

#include <sfcpp/bulk/ingest.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <thread>

namespace sfcpp::bulk {

[[noreturn]] SFCPP_DECL void ingest_error::rethrow_original() const {
    if (!nested_ptr()) throw error(what());
    rethrow_nested();
}

SFCPP_DECL std::string ingest_error::describe(const std::string& original_what, const std::vector<ingest_job>& jobs) {
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

namespace detail {

[[noreturn]] SFCPP_DECL void rethrow_with_jobs(std::vector<ingest_job> jobs) {
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

SFCPP_DECL joiner::joiner(csv::detail::row_writer& w, const object_info& info, const void* base, const job_slice& s)
    : w_(&w), info_(&info), base_(base), slice_(s), taken_(s.to - s.from, 0) {
    std::vector<std::string> cells;
    keys_.reserve(s.to - s.from);
    for (std::size_t i = s.from; i < s.to; ++i) {
        w.cell_texts(record(i), cells);
        keys_.emplace_back(hash(row_key(cells, 0)), i);
    }
    std::sort(keys_.begin(), keys_.end());
}

SFCPP_DECL std::size_t joiner::match(std::span<const csv::cell> row, std::size_t from) {
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

SFCPP_DECL void joiner::missing(std::vector<std::size_t>& out) const {
    for (std::size_t i = 0; i < taken_.size(); ++i)
        if (!taken_[i]) out.push_back(slice_.from + i);
}

SFCPP_DECL void read_results(client& sf, const job_slice& s, const job_info& info, joiner& join, raw_outcome& out) {
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

SFCPP_DECL job_slice start_job(client& sf, const std::string& create_body, std::string&& csv_text, std::size_t from,
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

SFCPP_DECL std::string job_definition(const object_info& info, operation op, const ingest_options& opt,
                                      std::string_view external_id) {
    boost::json::object def{{"object", info.name},
                            {"operation", to_string(op, opt.hard_delete)},
                            {"contentType", "CSV"},
                            {"columnDelimiter", csv::to_string(opt.dialect.delimiter)},
                            {"lineEnding", csv::to_string(opt.dialect.line_ending)}};
    if (op == operation::upsert) def["externalIdFieldName"] = external_id;
    return boost::json::serialize(def);
}

SFCPP_DECL void require_key_column(const std::vector<csv::column>& cols, std::string_view external_id) {
    if (std::none_of(cols.begin(), cols.end(),
                     [&](const csv::column& c) { return c.f && c.kind == csv::column::field && c.f->name == external_id; }))
        throw usage_error("sfcpp::bulk: upsert on " + std::string(external_id) + ", but it is not one of the columns");
}

SFCPP_DECL raw_outcome run_jobs(client& sf, const object_info& info, const void* base, std::size_t n,
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
        if (opt.remove_jobs) remove_job(sf, job_kind::ingest, slices[k].id);
    }
    out.jobs = std::move(latest);
    return out;
}

SFCPP_DECL raw_outcome run_ingest(client& sf, const object_info& info, const void* base, std::size_t n, operation op,
                                  std::string_view external_id, const ingest_options& opt) {
    auto rec = [&](std::size_t i) { return static_cast<const char*>(base) + i * info.ops.size; };
    const bool by_id = op == operation::remove;
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
    const std::string create_body = job_definition(info, op, opt, external_id);

    std::vector<ingest_job> created;  // every job of this load, as last seen
    try {
        return run_jobs(sf, info, base, n, w, create_body, opt, created);
    } catch (...) {
        rethrow_with_jobs(std::move(created));
    }
}

}  // namespace detail

}  // namespace sfcpp::bulk
