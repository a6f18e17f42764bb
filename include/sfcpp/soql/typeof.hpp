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
        static_assert(sizeof...(E) == 0, "sfcpp: TYPEOF: when() cannot follow else_()");
        static_assert(column<C> && (column<Cs> && ...), "sfcpp: TYPEOF: when() takes field columns of one object");
        using object = root_t<C>;
        static_assert((std::is_same_v<root_t<Cs>, object> && ...),
                      "sfcpp: TYPEOF: the fields of one when() must belong to the same object");
        static_assert(!(std::is_same_v<object, typename W::object_type> || ...),
                      "sfcpp: TYPEOF: this object already has a WHEN branch");
        return typeof_item<Rel, tlist<W..., when_clause<object, as_path_t<C>, as_path_t<Cs>...>>, tlist<>>{};
    }

    template <class C, class... Cs>
    constexpr auto else_(const C&, const Cs&...) const {
        static_assert(sizeof...(E) == 0, "sfcpp: TYPEOF has one else_()");
        static_assert(sizeof...(W) > 0, "sfcpp: TYPEOF needs at least one when() before else_()");
        static_assert((std::is_same_v<typename C::record, name_object>) &&
                          (std::is_same_v<typename Cs::record, name_object> && ...),
                      "sfcpp: TYPEOF: else_() takes fields of the Name object (soql::name_.Name, ...)");
        return typeof_item<Rel, tlist<W...>, tlist<as_path_t<C>, as_path_t<Cs>...>>{};
    }

    static void append(std::string& out) {
        static_assert(sizeof...(W) > 0, "sfcpp: TYPEOF needs at least one when()");
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
    static_assert(parent_tag<Rel>, "sfcpp: TYPEOF takes a parent relationship (like Event_.What)");
    if constexpr (parent_tag<Rel>) {
        static_assert(Rel::polymorphic,
                      "sfcpp: TYPEOF needs a polymorphic relationship (like Event_.What); this relationship has a "
                      "single target: select its fields with a path instead");
    }
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
