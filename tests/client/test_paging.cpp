// 25,000 rows in pages of 2,000: complete, in order, one page in memory at a time.
//
// Memory is measured by counting this thread's heap: operator new/delete are replaced in this test
// binary and keep, per thread, the bytes allocated minus the bytes freed (malloc_usable_size) and
// the highest value seen. The emulator's threads have counters of their own, so the figure is what
// the client (transport, decoder, range) holds while paging.
#include "support.hpp"

#include <cstdio>
#include <cstdlib>
#include <new>

#include <malloc.h>

namespace {
thread_local std::int64_t heap_live = 0;
thread_local std::int64_t heap_peak = 0;
}  // namespace

void* operator new(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    heap_live += static_cast<std::int64_t>(malloc_usable_size(p));
    if (heap_live > heap_peak) heap_peak = heap_live;
    return p;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    heap_live -= static_cast<std::int64_t>(malloc_usable_size(p));
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

using namespace client_test;
using namespace sobjects;

namespace {

struct paging_figures {
    int rows = 0;
    bool in_order = true;
    std::size_t pages = 0, max_rows = 0, max_capacity = 0;
    std::int64_t peak_bytes = 0;  // above what was live before the query started
};

paging_figures read_all(sfcpp::client& sf, const std::string& soql) {
    paging_figures f;
    const std::int64_t before = heap_live;
    heap_peak = heap_live;
    {
        auto range = sf.query<Invoice_c>(soql, {.batch_size = 2000});
        char name[16];
        for (const auto& inv : range) {
            std::snprintf(name, sizeof name, "N%05d", f.rows);
            if (inv.Name.value() != name) f.in_order = false;
            f.max_capacity = std::max(f.max_capacity, range.page().records.capacity());
            f.max_rows = std::max(f.max_rows, range.page().records.size());
            ++f.rows;
        }
        f.pages = range.pages_fetched();
    }
    f.peak_bytes = heap_peak - before;
    return f;
}

}  // namespace

TEST_CASE("25,000 records with batchSize 2000 come back complete and in order, one page in memory") {
    org o;
    auto& sf = *o.sf;
    constexpr int total = 25000;
    {
        std::vector<Invoice_c> recs(total);
        char name[16];
        for (int i = 0; i < total; ++i) {
            std::snprintf(name, sizeof name, "N%05d", i);
            recs[static_cast<std::size_t>(i)].Name = std::string(name);
        }
        REQUIRE(sf.create(recs).size() == total);
    }
    sf.query<Invoice_c>("SELECT Id FROM Invoice__c LIMIT 1").collect();  // warm: connection, token

    const auto all = read_all(sf, "SELECT Id, Name FROM Invoice__c ORDER BY Name");
    const auto two_pages = read_all(sf, "SELECT Id, Name FROM Invoice__c ORDER BY Name LIMIT 4000");

    CHECK(all.rows == total);
    CHECK(all.in_order);
    CHECK(all.pages == 13);
    CHECK(two_pages.rows == 4000);
    CHECK(two_pages.pages == 2);
    // Rows held at once: one page whatever the total; the decoder reserves no more than a page.
    CHECK(all.max_rows == 2000);
    CHECK(all.max_capacity <= 2000);
    // Peak heap while paging 25,000 rows is that of paging 4,000 (same page size), within 25%...
    CHECK(all.peak_bytes <= two_pages.peak_bytes + two_pages.peak_bytes / 4);
    // ...and far below what holding every row would take.
    CHECK(all.peak_bytes < static_cast<std::int64_t>(total * sizeof(Invoice_c)) / 4);
    MESSAGE("paging " << total << " rows (" << all.pages << " pages of 2000): peak client heap "
                      << all.peak_bytes / 1024 << " KiB; 4,000 rows (2 pages): " << two_pages.peak_bytes / 1024
                      << " KiB; rows held at most " << all.max_rows << " (capacity " << all.max_capacity
                      << "); all rows at once would need at least " << total * sizeof(Invoice_c) / 1024
                      << " KiB (sizeof(Invoice_c) = " << sizeof(Invoice_c) << ")");
}
