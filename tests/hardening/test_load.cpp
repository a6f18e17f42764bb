// Load under random faults: N concurrent clients (default 16) x M mixed operations (default 2,000:
// create, update, upsert by external id, query, delete) while 5% of requests get a 429, a 503, or a
// connection cut before or after the server processed them.
//
// Each client owns the records whose Name starts with its prefix and keeps the state it expects.
// An operation that returns normally must have taken effect; one that throws (a typed sfcpp::error,
// nothing else) may or may not have, so the client looks the record up and accepts either outcome,
// never a duplicate. Queries compare samples of the client's share with its expectation on the way,
// and at the end the org must hold exactly the expected records.
#include "hardening_support.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <exception>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

using sobjects::Invoice_c;

namespace {

struct state {
    std::optional<sfcpp::id> id;  // unknown for a create whose answer was lost
    std::int64_t amount = 0;      // whole units, compared exactly
    int sequence = 0;
    bool keyed = false;           // External_Id__c is the Name (made by upsert)

    bool matches(const state& o) const {
        return amount == o.amount && sequence == o.sequence && keyed == o.keyed && (!id || !o.id || *id == *o.id);
    }
    std::string text() const {
        return "{id " + (id ? id->to_string() : std::string("?")) + ", amount " + std::to_string(amount) +
               ", sequence " + std::to_string(sequence) + (keyed ? ", keyed}" : "}");
    }
};

enum op_kind { op_create, op_update, op_upsert, op_query, op_delete, op_kinds };
constexpr const char* op_names[op_kinds] = {"create", "update", "upsert", "query", "delete"};

struct tally {
    std::uint64_t ops[op_kinds] = {};
    std::uint64_t failed[op_kinds] = {};        // reported to the caller as an exception
    std::uint64_t failed_but_applied = 0;       // ... whose effect was there all the same
    std::uint64_t upsert_created_reported_updated = 0;  // a lost 201, resent: the second answer says updated
    std::vector<std::string> problems;
};

const std::string fields = "SELECT Id, Name, External_Id__c, Amount__c, Sequence__c FROM Invoice__c";

state state_of(const Invoice_c& r) {
    state s;
    s.id = r.Id.value();
    s.amount = r.Amount_c.has_value() ? std::llround(r.Amount_c.value()) : -1;
    s.sequence = r.Sequence_c.has_value() ? static_cast<int>(r.Sequence_c.value()) : -1;
    s.keyed = r.External_Id_c.has_value() && r.External_Id_c.value() == r.Name.value();
    return s;
}

class worker {
public:
    worker(hardening::org& o, int index, int ops, std::uint64_t seed)
        : sf_(o.session, hardening::quick_retries()), rng_(seed), ops_(ops),
          prefix_("L" + std::to_string(index) + "-") {}

    void run() {
        try {
            for (int i = 0; i < ops_; ++i) step();
        } catch (const std::exception& e) {
            problem(std::string("stopped by an exception: ") + e.what());
        }
    }

    const std::map<std::string, state>& model() const { return model_; }
    const tally& result() const { return tally_; }

private:
    void step() {
        const int roll = static_cast<int>(rng_() % 100);
        op_kind k = roll < 30 ? op_create : roll < 55 ? op_update : roll < 75 ? op_upsert : roll < 90 ? op_query : op_delete;
        if ((k == op_update || k == op_delete) && model_.empty()) k = op_create;
        ++tally_.ops[k];
        switch (k) {
        case op_create: create(); break;
        case op_update: update(); break;
        case op_upsert: upsert(); break;
        case op_query: query(); break;
        case op_delete: remove(); break;
        case op_kinds: break;
        }
    }

    std::int64_t amount() { return static_cast<std::int64_t>(rng_() % 1'000'000); }
    int sequence() { return static_cast<int>(rng_() % 100'000); }

    std::map<std::string, state>::iterator pick(bool keyed_only) {
        std::vector<std::map<std::string, state>::iterator> keyed;
        if (keyed_only) {
            for (auto it = model_.begin(); it != model_.end(); ++it)
                if (it->second.keyed) keyed.push_back(it);
            if (keyed.empty()) return model_.end();
            return keyed[rng_() % keyed.size()];
        }
        return std::next(model_.begin(), static_cast<std::ptrdiff_t>(rng_() % model_.size()));
    }

    void create() {
        const std::string marker = prefix_ + std::to_string(next_++);
        Invoice_c rec;
        rec.Name = marker;
        const state want{std::nullopt, amount(), sequence(), false};
        rec.Amount_c = static_cast<double>(want.amount);
        rec.Sequence_c = want.sequence;
        try {
            state got = want;
            got.id = sf_.create(rec);
            model_[marker] = got;
        } catch (const sfcpp::error&) {
            failed(op_create, marker, std::nullopt, want);
        }
    }

    void update() {
        auto it = pick(false);
        const std::string marker = it->first;
        const state before = it->second;
        state after{before.id, amount(), sequence(), before.keyed};
        auto rec = sfcpp::with_id<Invoice_c>(*before.id);
        rec.Amount_c = static_cast<double>(after.amount);
        rec.Sequence_c = after.sequence;
        try {
            sf_.update(rec);
            model_[marker] = after;
        } catch (const sfcpp::error&) {
            failed(op_update, marker, before, after);
        }
    }

    void upsert() {
        std::optional<state> before;
        std::string marker;
        auto it = rng_() % 2 ? pick(true) : model_.end();
        if (it != model_.end()) {
            marker = it->first;
            before = it->second;
        } else {
            marker = prefix_ + std::to_string(next_++);
        }
        state after{before ? before->id : std::nullopt, amount(), sequence(), true};
        Invoice_c rec;
        rec.Name = marker;
        rec.External_Id_c = marker;
        rec.Amount_c = static_cast<double>(after.amount);
        rec.Sequence_c = after.sequence;
        try {
            const auto r = sf_.upsert(rec, sobjects::Invoice_c_.External_Id_c);
            if (before && r.id != *before->id) problem("upsert of existing " + marker + " answered another id");
            if (before && r.created) problem("upsert of existing " + marker + " reported a create");
            if (!before && !r.created) ++tally_.upsert_created_reported_updated;
            after.id = r.id;
            model_[marker] = after;
        } catch (const sfcpp::error&) {
            failed(op_upsert, marker, before, after);
        }
    }

    void remove() {
        auto it = pick(false);
        const std::string marker = it->first;
        const state before = it->second;
        try {
            sf_.remove<Invoice_c>(*before.id);
            model_.erase(marker);
        } catch (const sfcpp::error&) {
            failed(op_delete, marker, before, std::nullopt);
        }
    }

    // A sample of this client's names, some live, some deleted or never made: exactly the live
    // ones come back, as expected.
    void query() {
        std::set<std::string> names;
        for (int i = 0; i < 8 && !model_.empty(); ++i) names.insert(pick(false)->first);
        for (int i = 0; i < 2 && next_ > 0; ++i) names.insert(prefix_ + std::to_string(rng_() % static_cast<unsigned>(next_)));
        if (names.empty()) return;
        std::string in;
        for (const auto& n : names) in += (in.empty() ? "'" : ",'") + n + "'";
        std::vector<Invoice_c> rows;
        try {
            rows = sf_.query<Invoice_c>(fields + " WHERE Name IN (" + in + ")").collect();
        } catch (const sfcpp::error&) {
            ++tally_.failed[op_query];
            return;
        }
        std::map<std::string, state> seen;
        for (const auto& r : rows)
            if (!seen.emplace(r.Name.value(), state_of(r)).second) problem("query: two records named " + r.Name.value());
        for (const auto& n : names) {
            auto want = model_.find(n);
            auto got = seen.find(n);
            if (want == model_.end() && got != seen.end()) problem("query: " + n + " should not exist");
            else if (want != model_.end() && got == seen.end()) problem("query: " + n + " is missing (lost write)");
            else if (want != model_.end() && !got->second.matches(want->second))
                problem("query: " + n + " is " + got->second.text() + ", expected " + want->second.text());
        }
    }

    // The records named `marker`, read until a read gets through the injected faults.
    std::vector<Invoice_c> look(const std::string& marker) {
        for (int attempt = 1;; ++attempt) {
            try {
                return sf_.query<Invoice_c>(fields + " WHERE Name = '" + marker + "'").collect();
            } catch (const sfcpp::error&) {
                if (attempt == 50) throw;
            }
        }
    }

    // An operation threw: it was reported. Its effect may or may not be there; either is fine,
    // anything else (a duplicate, a third state) is not. The model follows what the org holds.
    void failed(op_kind k, const std::string& marker, const std::optional<state>& before,
                const std::optional<state>& after) {
        ++tally_.failed[k];
        const auto rows = look(marker);
        if (rows.size() > 1) {
            problem(std::string(op_names[k]) + ": " + std::to_string(rows.size()) + " records named " + marker +
                    " (duplicate create)");
            return;
        }
        std::optional<state> now;
        if (!rows.empty()) now = state_of(rows.front());
        auto same = [](const std::optional<state>& a, const std::optional<state>& b) {
            return a.has_value() == b.has_value() && (!a || a->matches(*b));
        };
        if (same(now, after) && !same(now, before)) ++tally_.failed_but_applied;
        else if (!same(now, before))
            problem(std::string(op_names[k]) + " of " + marker + " failed and left " +
                    (now ? now->text() : std::string("nothing")) + ", neither " +
                    (before ? before->text() : std::string("nothing")) + " nor " +
                    (after ? after->text() : std::string("nothing")));
        if (now) model_[marker] = *now;
        else model_.erase(marker);
    }

    void problem(std::string what) {
        if (tally_.problems.size() < 20) tally_.problems.push_back(prefix_ + ": " + std::move(what));
    }

    sfcpp::client sf_;
    std::mt19937_64 rng_;
    int ops_;
    std::string prefix_;
    int next_ = 0;
    std::map<std::string, state> model_;
    tally tally_;
};

}  // namespace

TEST_CASE("load: concurrent clients under random 429/503/drops lose no write and duplicate no create") {
    const int threads = static_cast<int>(hardening::env_number("SFCPP_LOAD_THREADS", SFCPP_LOAD_THREADS_DEFAULT));
    const int ops = static_cast<int>(hardening::env_number("SFCPP_LOAD_OPS", SFCPP_LOAD_OPS_DEFAULT));
    const std::uint64_t seed = hardening::env_number("SFCPP_LOAD_SEED", 20261129);
    constexpr double rate = 0.05;
    std::printf("hardening.load: %d clients x %d operations, fault rate %.2f, seed %" PRIu64
                " (SFCPP_LOAD_THREADS / SFCPP_LOAD_OPS / SFCPP_LOAD_SEED)\n",
                threads, ops, rate, seed);

    sfcpp_emulator::options eo;
    eo.threads = 4;
    eo.api_limit = 100'000'000;  // the daily limit is not under test here
    sfcpp::http::options ho;
    ho.max_idle_per_host = static_cast<std::size_t>(threads);
    ho.request_timeout = std::chrono::seconds(60);  // a hang fails the test instead of stalling it
    hardening::org o(eo, hardening::quick_retries(), ho);

    sfcpp_emulator::fault_mix mix;  // 429, 503, cut before and cut after processing, equally likely
    mix.retry_after = 0;            // Retry-After: 0, so the retries cost no wall-clock time
    o.emu().inject_random(mix, rate, seed);

    const auto start = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<worker>> workers;
    for (int t = 0; t < threads; ++t)
        workers.push_back(std::make_unique<worker>(o, t, ops, seed * 1000 + static_cast<std::uint64_t>(t)));
    {
        std::vector<std::thread> running;
        for (auto& w : workers) running.emplace_back([&w] { w->run(); });
        for (auto& th : running) th.join();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto faults = o.emu().random_fault_counts();
    o.emu().inject_random({}, 0, 0);

    // Everything the clients expect, and nothing else.
    std::map<std::string, state> expected;
    tally total;
    for (const auto& w : workers) {
        for (const auto& [k, v] : w->model()) expected.emplace(k, v);
        const tally& t = w->result();
        for (int k = 0; k < op_kinds; ++k) {
            total.ops[k] += t.ops[k];
            total.failed[k] += t.failed[k];
        }
        total.failed_but_applied += t.failed_but_applied;
        total.upsert_created_reported_updated += t.upsert_created_reported_updated;
        for (const auto& p : t.problems) total.problems.push_back(p);
    }
    for (const auto& p : total.problems) CHECK_MESSAGE(false, p);

    auto rows = o.sf->query<Invoice_c>(fields).collect();
    std::map<std::string, int> copies;
    std::size_t wrong = 0;
    for (const auto& r : rows) {
        const std::string name = r.Name.value();
        ++copies[name];
        auto it = expected.find(name);
        if (it == expected.end()) {
            if (wrong++ < 10) CHECK_MESSAGE(false, "unexpected record " << name << " " << state_of(r).text());
        } else if (!it->second.matches(state_of(r))) {
            if (wrong++ < 10)
                CHECK_MESSAGE(false, name << " is " << state_of(r).text() << ", expected " << it->second.text());
        }
    }
    for (const auto& [name, n] : copies)
        if (n > 1) CHECK_MESSAGE(false, n << " records named " << name << " (duplicate create)");
    for (const auto& [name, s] : expected)
        if (!copies.count(name)) CHECK_MESSAGE(false, name << " is missing (lost write)");
    CHECK(wrong == 0);
    CHECK(rows.size() == expected.size());

    std::uint64_t all_ops = 0, all_failed = 0;
    for (int k = 0; k < op_kinds; ++k) {
        all_ops += total.ops[k];
        all_failed += total.failed[k];
    }
    CHECK(all_ops == static_cast<std::uint64_t>(threads) * static_cast<std::uint64_t>(ops));
    // The faults happened, and some of them reached the callers.
    CHECK(faults.injected() > 0);
    CHECK(faults.drop_after > 0);
    if (static_cast<std::uint64_t>(threads) * static_cast<std::uint64_t>(ops) >= 2000) CHECK(total.failed[op_create] > 0);

    std::printf("hardening.load: %.1f s, %" PRIu64 " operations, %zu records at the end\n", seconds, all_ops,
                expected.size());
    for (int k = 0; k < op_kinds; ++k)
        std::printf("  %-6s %6" PRIu64 " done, %4" PRIu64 " reported failed\n", op_names[k], total.ops[k], total.failed[k]);
    std::printf("  reported failed but applied (response lost): %" PRIu64 "; new upserts answered 'updated' after a "
                "resend: %" PRIu64 "\n",
                total.failed_but_applied, total.upsert_created_reported_updated);
    std::printf("  requests %" PRIu64 ", faults %" PRIu64 " (429 %" PRIu64 ", 503 %" PRIu64 ", cut before %" PRIu64
                ", cut after %" PRIu64 ")\n",
                faults.requests, faults.injected(), faults.too_many_requests, faults.unavailable, faults.drop_before,
                faults.drop_after);
    std::fflush(stdout);
}
