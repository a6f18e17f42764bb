// The Bulk API 2.0 job state machine, one table for ingest and query jobs, and the registry that
// holds every job by id and queues them for the worker.
#include "bulk_job.hpp"

#include <sfcpp_emulator/ids.hpp>

namespace sfcpp_emulator {

namespace {

using K = job_kind;
using R = job_request;
using S = job_state;

struct rule {
    K kind;
    R request;
    S from;
    S to;
};

// Every legal (kind, request, state); a request not listed is refused in that state.
constexpr rule rules[] = {
    // Ingest: Open (uploads) → UploadComplete → InProgress → JobComplete or Failed.
    {K::ingest, R::upload, S::open, S::open},
    {K::ingest, R::close, S::open, S::upload_complete},
    {K::ingest, R::start, S::upload_complete, S::in_progress},
    {K::ingest, R::complete, S::in_progress, S::job_complete},
    {K::ingest, R::fail, S::in_progress, S::failed},
    // Query jobs are created UploadComplete.
    {K::query, R::start, S::upload_complete, S::in_progress},
    {K::query, R::complete, S::in_progress, S::job_complete},
    {K::query, R::fail, S::in_progress, S::failed},
    // Aborts the worker carries out (a job it holds, or a queued ingest job, whose unprocessed rows
    // it writes) keep the state until it has stopped.
    {K::ingest, R::abort, S::open, S::aborted},
    {K::ingest, R::abort, S::upload_complete, S::upload_complete},
    {K::ingest, R::abort, S::in_progress, S::in_progress},
    {K::query, R::abort, S::upload_complete, S::aborted},
    {K::query, R::abort, S::in_progress, S::in_progress},
    // Deleting: not while a client or the worker may still change the job (a queued ingest job may go).
    {K::ingest, R::remove, S::upload_complete, S::upload_complete},
    {K::ingest, R::remove, S::job_complete, S::job_complete},
    {K::ingest, R::remove, S::failed, S::failed},
    {K::ingest, R::remove, S::aborted, S::aborted},
    {K::query, R::remove, S::job_complete, S::job_complete},
    {K::query, R::remove, S::failed, S::failed},
    {K::query, R::remove, S::aborted, S::aborted},
    // Results: of an ingest job once it has ended, of a query job once it has its rows.
    {K::ingest, R::read_results, S::job_complete, S::job_complete},
    {K::ingest, R::read_results, S::failed, S::failed},
    {K::ingest, R::read_results, S::aborted, S::aborted},
    {K::query, R::read_results, S::job_complete, S::job_complete},
};

[[noreturn]] void bad_state(const std::string& message) { fail(400, "INVALIDJOBSTATE", message, {}, false); }

}  // namespace

std::optional<job_state> next_state(const bulk_job& j, job_request r) noexcept {
    if (r == R::abort && j.abort_requested) return std::nullopt;
    for (const auto& rule : rules) {
        if (rule.kind != j.kind || rule.request != r || rule.from != j.state) continue;
        if ((r == R::complete || r == R::fail) && j.abort_requested) return S::aborted;
        return rule.to;
    }
    return std::nullopt;
}

job_state transition(const bulk_job& j, job_request r) {
    if (auto to = next_state(j, r)) return *to;
    const std::string s(sfcpp::bulk::to_string(j.state));
    const bool ingest = j.kind == K::ingest;
    switch (r) {
        case R::upload: bad_state("Uploading data to a job in state " + s + " is not allowed");
        case R::close: bad_state("Closing a job in state " + s + " is not allowed");
        case R::abort:
            if (ingest)
                bad_state("Aborting already " + (j.state == S::job_complete ? std::string("Completed") : s) + " Job not allowed");
            bad_state("Aborting a job in state " + s + " is not allowed");
        case R::remove: bad_state("Deleting a job in state " + s + " is not allowed; abort it first");
        case R::read_results:
            if (ingest) bad_state("Results are available once the job is JobComplete, Failed or Aborted; it is " + s);
            bad_state("Results are available once the job is JobComplete; it is " + s);
        case R::start:
        case R::complete:
        case R::fail: break;
    }
    bad_state("The job is " + s);
}

// Jobs stay until deleted, as on Salesforce for a while; to bound memory, once more than
// max_kept_jobs are kept the oldest finished ones (and their results) are forgotten.
void bulk_job_registry::add(const std::shared_ptr<bulk_job>& j) {
    j->id = make_id("750", ++serial_ + 0x10000);
    jobs_[j->id] = j;
    for (auto it = jobs_.begin(); jobs_.size() > settings_.max_kept_jobs && it != jobs_.end();) {
        if (sfcpp::bulk::is_final(it->second->state)) it = jobs_.erase(it);
        else ++it;
    }
}

std::shared_ptr<bulk_job> bulk_job_registry::find(const std::string& id, job_kind kind) const {
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->kind != kind)
        fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    return it->second;
}

std::vector<std::shared_ptr<bulk_job>> bulk_job_registry::list(job_kind kind) const {
    std::vector<std::shared_ptr<bulk_job>> out;
    for (const auto& [id, j] : jobs_)
        if (j->kind == kind) out.push_back(j);
    return out;
}

void bulk_job_registry::remove(const std::string& id) { jobs_.erase(id); }

void bulk_job_registry::enqueue(const std::shared_ptr<bulk_job>& j) {
    queue_.push_back(j);
    wake_.notify_all();
}

std::shared_ptr<bulk_job> bulk_job_registry::take() {
    std::unique_lock<std::mutex> g(mutex_);
    wake_.wait(g, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return nullptr;
    auto j = queue_.front();
    queue_.pop_front();
    busy_ = true;
    return j;
}

void bulk_job_registry::processed() {
    std::lock_guard<std::mutex> g(mutex_);
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
}

void bulk_job_registry::stop() {
    {
        std::lock_guard<std::mutex> g(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
}

bool bulk_job_registry::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> g(mutex_);
    return idle_.wait_for(g, timeout, [&] { return queue_.empty() && !busy_; });
}

}  // namespace sfcpp_emulator
