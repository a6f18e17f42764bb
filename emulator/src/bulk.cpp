// Bulk API 2.0 ingest and query jobs (see sfcpp_emulator/bulk.hpp).
#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/bulk.hpp>
#include <sfcpp_emulator/ids.hpp>
#include <sfcpp_emulator/soql.hpp>
#include <sfcpp_emulator/store.hpp>

#include <sfcpp/csv/tokenizer.hpp>

#include "api_util.hpp"

#include <sqlite3.h>

#include <charconv>
#include <cstdio>

namespace sfcpp_emulator {

namespace json = boost::json;
namespace csv = sfcpp::csv;
using namespace detail;

struct bulk_jobs::job {
    std::string id;
    bool is_query = false;
    std::string operation;  // insert update upsert delete hardDelete | query queryAll
    const object_schema* obj = nullptr;
    std::string external_id_field;
    std::string state;
    std::string created_date;
    std::string modstamp;
    std::string version;  // "v60.0"
    double api_version = 60.0;
    csv::dialect dialect;
    bool deleted = false;
    bool abort_requested = false;  // the worker stops at the next step and says Aborted

    // ingest
    std::string upload;                 // the CSV as uploaded; one header
    std::vector<std::string> header;    // its column names
    std::string successes, failures, unprocessed;  // result rows, without header
    std::int64_t processed = 0, failed = 0;
    std::int64_t processing_ms = 0;
    std::string error_message;

    // query
    std::string soql;
    std::string result_header;          // the header row of every page
    std::string rows;                   // every result row
    std::vector<std::size_t> row_starts;
};

namespace {

const char* const csv_type = "text/csv";

[[noreturn]] void bad_job(const std::string& message) { fail(400, "INVALIDJOB", message, {}, false); }
[[noreturn]] void bad_state(const std::string& message) { fail(400, "INVALIDJOBSTATE", message, {}, false); }

std::string now_text() { return format_datetime(std::chrono::system_clock::now()); }

std::string text_of(const json::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_null()) return {};
    return to_json(v);
}

// A cell as it was received: #N/A and empty cells keep their meaning, other text is quoted
// where needed.
void append_echo(std::string& out, const csv::cell& c, char delim) {
    if (!c.quoted && (c.text.empty() || c.text == csv::null_text)) out.append(c.text.data(), c.text.size());
    else csv::append_cell(out, c.text, delim);
}

void append_quoted(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// `CODE:message:Field1,Field2 --`, the sf__Error form.
std::string error_text(const api_error& e) {
    std::string s = e.error_code + ":" + e.message;
    if (!e.fields.empty()) {
        s += ':';
        for (std::size_t i = 0; i < e.fields.size(); ++i) s += (i ? "," : "") + e.fields[i];
    }
    return s + " --";
}

bool iequal(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

// A header column of an ingest file.
struct ingest_column {
    const sfcpp::field_describe* field = nullptr;  // a field, or the parent's indexed field
    const sfcpp::field_describe* reference = nullptr;  // Rel.Field: the reference field
    std::string relationship;
    std::string parent_field;
};

json::value typed_value(const sfcpp::field_describe& f, std::string_view text) {
    if (f.type == "int") {
        std::int64_t i = 0;
        auto r = std::from_chars(text.data(), text.data() + text.size(), i);
        if (r.ec == std::errc{} && r.ptr == text.data() + text.size()) return i;
    } else if (f.type == "boolean") {
        const std::string l = lower(text);
        if (l == "true" || l == "1" || l == "yes") return true;
        if (l == "false" || l == "0" || l == "no") return false;
    } else if (f.type == "date" && text.size() == 11 && text.back() == 'Z') {
        text.remove_suffix(1);  // 1940-06-07Z, as Salesforce's own samples write dates
    }
    return json::string(text);
}

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

}  // namespace

bulk_jobs::bulk_jobs(api& org) : org_(org), worker_([this] { run(); }) {}

bulk_jobs::~bulk_jobs() {
    {
        std::lock_guard<std::mutex> g(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    worker_.join();
}

void bulk_jobs::fail_next_job_after(std::size_t rows) {
    std::lock_guard<std::mutex> g(mutex_);
    fail_after_ = rows;
    fail_armed_ = true;
}

bool bulk_jobs::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> g(mutex_);
    return idle_.wait_for(g, timeout, [&] { return queue_.empty() && !busy_; });
}

void bulk_jobs::enqueue(const std::shared_ptr<job>& j) {
    queue_.push_back(j);
    wake_.notify_all();
}

void bulk_jobs::run() {
    std::unique_lock<std::mutex> g(mutex_);
    for (;;) {
        wake_.wait(g, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        auto j = queue_.front();
        queue_.pop_front();
        busy_ = true;
        g.unlock();
        try {
            if (j->is_query) process_query(*j);
            else process_ingest(*j);
        } catch (const api_exception& e) {
            std::lock_guard<std::mutex> lg(mutex_);
            j->state = "Failed";
            j->error_message = e.error().error_code + " : " + e.error().message;
        } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lg(mutex_);
            j->state = "Failed";
            j->error_message = std::string("InternalServerError : ") + e.what();
        }
        g.lock();
        busy_ = false;
        if (queue_.empty()) idle_.notify_all();
    }
}

std::shared_ptr<bulk_jobs::job> bulk_jobs::find(const std::string& id, bool query_job) {
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->is_query != query_job || it->second->deleted)
        fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    return it->second;
}

namespace {

json::object base_info(const bulk_jobs::job& j, const std::string& user) {
    json::object o;
    o["id"] = j.id;
    o["operation"] = j.operation;
    o["object"] = j.obj->name();
    o["createdById"] = user;
    o["createdDate"] = j.created_date;
    o["systemModstamp"] = j.modstamp;
    o["state"] = j.state;
    if (!j.external_id_field.empty()) o["externalIdFieldName"] = j.external_id_field;
    o["concurrencyMode"] = "Parallel";
    o["contentType"] = "CSV";
    o["apiVersion"] = j.api_version;
    return o;
}

json::object full_info(const bulk_jobs::job& j, const std::string& user) {
    json::object o = base_info(j, user);
    o["jobType"] = j.is_query ? "V2Query" : "V2Ingest";
    if (!j.is_query && j.state == "Open")
        o["contentUrl"] = "services/data/" + j.version + "/jobs/ingest/" + j.id + "/batches";
    o["lineEnding"] = std::string(csv::to_string(j.dialect.line_ending));
    o["columnDelimiter"] = std::string(csv::to_string(j.dialect.delimiter));
    o["numberRecordsProcessed"] = j.processed;
    if (!j.is_query) o["numberRecordsFailed"] = j.failed;
    o["retries"] = 0;
    o["totalProcessingTime"] = j.processing_ms;
    if (!j.is_query) {
        o["apiActiveProcessingTime"] = j.processing_ms;
        o["apexProcessingTime"] = 0;
    } else {
        o["isPkChunkingSupported"] = false;
    }
    if (!j.error_message.empty()) o["errorMessage"] = j.error_message;
    return o;
}

// The create response: the job's definition and, for ingest, where to upload.
json::object created_info(const bulk_jobs::job& j, const std::string& user) {
    json::object o = base_info(j, user);
    if (!j.is_query) o["contentUrl"] = "services/data/" + j.version + "/jobs/ingest/" + j.id + "/batches";
    o["lineEnding"] = std::string(csv::to_string(j.dialect.line_ending));
    o["columnDelimiter"] = std::string(csv::to_string(j.dialect.delimiter));
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

}  // namespace

http_response bulk_jobs::handle(const http_request& req, const std::string& version,
                                const std::vector<std::string>& parts, const std::map<std::string, std::string>& query) {
    if (parts.size() < 2) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    if (parts[1] == "ingest") return ingest(req, version, parts);
    if (parts[1] == "query") return query_jobs(req, version, parts, query);
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response bulk_jobs::ingest(const http_request& req, const std::string& version,
                                const std::vector<std::string>& parts) {
    const std::string& user = org_.records().integration_user_id();
    if (parts.size() == 2) {
        if (req.method == "GET") {
            std::lock_guard<std::mutex> g(mutex_);
            json::array records;
            for (const auto& [id, j] : jobs_)
                if (!j->is_query && !j->deleted) records.push_back(full_info(*j, user));
            return json_response(200, json::object{{"done", true}, {"records", records}, {"nextRecordsUrl", nullptr}});
        }
        if (req.method != "POST") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed", {}, false);
        const json::object body = parse_body(req);
        auto j = std::make_shared<job>();
        const auto* object = find_key(body, "object");
        if (!object || !object->is_string()) bad_job("object is required");
        j->obj = org_.objects().find(object->get_string());
        if (!j->obj) bad_job("sObject type '" + std::string(object->get_string()) + "' is not supported");
        const auto* op = find_key(body, "operation");
        j->operation = op && op->is_string() ? std::string(op->get_string()) : "";
        if (j->operation != "insert" && j->operation != "update" && j->operation != "upsert" &&
            j->operation != "delete" && j->operation != "hardDelete")
            bad_job("Invalid operation: " + j->operation);
        if (j->operation == "upsert") {
            const auto* ext = find_key(body, "externalIdFieldName");
            if (!ext || !ext->is_string()) bad_job("externalIdFieldName is required for upsert");
            const auto* f = j->obj->field(ext->get_string());
            if (!f || !(f->external_id || f->id_lookup || f->name == "Id"))
                bad_job("Field " + std::string(ext->get_string()) + " is not an external id field of " + j->obj->name());
            j->external_id_field = f->name;
        }
        read_dialect(body, j->dialect);
        j->version = version;
        j->api_version = std::stod(version.substr(1));
        j->state = "Open";
        j->created_date = j->modstamp = now_text();
        std::lock_guard<std::mutex> g(mutex_);
        add_job(j);
        return json_response(200, created_info(*j, user));
    }

    std::unique_lock<std::mutex> g(mutex_);
    auto j = find(parts[2], false);
    if (parts.size() == 3) {
        if (req.method == "GET") return json_response(200, full_info(*j, user));
        if (req.method == "DELETE") {
            if (j->state == "Open" || j->state == "InProgress")
                bad_state("Deleting a job in state " + j->state + " is not allowed; abort it first");
            j->deleted = true;
            jobs_.erase(j->id);
            return empty_response(204);
        }
        if (req.method == "PATCH") {
            g.unlock();
            const json::object body = parse_body(req);
            g.lock();
            const auto* st = find_key(body, "state");
            const std::string want = st && st->is_string() ? std::string(st->get_string()) : "";
            if (want == "UploadComplete") {
                if (j->state != "Open") bad_state("Closing a job in state " + j->state + " is not allowed");
                j->state = "UploadComplete";
                j->modstamp = now_text();
                enqueue(j);
            } else if (want == "Aborted") {
                if ((j->state != "Open" && j->state != "UploadComplete" && j->state != "InProgress") || j->abort_requested)
                    bad_state("Aborting already " + (j->state == "JobComplete" ? std::string("Completed") : j->state) +
                              " Job not allowed");
                j->modstamp = now_text();
                if (j->state == "Open") {
                    // Never queued: everything uploaded is unprocessed, as uploaded.
                    j->state = "Aborted";
                    csv::tokenizer t(j->dialect);
                    t.feed(j->upload);
                    t.finish();
                    std::span<const csv::cell> row;
                    if (t.next(row)) {
                        for (const auto& c : row) j->header.emplace_back(c.text);
                        j->unprocessed = j->upload.substr(static_cast<std::size_t>(t.position()));
                    }
                    j->upload.clear();
                } else {
                    // The worker stops at its next step and moves the job to Aborted once the
                    // unprocessed rows are known; the answer already says Aborted.
                    j->abort_requested = true;
                    auto o = base_info(*j, user);
                    o["state"] = "Aborted";
                    return json_response(200, o);
                }
            } else {
                bad_job("Invalid state: " + want + " (UploadComplete or Aborted)");
            }
            return json_response(200, base_info(*j, user));
        }
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed", {}, false);
    }
    const std::string& what = parts[3];
    if (what == "batches" && parts.size() == 4) {
        if (req.method != "PUT") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are PUT", {}, false);
        if (j->state != "Open") bad_state("Uploading data to a job in state " + j->state + " is not allowed");
        const std::size_t total = j->upload.size() + req.body.size();
        if (total / 3 * 4 > settings_.max_upload_bytes)
            fail(400, "INVALIDJOB", "Upload exceeds the limit of " + std::to_string(settings_.max_upload_bytes) +
                                        " bytes of base64 encoded content per job", {}, false);
        if (j->upload.empty()) {
            j->upload = req.body;
        } else {
            // Later uploads repeat the header; keep their rows only.
            csv::tokenizer t(j->dialect);
            t.feed(req.body);
            t.finish();
            std::span<const csv::cell> row;
            if (t.next(row)) j->upload.append(req.body, static_cast<std::size_t>(t.position()), std::string::npos);
        }
        return empty_response(201);
    }
    if (parts.size() == 4 && (what == "successfulResults" || what == "failedResults" || what == "unprocessedrecords")) {
        if (req.method != "GET") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are GET", {}, false);
        if (j->state != "JobComplete" && j->state != "Failed" && j->state != "Aborted")
            bad_state("Results are available once the job is JobComplete, Failed or Aborted; it is " + j->state);
        const char delim = csv::delimiter_char(j->dialect.delimiter);
        const std::string_view eol = csv::line_ending_text(j->dialect.line_ending);
        std::string out;
        if (what == "successfulResults") out = "\"sf__Id\"" + std::string(1, delim) + "\"sf__Created\"";
        else if (what == "failedResults") out = "\"sf__Id\"" + std::string(1, delim) + "\"sf__Error\"";
        bool first = what == "unprocessedrecords";
        for (const auto& h : j->header) {
            if (!first) out += delim;
            first = false;
            csv::append_cell(out, h, delim);
        }
        out += eol;
        out += what == "successfulResults" ? j->successes : what == "failedResults" ? j->failures : j->unprocessed;
        http_response r;
        r.status = 200;
        r.headers.emplace_back("Content-Type", csv_type);
        r.body = std::move(out);
        return r;
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

void bulk_jobs::process_ingest(job& j) {
    std::string upload;
    {
        std::lock_guard<std::mutex> g(mutex_);
        upload.swap(j.upload);
        if (j.state == "UploadComplete") j.state = "InProgress";
    }
    const auto started = std::chrono::steady_clock::now();
    const char delim = csv::delimiter_char(j.dialect.delimiter);
    const std::string_view eol = csv::line_ending_text(j.dialect.line_ending);
    csv::tokenizer t(j.dialect);
    t.feed(upload);
    upload.clear();
    upload.shrink_to_fit();
    t.finish();
    std::span<const csv::cell> row;

    auto finish = [&](const std::string& state, const std::string& message) {
        std::lock_guard<std::mutex> g(mutex_);
        j.state = state;
        if (j.abort_requested) j.state = "Aborted";
        else if (!message.empty()) j.error_message = message;
        j.processing_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        j.modstamp = now_text();
    };
    auto echo_row = [&](std::string& out, std::span<const csv::cell> cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += delim;
            append_echo(out, cells[i], delim);
        }
        out += eol;
    };
    // Everything not read yet goes to the unprocessed records.
    auto rest_unprocessed = [&](bool include_current) {
        std::string out;
        if (include_current) echo_row(out, row);
        while (t.next(row)) echo_row(out, row);
        std::lock_guard<std::mutex> g(mutex_);
        j.unprocessed += out;
    };

    if (!t.next(row)) return finish("Failed", "InvalidBatch : no data was uploaded");
    std::vector<ingest_column> cols;
    {
        std::vector<std::string> names;
        for (const auto& c : row) names.emplace_back(c.text);
        std::lock_guard<std::mutex> g(mutex_);
        j.header = names;
    }
    const object_schema& o = *j.obj;
    const bool by_id = j.operation == "delete" || j.operation == "hardDelete";
    for (const auto& c : row) {
        ingest_column col;
        const std::string name(c.text);
        const auto dot = name.find('.');
        if (dot == std::string::npos) {
            col.field = o.field(name);
        } else {
            col.relationship = name.substr(0, dot);
            col.parent_field = name.substr(dot + 1);
            col.reference = o.relationship(col.relationship);
            if (col.reference) col.field = col.reference;
        }
        if (!col.field) {
            rest_unprocessed(false);
            return finish("Failed", "InvalidBatch : Field name not found : " + name);
        }
        cols.push_back(col);
    }
    auto column_of = [&](std::string_view name) -> int {
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].reference == nullptr && iequal(cols[i].field->name, name)) return static_cast<int>(i);
        return -1;
    };
    const int id_col = column_of("Id");
    const int ext_col = j.operation == "upsert" ? column_of(j.external_id_field) : -1;
    if ((by_id || j.operation == "update") && id_col < 0) {
        rest_unprocessed(false);
        return finish("Failed", "InvalidBatch : Field name not found : Id");
    }
    if (j.operation == "upsert" && ext_col < 0) {
        rest_unprocessed(false);
        return finish("Failed", "InvalidBatch : External ID field not found in the header : " + j.external_id_field);
    }
    const sfcpp::field_describe* ext_field = j.operation == "upsert" ? o.field(j.external_id_field) : nullptr;

    std::size_t fail_after = 0;
    bool will_fail = false;
    {
        std::lock_guard<std::mutex> g(mutex_);
        if (fail_armed_) {
            will_fail = true;
            fail_after = fail_after_;
            fail_armed_ = false;
        }
    }

    store& db = org_.records();
    std::size_t done_rows = 0;
    for (;;) {
        {
            std::lock_guard<std::mutex> g(mutex_);
            if (j.abort_requested) break;
        }
        if (will_fail && done_rows >= fail_after) {
            rest_unprocessed(false);
            return finish("Failed", "InternalServerError : the job failed while processing (injected fault)");
        }
        std::string ok, bad;
        std::int64_t n = 0, nfail = 0;
        bool more = true;
        {
            auto lock = db.lock();
            sqlite3_exec(db.handle(), "SAVEPOINT sfcpp_bulk_step", nullptr, nullptr, nullptr);
            std::size_t limit = settings_.rows_per_step;
            if (will_fail) limit = std::min(limit, fail_after - done_rows);
            while (static_cast<std::size_t>(n) < limit) {
                try {
                    if (!t.next(row)) { more = false; break; }
                } catch (const csv::parse_error& e) {
                    // The rest of the file cannot be read.
                    sqlite3_exec(db.handle(), "RELEASE sfcpp_bulk_step", nullptr, nullptr, nullptr);
                    {
                        std::lock_guard<std::mutex> g(mutex_);
                        j.successes += ok;
                        j.failures += bad;
                        j.processed += n;
                        j.failed += nfail;
                    }
                    return finish("Failed", std::string("ClientInputError : ") + e.what());
                }
                ++n;
                std::string id, error;
                bool created = false;
                try {
                    if (row.size() != cols.size())
                        fail(400, "INVALID_ROW", "the row has " + std::to_string(row.size()) + " cells, the header " +
                                                     std::to_string(cols.size()));
                    json::object values;
                    for (std::size_t i = 0; i < cols.size(); ++i) {
                        const csv::cell& c = row[i];
                        if (!c.quoted && c.text.empty()) continue;
                        const bool null = !c.quoted && c.text == csv::null_text;
                        const ingest_column& col = cols[i];
                        if (col.reference) {
                            if (null) values[col.reference->name] = nullptr;
                            else values[col.relationship] = json::object{{col.parent_field, json::string(c.text)}};
                        } else {
                            values[col.field->name] = null ? json::value(nullptr) : typed_value(*col.field, c.text);
                        }
                    }
                    if (by_id || j.operation == "update") {
                        const json::value* v = find_key(values, "Id");
                        if (!v || !v->is_string() || v->get_string().empty())
                            fail(400, "MISSING_ARGUMENT", "Id not specified in an " + j.operation + " call", {"Id"});
                        id = std::string(v->get_string());
                        values.erase("Id");
                        if (by_id) db.remove(o, id);
                        else db.update(o, id, values);
                        if (auto norm = normalize_id(id)) id = *norm;
                    } else if (j.operation == "upsert") {
                        const json::value* v = find_key(values, ext_field->name);
                        if (!v || v->is_null())
                            fail(400, "MISSING_ARGUMENT", ext_field->name + " not specified", {ext_field->name});
                        const std::string key = text_of(*v);
                        values.erase(ext_field->name);
                        try {
                            upsert_result u = db.upsert(o, *ext_field, key, values);
                            id = u.id;
                            created = u.created;
                        } catch (const multiple_matches&) {
                            fail(300, "DUPLICATE_EXTERNAL_ID",
                                 ext_field->name + ": more than one record found for external id field: " + key, {});
                        }
                    } else {
                        id = db.create(o, values);
                        created = true;
                    }
                } catch (const api_exception& e) {
                    error = error_text(e.error());
                } catch (const std::exception& e) {
                    error = std::string("UNKNOWN_EXCEPTION:") + e.what() + " --";
                }
                if (error.empty()) {
                    append_quoted(ok, id);
                    ok += delim;
                    append_quoted(ok, created ? "true" : "false");
                    for (const auto& c : row) {
                        ok += delim;
                        append_echo(ok, c, delim);
                    }
                    ok += eol;
                } else {
                    ++nfail;
                    append_quoted(bad, by_id || j.operation == "update" ? id : "");
                    bad += delim;
                    append_quoted(bad, error);
                    for (const auto& c : row) {
                        bad += delim;
                        append_echo(bad, c, delim);
                    }
                    bad += eol;
                }
            }
            sqlite3_exec(db.handle(), "RELEASE sfcpp_bulk_step", nullptr, nullptr, nullptr);
        }
        done_rows += static_cast<std::size_t>(n);
        {
            std::lock_guard<std::mutex> g(mutex_);
            j.successes += ok;
            j.failures += bad;
            j.processed += n;
            j.failed += nfail;
            j.processing_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        }
        if (!more) break;
        if (settings_.step_pause.count() > 0) std::this_thread::sleep_for(settings_.step_pause);
    }
    bool aborted;
    {
        std::lock_guard<std::mutex> g(mutex_);
        aborted = j.abort_requested;
    }
    if (aborted) rest_unprocessed(false);
    finish("JobComplete", "");
}

// ---- query jobs ------------------------------------------------------------------------------

http_response bulk_jobs::query_jobs(const http_request& req, const std::string& version,
                                    const std::vector<std::string>& parts, const std::map<std::string, std::string>& query) {
    const std::string& user = org_.records().integration_user_id();
    if (parts.size() == 2) {
        if (req.method == "GET") {
            std::lock_guard<std::mutex> g(mutex_);
            json::array records;
            for (const auto& [id, j] : jobs_)
                if (j->is_query && !j->deleted) records.push_back(full_info(*j, user));
            return json_response(200, json::object{{"done", true}, {"records", records}, {"nextRecordsUrl", nullptr}});
        }
        if (req.method != "POST") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed", {}, false);
        const json::object body = parse_body(req);
        auto j = std::make_shared<job>();
        j->is_query = true;
        const auto* op = find_key(body, "operation");
        j->operation = op && op->is_string() ? std::string(op->get_string()) : "query";
        if (j->operation != "query" && j->operation != "queryAll") bad_job("Invalid operation: " + j->operation);
        const auto* q = find_key(body, "query");
        if (!q || !q->is_string()) bad_job("query is required");
        j->soql = std::string(q->get_string());
        const soql::query parsed = soql::parse(j->soql);
        for (const auto& item : parsed.select)
            if (item.k != soql::select_item::kind::field)
                fail(400, "API_ERROR",
                     "Bulk API 2.0 query does not support aggregate functions, subqueries, TYPEOF or FIELDS()", {}, false);
        if (!parsed.group_by.empty() || parsed.offset)
            fail(400, "API_ERROR", "Bulk API 2.0 query does not support GROUP BY or OFFSET", {}, false);
        j->obj = org_.objects().find(parsed.from);
        if (!j->obj)
            fail(400, "INVALID_TYPE", "sObject type '" + parsed.from + "' is not supported.", {}, false);
        read_dialect(body, j->dialect);
        j->version = version;
        j->api_version = std::stod(version.substr(1));
        j->state = "UploadComplete";
        j->created_date = j->modstamp = now_text();
        std::lock_guard<std::mutex> g(mutex_);
        add_job(j);
        enqueue(j);
        return json_response(200, created_info(*j, user));
    }
    std::unique_lock<std::mutex> g(mutex_);
    auto j = find(parts[2], true);
    if (parts.size() == 3) {
        if (req.method == "GET") return json_response(200, full_info(*j, user));
        if (req.method == "DELETE") {
            if (j->state == "UploadComplete" || j->state == "InProgress")
                bad_state("Deleting a job in state " + j->state + " is not allowed; abort it first");
            j->deleted = true;
            jobs_.erase(j->id);
            return empty_response(204);
        }
        if (req.method == "PATCH") {
            g.unlock();
            const json::object body = parse_body(req);
            g.lock();
            const auto* st = find_key(body, "state");
            if (!st || !st->is_string() || st->get_string() != "Aborted") bad_job("Invalid state (only Aborted)");
            if ((j->state != "UploadComplete" && j->state != "InProgress") || j->abort_requested)
                bad_state("Aborting a job in state " + j->state + " is not allowed");
            j->modstamp = now_text();
            if (j->state == "UploadComplete") j->state = "Aborted";  // the worker skips it
            else j->abort_requested = true;
            auto o = base_info(*j, user);
            o["state"] = "Aborted";
            return json_response(200, o);
        }
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed", {}, false);
    }
    if (parts.size() == 4 && parts[3] == "results") {
        if (req.method != "GET") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are GET", {}, false);
        if (j->state != "JobComplete") bad_state("Results are available once the job is JobComplete; it is " + j->state);
        if (j->version != version)
            fail(409, "INVALIDJOBSTATE", "Get results with the API version that created the job (" + j->version + ")", {}, false);
        std::size_t start = 0, max = settings_.default_page_rows;
        if (auto it = query.find("locator"); it != query.end() && !it->second.empty() && it->second != "null") {
            auto r = std::from_chars(it->second.data(), it->second.data() + it->second.size(), start);
            if (r.ec != std::errc{} || r.ptr != it->second.data() + it->second.size() || start > j->row_starts.size())
                fail(400, "INVALID_LOCATOR", "Invalid locator: " + it->second, {}, false);
        }
        if (auto it = query.find("maxRecords"); it != query.end()) {
            auto r = std::from_chars(it->second.data(), it->second.data() + it->second.size(), max);
            if (r.ec != std::errc{} || max == 0) fail(400, "INVALID_MAX_RECORDS", "Invalid maxRecords: " + it->second, {}, false);
        }
        const std::size_t end = start + std::min(max, j->row_starts.size() - start);  // no overflow
        const std::size_t from = start < j->row_starts.size() ? j->row_starts[start] : j->rows.size();
        const std::size_t to = end < j->row_starts.size() ? j->row_starts[end] : j->rows.size();
        http_response r;
        r.status = 200;
        r.headers.emplace_back("Content-Type", csv_type);
        r.headers.emplace_back("Sforce-Locator", end < j->row_starts.size() ? std::to_string(end) : "null");
        r.headers.emplace_back("Sforce-NumberOfRecords", std::to_string(end - std::min(start, end)));
        r.body.reserve(j->result_header.size() + (to - from));
        r.body = j->result_header;
        r.body.append(j->rows, from, to - from);
        return r;
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

// Jobs stay until deleted, as on Salesforce for a while; to bound memory, once more than
// max_kept_jobs are kept the oldest finished ones (and their results) are forgotten.
void bulk_jobs::add_job(const std::shared_ptr<job>& j) {
    j->id = make_id("750", ++serial_ + 0x10000);
    jobs_[j->id] = j;
    for (auto it = jobs_.begin(); jobs_.size() > settings_.max_kept_jobs && it != jobs_.end();) {
        const std::string& s = it->second->state;
        if (s == "JobComplete" || s == "Failed" || s == "Aborted") {
            it->second->deleted = true;
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
}

void bulk_jobs::process_query(job& j) {
    {
        std::lock_guard<std::mutex> g(mutex_);
        if (j.state != "UploadComplete") return;  // aborted while queued
        j.state = "InProgress";
    }
    const auto started = std::chrono::steady_clock::now();
    const soql::query q = soql::parse(j.soql);
    soql::result res = soql::execute(org_.records(), q, j.operation == "queryAll", j.version, j.soql);
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
    std::lock_guard<std::mutex> g(mutex_);
    if (j.abort_requested) {
        j.state = "Aborted";
        return;
    }
    j.result_header = std::move(header);
    j.rows = std::move(rows);
    j.row_starts = std::move(starts);
    j.processed = static_cast<std::int64_t>(j.row_starts.size());
    j.processing_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    j.state = "JobComplete";
    j.modstamp = now_text();
}

}  // namespace sfcpp_emulator
