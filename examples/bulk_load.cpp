// Bulk API 2.0 load and query back: generated Invoice__c records go through ingest jobs with a
// progress bar, then a query job reads them back page by page.
//
//   sfcpp_bulk_load [rows]            (default 1,000,000; against an in-process emulator)
//
// Records are generated and loaded 100,000 at a time, so memory stays bounded on the client;
// each batch is one job (a job takes up to about 100 MB of CSV).
#include <sobjects/Invoice_c.hpp>  // generated at build time by sfcpp-codegen from describe/
#include <sfcpp/bulk.hpp>
#include <sfcpp/client.hpp>

#include <sfcpp_emulator/server.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using sobjects::Invoice_c;
namespace bulk = sfcpp::bulk;

namespace {

std::vector<Invoice_c> generate(std::size_t from, std::size_t n) {
    static const char* const notes[] = {"", "Net 30", "Call before shipping, \"fragile\"", "Multi-line\nnote"};
    std::vector<Invoice_c> v(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = from + k;
        auto& r = v[k];
        r.Name = "Invoice " + std::to_string(i);
        r.External_Id_c = "INV-" + std::to_string(i);
        r.Amount_c = 100.0 + static_cast<double>(i % 10'000) / 4;
        r.Status_c = i % 3 ? sobjects::Invoice_c_Status_c::Sent : sobjects::Invoice_c_Status_c::Draft;
        r.Due_Date_c = sfcpp::date(2025, 1 + static_cast<unsigned>(i % 12), 1 + static_cast<unsigned>(i % 28));
        r.Paid_c = i % 2 == 0;
        r.Sequence_c = static_cast<std::int32_t>(i);
        if (const char* n = notes[i % 4]; *n) r.Notes_c = n;
    }
    return v;
}

void bar(std::int64_t done, std::size_t total, double seconds) {
    const int width = 40;
    const double f = total ? static_cast<double>(done) / static_cast<double>(total) : 1;
    const int filled = static_cast<int>(f * width);
    std::fprintf(stderr, "\r[%s%s] %3d%%  %9lld / %zu rows  %6.1f s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), static_cast<int>(f * 100),
                 static_cast<long long>(done), total, seconds);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    constexpr std::size_t batch = 100'000;

    sfcpp_emulator::server org{sfcpp_emulator::options{}};
    org.start();
    auto transport = std::make_shared<sfcpp::http::transport>();
    sfcpp_emulator::options defaults;
    auto session = std::make_shared<sfcpp::auth::session>(
        transport, sfcpp::auth::client_credentials{.login_url = org.base_url(), .client_id = defaults.client_id,
                                                   .client_secret = defaults.client_secret});
    sfcpp::client sf(session);

    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - t0).count(); };
    std::size_t ok = 0, failed = 0, unprocessed = 0, jobs = 0;
    for (std::size_t from = 0; from < total; from += batch) {
        const auto records = generate(from, std::min(batch, total - from));
        bulk::ingest_options opt;
        opt.poll.initial = std::chrono::milliseconds(100);
        opt.poll.max = std::chrono::milliseconds(500);
        opt.on_progress = [&](const bulk::progress& p) { bar(static_cast<std::int64_t>(from) + p.processed, total, elapsed()); };
        opt.remove_jobs = true;
        const auto r = bulk::create(sf, records, opt);
        if (!r.accounted()) {
            std::fprintf(stderr, "\nsome records are not accounted for\n");
            return 1;
        }
        ok += r.successes.size();
        failed += r.failures.size();
        unprocessed += r.unprocessed.size();
        jobs += r.jobs.size();
    }
    const double load_s = elapsed();
    bar(static_cast<std::int64_t>(total), total, load_s);
    std::printf("\nloaded %zu rows in %zu jobs: %zu created, %zu failed, %zu unprocessed, %.1f s (%.0f rows/s)\n", total,
                jobs, ok, failed, unprocessed, load_s, static_cast<double>(total) / load_s);

    const auto q0 = clock::now();
    bulk::query_job_options qo;
    qo.max_records = 100'000;
    qo.remove_job = true;
    auto rows = bulk::query<Invoice_c>(sf, "SELECT Id, External_Id__c, Amount__c, Paid__c FROM Invoice__c", qo);
    std::size_t n = 0;
    double amount = 0;
    for (const auto& r : rows) {
        ++n;
        amount += r.Amount_c.value();
    }
    const double query_s = std::chrono::duration<double>(clock::now() - q0).count();
    std::printf("queried back %zu rows in %zu pages, %.1f s (%.0f rows/s); total amount %.2f\n", n, rows.pages(),
                query_s, static_cast<double>(n) / query_s, amount);
    return n == ok ? 0 : 1;
}
