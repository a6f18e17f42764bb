// Bulk API 2.0 query jobs: the job definition, running the SOQL into CSV rows, and the result pages.
#include "bulk_job.hpp"

#include <sfcpp_emulator/soql.hpp>

#include "api_util.hpp"

#include <charconv>

namespace sfcpp_emulator::bulk_detail {

namespace json = boost::json;
namespace csv = sfcpp::csv;
using detail::find_key;

namespace {

bool iequal(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

// A query result value as Bulk query CSV writes it.
std::string cell_text(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null: return {};
    case json::kind::bool_: return v.get_bool() ? "true" : "false";
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
        return std::string(buf, r.ptr);
    }
    case json::kind::string: {
        std::string s(v.get_string());
        // Datetimes: the REST form ends in +0000; Bulk CSV writes Z.
        if (s.size() == 28 && s[10] == 'T' && s.ends_with("+0000")) s = s.substr(0, 23) + "Z";
        return s;
    }
    default: return to_json(v);
    }
}

// The value at `path` (from element `from` on) of a REST record, keys compared case-insensitively.
const json::value* walk(const json::object& rec, const std::vector<std::string>& path, std::size_t from) {
    const json::object* cur = &rec;
    for (std::size_t i = from; i < path.size(); ++i) {
        const json::value* hit = nullptr;
        for (const auto& kv : *cur)
            if (iequal(kv.key(), path[i])) { hit = &kv.value(); break; }
        if (!hit) return nullptr;
        if (i + 1 == path.size()) return hit;
        if (!hit->is_object()) return nullptr;
        cur = &hit->get_object();
    }
    return nullptr;
}

// A number of a query string, all of it.
template <class N>
bool parse_number(const std::string& text, N& out) {
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc{} && r.ptr == text.data() + text.size();
}

}  // namespace

void define_query(bulk_job& j, const json::object& body, const schema& objects) {
    const auto* op = find_key(body, "operation");
    j.operation = op && op->is_string() ? std::string(op->get_string()) : "query";
    if (j.operation != "query" && j.operation != "queryAll") bad_job("Invalid operation: " + j.operation);
    const auto* q = find_key(body, "query");
    if (!q || !q->is_string()) bad_job("query is required");
    j.soql = std::string(q->get_string());
    const soql::query parsed = soql::parse(j.soql);
    for (const auto& item : parsed.select)
        if (item.k != soql::select_item::kind::field)
            fail(400, "API_ERROR",
                 "Bulk API 2.0 query does not support aggregate functions, subqueries, TYPEOF or FIELDS()", {}, false);
    if (!parsed.group_by.empty() || parsed.offset)
        fail(400, "API_ERROR", "Bulk API 2.0 query does not support GROUP BY or OFFSET", {}, false);
    j.obj = objects.find(parsed.from);
    if (!j.obj) fail(400, "INVALID_TYPE", "sObject type '" + parsed.from + "' is not supported.", {}, false);
}

void process_query(bulk_job& j, const bulk_context& org) {
    {
        auto g = org.registry.lock();
        auto to = next_state(j, job_request::start);
        if (!to) return;  // aborted while queued
        j.state = *to;
    }
    const auto started = std::chrono::steady_clock::now();
    const soql::query q = soql::parse(j.soql);
    soql::result res = soql::execute(org.db, q, j.operation == "queryAll", j.version, j.soql);
    const char delim = csv::delimiter_char(j.dialect.delimiter);
    const std::string_view eol = csv::line_ending_text(j.dialect.line_ending);
    std::string header;
    std::vector<std::size_t> skip;  // path elements naming the queried object itself
    for (std::size_t i = 0; i < q.select.size(); ++i) {
        const auto& path = q.select[i].field.path;
        std::size_t s = 0;
        if (path.size() > 1 && (iequal(path[0], q.alias) || iequal(path[0], q.from))) s = 1;
        skip.push_back(s);
        std::string name;
        for (std::size_t k = s; k < path.size(); ++k) name += (k > s ? "." : "") + path[k];
        if (i) header += delim;
        append_quoted(header, name);
    }
    header += eol;
    std::string rows;
    std::vector<std::size_t> starts;
    starts.reserve(res.records.size());
    for (const auto& rv : res.records) {
        starts.push_back(rows.size());
        const auto& rec = rv.as_object();
        for (std::size_t i = 0; i < q.select.size(); ++i) {
            if (i) rows += delim;
            const json::value* v = walk(rec, q.select[i].field.path, skip[i]);
            append_quoted(rows, v ? cell_text(*v) : std::string());
        }
        rows += eol;
    }
    auto g = org.registry.lock();
    if (!j.abort_requested) {
        j.result_header = std::move(header);
        j.rows = std::move(rows);
        j.row_starts = std::move(starts);
        j.processed = static_cast<std::int64_t>(j.row_starts.size());
        j.processing_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        j.modstamp = now_text();
    }
    if (auto to = next_state(j, job_request::complete)) j.state = *to;
}

http_response query_results(const bulk_job& j, const std::string& version,
                            const std::map<std::string, std::string>& query, std::size_t default_page_rows) {
    if (j.version != version)
        fail(409, "INVALIDJOBSTATE", "Get results with the API version that created the job (" + j.version + ")", {}, false);
    std::size_t start = 0, max = default_page_rows;
    if (auto it = query.find("locator"); it != query.end() && !it->second.empty() && it->second != "null")
        if (!parse_number(it->second, start) || start > j.row_starts.size())
            fail(400, "INVALID_LOCATOR", "Invalid locator: " + it->second, {}, false);
    if (auto it = query.find("maxRecords"); it != query.end()) {
        auto r = std::from_chars(it->second.data(), it->second.data() + it->second.size(), max);
        if (r.ec != std::errc{} || max == 0) fail(400, "INVALID_MAX_RECORDS", "Invalid maxRecords: " + it->second, {}, false);
    }
    const std::size_t end = start + std::min(max, j.row_starts.size() - start);  // no overflow
    const std::size_t from = start < j.row_starts.size() ? j.row_starts[start] : j.rows.size();
    const std::size_t to = end < j.row_starts.size() ? j.row_starts[end] : j.rows.size();
    http_response r;
    r.status = 200;
    r.headers.emplace_back("Content-Type", "text/csv");
    r.headers.emplace_back("Sforce-Locator", end < j.row_starts.size() ? std::to_string(end) : "null");
    r.headers.emplace_back("Sforce-NumberOfRecords", std::to_string(end - std::min(start, end)));
    r.body.reserve(j.result_header.size() + (to - from));
    r.body = j.result_header;
    r.body.append(j.rows, from, to - from);
    return r;
}

}  // namespace sfcpp_emulator::bulk_detail
