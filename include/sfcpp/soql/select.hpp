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
// rule that can be checked from the types fails at compile time with the Salesforce rule and the
// field that broke it (rules.hpp); the few that depend on run-time values (LIMIT with FIELDS(ALL),
// OFFSET over 2000, an empty IN list) throw soql::query_error.
#pragma once

#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>
#include <sfcpp/soql/aggregate.hpp>
#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/condition.hpp>
#include <sfcpp/soql/order.hpp>
#include <sfcpp/soql/row.hpp>
#include <sfcpp/soql/rules.hpp>
#include <sfcpp/soql/typeof.hpp>

#include <cstdint>
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
        if constexpr (!field_tag<typename U::leaf>) (void)rule::parent_selected_alone<rule::shown_t<U>>{};
        append_path(out, U{});
    } else if constexpr (child_tag<U>) {
        (void)rule::child_selected_alone<U>{};
    } else if constexpr (is_query_v<U>) {
        if constexpr (!is_relationship_query_v<U>)
            (void)rule::subquery_not_through_relationship<typename U::record_type>{};
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
        (void)rule::select_item_not_allowed<U>{};
    }
}

// Checks of one item against the FROM object.
template <class From, class I>
constexpr void check_item() {
    if constexpr (is_path_v<I>) {
        if constexpr (!std::is_same_v<typename path_traits<I>::root, From>)
            (void)rule::selected_field_of_another_object<From, rule::shown_t<I>>{};
    } else if constexpr (is_relationship_query_v<I>) {
        if constexpr (!std::is_same_v<typename I::owner::record, From>)
            (void)rule::subquery_of_another_object<From, typename I::owner>{};
    } else if constexpr (is_typeof_v<I>) {
        if constexpr (!std::is_same_v<typename I::relationship::record, From>)
            (void)rule::typeof_of_another_object<From, typename I::relationship>{};
    } else if constexpr (is_aggregate_v<I>) {
        if constexpr (!std::is_same_v<typename operand_traits<I>::root, From>)
            (void)rule::aggregate_of_another_object<From, I>{};
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

template <class Groups, class... I>
struct first_ungrouped {
    using type = void;
};
template <class Groups, class I, class... Rest>
struct first_ungrouped<Groups, I, Rest...> {
    using type = std::conditional_t<in_groups<I, Groups>::value, typename first_ungrouped<Groups, Rest...>::type, I>;
};

// An ORDER BY item (an order_item<E>) against the FROM object.
template <class From, class Item>
constexpr void check_order_item() {
    if constexpr (!std::is_void_v<typename Item::operand> && !std::is_same_v<typename Item::root, From>)
        (void)rule::ordered_field_of_another_object<From, rule::shown_t<typename Item::operand>>{};
}

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
    if constexpr (!column<C>) {
        (void)rule::group_by_needs_field<C>{};
    } else {
        if constexpr (!std::is_same_v<root_t<C>, From>)
            (void)rule::grouped_field_of_another_object<From, rule::shown_t<as_path_t<C>>>{};
        else if constexpr ((flags_of<C> & sfcpp::flag::groupable) == 0)
            (void)rule::not_groupable<rule::shown_t<as_path_t<C>>>{};
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
    template <class L>
    struct ungrouped;
    template <class... I>
    struct ungrouped<tlist<I...>> {
        using type = typename detail::first_ungrouped<Groups, I...>::type;
    };

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
        if constexpr (F.where) (void)rule::where_given_twice<From>{};
        else if constexpr (!std::is_same_v<R, From>) (void)rule::where_on_another_object<From, R>{};
        else if constexpr (A) (void)rule::aggregate_in_where<From>{};
        constexpr clause_flags g = [] { clause_flags f = F; f.where = true; return f; }();
        auto q = with<g>();
        q.where_ = c.text;
        return q;
    }

    template <class... G>
    auto group_by(const G&...) const {
        constexpr bool has_set = (!detail::is_path_v<detail::item_t<G>> || ...);  // rollup(...), cube(...)
        if constexpr (F.group) (void)rule::group_by_given_twice<From>{};
        else if constexpr (sizeof...(G) == 0) (void)rule::group_by_without_columns<From>{};
        else if constexpr (!std::is_void_v<Owner>) (void)rule::group_by_in_subquery<Owner>{};
        else if constexpr (has_set && sizeof...(G) > 1) (void)rule::rollup_or_cube_not_alone<From>{};
        constexpr clause_flags g = [] { clause_flags f = F; f.group = true; return f; }();
        using groups = detail::concat_t<typename detail::group_list<detail::item_t<G>>::type...>;
        auto q = with<g, groups>();
        (detail::group_render<From, detail::item_t<G>>::append(q.group_), ...);
        return q;
    }

    template <class R, bool A>
    auto having(const condition<R, A>& c) const {
        if constexpr (F.having) (void)rule::having_given_twice<From>{};
        else if constexpr (!F.group) (void)rule::having_without_group_by<From>{};
        else if constexpr (!std::is_same_v<R, From>) (void)rule::having_on_another_object<From, R>{};
        constexpr clause_flags g = [] { clause_flags f = F; f.having = true; return f; }();
        auto q = with<g>();
        q.having_ = c.text;
        return q;
    }

    template <class... O>
    auto order_by(const O&... items) const {
        if constexpr (F.order) (void)rule::order_by_given_twice<From>{};
        else if constexpr (sizeof...(O) == 0) (void)rule::order_by_without_items<From>{};
        else if constexpr (F.lock == lock_kind::update) (void)rule::for_update_with_order_by<From>{};
        (detail::check_order_item<From, decltype(detail::to_order_item(items))>(), ...);
        constexpr bool agg = (decltype(detail::to_order_item(items))::aggregate || ...);
        constexpr clause_flags g = [] { clause_flags f = F; f.order = true; f.order_aggregate = agg; return f; }();
        auto q = with<g>();
        bool first = true;
        ((q.order_ += first ? "" : ", ", first = false, q.order_ += detail::to_order_item(items).text), ...);
        return q;
    }

    auto limit(std::uint64_t n) const {
        if constexpr (F.limit) (void)rule::limit_given_twice<From>{};
        constexpr clause_flags g = [] { clause_flags f = F; f.limit = true; return f; }();
        auto q = with<g>();
        q.limit_ = n;
        return q;
    }

    // Salesforce accepts OFFSET up to 2000; a larger value throws query_error here.
    auto offset(std::uint64_t n) const {
        if constexpr (F.offset) (void)rule::offset_given_twice<From>{};
        if (n > 2000) throw query_error("sfcpp::soql: OFFSET cannot exceed 2000");
        constexpr clause_flags g = [] { clause_flags f = F; f.offset = true; return f; }();
        auto q = with<g>();
        q.offset_ = n;
        return q;
    }

    auto for_view() const { return lock<lock_kind::view>(); }
    auto for_reference() const { return lock<lock_kind::reference>(); }
    // FOR UPDATE locks the rows; Salesforce honours it in Apex and rejects it with ORDER BY.
    auto for_update() const {
        if constexpr (F.order) (void)rule::for_update_with_order_by<From>{};
        return lock<lock_kind::update>();
    }

    // ---- text ----

    // The exact SOQL text.
    std::string to_soql() const {
        if constexpr (!std::is_void_v<Owner>) (void)rule::subquery_alone<Owner>{};
        else if constexpr (info::has_fields_unbounded && !F.limit) (void)rule::fields_without_limit<From>{};
        if (info::has_fields_unbounded && limit_ > 200)
            throw query_error("sfcpp::soql: FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of 200 or less");
        return render();
    }

    // The text without the top-level checks (for subqueries).
    std::string render() const {
        if constexpr (is_aggregate && !detail::all_grouped<Items, Groups>::value)
            (void)rule::not_grouped<From, rule::shown_t<typename ungrouped<Items>::type>>{};
        else if constexpr (F.order_aggregate && !is_aggregate)
            (void)rule::order_by_aggregate_needs_aggregate_query<From>{};
        else if constexpr (info::has_count_all && F.group)
            (void)rule::count_with_group_by<From>{};
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
        if constexpr (F.lock != lock_kind::none) (void)rule::lock_given_twice<From>{};
        else if constexpr (!std::is_void_v<Owner>) (void)rule::lock_in_subquery<Owner>{};
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
        } else if constexpr (requires { typename std::remove_cvref_t<decltype(X::Id)>::record; }) {
            return make<typename std::remove_cvref_t<decltype(X::Id)>::record, void>();
        } else {
            (void)rule::from_needs_object<X>{};
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
    using info = detail::items_info<tlist<detail::item_t<I>...>>;
    if constexpr (sizeof...(I) == 0) (void)rule::select_without_items<I...>{};
    else if constexpr (info::has_count_all && sizeof...(I) > 1) (void)rule::count_not_alone<detail::item_t<I>...>{};
    std::string text;
    bool first = true;
    ((text += first ? "" : ", ", first = false, detail::append_item(text, items)), ...);
    return selection<detail::item_t<I>...>(std::move(text));
}

// ---- semi-joins: Field IN (SELECT Id FROM ...) ---------------------------------------------

namespace detail {
template <class E, class Q>
auto semi_join(const Q& q, std::string_view op) {
    using O = std::remove_cvref_t<E>;
    using items = typename Q::items;
    constexpr bool one_id = []<class... I>(tlist<I...>*) {
        if constexpr (sizeof...(I) == 1 && (is_path_v<I> && ...)) return ((classify(I::leaf::type) == value_class::id) && ...);
        else return false;
    }(static_cast<items*>(nullptr));
    if constexpr (!std::is_void_v<typename Q::owner>) (void)rule::semi_join_from_relationship<typename Q::owner>{};
    else if constexpr (operand_traits<O>::klass != value_class::id) (void)rule::semi_join_needs_id<O>{};
    else if constexpr (!one_id) (void)rule::semi_join_needs_one_id<typename Q::record_type>{};
    else if constexpr (Q::has_order || Q::has_limit || Q::has_lock || Q::is_aggregate)
        (void)rule::semi_join_clauses<typename Q::record_type>{};
    else check_filterable<E>();
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
