// Fault injection: a wrapper around dispatch() that answers some requests with a fault instead
// (counted, by path, or at a seeded random rate), and the /__emulator/ admin endpoints.
#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/ids.hpp>

#include "api_util.hpp"

#include <thread>

namespace sfcpp_emulator {

namespace json = boost::json;
using namespace detail;

void api::inject(const fault& f, int count) {
    std::lock_guard<std::mutex> g(mutex_);
    fault_ = f;
    fault_count_ = count;
}

int api::pending_faults() {
    std::lock_guard<std::mutex> g(mutex_);
    return fault_count_;
}

void api::inject_random(const fault_mix& mix, double rate, std::uint64_t seed) {
    std::lock_guard<std::mutex> g(mutex_);
    mix_ = mix;
    mix_rate_ = rate;
    mix_rng_.seed(seed);
    mix_counts_ = {};
}

fault_counts api::random_fault_counts() {
    std::lock_guard<std::mutex> g(mutex_);
    return mix_counts_;
}

fault api::next_fault(const std::string& path, bool& retry_after_zero) {
    retry_after_zero = false;
    if (fault_count_ > 0 && path.find(fault_.path) != std::string::npos) {
        --fault_count_;
        return fault_;
    }
    if (mix_rate_ <= 0) return {};
    ++mix_counts_.requests;
    if (std::uniform_real_distribution<double>(0, 1)(mix_rng_) >= mix_rate_) return {};
    const double weights[] = {mix_.too_many_requests, mix_.unavailable,    mix_.drop_before,     mix_.drop_after,
                              mix_.truncated_json,    mix_.wrong_content_type, mix_.html_error_page, mix_.empty_500};
    double total = 0;
    for (double w : weights) total += std::max(0.0, w);
    if (total <= 0) return {};
    double pick = std::uniform_real_distribution<double>(0, total)(mix_rng_);
    std::size_t k = 0;
    for (; k + 1 < std::size(weights); ++k) {
        pick -= std::max(0.0, weights[k]);
        if (pick < 0) break;
    }
    fault f;
    switch (k) {
        case 0: f.status = 429; ++mix_counts_.too_many_requests; break;
        case 1: f.status = 503; ++mix_counts_.unavailable; break;
        case 2: f.kind = fault_kind::drop_before; ++mix_counts_.drop_before; break;
        case 3: f.drop = true; ++mix_counts_.drop_after; break;
        case 4: f.kind = fault_kind::truncated_json; ++mix_counts_.malformed; break;
        case 5: f.kind = fault_kind::wrong_content_type; ++mix_counts_.malformed; break;
        case 6: f.kind = fault_kind::html_error_page; ++mix_counts_.malformed; break;
        default: f.kind = fault_kind::empty_500; ++mix_counts_.malformed; break;
    }
    if (f.status != 0) {
        if (mix_.retry_after > 0) f.retry_after = mix_.retry_after;
        else retry_after_zero = mix_.retry_after == 0;
    }
    return f;
}

http_response api::admin(const http_request& req, const std::string& path) {
    if (req.method != "POST") fail(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + req.method + "' not allowed. Allowed are POST", {}, false);
    if (path == "/__emulator/expire-tokens") {
        expire_all_tokens();
        return empty_response(204);
    }
    if (path == "/__emulator/device/approve" || path == "/__emulator/device/deny") {
        json::object body = parse_body(req);
        const json::value* code = find_key(body, "user_code");
        if (!code || !code->is_string())
            fail(400, "JSON_PARSER_ERROR", "Expected {\"user_code\": \"...\"}", {}, false);
        std::string user_code(code->get_string());
        bool found = path.ends_with("/approve") ? approve_device(user_code) : deny_device(user_code);
        if (!found) fail(404, "NOT_FOUND", "No pending device request has the user code " + user_code, {}, false);
        return empty_response(204);
    }
    if (path == "/__emulator/faults") {
        json::object body = parse_body(req);
        fault f;
        int count = 1;
        if (auto v = find_key(body, "count")) count = static_cast<int>(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "status")) f.status = static_cast<int>(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "retryAfter")) f.retry_after = static_cast<int>(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "delayMs")) f.delay = std::chrono::milliseconds(v->to_number<std::int64_t>());
        if (auto v = find_key(body, "drop")) f.drop = v->as_bool();
        if (auto v = find_key(body, "path")) f.path = std::string(v->as_string());
        if (auto v = find_key(body, "kind"); v && v->is_string()) {
            const std::string k(v->get_string());
            if (k == "dropBefore") f.kind = fault_kind::drop_before;
            else if (k == "truncatedJson") f.kind = fault_kind::truncated_json;
            else if (k == "wrongContentType") f.kind = fault_kind::wrong_content_type;
            else if (k == "htmlErrorPage") f.kind = fault_kind::html_error_page;
            else if (k == "empty500") f.kind = fault_kind::empty_500;
            else fail(400, "INVALID_FIELD", "Unknown fault kind " + k, {}, false);
        }
        inject(f, count);
        return empty_response(204);
    }
    fail(404, "NOT_FOUND", "The requested resource does not exist", {}, false);
}

http_response api::handle(const http_request& req) {
    http_response res;
    try {
        const std::string path(req.path());
        if (opts_.admin_api && path.rfind("/__emulator/", 0) == 0) return admin(req, path);
        fault f;
        bool retry_after_zero = false;
        {
            std::lock_guard<std::mutex> g(mutex_);
            f = next_fault(path, retry_after_zero);
        }
        if (f.delay.count() > 0) std::this_thread::sleep_for(f.delay);
        auto set_header = [&res](const std::string& name, const std::string& value) {
            for (auto& h : res.headers)
                if (h.first == name) { h.second = value; return; }
            res.headers.emplace_back(name, value);
        };
        if (f.kind == fault_kind::drop_before) {
            res = error_response({500, "UNKNOWN_EXCEPTION", "An unexpected error occurred (injected: not processed)", {}, false});
            res.drop_mid_body = true;
        } else if (f.kind == fault_kind::wrong_content_type) {
            res.status = 200;
            res.body = "OK: request accepted by upstream\n";
            set_header("Content-Type", "text/plain; charset=UTF-8");
        } else if (f.kind == fault_kind::html_error_page) {
            res.status = f.status != 0 ? f.status : 502;
            res.body = "<!DOCTYPE html>\n<html><head><title>" + std::to_string(res.status) +
                       " Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>\n";
            set_header("Content-Type", "text/html; charset=UTF-8");
        } else if (f.kind == fault_kind::empty_500) {
            res.status = 500;
            res.body.clear();
        } else if (f.status != 0) {
            res = f.status == 503 ? error_response({503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable", {}, false})
                                  : error_response({f.status, "REQUEST_LIMIT_EXCEEDED", "Too many requests", {}, false});
            if (f.retry_after > 0 || retry_after_zero) res.headers.emplace_back("Retry-After", std::to_string(f.retry_after));
        } else {
            res = dispatch(req);
            if (f.kind == fault_kind::truncated_json) res.body.resize(res.body.size() / 2);
            res.drop_mid_body = f.drop;
        }
        if (res.drop_mid_body && res.body.empty()) {
            // A 204 head is a whole response: announce a body instead, so that the cut loses it.
            res.status = 200;
            res.body = "{\"success\":true}";
        }
    } catch (const api_exception& e) {
        res = error_response(e.error());
    } catch (const std::exception& e) {
        res = error_response({400, "INVALID_REQUEST", std::string("Bad request: ") + e.what(), {}, false});
    }
    std::int64_t used;
    {
        std::lock_guard<std::mutex> g(mutex_);
        used = api_usage_;
    }
    res.headers.emplace_back("Sforce-Limit-Info",
                             "api-usage=" + std::to_string(used) + "/" + std::to_string(opts_.api_limit));
    return res;
}

}  // namespace sfcpp_emulator
