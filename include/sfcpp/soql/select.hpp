// sfcpp/soql/select.hpp: the SELECT statement.
//
//   auto q = select(Account_.Id, Account_.Name, Account_.Owner / User_.Name)
//                .from(Account_)
//                .where(Account_.AnnualRevenue > 1e6)
//                .order_by(desc(Account_.Name).nulls_last())
//                .limit(10);
//   std::string soql = to_soql(q);       // SELECT Id, Name, Owner.Name FROM Account WHERE ...
//   using row = decltype(q)::row_type;   // row.Name, row.Owner->Name
//
// Clauses may be given in any order, each at most once; they are written in SOQL's order. Every
// rule that can be checked from the types is a static_assert naming the Salesforce rule; the
// few that depend on run-time values (LIMIT with FIELDS(ALL), OFFSET over 2000, an empty IN
// list) throw std::invalid_argument.
#pragma once

#include <sfcpp/metadata.hpp>
#include <sfcpp/record.hpp>
#include <sfcpp/soql/aggregate.hpp>
#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/condition.hpp>
#include <sfcpp/soql/order.hpp>
#include <sfcpp/soql/row.hpp>
#include <sfcpp/soql/typeof.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace sfcpp::soql {

enum class lock_kind : unsigned char { none, view, reference, update };

// Which clauses a query has; a template argument, so that each check is a static_assert.
struct clause_flags {
    bool where = false;
    bool group = false;
    bool having = false;
    bool order = false;
    bool order_aggregate = false;
    bool limit = false;
    bool offset = false;
    lock_kind lock = lock_kind::none;
};

// From: the queried object's record. Owner: void, or the child relationship tag of a
// relationship subquery (`select(...).from(Account_.Contacts)`). Items: the select list.
// Groups: the GROUP BY columns.
template <class From, class Owner, class Items, class Groups, clause_flags F>
class query;

template <class T>
inline constexpr bool is_query_v = false;
template <class From, class Owner, class Items, class Groups, clause_flags F>
inline constexpr bool is_query_v<query<From, Owner, Items, Groups, F>> = true;

namespace detail {

// ---- select items --------------------------------------------------------------------------

template <class I>
struct item_of {
    using type = I;
};
template <field_tag T>
struct item_of<T> {
    using type = path<T>;
};
template <parent_tag T>
struct item_of<T> {
    using type = path<T>;
};
template <class I>
using item_t = typename item_of<std::remove_cvref_t<I>>::type;

template <class T>
inline constexpr bool is_typeof_v = false;
template <class R, class W, class E>
inline constexpr bool is_typeof_v<typeof_item<R, W, E>> = true;

template <class T>
inline constexpr bool is_fields_v = false;
template <field_set S>
inline constexpr bool is_fields_v<fields_item<S>> = true;

template <class T>
inline constexpr bool is_relationship_query_v = false;
template <class From, class Owner, class Items, class Groups, clause_flags F>
inline constexpr bool is_relationship_query_v<query<From, Owner, Items, Groups, F>> = !std::is_void_v<Owner>;

template <class I>
void append_item(std::string& out, const I& item) {
    using U = item_t<I>;
    if constexpr (is_path_v<U>) {
        static_assert(field_tag<typename U::leaf>,
                      "sfcpp: a parent relationship cannot be selected by itself; select its fields "
                      "(Contact_.Account / Account_.Name)");
        append_path(out, U{});
    } else if constexpr (child_tag<U>) {
        static_assert(!child_tag<U>, "sfcpp: select a child relationship with a subquery: "
                                     "select(Contact_.Id).from(Account_.Contacts)");
    } else if constexpr (is_query_v<U>) {
        static_assert(is_relationship_query_v<U>,
                      "sfcpp: a subquery in the select list must be a child relationship subquery: "
                      "select(Contact_.Id).from(Account_.Contacts)");
        out += '(';
        out += item.render();
        out += ')';
    } else if constexpr (is_aggregate_v<U>) {
        operand_traits<U>::append(out);
        if constexpr (!std::is_void_v<typename U::alias>) {
            out += ' ';
            out += U::alias::name;
        }
    } else if constexpr (std::is_same_v<U, count_all>) {
        out += "COUNT()";
    } else if constexpr (is_typeof_v<U> || is_fields_v<U>) {
        U::append(out);
    } else {
        static_assert(is_typeof_v<U>, "sfcpp: select() takes field columns, parent paths, child relationship "
                                      "subqueries, typeof_(), aggregates or fields_standard/custom/all");
    }
}

// Checks of one item against the FROM object.
template <class From, class I>
constexpr void check_item() {
    if constexpr (is_path_v<I>) {
        static_assert(std::is_same_v<typename path_traits<I>::root, From>,
                      "sfcpp: a selected field belongs to another object; every field must be on the FROM object "
                      "or reached from it through parent relationships (Contact_.Account / Account_.Name)");
    } else if constexpr (is_relationship_query_v<I>) {
        static_assert(std::is_same_v<typename I::owner::record, From>,
                      "sfcpp: child subquery through a relationship the object does not have: the relationship "
                      "given to from() belongs to another object");
    } else if constexpr (is_typeof_v<I>) {
        static_assert(std::is_same_v<typename I::relationship::record, From>,
                      "sfcpp: TYPEOF names a relationship of another object");
    } else if constexpr (is_aggregate_v<I>) {
        static_assert(std::is_same_v<typename operand_traits<I>::root, From>,
                      "sfcpp: an aggregate's field belongs to another object than the FROM object");
    }
}

template <class Items>
struct items_info;
template <class... I>
struct items_info<tlist<I...>> {
    static constexpr bool has_fields = (is_fields_v<I> || ...);
    static constexpr bool has_fields_unbounded =
        ((is_fields_v<I> && !std::is_same_v<I, fields_item<field_set::standard>>) || ...);
    static constexpr bool has_count_all = (std::is_same_v<I, count_all> || ...);
    static constexpr bool has_aggregate = (is_aggregate_v<I> || ...) || has_count_all;
    static constexpr bool has_subquery = (is_relationship_query_v<I> || ...);
};

template <class P, class Groups>
struct in_groups;
template <class P, class... G>
struct in_groups<P, tlist<G...>> {
    static constexpr bool value = !is_path_v<P> || (std::is_same_v<P, G> || ...);
};

template <class Items, class Groups>
struct all_grouped;
template <class... I, class Groups>
struct all_grouped<tlist<I...>, Groups> {
    static constexpr bool value = (in_groups<I, Groups>::value && ...);
};

template <class T>
struct group_list {
    using type = tlist<T>;
};
template <class... C>
struct group_list<rollup_t<C...>> {
    using type = tlist<C...>;
};
template <class... C>
struct group_list<cube_t<C...>> {
    using type = tlist<C...>;
};

template <class From, class C>
void append_group(std::string& out) {
    static_assert(column<C>, "sfcpp: group_by() takes field columns, rollup(...) or cube(...)");
    if constexpr (column<C>) {
        static_assert(std::is_same_v<root_t<C>, From>, "sfcpp: a GROUP BY field belongs to another object");
        static_assert((flags_of<C> & sfcpp::flag::groupable) != 0,
                      "sfcpp: field is not groupable (describe says groupable=false); it cannot appear in GROUP BY");
        if (!out.empty() && out.back() != '(') out += ", ";
        append_path(out, as_path_t<C>{});
    }
}

template <class From, class T>
struct group_render {
    static void append(std::string& out) { append_group<From, T>(out); }
};
template <class From, class... C>
struct group_render<From, rollup_t<C...>> {
    static void append(std::string& out) {
        out += "ROLLUP(";
        (append_group<From, C>(out), ...);
        out += ')';
    }
};
template <class From, class... C>
struct group_render<From, cube_t<C...>> {
    static void append(std::string& out) {
        out += "CUBE(";
        (append_group<From, C>(out), ...);
        out += ')';
    }
};

template <class From, class Owner, class Items, class Groups>
struct row_of {
    using info = items_info<Items>;
    static constexpr bool aggregate_rows = info::has_aggregate || !std::is_same_v<Groups, tlist<>>;
    using type = typename std::conditional_t<
        info::has_fields, std::type_identity<From>,
        std::conditional_t<aggregate_rows, aggregate_row_for<Items>, row_for<From, Items>>>::type;
};

// Child subqueries and TYPEOF in a row.
template <class Record, class Child, class Rel, class Items, class Groups, clause_flags F>
struct item_spec<Record, query<Child, Rel, Items, Groups, F>> {
    using type = tlist<children_spec<Rel, typename query<Child, Rel, Items, Groups, F>::row_type>>;
};
template <class Record, class Rel, class W, class E>
struct item_spec<Record, typeof_item<Rel, W, E>> {
    using type = tlist<dynamic_spec<Rel>>;
};

}  // namespace detail

template <class From, class Owner, class Items, class Groups, clause_flags F>
class query {
    template <class, class, class, class, clause_flags>
    friend class query;
    template <class...>
    friend class selection;

    std::string select_, where_, group_, having_, order_;
    std::uint64_t limit_ = 0, offset_ = 0;

    template <clause_flags G, class NewGroups = Groups>
    query<From, Owner, Items, NewGroups, G> with() const {
        query<From, Owner, Items, NewGroups, G> q;
        q.select_ = select_;
        q.where_ = where_;
        q.group_ = group_;
        q.having_ = having_;
        q.order_ = order_;
        q.limit_ = limit_;
        q.offset_ = offset_;
        return q;
    }

    static constexpr clause_flags flags = F;
    using info = detail::items_info<Items>;

public:
    using record_type = From;
    using owner = Owner;
    using items = Items;
    using row_type = typename detail::row_of<From, Owner, Items, Groups>::type;
    using result_type = sfcpp::query_result<row_type>;
    static constexpr bool is_aggregate = detail::row_of<From, Owner, Items, Groups>::aggregate_rows;
    static constexpr bool has_order = F.order;
    static constexpr bool has_limit = F.limit;
    static constexpr bool has_lock = F.lock != lock_kind::none;

    // ---- clauses ----

    template <class R, bool A>
    auto where(const condition<R, A>& c) const {
        static_assert(!F.where, "sfcpp: where() was already called; combine conditions with && and ||");
        static_assert(std::is_same_v<R, From>,
                      "sfcpp: the WHERE condition uses a field of another object; fields must be on the FROM object "
                      "or reached from it through parent relationships");
        static_assert(!A, "sfcpp: aggregate functions cannot appear in WHERE; filter groups with having()");
        constexpr clause_flags g = [] { clause_flags f = F; f.where = true; return f; }();
        auto q = with<g>();
        q.where_ = c.text;
        return q;
    }

    template <class... G>
    auto group_by(const G&...) const {
        static_assert(!F.group, "sfcpp: group_by() was already called; list every column in one call");
        static_assert(sizeof...(G) > 0, "sfcpp: group_by() needs at least one column");
        static_assert(std::is_void_v<Owner>, "sfcpp: a child relationship subquery cannot use GROUP BY");
        constexpr bool has_set = ((detail::is_path_v<as_path_t<G>> ? false : true) || ...);
        static_assert(!has_set || sizeof...(G) == 1, "sfcpp: rollup(...) or cube(...) must be the only GROUP BY argument");
        constexpr clause_flags g = [] { clause_flags f = F; f.group = true; return f; }();
        using groups = detail::concat_t<typename detail::group_list<detail::item_t<G>>::type...>;
        auto q = with<g, groups>();
        (detail::group_render<From, detail::item_t<G>>::append(q.group_), ...);
        return q;
    }

    template <class R, bool A>
    auto having(const condition<R, A>& c) const {
        static_assert(!F.having, "sfcpp: having() was already called; combine conditions with && and ||");
        static_assert(F.group, "sfcpp: HAVING filters groups: call group_by() before having()");
        static_assert(std::is_same_v<R, From>, "sfcpp: the HAVING condition uses a field of another object");
        constexpr clause_flags g = [] { clause_flags f = F; f.having = true; return f; }();
        auto q = with<g>();
        q.having_ = c.text;
        return q;
    }

    template <class... O>
    auto order_by(const O&... items) const {
        static_assert(!F.order, "sfcpp: order_by() was already called; list every item in one call");
        static_assert(sizeof...(O) > 0, "sfcpp: order_by() needs at least one item");
        static_assert(F.lock != lock_kind::update,
                      "sfcpp: FOR UPDATE cannot be combined with ORDER BY (Salesforce rejects ORDER BY in a query "
                      "that locks rows)");
        constexpr bool agg = (decltype(detail::to_order_item(items))::aggregate || ...);
        static_assert((std::is_same_v<typename decltype(detail::to_order_item(items))::root, From> && ...),
                      "sfcpp: an ORDER BY field belongs to another object");
        constexpr clause_flags g = [] { clause_flags f = F; f.order = true; f.order_aggregate = agg; return f; }();
        auto q = with<g>();
        bool first = true;
        ((q.order_ += first ? "" : ", ", first = false, q.order_ += detail::to_order_item(items).text), ...);
        return q;
    }

    auto limit(std::uint64_t n) const {
        static_assert(!F.limit, "sfcpp: limit() was already called");
        constexpr clause_flags g = [] { clause_flags f = F; f.limit = true; return f; }();
        auto q = with<g>();
        q.limit_ = n;
        return q;
    }

    // Salesforce accepts OFFSET up to 2000; a larger value throws std::invalid_argument here.
    auto offset(std::uint64_t n) const {
        static_assert(!F.offset, "sfcpp: offset() was already called");
        if (n > 2000) throw std::invalid_argument("sfcpp::soql: OFFSET cannot exceed 2000");
        constexpr clause_flags g = [] { clause_flags f = F; f.offset = true; return f; }();
        auto q = with<g>();
        q.offset_ = n;
        return q;
    }

    auto for_view() const { return lock<lock_kind::view>(); }
    auto for_reference() const { return lock<lock_kind::reference>(); }
    // FOR UPDATE locks the rows; Salesforce honours it in Apex and rejects it with ORDER BY.
    auto for_update() const {
        static_assert(!F.order,
                      "sfcpp: FOR UPDATE cannot be combined with ORDER BY (Salesforce rejects ORDER BY in a query "
                      "that locks rows)");
        return lock<lock_kind::update>();
    }

    // ---- text ----

    // The exact SOQL text.
    std::string to_soql() const {
        static_assert(std::is_void_v<Owner>,
                      "sfcpp: a child relationship subquery (from(Account_.Contacts)) can only be used inside "
                      "another select()");
        static_assert(!info::has_fields_unbounded || F.limit,
                      "sfcpp: FIELDS(ALL) and FIELDS(CUSTOM) need limit() of 200 or less");
        if (info::has_fields_unbounded && limit_ > 200)
            throw std::invalid_argument("sfcpp::soql: FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of 200 or less");
        return render();
    }

    // The text without the top-level checks (for subqueries).
    std::string render() const {
        static_assert(!is_aggregate || detail::all_grouped<Items, Groups>::value,
                      "sfcpp: in a query with aggregate functions or GROUP BY, every selected field must be grouped "
                      "(listed in group_by()) or aggregated");
        static_assert(!F.order_aggregate || is_aggregate,
                      "sfcpp: ORDER BY an aggregate needs an aggregate query (GROUP BY or aggregate functions)");
        static_assert(!(info::has_count_all && F.group), "sfcpp: COUNT() cannot be used with GROUP BY; use COUNT(field)");
        std::string s = "SELECT ";
        s += select_;
        s += " FROM ";
        if constexpr (std::is_void_v<Owner>) s += From::sobject_name;
        else s += Owner::name;
        if (F.where) (s += " WHERE ") += where_;
        if (F.group) (s += " GROUP BY ") += group_;
        if (F.having) (s += " HAVING ") += having_;
        if (F.order) (s += " ORDER BY ") += order_;
        if (F.limit) (s += " LIMIT ") += std::to_string(limit_);
        if (F.offset) (s += " OFFSET ") += std::to_string(offset_);
        if constexpr (F.lock == lock_kind::view) s += " FOR VIEW";
        else if constexpr (F.lock == lock_kind::reference) s += " FOR REFERENCE";
        else if constexpr (F.lock == lock_kind::update) s += " FOR UPDATE";
        return s;
    }

private:
    template <lock_kind L>
    auto lock() const {
        static_assert(F.lock == lock_kind::none, "sfcpp: a query takes one of FOR VIEW, FOR REFERENCE, FOR UPDATE");
        static_assert(std::is_void_v<Owner>, "sfcpp: FOR VIEW, FOR REFERENCE and FOR UPDATE cannot be used in a subquery");
        constexpr clause_flags g = [] { clause_flags f = F; f.lock = L; return f; }();
        return with<g>();
    }
};

template <class From, class Owner, class Items, class Groups, clause_flags F>
std::string to_soql(const query<From, Owner, Items, Groups, F>& q) {
    return q.to_soql();
}

// The select list, waiting for from().
template <class... Items>
class selection {
    std::string text_;

    template <class From, class Owner>
    auto make() const {
        (detail::check_item<From, Items>(), ...);
        query<From, Owner, tlist<Items...>, tlist<>, clause_flags{}> q;
        q.select_ = text_;
        return q;
    }

public:
    explicit selection(std::string text) : text_(std::move(text)) {}

    // from(Account_): the generated columns object of the queried sObject.
    // from(Account_.Contacts): a child relationship subquery, to be used inside select().
    template <class X>
    auto from(const X&) const {
        if constexpr (child_tag<X>) {
            return make<typename X::child, X>();
        } else {
            static_assert(requires { typename std::remove_cvref_t<decltype(X::Id)>::record; },
                          "sfcpp: from() takes a generated columns object (Account_) or a child relationship "
                          "(Account_.Contacts)");
            return make<typename std::remove_cvref_t<decltype(X::Id)>::record, void>();
        }
    }

    // from<sobjects::Account>()
    template <sfcpp::record R>
    auto from() const {
        return make<R, void>();
    }
};

template <class... I>
auto select(const I&... items) {
    static_assert(sizeof...(I) > 0, "sfcpp: select() needs at least one item");
    using info = detail::items_info<tlist<detail::item_t<I>...>>;
    static_assert(!info::has_count_all || sizeof...(I) == 1, "sfcpp: COUNT() must be the only item of the select list");
    std::string text;
    bool first = true;
    ((text += first ? "" : ", ", first = false, detail::append_item(text, items)), ...);
    return selection<detail::item_t<I>...>(std::move(text));
}

// ---- semi-joins: Field IN (SELECT Id FROM ...) ---------------------------------------------

namespace detail {
template <class E, class Q>
auto semi_join(const Q& q, std::string_view op) {
    static_assert(std::is_void_v<typename Q::owner>,
                  "sfcpp: a semi-join takes a query from an object (from(Account_)), not a relationship subquery");
    static_assert(operand_traits<std::remove_cvref_t<E>>::klass == value_class::id,
                  "sfcpp: the left side of a semi-join (IN / NOT IN with a subquery) must be an Id or reference field");
    using items = typename Q::items;
    constexpr bool one_id = []<class... I>(tlist<I...>*) {
        if constexpr (sizeof...(I) == 1 && (is_path_v<I> && ...)) return ((classify(I::leaf::type) == value_class::id) && ...);
        else return false;
    }(static_cast<items*>(nullptr));
    static_assert(one_id, "sfcpp: a semi-join subquery must select exactly one Id or reference field");
    static_assert(!Q::has_order && !Q::has_limit && !Q::has_lock && !Q::is_aggregate,
                  "sfcpp: a semi-join subquery cannot use ORDER BY, LIMIT, FOR ..., or aggregates");
    check_filterable<E>();
    cond_for<E> c;
    append_operand<E>(c.text);
    c.text += op;
    c.text += '(';
    c.text += q.render();
    c.text += ')';
    return c;
}
}  // namespace detail

template <operand E, class From, class Owner, class Items, class Groups, clause_flags F>
auto in(const E&, const query<From, Owner, Items, Groups, F>& q) {
    return detail::semi_join<E>(q, " IN ");
}
template <operand E, class From, class Owner, class Items, class Groups, clause_flags F>
auto not_in(const E&, const query<From, Owner, Items, Groups, F>& q) {
    return detail::semi_join<E>(q, " NOT IN ");
}

}  // namespace sfcpp::soql
