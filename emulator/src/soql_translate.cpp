// SOQL translate: a bound query as SQLite SQL with its parameters, the date literals (THIS_MONTH,
// LAST_N_DAYS:7) turned into day ranges of today's date in UTC, the emulated user's time zone.
#include "soql_stages.hpp"

#include <sfcpp_emulator/ids.hpp>

#include <chrono>
#include <cstdio>

namespace sfcpp_emulator::soql {

namespace {

// ---- date literals -----------------------------------------------------------------------------

using day_range = std::pair<std::int64_t, std::int64_t>;  // [first, end) in days since 1970-01-01

// Today, and the periods the literals count from.
struct calendar {
    std::int64_t today = 0;
    std::int64_t week = 0;  // Sunday of this week
    int year = 0;
    int month = 0;    // 1..12
    int quarter = 0;  // first month of this quarter

    // The first day of the month, quarter or year `n` from this one (n may be negative).
    std::int64_t month_from(int n) const { return month_start(year, month + n); }
    std::int64_t quarter_from(int n) const { return month_start(year, quarter + 3 * n); }
    std::int64_t year_from(int n) const { return month_start(year + n, 1); }

private:
    static std::int64_t month_start(int y, int m) {
        while (m < 1) { m += 12; --y; }
        while (m > 12) { m -= 12; ++y; }
        return days_from_civil(y, static_cast<unsigned>(m), 1);
    }
};

calendar now() {
    using namespace std::chrono;
    calendar c;
    c.today = duration_cast<seconds>(system_clock::now().time_since_epoch()).count() / 86400;
    unsigned m = 0, d = 0;
    civil_from_days(c.today, c.year, m, d);
    c.month = static_cast<int>(m);
    c.week = c.today - (c.today + 4) % 7;
    c.quarter = (c.month - 1) / 3 * 3 + 1;
    return c;
}

struct date_literal_rule {
    std::string_view name;
    day_range (*range)(const calendar& c, int n);
};

using C = const calendar&;
constexpr date_literal_rule date_literals[] = {
    {"YESTERDAY", [](C c, int) { return day_range{c.today - 1, c.today}; }},
    {"TODAY", [](C c, int) { return day_range{c.today, c.today + 1}; }},
    {"TOMORROW", [](C c, int) { return day_range{c.today + 1, c.today + 2}; }},
    {"LAST_WEEK", [](C c, int) { return day_range{c.week - 7, c.week}; }},
    {"THIS_WEEK", [](C c, int) { return day_range{c.week, c.week + 7}; }},
    {"NEXT_WEEK", [](C c, int) { return day_range{c.week + 7, c.week + 14}; }},
    {"LAST_MONTH", [](C c, int) { return day_range{c.month_from(-1), c.month_from(0)}; }},
    {"THIS_MONTH", [](C c, int) { return day_range{c.month_from(0), c.month_from(1)}; }},
    {"NEXT_MONTH", [](C c, int) { return day_range{c.month_from(1), c.month_from(2)}; }},
    {"LAST_90_DAYS", [](C c, int) { return day_range{c.today - 90, c.today + 1}; }},
    {"NEXT_90_DAYS", [](C c, int) { return day_range{c.today + 1, c.today + 91}; }},
    {"LAST_N_DAYS", [](C c, int n) { return day_range{c.today - n, c.today + 1}; }},
    {"NEXT_N_DAYS", [](C c, int n) { return day_range{c.today + 1, c.today + n + 1}; }},
    {"N_DAYS_AGO", [](C c, int n) { return day_range{c.today - n, c.today - n + 1}; }},
    {"LAST_N_WEEKS", [](C c, int n) { return day_range{c.week - 7 * n, c.week}; }},
    {"NEXT_N_WEEKS", [](C c, int n) { return day_range{c.week + 7, c.week + 7 + 7 * n}; }},
    {"LAST_N_MONTHS", [](C c, int n) { return day_range{c.month_from(-n), c.month_from(0)}; }},
    {"NEXT_N_MONTHS", [](C c, int n) { return day_range{c.month_from(1), c.month_from(1 + n)}; }},
    {"THIS_QUARTER", [](C c, int) { return day_range{c.quarter_from(0), c.quarter_from(1)}; }},
    {"LAST_QUARTER", [](C c, int) { return day_range{c.quarter_from(-1), c.quarter_from(0)}; }},
    {"NEXT_QUARTER", [](C c, int) { return day_range{c.quarter_from(1), c.quarter_from(2)}; }},
    {"THIS_YEAR", [](C c, int) { return day_range{c.year_from(0), c.year_from(1)}; }},
    {"LAST_YEAR", [](C c, int) { return day_range{c.year_from(-1), c.year_from(0)}; }},
    {"NEXT_YEAR", [](C c, int) { return day_range{c.year_from(1), c.year_from(2)}; }},
    {"LAST_N_YEARS", [](C c, int n) { return day_range{c.year_from(-n), c.year_from(0)}; }},
    {"NEXT_N_YEARS", [](C c, int n) { return day_range{c.year_from(1), c.year_from(1 + n)}; }},
};

const date_literal_rule* find_date_literal(std::string_view name) {
    for (const auto& r : date_literals)
        if (r.name == name) return &r;
    return nullptr;
}

// A day as stored: a date "YYYY-MM-DD", or midnight of it for a dateTime.
std::string day_bound(std::int64_t days, bool datetime) {
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return datetime ? std::string(buf) + "T00:00:00.000+0000" : std::string(buf);
}

// SQL of a date function over `e`, a stored date ("YYYY-MM-DD") or dateTime ("YYYY-MM-DDTHH:MM:SS.fff+0000",
// always UTC, the emulated user's time zone).
std::string date_function_sql(const std::string& fn, const std::string& e) {
    const std::string day = "substr(" + e + ", 1, 10)";
    if (fn == "CALENDAR_YEAR") return "CAST(substr(" + e + ", 1, 4) AS INTEGER)";
    if (fn == "CALENDAR_MONTH") return "CAST(substr(" + e + ", 6, 2) AS INTEGER)";
    if (fn == "CALENDAR_QUARTER") return "((CAST(substr(" + e + ", 6, 2) AS INTEGER) + 2) / 3)";
    if (fn == "DAY_IN_MONTH") return "CAST(substr(" + e + ", 9, 2) AS INTEGER)";
    if (fn == "DAY_IN_WEEK") return "(CAST(strftime('%w', " + day + ") AS INTEGER) + 1)";
    if (fn == "DAY_IN_YEAR") return "CAST(strftime('%j', " + day + ") AS INTEGER)";
    if (fn == "HOUR_IN_DAY") return "CAST(substr(" + e + ", 12, 2) AS INTEGER)";
    return day;  // DAY_ONLY
}

std::string order_suffix(const bound_order& o) {
    return std::string(o.descending ? " DESC" : " ASC") + (o.nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

std::string limit_sql(const bound_source& s) {
    std::string out;
    if (s.limit) out += " LIMIT " + std::to_string(*s.limit);
    if (s.offset) out += (s.limit ? "" : " LIMIT -1") + std::string(" OFFSET ") + std::to_string(*s.offset);
    return out;
}

// ---- queries -----------------------------------------------------------------------------------

// The SQL names of one FROM: its alias, each join's, and the joins themselves.
struct from_sql {
    const bound_source& source;
    std::string alias;
    std::vector<std::string> join_alias;
    std::string joins;  // " LEFT JOIN ..."

    std::string candidate_alias(int join, int candidate) const {
        return join_alias[static_cast<std::size_t>(join)] + "_" + std::to_string(candidate);
    }
    // Where a reference of join `j` (or of one of its candidates) is read.
    std::string holder(int join, int candidate) const {
        if (join == root_join) return alias;
        return candidate >= 0 ? candidate_alias(join, candidate) : join_alias[static_cast<std::size_t>(join)];
    }
};

class translator {
public:
    explicit translator(bool all_rows) : all_rows_(all_rows) {}

    sql_plan plan(const bound_query& q, const field_describe* parent_link = nullptr) {
        if (const auto* r = std::get_if<bound_records>(&q.body)) return records(*r, parent_link);
        // An aggregate child subquery is not filtered by its parent, as it never was.
        return aggregate(std::get<bound_aggregate>(q.body));
    }

private:
    std::string next_alias() { return "t" + std::to_string(alias_counter_++); }

    from_sql open(const bound_source& s) {
        from_sql f{s, next_alias(), {}, {}};
        for (std::size_t i = 0; i < s.joins.size(); ++i) {
            const bound_join& j = s.joins[i];
            f.join_alias.push_back(next_alias());
            const std::string& a = f.join_alias.back();
            if (j.polymorphic()) {
                const auto& [from_candidate, ref] = j.via.front();
                for (std::size_t c = 0; c < j.candidates.size(); ++c) {
                    const std::string ca = a + "_" + std::to_string(c);
                    f.joins += " LEFT JOIN " + quote_ident(j.candidates[c]->name()) + " " + ca + " ON " + ca +
                               ".\"Id\" = " + f.holder(j.from, from_candidate) + "." + quote_ident(ref->name);
                }
            } else if (j.via.size() == 1 && j.via.front().first < 0) {
                f.joins += " LEFT JOIN " + quote_ident(j.obj->name()) + " " + a + " ON " + a + ".\"Id\" = " +
                           f.holder(j.from, -1) + "." + quote_ident(j.via.front().second->name);
            } else {
                // Past a polymorphic relationship: whichever candidate the row holds.
                std::string on = "COALESCE(";
                for (const auto& [c, rf] : j.via) on += f.holder(j.from, c) + "." + quote_ident(rf->name) + ", ";
                f.joins += " LEFT JOIN " + quote_ident(j.obj->name()) + " " + a + " ON " + a + ".\"Id\" = " + on + "NULL)";
            }
        }
        return f;
    }

    static std::string value_sql(const from_sql& f, const bound_value& v) {
        std::string e;
        const bound_join* j = v.join == root_join ? nullptr : &f.source.joins[static_cast<std::size_t>(v.join)];
        if (v.k == bound_value::kind::object_type) {
            e = "CASE";
            for (std::size_t c = 0; c < j->candidates.size(); ++c)
                e += " WHEN " + f.candidate_alias(v.join, static_cast<int>(c)) + ".\"Id\" IS NOT NULL THEN '" +
                     j->candidates[c]->name() + "'";
            e += " END";
        } else if (!j || !j->polymorphic() || v.candidate >= 0) {
            e = f.holder(v.join, j && j->polymorphic() ? v.candidate : -1) + "." + quote_ident(v.column);
        } else {
            // Whichever candidate the row holds, among those that have the field.
            std::string out = "COALESCE(";
            bool any = false;
            for (std::size_t c = 0; c < j->candidates.size(); ++c) {
                const field_describe* fd = j->candidates[c]->field(v.column);
                if (!fd) continue;
                out += (any ? ", " : "") + f.candidate_alias(v.join, static_cast<int>(c)) + "." + quote_ident(fd->name);
                any = true;
            }
            e = any ? out + ", NULL)" : "NULL";
        }
        return v.function.empty() ? e : date_function_sql(v.function, e);
    }

    static std::string call_sql(const from_sql& f, const bound_call& c) {
        if (!c.arg) return "COUNT(*)";
        // GROUPING is 0 but on subtotal rows, whose SELECT sets it (aggregate()).
        if (c.function == "GROUPING") return "0";
        const std::string e = value_sql(f, *c.arg);
        if (c.function == "COUNT") return "COUNT(" + e + ")";
        if (c.function == "COUNT_DISTINCT") return "COUNT(DISTINCT " + e + ")";
        return c.function + "(" + e + ")";
    }

    std::string where_sql(const from_sql& f, std::vector<sql_value>& params, bool all_rows) {
        std::string out;
        if (!all_rows) out = f.alias + ".\"IsDeleted\" = 0";
        if (f.source.where)
            out += (out.empty() ? "" : " AND ") + std::string("(") + condition_sql(f, *f.source.where, params) + ")";
        return out;
    }

    std::string order_sql(const from_sql& f, const std::vector<bound_order>& order) {
        std::string out;
        for (const auto& o : order) {
            std::string expr = o.call ? call_sql(f, *o.call) : value_sql(f, o.value);
            if (o.nocase) expr += " COLLATE NOCASE";
            out += (out.empty() ? " ORDER BY " : ", ") + expr + order_suffix(o);
        }
        return out;
    }

    std::string condition_sql(const from_sql& f, const bound_condition& c, std::vector<sql_value>& params) {
        using K = bound_condition::kind;
        if (c.k == K::and_ || c.k == K::or_) {
            std::string out = "(";
            for (std::size_t i = 0; i < c.children.size(); ++i)
                out += (i ? (c.k == K::and_ ? " AND " : " OR ") : "") + condition_sql(f, c.children[i], params);
            return out + ")";
        }
        if (c.k == K::not_) return "(NOT " + condition_sql(f, c.children[0], params) + ")";
        if (c.k == K::aggregate) {
            params.push_back(c.values.at(0));
            return call_sql(f, c.call) + " " + c.op + " ?";
        }
        const std::string e = value_sql(f, c.lhs);
        const std::string coll = c.nocase ? " COLLATE NOCASE" : "";
        switch (c.k) {
            case K::in:
            case K::not_in: {
                std::string list;
                if (c.semi_join) {
                    list = semi_join_sql(*c.semi_join, params);
                } else {
                    for (const auto& v : c.values) {
                        const bool null = std::holds_alternative<std::monostate>(v);
                        if (!null) params.push_back(v);
                        list += std::string(list.empty() ? "" : ", ") + (null ? "NULL" : "?");
                    }
                }
                if (c.k == K::in) return "(" + e + coll + " IN (" + list + "))";
                return "(" + e + " IS NULL OR " + e + coll + " NOT IN (" + list + "))";
            }
            case K::includes:
            case K::excludes: {
                // Each value is a ;-separated set that must all be among the field's values.
                std::string any;
                for (const auto& v : c.values) {
                    const std::string& text = std::get<std::string>(v);
                    std::string all;
                    std::size_t start = 0;
                    while (start <= text.size()) {
                        auto semi = text.find(';', start);
                        if (semi == std::string::npos) semi = text.size();
                        params.emplace_back(";" + text.substr(start, semi - start) + ";");
                        all += std::string(all.empty() ? "" : " AND ") + "instr(';' || " + e + " || ';', ?) > 0";
                        start = semi + 1;
                    }
                    any += std::string(any.empty() ? "" : " OR ") + "(" + all + ")";
                }
                if (c.k == K::includes) return "(" + e + " IS NOT NULL AND (" + any + "))";
                return "(" + e + " IS NULL OR NOT (" + any + "))";
            }
            case K::like:
                params.push_back(c.values.at(0));
                return "(" + e + " LIKE ? ESCAPE '\\')";
            case K::is_null: return "(" + e + " IS NULL)";
            case K::is_not_null: return "(" + e + " IS NOT NULL)";
            case K::date_range: return date_range_sql(e, c, params);
            default: break;
        }
        params.push_back(c.values.at(0));
        if (c.op == "!=") return "(" + e + " IS NOT ?" + coll + ")";
        return "(" + e + " " + c.op + " ?" + coll + ")";
    }

    std::string date_range_sql(const std::string& e, const bound_condition& c, std::vector<sql_value>& params) {
        if (!today_) today_ = now();
        const auto [lo, hi] = find_date_literal(c.date_literal)->range(*today_, c.date_n);
        std::string a = day_bound(lo, c.on_datetime), b = day_bound(hi, c.on_datetime);
        if (c.op == "=") { params.emplace_back(a); params.emplace_back(b); return "(" + e + " >= ? AND " + e + " < ?)"; }
        if (c.op == "!=") { params.emplace_back(a); params.emplace_back(b); return "(" + e + " IS NULL OR " + e + " < ? OR " + e + " >= ?)"; }
        if (c.op == "<") { params.emplace_back(a); return "(" + e + " < ?)"; }
        if (c.op == "<=") { params.emplace_back(b); return "(" + e + " < ?)"; }
        if (c.op == ">") { params.emplace_back(b); return "(" + e + " >= ?)"; }
        params.emplace_back(a);
        return "(" + e + " >= ?)";
    }

    // Semi-joins see live records only, in queryAll too.
    std::string semi_join_sql(const bound_semi_join& s, std::vector<sql_value>& params) {
        const from_sql f = open(s.source);
        const std::string where = where_sql(f, params, false);
        std::string sql = "SELECT " + value_sql(f, s.value) + " FROM " + quote_ident(s.source.obj->name()) + " " +
                          f.alias + f.joins;
        if (!where.empty()) sql += " WHERE " + where;
        return sql + limit_sql(s.source);
    }

    sql_plan records(const bound_records& r, const field_describe* parent_link) {
        sql_plan p;
        const from_sql f = open(r.source);
        std::string where = where_sql(f, p.params, all_rows_);
        if (parent_link) {
            where += (where.empty() ? "" : " AND ") + f.alias + "." + quote_ident(parent_link->name) + " = ?";
            p.takes_parent_id = true;
        }
        std::string order = order_sql(f, r.order_by);
        if (order.empty()) order = " ORDER BY " + f.alias + ".rowid";
        p.sql = "SELECT ";
        for (std::size_t i = 0; i < r.columns.size(); ++i) p.sql += (i ? ", " : "") + value_sql(f, r.columns[i]);
        p.sql += " FROM " + quote_ident(r.source.obj->name()) + " " + f.alias + f.joins;
        if (!where.empty()) p.sql += " WHERE " + where;
        p.sql += order + limit_sql(r.source);
        for (const auto& child : r.children) p.children.push_back(plan(*child.query, child.link));
        return p;
    }

    // GROUP BY ROLLUP and CUBE run one SELECT per grouping set (a plain GROUP BY has the one set of
    // all its fields), joined by UNION ALL.
    sql_plan aggregate(const bound_aggregate& q) {
        sql_plan p;
        const from_sql f = open(q.source);
        std::vector<sql_value> where_params, having_params;
        const std::string where = where_sql(f, where_params, all_rows_);
        std::vector<std::string> group_sql;
        for (const auto& g : q.group_by) group_sql.push_back(value_sql(f, g));
        std::string having;
        if (q.having) having = " HAVING " + condition_sql(f, *q.having, having_params);
        const bool sets = q.grouping != query::grouping::plain;
        const std::string order = sets ? std::string() : order_sql(f, q.order_by);
        const std::string body = " FROM " + quote_ident(q.source.obj->name()) + " " + f.alias + f.joins +
                                 (where.empty() ? "" : " WHERE " + where);
        if (q.count_only) {
            p.sql = "SELECT COUNT(*) FROM (SELECT 1" + body + limit_sql(q.source) + ")";
            p.params = where_params;
            return p;
        }
        std::vector<sql_value> params = where_params;
        params.insert(params.end(), having_params.begin(), having_params.end());
        std::vector<std::string> outs;
        for (const auto& o : q.outputs) outs.push_back(o.call ? call_sql(f, *o.call) : value_sql(f, o.value));
        auto branch = [&](const std::vector<bool>& set) {
            std::string sql = "SELECT ";
            for (std::size_t i = 0; i < outs.size(); ++i) {
                const auto& o = q.outputs[i];
                const bool rolled_up = o.group >= 0 && !set[static_cast<std::size_t>(o.group)];
                const bool grouping = o.call && o.call->function == "GROUPING";
                std::string col = grouping ? (rolled_up ? "1" : "0") : rolled_up ? "NULL" : outs[i];
                sql += (i ? ", " : "") + col + (sets ? " AS c" + std::to_string(i) : "");
            }
            std::string group;
            for (std::size_t j = 0; j < group_sql.size(); ++j) {
                if (sets)
                    sql += ", " + std::string(set[j] ? "0" : "1") + " AS g" + std::to_string(j) + ", " +
                           (set[j] ? group_sql[j] : "NULL") + " AS k" + std::to_string(j);
                if (set[j]) group += (group.empty() ? " GROUP BY " : ", ") + group_sql[j];
            }
            return sql + body + group + having;
        };
        const std::size_t n = q.group_by.size();
        if (!sets) {
            p.sql = branch(std::vector<bool>(n, true)) + order + limit_sql(q.source);
            p.params = std::move(params);
            return p;
        }
        std::vector<std::vector<bool>> grouping_sets;
        if (q.grouping == query::grouping::rollup) {
            for (std::size_t k = n + 1; k-- > 0;) {
                std::vector<bool> s(n, false);
                for (std::size_t j = 0; j < k; ++j) s[j] = true;
                grouping_sets.push_back(s);
            }
        } else {
            for (std::size_t mask = (std::size_t{1} << n); mask-- > 0;) {
                std::vector<bool> s(n, false);
                for (std::size_t j = 0; j < n; ++j) s[j] = (mask >> (n - 1 - j)) & 1;
                grouping_sets.push_back(s);
            }
        }
        std::string cols;
        for (std::size_t i = 0; i < outs.size(); ++i) cols += (i ? ", c" : "c") + std::to_string(i);
        p.sql = "SELECT " + cols + " FROM (";
        for (std::size_t b = 0; b < grouping_sets.size(); ++b) {
            p.sql += (b ? " UNION ALL " : "") + branch(grouping_sets[b]);
            p.params.insert(p.params.end(), params.begin(), params.end());
        }
        p.sql += ")";
        // Subtotals follow the rows they sum up; the grand total comes last.
        std::string ord;
        for (const auto& o : q.order_by)
            ord += std::string(ord.empty() ? " ORDER BY " : ", ") + "c" + std::to_string(o.select_index) + order_suffix(o);
        for (std::size_t j = 0; j < n; ++j)
            ord += std::string(ord.empty() ? " ORDER BY " : ", ") + "g" + std::to_string(j) + ", k" + std::to_string(j);
        p.sql += ord + limit_sql(q.source);
        return p;
    }

    bool all_rows_;
    int alias_counter_ = 0;
    std::optional<calendar> today_;  // one today for the whole query
};

}  // namespace

bool is_date_literal(std::string_view upper_name) { return find_date_literal(upper_name) != nullptr; }

sql_plan translate(const bound_query& q, bool all_rows) { return translator(all_rows).plan(q); }

}  // namespace sfcpp_emulator::soql
