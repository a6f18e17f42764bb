// A small timing harness: runs a body until enough time has passed and reports the fastest run,
// which is the least disturbed by whatever else the machine is doing.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace bench {

template <class F>
double best_seconds(F&& body, int min_runs = 5, double min_total = 2.0) {
    using clock = std::chrono::steady_clock;
    double best = 1e300, total = 0;
    for (int i = 0; i < min_runs || total < min_total; ++i) {
        const auto t0 = clock::now();
        body();
        const double s = std::chrono::duration<double>(clock::now() - t0).count();
        best = std::min(best, s);
        total += s;
        if (i > 200) break;
    }
    return best;
}

inline void row(const std::string& name, double seconds, double bytes, double baseline_seconds) {
    std::printf("| %-44s | %9.1f ms | %8.1f MB/s | %6.2fx |\n", name.c_str(), seconds * 1e3, bytes / seconds / 1e6,
                baseline_seconds / seconds);
}

inline void header(const char* what) {
    std::printf("\n%s\n| %-44s | %12s | %13s | %7s |\n|%s|%s|%s|%s|\n", what, "case", "best time", "throughput",
                "speed vs baseline", std::string(46, '-').c_str(), std::string(14, '-').c_str(),
                std::string(15, '-').c_str(), std::string(9, '-').c_str());
}

}  // namespace bench
