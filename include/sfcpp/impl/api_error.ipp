// sfcpp/impl/api_error.ipp: error bodies parsed and quoted without secrets. Included by
// api_error.hpp (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/api_error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace sfcpp {

SFCPP_DECL std::string api_error::make_message(int status, const std::vector<api_error_item>& items,
                                               const std::string& context) {
    std::string m = "sfcpp: " + context + ": HTTP " + std::to_string(status);
    std::size_t shown = 0;
    for (const auto& it : items) {
        if (shown++ == 3) {
            m += " (and " + std::to_string(items.size() - 3) + " more)";
            break;
        }
        m += shown == 1 ? " " : "; ";
        if (!it.error_code.empty()) m += it.error_code + ": ";
        m += it.message.size() > 300 ? it.message.substr(0, 300) + "..." : it.message;
        if (!it.fields.empty()) {
            m += " [";
            for (std::size_t i = 0; i < it.fields.size(); ++i) m += (i ? ", " : "") + it.fields[i];
            m += "]";
        }
    }
    return m;
}

namespace detail {

SFCPP_DECL bool is_secret_key(std::string_view key) noexcept {
    char k[24];
    std::size_t n = 0;
    for (char c : key) {
        if (c == '_' || c == '-') continue;
        if (n == sizeof k) return false;
        k[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    const std::string_view norm(k, n);
    for (std::string_view s : {"accesstoken", "refreshtoken", "idtoken", "token", "clientsecret", "secret",
                               "assertion", "clientassertion", "code", "devicecode", "codeverifier", "password",
                               "signature", "authorization", "sessionid", "sid", "apikey", "privatekey"})
        if (norm == s) return true;
    return false;
}

SFCPP_DECL std::string redact_secrets(std::string_view text) {
    auto ident = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    auto ends_value = [](char c) {
        return c == '&' || c == ',' || c == ';' || c == '{' || c == '}' || c == '[' || c == ']' || c == ')' ||
               c == '<' || c == '>' || c == '"' || c == '\'' || static_cast<unsigned char>(c) <= ' ';
    };
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!ident(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && ident(text[j])) ++j;
        const std::string_view key = text.substr(i, j - i);
        out.append(key);
        i = j;
        if (!is_secret_key(key)) continue;
        std::size_t k = i;
        if (k < text.size() && (text[k] == '"' || text[k] == '\'')) ++k;
        while (k < text.size() && blank(text[k])) ++k;
        if (k == text.size() || (text[k] != ':' && text[k] != '=')) continue;
        ++k;
        while (k < text.size() && blank(text[k])) ++k;
        out.append(text.substr(i, k - i));
        i = k;
        if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
            const char q = text[i];
            std::size_t e = i + 1;
            while (e < text.size() && text[e] != q) e += text[e] == '\\' ? 2 : 1;
            out += q;
            out += "<redacted>";
            if (e < text.size()) out += q;
            i = std::min(e + 1, text.size());
            continue;
        }
        if (i < text.size() && (text[i] == '{' || text[i] == '[')) {  // a JSON object or array: all of it
            std::size_t depth = 0, e = i;
            for (bool in_string = false; e < text.size(); ++e) {
                const char c = text[e];
                if (in_string) {
                    if (c == '\\') ++e;
                    else if (c == '"') in_string = false;
                } else if (c == '"') {
                    in_string = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    ++e;
                    break;
                }
            }
            out += "<redacted>";
            i = std::min(e, text.size());
            continue;
        }
        for (std::string_view scheme : {"Bearer ", "OAuth ", "Basic "}) {
            if (text.size() - i > scheme.size() && text.substr(i, scheme.size()) == scheme) {
                out.append(scheme);
                i += scheme.size();
                break;
            }
        }
        std::size_t e = i;
        while (e < text.size() && !ends_value(text[e])) ++e;
        if (e > i) out += "<redacted>";
        i = e;
    }
    return out;
}

SFCPP_DECL std::string redacted_excerpt(std::string_view body, std::size_t max) {
    // Redacted before the cut, so that a value which starts before it is hidden whole.
    const std::string_view head = body.substr(0, 8 * max);
    const std::string text = redact_secrets(head);
    return quote_excerpt(text, max) + (head.size() < body.size() && text.size() <= max ? "..." : "");
}

SFCPP_DECL std::string unexpected_body(std::string_view body, body_quote q) {
    if (q == body_quote::redacted) return "unexpected error body " + redacted_excerpt(body, 120);
    std::string m = "unexpected error body of " + std::to_string(body.size()) + " bytes (not shown: the answers of "
                    "OAuth endpoints hold credentials)";
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(body, ec);
    if (!ec && v.is_object() && !v.get_object().empty()) {
        m += ", a JSON object with the keys";
        std::size_t n = 0;
        for (const auto& kv : v.get_object()) {
            if (n++ == 8) {
                m += " ...";
                break;
            }
            m += (n == 1 ? " " : ", ") + quote_excerpt(kv.key(), 40);
        }
    }
    return m;
}

SFCPP_DECL std::string json_string_or_empty(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return (v && v->is_string()) ? std::string(v->get_string()) : std::string();
}

SFCPP_DECL void add_error_item(const boost::json::value& v, std::vector<api_error_item>& out) {
    if (!v.is_object()) return;
    const auto& o = v.get_object();
    api_error_item item;
    if (o.contains("errorCode") || o.contains("message")) {
        item.error_code = json_string_or_empty(o, "errorCode");
        item.message = json_string_or_empty(o, "message");
        // Composite answers use "statusCode" for the code.
        if (item.error_code.empty()) item.error_code = json_string_or_empty(o, "statusCode");
        if (const auto* f = o.if_contains("fields"); f && f->is_array())
            for (const auto& x : f->get_array())
                if (x.is_string()) item.fields.emplace_back(x.get_string());
    } else if (o.contains("error")) {
        item.error_code = json_string_or_empty(o, "error");
        item.message = json_string_or_empty(o, "error_description");
    } else {
        return;
    }
    out.push_back(std::move(item));
}

}  // namespace detail

SFCPP_DECL std::vector<api_error_item> parse_error_body(std::string_view body, body_quote q) {
    std::vector<api_error_item> out;
    if (body.empty()) return out;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (!ec) {
        if (v.is_array()) {
            for (const auto& e : v.get_array()) detail::add_error_item(e, out);
            // 300 Multiple Choices on an external id: an array of record URLs.
            if (out.empty() && !v.get_array().empty() && v.get_array().front().is_string()) {
                api_error_item item;
                item.error_code = "MULTIPLE_CHOICES";
                item.message = std::to_string(v.get_array().size()) + " records match the external id";
                out.push_back(std::move(item));
            }
        } else {
            detail::add_error_item(v, out);
        }
        if (!out.empty()) return out;
    }
    api_error_item item;
    item.message = detail::unexpected_body(body, q);
    out.push_back(std::move(item));
    return out;
}

SFCPP_DECL error_kind classify_error(int status, std::string_view code) noexcept {
    if (code == "REQUEST_LIMIT_EXCEEDED" || code == "TOO_MANY_REQUESTS" || status == 429) return error_kind::limit;
    if (code == "invalid_grant" || code == "invalid_client" || code == "invalid_client_id" ||
        code == "unauthorized_client" || code == "INVALID_SESSION_ID" || code == "INVALID_AUTH_HEADER" ||
        code == "access_denied" || code == "expired_token" || status == 401 || status == 403)
        return error_kind::auth;
    if (status == 404) return error_kind::not_found;
    if (status >= 500) return error_kind::server;
    if (status == 300 || (status >= 400 && status < 500)) return error_kind::validation;
    return error_kind::other;
}

[[noreturn]] SFCPP_DECL void throw_api_error(int status, std::string_view body, const std::string& context,
                                             body_quote q) {
    auto items = parse_error_body(body, q);
    const error_kind kind = classify_error(status, items.empty() ? std::string_view{} : items.front().error_code);
    switch (kind) {
    case error_kind::auth: throw auth_error(status, kind, std::move(items), context);
    case error_kind::not_found: throw not_found_error(status, kind, std::move(items), context);
    case error_kind::validation: throw validation_error(status, kind, std::move(items), context);
    case error_kind::limit: throw limit_error(status, kind, std::move(items), context);
    case error_kind::server: throw server_error(status, kind, std::move(items), context);
    case error_kind::other: break;
    }
    throw api_error(status, kind, std::move(items), context);
}

}  // namespace sfcpp
