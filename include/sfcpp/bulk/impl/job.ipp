// sfcpp/bulk/impl/job.ipp: Bulk API 2.0 job info, polling and the job calls. Included by
// job.hpp (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/bulk/job.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sfcpp::bulk {

SFCPP_DECL job_info job_info::parse(std::string_view body) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) throw decode_error("sfcpp::bulk: job info is not a JSON object");
    return from(v.get_object());
}

SFCPP_DECL job_info job_info::from(const boost::json::object& o) {
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

namespace detail {

SFCPP_DECL request_options not_idempotent() {
    request_options ro;
    ro.idempotent = false;
    return ro;
}

SFCPP_DECL job_info wait(client& sf, job_kind kind, const std::string& id, const poll_options& p,
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

SFCPP_DECL job_info get_job(client& sf, job_kind kind, const std::string& id) {
    return job_info::parse(sf.send(http::verb::get, detail::job_path(kind, id)).body);
}

SFCPP_DECL job_info wait_job(client& sf, job_kind kind, const std::string& id, const poll_options& p) {
    return detail::wait(sf, kind, id, p, {});
}

SFCPP_DECL job_info abort_job(client& sf, job_kind kind, const std::string& id) {
    return job_info::parse(sf.send(http::verb::patch, detail::job_path(kind, id),
                                   R"({"state":"Aborted"})", detail::not_idempotent())
                               .body);
}

SFCPP_DECL void remove_job(client& sf, job_kind kind, const std::string& id) {
    sf.send(http::verb::delete_, detail::job_path(kind, id));
}

SFCPP_DECL std::vector<job_info> list_jobs(client& sf, job_kind kind) {
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
