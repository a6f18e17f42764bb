// Composite resources: sObject Collections (/composite/sobjects), Composite (/composite) and
// sObject Tree (/composite/tree/X).
#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/ids.hpp>

#include <boost/json/serialize.hpp>

#include <functional>

#include "api_util.hpp"

namespace sfcpp_emulator {

using namespace detail;

namespace {

// Thrown inside a transaction to undo it once every item has been tried.
struct rollback {};

json::object failure(const api_error& e, const std::string* id = nullptr) {
    json::array fields;
    for (const auto& f : e.fields) fields.emplace_back(f);
    json::object o;
    if (id) o["id"] = *id;
    o["success"] = false;
    o["errors"] = json::array{json::object{{"statusCode", e.error_code}, {"message", e.message}, {"fields", fields}}};
    return o;
}

json::object success(const std::string& id) {
    return json::object{{"id", id}, {"success", true}, {"errors", json::array()}};
}

const api_error rolled_back{400, "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                            "Record rolled back because not all records were valid and the request was using AllOrNone header",
                            {}, true};

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        std::string item = s.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(item);
        start = comma + 1;
    }
    return out;
}

std::string record_type(const json::object& rec) {
    const json::value* attrs = find_key(rec, "attributes");
    if (!attrs || !attrs->is_object()) return {};
    const json::value* t = find_key(attrs->get_object(), "type");
    return t && t->is_string() ? std::string(t->get_string()) : std::string();
}

}  // namespace

http_response api::collections(const http_request& req, const std::string& version,
                               const std::vector<std::string>& parts, const std::map<std::string, std::string>& query) {
    auto param = [&](const char* k) {
        auto it = query.find(k);
        return it == query.end() ? std::string() : it->second;
    };
    // GET /composite/sobjects/X?ids=...&fields=...
    if (req.method == "GET" && parts.size() == 3) {
        const object_schema* obj = schema_.find(parts[2]);
        if (!obj) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
        auto fields = split_list(param("fields"));
        if (fields.empty()) fail(400, "MALFORMED_QUERY", "The fields parameter is required", {}, false);
        json::array out;
        for (const auto& id : split_list(param("ids"))) {
            try {
                out.push_back(store_->retrieve(*obj, id, fields, version));
            } catch (const api_exception& e) {
                if (e.error().error_code != "NOT_FOUND") throw;
                out.emplace_back(nullptr);
            }
        }
        return json_response(200, out);
    }

    bool all_or_none = false;
    std::vector<std::function<json::object()>> ops;
    if (req.method == "DELETE" && parts.size() == 2) {
        all_or_none = param("allOrNone") == "true";
        for (const auto& id : split_list(param("ids"))) {
            ops.push_back([this, id]() -> json::object {
                auto full = normalize_id(id);
                const object_schema* obj = full ? schema_.by_key_prefix(full->substr(0, 3)) : nullptr;
                try {
                    if (!full) fail(400, "MALFORMED_ID", "malformed id " + id, {});
                    if (!obj) fail(404, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", {});
                    store_->remove(*obj, *full);
                    return success(*full);
                } catch (const api_exception& e) {
                    api_error err = e.error();
                    err.with_fields = true;
                    return failure(err, &id);
                }
            });
        }
    } else if ((req.method == "POST" && parts.size() == 2) || (req.method == "PATCH" && (parts.size() == 2 || parts.size() == 4))) {
        json::object body = parse_body(req);
        if (const json::value* a = find_key(body, "allOrNone")) all_or_none = a->is_bool() && a->get_bool();
        const json::value* recs = find_key(body, "records");
        if (!recs || !recs->is_array() || recs->get_array().empty())
            fail(400, "REQUIRED_FIELD_MISSING", "At least 1 record is required", {}, false);
        if (recs->get_array().size() > 200)
            fail(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call", {}, false);
        const object_schema* upsert_obj = nullptr;
        const sfcpp::field_describe* upsert_field = nullptr;
        if (parts.size() == 4) {
            upsert_obj = schema_.find(parts[2]);
            if (!upsert_obj) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
            upsert_field = upsert_obj->field(parts[3]);
            if (!upsert_field || !(upsert_field->external_id || upsert_field->id_lookup))
                fail(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + parts[3], {}, false);
        }
        const std::string method = req.method;
        for (const auto& v : recs->get_array()) {
            json::object rec = v.is_object() ? v.get_object() : json::object();
            ops.push_back([this, rec, method, upsert_obj, upsert_field]() mutable -> json::object {
                try {
                    std::string type = record_type(rec);
                    if (upsert_obj) {
                        if (!type.empty() && lower(type) != lower(upsert_obj->name()))
                            fail(400, "INVALID_TYPE", "Record type " + type + " does not match " + upsert_obj->name(), {});
                        const json::value* key = find_key(rec, upsert_field->name);
                        if (!key || key->is_null())
                            fail(400, "MISSING_ARGUMENT", upsert_field->name + " not specified", {});
                        std::string value = key->is_string() ? std::string(key->get_string()) : boost::json::serialize(*key);
                        rec.erase(upsert_field->name);
                        try {
                            upsert_result u = store_->upsert(*upsert_obj, *upsert_field, value, rec);
                            json::object o = success(u.id);
                            o["created"] = u.created;
                            return o;
                        } catch (const multiple_matches&) {
                            fail(300, "DUPLICATE_EXTERNAL_ID",
                                 upsert_field->name + ": more than one record found for external id field: " + value, {});
                        }
                    }
                    if (method == "POST") {
                        const object_schema* obj = schema_.find(type);
                        if (!obj) fail(400, "INVALID_TYPE", "Must send a concrete entity type.", {});
                        return success(store_->create(*obj, rec));
                    }
                    const json::value* idv = find_key(rec, "Id");
                    if (!idv || !idv->is_string()) fail(400, "MISSING_ARGUMENT", "Id not specified in an update call", {});
                    std::string id(idv->get_string());
                    const object_schema* obj = type.empty() ? nullptr : schema_.find(type);
                    auto full = normalize_id(id);
                    if (!obj && full) obj = schema_.by_key_prefix(full->substr(0, 3));
                    if (!obj) fail(400, "MALFORMED_ID", "malformed id " + id, {});
                    store_->update(*obj, id, rec);
                    return success(*full);
                } catch (const api_exception& e) {
                    api_error err = e.error();
                    err.with_fields = true;
                    return failure(err);
                }
            });
        }
    } else {
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are DELETE,GET,PATCH,POST", {}, false);
    }

    json::array results;
    auto run_all = [&] {
        results.clear();
        bool failed = false;
        for (auto& op : ops) {
            json::object r = op();
            if (!r.at("success").as_bool()) failed = true;
            results.push_back(std::move(r));
        }
        if (failed && all_or_none) throw rollback{};
    };
    if (all_or_none) {
        try {
            store_->atomically(run_all);
        } catch (const rollback&) {
            for (auto& r : results)
                if (r.as_object().at("success").as_bool()) r = failure(rolled_back);
        }
    } else {
        run_all();
    }
    return json_response(200, results);
}

namespace {

// Resolves "@{ref.path}" expressions against earlier sub-responses; false when one is unknown.
bool substitute(std::string& s, const std::map<std::string, json::value>& bodies, std::string& missing) {
    std::size_t pos = 0;
    while ((pos = s.find("@{", pos)) != std::string::npos) {
        auto end = s.find('}', pos);
        if (end == std::string::npos) return true;
        std::string expr = s.substr(pos + 2, end - pos - 2);
        auto dot = expr.find_first_of(".[");
        std::string ref = expr.substr(0, dot);
        auto it = bodies.find(ref);
        const json::value* cur = it == bodies.end() ? nullptr : &it->second;
        std::size_t i = dot;
        while (cur && i != std::string::npos && i < expr.size()) {
            if (expr[i] == '.') {
                auto next = expr.find_first_of(".[", i + 1);
                std::string key = expr.substr(i + 1, next == std::string::npos ? std::string::npos : next - i - 1);
                cur = cur->is_object() ? find_key(cur->get_object(), key) : nullptr;
                i = next;
            } else {  // [n]
                auto close = expr.find(']', i);
                if (close == std::string::npos) { cur = nullptr; break; }
                std::size_t n = std::stoul(expr.substr(i + 1, close - i - 1));
                cur = cur->is_array() && n < cur->get_array().size() ? &cur->get_array()[n] : nullptr;
                i = close + 1;
            }
        }
        if (!cur || cur->is_null()) {
            missing = expr;
            return false;
        }
        std::string value = cur->is_string() ? std::string(cur->get_string()) : boost::json::serialize(*cur);
        s.replace(pos, end - pos + 1, value);
        pos += value.size();
    }
    return true;
}

bool substitute(json::value& v, const std::map<std::string, json::value>& bodies, std::string& missing) {
    if (v.is_string()) {
        std::string s(v.get_string());
        if (!substitute(s, bodies, missing)) return false;
        v = s;
    } else if (v.is_object()) {
        for (auto& kv : v.get_object()) if (!substitute(kv.value(), bodies, missing)) return false;
    } else if (v.is_array()) {
        for (auto& e : v.get_array()) if (!substitute(e, bodies, missing)) return false;
    }
    return true;
}

json::object halted(const std::string& ref, const std::string& message) {
    return json::object{{"body", json::array{json::object{{"errorCode", "PROCESSING_HALTED"}, {"message", message}}}},
                        {"httpHeaders", json::object()},
                        {"httpStatusCode", 400},
                        {"referenceId", ref}};
}

}  // namespace

http_response api::composite(const http_request& req, const std::string& version) {
    if (req.method != "POST")
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are POST", {}, false);
    json::object body = parse_body(req);
    bool all_or_none = false;
    if (const json::value* a = find_key(body, "allOrNone")) all_or_none = a->is_bool() && a->get_bool();
    const json::value* subs = find_key(body, "compositeRequest");
    if (!subs || !subs->is_array() || subs->get_array().empty())
        fail(400, "INVALID_BATCH_REQUEST", "compositeRequest is required", {}, false);
    if (subs->get_array().size() > 25)
        fail(400, "INVALID_BATCH_REQUEST", "Composite API supports a maximum of 25 subrequests", {}, false);
    const std::string prefix = "/services/data/";

    json::array responses;
    std::map<std::string, json::value> bodies;
    std::size_t failed_at = std::string::npos;
    auto run_all = [&] {
        for (const auto& sv : subs->get_array()) {
            const json::object& sub = sv.as_object();
            std::string ref = find_key(sub, "referenceId") ? std::string(sub.at("referenceId").as_string()) : "";
            std::string url = find_key(sub, "url") ? std::string(sub.at("url").as_string()) : "";
            std::string missing;
            json::value sub_body = find_key(sub, "body") ? sub.at("body") : json::value();
            if (!substitute(url, bodies, missing) || !substitute(sub_body, bodies, missing)) {
                responses.push_back(halted(ref, "Invalid reference specified. No value for " + missing +
                                                    " found in " + missing.substr(0, missing.find_first_of(".[")) +
                                                    ". Provided referenceId ('" + ref + "') must be unique and refer to an earlier subrequest."));
                if (all_or_none) { failed_at = responses.size() - 1; throw rollback{}; }
                continue;
            }
            http_request inner;
            inner.method = find_key(sub, "method") ? std::string(sub.at("method").as_string()) : "GET";
            inner.target = url.rfind(prefix, 0) == 0 ? url : prefix + version + "/" + url;
            inner.headers = req.headers;
            inner.headers.erase("content-length");
            if (const json::value* h = find_key(sub, "httpHeaders"); h && h->is_object())
                for (const auto& kv : h->get_object())
                    if (kv.value().is_string()) inner.headers[lower(kv.key())] = std::string(kv.value().get_string());
            if (!sub_body.is_null()) inner.body = to_json(sub_body);
            http_response r = dispatch(inner);
            json::value rbody;
            if (!r.body.empty()) {
                boost::system::error_code ec;
                rbody = json::parse(r.body, ec);
                if (ec) rbody = json::string(r.body);
            }
            json::object headers;
            for (const auto& [k, v] : r.headers)
                if (k == "Location" || k == "Last-Modified" || k == "ETag") headers[k] = v;
            responses.push_back(json::object{{"body", rbody}, {"httpHeaders", headers}, {"httpStatusCode", r.status},
                                             {"referenceId", ref}});
            if (r.status < 400) bodies[ref] = rbody;
            else if (all_or_none) { failed_at = responses.size() - 1; throw rollback{}; }
        }
    };
    if (all_or_none) {
        try {
            store_->atomically(run_all);
        } catch (const rollback&) {
            const std::string msg = "The transaction was rolled back since another operation in the same transaction failed.";
            json::array out;
            for (std::size_t i = 0; i < subs->get_array().size(); ++i) {
                const json::object& sub = subs->get_array()[i].as_object();
                std::string ref = find_key(sub, "referenceId") ? std::string(sub.at("referenceId").as_string()) : "";
                if (i == failed_at) out.push_back(responses[i]);
                else out.push_back(halted(ref, msg));
            }
            responses = std::move(out);
        }
    } else {
        run_all();
    }
    return json_response(200, json::object{{"compositeResponse", responses}});
}

http_response api::tree(const http_request& req, const std::string& version, const std::string& type) {
    (void)version;
    if (req.method != "POST")
        fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are POST", {}, false);
    const object_schema* root = schema_.find(type);
    if (!root) fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
    json::object body = parse_body(req);
    const json::value* recs = find_key(body, "records");
    if (!recs || !recs->is_array() || recs->get_array().empty())
        fail(400, "INVALID_INPUT", "At least 1 record is required", {}, false);

    json::array results;
    json::array errors;
    std::function<void(const object_schema&, const json::object&, const sfcpp::field_describe*, const std::string&)> insert;
    insert = [&](const object_schema& obj, const json::object& rec, const sfcpp::field_describe* link,
                 const std::string& parent_id) {
        std::string ref;
        if (const json::value* a = find_key(rec, "attributes"); a && a->is_object())
            if (const json::value* r = find_key(a->get_object(), "referenceId"); r && r->is_string())
                ref = std::string(r->get_string());
        json::object fields;
        std::vector<std::pair<const sfcpp::child_relationship_describe*, const json::array*>> children;
        for (const auto& kv : rec) {
            if (kv.key() == "attributes") continue;
            const auto* child = obj.child(kv.key());
            if (child && kv.value().is_object()) {
                const json::value* inner = find_key(kv.value().get_object(), "records");
                if (inner && inner->is_array()) { children.emplace_back(child, &inner->get_array()); continue; }
            }
            fields[kv.key()] = kv.value();
        }
        if (link) fields[link->name] = parent_id;
        std::string id;
        try {
            id = store_->create(obj, fields);
        } catch (const api_exception& e) {
            json::array f;
            for (const auto& n : e.error().fields) f.emplace_back(n);
            errors.push_back(json::object{
                {"referenceId", ref},
                {"errors", json::array{json::object{{"statusCode", e.error().error_code},
                                                    {"message", e.error().message},
                                                    {"fields", f}}}}});
            throw rollback{};
        }
        results.push_back(json::object{{"referenceId", ref}, {"id", id}});
        for (const auto& [child, list] : children) {
            const object_schema* cobj = schema_.find(child->child_sobject);
            if (!cobj) continue;
            const auto* cf = cobj->field(child->field);
            for (const auto& c : *list) insert(*cobj, c.as_object(), cf, id);
        }
    };
    try {
        store_->atomically([&] {
            for (const auto& r : recs->get_array()) insert(*root, r.as_object(), nullptr, "");
        });
    } catch (const rollback&) {
        return json_response(400, json::object{{"hasErrors", true}, {"results", errors}});
    }
    return json_response(201, json::object{{"hasErrors", false}, {"results", results}});
}

}  // namespace sfcpp_emulator
