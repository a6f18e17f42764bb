// sfcpp/http/impl/transport.ipp: the transport over Beast, Asio and OpenSSL. Included by
// transport.hpp (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/http/gzip.hpp>
#include <sfcpp/http/transport.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace sfcpp::http {

namespace detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// One kept-alive connection. It owns its io_context, so a thread that has checked it out drives
// its asynchronous operations alone: timeouts without a shared event loop or extra threads.
struct connection {
    asio::io_context ioc{1};
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;
    std::chrono::steady_clock::time_point idle_since{};

    beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

    ~connection() {
        beast::error_code ec;
        if (tls || plain) lowest().socket().close(ec);
    }

    // Starts one asynchronous operation and runs the loop until it completes.
    template <class Start>
    beast::error_code run(Start&& start) {
        beast::error_code result;
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }

    // Reading and writing go through one small operation per stream type (read_some, write)
    // rather than Beast's composed http::async_read/async_write, which were most of what every
    // translation unit of a header-only build compiled. Beast's parser and fields still do the HTTP.

    // Reads one message into `p`, over TLS unless `over_tls` is false (a proxy's CONNECT answer).
    template <class Parser>
    beast::error_code read(Parser& p, bool over_tls = true) {
        beast::error_code ec;
        for (;;) {
            if (buffer.size() != 0) {
                const std::size_t used = p.put(buffer.data(), ec);
                buffer.consume(used);
                if (ec == bhttp::error::need_more) ec = {};
                else if (ec) return ec;
                if (p.is_done()) return {};
                if (used != 0 && buffer.size() != 0) continue;
            }
            ec = read_some(over_tls);
            if (ec == asio::error::eof) {
                // As Beast reports it: nothing at all read is end_of_stream, a cut message partial.
                if (!p.got_some()) return bhttp::error::end_of_stream;
                p.put_eof(ec);
                return ec;
            }
            if (ec) return ec;
        }
    }

    beast::error_code read_some(bool over_tls) {
        beast::error_code result;
        std::size_t got = 0;
        auto done = [&](beast::error_code ec, std::size_t n) {
            result = ec;
            got = n;
        };
        const auto space = buffer.prepare(16 * 1024);
        if (tls && over_tls) tls->async_read_some(space, done);
        else lowest().async_read_some(space, done);
        ioc.restart();
        ioc.run();
        buffer.commit(got);
        return result;
    }

    beast::error_code write(std::string_view head, std::string_view body, bool over_tls = true) {
        beast::error_code result;
        auto done = [&](beast::error_code ec, std::size_t) { result = ec; };
        const std::array<asio::const_buffer, 2> wire{asio::buffer(head.data(), head.size()),
                                                      asio::buffer(body.data(), body.size())};
        if (tls && over_tls) asio::async_write(*tls, wire, done);
        else asio::async_write(lowest(), wire, done);
        ioc.restart();
        ioc.run();
        return result;
    }

    // A kept-alive connection the server has closed reads as EOF: peek without blocking.
    bool still_open() {
        if (buffer.size() != 0) return false;
        auto& s = lowest().socket();
        if (!s.is_open()) return false;
        beast::error_code ec;
        s.non_blocking(true, ec);
        if (ec) return false;
        char b;
        s.receive(asio::buffer(&b, 1), tcp::socket::message_peek, ec);
        beast::error_code ignored;
        s.non_blocking(false, ignored);
        return ec == asio::error::would_block;
    }
};

inline bhttp::verb to_beast(verb v) {
    switch (v) {
    case verb::get: return bhttp::verb::get;
    case verb::post: return bhttp::verb::post;
    case verb::put: return bhttp::verb::put;
    case verb::patch: return bhttp::verb::patch;
    case verb::delete_: return bhttp::verb::delete_;
    case verb::head: return bhttp::verb::head;
    }
    return bhttp::verb::get;
}

inline std::string_view stage_name(transport_error::stage s) {
    switch (s) {
    case transport_error::stage::resolve: return "resolving the host";
    case transport_error::stage::connect: return "connecting";
    case transport_error::stage::tls_handshake: return "the TLS handshake";
    case transport_error::stage::write: return "sending the request";
    case transport_error::stage::read: return "reading the response";
    }
    return "?";
}

// A request's head as it goes on the wire; the body follows it unchanged. Its fields were checked
// (check_header) and Content-Length set by prepare_payload: this is what Beast's serializer writes.
template <class Body>
std::string wire_head(const bhttp::request<Body>& req) {
    std::string out;
    out.reserve(256);
    out.append(req.method_string()).append(" ").append(req.target()).append(" HTTP/1.1\r\n");
    for (const auto& f : req) out.append(f.name_string()).append(": ").append(f.value()).append("\r\n");
    out.append("\r\n");
    return out;
}

// The URL without its query string: queries may be long and are nobody's business in a log.
inline std::string describe_target(verb v, const url& u) {
    std::string path = u.target.substr(0, u.target.find('?'));
    return std::string(to_string(v)) + " " + u.origin() + path;
}

[[noreturn]] inline void fail(verb v, const url& u, transport_error::stage s, const beast::error_code& ec,
                              bool reused, bool answer_started = false) {
    const bool timed_out = ec == beast::error::timeout;
    std::string msg = "sfcpp: " + describe_target(v, u) + ": failed while " + std::string(stage_name(s)) + ": " +
                      (timed_out ? std::string("timed out") : ec.message());
    throw transport_error(msg, s, timed_out, reused, answer_started);
}

}  // namespace detail

struct transport::impl {
    options opts;
    boost::asio::ssl::context ssl{boost::asio::ssl::context::tls_client};
    std::optional<url> proxy;
    mutable std::mutex mutex;
    std::map<std::string, std::vector<std::unique_ptr<detail::connection>>> idle;
    std::atomic<std::uint64_t> opened{0};

    explicit impl(options o) : opts(std::move(o)) {
        // At least TLS 1.2, whatever the peer offers (tls_client alone would allow 1.0).
        SSL_CTX_set_min_proto_version(ssl.native_handle(), TLS1_2_VERSION);
        ssl.set_verify_mode(boost::asio::ssl::verify_peer);
        boost::system::error_code ec;
        if (opts.ca_file.empty()) {
            ssl.set_default_verify_paths(ec);
            if (ec) throw config_error("sfcpp: cannot load the system trust store: " + ec.message());
        } else {
            ssl.load_verify_file(opts.ca_file, ec);
            if (ec) throw config_error("sfcpp: cannot load CA file " + opts.ca_file + ": " + ec.message());
        }
        if (!opts.proxy.empty()) {
            proxy = url::parse(opts.proxy);
            // TLS to the proxy itself is not implemented; connecting to it in clear instead would
            // break the promise its https:// makes.
            if (proxy->is_https())
                throw config_error("sfcpp: https:// proxies are not supported: use an http:// proxy (HTTPS requests "
                                   "go through it in a CONNECT tunnel, encrypted end to end)");
        }
    }

    std::unique_ptr<detail::connection> take_idle(const std::string& origin) {
        std::vector<std::unique_ptr<detail::connection>> stale;  // closed outside the lock
        std::unique_ptr<detail::connection> found;
        {
            std::lock_guard<std::mutex> g(mutex);
            auto it = idle.find(origin);
            if (it == idle.end()) return nullptr;
            auto& list = it->second;
            const auto now = std::chrono::steady_clock::now();
            while (!list.empty() && !found) {
                auto c = std::move(list.back());
                list.pop_back();
                if (now - c->idle_since < opts.max_idle_time && c->still_open()) found = std::move(c);
                else stale.push_back(std::move(c));
            }
        }
        return found;
    }

    void give_back(const std::string& origin, std::unique_ptr<detail::connection> c) {
        c->idle_since = std::chrono::steady_clock::now();
        std::lock_guard<std::mutex> g(mutex);
        auto& list = idle[origin];
        if (list.size() < opts.max_idle_per_host) list.push_back(std::move(c));
    }

    std::unique_ptr<detail::connection> open(verb v, const url& u) {
        namespace asio = boost::asio;
        namespace beast = boost::beast;
        namespace bhttp = boost::beast::http;
        using stage = transport_error::stage;
        auto c = std::make_unique<detail::connection>();
        if (u.is_https()) c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(c->ioc, ssl);
        else c->plain = std::make_unique<beast::tcp_stream>(c->ioc);

        const url& hop = proxy ? *proxy : u;
        beast::error_code ec;
        // Blocking getaddrinfo: an asynchronous resolve would start a thread per io_context.
        detail::tcp::resolver resolver(c->ioc);
        auto endpoints = resolver.resolve(hop.host, std::to_string(hop.port), ec);
        if (ec) detail::fail(v, u, stage::resolve, ec, false);

        c->lowest().expires_after(opts.connect_timeout);
        ec = c->run([&](auto h) { c->lowest().async_connect(endpoints, std::move(h)); });
        if (ec) detail::fail(v, u, stage::connect, ec, false);
        opened.fetch_add(1, std::memory_order_relaxed);

        if (proxy && u.is_https()) {
            bhttp::request<bhttp::empty_body> creq{bhttp::verb::connect, u.host_port(), 11};
            creq.set(bhttp::field::host, u.host_port());
            creq.set(bhttp::field::user_agent, opts.user_agent);
            ec = c->write(detail::wire_head(creq), {}, false);
            if (ec) detail::fail(v, u, stage::connect, ec, false);
            bhttp::response_parser<bhttp::empty_body> cp;
            cp.skip(true);  // a CONNECT response has no body
            ec = c->read(cp, false);
            if (ec) detail::fail(v, u, stage::connect, ec, false);
            if (cp.get().result_int() != 200)
                throw transport_error("sfcpp: proxy " + hop.origin() + " refused the tunnel to " + u.host_port() +
                                          ": HTTP " + std::to_string(cp.get().result_int()),
                                      stage::connect, false, false);
            // Nothing may follow the proxy's reply before the TLS handshake: bytes there come from
            // the proxy, not the server, and would otherwise be read as the server's answer.
            if (c->buffer.size() != 0)
                throw transport_error("sfcpp: proxy " + hop.origin() + " sent data after opening the tunnel to " +
                                          u.host_port(),
                                      stage::connect, false, false);
        }

        if (u.is_https()) {
            // SNI: without it, hosts serving several names present the wrong certificate.
            if (!SSL_set_tlsext_host_name(c->tls->native_handle(), u.host.c_str()))
                throw transport_error("sfcpp: cannot set the TLS server name for " + u.host, stage::tls_handshake,
                                      false, false);
            c->tls->set_verify_mode(asio::ssl::verify_peer);
            c->tls->set_verify_callback(asio::ssl::host_name_verification(u.host));
            c->lowest().expires_after(opts.connect_timeout);
            ec = c->run([&](auto h) { c->tls->async_handshake(asio::ssl::stream_base::client, std::move(h)); });
            if (ec) detail::fail(v, u, stage::tls_handshake, ec, false);
        }
        return c;
    }
};

SFCPP_DECL transport::transport(options opts) : impl_(std::make_unique<impl>(std::move(opts))) {}

SFCPP_DECL transport::~transport() = default;

SFCPP_DECL const options& transport::settings() const noexcept { return impl_->opts; }

SFCPP_DECL std::uint64_t transport::connections_opened() const noexcept {
    return impl_->opened.load(std::memory_order_relaxed);
}

SFCPP_DECL std::size_t transport::idle_connections() const {
    std::lock_guard<std::mutex> g(impl_->mutex);
    std::size_t n = 0;
    for (const auto& [k, v] : impl_->idle) n += v.size();
    return n;
}

SFCPP_DECL void transport::close_idle() {
    std::map<std::string, std::vector<std::unique_ptr<detail::connection>>> gone;
    std::lock_guard<std::mutex> g(impl_->mutex);
    gone.swap(impl_->idle);
}

SFCPP_DECL response transport::send(const request& rq) {
    namespace beast = boost::beast;
    namespace bhttp = boost::beast::http;
    using stage = transport_error::stage;

    const url u = url::parse(rq.url);
    if (!u.is_https() && !u.is_loopback() && !impl_->opts.allow_plain_http)
        throw config_error("sfcpp: refusing plain HTTP to " + u.host +
                           " (tokens would travel unencrypted); use https, or set options::allow_plain_http");
    // Checked before a connection is taken: nothing of a refused request goes out.
    detail::check_target(u.target);
    detail::check_header("User-Agent", impl_->opts.user_agent);
    for (const auto& [k, v] : rq.headers) detail::check_header(k, v);

    const std::string origin = u.origin();
    auto c = impl_->take_idle(origin);
    const bool reused = c != nullptr;
    if (!c) c = impl_->open(rq.method, u);

    // Plain HTTP through a proxy: the absolute form, so the proxy knows where to forward it.
    const bool via_proxy = impl_->proxy && !u.is_https();
    bhttp::request<bhttp::string_body> req{detail::to_beast(rq.method),
                                           via_proxy ? u.scheme + "://" + u.host_header() + u.target : u.target, 11};
    req.set(bhttp::field::host, u.host_header());
    req.set(bhttp::field::user_agent, impl_->opts.user_agent);
    if (impl_->opts.accept_gzip) req.set(bhttp::field::accept_encoding, "gzip");
    // The caller's headers as given (a name may repeat); those the transport owns are replaced.
    for (const auto& [k, v] : rq.headers) {
        if (detail::iequals(k, "host") || detail::iequals(k, "user-agent") ||
            detail::iequals(k, "content-length") || detail::iequals(k, "accept-encoding"))
            req.set(k, v);
        else
            req.insert(k, v);
    }
    req.body() = rq.body;
    req.keep_alive(true);
    req.prepare_payload();

    c->lowest().expires_after(impl_->opts.request_timeout);
    beast::error_code ec = c->write(detail::wire_head(req), req.body());
    if (ec) detail::fail(rq.method, u, stage::write, ec, reused);

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(impl_->opts.body_limit);
    parser.header_limit(64 * 1024);
    if (rq.method == verb::head) parser.skip(true);
    ec = c->read(parser);
    if (ec) detail::fail(rq.method, u, stage::read, ec, reused, parser.got_some() || c->buffer.size() != 0);

    auto& res = parser.get();
    response out;
    out.status = static_cast<int>(res.result_int());
    out.headers.reserve(16);
    for (const auto& h : res) out.headers.emplace_back(std::string(h.name_string()), std::string(h.value()));
    const bool keep = res.keep_alive() && !parser.need_eof();
    out.body = std::move(res.body());
    if (detail::iequals(out.header("Content-Encoding"), "gzip")) {
        try {
            out.body = gunzip(out.body, impl_->opts.body_limit);
        } catch (const gzip_error& e) {
            throw gzip_error(std::string(e.what()) + " (" + detail::describe_target(rq.method, u) + ")");
        }
    }
    if (keep) {
        c->lowest().expires_never();
        impl_->give_back(origin, std::move(c));
    }
    return out;
}

}  // namespace sfcpp::http
