// The REST client's cost per call, against a bare Boost.Beast request on one connection.
//
// An in-process emulator serves one Account. The same GET (same URL, same token) is made by:
//   * bare Beast: one tcp_stream, synchronous write + read of a string_body response;
//   * sfcpp::http::transport::send (pool checkout, timeouts, header copy);
//   * sfcpp::client::send (plus session token, retry bookkeeping, Sforce-Limit-Info parsing);
//   * sfcpp::client::retrieve<Account> (plus the typed decode of the record).
// Sequentially over one keep-alive connection, then from N threads over the pool (bare Beast:
// one connection per thread). Each case is timed in rounds interleaved with its baseline; the
// best round counts. The emulator runs in this process and shares the machine's cores.
//
//   sfcpp_bench_client [threads=8] [requests per round=2000]
#include <bench_sobjects/Account.hpp>
#include <sfcpp/client.hpp>

#include <sfcpp_emulator/server.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using clock_type = std::chrono::steady_clock;

// The baseline: what a hand-written Beast client does for one GET on a kept-alive connection.
class bare_beast {
public:
    bare_beast(const sfcpp::http::url& u, const std::string& token) : stream_(ioc_) {
        asio::ip::tcp::resolver r(ioc_);
        stream_.connect(r.resolve(u.host, std::to_string(u.port)));
        req_.method(bhttp::verb::get);
        req_.target(u.target);
        req_.version(11);
        req_.set(bhttp::field::host, u.host_header());
        req_.set(bhttp::field::authorization, "Bearer " + token);
        req_.set(bhttp::field::accept, "application/json");
        req_.keep_alive(true);
    }
    std::size_t get() {
        bhttp::write(stream_, req_);
        bhttp::response<bhttp::string_body> res;
        bhttp::read(stream_, buffer_, res);
        if (res.result_int() != 200 || !res.keep_alive()) {
            std::fprintf(stderr, "bare Beast GET failed: %u\n", res.result_int());
            std::exit(1);
        }
        return res.body().size();
    }

private:
    asio::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    bhttp::request<bhttp::empty_body> req_;
};

double seconds_since(clock_type::time_point t0) { return std::chrono::duration<double>(clock_type::now() - t0).count(); }

// `n` sequential calls, timed.
template <class F>
double timed_run(int n, F&& call) {
    const auto t0 = clock_type::now();
    for (int i = 0; i < n; ++i) call();
    return seconds_since(t0);
}

// `threads` threads making `per_thread` calls each; `make_caller(t)` gives thread t its call.
template <class Make>
double parallel_round(int threads, int per_thread, Make&& make_caller) {
    std::vector<std::thread> pool;
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            auto call = make_caller(t);
            ready.fetch_add(1);
            while (!go.load()) std::this_thread::yield();
            for (int i = 0; i < per_thread; ++i) call();
        });
    while (ready.load() < threads) std::this_thread::yield();
    const auto t0 = clock_type::now();
    go.store(true);
    for (auto& th : pool) th.join();
    return seconds_since(t0);
}

// Machine-readable row for bench/run: benchmark | sfcpp | baseline | ratio, where the ratio is
// sfcpp's speed over the baseline's (above 1: sfcpp is faster).
void table_rate(const std::string& name, double sfcpp_rate, double baseline_rate) {
    std::printf("TABLE|%s|%.0f req/s|%.0f req/s|%.2f\n", name.c_str(), sfcpp_rate, baseline_rate, sfcpp_rate / baseline_rate);
}
void table_time(const std::string& name, double sfcpp_us, double baseline_us) {
    std::printf("TABLE|%s|%.1f us (+%.1f)|%.1f us|%.2f\n", name.c_str(), sfcpp_us, sfcpp_us - baseline_us, baseline_us,
                baseline_us / sfcpp_us);
}

}  // namespace

int main(int argc, char** argv) try {
    const int threads = argc > 1 ? std::atoi(argv[1]) : 8;
    const int n = argc > 2 ? std::atoi(argv[2]) : 2000;
    constexpr int rounds = 5;

    sfcpp_emulator::options opts;
    opts.api_limit = 1'000'000'000;  // the runs make far more calls than a day's default allowance
    sfcpp_emulator::server org(opts);
    org.start();

    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(
        transport, sfcpp::auth::client_credentials{.login_url = org.base_url(), .client_id = opts.client_id,
                                                   .client_secret = opts.client_secret});
    sfcpp::client sf(session);

    sobjects::Account acc;
    acc.Name = "Benchmark Account";
    acc.Industry = sobjects::Account_Industry::Banking;
    acc.AnnualRevenue = 1.5e6;
    acc.BillingCity = "Springfield";
    acc.Phone = "(555) 010-1000";
    const sfcpp::id id = sf.create(acc);
    const std::string path = sf.data_path() + "/sobjects/Account/" + id.to_string();
    const auto tok = session->current();
    const std::string url = tok.instance_url + path;
    const std::string token = tok.access_token.reveal();
    const auto parsed = sfcpp::http::url::parse(url);

    bare_beast beast_conn(parsed, token);
    const std::size_t body_bytes = beast_conn.get();
    sfcpp::http::request raw{sfcpp::http::verb::get, url, {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}}, {}};
    if (transport->send(raw).body.size() != body_bytes) {
        std::fprintf(stderr, "the transport and bare Beast got different bodies\n");
        return 1;
    }
    std::printf("GET %s: %zu-byte JSON body; %d calls per round, best of %d rounds, interleaved\n", path.c_str(),
                body_bytes, n, rounds);

    // ---- Sequential, one keep-alive connection each.
    double t_beast = 1e300, t_transport = 1e300, t_send = 1e300, t_retrieve = 1e300;
    const auto opened_before = transport->connections_opened();
    for (int r = 0; r < rounds; ++r) {
        t_beast = std::min(t_beast, timed_run(n, [&] { beast_conn.get(); }));
        t_transport = std::min(t_transport, timed_run(n, [&] {
                                   if (transport->send(raw).status != 200) std::abort();
                               }));
        t_send = std::min(t_send, timed_run(n, [&] { sf.send(sfcpp::http::verb::get, path); }));
        t_retrieve = std::min(t_retrieve, timed_run(n, [&] {
                                  auto a = sf.retrieve<sobjects::Account>(id);
                                  if (!a.Name.has_value()) std::abort();
                              }));
    }
    const auto opened = transport->connections_opened() - opened_before;
    auto us = [&](double t) { return t / n * 1e6; };
    auto rps = [&](double t) { return n / t; };
    std::printf("\nsequential, one keep-alive connection (sfcpp opened %llu new connection(s) during the runs)\n",
                static_cast<unsigned long long>(opened));
    std::printf("| %-40s | %10s | %10s | %16s |\n", "case", "req/s", "us/call", "overhead vs Beast");
    std::printf("|%s|%s|%s|%s|\n", std::string(42, '-').c_str(), std::string(12, '-').c_str(),
                std::string(12, '-').c_str(), std::string(18, '-').c_str());
    auto line = [&](const char* name, double t) {
        std::printf("| %-40s | %10.0f | %10.1f | %13.1f us |\n", name, rps(t), us(t), us(t) - us(t_beast));
    };
    line("bare Beast (baseline)", t_beast);
    line("sfcpp::http::transport::send", t_transport);
    line("sfcpp::client::send", t_send);
    line("sfcpp::client::retrieve<Account> (typed)", t_retrieve);

    // ---- N threads: sfcpp over its pool vs bare Beast with one connection per thread.
    const int per_thread = std::max(1, n / threads) * 2;
    std::vector<std::unique_ptr<bare_beast>> beast_pool;
    for (int t = 0; t < threads; ++t) beast_pool.push_back(std::make_unique<bare_beast>(parsed, token));
    double p_beast = 1e300, p_retrieve = 1e300;
    for (int r = 0; r < rounds; ++r) {
        p_beast = std::min(p_beast, parallel_round(threads, per_thread, [&](int t) {
                               return [c = beast_pool[static_cast<std::size_t>(t)].get()] { c->get(); };
                           }));
        p_retrieve = std::min(p_retrieve, parallel_round(threads, per_thread, [&](int) {
                                  return [&] {
                                      auto a = sf.retrieve<sobjects::Account>(id);
                                      if (!a.Name.has_value()) std::abort();
                                  };
                              }));
    }
    const double total = static_cast<double>(per_thread) * threads;
    std::printf("\n%d threads x %d calls: bare Beast (a connection per thread) %.0f req/s, "
                "sfcpp::client::retrieve<Account> over the pool %.0f req/s (%zu connections idle after)\n",
                threads, per_thread, total / p_beast, total / p_retrieve, transport->idle_connections());

    table_rate("GET one Account, sequential, 1 keep-alive connection: retrieve<Account> vs bare Beast", rps(t_retrieve),
               rps(t_beast));
    table_time("per call: client::send vs bare Beast (us/call, +overhead)", us(t_send), us(t_beast));
    table_time("per call: client::retrieve<Account> (typed) vs bare Beast (us/call, +overhead)", us(t_retrieve),
               us(t_beast));
    table_rate("GET one Account, " + std::to_string(threads) + " threads: retrieve<Account> over the pool vs bare Beast",
               total / p_retrieve, total / p_beast);
    org.stop();
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "sfcpp_bench_client: %s\n", e.what());
    return 1;
}
