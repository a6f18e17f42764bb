#include <sfcpp_emulator/ids.hpp>
#include <sfcpp_emulator/soql.hpp>
#include <sfcpp_emulator/store.hpp>

#include <sfcpp/field_types.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <variant>

namespace sfcpp_emulator::soql {

namespace {

using sfcpp::field_describe;
using bound = std::variant<std::monostate, std::int64_t, double, std::string>;

bool is_idlike(std::string_view t) { return sfcpp::is_id(sfcpp::field_type_from(t)); }
// The numbers the store holds (int and the reals; it has no long fields).
bool is_number(std::string_view t) {
    const auto ft = sfcpp::field_type_from(t);
    return ft == sfcpp::field_type::int_ || sfcpp::is_real(ft);
}

const std::string custom_field_hint =
    ". If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
    "Please reference your WSDL or the describe call for the appropriate names.";
const std::string custom_relationship_hint =
    " If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship "
    "name. Please reference your WSDL or the describe call for the appropriate names.";

struct join_info {
    std::string alias;
    const object_schema* obj = nullptr;
    // A polymorphic relationship (Task.Who -> Contact or Lead): one join per candidate object.
    std::vector<std::pair<std::string, const object_schema*>> candidates;

    bool polymorphic() const { return !candidates.empty(); }
    std::string id_sql() const { return column_sql("Id"); }
    std::string column_sql(const std::string& field) const {
        if (!polymorphic()) return alias + "." + quote_ident(field);
        std::string out = "COALESCE(";
        bool any = false;
        for (const auto& [a, o] : candidates) {
            if (!o->field(field)) continue;
            out += (any ? ", " : "") + a + "." + quote_ident(o->field(field)->name);
            any = true;
        }
        return any ? out + ", NULL)" : "NULL";
    }
    std::string type_sql() const {
        std::string out = "CASE";
        for (const auto& [a, o] : candidates) out += " WHEN " + a + ".\"Id\" IS NOT NULL THEN '" + o->name() + "'";
        return out + " END";
    }
};

// The Type pseudo-field of polymorphic relationships (Who.Type).
const field_describe& type_field() {
    static const field_describe f = [] {
        field_describe d;
        d.name = "Type";
        d.type = "string";
        return d;
    }();
    return f;
}

// The value of a date function: an integer (CALENDAR_YEAR, ...) or a date (DAY_ONLY).
const field_describe& function_field(bool date) {
    static const field_describe i = [] {
        field_describe d;
        d.name = "expr";
        d.type = "int";
        return d;
    }();
    static const field_describe dd = [] {
        field_describe d;
        d.name = "expr";
        d.type = "date";
        return d;
    }();
    return date ? dd : i;
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

struct scope {
    const object_schema* obj = nullptr;
    std::string alias;
    std::string user_alias;
    std::map<std::string, join_info> joins;  // key: lower-case relationship path "account.owner"
    std::vector<std::string> join_order;
    std::string join_sql;
};

struct resolved {
    std::string sql;
    const field_describe* field = nullptr;
    const object_schema* owner = nullptr;
    std::string owner_alias;
    std::vector<std::pair<std::string, join_info>> hops;  // canonical relationship name, join
};

// TYPEOF: the fields to emit depend on the parent's type in each row.
struct typeof_plan {
    int id_col = -1;
    int type_col = -1;
    const object_schema* fixed = nullptr;  // the only candidate of a non-polymorphic relationship
    struct column {
        std::string key;
        int col = -1;
        const field_describe* field = nullptr;
    };
    std::map<std::string, std::vector<column>> by_type;  // object name -> fields
    std::vector<column> otherwise;
};

// Output plan of one (possibly nested parent) object in a non-aggregate query.
struct node {
    const object_schema* obj = nullptr;
    int id_col = -1;
    int type_col = -1;  // polymorphic parents: the object type of each row
    struct entry {
        std::string key;
        int col = -1;                              // plain field
        const field_describe* field = nullptr;
        std::vector<std::pair<const field_describe*, int>> components;  // compound field
        std::unique_ptr<node> parent;              // parent relationship
        const query* subquery = nullptr;           // child relationship
        std::shared_ptr<typeof_plan> typeof_;      // TYPEOF
        const sfcpp::child_relationship_describe* child = nullptr;
    };
    std::vector<entry> entries;

    entry& find_or_add(const std::string& key) {
        for (auto& e : entries) if (lower(e.key) == lower(key)) return e;
        entries.emplace_back();
        entries.back().key = key;
        return entries.back();
    }
};

std::int64_t today_days() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count() / 86400;
}

std::int64_t month_start(int y, int m) {  // m may be out of 1..12
    while (m < 1) { m += 12; --y; }
    while (m > 12) { m -= 12; ++y; }
    return days_from_civil(y, static_cast<unsigned>(m), 1);
}

std::string day_text(std::int64_t days) {
    int y; unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

class executor {
public:
    executor(store& db, bool all_rows, std::string_view version, std::string_view text)
        : db_(db), all_rows_(all_rows), version_(version), text_(text) {}

    result run(const query& q, const object_schema& obj, const std::string& extra_sql,
               const std::vector<bound>& extra_params) {
        if (q.is_aggregate()) return run_aggregate(q, obj);
        scope sc{&obj, next_alias(), q.alias, {}, {}, {}};
        std::vector<std::string> cols;
        auto add_col = [&](const std::string& sql) { cols.push_back(sql); return static_cast<int>(cols.size() - 1); };
        node root;
        root.obj = &obj;
        root.id_col = add_col(sc.alias + ".\"Id\"");
        for (const auto& item : q.select) {
            if (item.k == select_item::kind::aggregate)
                fail(400, "MALFORMED_QUERY",
                     located_message(text_, item.aggregate.pos,
                                     "Field must be grouped or aggregated: " + item.aggregate.function),
                     {}, false);
            if (item.k == select_item::kind::fields_macro) {
                for (const auto& f : obj.describe.fields) {
                    if ((item.alias == "STANDARD" && f.custom) || (item.alias == "CUSTOM" && !f.custom)) continue;
                    auto& e = root.find_or_add(f.name);
                    e.field = &f;
                    if (store::is_compound(f)) {
                        e.components.clear();
                        for (const auto* c : store::compound_components(obj, f))
                            e.components.emplace_back(c, add_col(sc.alias + "." + quote_ident(c->name)));
                    } else {
                        e.col = add_col(sc.alias + "." + quote_ident(f.name));
                    }
                }
                continue;
            }
            if (item.k == select_item::kind::typeof_) {
                field_ref id_ref{{item.field.path.at(0), "Id"}, item.field.pos, ""};
                resolved r = resolve(sc, id_ref);
                const join_info& join = r.hops.at(0).second;
                std::vector<std::pair<std::string, const object_schema*>> candidates = join.candidates;
                if (candidates.empty()) candidates.emplace_back(join.alias, join.obj);
                auto plan = std::make_shared<typeof_plan>();
                plan->id_col = add_col(join.id_sql());
                if (join.polymorphic()) plan->type_col = add_col(join.type_sql());
                else plan->fixed = join.obj;
                for (const auto& b : item.branches) {
                    std::vector<typeof_plan::column> cols_for;
                    const object_schema* target = nullptr;
                    std::string target_alias;
                    if (!b.type.empty()) {
                        for (const auto& [a, o] : candidates)
                            if (lower(o->name()) == lower(b.type)) { target = o; target_alias = a; }
                        if (!target)
                            fail(400, "INVALID_TYPE", located_message(text_, b.pos, "sObject type '" + b.type +
                                 "' is not supported for relationship " + r.hops.at(0).first), {}, false);
                    }
                    for (const auto& fr : b.fields) {
                        const std::string& name = fr.path.back();
                        const field_describe* fd = nullptr;
                        std::string sql;
                        if (target) {
                            fd = target->field(name);
                            if (fd) sql = target_alias + "." + quote_ident(fd->name);
                        } else {
                            for (const auto& c : candidates) if (!fd) fd = c.second->field(name);
                            if (fd) sql = join.polymorphic() ? join.column_sql(fd->name) : join.alias + "." + quote_ident(fd->name);
                        }
                        if (!fd || store::is_compound(*fd) || fr.path.size() != 1)
                            invalid_field(fr.pos, "No such column '" + fr.text() + "' on entity '" +
                                                      (target ? target->name() : std::string("Name")) + "'" + custom_field_hint);
                        cols_for.push_back({fd->name, add_col(sql), fd});
                    }
                    if (target) plan->by_type[target->name()] = std::move(cols_for);
                    else plan->otherwise = std::move(cols_for);
                }
                auto& e = root.find_or_add(r.hops.at(0).first);
                e.typeof_ = std::move(plan);
                continue;
            }
            if (item.k == select_item::kind::subquery) {
                const auto* child = obj.child(item.subquery->from);
                if (!child || !db_.objects().find(child->child_sobject))
                    fail(400, "INVALID_TYPE",
                         located_message(text_, item.subquery->from_pos,
                                         "Didn't understand relationship '" + item.subquery->from +
                                             "' in FROM part of query call." + custom_relationship_hint),
                         {}, false);
                auto& e = root.find_or_add(child->relationship_name);
                e.subquery = item.subquery.get();
                e.child = child;
                continue;
            }
            if (!item.field.function.empty())
                fail(400, "MALFORMED_QUERY",
                     located_message(text_, item.field.pos,
                                     "Field must be grouped or aggregated: " + item.field.function), {}, false);
            resolved r = resolve(sc, item.field);
            node* n = &root;
            for (const auto& [name, join] : r.hops) {
                auto& e = n->find_or_add(name);
                if (!e.parent) {
                    e.parent = std::make_unique<node>();
                    e.parent->obj = join.obj;
                    e.parent->id_col = add_col(join.id_sql());
                    if (join.polymorphic()) e.parent->type_col = add_col(join.type_sql());
                }
                n = e.parent.get();
            }
            auto& e = n->find_or_add(r.field->name);
            e.field = r.field;
            if (store::is_compound(*r.field)) {
                e.components.clear();
                for (const auto* c : store::compound_components(*r.owner, *r.field))
                    e.components.emplace_back(c, add_col(r.owner_alias + "." + quote_ident(c->name)));
            } else {
                e.col = add_col(r.sql);
            }
        }
        std::vector<bound> params;
        std::string where = where_sql(sc, q, params);
        if (!extra_sql.empty()) {
            where += (where.empty() ? "" : " AND ") + extra_sql;
            params.insert(params.end(), extra_params.begin(), extra_params.end());
        }
        std::string order = order_sql(sc, q);
        if (order.empty()) order = " ORDER BY " + sc.alias + ".rowid";
        std::string sql = "SELECT ";
        for (std::size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + cols[i];
        sql += " FROM " + quote_ident(obj.name()) + " " + sc.alias + sc.join_sql;
        if (!where.empty()) sql += " WHERE " + where;
        sql += order + limit_sql(q);

        result res;
        statement st(db_.handle(), sql);
        bind_all(st, params);
        while (st.step()) res.records.push_back(build(root, st));
        res.total_size = static_cast<std::int64_t>(res.records.size());
        return res;
    }

    result run_top(const query& q) {
        const object_schema* obj = db_.objects().find(q.from);
        if (!obj)
            fail(400, "INVALID_TYPE",
                 located_message(text_, q.from_pos,
                                 "sObject type '" + q.from +
                                     "' is not supported. If you are attempting to use a custom object, be sure to "
                                     "append the '__c' after the entity name. Please reference your WSDL or the "
                                     "describe call for the appropriate names."),
                 {}, false);
        return run(q, *obj, "", {});
    }

private:
    std::string next_alias() { return "t" + std::to_string(alias_counter_++); }

    [[noreturn]] void invalid_field(std::size_t pos, const std::string& what) {
        fail(400, "INVALID_FIELD", located_message(text_, pos, what), {}, false);
    }

    resolved resolve(scope& sc, const field_ref& f) {
        if (f.function.empty()) return resolve_path(sc, f);
        field_ref inner = f;
        inner.function.clear();
        resolved r = resolve_path(sc, inner);
        const std::string& t = r.field->type;
        bool ok = t == "datetime" || (t == "date" && f.function != "HOUR_IN_DAY" && f.function != "DAY_ONLY");
        if (!ok)
            fail(400, "MALFORMED_QUERY",
                 located_message(text_, f.pos, "Invalid field " + r.field->name + " for function " + f.function), {},
                 false);
        r.sql = date_function_sql(f.function, r.sql);
        r.field = &function_field(f.function == "DAY_ONLY");
        return r;
    }

    resolved resolve_path(scope& sc, const field_ref& f) {
        std::vector<std::string> path = f.path;
        if (path.size() > 1 && !sc.user_alias.empty() && lower(path[0]) == lower(sc.user_alias))
            path.erase(path.begin());
        resolved r;
        const object_schema* cur = sc.obj;
        std::string alias = sc.alias;
        std::string key;
        const join_info* poly = nullptr;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            if (poly) {
                // Past a polymorphic relationship only the reference fields of the Name object lead on
                // (Owner.Profile.Name, What.RecordType.Name), through whichever candidate the row holds.
                const std::string rel = lower(path[i]);
                std::vector<std::pair<std::string, const field_describe*>> refs;  // candidate alias, field
                const object_schema* target = nullptr;
                if (rel == "profile" || rel == "userrole" || rel == "recordtype")
                    for (const auto& [a, o] : poly->candidates)
                        if (const field_describe* rf = o->relationship(path[i]))
                            for (const auto& t : rf->reference_to)
                                if (const auto* to = db_.objects().find(t)) { target = to; refs.emplace_back(a, rf); }
                if (!target)
                    invalid_field(f.pos, "Didn't understand relationship '" + path[i] + "' in field path." +
                                             custom_relationship_hint);
                key += "." + rel;
                auto it = sc.joins.find(key);
                if (it == sc.joins.end()) {
                    join_info j{next_alias(), target, {}};
                    std::string on = "COALESCE(";
                    for (const auto& [a, rf] : refs) on += a + "." + quote_ident(rf->name) + ", ";
                    sc.join_sql += " LEFT JOIN " + quote_ident(target->name()) + " " + j.alias + " ON " + j.alias +
                                   ".\"Id\" = " + on + "NULL)";
                    it = sc.joins.emplace(key, j).first;
                }
                r.hops.emplace_back(refs.front().second->relationship_name, it->second);
                cur = target;
                alias = it->second.alias;
                poly = nullptr;
                continue;
            }
            const field_describe* ref = cur->relationship(path[i]);
            std::vector<const object_schema*> targets;
            if (ref)
                for (const auto& t : ref->reference_to)
                    if (const auto* o = db_.objects().find(t)) targets.push_back(o);
            if (!ref || targets.empty())
                invalid_field(f.pos, "Didn't understand relationship '" + path[i] + "' in field path." +
                                         custom_relationship_hint);
            key += (key.empty() ? "" : ".") + lower(path[i]);
            auto it = sc.joins.find(key);
            if (it == sc.joins.end()) {
                join_info j{next_alias(), targets.front(), {}};
                if (targets.size() > 1) {
                    for (const auto* t : targets) {
                        std::string a = j.alias + "_" + std::to_string(j.candidates.size());
                        sc.join_sql += " LEFT JOIN " + quote_ident(t->name()) + " " + a + " ON " + a +
                                       ".\"Id\" = " + alias + "." + quote_ident(ref->name);
                        j.candidates.emplace_back(a, t);
                    }
                } else {
                    sc.join_sql += " LEFT JOIN " + quote_ident(j.obj->name()) + " " + j.alias + " ON " + j.alias +
                                   ".\"Id\" = " + alias + "." + quote_ident(ref->name);
                }
                it = sc.joins.emplace(key, j).first;
            }
            r.hops.emplace_back(ref->relationship_name, it->second);
            cur = it->second.obj;
            alias = it->second.alias;
            if (it->second.polymorphic()) poly = &it->second;
        }
        if (poly) {
            // Fields reachable through a polymorphic relationship: those of any candidate, and Type.
            const field_describe* fd = lower(path.back()) == "type" ? &type_field() : nullptr;
            for (const auto& c : poly->candidates)
                if (!fd) fd = c.second->field(path.back());
            if (!fd)
                invalid_field(f.pos, "No such column '" + path.back() + "' on entity 'Name'" + custom_field_hint);
            if (store::is_compound(*fd))
                invalid_field(f.pos, "Compound field " + fd->name + " is not supported through a polymorphic relationship");
            r.field = fd;
            r.owner = cur;
            r.owner_alias = alias;
            r.sql = fd == &type_field() ? poly->type_sql() : poly->column_sql(fd->name);
            return r;
        }
        const field_describe* fd = cur->field(path.back());
        if (!fd) invalid_field(f.pos, "No such column '" + path.back() + "' on entity '" + cur->name() + "'" + custom_field_hint);
        r.field = fd;
        r.owner = cur;
        r.owner_alias = alias;
        r.sql = alias + "." + quote_ident(fd->name);
        return r;
    }

    std::string aggregate_sql(scope& sc, const aggregate_call& a, const field_describe** field = nullptr) {
        if (!a.arg) return "COUNT(*)";
        if (a.function == "GROUPING") {
            // 1 on the subtotal rows of GROUP BY ROLLUP/CUBE where the field is rolled up, else 0.
            resolved r = resolve(sc, *a.arg);
            if (field) *field = r.field;
            int g = group_index_ ? group_index_(*a.arg) : -1;
            if (g < 0)
                fail(400, "MALFORMED_QUERY",
                     located_message(text_, a.pos, "GROUPING argument must be a GROUP BY field: " + a.arg->text()), {},
                     false);
            return "0";  // the output columns of subtotal rows are set per grouping set in run_aggregate
        }
        resolved r = resolve(sc, *a.arg);
        if (field) *field = r.field;
        if (a.function == "COUNT") return "COUNT(" + r.sql + ")";
        if (a.function == "COUNT_DISTINCT") return "COUNT(DISTINCT " + r.sql + ")";
        if ((a.function == "SUM" || a.function == "AVG") && !is_number(r.field->type))
            fail(400, "MALFORMED_QUERY",
                 located_message(text_, a.pos, "field " + r.field->name + " does not support aggregate operator " + a.function),
                 {}, false);
        return a.function + "(" + r.sql + ")";
    }

    std::string where_sql(scope& sc, const query& q, std::vector<bound>& params) {
        std::string out;
        if (!all_rows_) out = sc.alias + ".\"IsDeleted\" = 0";
        if (q.where) out += (out.empty() ? "" : " AND ") + std::string("(") + cond_sql(sc, *q.where, params) + ")";
        return out;
    }

    std::string order_sql(scope& sc, const query& q) {
        std::string out;
        for (const auto& o : q.order_by) {
            std::string expr;
            if (o.is_aggregate) {
                expr = aggregate_sql(sc, o.aggregate);
            } else {
                resolved r = resolve(sc, o.field);
                expr = r.sql;
                if (held_as_text(type_of(*r.field))) expr += " COLLATE NOCASE";
            }
            bool nulls_first = o.nulls_first.value_or(!o.descending);
            out += (out.empty() ? " ORDER BY " : ", ") + expr + (o.descending ? " DESC" : " ASC") +
                   (nulls_first ? " NULLS FIRST" : " NULLS LAST");
        }
        return out;
    }

    static std::string limit_sql(const query& q) {
        std::string out;
        if (q.limit) out += " LIMIT " + std::to_string(*q.limit);
        if (q.offset) out += (q.limit ? "" : " LIMIT -1") + std::string(" OFFSET ") + std::to_string(*q.offset);
        return out;
    }

    static void bind_all(statement& st, const std::vector<bound>& params) {
        int i = 1;
        for (const auto& p : params) {
            if (std::holds_alternative<std::monostate>(p)) st.bind_null(i);
            else if (auto v = std::get_if<std::int64_t>(&p)) st.bind(i, *v);
            else if (auto d = std::get_if<double>(&p)) st.bind(i, *d);
            else st.bind(i, std::get<std::string>(p));
            ++i;
        }
    }

    [[noreturn]] void bad_value(const literal& l, const std::string& what) {
        fail(400, "INVALID_QUERY_FILTER_OPERATOR", located_message(text_, l.pos, what), {}, false);
    }

    // The [start, end) day range of a date literal such as THIS_MONTH or LAST_N_DAYS:7.
    std::pair<std::int64_t, std::int64_t> date_range(const literal& l) {
        const std::int64_t t = today_days();
        int y; unsigned m, d;
        civil_from_days(t, y, m, d);
        const int mi = static_cast<int>(m);
        const std::int64_t ws = t - (t + 4) % 7;  // Sunday of this week
        const int q0 = (mi - 1) / 3 * 3 + 1;      // first month of this quarter
        const std::string& n = l.text;
        const int k = l.n;
        if (n == "YESTERDAY") return {t - 1, t};
        if (n == "TODAY") return {t, t + 1};
        if (n == "TOMORROW") return {t + 1, t + 2};
        if (n == "LAST_WEEK") return {ws - 7, ws};
        if (n == "THIS_WEEK") return {ws, ws + 7};
        if (n == "NEXT_WEEK") return {ws + 7, ws + 14};
        if (n == "LAST_MONTH") return {month_start(y, mi - 1), month_start(y, mi)};
        if (n == "THIS_MONTH") return {month_start(y, mi), month_start(y, mi + 1)};
        if (n == "NEXT_MONTH") return {month_start(y, mi + 1), month_start(y, mi + 2)};
        if (n == "LAST_90_DAYS") return {t - 90, t + 1};
        if (n == "NEXT_90_DAYS") return {t + 1, t + 91};
        if (n == "LAST_N_DAYS") return {t - k, t + 1};
        if (n == "NEXT_N_DAYS") return {t + 1, t + k + 1};
        if (n == "N_DAYS_AGO") return {t - k, t - k + 1};
        if (n == "LAST_N_WEEKS") return {ws - 7 * k, ws};
        if (n == "NEXT_N_WEEKS") return {ws + 7, ws + 7 + 7 * k};
        if (n == "LAST_N_MONTHS") return {month_start(y, mi - k), month_start(y, mi)};
        if (n == "NEXT_N_MONTHS") return {month_start(y, mi + 1), month_start(y, mi + 1 + k)};
        if (n == "THIS_QUARTER") return {month_start(y, q0), month_start(y, q0 + 3)};
        if (n == "LAST_QUARTER") return {month_start(y, q0 - 3), month_start(y, q0)};
        if (n == "NEXT_QUARTER") return {month_start(y, q0 + 3), month_start(y, q0 + 6)};
        if (n == "THIS_YEAR") return {month_start(y, 1), month_start(y + 1, 1)};
        if (n == "LAST_YEAR") return {month_start(y - 1, 1), month_start(y, 1)};
        if (n == "NEXT_YEAR") return {month_start(y + 1, 1), month_start(y + 2, 1)};
        if (n == "LAST_N_YEARS") return {month_start(y - k, 1), month_start(y, 1)};
        if (n == "NEXT_N_YEARS") return {month_start(y + 1, 1), month_start(y + 1 + k, 1)};
        fail(400, "MALFORMED_QUERY", located_message(text_, l.pos, "unexpected token: " + l.text), {}, false);
    }

    std::string day_bound(const field_describe& f, std::int64_t day) {
        return f.type == "datetime" ? day_text(day) + "T00:00:00.000+0000" : day_text(day);
    }

    // A literal converted to the stored representation of the field's type.
    bound value_for(const field_describe& f, const literal& l) {
        using K = literal::kind;
        const std::string& t = f.type;
        if (l.k == K::null) return std::monostate{};
        if (t == "boolean") {
            if (l.k != K::boolean) bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type boolean and should not be enclosed in quotes");
            return std::int64_t(l.text == "true" ? 1 : 0);
        }
        if (is_number(t)) {
            if (l.k != K::number) bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type " + (t == "int" ? "integer" : "double") + " and should not be enclosed in quotes");
            return std::stod(l.text);
        }
        if (t == "date") {
            if (l.k != K::date) bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type date and should not be enclosed in quotes");
            return l.text;
        }
        if (t == "datetime") {
            auto dt = l.k == K::datetime ? normalize_datetime(l.text) : std::nullopt;
            if (!dt) bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type dateTime and should not be enclosed in quotes");
            return *dt;
        }
        if (l.k != K::string)
            bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type string and should be enclosed in quotes");
        if (is_idlike(t)) {
            if (l.text.empty()) return l.text;
            auto id = normalize_id(l.text);
            if (!id) bad_value(l, "invalid ID field: " + l.text);
            return *id;
        }
        return l.text;
    }

    std::string cond_sql(scope& sc, const condition& c, std::vector<bound>& params) {
        switch (c.k) {
            case condition::kind::and_:
            case condition::kind::or_: {
                std::string out = "(";
                for (std::size_t i = 0; i < c.children.size(); ++i)
                    out += (i ? (c.k == condition::kind::and_ ? " AND " : " OR ") : "") + cond_sql(sc, c.children[i], params);
                return out + ")";
            }
            case condition::kind::not_:
                return "(NOT " + cond_sql(sc, c.children[0], params) + ")";
            case condition::kind::compare:
                break;
        }
        if (c.lhs_aggregate) {
            std::string expr = aggregate_sql(sc, c.aggregate);
            const literal& l = c.values.at(0);
            if (l.k != literal::kind::number) bad_value(l, "aggregate filter needs a number");
            if (c.op == "IN" || c.op == "NOT_IN" || c.op == "LIKE" || c.op == "INCLUDES" || c.op == "EXCLUDES")
                fail(400, "MALFORMED_QUERY", located_message(text_, c.pos, "unexpected token: " + c.op), {}, false);
            params.emplace_back(std::stod(l.text));
            return expr + " " + c.op + " ?";
        }
        resolved r = resolve(sc, c.field);
        const field_describe& f = *r.field;
        if (store::is_compound(f))
            fail(400, "MALFORMED_QUERY", located_message(text_, c.pos, "Compound field " + f.name + " cannot be filtered"), {}, false);
        const std::string coll = held_as_text(type_of(f)) ? " COLLATE NOCASE" : "";
        const std::string& e = r.sql;
        if (c.op == "IN" || c.op == "NOT_IN") {
            std::string list;
            if (c.subquery) {
                list = semi_join_sql(*c.subquery, params);
            } else {
                for (const auto& l : c.values) {
                    if (l.k == literal::kind::null) { list += std::string(list.empty() ? "" : ", ") + "NULL"; continue; }
                    params.push_back(value_for(f, l));
                    list += std::string(list.empty() ? "" : ", ") + "?";
                }
            }
            if (c.op == "IN") return "(" + e + coll + " IN (" + list + "))";
            return "(" + e + " IS NULL OR " + e + coll + " NOT IN (" + list + "))";
        }
        if (c.op == "INCLUDES" || c.op == "EXCLUDES") {
            if (f.type != "multipicklist")
                fail(400, "INVALID_QUERY_FILTER_OPERATOR",
                     located_message(text_, c.pos, "includes or excludes operator only valid on multipicklist field"), {}, false);
            std::string any;
            for (const auto& l : c.values) {
                if (l.k != literal::kind::string) bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type string and should be enclosed in quotes");
                std::string all;
                std::size_t start = 0;
                while (start <= l.text.size()) {
                    auto semi = l.text.find(';', start);
                    if (semi == std::string::npos) semi = l.text.size();
                    params.emplace_back(";" + l.text.substr(start, semi - start) + ";");
                    all += std::string(all.empty() ? "" : " AND ") + "instr(';' || " + e + " || ';', ?) > 0";
                    start = semi + 1;
                }
                any += std::string(any.empty() ? "" : " OR ") + "(" + all + ")";
            }
            if (c.op == "INCLUDES") return "(" + e + " IS NOT NULL AND (" + any + "))";
            return "(" + e + " IS NULL OR NOT (" + any + "))";
        }
        const literal& l = c.values.at(0);
        if (c.op == "LIKE") {
            if (l.k != literal::kind::string) bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type string and should be enclosed in quotes");
            params.emplace_back(l.like);
            return "(" + e + " LIKE ? ESCAPE '\\')";
        }
        if (l.k == literal::kind::null) {
            if (c.op == "=") return "(" + e + " IS NULL)";
            if (c.op == "!=") return "(" + e + " IS NOT NULL)";
            bad_value(l, "null may only be used with = and !=");
        }
        if (l.k == literal::kind::date_literal && (f.type == "date" || f.type == "datetime")) {
            auto [lo, hi] = date_range(l);
            std::string a = day_bound(f, lo), b = day_bound(f, hi);
            if (c.op == "=") { params.emplace_back(a); params.emplace_back(b); return "(" + e + " >= ? AND " + e + " < ?)"; }
            if (c.op == "!=") { params.emplace_back(a); params.emplace_back(b); return "(" + e + " IS NULL OR " + e + " < ? OR " + e + " >= ?)"; }
            if (c.op == "<") { params.emplace_back(a); return "(" + e + " < ?)"; }
            if (c.op == "<=") { params.emplace_back(b); return "(" + e + " < ?)"; }
            if (c.op == ">") { params.emplace_back(b); return "(" + e + " >= ?)"; }
            params.emplace_back(a);
            return "(" + e + " >= ?)";
        }
        params.push_back(value_for(f, l));
        if (c.op == "!=") return "(" + e + " IS NOT ?" + coll + ")";
        return "(" + e + " " + c.op + " ?" + coll + ")";
    }

    std::string semi_join_sql(const query& sub, std::vector<bound>& params) {
        const object_schema* obj = db_.objects().find(sub.from);
        if (!obj)
            fail(400, "INVALID_TYPE",
                 located_message(text_, sub.from_pos, "sObject type '" + sub.from + "' is not supported."), {}, false);
        if (sub.select.size() != 1 || sub.select[0].k != select_item::kind::field)
            fail(400, "MALFORMED_QUERY",
                 located_message(text_, sub.from_pos, "semi join sub-selects can only select one field"), {}, false);
        scope sc{obj, next_alias(), sub.alias, {}, {}, {}};
        resolved r = resolve(sc, sub.select[0].field);
        bool saved = all_rows_;
        all_rows_ = false;
        std::vector<bound> inner;
        std::string where = where_sql(sc, sub, inner);
        all_rows_ = saved;
        params.insert(params.end(), inner.begin(), inner.end());
        std::string sql = "SELECT " + r.sql + " FROM " + quote_ident(obj->name()) + " " + sc.alias + sc.join_sql;
        if (!where.empty()) sql += " WHERE " + where;
        return sql + limit_sql(sub);
    }

    boost::json::value build(const node& n, const statement& st) {
        if (st.is_null(n.id_col)) return nullptr;
        boost::json::object out;
        std::string id = st.as_text(n.id_col);
        const std::string type = n.type_col >= 0 ? st.as_text(n.type_col) : n.obj->name();
        out["attributes"] = boost::json::object{
            {"type", type}, {"url", "/services/data/" + std::string(version_) + "/sobjects/" + type + "/" + id}};
        for (const auto& e : n.entries) {
            if (e.parent) {
                out[e.key] = build(*e.parent, st);
            } else if (e.typeof_) {
                const typeof_plan& p = *e.typeof_;
                if (st.is_null(p.id_col)) { out[e.key] = nullptr; continue; }
                std::string type = p.fixed ? p.fixed->name() : st.as_text(p.type_col);
                std::string pid = st.as_text(p.id_col);
                boost::json::object parent;
                parent["attributes"] = boost::json::object{
                    {"type", type}, {"url", "/services/data/" + std::string(version_) + "/sobjects/" + type + "/" + pid}};
                auto it = p.by_type.find(type);
                for (const auto& c : it != p.by_type.end() ? it->second : p.otherwise)
                    parent[c.key] = store::column_json(*c.field, st, c.col);
                out[e.key] = std::move(parent);
            } else if (e.subquery) {
                const object_schema* child = db_.objects().find(e.child->child_sobject);
                const field_describe* link = child->field(e.child->field);
                std::string alias = "t" + std::to_string(alias_counter_);  // run() takes this alias next
                result sub = run(*e.subquery, *child, alias + "." + quote_ident(link->name) + " = ?", {id});
                if (sub.records.empty()) {
                    out[e.key] = nullptr;
                } else {
                    out[e.key] = boost::json::object{
                        {"totalSize", sub.total_size}, {"done", true}, {"records", std::move(sub.records)}};
                }
            } else if (!e.components.empty() || store::is_compound(*e.field)) {
                std::map<std::string, boost::json::value> row;
                for (const auto& [cf, col] : e.components) row[cf->name] = store::column_json(*cf, st, col);
                out[e.key] = store::compound_value(*n.obj, *e.field, row);
            } else {
                out[e.key] = store::column_json(*e.field, st, e.col);
            }
        }
        return out;
    }

    result run_aggregate(const query& q, const object_schema& obj) {
        scope sc{&obj, next_alias(), q.alias, {}, {}, {}};
        struct out_col {
            std::string key;
            const field_describe* field = nullptr;
            std::string function;
            std::string sql;
            int group = -1;  // index in GROUP BY of a grouped field or of GROUPING's argument
        };
        auto group_of = [&q](const field_ref& f) {
            for (std::size_t i = 0; i < q.group_by.size(); ++i)
                if (lower(q.group_by[i].text()) == lower(f.text())) return static_cast<int>(i);
            return -1;
        };
        group_index_ = group_of;
        const bool sets = q.group_kind != query::grouping::plain;
        if (sets && q.group_by.size() > 3)
            fail(400, "MALFORMED_QUERY",
                 located_message(text_, q.group_by[3].pos, "ROLLUP and CUBE accept at most 3 fields"), {}, false);
        std::vector<out_col> outs;
        int expr_n = 0;
        for (const auto& item : q.select) {
            if (item.k == select_item::kind::subquery)
                fail(400, "MALFORMED_QUERY", located_message(text_, item.subquery->from_pos, "Aggregate query does not support child relationship queries"), {}, false);
            if (item.k == select_item::kind::fields_macro || item.k == select_item::kind::typeof_)
                fail(400, "MALFORMED_QUERY", located_message(text_, q.from_pos, "FIELDS() and TYPEOF cannot be used in an aggregate query"), {}, false);
            if (item.k == select_item::kind::field) {
                resolved r = resolve(sc, item.field);
                int g = group_of(item.field);
                if (g < 0)
                    fail(400, "MALFORMED_QUERY",
                         located_message(text_, item.field.pos, "Field must be grouped or aggregated: " +
                                                                    (item.field.function.empty() ? r.field->name : item.field.function)),
                         {}, false);
                std::string key = !item.alias.empty()              ? item.alias
                                  : !item.field.function.empty() ? "expr" + std::to_string(expr_n++)
                                                                 : r.field->name;
                outs.push_back({key, r.field, "", r.sql, g});
            } else {
                out_col o;
                o.sql = aggregate_sql(sc, item.aggregate, &o.field);
                o.key = item.alias.empty() ? "expr" + std::to_string(expr_n++) : item.alias;
                o.function = item.aggregate.function;
                if (o.function == "GROUPING") o.group = group_of(*item.aggregate.arg);
                outs.push_back(std::move(o));
            }
        }
        std::vector<bound> where_params, having_params;
        std::string where = where_sql(sc, q, where_params);
        std::vector<std::string> group_sql;
        for (const auto& g : q.group_by) group_sql.push_back(resolve(sc, g).sql);
        std::string having;
        if (q.having) having = " HAVING " + cond_sql(sc, *q.having, having_params);
        std::string order = sets ? std::string() : order_sql(sc, q);
        std::string body = " FROM " + quote_ident(obj.name()) + " " + sc.alias + sc.join_sql +
                           (where.empty() ? "" : " WHERE " + where);
        result res;
        std::vector<bound> params = where_params;
        params.insert(params.end(), having_params.begin(), having_params.end());
        if (q.is_count_only()) {
            statement st(db_.handle(), "SELECT COUNT(*) FROM (SELECT 1" + body + limit_sql(q) + ")");
            bind_all(st, where_params);
            st.step();
            res.total_size = st.as_int(0);
            return res;
        }
        // One SELECT per grouping set; a plain GROUP BY has the one set of all its fields.
        auto branch = [&](const std::vector<bool>& set) {
            std::string sql = "SELECT ";
            for (std::size_t i = 0; i < outs.size(); ++i) {
                const auto& o = outs[i];
                bool rolled_up = o.group >= 0 && !set[static_cast<std::size_t>(o.group)];
                std::string col = o.function == "GROUPING" ? (rolled_up ? "1" : "0") : rolled_up ? "NULL" : o.sql;
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
        std::string sql;
        std::vector<bound> all_params;
        const std::size_t n = q.group_by.size();
        if (!sets) {
            sql = branch(std::vector<bool>(n, true)) + order + limit_sql(q);
            all_params = params;
        } else {
            std::vector<std::vector<bool>> grouping_sets;
            if (q.group_kind == query::grouping::rollup) {
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
            sql = "SELECT " + cols + " FROM (";
            for (std::size_t b = 0; b < grouping_sets.size(); ++b) {
                sql += (b ? " UNION ALL " : "") + branch(grouping_sets[b]);
                all_params.insert(all_params.end(), params.begin(), params.end());
            }
            sql += ")";
            // ORDER BY names select items; subtotals follow the rows they sum up, the grand total comes last.
            std::string ord;
            for (const auto& o : q.order_by) {
                int idx = -1;
                for (std::size_t i = 0; i < q.select.size() && idx < 0; ++i) {
                    const auto& it = q.select[i];
                    bool same = o.is_aggregate
                                    ? it.k == select_item::kind::aggregate && it.aggregate.function == o.aggregate.function &&
                                          (it.aggregate.arg ? it.aggregate.arg->text() : "") == (o.aggregate.arg ? o.aggregate.arg->text() : "")
                                    : it.k == select_item::kind::field && lower(it.field.text()) == lower(o.field.text());
                    if (same) idx = static_cast<int>(i);
                }
                if (idx < 0)
                    fail(400, "MALFORMED_QUERY",
                         located_message(text_, o.is_aggregate ? o.aggregate.pos : o.field.pos,
                                         "ORDER BY of a ROLLUP or CUBE query must name a selected item"), {}, false);
                bool nulls_first = o.nulls_first.value_or(!o.descending);
                ord += std::string(ord.empty() ? " ORDER BY " : ", ") + "c" + std::to_string(idx) +
                       (o.descending ? " DESC" : " ASC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
            }
            for (std::size_t j = 0; j < n; ++j)
                ord += std::string(ord.empty() ? " ORDER BY " : ", ") + "g" + std::to_string(j) + ", k" + std::to_string(j);
            sql += ord + limit_sql(q);
        }
        statement st(db_.handle(), sql);
        bind_all(st, all_params);
        while (st.step()) {
            boost::json::object rec;
            rec["attributes"] = boost::json::object{{"type", "AggregateResult"}};
            for (std::size_t i = 0; i < outs.size(); ++i) {
                const auto& o = outs[i];
                int col = static_cast<int>(i);
                if (o.function == "COUNT" || o.function == "COUNT_DISTINCT" || o.function == "GROUPING") rec[o.key] = st.as_int(col);
                else if (o.function == "AVG" || (o.function == "SUM" && o.field && o.field->type != "int"))
                    rec[o.key] = st.is_null(col) ? boost::json::value() : boost::json::value(st.as_double(col));
                else if (o.function == "SUM")
                    rec[o.key] = st.is_null(col) ? boost::json::value() : boost::json::value(st.as_int(col));
                else rec[o.key] = store::column_json(*o.field, st, col);
            }
            res.records.push_back(std::move(rec));
        }
        res.total_size = static_cast<std::int64_t>(res.records.size());
        return res;
    }

    store& db_;
    bool all_rows_;
    std::string_view version_;
    std::string_view text_;
    int alias_counter_ = 0;
    // Set while an aggregate query is planned: the GROUP BY index of a field (-1 if not grouped).
    std::function<int(const field_ref&)> group_index_;
};

}  // namespace

result execute(store& db, const query& q, bool all_rows, std::string_view version, std::string_view text) {
    auto guard = db.lock();
    executor ex(db, all_rows, version, text);
    return ex.run_top(q);
}

}  // namespace sfcpp_emulator::soql
