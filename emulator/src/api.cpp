// The emulator's router (dispatch) and its REST resources: versions, limits, sObjects, records,
// describe, queries. OAuth is in oauth.cpp, fault injection in faults.cpp, wire helpers in wire.cpp.
#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/ids.hpp>
#include <sfcpp_emulator/soql.hpp>

#include <sfcpp/http/url.hpp>

#include "api_util.hpp"
#include "http_date.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sfcpp_emulator {

namespace json = boost::json;
using namespace detail;

api::api(const options& opts) : opts_(opts), schema_(schema::load(opts.schema_dir)) {
    store_ = std::make_unique<store>(schema_, opts_.db_path);
    if (!opts_.seed_file.empty()) {
        std::ifstream in(opts_.seed_file, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read seed file " + opts_.seed_file.string());
        std::stringstream buf;
        buf << in.rdbuf();
        json::value seed = json::parse(buf.str());
        if (!seed.is_object()) throw std::runtime_error("seed file must hold an object of arrays by sObject name");
        for (const auto& kv : seed.get_object()) {
            const object_schema* o = schema_.find(kv.key());
            if (!o) throw std::runtime_error("seed file: unknown sObject " + std::string(kv.key()));
            for (const auto& rec : kv.value().as_array()) {
                try {
                    store_->create(*o, rec.as_object());
                } catch (const api_exception& e) {
                    throw std::runtime_error("seed file: " + std::string(kv.key()) + ": " + e.error().error_code + ": " +
                                             e.error().message);
                }
            }
        }
    }
}

http_response api::dispatch(const http_request& req) {
    http_response res;
    try {
        const std::string path(req.path());
        if (path.rfind("/services/oauth2/", 0) == 0) {
            res = oauth(req, path);
        } else {
            std::vector<std::string> parts;
            std::size_t start = 1;
            while (start <= path.size()) {
                auto slash = path.find('/', start);
                if (slash == std::string::npos) slash = path.size();
                parts.push_back(url_decode(std::string_view(path).substr(start, slash - start), false));
                start = slash + 1;
            }
            while (!parts.empty() && parts.back().empty()) parts.pop_back();
            if (parts.size() >= 2 && parts[0] == "services" && parts[1] == "data") {
                parts.erase(parts.begin(), parts.begin() + 2);
                res = rest(req, parts, parse_form(req.query()));
            } else {
                fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
            }
        }
    } catch (const api_exception& e) {
        res = error_response(e.error());
    } catch (const std::exception& e) {
        res = error_response({500, "UNKNOWN_EXCEPTION",
                              std::string("An unexpected error occurred in the emulator: ") + e.what(), {}, false});
    }
    return res;
}

http_response api::rest(const http_request& req, const std::vector<std::string>& parts,
                        const std::map<std::string, std::string>& query) {
    if (parts.empty()) {
        json::array versions;
        int latest = std::stoi(opts_.latest_version);
        for (int v = 31; v <= latest; ++v) {
            std::string ver = std::to_string(v) + ".0";
            versions.push_back(json::object{{"label", version_label(v)}, {"url", "/services/data/v" + ver}, {"version", ver}});
        }
        return json_response(200, versions);
    }
    const std::string& version = parts[0];
    {
        bool ok = version.size() >= 4 && version[0] == 'v' && version.ends_with(".0");
        int v = 0;
        if (ok) {
            auto r = std::from_chars(version.data() + 1, version.data() + version.size() - 2, v);
            ok = r.ec == std::errc() && r.ptr == version.data() + version.size() - 2 && v >= 20 &&
                 v <= std::stoi(opts_.latest_version);
        }
        if (!ok) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    }
    if (!authorized(req)) fail(401, "INVALID_SESSION_ID", "Session expired or invalid", {}, false);
    {
        std::lock_guard<std::mutex> g(mutex_);
        if (api_usage_ >= opts_.api_limit) fail(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", {}, false);
        ++api_usage_;
    }
    const std::string base = "/services/data/" + version;
    if (parts.size() == 1) {
        if (req.method != "GET") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are GET", {}, false);
        json::object o;
        for (const char* r : {"tooling", "metadata", "eclair", "folders", "prechatForms", "async-queries", "query",
                              "chatter", "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave", "iot",
                              "analytics", "search", "smartdatadiscovery", "identity", "composite", "parameterizedSearch",
                              "fingerprint", "theme", "nouns", "domino", "event", "serviceTemplates", "recent",
                              "connect", "licensing", "limits", "process", "dedupe", "asyncQueries", "jsonxform",
                              "consent", "tokenizer", "sobjects", "actions", "support"})
            o[r] = std::string(base) + "/" + r;
        o["identity"] = base_url_ + "/id/" + org_id() + "/" + store_->integration_user_id();
        return json_response(200, o);
    }
    const std::string& resource = parts[1];
    std::vector<std::string> rest_parts(parts.begin() + 1, parts.end());
    if (resource == "sobjects") return sobjects(req, version, rest_parts, query);
    if (resource == "query" || resource == "queryAll") return run_query(req, version, resource == "queryAll", query, rest_parts);
    if (resource == "composite") {
        if (rest_parts.size() == 1) return composite(req, version);
        if (rest_parts[1] == "sobjects") return collections(req, version, rest_parts, query);
        if (rest_parts[1] == "tree" && rest_parts.size() == 3) return tree(req, version, rest_parts[2]);
        fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    }
    if (resource == "jobs") return bulk_->handle(req, version, rest_parts, query);
    if (resource == "limits") {
        if (rest_parts.size() == 2 && rest_parts[1] == "recordCount") {
            json::array counts;
            std::vector<std::string> names;
            if (auto it = query.find("sObjects"); it != query.end()) {
                std::size_t start = 0;
                while (start <= it->second.size()) {
                    auto comma = it->second.find(',', start);
                    if (comma == std::string::npos) comma = it->second.size();
                    names.push_back(it->second.substr(start, comma - start));
                    start = comma + 1;
                }
            } else {
                for (const auto& o : schema_.objects()) names.push_back(o->name());
            }
            for (const auto& n : names)
                if (const auto* o = schema_.find(n))
                    counts.push_back(json::object{{"count", store_->count(*o)}, {"name", o->name()}});
            return json_response(200, json::object{{"sObjects", counts}});
        }
        std::int64_t used;
        {
            std::lock_guard<std::mutex> g(mutex_);
            used = api_usage_;
        }
        auto limit = [](std::int64_t max, std::int64_t remaining) {
            return json::object{{"Max", max}, {"Remaining", remaining}};
        };
        json::object o;
        o["ConcurrentAsyncGetReportInstances"] = limit(200, 200);
        o["ConcurrentSyncReportRuns"] = limit(20, 20);
        o["DailyApiRequests"] = limit(opts_.api_limit, opts_.api_limit - used);
        o["DailyAsyncApexExecutions"] = limit(250000, 250000);
        o["DailyBulkApiBatches"] = limit(15000, 15000);
        o["DailyBulkV2QueryFileStorageMB"] = limit(976562, 976562);
        o["DailyBulkV2QueryJobs"] = limit(10000, 10000);
        o["DataStorageMB"] = limit(5, 5);
        o["FileStorageMB"] = limit(20, 20);
        o["HourlyTimeBasedWorkflow"] = limit(50, 50);
        o["MassEmail"] = limit(10, 10);
        o["SingleEmail"] = limit(15, 15);
        return json_response(200, o);
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response api::sobjects(const http_request& req, const std::string& version, const std::vector<std::string>& parts,
                            const std::map<std::string, std::string>& query) {
    const std::string base = "/services/data/" + version;
    auto not_allowed = [&](const char* allowed) -> http_response {
        fail(405, "METHOD_NOT_ALLOWED",
             "HTTP Method '" + req.method + "' not allowed. Allowed are " + allowed, {}, false);
    };
    auto object_urls = [&](const object_schema& o) {
        std::string u = base + "/sobjects/" + o.name();
        return json::object{{"compactLayouts", u + "/describe/compactLayouts"},
                            {"rowTemplate", u + "/{ID}"},
                            {"approvalLayouts", u + "/describe/approvalLayouts"},
                            {"listviews", u + "/listviews"},
                            {"describe", u + "/describe"},
                            {"quickActions", u + "/quickActions"},
                            {"layouts", u + "/describe/layouts"},
                            {"sobject", u}};
    };
    auto summary = [&](const object_schema& o) {
        static const char* const keys[] = {"activateable", "associateEntityType", "associateParentEntity", "createable",
                                           "custom", "customSetting", "deepCloneable", "deletable",
                                           "deprecatedAndHidden", "feedEnabled", "hasSubtypes", "isInterface",
                                           "isSubtype", "keyPrefix", "label", "labelPlural", "layoutable", "mergeable",
                                           "mruEnabled", "name", "queryable", "replicateable", "retrieveable",
                                           "searchable", "triggerable", "undeletable", "updateable"};
        json::object s;
        const json::object* raw = o.describe.raw.if_object();
        for (const char* k : keys) {
            const json::value* v = raw ? find_key(*raw, k) : nullptr;
            if (v) s[k] = *v;
            else if (std::string_view(k).starts_with("associate")) s[k] = nullptr;
            else s[k] = false;
        }
        s["urls"] = object_urls(o);
        return s;
    };

    if (parts.size() == 1) {
        if (req.method != "GET") return not_allowed("GET,HEAD");
        json::array list;
        for (const auto& o : schema_.objects()) list.push_back(summary(*o));
        return json_response(200, json::object{{"encoding", "UTF-8"}, {"maxBatchSize", 200}, {"sobjects", list}});
    }
    const object_schema* obj = schema_.find(parts[1]);
    if (!obj) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);

    if (parts.size() == 2) {
        if (req.method == "GET")
            return json_response(200, json::object{{"objectDescribe", summary(*obj)}, {"recentItems", json::array()}});
        if (req.method != "POST") return not_allowed("GET,HEAD,POST");
        std::string id = store_->create(*obj, parse_body(req));
        http_response r = json_response(201, json::object{{"id", id}, {"success", true}, {"errors", json::array()}});
        r.headers.emplace_back("Location", base + "/sobjects/" + obj->name() + "/" + id);
        return r;
    }
    if (parts.size() == 3 && (parts[2] == "updated" || parts[2] == "deleted")) {
        if (req.method != "GET") return not_allowed("GET,HEAD");
        auto bound = [&](const char* name) {
            auto it = query.find(name);
            if (it == query.end()) fail(400, "MISSING_ARGUMENT", std::string(name) + " parameter must be specified", {}, false);
            auto dt = normalize_datetime(it->second);
            if (!dt) fail(400, "INVALID_DATE_FORMAT", std::string(name) + " is not a valid dateTime: " + it->second, {}, false);
            return *dt;
        };
        std::string start = bound("start"), end = bound("end");
        bool deleted = parts[2] == "deleted";
        auto rows = store_->changed(*obj, start, end, deleted);
        if (!deleted) {
            json::array ids;
            for (const auto& r : rows) ids.emplace_back(r.first);
            return json_response(200, json::object{{"ids", ids}, {"latestDateCovered", end}});
        }
        json::array recs;
        for (const auto& r : rows) recs.push_back(json::object{{"id", r.first}, {"deletedDate", r.second}});
        return json_response(200, json::object{{"deletedRecords", recs}, {"earliestDateAvailable", start},
                                               {"latestDateCovered", end}});
    }
    if (parts.size() == 3 && parts[2] == "describe") {
        if (req.method != "GET") return not_allowed("GET,HEAD");
        if (const std::string* ims = req.header("if-modified-since")) {
            std::int64_t since = http_date::parse(*ims);
            if (since >= 0 && since >= http_date::parse(obj->last_modified)) {
                http_response r = empty_response(304);
                r.headers.emplace_back("Last-Modified", obj->last_modified);
                return r;
            }
        }
        json::value d = obj->describe.raw;
        // The recorded describe names the API version it was taken with; serve the requested one.
        if (auto* o = d.if_object(); o && o->contains("urls") && (*o)["urls"].is_object()) {
            for (auto& kv : (*o)["urls"].get_object()) {
                if (!kv.value().is_string()) continue;
                std::string u(kv.value().get_string());
                if (u.rfind("/services/data/v", 0) == 0) {
                    auto slash = u.find('/', 15);
                    if (slash != std::string::npos) kv.value() = base + u.substr(slash);
                }
            }
        }
        http_response r = json_response(200, d);
        r.headers.emplace_back("Last-Modified", obj->last_modified);
        return r;
    }
    if (parts.size() == 3) {
        const std::string& id = parts[2];
        if (req.method == "GET") {
            std::vector<std::string> fields;
            if (auto it = query.find("fields"); it != query.end()) {
                std::size_t start = 0;
                const std::string& list = it->second;
                while (start <= list.size()) {
                    auto comma = list.find(',', start);
                    if (comma == std::string::npos) comma = list.size();
                    std::string f = list.substr(start, comma - start);
                    while (!f.empty() && f.front() == ' ') f.erase(f.begin());
                    while (!f.empty() && f.back() == ' ') f.pop_back();
                    if (!f.empty()) fields.push_back(f);
                    start = comma + 1;
                }
            }
            return json_response(200, store_->retrieve(*obj, id, fields, version));
        }
        if (req.method == "PATCH") {
            store_->update(*obj, id, parse_body(req));
            return empty_response(204);
        }
        if (req.method == "DELETE") {
            store_->remove(*obj, id);
            return empty_response(204);
        }
        return not_allowed("GET,HEAD,PATCH,DELETE");
    }
    if (parts.size() == 4) {
        const sfcpp::field_describe* f = obj->field(parts[2]);
        if (!f || !(f->external_id || f->id_lookup))
            fail(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + parts[2], {}, false);
        const std::string& value = parts[3];
        if (req.method == "PATCH") {
            json::object body = parse_body(req);
            try {
                upsert_result u = store_->upsert(*obj, *f, value, body);
                return json_response(u.created ? 201 : 200,
                                     json::object{{"id", u.id}, {"success", true}, {"errors", json::array()},
                                                  {"created", u.created}});
            } catch (const multiple_matches& m) {
                json::array urls;
                for (const auto& id : m.ids) urls.emplace_back(base + "/sobjects/" + obj->name() + "/" + id);
                return json_response(300, urls);
            }
        }
        if (req.method == "GET" || req.method == "DELETE") {
            auto ids = store_->find_by(*obj, *f, value);
            if (ids.empty()) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
            if (ids.size() > 1) {
                json::array urls;
                for (const auto& id : ids) urls.emplace_back(base + "/sobjects/" + obj->name() + "/" + id);
                return json_response(300, urls);
            }
            if (req.method == "DELETE") {
                store_->remove(*obj, ids.front());
                return empty_response(204);
            }
            return json_response(200, store_->retrieve(*obj, ids.front(), {}, version));
        }
        return not_allowed("GET,HEAD,PATCH,DELETE");
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response api::run_query(const http_request& req, const std::string& version, bool all_rows,
                             const std::map<std::string, std::string>& query, const std::vector<std::string>& parts) {
    if (req.method != "GET")
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are GET,HEAD", {}, false);
    std::size_t batch = 2000;
    if (const std::string* h = req.header("sforce-query-options")) {
        auto pos = lower(*h).find("batchsize=");
        if (pos != std::string::npos) {
            std::size_t n = 0;
            auto r = std::from_chars(h->data() + pos + 10, h->data() + h->size(), n);
            if (r.ec == std::errc() && n > 0) batch = std::min<std::size_t>(n, 2000);
        }
    }
    if (parts.size() == 2) {
        const std::string& loc = parts[1];
        auto dash = loc.rfind('-');
        std::size_t start = 0;
        if (dash == std::string::npos ||
            std::from_chars(loc.data() + dash + 1, loc.data() + loc.size(), start).ec != std::errc())
            fail(400, "INVALID_QUERY_LOCATOR", "invalid query locator", {}, false);
        return page(version, all_rows, loc.substr(0, dash), start, req.header("sforce-query-options") ? batch : 0);
    }
    if (parts.size() != 1) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    auto it = query.find("q");
    if (it == query.end() || it->second.empty())
        fail(400, "MALFORMED_QUERY", "A query string has to be specified", {}, false);
    soql::query q = soql::parse(it->second);
    soql::result res = soql::execute(*store_, q, all_rows, version, it->second);
    std::string locator;
    {
        std::lock_guard<std::mutex> g(mutex_);
        locator = make_id("01g", ++locator_serial_).substr(0, 15) + "AAA";
        cursors_[locator] = cursor{std::move(res.records), res.total_size, batch};
        // Abandoned cursors are dropped oldest first (locators sort in creation order).
        while (cursors_.size() > std::max<std::size_t>(1, opts_.max_query_cursors)) cursors_.erase(cursors_.begin());
    }
    return page(version, all_rows, locator, 0, batch);
}

http_response api::page(const std::string& version, bool all_rows, const std::string& locator, std::size_t start,
                        std::size_t batch) {
    json::object out;
    std::lock_guard<std::mutex> g(mutex_);
    auto it = cursors_.find(locator);
    if (it == cursors_.end() || start > it->second.records.size())
        fail(400, "INVALID_QUERY_LOCATOR", "invalid query locator", {}, false);
    cursor& c = it->second;
    if (batch == 0) batch = c.batch;
    std::size_t end = std::min(c.records.size(), start + batch);
    json::array recs;
    for (std::size_t i = start; i < end; ++i) recs.push_back(c.records[i]);
    out["totalSize"] = c.total_size;
    out["done"] = end >= c.records.size();
    if (end < c.records.size())
        out["nextRecordsUrl"] = "/services/data/" + version + (all_rows ? "/queryAll/" : "/query/") + locator + "-" +
                                std::to_string(end);
    out["records"] = std::move(recs);
    if (end >= c.records.size()) cursors_.erase(it);
    return json_response(200, out);
}

}  // namespace sfcpp_emulator
