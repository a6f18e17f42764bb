// Every token the org issued expires in the middle of long work: a 100,000-record paged query and
// the polling of a Bulk API 2.0 job. The client renews the session once and finishes.
#include "hardening_support.hpp"

#include <sfcpp/bulk.hpp>

#include <boost/json/object.hpp>

#include <cstdio>
#include <string>
#include <vector>

using sobjects::Invoice_c;

namespace {

// "N000042": names that sort in creation order.
std::string name_of(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "N%06d", i);
    return buf;
}

}  // namespace

TEST_CASE("token expiry during a 100,000-record paged query: renewed once, every row in order") {
    hardening::org o;
    constexpr int total = 100'000;
    {
        // Loaded straight into the store: this test is about reading them back.
        auto& store = o.emu().records();
        const auto* invoice = o.emu().objects().find("Invoice__c");
        REQUIRE(invoice != nullptr);
        store.atomically([&] {
            for (int i = 0; i < total; ++i) store.create(*invoice, boost::json::object{{"Name", name_of(i)}});
        });
    }

    const auto refreshes = o.session->refresh_count();
    auto range = o.sf->query<Invoice_c>("SELECT Id, Name FROM Invoice__c ORDER BY Name", {.batch_size = 2000});
    int n = 0;
    bool in_order = true;
    for (const auto& inv : range) {
        if (in_order && inv.Name.value() != name_of(n)) {
            in_order = false;
            FAIL_CHECK("row " << n << " is " << inv.Name.value());
        }
        if (++n == total / 2) o.emu().expire_all_tokens();  // the next page meets a dead token
    }
    CHECK(in_order);
    CHECK(n == total);
    CHECK(range.pages_fetched() == 50);
    CHECK(o.session->refresh_count() == refreshes + 1);
}

TEST_CASE("token expiry while polling a bulk job: renewed once, the job flow finishes") {
    hardening::org o;
    // Slow the job down so that it is still running for several polls.
    o.emu().bulk().settings().rows_per_step = 250;
    o.emu().bulk().settings().step_pause = std::chrono::milliseconds(20);

    constexpr std::size_t total = 5'000;
    std::vector<Invoice_c> recs(total);
    for (std::size_t i = 0; i < total; ++i) {
        recs[i].Name = name_of(static_cast<int>(i));
        recs[i].Amount_c = static_cast<double>(i);
    }

    const auto refreshes = o.session->refresh_count();
    sfcpp::bulk::ingest_options opt;
    opt.poll.initial = std::chrono::milliseconds(5);
    opt.poll.max = std::chrono::milliseconds(20);
    int polls = 0, polls_after_expiry = 0;
    bool expired = false;
    opt.on_progress = [&](const sfcpp::bulk::progress& p) {
        ++polls;
        if (expired) ++polls_after_expiry;
        if (!expired && !sfcpp::bulk::is_final(p.info->state)) {
            o.emu().expire_all_tokens();  // the next poll meets a dead token
            expired = true;
        }
    };
    auto r = sfcpp::bulk::create(*o.sf, recs, opt);
    REQUIRE(expired);  // the job was still running when the tokens died
    CHECK(polls_after_expiry >= 1);
    CHECK(r.accounted());
    CHECK(r.all_succeeded());
    CHECK(r.successes.size() == total);
    CHECK(o.session->refresh_count() == refreshes + 1);
    CHECK(o.sf->query<Invoice_c>("SELECT Id FROM Invoice__c").total_size() == static_cast<std::int64_t>(total));
    MESSAGE("polls: " << polls << ", after the expiry: " << polls_after_expiry);
}
