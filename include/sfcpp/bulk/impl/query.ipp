// sfcpp/bulk/impl/query.ipp: the query job's creation and polling. Included by query.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/bulk/query.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sfcpp::bulk::detail {

SFCPP_DECL job_info run_query_job(client& sf, const std::string& soql, bool all_rows, const query_job_options& o) {
    boost::json::object def{{"operation", all_rows ? "queryAll" : "query"},
                            {"query", soql},
                            {"contentType", "CSV"},
                            {"columnDelimiter", csv::to_string(o.dialect.delimiter)},
                            {"lineEnding", csv::to_string(o.dialect.line_ending)}};
    job_info job =
        job_info::parse(sf.send(http::verb::post, "jobs/query", boost::json::serialize(def), detail::not_idempotent()).body);
    job = detail::wait(sf, job_kind::query, job.id, o.poll, o.on_poll);
    if (job.state != job_state::job_complete)
        throw error("sfcpp::bulk: query job " + job.id + " ended " + std::string(to_string(job.state)) +
                    (job.error_message.empty() ? "" : ": " + job.error_message));
    return job;
}

}  // namespace sfcpp::bulk::detail
