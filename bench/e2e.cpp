// sfcpp's side of the end-to-end benchmarks against a running sfcpp-emulator (bench/run starts
// it); bench/peers/e2e.js is jsforce 3's side, doing the same work against the same server.
//
//   sfcpp_bench_e2e URL CLIENT_ID CLIENT_SECRET ingest ROWS   Bulk 2.0 insert of ROWS Invoice__c rows,
//                                                            100,000 per job, one job after the other
//   sfcpp_bench_e2e URL CLIENT_ID CLIENT_SECRET query ROWS    REST query of ROWS rows, paged by nextRecordsUrl
//
// Prints `RESULT <name> <seconds>` for bench/run.
#include <bench_sobjects/Invoice_c.hpp>
#include <sfcpp/bulk.hpp>
#include <sfcpp/client.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

using sobjects::Invoice_c;
using clock_type = std::chrono::steady_clock;

// The same rows bench/peers/e2e.js builds: the values depend only on the row number.
std::vector<Invoice_c> generate(const std::string& prefix, std::size_t from, std::size_t n) {
    std::vector<Invoice_c> v(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = from + k;
        auto& r = v[k];
        r.Name = "Invoice " + std::to_string(i);
        r.External_Id_c = prefix + std::to_string(i);
        r.Amount_c = 100.0 + static_cast<double>(i % 10'000) / 4;
        r.Status_c = i % 3 ? sobjects::Invoice_c_Status_c::Sent : sobjects::Invoice_c_Status_c::Draft;
        r.Due_Date_c = sfcpp::date(2025, 1 + static_cast<unsigned>(i % 12), 1 + static_cast<unsigned>(i % 28));
        r.Paid_c = i % 2 == 0;
        r.Sequence_c = static_cast<std::int32_t>(i);
    }
    return v;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s URL CLIENT_ID CLIENT_SECRET ingest|query ROWS\n", argv[0]);
        return 2;
    }
    const std::string what = argv[4];
    const std::size_t rows = std::strtoull(argv[5], nullptr, 10);

    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(
        transport, sfcpp::auth::client_credentials{.login_url = argv[1], .client_id = argv[2], .client_secret = argv[3]});
    sfcpp::client sf(session);
    session->current();  // log in before the clock starts, as the jsforce side gets a token

    if (what == "ingest") {
        constexpr std::size_t batch = 100'000;
        const auto t0 = clock_type::now();
        std::size_t ok = 0, jobs = 0;
        for (std::size_t from = 0; from < rows; from += batch) {
            const auto records = generate("S-", from, std::min(batch, rows - from));
            sfcpp::bulk::ingest_options opt;
            opt.poll.initial = std::chrono::milliseconds(250);  // jsforce polls every 250 ms (pollInterval)
            opt.poll.max = std::chrono::milliseconds(250);
            const auto r = sfcpp::bulk::create(sf, records, opt);
            if (!r.all_succeeded()) {
                std::fprintf(stderr, "ingest: %zu failed, %zu unprocessed\n", r.failures.size(), r.unprocessed.size());
                return 1;
            }
            ok += r.successes.size();
            jobs += r.jobs.size();
        }
        const double s = std::chrono::duration<double>(clock_type::now() - t0).count();
        std::printf("sfcpp bulk insert: %zu rows in %zu jobs, %.2f s (%.0f rows/s)\n", ok, jobs, s,
                    static_cast<double>(ok) / s);
        std::printf("RESULT sfcpp_ingest_s %.3f\n", s);
    } else if (what == "query") {
        const std::string soql = "SELECT Id, Name, External_Id__c, Amount__c, Status__c, Due_Date__c, Paid__c, "
                                 "Sequence__c FROM Invoice__c LIMIT " + std::to_string(rows);
        const auto t0 = clock_type::now();
        std::size_t n = 0;
        double amount = 0;
        auto range = sf.query<Invoice_c>(soql);
        for (const auto& r : range) {
            ++n;
            amount += r.Amount_c.value();
        }
        const double s = std::chrono::duration<double>(clock_type::now() - t0).count();
        std::printf("sfcpp query: %zu rows in %zu pages, %.2f s (%.0f rows/s), amount %.2f\n", n, range.pages_fetched(),
                    s, static_cast<double>(n) / s, amount);
        if (n != rows) return 1;
        std::printf("RESULT sfcpp_query_s %.3f\n", s);
    } else {
        std::fprintf(stderr, "unknown benchmark %s\n", what.c_str());
        return 2;
    }
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "sfcpp_bench_e2e: %s\n", e.what());
    return 1;
}
