// 25,000 rows in pages of 2,000: complete, in order, one page in memory at a time.
#include "support.hpp"

#include <cstdio>

using namespace client_test;
using namespace sobjects;

TEST_CASE("25,000 records with batchSize 2000 come back complete and in order") {
    org o;
    auto& sf = *o.sf;
    constexpr int total = 25000;
    std::vector<Invoice_c> recs(total);
    char name[16];
    for (int i = 0; i < total; ++i) {
        std::snprintf(name, sizeof name, "N%05d", i);
        recs[static_cast<std::size_t>(i)].Name = std::string(name);
    }
    auto results = sf.create_all(recs);
    REQUIRE(results.size() == total);
    recs.clear();
    recs.shrink_to_fit();

    auto range = sf.query<Invoice_c>("SELECT Id, Name FROM Invoice__c ORDER BY Name", {.batch_size = 2000});
    int n = 0;
    std::size_t max_capacity = 0, max_rows = 0;
    for (const auto& inv : range) {
        std::snprintf(name, sizeof name, "N%05d", n);
        if (inv.Name.value() != name) {
            FAIL("out of order at row " << n << ": " << inv.Name.value());
        }
        max_capacity = std::max(max_capacity, range.page().records.capacity());
        max_rows = std::max(max_rows, range.page().records.size());
        ++n;
    }
    CHECK(n == total);
    CHECK(range.total_size() == total);
    CHECK(range.pages_fetched() == 13);
    // Rows held at once: one page, whatever the total. The decoder reserves from totalSize capped
    // by the page's text size, so capacity is bounded by one page's bytes, not by the total.
    CHECK(max_rows == 2000);
    CHECK(max_capacity < static_cast<std::size_t>(total) / 2);
    MESSAGE("pages: " << range.pages_fetched() << ", rows held at most: " << max_rows << " (capacity "
                      << max_capacity << ") of " << total
                      << " (sizeof(Invoice_c) = " << sizeof(Invoice_c) << " bytes)");
}
