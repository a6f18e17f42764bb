// Helpers shared by the emulator's request handlers (private to the library).
#pragma once

#include <cctype>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <sfcpp_emulator/api.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

namespace sfcpp_emulator::detail {

namespace json = boost::json;

inline const char* const json_type = "application/json;charset=UTF-8";

inline http_response json_response(int status, const json::value& v) {
    http_response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", json_type);
    r.body = to_json(v);
    return r;
}

inline http_response error_response(const api_error& e) {
    json::object o{{"message", e.message}, {"errorCode", e.error_code}};
    if (e.with_fields) {
        json::array f;
        for (const auto& n : e.fields) f.emplace_back(n);
        o["fields"] = std::move(f);
    }
    return json_response(e.status, json::array{o});
}

inline http_response empty_response(int status) {
    http_response r;
    r.status = status;
    return r;
}

// Salesforce reads JSON keys without regard to case ("id" finds "Id"); an exact match wins.
inline const json::value* find_key(const json::object& o, std::string_view k) {
    if (auto it = o.find(k); it != o.end()) return &it->value();
    auto same = [&](std::string_view a) {
        if (a.size() != k.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(k[i]))) return false;
        return true;
    };
    for (const auto& kv : o)
        if (same(kv.key())) return &kv.value();
    return nullptr;
}

inline json::object parse_body(const http_request& req) {
    json::error_code ec;
    json::value v = json::parse(req.body, ec);
    if (ec)
        fail(400, "JSON_PARSER_ERROR",
             "Unexpected character in request body (" + ec.message() + ") at [line:1, column:1]", {}, false);
    if (!v.is_object())
        fail(400, "JSON_PARSER_ERROR",
             "Cannot deserialize instance of sObject from " + std::string(v.is_array() ? "START_ARRAY" : "VALUE") +
                 " value or request may be missing a required field at [line:1, column:1]",
             {}, false);
    return std::move(v.get_object());
}

// ---- wire.cpp --------------------------------------------------------------------------------

// {"error": ..., "error_description": ...}, the OAuth error body.
http_response oauth_error(int status, const std::string& error, const std::string& description);

std::string url_decode(std::string_view s, bool plus_is_space);
// application/x-www-form-urlencoded; of a repeated name the last value counts.
std::map<std::string, std::string> parse_form(std::string_view s);

std::string base64_decode(const std::string& s);

// "Spring '24" for API version 60.
std::string version_label(int v);

}  // namespace sfcpp_emulator::detail
