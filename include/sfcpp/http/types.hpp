// sfcpp/http/types.hpp: requests, responses, URLs, transport settings and transport errors.
// No Beast, Asio or OpenSSL here: this is what the auth and client layers see of HTTP.
#pragma once

#include <sfcpp/error.hpp>

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

// A URL as the transport needs it. Throws config_error for anything but http(s)://host[:port]...
struct url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets for IPv6
    std::uint16_t port = 0;
    std::string target;  // path and query, at least "/"

    bool is_https() const noexcept { return scheme == "https"; }
    // "https://host:port": the key of a connection pool.
    std::string origin() const { return scheme + "://" + host_port(); }
    std::string host_port() const {
        std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        return h + ":" + std::to_string(port);
    }
    // The Host header: the port only when it is not the scheme's default.
    std::string host_header() const {
        std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        const bool default_port = (is_https() && port == 443) || (!is_https() && port == 80);
        return default_port ? h : h + ":" + std::to_string(port);
    }
    bool is_loopback() const noexcept {
        return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
    }

    static url parse(std::string_view text);
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

// Bad settings or a URL the transport refuses (plain HTTP to a remote host without opting in).
class config_error : public error {
public:
    using error::error;
};

// The connection failed. stage() says how far the request got, which is what decides whether
// retrying can duplicate a write: only from `write` on may the server have seen the request.
class transport_error : public error {
public:
    enum class stage : std::uint8_t { resolve, connect, tls_handshake, write, read };

    transport_error(const std::string& what, stage s, bool timed_out, bool reused)
        : error(what), stage_(s), timed_out_(timed_out), reused_(reused) {}

    stage where() const noexcept { return stage_; }
    bool timed_out() const noexcept { return timed_out_; }
    // True when the request was on a kept-alive connection (which the server may have closed).
    bool reused_connection() const noexcept { return reused_; }
    bool may_have_reached_server() const noexcept { return stage_ >= stage::write; }

private:
    stage stage_;
    bool timed_out_;
    bool reused_;
};

// Percent-encodes everything but RFC 3986 unreserved characters (a query or form component).
inline std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// application/x-www-form-urlencoded
inline std::string form_encode(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out += '&';
        out += url_encode(k);
        out += '=';
        out += url_encode(v);
    }
    return out;
}

inline url url::parse(std::string_view text) {
    url u;
    const auto sep = text.find("://");
    if (sep == std::string_view::npos) throw config_error("sfcpp: not an absolute URL: " + sfcpp::detail::quote_excerpt(text));
    u.scheme = std::string(text.substr(0, sep));
    for (char& c : u.scheme)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (u.scheme != "http" && u.scheme != "https")
        throw config_error("sfcpp: unsupported URL scheme " + sfcpp::detail::quote_excerpt(u.scheme));
    std::string_view rest = text.substr(sep + 3);
    const auto slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    if (!u.target.empty() && u.target.front() == '?') u.target.insert(u.target.begin(), '/');
    if (authority.find('@') != std::string_view::npos)
        throw config_error("sfcpp: credentials in URLs are not supported");
    std::string_view port_text;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) throw config_error("sfcpp: bad IPv6 address in URL");
        u.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size() && authority[close + 1] == ':') port_text = authority.substr(close + 2);
    } else {
        const auto colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (u.host.empty()) throw config_error("sfcpp: URL without a host: " + sfcpp::detail::quote_excerpt(text));
    for (char& c : u.host)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (port_text.empty()) {
        u.port = u.is_https() ? 443 : 80;
    } else {
        unsigned long p = 0;
        for (char c : port_text) {
            if (c < '0' || c > '9') throw config_error("sfcpp: bad port in URL: " + sfcpp::detail::quote_excerpt(text));
            p = p * 10 + static_cast<unsigned long>(c - '0');
            if (p > 65535) throw config_error("sfcpp: bad port in URL: " + sfcpp::detail::quote_excerpt(text));
        }
        u.port = static_cast<std::uint16_t>(p);
    }
    return u;
}

}  // namespace sfcpp::http
