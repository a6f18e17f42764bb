// Test helpers: a small synchronous HTTP client over loopback, an org fixture and JSON shape checks.
#pragma once

#include <sfcpp_emulator/server.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <doctest/doctest.h>

#include <concepts>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

// Lets tests write `v.at("Id") == id` with a std::string on the right (test code only).
namespace boost::json {
template <class S>
    requires std::same_as<S, std::string>
bool operator==(const value& v, const S& s) {
    return v.is_string() && v.get_string() == s;
}
}  // namespace boost::json

namespace emu_test {

namespace json = boost::json;

struct response {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    json::value json() const { return json::parse(body); }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// One keep-alive connection.
class client {
public:
    explicit client(unsigned short port) : socket_(ioc_) {
        boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), port);
        socket_.connect(ep);
    }

    std::string token;

    response request(boost::beast::http::verb method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {},
                     const std::string& content_type = "application/json") {
        namespace http = boost::beast::http;
        http::request<http::string_body> req(method, target, 11);
        req.set(http::field::host, "127.0.0.1");
        if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
        for (const auto& [k, v] : headers) req.set(k, v);
        if (!body.empty()) {
            req.set(http::field::content_type, content_type);
            req.body() = body;
        }
        req.prepare_payload();
        http::write(socket_, req);
        http::response_parser<http::string_body> parser;
        parser.body_limit(512 * 1024 * 1024);
        parser.skip(method == http::verb::head);
        http::read(socket_, buffer_, parser);
        const auto& res = parser.get();
        response out;
        out.status = static_cast<int>(res.result_int());
        for (const auto& h : res) {
            std::string name(h.name_string());
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out.headers[name] = std::string(h.value());
        }
        out.body = res.body();
        return out;
    }

    response get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
        return request(boost::beast::http::verb::get, target, "", headers);
    }
    response post(const std::string& target, const std::string& body) {
        return request(boost::beast::http::verb::post, target, body);
    }
    response patch(const std::string& target, const std::string& body) {
        return request(boost::beast::http::verb::patch, target, body);
    }
    response del(const std::string& target) { return request(boost::beast::http::verb::delete_, target); }
    response form(const std::string& target, const std::string& body) {
        return request(boost::beast::http::verb::post, target, body, {}, "application/x-www-form-urlencoded");
    }

private:
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
};

inline const std::string data = "/services/data/v60.0";

// A running in-memory org and an authenticated connection to it.
struct org {
    explicit org(sfcpp_emulator::options opts = {}) : srv(opts) {
        srv.start();
        http.emplace(srv.port());
        http->token = srv.issue_token();
    }
    ~org() {
        http.reset();
        srv.stop();
    }

    // Creates a record and returns its id (fails the test otherwise).
    std::string create(const std::string& type, const std::string& body) {
        auto r = http->post(data + "/sobjects/" + type, body);
        REQUIRE_MESSAGE(r.status == 201, r.body);
        return std::string(r.json().at("id").as_string());
    }
    json::value query(const std::string& soql, const std::string& resource = "query") {
        auto r = http->get(data + "/" + resource + "?q=" + encode(soql));
        REQUIRE_MESSAGE(r.status == 200, r.body);
        return r.json();
    }
    response query_raw(const std::string& soql) { return http->get(data + "/query?q=" + encode(soql)); }

    static std::string encode(const std::string& s) {
        std::string out;
        for (unsigned char c : s) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
            else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", c);
                out += buf;
            }
        }
        return out;
    }

    sfcpp_emulator::server srv;
    std::optional<client> http;
};

// The recorded payload, or nullopt when the shared fixtures are not checked out.
inline std::optional<json::value> fixture(const std::string& rel) {
    std::filesystem::path p = std::filesystem::path(SFCPP_EMULATOR_FIXTURES_DIR) / rel;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream buf;
    buf << in.rdbuf();
    return json::parse(buf.str());
}

// Same JSON shape: same kinds, objects with the same key set (numbers of any kind match each other),
// arrays compared through their first element.
inline bool same_shape(const json::value& expected, const json::value& actual, std::string path = "$") {
    auto numeric = [](const json::value& v) { return v.is_number(); };
    if (expected.is_null() || actual.is_null()) return true;  // null stands for any value
    if (numeric(expected) && numeric(actual)) return true;
    if (expected.kind() != actual.kind()) {
        MESSAGE("kind differs at " << path);
        return false;
    }
    if (expected.is_object()) {
        const auto& e = expected.get_object();
        const auto& a = actual.get_object();
        for (const auto& kv : e)
            if (!a.contains(kv.key())) { MESSAGE("missing key " << path << "." << kv.key()); return false; }
        for (const auto& kv : a)
            if (!e.contains(kv.key())) { MESSAGE("extra key " << path << "." << kv.key()); return false; }
        for (const auto& kv : e)
            if (!same_shape(kv.value(), a.at(kv.key()), path + "." + std::string(kv.key()))) return false;
    }
    if (expected.is_array() && !expected.get_array().empty() && !actual.get_array().empty())
        return same_shape(expected.get_array()[0], actual.get_array()[0], path + "[0]");
    return true;
}

// Checks the shape against a fixture when the fixtures are present.
#define CHECK_FIXTURE_SHAPE(rel, actual)                                       \
    do {                                                                       \
        if (auto fx_ = ::emu_test::fixture(rel)) CHECK(::emu_test::same_shape(*fx_, (actual))); \
    } while (0)

}  // namespace emu_test
