// Small loopback servers for transport tests: an HTTP server whose answers the test writes, and an
// HTTP proxy (CONNECT tunnels and absolute-form forwarding) that counts what went through it.
// Each listens on an ephemeral port and serves every connection on its own thread.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/socket.h>

namespace client_test {

namespace lsv {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
}  // namespace lsv

// Accepts connections on 127.0.0.1:0 and runs `serve(socket)` on a thread per connection. The
// destructor wakes every blocked read (shutdown of the sockets) and joins all threads.
class loopback_listener {
public:
    using tcp = lsv::tcp;

    explicit loopback_listener(std::function<void(tcp::socket&)> serve) : serve_(std::move(serve)) {
        tcp::endpoint ep(lsv::asio::ip::make_address("127.0.0.1"), 0);
        acceptor_.open(ep.protocol());
        acceptor_.bind(ep);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        accept_thread_ = std::thread([this] { accept_loop(); });
    }
    ~loopback_listener() {
        stop_ = true;
        {
            lsv::beast::error_code ec;
            tcp::socket wake(ioc_);
            wake.connect(tcp::endpoint(lsv::asio::ip::make_address("127.0.0.1"), port_), ec);
            accept_thread_.join();
        }
        std::vector<std::thread> threads;
        {
            std::lock_guard<std::mutex> g(mutex_);
            for (auto& s : sockets_) ::shutdown(s->native_handle(), SHUT_RDWR);
            threads.swap(threads_);
        }
        for (auto& t : threads) t.join();
    }
    loopback_listener(const loopback_listener&) = delete;
    loopback_listener& operator=(const loopback_listener&) = delete;

    unsigned short port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    lsv::asio::io_context& io() { return ioc_; }
    std::size_t connections() const { return accepted_.load(); }

    // Registers a socket the destructor must wake (for example the upstream side of a tunnel).
    void track(const std::shared_ptr<tcp::socket>& s) {
        std::lock_guard<std::mutex> g(mutex_);
        sockets_.push_back(s);
    }

private:
    void accept_loop() {
        for (;;) {
            auto s = std::make_shared<tcp::socket>(ioc_);
            lsv::beast::error_code ec;
            acceptor_.accept(*s, ec);
            if (ec || stop_) return;
            ++accepted_;
            std::lock_guard<std::mutex> g(mutex_);
            sockets_.push_back(s);
            threads_.emplace_back([this, s] {
                serve_(*s);
                lsv::beast::error_code ignored;
                s->shutdown(tcp::socket::shutdown_both, ignored);
            });
        }
    }

    std::function<void(tcp::socket&)> serve_;
    lsv::asio::io_context ioc_;
    tcp::acceptor acceptor_{ioc_};
    unsigned short port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<std::size_t> accepted_{0};
    std::thread accept_thread_;
    std::mutex mutex_;
    std::vector<std::shared_ptr<tcp::socket>> sockets_;
    std::vector<std::thread> threads_;
};

// An HTTP/1.1 server: `answer(request, response)` fills each response. Keeps the connection
// alive; counts requests and the most that were being answered at once.
class local_http_server {
public:
    using request = lsv::bhttp::request<lsv::bhttp::string_body>;
    using response = lsv::bhttp::response<lsv::bhttp::string_body>;
    using handler = std::function<void(const request&, response&)>;

    explicit local_http_server(handler h) : answer_(std::move(h)), listener_([this](auto& s) { serve(s); }) {}

    std::string url() const { return listener_.url(); }
    unsigned short port() const { return listener_.port(); }
    std::size_t requests() const { return requests_.load(); }
    std::size_t peak_in_flight() const { return peak_.load(); }

private:
    void serve(lsv::tcp::socket& s) {
        lsv::beast::flat_buffer buf;
        for (;;) {
            request req;
            lsv::beast::error_code ec;
            lsv::bhttp::read(s, buf, req, ec);
            if (ec) return;
            const std::size_t now = ++in_flight_;
            std::size_t seen = peak_.load();
            while (now > seen && !peak_.compare_exchange_weak(seen, now)) {}
            ++requests_;
            response res{lsv::bhttp::status::ok, req.version()};
            res.set(lsv::bhttp::field::content_type, "application/json");
            answer_(req, res);
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            --in_flight_;
            lsv::bhttp::write(s, res, ec);
            if (ec || !req.keep_alive()) return;
        }
    }

    handler answer_;
    std::atomic<std::size_t> requests_{0}, in_flight_{0}, peak_{0};
    loopback_listener listener_;  // last: its threads use the members above
};

// An HTTP proxy: CONNECT host:port opens a tunnel (bytes copied both ways until either side
// closes); a request in absolute form (GET http://host:port/path) is forwarded to that origin.
class http_proxy {
public:
    http_proxy() : listener_([this](auto& s) { serve(s); }) {}

    std::string url() const { return listener_.url(); }
    // A hostile proxy: `bytes` follow its "200 Connection Established" in the same write, before
    // anything of the server's.
    void send_after_established(std::string bytes) { after_established_ = std::move(bytes); }
    std::size_t tunnels() const { return tunnels_.load(); }
    std::size_t forwarded() const { return forwarded_.load(); }
    std::vector<std::string> connect_targets() const {
        std::lock_guard<std::mutex> g(mutex_);
        return targets_;
    }

private:
    using tcp = lsv::tcp;

    static bool split_host_port(std::string_view hp, std::string& host, std::string& port) {
        const auto colon = hp.rfind(':');
        if (colon == std::string_view::npos) return false;
        host = std::string(hp.substr(0, colon));
        port = std::string(hp.substr(colon + 1));
        return true;
    }

    bool connect_to(tcp::socket& up, const std::string& host, const std::string& port) {
        lsv::beast::error_code ec;
        tcp::resolver r(listener_.io());
        auto eps = r.resolve(host, port, ec);
        if (ec) return false;
        lsv::asio::connect(up, eps, ec);
        return !ec;
    }

    void serve(tcp::socket& s) {
        lsv::beast::flat_buffer buf;
        for (;;) {
            lsv::bhttp::request_parser<lsv::bhttp::string_body> p;
            lsv::beast::error_code ec;
            lsv::bhttp::read(s, buf, p, ec);
            if (ec) return;
            auto& req = p.get();
            if (req.method() == lsv::bhttp::verb::connect) return tunnel(s, buf, std::string(req.target()));
            forward(s, req);
            if (!req.keep_alive()) return;
        }
    }

    void tunnel(tcp::socket& s, lsv::beast::flat_buffer& buf, const std::string& target) {
        {
            std::lock_guard<std::mutex> g(mutex_);
            targets_.push_back(target);
        }
        std::string host, port;
        auto up = std::make_shared<tcp::socket>(listener_.io());
        listener_.track(up);
        lsv::beast::error_code ec;
        if (!split_host_port(target, host, port) || !connect_to(*up, host, port)) {
            lsv::asio::write(s, lsv::asio::buffer(std::string("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")), ec);
            return;
        }
        ++tunnels_;
        lsv::asio::write(s, lsv::asio::buffer("HTTP/1.1 200 Connection Established\r\n\r\n" + after_established_), ec);
        if (buf.size()) lsv::asio::write(*up, buf.data(), ec);  // bytes the client sent early
        std::thread back([&s, up] { pump(*up, s); });
        pump(s, *up);
        back.join();
    }

    // Copies until EOF or an error, then closes the write side of `to`.
    static void pump(tcp::socket& from, tcp::socket& to) {
        char data[16 * 1024];
        lsv::beast::error_code ec;
        for (;;) {
            const std::size_t n = from.read_some(lsv::asio::buffer(data), ec);
            if (ec) break;
            lsv::asio::write(to, lsv::asio::buffer(data, n), ec);
            if (ec) break;
        }
        lsv::beast::error_code ignored;
        to.shutdown(tcp::socket::shutdown_both, ignored);
        from.shutdown(tcp::socket::shutdown_both, ignored);
    }

    void forward(tcp::socket& s, lsv::bhttp::request<lsv::bhttp::string_body>& req) {
        lsv::beast::error_code ec;
        std::string target(req.target());
        const auto scheme = target.find("://");
        if (target.rfind("http://", 0) != 0 || scheme == std::string::npos) {
            lsv::bhttp::response<lsv::bhttp::string_body> bad{lsv::bhttp::status::bad_request, 11};
            bad.prepare_payload();
            lsv::bhttp::write(s, bad, ec);
            return;
        }
        const auto slash = target.find('/', scheme + 3);
        std::string authority = target.substr(scheme + 3, slash - scheme - 3), host, port;
        if (!split_host_port(authority, host, port)) port = "80", host = authority;
        tcp::socket up(listener_.io());
        if (!connect_to(up, host, port)) return;
        ++forwarded_;
        req.target(slash == std::string::npos ? "/" : target.substr(slash));
        lsv::bhttp::write(up, req, ec);
        lsv::beast::flat_buffer ubuf;
        lsv::bhttp::response<lsv::bhttp::string_body> res;
        lsv::bhttp::read(up, ubuf, res, ec);
        if (ec) return;
        lsv::bhttp::write(s, res, ec);
    }

    std::atomic<std::size_t> tunnels_{0}, forwarded_{0};
    std::string after_established_;
    mutable std::mutex mutex_;
    std::vector<std::string> targets_;
    loopback_listener listener_;  // last: its threads use the members above
};

}  // namespace client_test
