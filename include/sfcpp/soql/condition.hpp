// sfcpp/soql/condition.hpp: WHERE and HAVING conditions.
//
//   Account_.AnnualRevenue > 1e6 && Account_.Industry == Account_Industry::Banking
//   like(Account_.Name, "Acme%") || is_null(Account_.Website)
//   in(Account_.Industry, {Account_Industry::Banking, Account_Industry::Energy})
//   includes(Invoice_c_.Tags_c, Invoice_c_Tags_c::Priority)
//
// A condition is rendered to text as soon as it is built: its type keeps only the object it
// filters (checked by where()) and whether it holds aggregates (allowed only in HAVING), so
// long filters cost no more templates than short ones. Each operand is checked where it is
// written: the field must be filterable, the value must fit the field's Salesforce type.
#pragma once

#include <sfcpp/error.hpp>
#include <sfcpp/picklist.hpp>
#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/date_literal.hpp>
#include <sfcpp/soql/literal.hpp>
#include <sfcpp/soql/rules.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace sfcpp::soql {

// A query that Salesforce would refuse, for a reason only the run-time values show: an empty IN
// list, OFFSET over 2000, FIELDS(ALL) with a LIMIT over 200. (What the types show fails to
// compile instead: rules.hpp.)
class query_error : public error {
public:
    using error::error;
};

enum class cond_kind : std::uint8_t { atom, and_, or_, not_ };

template <class Root, bool Aggregate = false>
struct condition {
    using root = Root;
    static constexpr bool aggregate = Aggregate;
    std::string text;
    cond_kind kind = cond_kind::atom;
};

template <class T>
inline constexpr bool is_condition_v = false;
template <class R, bool A>
inline constexpr bool is_condition_v<condition<R, A>> = true;

// ---- operands ------------------------------------------------------------------------------

// What can stand left of an operator: a column, or an aggregate function (for HAVING; see
// aggregate.hpp, which adds its own specialization).
template <class E>
struct operand_traits;

template <column E>
struct operand_traits<E> {
    using leaf = leaf_t<E>;
    using root = root_t<E>;
    using value_type = typename leaf::value_type;
    static constexpr value_class klass = classify(leaf::type);
    static constexpr bool aggregate = false;
    static void append(std::string& out) { append_path(out, as_path_t<E>{}); }
};

template <class E>
concept operand = requires { operand_traits<std::remove_cvref_t<E>>::klass; };

namespace detail {

template <class T>
inline constexpr bool is_picklist_literal_v = false;
template <class P>
inline constexpr bool is_picklist_literal_v<sfcpp::picklist_literal<P>> = true;

template <class V>
concept stringish = std::convertible_to<const V&, std::string_view> && !std::same_as<V, std::nullptr_t>;

template <class V>
concept number_value = std::is_arithmetic_v<V> && !std::same_as<V, bool> && !std::same_as<V, char> &&
                       !std::same_as<V, char8_t> && !std::same_as<V, char16_t> && !std::same_as<V, char32_t> &&
                       !std::same_as<V, wchar_t>;

// A column in WHERE: the describe must say filterable.
template <class E>
constexpr void check_filterable() {
    using T = std::remove_cvref_t<E>;
    if constexpr (column<T>) {
        if constexpr ((flags_of<T> & sfcpp::flag::filterable) == 0) (void)rule::not_filterable<T>{};
    }
}

// Static checks that a value of type V fits the operand E: at most one rule fails.
template <class E, class V>
constexpr void check_value() {
    using O = std::remove_cvref_t<E>;
    using tr = operand_traits<O>;
    using T = typename tr::value_type;
    using U = std::remove_cvref_t<V>;
    constexpr value_class k = tr::klass;
    constexpr bool own_constant = stringish<U> || std::is_same_v<U, T> || std::is_same_v<U, sfcpp::picklist_literal<T>>;
    if constexpr (std::is_same_v<U, std::nullptr_t>) {
        if constexpr (tr::aggregate) (void)rule::aggregate_compared_with_null<O>{};
    } else if constexpr (k == value_class::text) {
        if constexpr (!stringish<U>) (void)rule::text_field_takes_string<O, U>{};
    } else if constexpr (k == value_class::picklist) {
        if constexpr (!own_constant) (void)rule::picklist_takes_own_constant<O, U>{};
    } else if constexpr (k == value_class::multipicklist) {
        if constexpr (!own_constant) (void)rule::multipicklist_takes_own_constant<O, U>{};
    } else if constexpr (k == value_class::id) {
        if constexpr (!std::is_same_v<U, sfcpp::id>) (void)rule::id_field_takes_id<O, U>{};
    } else if constexpr (k == value_class::boolean) {
        if constexpr (!std::is_same_v<U, bool>) (void)rule::checkbox_takes_bool<O, U>{};
    } else if constexpr (k == value_class::number) {
        if constexpr (!number_value<U>) (void)rule::number_field_takes_number<O, U>{};
    } else if constexpr (k == value_class::date) {
        if constexpr (std::is_same_v<U, sfcpp::datetime>) (void)rule::date_compared_with_datetime<O, U>{};
        else if constexpr (!std::is_same_v<U, sfcpp::date> && !std::is_same_v<U, date_literal>)
            (void)rule::date_field_takes_date<O, U>{};
    } else if constexpr (k == value_class::datetime) {
        if constexpr (std::is_same_v<U, sfcpp::date>) (void)rule::datetime_compared_with_date<O, U>{};
        else if constexpr (!std::is_same_v<U, sfcpp::datetime> && !std::is_same_v<U, date_literal>)
            (void)rule::datetime_field_takes_datetime<O, U>{};
    } else if constexpr (k == value_class::time) {
        if constexpr (!std::is_same_v<U, sfcpp::time_of_day>) (void)rule::time_field_takes_time<O, U>{};
    } else if constexpr (k == value_class::compound) {
        (void)rule::compound_field_compared<O>{};
    } else {
        (void)rule::type_not_comparable<O>{};
    }
}

template <class V>
void append_value(std::string& out, const V& v) {
    using U = std::remove_cvref_t<V>;
    if constexpr (is_picklist_literal_v<U>) append_quoted(out, v.value);
    else if constexpr (std::is_base_of_v<sfcpp::picklist<U>, U>) append_quoted(out, v.view());
    else if constexpr (std::is_base_of_v<sfcpp::multipicklist<U>, U>) append_quoted(out, v.to_wire());
    else if constexpr (stringish<U>) append_quoted(out, std::string_view(v));
    else if constexpr (std::is_floating_point_v<U>) append_literal(out, static_cast<double>(v));
    else append_literal(out, v);
}

template <class E>
void append_operand(std::string& out) {
    operand_traits<std::remove_cvref_t<E>>::append(out);
}

template <class E>
using cond_for = condition<typename operand_traits<std::remove_cvref_t<E>>::root,
                           operand_traits<std::remove_cvref_t<E>>::aggregate>;

template <class E, class V>
cond_for<E> compare(std::string_view op, const V& v) {
    check_filterable<E>();
    check_value<E, V>();
    cond_for<E> c;
    append_operand<E>(c.text);
    c.text += ' ';
    c.text += op;
    c.text += ' ';
    append_value(c.text, v);
    return c;
}

template <class E, class V>
cond_for<E> ordered_compare(std::string_view op, const V& v) {
    using O = std::remove_cvref_t<E>;
    constexpr value_class k = operand_traits<O>::klass;
    if constexpr (k == value_class::boolean || k == value_class::multipicklist)
        (void)rule::ordered_comparison_not_allowed<O>{};
    else if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullptr_t>)
        (void)rule::ordered_comparison_with_null<O>{};
    return compare<E>(op, v);
}

// Parentheses where precedence needs them: a child of AND/OR is wrapped unless it is a plain
// comparison or the same operator (a AND b AND c); SOQL requires them when AND and OR mix.
inline void append_child(std::string& out, const std::string& text, cond_kind child, cond_kind parent) {
    const bool wrap = child != cond_kind::atom && child != parent;
    if (wrap) out += '(';
    out += text;
    if (wrap) out += ')';
}

template <class R, bool A, bool B>
condition<R, A || B> combine(const condition<R, A>& a, const condition<R, B>& b, cond_kind kind) {
    condition<R, A || B> c;
    c.kind = kind;
    append_child(c.text, a.text, a.kind, kind);
    c.text += kind == cond_kind::and_ ? " AND " : " OR ";
    append_child(c.text, b.text, b.kind, kind);
    return c;
}

}  // namespace detail

// ---- comparisons ---------------------------------------------------------------------------

template <operand E, class V>
    requires(!operand<V> && !is_condition_v<std::remove_cvref_t<V>>)
auto operator==(const E&, const V& v) {
    return detail::compare<E>("=", v);
}
template <operand E, class V>
    requires(!operand<V> && !is_condition_v<std::remove_cvref_t<V>>)
auto operator!=(const E&, const V& v) {
    return detail::compare<E>("!=", v);
}
template <operand E, class V>
    requires(!operand<V>)
auto operator<(const E&, const V& v) {
    return detail::ordered_compare<E>("<", v);
}
template <operand E, class V>
    requires(!operand<V>)
auto operator<=(const E&, const V& v) {
    return detail::ordered_compare<E>("<=", v);
}
template <operand E, class V>
    requires(!operand<V>)
auto operator>(const E&, const V& v) {
    return detail::ordered_compare<E>(">", v);
}
template <operand E, class V>
    requires(!operand<V>)
auto operator>=(const E&, const V& v) {
    return detail::ordered_compare<E>(">=", v);
}

// `Field = null` / `Field != null`
template <operand E>
auto is_null(const E&) {
    return detail::compare<E>("=", nullptr);
}
template <operand E>
auto is_not_null(const E&) {
    return detail::compare<E>("!=", nullptr);
}

// ---- LIKE ----------------------------------------------------------------------------------

namespace detail {
template <class E>
constexpr void check_like() {
    using O = std::remove_cvref_t<E>;
    constexpr value_class k = operand_traits<O>::klass;
    if constexpr (k != value_class::text && k != value_class::picklist) (void)rule::like_needs_text<O>{};
    else check_filterable<E>();
}
}  // namespace detail

// `Name LIKE 'Acme%'`: `%` and `_` in the pattern are wildcards; everything else is escaped.
template <operand E>
auto like(const E&, std::string_view pattern) {
    detail::check_like<E>();
    detail::cond_for<E> c;
    detail::append_operand<E>(c.text);
    c.text += " LIKE ";
    append_like_literal(c.text, pattern);
    return c;
}
// A pattern made with like_escape(), contains_pattern(), ...: used as already escaped.
template <operand E>
auto like(const E&, const like_pattern& pattern) {
    detail::check_like<E>();
    detail::cond_for<E> c;
    detail::append_operand<E>(c.text);
    c.text += " LIKE ";
    append_like_literal(c.text, pattern);
    return c;
}
// The text matched literally (its `%` and `_` escaped), anywhere / at the start / at the end.
template <operand E>
auto contains(const E& e, std::string_view text) {
    return like(e, contains_pattern(text));
}
template <operand E>
auto starts_with(const E& e, std::string_view text) {
    return like(e, starts_with_pattern(text));
}
template <operand E>
auto ends_with(const E& e, std::string_view text) {
    return like(e, ends_with_pattern(text));
}

// ---- IN / NOT IN with values ---------------------------------------------------------------

namespace detail {
template <class E, class R>
auto in_values(const R& values, std::string_view op) {
    using O = std::remove_cvref_t<E>;
    if constexpr (operand_traits<O>::klass == value_class::multipicklist) (void)rule::in_on_multipicklist<O>{};
    else check_filterable<E>();
    cond_for<E> c;
    append_operand<E>(c.text);
    c.text += op;
    c.text += '(';
    bool first = true;
    for (const auto& v : values) {
        check_value<E, std::remove_cvref_t<decltype(v)>>();
        if (!first) c.text += ", ";
        first = false;
        append_value(c.text, v);
    }
    if (first) throw query_error("sfcpp::soql: IN and NOT IN need at least one value");
    c.text += ')';
    return c;
}

template <class R>
concept value_range = requires(const R& r) {
    r.begin();
    r.end();
} && !stringish<R> && !requires { typename R::row_type; };
}  // namespace detail

template <operand E, class V>
auto in(const E&, std::initializer_list<V> values) {
    return detail::in_values<E>(values, " IN ");
}
template <operand E, detail::value_range R>
auto in(const E&, const R& values) {
    return detail::in_values<E>(values, " IN ");
}
template <operand E, class V>
auto not_in(const E&, std::initializer_list<V> values) {
    return detail::in_values<E>(values, " NOT IN ");
}
template <operand E, detail::value_range R>
auto not_in(const E&, const R& values) {
    return detail::in_values<E>(values, " NOT IN ");
}

// ---- INCLUDES / EXCLUDES -------------------------------------------------------------------

namespace detail {
template <class E, class... V>
auto set_compare(std::string_view op, const V&... values) {
    using O = std::remove_cvref_t<E>;
    if constexpr (operand_traits<O>::klass != value_class::multipicklist) {
        (void)rule::includes_needs_multipicklist<O>{};
    } else if constexpr (sizeof...(V) == 0) {
        (void)rule::includes_without_values<O>{};
    } else {
        check_filterable<E>();
        (check_value<E, V>(), ...);
    }
    cond_for<E> c;
    append_operand<E>(c.text);
    c.text += op;
    c.text += '(';
    bool first = true;
    ((c.text += first ? "" : ", ", first = false, append_value(c.text, values)), ...);
    c.text += ')';
    return c;
}
}  // namespace detail

// `Tags__c INCLUDES ('a', 'b;c')`: each argument is one value or, as a multipicklist, a set of
// values that must all be present.
template <operand E, class... V>
auto includes(const E&, const V&... values) {
    return detail::set_compare<E>(" INCLUDES ", values...);
}
template <operand E, class... V>
auto excludes(const E&, const V&... values) {
    return detail::set_compare<E>(" EXCLUDES ", values...);
}

// ---- AND / OR / NOT ------------------------------------------------------------------------

template <class R1, bool A1, class R2, bool A2>
auto operator&&(const condition<R1, A1>& a, const condition<R2, A2>& b) {
    if constexpr (!std::is_same_v<R1, R2>) (void)rule::conditions_on_two_objects<R1, R2>{};
    return detail::combine(a, condition<R1, A2>{b.text, b.kind}, cond_kind::and_);
}
template <class R1, bool A1, class R2, bool A2>
auto operator||(const condition<R1, A1>& a, const condition<R2, A2>& b) {
    if constexpr (!std::is_same_v<R1, R2>) (void)rule::conditions_on_two_objects<R1, R2>{};
    return detail::combine(a, condition<R1, A2>{b.text, b.kind}, cond_kind::or_);
}
template <class R, bool A>
condition<R, A> operator!(const condition<R, A>& a) {
    condition<R, A> c;
    c.kind = cond_kind::not_;
    c.text = "NOT ";
    // NOT binds to a single comparison; anything compound is wrapped, NOT NOT x included.
    if (a.kind == cond_kind::atom) {
        c.text += a.text;
    } else {
        c.text += '(';
        c.text += a.text;
        c.text += ')';
    }
    return c;
}

}  // namespace sfcpp::soql
