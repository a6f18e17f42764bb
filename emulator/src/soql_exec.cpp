// SOQL execution: a parsed query bound to the schema, translated to SQL, run on the store, and
// its rows shaped into records (soql_stages.hpp has the stages).
#include "soql_stages.hpp"

#include <sfcpp_emulator/store.hpp>

namespace sfcpp_emulator::soql {

namespace {

// Runs one planned query; a child subquery's plan also takes its parent's Id.
result run(store& db, const bound_query& q, const sql_plan& plan, std::string_view version,
           const std::string* parent_id) {
    statement st(db.handle(), plan.sql);
    int i = 1;
    for (const auto& p : plan.params) st.bind_value(i++, p);
    if (plan.takes_parent_id) st.bind(i, *parent_id);
    result res;
    if (const auto* agg = std::get_if<bound_aggregate>(&q.body)) {
        if (agg->count_only) {
            st.step();
            res.total_size = st.as_int(0);
            return res;
        }
        while (st.step()) res.records.push_back(shape_aggregate(agg->outputs, st));
    } else {
        const auto& records = std::get<bound_records>(q.body);
        const child_records children = [&](int child, const std::string& id) {
            const auto c = static_cast<std::size_t>(child);
            return run(db, *records.children[c].query, plan.children[c], version, &id);
        };
        while (st.step()) res.records.push_back(shape_record(records.shape, st, version, children));
    }
    res.total_size = static_cast<std::int64_t>(res.records.size());
    return res;
}

}  // namespace

result execute(store& db, const query& q, bool all_rows, std::string_view version, std::string_view text) {
    auto guard = db.lock();
    const bound_query bound = bind(db.objects(), q, text);
    return run(db, bound, translate(bound, all_rows), version, nullptr);
}

}  // namespace sfcpp_emulator::soql
