// sfcpp/http/url.hpp: URLs as the transport needs them, and the encoders for what data puts in them.
// Parsing and percent-encoding are Boost.URL's (RFC 3986); this header decides what sfcpp accepts.
#pragma once

#include <sfcpp/error.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

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
    bool is_loopback() const noexcept {
        if (host == "localhost") return true;
        if (auto v4 = boost::urls::parse_ipv4_address(host)) return v4->is_loopback();
        if (auto v6 = boost::urls::parse_ipv6_address(host)) return v6->is_loopback();
        return false;
    }

    static url parse(std::string_view text);

private:
    std::string bracketed_host() const { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }
};

inline url url::parse(std::string_view text) {
    auto fail = [&](std::string_view why) -> url {
        throw config_error("sfcpp: " + std::string(why) + ": " + sfcpp::detail::quote_excerpt(text));
    };
    auto parsed = boost::urls::parse_uri(boost::urls::string_view(text.data(), text.size()));
    if (!parsed) return fail("not an absolute http(s) URL");
    const boost::urls::url_view& v = *parsed;
    url u;
    u.scheme = std::string(v.scheme());
    for (char& c : u.scheme)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (u.scheme != "http" && u.scheme != "https") return fail("unsupported URL scheme");
    if (v.has_userinfo()) throw config_error("sfcpp: credentials in URLs are not supported");
    switch (v.host_type()) {
    case boost::urls::host_type::ipv4: u.host = v.host_ipv4_address().to_string(); break;
    case boost::urls::host_type::ipv6: u.host = v.host_ipv6_address().to_string(); break;
    case boost::urls::host_type::name: u.host = v.host(); break;
    default: return fail("unsupported host in URL");
    }
    if (u.host.empty()) return fail("URL without a host");
    for (char& c : u.host) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        // A percent-decoded name may hold anything; a host name holds none of these.
        if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == '\\' || c == '%' || c == 0x7f)
            return fail("bad host in URL");
    }
    if (!v.has_port() || v.port().empty()) {
        u.port = u.is_https() ? 443 : 80;
    } else {
        std::uint32_t p = 0;
        for (char c : v.port()) {
            p = p * 10 + static_cast<std::uint32_t>(c - '0');
            if (p > 65535) return fail("bad port in URL");
        }
        if (p == 0) return fail("bad port in URL");
        u.port = static_cast<std::uint16_t>(p);
    }
    // The fragment is the client's alone: it never goes on the wire.
    u.target = v.encoded_path().empty() ? std::string("/") : std::string(v.encoded_path());
    // Boost.URL 1.81 reads a host name that starts with an IPv4 address ("127.0.0.1.example.com")
    // as that address followed by a path without its leading '/'. Such a name is refused: taken
    // as the address it would reach another host than the one named.
    if (u.target.front() != '/') return fail("unsupported host name (it starts with an IPv4 address)");
    if (v.has_query()) u.target += "?" + std::string(v.encoded_query());
    return u;
}

// Percent-encodes everything but RFC 3986 unreserved characters (a query or form component).
inline std::string url_encode(std::string_view s) {
    return boost::urls::encode(boost::urls::string_view(s.data(), s.size()), boost::urls::unreserved_chars);
}

// One path segment that carries data (a record id, an external id value). A segment of dots alone
// is encoded too, so that no value can step out of the path it is put in.
inline std::string path_segment(std::string_view s) {
    if (s.empty()) throw config_error("sfcpp: an empty value cannot be a URL path segment");
    if (s.find_first_not_of('.') == std::string_view::npos) {
        std::string dots;
        for (std::size_t i = 0; i < s.size(); ++i) dots += "%2E";
        return dots;
    }
    return url_encode(s);
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

// An sObject, field or relationship name as it may appear in a path: a letter, then letters,
// digits and underscores. Throws config_error naming `what` otherwise.
inline std::string_view require_api_name(std::string_view name, std::string_view what) {
    bool ok = !name.empty() && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
    for (char c : name)
        ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok)
        throw config_error("sfcpp: not a valid " + std::string(what) + " name: " + sfcpp::detail::quote_excerpt(name));
    return name;
}

}  // namespace sfcpp::http
