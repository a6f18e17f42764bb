// sfcpp/http/impl/url.ipp: URL parsing and encoding over Boost.URL. Included by url.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/http/url.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace sfcpp::http {

SFCPP_DECL bool url::is_loopback() const noexcept {
    if (host == "localhost") return true;
    if (auto v4 = boost::urls::parse_ipv4_address(host)) return v4->is_loopback();
    if (auto v6 = boost::urls::parse_ipv6_address(host)) return v6->is_loopback();
    return false;
}

SFCPP_DECL url url::parse(std::string_view text) {
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

SFCPP_DECL std::string url_encode(std::string_view s) {
    return boost::urls::encode(boost::urls::string_view(s.data(), s.size()), boost::urls::unreserved_chars);
}

SFCPP_DECL std::string path_segment(std::string_view s) {
    if (s.empty()) throw config_error("sfcpp: an empty value cannot be a URL path segment");
    if (s.find_first_not_of('.') == std::string_view::npos) {
        std::string dots;
        for (std::size_t i = 0; i < s.size(); ++i) dots += "%2E";
        return dots;
    }
    return url_encode(s);
}

SFCPP_DECL std::string form_encode(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out += '&';
        out += url_encode(k);
        out += '=';
        out += url_encode(v);
    }
    return out;
}

SFCPP_DECL std::string_view require_api_name(std::string_view name, std::string_view what) {
    bool ok = !name.empty() && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
    for (char c : name)
        ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok)
        throw config_error("sfcpp: not a valid " + std::string(what) + " name: " + sfcpp::detail::quote_excerpt(name));
    return name;
}

}  // namespace sfcpp::http
