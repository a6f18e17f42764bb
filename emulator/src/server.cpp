#include <sfcpp_emulator/server.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <thread>
#include <vector>

namespace sfcpp_emulator {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket socket, api& org) : stream_(std::move(socket)), org_(org) {}

    void run() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

private:
    void read() {
        parser_.emplace();
        parser_->body_limit(256 * 1024 * 1024);
        stream_.expires_after(std::chrono::seconds(120));
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec) {
            stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
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
        res_.body() = std::move(out.body);
        res_.keep_alive(req.keep_alive() && !out.close_connection);
        res_.prepare_payload();
        http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            if (!self->res_.keep_alive()) {
                self->stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
                return;
            }
            self->read();
        });
    }

    // Fault injection: announce the whole body, send half of it, close the connection.
    void drop(const http_response& out) {
        std::string body = out.body.empty() ? std::string("{\"truncated\":true}") : out.body;
        auto raw = std::make_shared<std::string>();
        *raw = "HTTP/1.1 " + std::to_string(out.status) + " " +
               std::string(http::obsolete_reason(static_cast<http::status>(out.status))) + "\r\n";
        for (const auto& [k, v] : out.headers) *raw += k + ": " + v + "\r\n";
        *raw += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2);
        asio::async_write(stream_, asio::buffer(*raw), [self = shared_from_this(), raw](beast::error_code ec, std::size_t) {
            self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
            self->stream_.socket().close(ec);
        });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> res_;
    api& org_;
};

}  // namespace

struct server::impl {
    explicit impl(const options& o) : opts(o), org(o), ioc(static_cast<int>(std::max(1u, o.threads))), acceptor(ioc) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
            if (!ec) std::make_shared<session>(std::move(socket), org)->run();
            accept();
        });
    }

    options opts;
    api org;
    asio::io_context ioc;
    tcp::acceptor acceptor;
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
    return "http://" + impl_->opts.address + ":" + std::to_string(impl_->port);
}

std::string server::issue_token() { return impl_->org.issue_token(); }

api& server::org() noexcept { return impl_->org; }

}  // namespace sfcpp_emulator
