// SOQL bind: resolves a parsed query's names (objects, fields, relationship paths, aliases) against
// the schema, types its literals, and raises the errors Salesforce gives for what does not fit.
#include "soql_stages.hpp"

#include <sfcpp_emulator/ids.hpp>
#include <sfcpp_emulator/store.hpp>

#include <utility>

namespace sfcpp_emulator::soql {

namespace {

using sfcpp::field_type;

const std::string custom_field_hint =
    ". If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
    "Please reference your WSDL or the describe call for the appropriate names.";
const std::string custom_relationship_hint =
    " If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship "
    "name. Please reference your WSDL or the describe call for the appropriate names.";

field_describe synthetic_field(std::string name, std::string type) {
    field_describe d;
    d.name = std::move(name);
    d.type = std::move(type);
    return d;
}

// The Type pseudo-field of polymorphic relationships (Who.Type).
const field_describe& type_field() {
    static const field_describe f = synthetic_field("Type", "string");
    return f;
}

// The value of a date function: an integer (CALENDAR_YEAR, ...) or a date (DAY_ONLY).
const field_describe& function_field(bool date) {
    static const field_describe i = synthetic_field("expr", "int");
    static const field_describe d = synthetic_field("expr", "date");
    return date ? d : i;
}

// Names in one FROM: the object, the user's alias for it, the joins made so far.
struct scope {
    bound_source& source;
    std::string user_alias;
    std::map<std::string, int> join_by_path;  // lower-case relationship path "account.owner"

    int add_join(std::string path, bound_join j) {
        source.joins.push_back(std::move(j));
        const int index = static_cast<int>(source.joins.size() - 1);
        join_by_path.emplace(std::move(path), index);
        return index;
    }
    const bound_join& join(int i) const { return source.joins.at(static_cast<std::size_t>(i)); }
};

struct resolved {
    bound_value value;
    const object_schema* owner = nullptr;  // the object whose field it is
    int owner_join = root_join;
    std::vector<std::pair<std::string, int>> hops;  // canonical relationship name, join
};

bound_value column_of(int join, const std::string& name, const field_describe* f = nullptr) {
    bound_value v;
    v.join = join;
    v.column = name;
    v.field = f;
    return v;
}

bound_value object_type_of(int join) {
    bound_value v = column_of(join, "", &type_field());
    v.k = bound_value::kind::object_type;
    return v;
}

int add_column(bound_records& r, bound_value v) {
    r.columns.push_back(std::move(v));
    return static_cast<int>(r.columns.size() - 1);
}

// A selected field `f` of `owner` (reached through `join`) read as `v`; a compound one as its components.
void select_field(bound_records& out, record_shape::entry& e, const object_schema& owner, int join,
                  const field_describe& f, bound_value v) {
    e.field = &f;
    if (!store::is_compound(f)) {
        e.col = add_column(out, std::move(v));
        return;
    }
    e.components.clear();
    for (const auto* c : store::compound_components(owner, f))
        e.components.emplace_back(c, add_column(out, column_of(join, c->name, c)));
}

class binder {
public:
    binder(const schema& objects, std::string_view text) : objects_(objects), text_(text) {}

    bound_query bind_top(const query& q) {
        const object_schema* obj = objects_.find(q.from);
        if (!obj)
            fail(400, "INVALID_TYPE",
                 located_message(text_, q.from_pos,
                                 "sObject type '" + q.from +
                                     "' is not supported. If you are attempting to use a custom object, be sure to "
                                     "append the '__c' after the entity name. Please reference your WSDL or the "
                                     "describe call for the appropriate names."),
                 {}, false);
        return bind_query(q, *obj);
    }

private:
    bound_query bind_query(const query& q, const object_schema& obj) {
        if (q.is_aggregate()) return {bind_aggregate(q, obj)};
        return {bind_records(q, obj)};
    }

    [[noreturn]] void malformed(std::size_t pos, const std::string& what) {
        fail(400, "MALFORMED_QUERY", located_message(text_, pos, what), {}, false);
    }
    [[noreturn]] void invalid_field(std::size_t pos, const std::string& what) {
        fail(400, "INVALID_FIELD", located_message(text_, pos, what), {}, false);
    }
    [[noreturn]] void bad_value(const literal& l, const std::string& what) {
        fail(400, "INVALID_QUERY_FILTER_OPERATOR", located_message(text_, l.pos, what), {}, false);
    }
    // Strings are quoted in SOQL, other types are not.
    [[noreturn]] void wrong_type(const literal& l, const field_describe& f, const std::string& type) {
        bad_value(l, "value of filter criterion for field '" + f.name + "' must be of type " + type +
                         (type == "string" ? " and should be enclosed in quotes" : " and should not be enclosed in quotes"));
    }

    // ---- plain queries -----------------------------------------------------------------------

    bound_records bind_records(const query& q, const object_schema& obj) {
        bound_records out;
        out.source.obj = &obj;
        scope sc{out.source, q.alias, {}};
        record_shape& root = out.shape;
        root.obj = &obj;
        root.id_col = add_column(out, column_of(root_join, "Id"));
        // Child subqueries are bound once the parent's clauses are: their errors come after the parent's.
        std::vector<std::pair<const query*, const object_schema*>> pending_children;
        for (const auto& item : q.select) {
            if (item.k == select_item::kind::aggregate)
                malformed(item.aggregate.pos, "Field must be grouped or aggregated: " + item.aggregate.function);
            if (item.k == select_item::kind::fields_macro) {
                for (const auto& f : obj.describe.fields) {
                    if ((item.alias == "STANDARD" && f.custom) || (item.alias == "CUSTOM" && !f.custom)) continue;
                    select_field(out, root.find_or_add(f.name), obj, root_join, f, column_of(root_join, f.name, &f));
                }
                continue;
            }
            if (item.k == select_item::kind::typeof_) {
                bind_typeof(sc, item, out);
                continue;
            }
            if (item.k == select_item::kind::subquery) {
                const auto* child = obj.child(item.subquery->from);
                const object_schema* child_obj = child ? objects_.find(child->child_sobject) : nullptr;
                if (!child_obj || !child_obj->field(child->field))
                    fail(400, "INVALID_TYPE",
                         located_message(text_, item.subquery->from_pos,
                                         "Didn't understand relationship '" + item.subquery->from +
                                             "' in FROM part of query call." + custom_relationship_hint),
                         {}, false);
                auto& e = root.find_or_add(child->relationship_name);
                e.child = static_cast<int>(out.children.size());
                out.children.push_back({child_obj->field(child->field), nullptr});
                pending_children.emplace_back(item.subquery.get(), child_obj);
                continue;
            }
            if (!item.field.function.empty())
                malformed(item.field.pos, "Field must be grouped or aggregated: " + item.field.function);
            resolved r = resolve(sc, item.field);
            record_shape* n = &root;
            for (const auto& [name, j] : r.hops) {
                auto& e = n->find_or_add(name);
                if (!e.parent) {
                    const bound_join& join = sc.join(j);
                    e.parent = std::make_unique<record_shape>();
                    e.parent->obj = join.obj;
                    e.parent->id_col = add_column(out, column_of(j, "Id"));
                    if (join.polymorphic()) e.parent->type_col = add_column(out, object_type_of(j));
                }
                n = e.parent.get();
            }
            select_field(out, n->find_or_add(r.value.field->name), *r.owner, r.owner_join, *r.value.field, r.value);
        }
        if (q.where) out.source.where = bind_condition(sc, *q.where);
        out.order_by = bind_order(sc, q);
        out.source.limit = q.limit;
        out.source.offset = q.offset;
        for (std::size_t i = 0; i < pending_children.size(); ++i)
            out.children[i].query =
                std::make_unique<bound_query>(bind_query(*pending_children[i].first, *pending_children[i].second));
        return out;
    }

    // TYPEOF Rel WHEN Type THEN fields ... ELSE fields END: per branch, the fields of that candidate.
    void bind_typeof(scope& sc, const select_item& item, bound_records& out) {
        resolved r = resolve(sc, field_ref{{item.field.path.at(0), "Id"}, item.field.pos, ""});
        const int j = r.hops.at(0).second;
        const bound_join& join = sc.join(j);
        std::vector<const object_schema*> candidates = join.candidates;
        if (candidates.empty()) candidates.push_back(join.obj);
        auto plan = std::make_unique<typeof_shape>();
        plan->id_col = add_column(out, column_of(j, "Id"));
        if (join.polymorphic()) plan->type_col = add_column(out, object_type_of(j));
        else plan->fixed = join.obj;
        for (const auto& b : item.branches) {
            std::vector<typeof_shape::column> cols_for;
            const object_schema* target = nullptr;
            int target_candidate = -1;
            if (!b.type.empty()) {
                for (std::size_t c = 0; c < candidates.size(); ++c)
                    if (lower(candidates[c]->name()) == lower(b.type)) {
                        target = candidates[c];
                        target_candidate = join.polymorphic() ? static_cast<int>(c) : -1;
                    }
                if (!target)
                    fail(400, "INVALID_TYPE", located_message(text_, b.pos, "sObject type '" + b.type +
                         "' is not supported for relationship " + r.hops.at(0).first), {}, false);
            }
            for (const auto& fr : b.fields) {
                const std::string& name = fr.path.back();
                const field_describe* fd = nullptr;
                if (target) fd = target->field(name);
                else
                    for (const auto* c : candidates) if (!fd) fd = c->field(name);
                if (!fd || store::is_compound(*fd) || fr.path.size() != 1)
                    invalid_field(fr.pos, "No such column '" + fr.text() + "' on entity '" +
                                              (target ? target->name() : std::string("Name")) + "'" + custom_field_hint);
                bound_value v = column_of(j, fd->name, fd);
                v.candidate = target_candidate;
                cols_for.push_back({fd->name, add_column(out, std::move(v)), fd});
            }
            if (target) plan->by_type[target->name()] = std::move(cols_for);
            else plan->otherwise = std::move(cols_for);
        }
        out.shape.find_or_add(r.hops.at(0).first).typeof_ = std::move(plan);
    }

    // ---- names -------------------------------------------------------------------------------

    resolved resolve(scope& sc, const field_ref& f) {
        if (f.function.empty()) return resolve_path(sc, f);
        field_ref inner = f;
        inner.function.clear();
        resolved r = resolve_path(sc, inner);
        const field_type t = type_of(*r.value.field);
        const bool ok = t == field_type::datetime ||
                        (t == field_type::date && f.function != "HOUR_IN_DAY" && f.function != "DAY_ONLY");
        if (!ok) malformed(f.pos, "Invalid field " + r.value.field->name + " for function " + f.function);
        r.value.function = f.function;
        r.value.field = &function_field(f.function == "DAY_ONLY");
        return r;
    }

    resolved resolve_path(scope& sc, const field_ref& f) {
        std::vector<std::string> path = f.path;
        if (path.size() > 1 && !sc.user_alias.empty() && lower(path[0]) == lower(sc.user_alias))
            path.erase(path.begin());
        resolved r;
        const object_schema* cur = sc.source.obj;
        int at = root_join;
        std::string key;
        bool past_polymorphic = false;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            if (past_polymorphic) {
                // Past a polymorphic relationship only the reference fields of the Name object lead on
                // (Owner.Profile.Name, What.RecordType.Name), through whichever candidate the row holds.
                const std::string rel = lower(path[i]);
                const bound_join& poly = sc.join(at);
                std::vector<std::pair<int, const field_describe*>> refs;  // candidate, reference field
                const object_schema* target = nullptr;
                if (rel == "profile" || rel == "userrole" || rel == "recordtype")
                    for (std::size_t c = 0; c < poly.candidates.size(); ++c)
                        if (const field_describe* rf = poly.candidates[c]->relationship(path[i]))
                            for (const auto& t : rf->reference_to)
                                if (const auto* to = objects_.find(t)) {
                                    target = to;
                                    refs.emplace_back(static_cast<int>(c), rf);
                                }
                if (!target)
                    invalid_field(f.pos, "Didn't understand relationship '" + path[i] + "' in field path." +
                                             custom_relationship_hint);
                key += "." + rel;
                auto it = sc.join_by_path.find(key);
                const int j = it != sc.join_by_path.end() ? it->second : sc.add_join(key, {target, {}, at, refs});
                r.hops.emplace_back(refs.front().second->relationship_name, j);
                cur = target;
                at = j;
                past_polymorphic = false;
                continue;
            }
            const field_describe* ref = cur->relationship(path[i]);
            std::vector<const object_schema*> targets;
            if (ref)
                for (const auto& t : ref->reference_to)
                    if (const auto* o = objects_.find(t)) targets.push_back(o);
            if (!ref || targets.empty())
                invalid_field(f.pos, "Didn't understand relationship '" + path[i] + "' in field path." +
                                         custom_relationship_hint);
            key += (key.empty() ? "" : ".") + lower(path[i]);
            auto it = sc.join_by_path.find(key);
            int j = 0;
            if (it != sc.join_by_path.end()) {
                j = it->second;
            } else {
                bound_join join{targets.front(), {}, at, {{-1, ref}}};
                if (targets.size() > 1) join.candidates = targets;
                j = sc.add_join(key, std::move(join));
            }
            r.hops.emplace_back(ref->relationship_name, j);
            cur = sc.join(j).obj;
            at = j;
            past_polymorphic = sc.join(j).polymorphic();
        }
        r.owner = cur;
        r.owner_join = at;
        r.value.join = at;
        if (past_polymorphic) {
            // Fields reachable through a polymorphic relationship: those of any candidate, and Type.
            const bool type = lower(path.back()) == "type";
            const field_describe* fd = type ? &type_field() : nullptr;
            for (const auto* c : sc.join(at).candidates)
                if (!fd) fd = c->field(path.back());
            if (!fd)
                invalid_field(f.pos, "No such column '" + path.back() + "' on entity 'Name'" + custom_field_hint);
            if (store::is_compound(*fd))
                invalid_field(f.pos, "Compound field " + fd->name + " is not supported through a polymorphic relationship");
            r.value.field = fd;
            if (type) r.value.k = bound_value::kind::object_type;
            else r.value.column = fd->name;
            return r;
        }
        const field_describe* fd = cur->field(path.back());
        if (!fd)
            invalid_field(f.pos, "No such column '" + path.back() + "' on entity '" + cur->name() + "'" + custom_field_hint);
        r.value.field = fd;
        r.value.column = fd->name;
        return r;
    }

    // ---- conditions --------------------------------------------------------------------------

    bound_call bind_call(scope& sc, const aggregate_call& a) {
        bound_call out{a.function, std::nullopt};
        if (!a.arg) return out;
        resolved r = resolve(sc, *a.arg);
        if (a.function == "GROUPING") {
            // 1 on the subtotal rows of GROUP BY ROLLUP/CUBE where the field is rolled up, else 0.
            if (group_of(*a.arg) < 0)
                malformed(a.pos, "GROUPING argument must be a GROUP BY field: " + a.arg->text());
        } else if ((a.function == "SUM" || a.function == "AVG") && !stored_number(type_of(*r.value.field))) {
            malformed(a.pos, "field " + r.value.field->name + " does not support aggregate operator " + a.function);
        }
        out.arg = std::move(r.value);
        return out;
    }

    // The numbers the store holds (int and the reals; it has no long fields).
    static bool stored_number(field_type t) { return t == field_type::int_ || sfcpp::is_real(t); }

    // A literal converted to the stored representation of the field's type.
    sql_value value_for(const field_describe& f, const literal& l) {
        using K = literal::kind;
        const field_type t = type_of(f);
        if (l.k == K::null) return std::monostate{};
        if (t == field_type::boolean) {
            if (l.k != K::boolean) wrong_type(l, f, "boolean");
            return std::int64_t(l.text == "true" ? 1 : 0);
        }
        if (stored_number(t)) {
            if (l.k != K::number) wrong_type(l, f, t == field_type::int_ ? "integer" : "double");
            return std::stod(l.text);
        }
        if (t == field_type::date) {
            if (l.k != K::date) wrong_type(l, f, "date");
            return l.text;
        }
        if (t == field_type::datetime) {
            auto dt = l.k == K::datetime ? normalize_datetime(l.text) : std::nullopt;
            if (!dt) wrong_type(l, f, "dateTime");
            return *dt;
        }
        if (l.k != K::string) wrong_type(l, f, "string");
        if (sfcpp::is_id(t)) {
            if (l.text.empty()) return l.text;
            auto id = normalize_id(l.text);
            if (!id) bad_value(l, "invalid ID field: " + l.text);
            return *id;
        }
        return l.text;
    }

    bound_condition bind_condition(scope& sc, const condition& c) {
        using K = bound_condition::kind;
        bound_condition out;
        switch (c.k) {
            case condition::kind::and_:
            case condition::kind::or_:
            case condition::kind::not_:
                out.k = c.k == condition::kind::and_ ? K::and_ : c.k == condition::kind::or_ ? K::or_ : K::not_;
                for (const auto& child : c.children) out.children.push_back(bind_condition(sc, child));
                return out;
            case condition::kind::compare:
                break;
        }
        out.op = c.op;
        if (c.lhs_aggregate) {
            out.k = K::aggregate;
            out.call = bind_call(sc, c.aggregate);
            const literal& l = c.values.at(0);
            if (l.k != literal::kind::number) bad_value(l, "aggregate filter needs a number");
            if (c.op == "IN" || c.op == "NOT_IN" || c.op == "LIKE" || c.op == "INCLUDES" || c.op == "EXCLUDES")
                malformed(c.pos, "unexpected token: " + c.op);
            out.values.emplace_back(std::stod(l.text));
            return out;
        }
        resolved r = resolve(sc, c.field);
        const field_describe& f = *r.value.field;
        if (store::is_compound(f)) malformed(c.pos, "Compound field " + f.name + " cannot be filtered");
        out.lhs = r.value;
        out.nocase = held_as_text(type_of(f));
        if (c.op == "IN" || c.op == "NOT_IN") {
            out.k = c.op == "IN" ? K::in : K::not_in;
            if (c.subquery) out.semi_join = std::make_shared<bound_semi_join>(bind_semi_join(*c.subquery));
            else
                for (const auto& l : c.values) out.values.push_back(value_for(f, l));
            return out;
        }
        if (c.op == "INCLUDES" || c.op == "EXCLUDES") {
            if (type_of(f) != field_type::multipicklist)
                fail(400, "INVALID_QUERY_FILTER_OPERATOR",
                     located_message(text_, c.pos, "includes or excludes operator only valid on multipicklist field"), {},
                     false);
            out.k = c.op == "INCLUDES" ? K::includes : K::excludes;
            for (const auto& l : c.values) {
                if (l.k != literal::kind::string) wrong_type(l, f, "string");
                out.values.emplace_back(l.text);
            }
            return out;
        }
        const literal& l = c.values.at(0);
        if (c.op == "LIKE") {
            if (l.k != literal::kind::string) wrong_type(l, f, "string");
            out.k = K::like;
            out.values.emplace_back(l.like);
            return out;
        }
        if (l.k == literal::kind::null) {
            if (c.op == "=") out.k = K::is_null;
            else if (c.op == "!=") out.k = K::is_not_null;
            else bad_value(l, "null may only be used with = and !=");
            return out;
        }
        if (l.k == literal::kind::date_literal && (type_of(f) == field_type::date || type_of(f) == field_type::datetime)) {
            if (!is_date_literal(l.text)) malformed(l.pos, "unexpected token: " + l.text);
            out.k = K::date_range;
            out.date_literal = l.text;
            out.date_n = l.n;
            out.on_datetime = type_of(f) == field_type::datetime;
            return out;
        }
        out.k = K::compare;
        out.values.push_back(value_for(f, l));
        return out;
    }

    bound_semi_join bind_semi_join(const query& sub) {
        const object_schema* obj = objects_.find(sub.from);
        if (!obj)
            fail(400, "INVALID_TYPE",
                 located_message(text_, sub.from_pos, "sObject type '" + sub.from + "' is not supported."), {}, false);
        if (sub.select.size() != 1 || sub.select[0].k != select_item::kind::field)
            malformed(sub.from_pos, "semi join sub-selects can only select one field");
        bound_semi_join out;
        out.source.obj = obj;
        scope sc{out.source, sub.alias, {}};
        out.value = resolve(sc, sub.select[0].field).value;
        if (sub.where) out.source.where = bind_condition(sc, *sub.where);
        out.source.limit = sub.limit;
        out.source.offset = sub.offset;
        return out;
    }

    std::vector<bound_order> bind_order(scope& sc, const query& q) {
        std::vector<bound_order> out;
        for (const auto& o : q.order_by) {
            bound_order b;
            if (o.is_aggregate) {
                b.call = bind_call(sc, o.aggregate);
            } else {
                b.value = resolve(sc, o.field).value;
                b.nocase = held_as_text(type_of(*b.value.field));
            }
            b.descending = o.descending;
            b.nulls_first = o.nulls_first.value_or(!o.descending);
            out.push_back(std::move(b));
        }
        return out;
    }

    // ---- aggregate queries -------------------------------------------------------------------

    // The GROUP BY index of a field of the aggregate query being bound; -1 if not grouped.
    int group_of(const field_ref& f) const {
        if (!group_by_) return -1;
        for (std::size_t i = 0; i < group_by_->size(); ++i)
            if (lower((*group_by_)[i].text()) == lower(f.text())) return static_cast<int>(i);
        return -1;
    }

    bound_aggregate bind_aggregate(const query& q, const object_schema& obj) {
        bound_aggregate out;
        out.source.obj = &obj;
        out.count_only = q.is_count_only();
        out.grouping = q.group_kind;
        scope sc{out.source, q.alias, {}};
        const auto* outer_group_by = std::exchange(group_by_, &q.group_by);
        const bool sets = q.group_kind != query::grouping::plain;
        if (sets && q.group_by.size() > 3) malformed(q.group_by[3].pos, "ROLLUP and CUBE accept at most 3 fields");
        int expr_n = 0;
        for (const auto& item : q.select) {
            if (item.k == select_item::kind::subquery)
                malformed(item.subquery->from_pos, "Aggregate query does not support child relationship queries");
            if (item.k == select_item::kind::fields_macro || item.k == select_item::kind::typeof_)
                malformed(q.from_pos, "FIELDS() and TYPEOF cannot be used in an aggregate query");
            aggregate_output o;
            if (item.k == select_item::kind::field) {
                resolved r = resolve(sc, item.field);
                o.group = group_of(item.field);
                if (o.group < 0)
                    malformed(item.field.pos, "Field must be grouped or aggregated: " +
                                                  (item.field.function.empty() ? r.value.field->name : item.field.function));
                o.key = !item.alias.empty()              ? item.alias
                        : !item.field.function.empty() ? "expr" + std::to_string(expr_n++)
                                                       : r.value.field->name;
                o.field = r.value.field;
                o.value = std::move(r.value);
            } else {
                o.call = bind_call(sc, item.aggregate);
                o.field = o.call->arg ? o.call->arg->field : nullptr;
                o.key = item.alias.empty() ? "expr" + std::to_string(expr_n++) : item.alias;
                if (o.call->function == "GROUPING") o.group = group_of(*item.aggregate.arg);
            }
            out.outputs.push_back(std::move(o));
        }
        if (q.where) out.source.where = bind_condition(sc, *q.where);
        for (const auto& g : q.group_by) out.group_by.push_back(resolve(sc, g).value);
        if (q.having) out.having = bind_condition(sc, *q.having);
        out.source.limit = q.limit;
        out.source.offset = q.offset;
        if (!sets) out.order_by = bind_order(sc, q);
        else if (!out.count_only) out.order_by = bind_set_order(q);
        group_by_ = outer_group_by;
        return out;
    }

    // ORDER BY of ROLLUP and CUBE names select items.
    std::vector<bound_order> bind_set_order(const query& q) {
        std::vector<bound_order> out;
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
                malformed(o.is_aggregate ? o.aggregate.pos : o.field.pos,
                          "ORDER BY of a ROLLUP or CUBE query must name a selected item");
            bound_order b;
            b.select_index = idx;
            b.descending = o.descending;
            b.nulls_first = o.nulls_first.value_or(!o.descending);
            out.push_back(std::move(b));
        }
        return out;
    }

    const schema& objects_;
    std::string_view text_;
    const std::vector<field_ref>* group_by_ = nullptr;  // while an aggregate query is bound
};

}  // namespace

bound_query bind(const schema& objects, const query& q, std::string_view text) {
    return binder(objects, text).bind_top(q);
}

}  // namespace sfcpp_emulator::soql
