// TLS verification: the emulator speaks plain HTTP, so these tests put a small TLS front (a
// self-signed certificate for "localhost") between the transport and the emulator.
#include "keys.hpp"
#include "support.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <thread>

using namespace client_test;
namespace http = sfcpp::http;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Terminates TLS and forwards each request to the emulator, one connection at a time.
class tls_front {
public:
    tls_front(const key_and_cert& kc, unsigned short upstream) : upstream_(upstream) {
        SSL_CTX_use_certificate(ctx_.native_handle(), kc.cert);
        SSL_CTX_use_PrivateKey(ctx_.native_handle(), kc.key);
        tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
        acceptor_.open(ep.protocol());
        acceptor_.bind(ep);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { serve(); });
    }
    ~tls_front() {
        stop_ = true;
        beast::error_code ec;
        tcp::socket wake(ioc_);
        wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
        thread_.join();
    }
    unsigned short port() const { return port_; }

private:
    void serve() {
        while (!stop_) {
            tcp::socket s(ioc_);
            beast::error_code ec;
            acceptor_.accept(s, ec);
            if (ec || stop_) return;
            handle(std::move(s));
        }
    }
    void handle(tcp::socket s) {
        beast::ssl_stream<tcp::socket> tls(std::move(s), ctx_);
        beast::error_code ec;
        tls.handshake(asio::ssl::stream_base::server, ec);
        if (ec) return;
        beast::flat_buffer buf, ubuf;
        tcp::socket up(ioc_);
        up.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), upstream_), ec);
        if (ec) return;
        for (;;) {
            beast::http::request<beast::http::string_body> req;
            beast::http::read(tls, buf, req, ec);
            if (ec) return;
            beast::http::write(up, req, ec);
            beast::http::response<beast::http::string_body> res;
            beast::http::read(up, ubuf, res, ec);
            if (ec) return;
            beast::http::write(tls, res, ec);
            if (ec || !req.keep_alive()) return;
        }
    }

    asio::io_context ioc_;
    asio::ssl::context ctx_{asio::ssl::context::tls_server};
    tcp::acceptor acceptor_{ioc_};
    unsigned short port_ = 0;
    unsigned short upstream_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace

TEST_CASE("TLS: verify_peer, CA file, host name verification") {
    key_and_cert kc("localhost", "tls");
    org o;
    tls_front front(kc, o.srv->port());
    const std::string by_name = "https://localhost:" + std::to_string(front.port()) + "/services/data";
    const std::string by_ip = "https://127.0.0.1:" + std::to_string(front.port()) + "/services/data";

    SUBCASE("a self-signed certificate is refused with the system trust store") {
        http::transport t;
        try {
            t.send({http::verb::get, by_name, {}, {}});
            FAIL("expected a TLS failure");
        } catch (const http::transport_error& e) {
            CHECK(e.where() == http::transport_error::stage::tls_handshake);
            CHECK_FALSE(e.may_have_reached_server());
            CHECK(std::string(e.what()).find("certificate verify failed") != std::string::npos);
        }
    }
    SUBCASE("trusted through ca_file, over a kept-alive connection") {
        http::options ho;
        ho.ca_file = kc.cert_file.string();
        http::transport t(ho);
        for (int i = 0; i < 3; ++i) {
            auto res = t.send({http::verb::get, by_name, {}, {}});
            CHECK(res.status == 200);
            CHECK(res.body.find("60.0") != std::string::npos);
        }
        CHECK(t.connections_opened() == 1);
    }
    SUBCASE("a certificate for another name is refused even with the CA") {
        http::options ho;
        ho.ca_file = kc.cert_file.string();
        http::transport t(ho);
        CHECK_THROWS_AS(t.send({http::verb::get, by_ip, {}, {}}), http::transport_error);
    }
    SUBCASE("a missing CA file is a configuration error") {
        http::options ho;
        ho.ca_file = "/nonexistent/ca.pem";
        CHECK_THROWS_AS(http::transport{ho}, http::config_error);
    }
}
