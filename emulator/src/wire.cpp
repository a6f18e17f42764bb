// The emulator's wire helpers: JSON text as Salesforce writes it, form and URL decoding, base64
// decoding and API version labels (declared in api_util.hpp). Encoding is the core's (sfcpp/http).
#include "api_util.hpp"


#include <openssl/evp.h>

#include <boost/json/serialize.hpp>

#include <charconv>
#include <iterator>

namespace sfcpp_emulator {

namespace json = boost::json;

// ---------------------------------------------------------------------------------------------
// JSON output

namespace {

void write_json(std::string& out, const json::value& v) {
    switch (v.kind()) {
        case json::kind::null: out += "null"; break;
        case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case json::kind::int64: out += std::to_string(v.get_int64()); break;
        case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
        case json::kind::double_: {
            char buf[64];
            double d = v.get_double();
            auto r = std::to_chars(buf, buf + sizeof buf, d);
            std::string s(buf, r.ptr);
            if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 100 -> 100.0, as Salesforce writes
            out += s;
            break;
        }
        case json::kind::string: out += json::serialize(v); break;
        case json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v.get_array()) {
                if (!first) out += ',';
                first = false;
                write_json(out, e);
            }
            out += ']';
            break;
        }
        case json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& kv : v.get_object()) {
                if (!first) out += ',';
                first = false;
                out += json::serialize(json::value(kv.key()));
                out += ':';
                write_json(out, kv.value());
            }
            out += '}';
            break;
        }
    }
}

}  // namespace

std::string to_json(const json::value& v) {
    std::string out;
    write_json(out, v);
    return out;
}

namespace detail {

http_response oauth_error(int status, const std::string& error, const std::string& description) {
    return json_response(status, json::object{{"error", error}, {"error_description", description}});
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string url_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view s) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto amp = s.find('&', start);
        if (amp == std::string_view::npos) amp = s.size();
        auto pair = s.substr(start, amp - start);
        auto eq = pair.find('=');
        if (!pair.empty())
            out[url_decode(pair.substr(0, eq), true)] =
                eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1), true);
        start = amp + 1;
    }
    return out;
}

std::string base64_decode(const std::string& s) {
    std::string out(s.size(), '\0');
    int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                              reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
    if (len < 0) return {};
    std::size_t pad = 0;
    if (!s.empty() && s.back() == '=') ++pad;
    if (s.size() > 1 && s[s.size() - 2] == '=') ++pad;
    out.resize(static_cast<std::size_t>(len) - pad);
    return out;
}

std::string version_label(int v) {
    static const char* const seasons[] = {"Summer", "Winter", "Spring"};
    int k = v - 31;
    int year = 14 + (k + 2) / 3;
    return std::string(seasons[k % 3]) + " '" + std::to_string(year);
}

}  // namespace detail

}  // namespace sfcpp_emulator
