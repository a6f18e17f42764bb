// Typed decode of a query response vs Boost.JSON's DOM parse of the same bytes.
//
// The response is 100,000 Account-like rows as a real org returns them: attributes, ids,
// strings, picklists, numbers, dates, datetimes, nulls and a parent relationship.
#include "harness.hpp"

#include <bench_sobjects/Account.hpp>
#include <bench_sobjects/User.hpp>  // Owner->Name is read
#include <sfcpp/json.hpp>

#include <boost/json/parse.hpp>

#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace {

std::string make_response(int rows) {
    static const char* industries[] = {"Banking", "Energy", "Retail", "Technology", "Quantum Farming"};
    std::string s = "{\"totalSize\":" + std::to_string(rows) + ",\"done\":true,\"records\":[";
    char id[19];
    for (int i = 0; i < rows; ++i) {
        std::snprintf(id, sizeof id, "001%012dAAA", i);
        auto full = sfcpp::id::parse(std::string_view(id, 15));
        const std::string rid(full->str());
        if (i) s += ',';
        s += "{\"attributes\":{\"type\":\"Account\",\"url\":\"/services/data/v60.0/sobjects/Account/" + rid + "\"},";
        s += "\"Id\":\"" + rid + "\",\"Name\":\"Account number " + std::to_string(i) + " \\\"quoted\\\"\",";
        s += "\"Type\":\"Customer - Direct\",\"Industry\":\"" + std::string(industries[i % 5]) + "\",";
        s += "\"AnnualRevenue\":" + std::to_string(1000 + i) + ".50,\"NumberOfEmployees\":" + std::to_string(i % 5000) + ",";
        s += "\"Phone\":\"(555) 010-" + std::to_string(1000 + i % 9000) + "\",\"Website\":null,";
        s += "\"BillingCity\":\"Springfield\",\"BillingCountry\":\"USA\",\"BillingPostalCode\":null,";
        s += "\"Description\":\"Line one\\nline two with unicode \\u00e9\",\"Rating\":null,";
        s += "\"CreatedDate\":\"2024-01-02T03:04:05.000+0000\",\"LastModifiedDate\":\"2024-06-30T23:59:59.000+0000\",";
        s += "\"LastActivityDate\":\"2024-07-01\",\"IsDeleted\":false,";
        s += "\"OwnerId\":\"005A0000001ABCDIA4\",\"Owner\":{\"attributes\":{\"type\":\"User\",\"url\":\"/x\"},\"Name\":\"Ada Admin\"}}";
    }
    return s + "]}";
}

void run(const std::string& body, int rows, const sfcpp::query_result<sobjects::Account>& typed, bool warm) {
    const double bytes = static_cast<double>(body.size());
    const double dom = bench::best_seconds([&] {
        auto v = boost::json::parse(body);
        if (!v.is_object()) std::abort();
    });
    const double typed_s = bench::best_seconds([&] {
        auto r = sfcpp::from_json<sfcpp::query_result<sobjects::Account>>(body);
        if (r.records.size() != static_cast<std::size_t>(rows)) std::abort();
    });
    sfcpp::query_result<sobjects::Account> reuse;
    const double reuse_s = bench::best_seconds([&] {
        reuse.records.clear();
        sfcpp::from_json(body, reuse);
    });
    std::string out;
    const double encode_s = bench::best_seconds([&] {
        out.clear();
        sfcpp::detail::encode_result(&typed, sobjects::Account::sfcpp_info(), out, {});
    });

    bench::header(warm ? "decode, allocator keeps freed memory (baseline: boost::json::parse to a DOM)"
                       : "decode, default allocator (baseline: boost::json::parse to a DOM)");
    bench::row("boost::json::parse (DOM)", dom, bytes, dom);
    bench::row("sfcpp::from_json<query_result<Account>>", typed_s, bytes, dom);
    bench::row("sfcpp::from_json into a reused result", reuse_s, bytes, dom);
    bench::row("sfcpp::to_json (encode the same rows)", encode_s, static_cast<double>(out.size()), dom);
    std::printf("typed decode / DOM parse speed ratio (%s): %.2f\n", warm ? "warm" : "cold", dom / typed_s);
    if (warm) {
        // For bench/run: the typed decode's speed, compared there with JSON.parse and json.loads.
        std::printf("RESULT sfcpp_typed_decode_mbps %.2f\n", bytes / typed_s / 1e6);
        std::printf("RESULT sfcpp_typed_decode_reused_mbps %.2f\n", bytes / reuse_s / 1e6);
        std::printf("TABLE|decode 100k-row query response, typed (MB/s; baseline boost::json::parse)|%.1f MB/s|%.1f MB/s|%.2f\n",
                    bytes / typed_s / 1e6, bytes / dom / 1e6, dom / typed_s);
    }
}

}  // namespace

// sfcpp_bench_decode [rows=100000] [--write FILE]: FILE receives the response, for the peers'
// JSON.parse and json.loads runs (bench/peers/decode.js, decode.py) on the same bytes.
int main(int argc, char** argv) {
    int rows = 100000;
    const char* write_to = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--write") == 0 && i + 1 < argc) write_to = argv[++i];
        else rows = std::atoi(argv[i]);
    }
    const std::string body = make_response(rows);
    std::printf("query response: %d Account rows, %.1f MB\n", rows, static_cast<double>(body.size()) / 1e6);
    if (write_to) {
        std::ofstream out(write_to, std::ios::binary);
        out.write(body.data(), static_cast<std::streamsize>(body.size()));
        if (!out.flush()) {
            std::fprintf(stderr, "cannot write %s\n", write_to);
            return 1;
        }
    }

    // Check that both paths understand the same bytes before timing them.
    auto typed = sfcpp::from_json<sfcpp::query_result<sobjects::Account>>(body);
    if (typed.records.size() != static_cast<std::size_t>(rows) || typed.records.back().Owner->Name.value() != "Ada Admin") {
        std::fprintf(stderr, "decode check failed\n");
        return 1;
    }

    // Two runs. This VM's page faults are slow (tens of microseconds each), and a fresh 100,000
    // Account result is 365 MB of records that glibc returns to the kernel when freed, so the
    // first run measures the kernel as much as the decoder. The second asks glibc to keep freed
    // memory, as a long-running service's allocator ends up doing, and measures the decoder.
    for (const bool warm : {false, true}) {
        if (warm) {
            mallopt(M_MMAP_THRESHOLD, 1 << 30);
            mallopt(M_TRIM_THRESHOLD, 1 << 30);
        }
        run(body, rows, typed, warm);
    }
    return 0;
}
