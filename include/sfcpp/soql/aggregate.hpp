// sfcpp/soql/aggregate.hpp: aggregate functions and their aliases.
//
//   select(Opportunity_.StageName, sum(Opportunity_.Amount).as<total>(), count(Opportunity_.Id))
//       .from(Opportunity_).group_by(Opportunity_.StageName).having(count(Opportunity_.Id) > 1)
//
// The row of an aggregate query has one typed column per item: grouped fields keep their field
// type; COUNT and COUNT_DISTINCT give std::int64_t, SUM and AVG give double, MIN and MAX the
// field's own type. An aggregate without an alias is named expr0, expr1, ... as Salesforce
// names it (counting only the aggregates without an alias).
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/picklist.hpp>
#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/condition.hpp>
#include <sfcpp/soql/rules.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// Declares an alias usable as `.as<total>()`; the result row then has a member `total`.
#define SFCPP_SOQL_ALIAS(alias_)                                                                   \
    struct alias_ {                                                                                \
        static constexpr std::string_view name = #alias_;                                          \
        template <class V>                                                                         \
        struct member {                                                                            \
            V alias_;                                                                              \
            V& ref() noexcept { return alias_; }                                                   \
            const V& ref() const noexcept { return alias_; }                                       \
        };                                                                                         \
    }

namespace sfcpp::soql {

// The names Salesforce gives aggregates that have no alias.
SFCPP_SOQL_ALIAS(expr0);
SFCPP_SOQL_ALIAS(expr1);
SFCPP_SOQL_ALIAS(expr2);
SFCPP_SOQL_ALIAS(expr3);
SFCPP_SOQL_ALIAS(expr4);
SFCPP_SOQL_ALIAS(expr5);
SFCPP_SOQL_ALIAS(expr6);
SFCPP_SOQL_ALIAS(expr7);
SFCPP_SOQL_ALIAS(expr8);
SFCPP_SOQL_ALIAS(expr9);

namespace detail {
template <std::size_t I>
struct expr_alias;
template <> struct expr_alias<0> { using type = expr0; };
template <> struct expr_alias<1> { using type = expr1; };
template <> struct expr_alias<2> { using type = expr2; };
template <> struct expr_alias<3> { using type = expr3; };
template <> struct expr_alias<4> { using type = expr4; };
template <> struct expr_alias<5> { using type = expr5; };
template <> struct expr_alias<6> { using type = expr6; };
template <> struct expr_alias<7> { using type = expr7; };
template <> struct expr_alias<8> { using type = expr8; };
template <> struct expr_alias<9> { using type = expr9; };

// How a C++ value type is stored, for the row tables.
template <class T>
constexpr storage_kind storage_of() {
    if constexpr (std::is_same_v<T, std::string> || std::is_base_of_v<sfcpp::picklist<T>, T>) return storage_kind::string;
    else if constexpr (std::is_same_v<T, sfcpp::id>) return storage_kind::id;
    else if constexpr (std::is_same_v<T, bool>) return storage_kind::boolean;
    else if constexpr (std::is_same_v<T, std::int32_t>) return storage_kind::int32;
    else if constexpr (std::is_same_v<T, std::int64_t>) return storage_kind::int64;
    else if constexpr (std::is_same_v<T, double>) return storage_kind::float64;
    else if constexpr (std::is_same_v<T, sfcpp::date>) return storage_kind::date;
    else if constexpr (std::is_same_v<T, sfcpp::datetime>) return storage_kind::datetime;
    else if constexpr (std::is_same_v<T, sfcpp::time_of_day>) return storage_kind::time;
    else if constexpr (std::is_base_of_v<sfcpp::multipicklist<T>, T>) return storage_kind::multipicklist;
    else if constexpr (std::is_same_v<T, sfcpp::address>) return storage_kind::address;
    else if constexpr (std::is_same_v<T, sfcpp::location>) return storage_kind::location;
    else return storage_kind::json;
}
}  // namespace detail

namespace fn {
struct count { static constexpr std::string_view name = "COUNT"; };
struct count_distinct { static constexpr std::string_view name = "COUNT_DISTINCT"; };
struct sum { static constexpr std::string_view name = "SUM"; };
struct avg { static constexpr std::string_view name = "AVG"; };
struct min { static constexpr std::string_view name = "MIN"; };
struct max { static constexpr std::string_view name = "MAX"; };
}  // namespace fn

// `FN(column)`, with an optional alias.
template <class Fn, class C, class Alias = void>
struct aggregate {
    using function = Fn;
    using col = as_path_t<C>;
    using alias = Alias;

    // The result row names this column `A` (declared with SFCPP_SOQL_ALIAS(A)).
    template <class A>
    constexpr aggregate<Fn, C, A> as() const noexcept {
        if constexpr (!std::is_void_v<Alias>) (void)rule::alias_given_twice<aggregate>{};
        return {};
    }
};

// `COUNT()`: the number of matching rows, sent back as totalSize with no records.
struct count_all {};

template <class T>
inline constexpr bool is_aggregate_v = false;
template <class Fn, class C, class A>
inline constexpr bool is_aggregate_v<aggregate<Fn, C, A>> = true;

template <class Fn, class C, class A>
struct operand_traits<aggregate<Fn, C, A>> {
    using leaf = leaf_t<C>;
    using root = root_t<C>;
    static constexpr bool counting = std::is_same_v<Fn, fn::count> || std::is_same_v<Fn, fn::count_distinct>;
    static constexpr bool averaging = std::is_same_v<Fn, fn::sum> || std::is_same_v<Fn, fn::avg>;
    using value_type = std::conditional_t<counting, std::int64_t,
                                          std::conditional_t<averaging, double, typename leaf::value_type>>;
    static constexpr value_class klass = (counting || averaging) ? value_class::number : classify(leaf::type);
    static constexpr bool aggregate = true;
    static constexpr field_type result_type =
        counting ? field_type::long_ : averaging ? field_type::double_ : leaf::type;
    static void append(std::string& out) {
        out += Fn::name;
        out += '(';
        append_path(out, as_path_t<C>{});
        out += ')';
    }
};

namespace detail {
template <class Fn, class C>
constexpr aggregate<Fn, std::remove_cvref_t<C>> make_aggregate() {
    using U = std::remove_cvref_t<C>;
    if constexpr (!column<U>) {
        (void)rule::aggregate_needs_field<U>{};
    } else {
        using shown = rule::shown_t<U>;
        constexpr value_class k = class_of<U>;
        constexpr bool sum_avg = std::is_same_v<Fn, fn::sum> || std::is_same_v<Fn, fn::avg>;
        constexpr bool min_max = std::is_same_v<Fn, fn::min> || std::is_same_v<Fn, fn::max>;
        if constexpr ((flags_of<U> & sfcpp::flag::aggregatable) == 0)
            (void)rule::not_aggregatable<shown>{};
        else if constexpr (sum_avg && k != value_class::number)
            (void)rule::sum_avg_needs_number<Fn, shown>{};
        else if constexpr (min_max && (k == value_class::boolean || k == value_class::multipicklist ||
                                       k == value_class::compound))
            (void)rule::min_max_not_allowed<Fn, shown>{};
    }
    return {};
}
}  // namespace detail

constexpr count_all count() noexcept { return {}; }
template <class C>
constexpr auto count(const C&) { return detail::make_aggregate<fn::count, C>(); }
template <class C>
constexpr auto count_distinct(const C&) { return detail::make_aggregate<fn::count_distinct, C>(); }
template <class C>
constexpr auto sum(const C&) { return detail::make_aggregate<fn::sum, C>(); }
template <class C>
constexpr auto avg(const C&) { return detail::make_aggregate<fn::avg, C>(); }
template <class C>
constexpr auto min(const C&) { return detail::make_aggregate<fn::min, C>(); }
template <class C>
constexpr auto max(const C&) { return detail::make_aggregate<fn::max, C>(); }

// ---- GROUP BY ROLLUP / CUBE ----------------------------------------------------------------

template <class... C>
struct rollup_t {};
template <class... C>
struct cube_t {};

template <class... C>
constexpr rollup_t<as_path_t<C>...> rollup(const C&...) noexcept { return {}; }
template <class... C>
constexpr cube_t<as_path_t<C>...> cube(const C&...) noexcept { return {}; }

}  // namespace sfcpp::soql
