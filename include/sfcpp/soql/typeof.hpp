// sfcpp/soql/typeof.hpp: TYPEOF over a polymorphic relationship, and FIELDS().
//
//   typeof_(Event_.What)
//       .when(Account_.Name, Account_.Phone)       // WHEN Account THEN Name, Phone
//       .when(Opportunity_.Amount)                 // WHEN Opportunity THEN Amount
//       .else_(name_.Name)                         // ELSE Name
//
// The object of each WHEN is the object of its fields. The row holds the parent as an
// sfcpp::dynamic_parent (its JSON and its type), since its shape depends on the row.
#pragma once

#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/rules.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace sfcpp::soql {

template <class Object, class... C>
struct when_clause {
    using object_type = Object;
};

template <class Rel, class Whens, class Else>
struct typeof_item;

namespace detail {
template <class... C>
void append_column_list(std::string& out) {
    bool first = true;
    ((out += first ? "" : ", ", first = false, append_path(out, C{})), ...);
}

// The first argument that breaks a rule, for naming it.
template <class... C>
struct first_not_column {
    using type = void;
};
template <class C, class... Cs>
struct first_not_column<C, Cs...> {
    using type = std::conditional_t<column<C>, typename first_not_column<Cs...>::type, C>;
};
template <class... C>
using first_not_column_t = typename first_not_column<C...>::type;

template <class Object, class... C>
struct first_not_on {
    using type = void;
};
template <class Object, class C, class... Cs>
struct first_not_on<Object, C, Cs...> {
    using type = std::conditional_t<std::is_same_v<root_t<C>, Object>, typename first_not_on<Object, Cs...>::type, C>;
};
template <class Object, class... C>
using first_not_on_t = typename first_not_on<Object, C...>::type;

template <class C>
concept name_field = requires {
    typename C::record;
    requires std::is_same_v<typename C::record, name_object>;
};

template <class... C>
struct first_not_name_field {
    using type = void;
};
template <class C, class... Cs>
struct first_not_name_field<C, Cs...> {
    using type = std::conditional_t<name_field<C>, typename first_not_name_field<Cs...>::type, C>;
};
template <class... C>
using first_not_name_field_t = typename first_not_name_field<C...>::type;

template <class W>
struct when_render;
template <class Object, class... C>
struct when_render<when_clause<Object, C...>> {
    static void append(std::string& out) {
        out += " WHEN ";
        out += Object::sobject_name;
        out += " THEN ";
        append_column_list<C...>(out);
    }
};
}  // namespace detail

template <class Rel, class... W, class... E>
struct typeof_item<Rel, tlist<W...>, tlist<E...>> {
    using relationship = Rel;

    template <class C, class... Cs>
    constexpr auto when(const C&, const Cs&...) const {
        if constexpr (sizeof...(E) != 0) {
            (void)rule::typeof_when_after_else<Rel>{};
            return *this;
        } else if constexpr (!column<C>) {
            (void)rule::typeof_when_needs_fields<Rel, C>{};
            return *this;
        } else if constexpr (!(column<Cs> && ...)) {
            (void)rule::typeof_when_needs_fields<Rel, detail::first_not_column_t<Cs...>>{};
            return *this;
        } else {
            using object = root_t<C>;
            if constexpr (!(std::is_same_v<root_t<Cs>, object> && ...))
                (void)rule::typeof_when_mixes_objects<Rel, rule::shown_t<detail::first_not_on_t<object, Cs...>>>{};
            else if constexpr ((std::is_same_v<object, typename W::object_type> || ...))
                (void)rule::typeof_when_repeated<Rel, object>{};
            return typeof_item<Rel, tlist<W..., when_clause<object, as_path_t<C>, as_path_t<Cs>...>>, tlist<>>{};
        }
    }

    template <class C, class... Cs>
    constexpr auto else_(const C&, const Cs&...) const {
        if constexpr (sizeof...(E) != 0) {
            (void)rule::typeof_else_twice<Rel>{};
        } else if constexpr (sizeof...(W) == 0) {
            (void)rule::typeof_else_without_when<Rel>{};
        } else if constexpr (!(detail::name_field<C> && (detail::name_field<Cs> && ...))) {
            (void)rule::typeof_else_needs_name_fields<Rel, detail::first_not_name_field_t<C, Cs...>>{};
        }
        return typeof_item<Rel, tlist<W...>, tlist<as_path_t<C>, as_path_t<Cs>...>>{};
    }

    static void append(std::string& out) {
        if constexpr (sizeof...(W) == 0) (void)rule::typeof_without_when<Rel>{};
        out += "TYPEOF ";
        out += Rel::name;
        (detail::when_render<W>::append(out), ...);
        if constexpr (sizeof...(E) > 0) {
            out += " ELSE ";
            detail::append_column_list<E...>(out);
        }
        out += " END";
    }
};

// `TYPEOF What ... END`: only for a polymorphic relationship of the FROM object.
template <class Rel>
constexpr auto typeof_(const Rel&) {
    if constexpr (!parent_tag<Rel>) (void)rule::typeof_needs_parent<Rel>{};
    else if constexpr (!Rel::polymorphic) (void)rule::not_polymorphic<Rel>{};
    return typeof_item<Rel, tlist<>, tlist<>>{};
}

// ---- FIELDS() --------------------------------------------------------------------------------

enum class field_set : unsigned char { standard, custom, all };

template <field_set S>
struct fields_item {
    static constexpr field_set set = S;
    static void append(std::string& out) {
        out += S == field_set::standard ? "FIELDS(STANDARD)" : S == field_set::custom ? "FIELDS(CUSTOM)" : "FIELDS(ALL)";
    }
};

// FIELDS(STANDARD) is always allowed; FIELDS(CUSTOM) and FIELDS(ALL) need a LIMIT of 200 or less.
// The row of a query with FIELDS() is the generated record itself.
inline constexpr fields_item<field_set::standard> fields_standard{};
inline constexpr fields_item<field_set::custom> fields_custom{};
inline constexpr fields_item<field_set::all> fields_all{};

}  // namespace sfcpp::soql
