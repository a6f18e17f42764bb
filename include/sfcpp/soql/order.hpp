// sfcpp/soql/order.hpp: ORDER BY items.
//
//   .order_by(desc(Account_.AnnualRevenue).nulls_last(), Account_.Name)
//
// A field must be sortable in its describe; aggregates (ORDER BY SUM(Amount) DESC) are allowed
// in aggregate queries.
#pragma once

#include <sfcpp/soql/condition.hpp>

#include <string>
#include <type_traits>

namespace sfcpp::soql {

template <class Root, bool Aggregate>
struct order_item {
    using root = Root;
    static constexpr bool aggregate = Aggregate;
    std::string text;

    order_item nulls_first() const& { return {text + " NULLS FIRST"}; }
    order_item nulls_last() const& { return {text + " NULLS LAST"}; }
};

template <class T>
inline constexpr bool is_order_item_v = false;
template <class R, bool A>
inline constexpr bool is_order_item_v<order_item<R, A>> = true;

namespace detail {
template <class E>
auto make_order(const char* direction) {
    using tr = operand_traits<std::remove_cvref_t<E>>;
    if constexpr (column<E>) {
        static_assert((flags_of<E> & sfcpp::flag::sortable) != 0,
                      "sfcpp: field is not sortable (describe says sortable=false); it cannot appear in ORDER BY");
    }
    order_item<typename tr::root, tr::aggregate> o;
    tr::append(o.text);
    o.text += direction;
    return o;
}

template <class T>
auto to_order_item(const T& t) {
    using U = std::remove_cvref_t<T>;
    if constexpr (is_order_item_v<U>) {
        return t;
    } else {
        static_assert(operand<U>, "sfcpp: order_by() takes columns, aggregates, asc(...) or desc(...)");
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
