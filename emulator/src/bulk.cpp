// Bulk API 2.0 (see sfcpp_emulator/bulk.hpp): the HTTP side of the job lifecycle, one for ingest and
// query jobs, and the worker thread that processes queued jobs.
#include "bulk_job.hpp"

#include <sfcpp_emulator/ids.hpp>

#include "api_util.hpp"

namespace sfcpp_emulator {

namespace json = boost::json;
namespace csv = sfcpp::csv;
using namespace detail;

namespace bulk_detail {

void bad_job(const std::string& message) { fail(400, "INVALIDJOB", message, {}, false); }

std::string now_text() { return format_datetime(std::chrono::system_clock::now()); }

std::string text_of(const json::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_null()) return {};
    return to_json(v);
}

void append_quoted(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace bulk_detail

using namespace bulk_detail;

namespace {

[[noreturn]] void not_found() { fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false); }

[[noreturn]] void method_not_allowed(const std::string& method, const std::string& allowed = {}) {
    fail(405, "METHOD_NOT_ALLOWED",
         "HTTP Method '" + method + "' not allowed" + (allowed.empty() ? "" : ". Allowed are " + allowed), {}, false);
}

std::string content_url(const bulk_job& j) { return "services/data/" + j.version + "/jobs/ingest/" + j.id + "/batches"; }

json::object base_info(const bulk_job& j, const std::string& user) {
    json::object o;
    o["id"] = j.id;
    o["operation"] = j.operation;
    o["object"] = j.obj->name();
    o["createdById"] = user;
    o["createdDate"] = j.created_date;
    o["systemModstamp"] = j.modstamp;
    o["state"] = std::string(sfcpp::bulk::to_string(j.state));
    if (!j.external_id_field.empty()) o["externalIdFieldName"] = j.external_id_field;
    o["concurrencyMode"] = "Parallel";
    o["contentType"] = "CSV";
    o["apiVersion"] = j.api_version;
    return o;
}

void add_dialect(json::object& o, const bulk_job& j) {
    o["lineEnding"] = std::string(csv::to_string(j.dialect.line_ending));
    o["columnDelimiter"] = std::string(csv::to_string(j.dialect.delimiter));
}

json::object full_info(const bulk_job& j, const std::string& user) {
    const bool ingest = j.kind == job_kind::ingest;
    json::object o = base_info(j, user);
    o["jobType"] = ingest ? "V2Ingest" : "V2Query";
    if (ingest && j.state == job_state::open) o["contentUrl"] = content_url(j);
    add_dialect(o, j);
    o["numberRecordsProcessed"] = j.processed;
    if (ingest) o["numberRecordsFailed"] = j.failed;
    o["retries"] = 0;
    o["totalProcessingTime"] = j.processing_ms;
    if (ingest) {
        o["apiActiveProcessingTime"] = j.processing_ms;
        o["apexProcessingTime"] = 0;
    } else {
        o["isPkChunkingSupported"] = false;
    }
    if (!j.error_message.empty()) o["errorMessage"] = j.error_message;
    return o;
}

// The create response: the job's definition and, for ingest, where to upload.
json::object created_info(const bulk_job& j, const std::string& user) {
    json::object o = base_info(j, user);
    if (j.kind == job_kind::ingest) o["contentUrl"] = content_url(j);
    add_dialect(o, j);
    return o;
}

void read_dialect(const json::object& body, csv::dialect& d) {
    if (const auto* v = find_key(body, "columnDelimiter")) {
        auto p = v->is_string() ? csv::parse_delimiter(v->get_string()) : std::nullopt;
        if (!p) bad_job("Invalid columnDelimiter: " + text_of(*v));
        d.delimiter = *p;
    }
    if (const auto* v = find_key(body, "lineEnding")) {
        auto p = v->is_string() ? csv::parse_line_ending(v->get_string()) : std::nullopt;
        if (!p) bad_job("Invalid lineEnding: " + text_of(*v));
        d.line_ending = *p;
    }
    if (const auto* v = find_key(body, "contentType"); v && !(v->is_string() && v->get_string() == "CSV"))
        bad_job("Invalid contentType: " + text_of(*v) + " (Bulk API 2.0 takes CSV)");
}

// The state a PATCH asks for: ingest jobs are closed or aborted, query jobs only aborted.
job_request patch_request(const bulk_job& j, const json::object& body) {
    const auto* st = find_key(body, "state");
    const std::string want = st && st->is_string() ? std::string(st->get_string()) : "";
    if (j.kind == job_kind::query) {
        if (want != "Aborted") bad_job("Invalid state (only Aborted)");
        return job_request::abort;
    }
    if (want == "UploadComplete") return job_request::close;
    if (want == "Aborted") return job_request::abort;
    bad_job("Invalid state: " + want + " (UploadComplete or Aborted)");
}

}  // namespace

bulk_jobs::bulk_jobs(api& org)
    : org_(org), registry_(std::make_unique<bulk_job_registry>(settings_)), worker_([this] { run(); }) {}

bulk_jobs::~bulk_jobs() {
    registry_->stop();
    worker_.join();
}

void bulk_jobs::fail_next_job_after(std::size_t rows) {
    auto g = registry_->lock();
    injected_fault_ = rows;
}

bool bulk_jobs::wait_idle(std::chrono::milliseconds timeout) { return registry_->wait_idle(timeout); }

void bulk_jobs::run() {
    auto take_fault = [this] {
        auto g = registry_->lock();
        return std::exchange(injected_fault_, std::nullopt);
    };
    while (auto j = registry_->take()) {
        // The store is asked for per job: the worker starts while the org is still being built.
        const bulk_context context{org_.records(), *registry_, settings_, take_fault};
        std::string failure;
        try {
            if (j->kind == job_kind::ingest) process_ingest(*j, context);
            else process_query(*j, context);
        } catch (const api_exception& e) {
            failure = e.error().error_code + " : " + e.error().message;
        } catch (const std::exception& e) {
            failure = std::string("InternalServerError : ") + e.what();
        }
        if (!failure.empty()) {
            auto g = registry_->lock();
            j->state = job_state::failed;
            j->error_message = failure;
        }
        registry_->processed();
    }
}

http_response bulk_jobs::handle(const http_request& req, const std::string& version,
                                const std::vector<std::string>& parts, const std::map<std::string, std::string>& query) {
    if (parts.size() < 2 || (parts[1] != "ingest" && parts[1] != "query")) not_found();
    const job_kind kind = parts[1] == "ingest" ? job_kind::ingest : job_kind::query;
    const std::string& user = org_.records().integration_user_id();
    if (parts.size() == 2) {
        if (req.method == "GET") {
            auto g = registry_->lock();
            json::array records;
            for (const auto& j : registry_->list(kind)) records.push_back(full_info(*j, user));
            return json_response(200, json::object{{"done", true}, {"records", records}, {"nextRecordsUrl", nullptr}});
        }
        if (req.method != "POST") method_not_allowed(req.method);
        const json::object body = parse_body(req);
        auto j = std::make_shared<bulk_job>();
        j->kind = kind;
        if (kind == job_kind::ingest) define_ingest(*j, body, org_.objects());
        else define_query(*j, body, org_.objects());
        read_dialect(body, j->dialect);
        j->version = version;
        j->api_version = std::stod(version.substr(1));
        j->state = kind == job_kind::ingest ? job_state::open : job_state::upload_complete;
        j->created_date = j->modstamp = now_text();
        auto g = registry_->lock();
        registry_->add(j);
        if (j->state == job_state::upload_complete) registry_->enqueue(j);
        return json_response(200, created_info(*j, user));
    }

    auto g = registry_->lock();
    auto j = registry_->find(parts[2], kind);
    if (parts.size() == 3) {
        if (req.method == "GET") return json_response(200, full_info(*j, user));
        if (req.method == "DELETE") {
            transition(*j, job_request::remove);
            registry_->remove(j->id);
            return empty_response(204);
        }
        if (req.method != "PATCH") method_not_allowed(req.method);
        g.unlock();
        const json::object body = parse_body(req);
        g.lock();
        const job_request r = patch_request(*j, body);
        const job_state to = transition(*j, r);
        j->modstamp = now_text();
        if (r == job_request::close) {
            j->state = to;
            registry_->enqueue(j);
            return json_response(200, base_info(*j, user));
        }
        if (to == job_state::aborted) {
            if (j->state == job_state::open) abort_unstarted(*j);
            j->state = to;
        } else {
            j->abort_requested = true;  // the worker ends it once it has stopped; the answer says Aborted already
        }
        auto o = base_info(*j, user);
        o["state"] = "Aborted";
        return json_response(200, o);
    }
    const std::string& what = parts[3];
    if (parts.size() != 4) not_found();
    if (kind == job_kind::ingest && what == "batches") {
        if (req.method != "PUT") method_not_allowed(req.method, "PUT");
        transition(*j, job_request::upload);
        upload(*j, req.body, settings_.max_upload_bytes);
        return empty_response(201);
    }
    const bool ingest_results_path =
        what == "successfulResults" || what == "failedResults" || what == "unprocessedrecords";
    if ((kind == job_kind::ingest && ingest_results_path) || (kind == job_kind::query && what == "results")) {
        if (req.method != "GET") method_not_allowed(req.method, "GET");
        transition(*j, job_request::read_results);
        if (kind == job_kind::ingest) return ingest_results(*j, what);
        return query_results(*j, version, query, settings_.default_page_rows);
    }
    not_found();
}

}  // namespace sfcpp_emulator
