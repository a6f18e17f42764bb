#include <sfcpp_emulator/server.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/zlib/deflate_stream.hpp>
#include <boost/crc.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

namespace sfcpp_emulator {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

// Bodies above this size are sent gzip-compressed to clients that accept it, as Salesforce does.
constexpr std::size_t gzip_min_body = 1024;

bool accepts_gzip(const std::string& accept_encoding) {
    std::string v = accept_encoding;
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = v.find("gzip");
    if (at == std::string::npos) return false;
    const auto end = v.find(',', at);
    const std::string item = v.substr(at, end == std::string::npos ? std::string::npos : end - at);
    return item.find("q=0") == std::string::npos || item.find("q=0.") != std::string::npos;
}

// One gzip member (RFC 1952): a 10-byte header, raw deflate, CRC-32 and length.
std::string gzip_body(const std::string& data) {
    namespace zlib = beast::zlib;
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    zlib::deflate_stream deflater;
    deflater.reset(6, 15, 8, zlib::Strategy::normal);
    out.resize(10 + deflater.upper_bound(data.size()) + 16);
    zlib::z_params zs{};
    zs.next_in = data.data();
    zs.avail_in = data.size();
    zs.next_out = out.data() + 10;
    zs.avail_out = out.size() - 10;
    beast::error_code ec;
    deflater.write(zs, zlib::Flush::finish, ec);
    out.resize(out.size() - zs.avail_out);
    boost::crc_32_type crc;
    crc.process_bytes(data.data(), data.size());
    for (std::uint32_t v : {static_cast<std::uint32_t>(crc.checksum()), static_cast<std::uint32_t>(data.size())})
        for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
    return out;
}

// One connection, plain TCP or TLS over TCP.
template <bool Tls>
class session : public std::enable_shared_from_this<session<Tls>> {
    using stream_type = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    // `live` counts the sessions alive: the server refuses connections past its cap.
    session(tcp::socket socket, api& org, std::shared_ptr<std::atomic<std::size_t>> live)
        requires(!Tls)
        : stream_(std::move(socket)), org_(org), live_(std::move(live)) {}
    session(tcp::socket socket, ssl::context& ctx, api& org, std::shared_ptr<std::atomic<std::size_t>> live)
        requires Tls
        : stream_(std::move(socket), ctx), org_(org), live_(std::move(live)) {}
    ~session() { --*live_; }

    void run() {
        asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
            if constexpr (Tls) self->handshake();
            else self->read();
        });
    }

private:
    beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

    void handshake() {
        lowest().expires_after(std::chrono::seconds(30));
        stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
            if (ec) return;  // e.g. a client that does not trust our certificate
            self->read();
        });
    }

    void read() {
        parser_.emplace();
        parser_->body_limit(org_.settings().max_request_body);
        lowest().expires_after(std::chrono::seconds(120));
        http::async_read(stream_, buffer_, *parser_,
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void close() {
        beast::error_code ec;
        if constexpr (Tls) {
            lowest().expires_after(std::chrono::seconds(5));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code e) {
                self->lowest().socket().close(e);
            });
        } else {
            lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
        }
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::body_limit) return refuse_body();
        if (ec) {
            if (ec == http::error::end_of_stream) close();
            return;
        }
        auto& req = parser_->get();
        http_request in;
        in.method = std::string(req.method_string());
        in.target = std::string(req.target());
        for (const auto& h : req) {
            std::string name(h.name_string());
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            in.headers[name] = std::string(h.value());
        }
        in.body = std::move(req.body());
        http_response out = org_.handle(in);
        if (out.drop_mid_body) return drop(out);

        res_ = {};
        res_.version(req.version());
        res_.result(static_cast<unsigned>(out.status));
        res_.set(http::field::server, "sfcpp-emulator");
        for (const auto& [k, v] : out.headers) res_.set(k, v);
        if (out.body.size() > gzip_min_body && !res_.count(http::field::content_encoding) &&
            accepts_gzip(in.headers["accept-encoding"])) {
            res_.set(http::field::content_encoding, "gzip");
            res_.set(http::field::vary, "Accept-Encoding");
            res_.body() = gzip_body(out.body);
        } else {
            res_.body() = std::move(out.body);
        }
        res_.keep_alive(req.keep_alive() && !out.close_connection);
        res_.prepare_payload();
        http::async_write(stream_, res_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            if (!self->res_.keep_alive()) return self->close();
            self->read();
        });
    }

    // A body over max_request_body: 413, then the connection is closed (the rest of the body is
    // never read).
    void refuse_body() {
        res_ = {};
        res_.version(11);
        res_.result(http::status::payload_too_large);
        res_.set(http::field::server, "sfcpp-emulator");
        res_.set(http::field::content_type, "application/json;charset=UTF-8");
        res_.body() = R"([{"message":"The request body exceeds )" + std::to_string(org_.settings().max_request_body) +
                      R"( bytes","errorCode":"REQUEST_TOO_LARGE"}])";
        res_.keep_alive(false);
        res_.prepare_payload();
        http::async_write(stream_, res_, [self = this->shared_from_this()](beast::error_code, std::size_t) {
            self->close();
        });
    }

    // Fault injection: announce the whole body, send half of it, close the connection (over TLS
    // without close_notify, as a cut connection looks).
    void drop(const http_response& out) {
        std::string body = out.body.empty() ? std::string("{\"truncated\":true}") : out.body;
        auto raw = std::make_shared<std::string>();
        *raw = "HTTP/1.1 " + std::to_string(out.status) + " " +
               std::string(http::obsolete_reason(static_cast<http::status>(out.status))) + "\r\n";
        for (const auto& [k, v] : out.headers) *raw += k + ": " + v + "\r\n";
        *raw += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2);
        asio::async_write(stream_, asio::buffer(*raw),
                          [self = this->shared_from_this(), raw](beast::error_code ec, std::size_t) {
                              self->lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
                              self->lowest().socket().close(ec);
                          });
    }

    stream_type stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> res_;
    api& org_;
    std::shared_ptr<std::atomic<std::size_t>> live_;
};

bool is_pem_text(const std::string& s) { return s.find("-----BEGIN") != std::string::npos; }

// The server side TLS context: TLS 1.2 or newer, the given certificate chain and key.
std::unique_ptr<ssl::context> make_tls_context(const options& o) {
    if (o.tls_cert.empty() && o.tls_key.empty()) return nullptr;
    if (o.tls_cert.empty() || o.tls_key.empty())
        throw std::invalid_argument("HTTPS needs both a certificate (tls_cert) and a private key (tls_key)");
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    if (is_pem_text(o.tls_cert)) ctx->use_certificate_chain(asio::buffer(o.tls_cert));
    else ctx->use_certificate_chain_file(o.tls_cert);
    if (is_pem_text(o.tls_key)) ctx->use_private_key(asio::buffer(o.tls_key), ssl::context::pem);
    else ctx->use_private_key_file(o.tls_key, ssl::context::pem);
    return ctx;
}

}  // namespace

struct server::impl {
    explicit impl(const options& o)
        : opts(o), tls(make_tls_context(o)), org(o), ioc(static_cast<int>(std::max(1u, o.threads))), acceptor(ioc) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
            if (!ec && ++*live > std::max<std::size_t>(1, opts.max_connections)) {
                --*live;  // past the cap: closed before anything is read
                beast::error_code ignored;
                socket.close(ignored);
            } else if (!ec) {
                if (tls) std::make_shared<session<true>>(std::move(socket), *tls, org, live)->run();
                else std::make_shared<session<false>>(std::move(socket), org, live)->run();
            }
            accept();
        });
    }

    options opts;
    std::unique_ptr<ssl::context> tls;  // null: plain HTTP
    api org;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    std::shared_ptr<std::atomic<std::size_t>> live = std::make_shared<std::atomic<std::size_t>>(0);
    std::vector<std::thread> threads;
    unsigned short port = 0;
    bool running = false;
};

server::server(const options& opts) : impl_(std::make_unique<impl>(opts)) {}

server::~server() { stop(); }

void server::start() {
    if (impl_->running) return;
    auto& im = *impl_;
    tcp::endpoint ep(asio::ip::make_address(im.opts.address), im.opts.port);
    im.acceptor.open(ep.protocol());
    im.acceptor.set_option(asio::socket_base::reuse_address(true));
    im.acceptor.bind(ep);
    im.acceptor.listen(asio::socket_base::max_listen_connections);
    im.port = im.acceptor.local_endpoint().port();
    im.org.set_base_url(base_url());
    im.accept();
    im.running = true;
    for (unsigned i = 0; i < std::max(1u, im.opts.threads); ++i) im.threads.emplace_back([&im] { im.ioc.run(); });
}

void server::stop() {
    if (!impl_ || !impl_->running) return;
    auto& im = *impl_;
    asio::post(im.ioc, [&im] {
        beast::error_code ec;
        im.acceptor.close(ec);
    });
    im.ioc.stop();
    for (auto& t : im.threads) t.join();
    im.threads.clear();
    im.running = false;
}

unsigned short server::port() const { return impl_->port; }

std::string server::base_url() const {
    return (impl_->tls ? "https://" : "http://") + impl_->opts.address + ":" + std::to_string(impl_->port);
}

sfcpp::auth::client_credentials server::app() const {
    return {.login_url = base_url(), .client_id = impl_->opts.client_id, .client_secret = impl_->opts.client_secret};
}

std::string server::issue_token() { return impl_->org.issue_token(); }

bool server::approve_device(const std::string& user_code) { return impl_->org.approve_device(user_code); }

bool server::deny_device(const std::string& user_code) { return impl_->org.deny_device(user_code); }

api& server::org() noexcept { return impl_->org; }

}  // namespace sfcpp_emulator
