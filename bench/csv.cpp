// Bulk CSV write and read throughput, against memcpy of the same bytes.
//
// 200,000 Invoice__c rows of the kind a load job sends: names (some needing quotes), an
// external id, a parent by external id, a currency amount, a picklist, a date, a datetime, a
// boolean, a multipicklist, an integer and a null.
#include "harness.hpp"

#include <bench_sobjects/Account.hpp>  // parents read through Account__r
#include <bench_sobjects/Invoice_c.hpp>
#include <sfcpp/csv.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using sobjects::Invoice_c;

std::vector<Invoice_c> make_records(int n) {
    std::vector<Invoice_c> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        auto& r = v[static_cast<std::size_t>(i)];
        r.Name = i % 10 == 0 ? "Invoice " + std::to_string(i) + ", \"rush\"" : "Invoice " + std::to_string(i);
        r.External_Id_c = "INV-" + std::to_string(1'000'000 + i);
        r.Account_r.emplace().Name = "Account " + std::to_string(i % 500);
        r.Amount_c = 100.25 + i;
        r.Status_c = sobjects::Invoice_c_Status_c::Sent;
        r.Due_Date_c = sfcpp::date(2025, 1 + static_cast<unsigned>(i % 12), 1 + static_cast<unsigned>(i % 28));
        r.Issued_At_c = sfcpp::datetime::from_unix_ms(1'700'000'000'000 + i * 1000LL);
        r.Paid_c = i % 3 == 0;
        r.Tags_c = sobjects::Invoice_c_Tags_c{sobjects::Invoice_c_Tags_c::Priority, sobjects::Invoice_c_Tags_c::Export};
        r.Sequence_c = i;
        r.Notes_c = nullptr;
    }
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 200'000;
    const auto records = make_records(n);
    std::string text;
    sfcpp::csv::writer<Invoice_c> probe;
    probe.write(records, text);
    const double bytes = static_cast<double>(text.size());
    std::printf("%d rows, %.1f MB of CSV\n", n, bytes / 1e6);

    std::string copy(text.size(), '\0');
    const double memcpy_s = bench::best_seconds([&] {
        std::memcpy(copy.data(), text.data(), text.size());
        if (copy[copy.size() / 2] != text[text.size() / 2]) std::abort();
    });

    std::string out;
    out.reserve(text.size());
    const auto cols = probe.columns();
    const double write_s = bench::best_seconds([&] {
        out.clear();
        sfcpp::csv::writer<Invoice_c> w(cols, {});
        w.write(records, out);
        if (out.size() != text.size()) std::abort();
    });

    // Read as a client does: 1 MB chunks, one reused record.
    const double read_s = bench::best_seconds([&] {
        sfcpp::csv::reader<Invoice_c> r;
        Invoice_c rec;
        std::size_t rows = 0;
        constexpr std::size_t chunk = 1 << 20;
        for (std::size_t pos = 0; pos < text.size(); pos += chunk) {
            r.feed(std::string_view(text).substr(pos, chunk));
            while (r.next(rec)) ++rows;
        }
        r.finish();
        while (r.next(rec)) ++rows;
        if (rows != records.size()) std::abort();
    });

    // The tokenizer alone: what splitting cells costs before any field is typed.
    const double tok_s = bench::best_seconds([&] {
        sfcpp::csv::tokenizer t;
        std::span<const sfcpp::csv::cell> row;
        std::size_t rows = 0;
        constexpr std::size_t chunk = 1 << 20;
        for (std::size_t pos = 0; pos < text.size(); pos += chunk) {
            t.feed(std::string_view(text).substr(pos, chunk));
            while (t.next(row)) ++rows;
        }
        t.finish();
        while (t.next(row)) ++rows;
        if (rows != records.size() + 1) std::abort();
    });

    bench::header("Bulk CSV, Invoice__c (speed vs baseline: memcpy of the same bytes; below 1 is slower)");
    bench::row("memcpy (baseline)", memcpy_s, bytes, memcpy_s);
    bench::row("csv::writer (records -> CSV)", write_s, bytes, memcpy_s);
    bench::row("csv::reader (CSV -> records, 1 MB chunks)", read_s, bytes, memcpy_s);
    bench::row("csv::tokenizer only (cells, no typing)", tok_s, bytes, memcpy_s);
    std::printf("\nwriter: %.0f MB/s, %.1f%% of memcpy; reader: %.0f MB/s, %.1f%% of memcpy\n", bytes / write_s / 1e6,
                100 * memcpy_s / write_s, bytes / read_s / 1e6, 100 * memcpy_s / read_s);
    std::printf("TABLE|Bulk CSV write, records -> CSV (MB/s; baseline memcpy)|%.0f MB/s|%.0f MB/s|%.3f\n",
                bytes / write_s / 1e6, bytes / memcpy_s / 1e6, memcpy_s / write_s);
    std::printf("TABLE|Bulk CSV read, CSV -> records (MB/s; baseline memcpy)|%.0f MB/s|%.0f MB/s|%.3f\n",
                bytes / read_s / 1e6, bytes / memcpy_s / 1e6, memcpy_s / read_s);
    return 0;
}
