// Bulk API 2.0 ingest jobs: the job definition, uploads, processing the rows through the store
// (in steps, each in one savepoint), and the three result files.
#include "bulk_job.hpp"

#include <sfcpp_emulator/ids.hpp>

#include <sfcpp/csv/tokenizer.hpp>

#include "api_util.hpp"

#include <charconv>
#include <thread>

namespace sfcpp_emulator::bulk_detail {

namespace json = boost::json;
namespace csv = sfcpp::csv;
using detail::find_key;
using sfcpp::field_type;

namespace {

// A cell as it was received: #N/A and empty cells keep their meaning, other text is quoted
// where needed.
void append_echo(std::string& out, const csv::cell& c, char delim) {
    if (!c.quoted && (c.text.empty() || c.text == csv::null_text)) out.append(c.text.data(), c.text.size());
    else csv::append_cell(out, c.text, delim);
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
    const sfcpp::field_describe* field = nullptr;      // a field, or the parent's indexed field
    const sfcpp::field_describe* reference = nullptr;  // Rel.Field: the reference field
    std::string relationship;
    std::string parent_field;
};

// A cell as the JSON value the REST API would have been sent.
json::value typed_value(const sfcpp::field_describe& f, std::string_view text) {
    const field_type t = type_of(f);
    if (t == field_type::int_) {
        std::int64_t i = 0;
        auto r = std::from_chars(text.data(), text.data() + text.size(), i);
        if (r.ec == std::errc{} && r.ptr == text.data() + text.size()) return i;
    } else if (t == field_type::boolean) {
        const std::string l = lower(text);
        if (l == "true" || l == "1" || l == "yes") return true;
        if (l == "false" || l == "0" || l == "no") return false;
    } else if (t == field_type::date && text.size() == 11 && text.back() == 'Z') {
        text.remove_suffix(1);  // 1940-06-07Z, as Salesforce's own samples write dates
    }
    return json::string(text);
}

// The header row (the first) of `csv`, and where the rows after it start.
std::optional<std::pair<std::vector<std::string>, std::size_t>> split_header(std::string_view data,
                                                                             const csv::dialect& d) {
    csv::tokenizer t(d);
    t.feed(data);
    t.finish();
    std::span<const csv::cell> row;
    if (!t.next(row)) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& c : row) names.emplace_back(c.text);
    return std::pair{std::move(names), static_cast<std::size_t>(t.position())};
}

}  // namespace

void define_ingest(bulk_job& j, const json::object& body, const schema& objects) {
    const auto* object = find_key(body, "object");
    if (!object || !object->is_string()) bad_job("object is required");
    j.obj = objects.find(object->get_string());
    if (!j.obj) bad_job("sObject type '" + std::string(object->get_string()) + "' is not supported");
    const auto* op = find_key(body, "operation");
    j.operation = op && op->is_string() ? std::string(op->get_string()) : "";
    if (j.operation != "insert" && j.operation != "update" && j.operation != "upsert" && j.operation != "delete" &&
        j.operation != "hardDelete")
        bad_job("Invalid operation: " + j.operation);
    if (j.operation == "upsert") {
        const auto* ext = find_key(body, "externalIdFieldName");
        if (!ext || !ext->is_string()) bad_job("externalIdFieldName is required for upsert");
        const auto* f = j.obj->field(ext->get_string());
        if (!f || !(f->external_id || f->id_lookup || f->name == "Id"))
            bad_job("Field " + std::string(ext->get_string()) + " is not an external id field of " + j.obj->name());
        j.external_id_field = f->name;
    }
}

void upload(bulk_job& j, std::string_view data, std::size_t max_upload_bytes) {
    const std::size_t total = j.upload.size() + data.size();
    if (total / 3 * 4 > max_upload_bytes)
        fail(400, "INVALIDJOB", "Upload exceeds the limit of " + std::to_string(max_upload_bytes) +
                                    " bytes of base64 encoded content per job", {}, false);
    if (j.upload.empty()) j.upload = data;
    else if (auto h = split_header(data, j.dialect)) j.upload.append(data.substr(h->second));  // rows only
}

void abort_unstarted(bulk_job& j) {
    if (auto h = split_header(j.upload, j.dialect)) {
        j.header = std::move(h->first);
        j.unprocessed = j.upload.substr(h->second);
    }
    j.upload.clear();
}

http_response ingest_results(const bulk_job& j, const std::string& what) {
    const char delim = csv::delimiter_char(j.dialect.delimiter);
    std::string out;
    if (what == "successfulResults") out = "\"sf__Id\"" + std::string(1, delim) + "\"sf__Created\"";
    else if (what == "failedResults") out = "\"sf__Id\"" + std::string(1, delim) + "\"sf__Error\"";
    bool first = what == "unprocessedrecords";
    for (const auto& h : j.header) {
        if (!first) out += delim;
        first = false;
        csv::append_cell(out, h, delim);
    }
    out += csv::line_ending_text(j.dialect.line_ending);
    out += what == "successfulResults" ? j.successes : what == "failedResults" ? j.failures : j.unprocessed;
    http_response r;
    r.status = 200;
    r.headers.emplace_back("Content-Type", "text/csv");
    r.body = std::move(out);
    return r;
}

namespace {

// One ingest job's processing, from the worker thread.
class ingest_run {
public:
    ingest_run(bulk_job& j, const bulk_context& org)
        : j_(j), org_(org), delim_(csv::delimiter_char(j.dialect.delimiter)),
          eol_(csv::line_ending_text(j.dialect.line_ending)), tokens_(j.dialect) {}

    void run() {
        std::string upload;
        {
            auto g = org_.registry.lock();
            upload.swap(j_.upload);
            if (auto to = next_state(j_, job_request::start)) j_.state = *to;
        }
        tokens_.feed(upload);
        upload.clear();
        upload.shrink_to_fit();
        tokens_.finish();
        if (!tokens_.next(row_)) return finish(job_request::fail, "InvalidBatch : no data was uploaded");
        if (!read_header()) return;
        const std::optional<std::size_t> fail_after = org_.take_fault();
        std::size_t done_rows = 0;
        for (;;) {
            {
                auto g = org_.registry.lock();
                if (j_.abort_requested) break;
            }
            if (fail_after && done_rows >= *fail_after) {
                rest_unprocessed(false);
                return finish(job_request::fail, "InternalServerError : the job failed while processing (injected fault)");
            }
            std::size_t limit = org_.settings.rows_per_step;
            if (fail_after) limit = std::min(limit, *fail_after - done_rows);
            const auto [n, more, bad_csv] = step(limit);
            done_rows += n;
            if (bad_csv) return finish(job_request::fail, "ClientInputError : " + *bad_csv);
            if (!more) break;
            if (org_.settings.step_pause.count() > 0) std::this_thread::sleep_for(org_.settings.step_pause);
        }
        bool aborted;
        {
            auto g = org_.registry.lock();
            aborted = j_.abort_requested;
        }
        if (aborted) rest_unprocessed(false);
        finish(job_request::complete, "");
    }

private:
    std::int64_t elapsed_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_).count();
    }

    void finish(job_request outcome, const std::string& message) {
        auto g = org_.registry.lock();
        if (auto to = next_state(j_, outcome)) j_.state = *to;
        if (!j_.abort_requested && !message.empty()) j_.error_message = message;
        j_.processing_ms = elapsed_ms();
        j_.modstamp = now_text();
    }

    void echo_row(std::string& out, std::span<const csv::cell> cells) const {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += delim_;
            append_echo(out, cells[i], delim_);
        }
        out += eol_;
    }

    // Everything not read yet goes to the unprocessed records.
    void rest_unprocessed(bool include_current) {
        std::string out;
        if (include_current) echo_row(out, row_);
        while (tokens_.next(row_)) echo_row(out, row_);
        auto g = org_.registry.lock();
        j_.unprocessed += out;
    }

    // Fails the job (false) when a column names no field or the key column is missing.
    bool read_header() {
        {
            std::vector<std::string> names;
            for (const auto& c : row_) names.emplace_back(c.text);
            auto g = org_.registry.lock();
            j_.header = names;
        }
        const object_schema& o = *j_.obj;
        for (const auto& c : row_) {
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
            if (!col.field) return header_error("Field name not found : " + name);
            cols_.push_back(col);
        }
        auto column_of = [&](std::string_view name) -> int {
            for (std::size_t i = 0; i < cols_.size(); ++i)
                if (cols_[i].reference == nullptr && iequal(cols_[i].field->name, name)) return static_cast<int>(i);
            return -1;
        };
        const bool upsert = j_.operation == "upsert";
        if (by_id() && column_of("Id") < 0) return header_error("Field name not found : Id");
        if (upsert && column_of(j_.external_id_field) < 0)
            return header_error("External ID field not found in the header : " + j_.external_id_field);
        if (upsert) ext_field_ = o.field(j_.external_id_field);
        return true;
    }

    bool header_error(const std::string& what) {
        rest_unprocessed(false);
        finish(job_request::fail, "InvalidBatch : " + what);
        return false;
    }

    // delete, hardDelete and update name their records by Id.
    bool by_id() const { return deletes() || j_.operation == "update"; }
    bool deletes() const { return j_.operation == "delete" || j_.operation == "hardDelete"; }

    struct step_result {
        std::size_t rows = 0;
        bool more = true;                     // rows are left
        std::optional<std::string> bad_csv;  // the rest of the file cannot be read
    };

    // Up to `limit` rows in one savepoint; their results are added to the job's.
    step_result step(std::size_t limit) {
        step_result out;
        std::string ok, bad;
        std::int64_t nfail = 0;
        {
            store& db = org_.db;
            auto lock = db.lock();
            sqlite3_exec(db.handle(), "SAVEPOINT sfcpp_bulk_step", nullptr, nullptr, nullptr);
            while (out.rows < limit) {
                try {
                    if (!tokens_.next(row_)) { out.more = false; break; }
                } catch (const csv::parse_error& e) {
                    out.bad_csv = e.what();
                    break;
                }
                ++out.rows;
                write_result(apply_row(), ok, bad, nfail);
            }
            sqlite3_exec(db.handle(), "RELEASE sfcpp_bulk_step", nullptr, nullptr, nullptr);
        }
        auto g = org_.registry.lock();
        j_.successes += ok;
        j_.failures += bad;
        j_.processed += static_cast<std::int64_t>(out.rows);
        j_.failed += nfail;
        if (!out.bad_csv) j_.processing_ms = elapsed_ms();
        return out;
    }

    struct row_result {
        std::string id;
        bool created = false;
        std::string error;  // sf__Error; empty when the row succeeded
    };

    row_result apply_row() {
        row_result r;
        try {
            if (row_.size() != cols_.size())
                fail(400, "INVALID_ROW", "the row has " + std::to_string(row_.size()) + " cells, the header " +
                                             std::to_string(cols_.size()));
            json::object values = row_values();
            store& db = org_.db;
            const object_schema& o = *j_.obj;
            if (by_id()) {
                const json::value* v = find_key(values, "Id");
                if (!v || !v->is_string() || v->get_string().empty())
                    fail(400, "MISSING_ARGUMENT", "Id not specified in an " + j_.operation + " call", {"Id"});
                r.id = std::string(v->get_string());
                values.erase("Id");
                if (deletes()) db.remove(o, r.id);
                else db.update(o, r.id, values);
                if (auto norm = normalize_id(r.id)) r.id = *norm;
            } else if (ext_field_) {
                const json::value* v = find_key(values, ext_field_->name);
                if (!v || v->is_null())
                    fail(400, "MISSING_ARGUMENT", ext_field_->name + " not specified", {ext_field_->name});
                const std::string key = text_of(*v);
                values.erase(ext_field_->name);
                try {
                    upsert_result u = db.upsert(o, *ext_field_, key, values);
                    r.id = u.id;
                    r.created = u.created;
                } catch (const multiple_matches&) {
                    fail(300, "DUPLICATE_EXTERNAL_ID",
                         ext_field_->name + ": more than one record found for external id field: " + key, {});
                }
            } else {
                r.id = db.create(o, values);
                r.created = true;
            }
        } catch (const api_exception& e) {
            r.error = error_text(e.error());
        } catch (const std::exception& e) {
            r.error = std::string("UNKNOWN_EXCEPTION:") + e.what() + " --";
        }
        return r;
    }

    // The row as the REST body it stands for; empty cells are left out, #N/A is null.
    json::object row_values() const {
        json::object values;
        for (std::size_t i = 0; i < cols_.size(); ++i) {
            const csv::cell& c = row_[i];
            if (!c.quoted && c.text.empty()) continue;
            const bool null = !c.quoted && c.text == csv::null_text;
            const ingest_column& col = cols_[i];
            if (col.reference) {
                if (null) values[col.reference->name] = nullptr;
                else values[col.relationship] = json::object{{col.parent_field, json::string(c.text)}};
            } else {
                values[col.field->name] = null ? json::value(nullptr) : typed_value(*col.field, c.text);
            }
        }
        return values;
    }

    void write_result(const row_result& r, std::string& ok, std::string& bad, std::int64_t& nfail) const {
        std::string& out = r.error.empty() ? ok : bad;
        if (r.error.empty()) {
            append_quoted(out, r.id);
            out += delim_;
            append_quoted(out, r.created ? "true" : "false");
        } else {
            ++nfail;
            append_quoted(out, by_id() ? r.id : "");
            out += delim_;
            append_quoted(out, r.error);
        }
        for (const auto& c : row_) {
            out += delim_;
            append_echo(out, c, delim_);
        }
        out += eol_;
    }

    bulk_job& j_;
    const bulk_context& org_;
    const char delim_;
    const std::string_view eol_;
    csv::tokenizer tokens_;
    std::span<const csv::cell> row_;
    std::vector<ingest_column> cols_;
    const sfcpp::field_describe* ext_field_ = nullptr;  // upsert
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

void process_ingest(bulk_job& j, const bulk_context& org) { ingest_run(j, org).run(); }

}  // namespace sfcpp_emulator::bulk_detail
