// A reverse proxy in front of the emulator that fails chosen requests: the client talks HTTP to
// the proxy (its token's instance_url), which forwards every request to the emulator unchanged,
// except those a rule answers with an error of its own without forwarding them.
#pragma once

#include "../client/local_servers.hpp"

#include <boost/beast/core/tcp_stream.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace bulk_test {

class fault_proxy {
public:
    // Requests with this method whose target contains `target_part` (and whose body contains
    // `body_part`) are failed from the `from`-th such request on, `times` times (-1: for ever).
    struct rule {
        boost::beast::http::verb method{};
        std::string target_part{};
        std::string body_part{};
        int from = 1;
        int times = -1;
        int status = 500;
        std::string body = R"([{"errorCode":"UNKNOWN_EXCEPTION","message":"injected by the test proxy"}])";
        int seen = 0;
        int failed = 0;
    };

    explicit fault_proxy(unsigned short upstream_port) : upstream_(upstream_port) {}

    std::string url() const { return server_.url(); }
    void add(rule r) {
        std::lock_guard<std::mutex> g(mutex_);
        rules_.push_back(std::move(r));
    }
    void clear() {
        std::lock_guard<std::mutex> g(mutex_);
        rules_.clear();
    }
    // How many requests the rules failed.
    int failed() const {
        std::lock_guard<std::mutex> g(mutex_);
        int n = 0;
        for (const auto& r : rules_) n += r.failed;
        return n;
    }

private:
    using request = client_test::local_http_server::request;
    using response = client_test::local_http_server::response;

    bool injected(const request& rq, response& rs) {
        std::lock_guard<std::mutex> g(mutex_);
        for (auto& r : rules_) {
            if (rq.method() != r.method || rq.target().find(r.target_part) == std::string_view::npos ||
                rq.body().find(r.body_part) == std::string::npos)
                continue;
            if (++r.seen < r.from || (r.times >= 0 && r.failed >= r.times)) continue;
            ++r.failed;
            rs.result(static_cast<unsigned>(r.status));
            rs.body() = r.body;
            return true;
        }
        return false;
    }

    void answer(const request& rq, response& rs) {
        if (injected(rq, rs)) return;
        namespace lsv = client_test::lsv;
        lsv::asio::io_context ioc;
        lsv::beast::tcp_stream up(ioc);
        lsv::beast::error_code ec;
        up.connect(lsv::tcp::endpoint(lsv::asio::ip::make_address("127.0.0.1"), upstream_), ec);
        request fwd = rq;
        fwd.keep_alive(false);
        if (!ec) lsv::bhttp::write(up, fwd, ec);
        lsv::beast::flat_buffer buf;
        lsv::bhttp::response_parser<lsv::bhttp::string_body> p;
        p.body_limit(1ull << 30);
        if (!ec) lsv::bhttp::read(up, buf, p, ec);
        if (ec) {
            rs.result(502);
            rs.body() = R"([{"errorCode":"PROXY","message":"the emulator did not answer"}])";
            return;
        }
        rs = p.release();
    }

    unsigned short upstream_;
    mutable std::mutex mutex_;
    std::vector<rule> rules_;
    client_test::local_http_server server_{[this](const request& rq, response& rs) { answer(rq, rs); }};  // last
};

}  // namespace bulk_test
