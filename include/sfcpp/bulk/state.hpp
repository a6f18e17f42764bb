// sfcpp/bulk/state.hpp: the kinds and states of a Bulk API 2.0 job, as the API spells them. Apart
// from the client so that the emulator's state machine (and anything else that only names states)
// does not pull in HTTP.
#pragma once

#include <cstdint>
#include <string_view>

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

}  // namespace sfcpp::bulk
