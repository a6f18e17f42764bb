// sfcpp/http/url.hpp: URLs as the transport needs them, and the encoders for what data puts in them.
// Parsing and percent-encoding are Boost.URL's (RFC 3986); this header decides what sfcpp accepts.
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfcpp::http {

// Bad settings or a URL or header the transport refuses (plain HTTP to a remote host without
// opting in, a control character in a request target).
class config_error : public error {
public:
    using error::error;
};

// An absolute http(s) URL. parse() throws config_error for anything else, for credentials in the
// authority, and for text RFC 3986 does not allow (spaces, CR/LF and other control characters).
struct url {
    std::string scheme;  // "http" or "https"
    std::string host;    // lower case; without brackets for IPv6
    std::uint16_t port = 0;
    std::string target;  // path and query as sent on the request line, at least "/"

    bool is_https() const noexcept { return scheme == "https"; }
    // "https://host:port": the key of a connection pool, and what decides where a token may go.
    std::string origin() const { return scheme + "://" + host_port(); }
    std::string host_port() const { return bracketed_host() + ":" + std::to_string(port); }
    // The Host header: the port only when it is not the scheme's default.
    std::string host_header() const {
        const bool default_port = (is_https() && port == 443) || (!is_https() && port == 80);
        return default_port ? bracketed_host() : host_port();
    }
    // Only a numeric 127/8 address, ::1 or exactly "localhost": a name that merely starts with
    // "127." is somebody else's host.
    SFCPP_DECL bool is_loopback() const noexcept;

    SFCPP_DECL static url parse(std::string_view text);

private:
    std::string bracketed_host() const { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }
};


// Percent-encodes everything but RFC 3986 unreserved characters (a query or form component).
SFCPP_DECL std::string url_encode(std::string_view s);

// One path segment that carries data (a record id, an external id value). A segment of dots alone
// is encoded too, so that no value can step out of the path it is put in.
SFCPP_DECL std::string path_segment(std::string_view s);

// application/x-www-form-urlencoded
SFCPP_DECL std::string form_encode(const std::vector<std::pair<std::string, std::string>>& params);

// An sObject, field or relationship name as it may appear in a path: a letter, then letters,
// digits and underscores. Throws config_error naming `what` otherwise.
SFCPP_DECL std::string_view require_api_name(std::string_view name, std::string_view what);

}  // namespace sfcpp::http

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/http/impl/url.ipp>
#endif
