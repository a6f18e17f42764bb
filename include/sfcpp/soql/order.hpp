// sfcpp/soql/order.hpp: ORDER BY items.
//
//   .order_by(desc(Account_.AnnualRevenue).nulls_last(), Account_.Name)
//
// A field must be sortable in its describe; aggregates (ORDER BY SUM(Amount) DESC) are allowed
// in aggregate queries.
#pragma once

#include <sfcpp/soql/condition.hpp>
#include <sfcpp/soql/rules.hpp>

#include <string>
#include <type_traits>

namespace sfcpp::soql {

// E: the column or aggregate ordered by, kept so that an item on another object can be named.
template <class E>
struct order_item {
    using operand = E;
    using root = typename operand_traits<E>::root;
    static constexpr bool aggregate = operand_traits<E>::aggregate;
    std::string text;

    order_item nulls_first() const& { return {text + " NULLS FIRST"}; }
    order_item nulls_last() const& { return {text + " NULLS LAST"}; }
};

// What to_order_item() gives for an argument that cannot be ordered by, once the rule has failed.
template <>
struct order_item<void> {
    using operand = void;
    using root = void;
    static constexpr bool aggregate = false;
    std::string text;
};

template <class T>
inline constexpr bool is_order_item_v = false;
template <class E>
inline constexpr bool is_order_item_v<order_item<E>> = true;

namespace detail {
template <class E>
auto make_order(const char* direction) {
    using O = std::remove_cvref_t<E>;
    if constexpr (column<O>) {
        if constexpr ((flags_of<O> & sfcpp::flag::sortable) == 0) (void)rule::not_sortable<rule::shown_t<O>>{};
    }
    order_item<O> o;
    operand_traits<O>::append(o.text);
    o.text += direction;
    return o;
}

template <class T>
auto to_order_item(const T& t) {
    using U = std::remove_cvref_t<T>;
    if constexpr (is_order_item_v<U>) {
        return t;
    } else if constexpr (!operand<U>) {
        (void)rule::order_by_item_not_allowed<U>{};
        return order_item<void>{};
    } else {
        return make_order<U>("");
    }
}
}  // namespace detail

template <operand E>
auto asc(const E&) {
    return detail::make_order<E>(" ASC");
}
template <operand E>
auto desc(const E&) {
    return detail::make_order<E>(" DESC");
}

}  // namespace sfcpp::soql
