// sfcpp/http/types.hpp: requests, responses, URLs, transport settings and transport errors.
// No Beast, Asio or OpenSSL here: this is what the auth and client layers see of HTTP.
#pragma once

#include <sfcpp/error.hpp>
#include <sfcpp/http/url.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfcpp::http {

enum class verb : std::uint8_t { get, post, put, patch, delete_, head };

inline std::string_view to_string(verb v) noexcept {
    switch (v) {
    case verb::get: return "GET";
    case verb::post: return "POST";
    case verb::put: return "PUT";
    case verb::patch: return "PATCH";
    case verb::delete_: return "DELETE";
    case verb::head: return "HEAD";
    }
    return "GET";
}

using header_list = std::vector<std::pair<std::string, std::string>>;

namespace detail {
inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
        if (x != y) return false;
    }
    return true;
}
}  // namespace detail

struct request {
    verb method = verb::get;
    std::string url;      // absolute: https://host[:port]/path?query
    header_list headers;  // Host, User-Agent and Content-Length are added by the transport
    std::string body;
};

struct response {
    int status = 0;
    header_list headers;
    std::string body;

    // The first header of that name (case-insensitive); empty when absent.
    std::string_view header(std::string_view name) const noexcept {
        for (const auto& [k, v] : headers)
            if (detail::iequals(k, name)) return v;
        return {};
    }
    bool has_header(std::string_view name) const noexcept {
        for (const auto& h : headers)
            if (detail::iequals(h.first, name)) return true;
        return false;
    }
};

// Settings of a transport (one connection pool).
struct options {
    std::chrono::milliseconds connect_timeout{15'000};   // resolve + TCP connect + TLS handshake
    std::chrono::milliseconds request_timeout{120'000};  // writing the request and reading the whole response
    std::uint64_t body_limit = 1ull << 30;               // Beast's default of 8 MB is too small for big pages
    std::string ca_file;       // PEM bundle to trust instead of the system store (a private CA, a test server)
    bool allow_plain_http = false;  // plain HTTP to anything but loopback; off: tokens never travel in clear
    std::size_t max_idle_per_host = 8;                   // keep-alive connections kept per origin
    std::chrono::seconds max_idle_time{50};              // older idle connections are closed, not reused
    std::string proxy;         // "http://host:port": HTTPS goes through a CONNECT tunnel, plain HTTP in absolute form
    bool accept_gzip = true;   // send Accept-Encoding: gzip and inflate gzip responses (checked: CRC-32, length)
    std::string user_agent = "sfcpp/0.1";
};

// The connection failed. where() says how far the request got, which is what decides whether
// retrying can duplicate a write: only from `write` on may the server have seen the request.
class transport_error : public error {
public:
    enum class stage : std::uint8_t { resolve, connect, tls_handshake, write, read };

    transport_error(const std::string& what, stage s, bool timed_out, bool reused, bool answer_started = false)
        : error(what), stage_(s), timed_out_(timed_out), reused_(reused), answer_started_(answer_started) {}

    stage where() const noexcept { return stage_; }
    bool timed_out() const noexcept { return timed_out_; }
    // True when the request was on a kept-alive connection (which the server may have closed).
    bool reused_connection() const noexcept { return reused_; }
    // True when some of the answer had arrived before the connection failed.
    bool answer_started() const noexcept { return answer_started_; }
    // Conservative: from `write` on, a resend of a non-idempotent request could apply it twice.
    bool may_have_reached_server() const noexcept { return stage_ >= stage::write; }
    // Whether the server may have acted on the request: all of it was written, and the failure is
    // not a kept-alive connection the server had already closed (closed or reset before any byte
    // of the answer, the usual race with the server's idle timeout). A request cut off while it
    // was being written is incomplete, and servers do not act on incomplete requests.
    bool may_have_been_processed() const noexcept {
        if (stage_ != stage::read) return false;
        return timed_out_ || answer_started_ || !reused_;
    }

private:
    stage stage_;
    bool timed_out_;
    bool reused_;
    bool answer_started_;
};

namespace detail {

// RFC 9110 token characters: what a header name may hold.
inline bool is_token_char(char c) noexcept {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A header that would split the request (CR/LF), end it early (NUL) or hide in a name is refused
// before anything is sent. The message names the header, never its value (it may be a token).
inline void check_header(std::string_view name, std::string_view value) {
    bool ok = !name.empty();
    for (char c : name) ok = ok && is_token_char(c);
    if (!ok) throw config_error("sfcpp: refusing a request header with an invalid name: " + sfcpp::detail::quote_excerpt(name));
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            throw config_error("sfcpp: refusing request header " + std::string(name) +
                               ": its value holds a control character");
    }
}

// Dot segments would let data step out of the path it was put in; no Salesforce resource has one.
inline void check_target(std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    while (!path.empty()) {
        path.remove_prefix(1);  // the '/'
        const std::string_view seg = path.substr(0, path.find('/'));
        if (seg == "." || seg == "..")
            throw config_error("sfcpp: refusing a request path with a dot segment: " +
                               sfcpp::detail::quote_excerpt(target.substr(0, target.find('?'))));
        path.remove_prefix(seg.size());
    }
}

}  // namespace detail

}  // namespace sfcpp::http
