// sfcpp/bulk/job.hpp: Bulk API 2.0 job info, states, polling, abort, delete, list.
#pragma once

#include <sfcpp/client/client.hpp>
#include <sfcpp/csv/dialect.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

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

enum class job_kind : std::uint8_t { ingest, query };
enum class job_state : std::uint8_t { open, upload_complete, in_progress, job_complete, failed, aborted, unknown };

constexpr std::string_view to_string(job_state s) noexcept {
    switch (s) {
    case job_state::open: return "Open";
    case job_state::upload_complete: return "UploadComplete";
    case job_state::in_progress: return "InProgress";
    case job_state::job_complete: return "JobComplete";
    case job_state::failed: return "Failed";
    case job_state::aborted: return "Aborted";
    case job_state::unknown: return "Unknown";
    }
    return "Unknown";
}
constexpr job_state parse_job_state(std::string_view s) noexcept {
    for (auto st : {job_state::open, job_state::upload_complete, job_state::in_progress, job_state::job_complete,
                    job_state::failed, job_state::aborted})
        if (to_string(st) == s) return st;
    return job_state::unknown;
}
constexpr bool is_final(job_state s) noexcept {
    return s == job_state::job_complete || s == job_state::failed || s == job_state::aborted;
}

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

    static job_info parse(std::string_view body) {
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(body, ec);
        if (ec || !v.is_object()) throw decode_error("sfcpp::bulk: job info is not a JSON object");
        return from(v.get_object());
    }
    static job_info from(const boost::json::object& o) {
        auto str = [&](std::string_view k) {
            const auto* v = o.if_contains(k);
            return v && v->is_string() ? std::string(v->get_string()) : std::string();
        };
        auto num = [&](std::string_view k) -> std::int64_t {
            const auto* v = o.if_contains(k);
            return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
        };
        job_info j;
        j.id = str("id");
        j.operation = str("operation");
        j.object = str("object");
        j.state = parse_job_state(str("state"));
        j.external_id_field = str("externalIdFieldName");
        j.error_message = str("errorMessage");
        j.job_type = str("jobType");
        j.created_date = str("createdDate");
        j.system_modstamp = str("systemModstamp");
        if (auto d = csv::parse_delimiter(str("columnDelimiter"))) j.dialect.delimiter = *d;
        if (auto e = csv::parse_line_ending(str("lineEnding"))) j.dialect.line_ending = *e;
        if (const auto* v = o.if_contains("apiVersion"); v && v->is_number()) j.api_version = v->to_number<double>();
        j.records_processed = num("numberRecordsProcessed");
        j.records_failed = num("numberRecordsFailed");
        j.retries = num("retries");
        j.total_processing_time = num("totalProcessingTime");
        return j;
    }
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

inline request_options not_idempotent() {
    request_options ro;
    ro.idempotent = false;
    return ro;
}

// Polls until the state is final; `each` sees every answer.
inline job_info wait(client& sf, job_kind kind, const std::string& id, const poll_options& p,
                     const std::function<void(const job_info&)>& each) {
    const auto deadline = std::chrono::steady_clock::now() + p.timeout;
    auto delay = p.initial;
    for (;;) {
        job_info j = job_info::parse(sf.send(http::verb::get, job_path(kind, id)).body);
        if (each) each(j);
        if (is_final(j.state)) return j;
        if (std::chrono::steady_clock::now() + delay > deadline)
            throw timeout_error("sfcpp::bulk: job " + id + " still " + std::string(to_string(j.state)) +
                                " when the polling timeout ran out");
        std::this_thread::sleep_for(delay);
        delay = std::min(p.max, std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * p.factor) + 1));
    }
}

}  // namespace detail

inline job_info get_job(client& sf, job_kind kind, const std::string& id) {
    return job_info::parse(sf.send(http::verb::get, detail::job_path(kind, id)).body);
}

// Polls a job until it has ended (JobComplete, Failed or Aborted); timeout_error past p.timeout.
inline job_info wait_job(client& sf, job_kind kind, const std::string& id, const poll_options& p = {}) {
    return detail::wait(sf, kind, id, p, {});
}

// Stops a job; rows not processed yet are reported as unprocessed.
inline job_info abort_job(client& sf, job_kind kind, const std::string& id) {
    return job_info::parse(sf.send(http::verb::patch, detail::job_path(kind, id),
                                   R"({"state":"Aborted"})", detail::not_idempotent())
                               .body);
}

// Deletes a finished job and its results (not allowed while it is Open or running).
inline void delete_job(client& sf, job_kind kind, const std::string& id) {
    sf.send(http::verb::delete_, detail::job_path(kind, id));
}

// Every job of that kind the org still keeps, following nextRecordsUrl.
inline std::vector<job_info> list_jobs(client& sf, job_kind kind) {
    std::vector<job_info> out;
    std::string path = detail::jobs_path(kind);
    std::set<std::string> fetched;  // a server that names a page twice would loop
    while (!path.empty()) {
        if (!fetched.insert(path).second)
            throw decode_error("sfcpp::bulk: the server sent page " + path.substr(0, path.find('?')) +
                               " of the job list again: stopping instead of looping");
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(sf.send(http::verb::get, path).body, ec);
        if (ec || !v.is_object()) throw decode_error("sfcpp::bulk: the job list is not a JSON object");
        path.clear();
        const auto& o = v.get_object();
        if (const auto* r = o.if_contains("records"); r && r->is_array())
            for (const auto& e : r->get_array())
                if (e.is_object()) out.push_back(job_info::from(e.get_object()));
        if (const auto* n = o.if_contains("nextRecordsUrl"); n && n->is_string() && !n->get_string().empty())
            path = std::string(n->get_string());
    }
    return out;
}

}  // namespace sfcpp::bulk
