// sfcpp/soql/column.hpp: what the builder recognises as a column, and parent paths.
//
// sfcpp-codegen emits one tag type per field (`Account_fields::Name`), per parent relationship
// (`Contact_fields::Account`) and per child relationship (`Account_fields::Contacts`), and the
// objects `Account_`, `Contact_`, ... whose members are those tags. The builder recognises the
// tags by their shape (the concepts below), so it needs nothing else from the generated code.
//
// A parent path is written with `/`: `Contact_.Account / Account_.Owner / User_.Name` is
// `Account.Owner.Name` on Contact. Each step is checked: the left side must be a parent
// relationship, the right side a column of the object it points to.
#pragma once

#include <sfcpp/record/metadata.hpp>
#include <sfcpp/soql/column_tag.hpp>
#include <sfcpp/soql/rules.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace sfcpp::soql {

template <class... T>
struct tlist {};

// ---- tag concepts ------------------------------------------------------------------------

template <class T>
concept field_tag = requires {
    typename T::record;
    typename T::value_type;
    { T::name } -> std::convertible_to<std::string_view>;
    { T::type } -> std::convertible_to<field_type>;
    { T::flags } -> std::convertible_to<std::uint32_t>;
};

template <class T>
concept parent_tag = requires {
    typename T::record;
    typename T::target;
    typename T::id_field;
    { T::name } -> std::convertible_to<std::string_view>;
    { T::polymorphic } -> std::convertible_to<bool>;
};

template <class T>
concept child_tag = requires {
    typename T::record;
    typename T::child;
    { T::name } -> std::convertible_to<std::string_view>;
    { T::field } -> std::convertible_to<std::string_view>;
};

// ---- the polymorphic Name object ---------------------------------------------------------

// Fields that every target of a polymorphic relationship shares (Salesforce's `Name` object):
// `Event_.What / name_.Name` is `What.Name`. Also usable through relationships to objects that
// were not generated (`Account_.RecordType / name_.Name`).
struct name_object {
    static constexpr std::string_view sobject_name = "Name";
};

namespace name_fields {
namespace f = sfcpp::flag;
#define SFCPP_SOQL_NAME_FIELD(member_, type_, value_, flags_)                                              \
    struct member_ {                                                                                       \
        using record = name_object;                                                                        \
        using value_type = value_;                                                                         \
        static constexpr std::string_view name = #member_;                                                 \
        static constexpr sfcpp::field_type type = sfcpp::field_type::type_;                                \
        static constexpr std::uint32_t flags = flags_;                                                     \
    };
SFCPP_SOQL_NAME_FIELD(Id, id, sfcpp::id, f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Name, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(FirstName, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(LastName, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Alias, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Email, email, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Phone, phone, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Title, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Type, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(Username, string, std::string, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(IsActive, boolean, bool, f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(UserRoleId, reference, sfcpp::id, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(ProfileId, reference, sfcpp::id, f::nillable | f::filterable | f::sortable | f::groupable)
SFCPP_SOQL_NAME_FIELD(RecordTypeId, reference, sfcpp::id, f::nillable | f::filterable | f::sortable | f::groupable)
#undef SFCPP_SOQL_NAME_FIELD
}  // namespace name_fields

struct name_columns {
    name_fields::Id Id;
    name_fields::Name Name;
    name_fields::FirstName FirstName;
    name_fields::LastName LastName;
    name_fields::Alias Alias;
    name_fields::Email Email;
    name_fields::Phone Phone;
    name_fields::Title Title;
    name_fields::Type Type;
    name_fields::Username Username;
    name_fields::IsActive IsActive;
    name_fields::UserRoleId UserRoleId;
    name_fields::ProfileId ProfileId;
    name_fields::RecordTypeId RecordTypeId;
};
inline constexpr name_columns name_{};

// ---- paths ---------------------------------------------------------------------------------

// `Leaf` reached from the root object through the parent relationships `Hops...` (root first).
// A bare field tag is the path with no hops. Leaf is a field tag or, while a path is being
// written, a parent tag.
template <class Leaf, class... Hops>
struct path {
    using leaf = Leaf;
    static constexpr std::size_t depth = sizeof...(Hops);
};

namespace detail {
template <class P>
struct path_traits;
template <class Leaf>
struct path_traits<path<Leaf>> {
    using root = typename Leaf::record;
    using first_hop = void;
    using tail = void;
};
template <class Leaf, class H, class... Hs>
struct path_traits<path<Leaf, H, Hs...>> {
    using root = typename H::record;
    using first_hop = H;
    using tail = path<Leaf, Hs...>;
};

template <class T>
inline constexpr bool is_path_v = false;
template <class Leaf, class... Hops>
inline constexpr bool is_path_v<path<Leaf, Hops...>> = true;

template <class T>
struct as_path {
    using type = path<T>;
};
template <class Leaf, class... Hops>
struct as_path<path<Leaf, Hops...>> {
    using type = path<Leaf, Hops...>;
};
}  // namespace detail

template <class T>
using as_path_t = typename detail::as_path<std::remove_cvref_t<T>>::type;

// A column that names a field: a field tag or a path ending in one.
template <class T>
concept column = field_tag<std::remove_cvref_t<T>> ||
                 (detail::is_path_v<std::remove_cvref_t<T>> && field_tag<typename std::remove_cvref_t<T>::leaf>);

// A parent relationship, bare or at the end of a path.
template <class T>
concept parent_step = parent_tag<std::remove_cvref_t<T>> ||
                      (detail::is_path_v<std::remove_cvref_t<T>> && parent_tag<typename std::remove_cvref_t<T>::leaf>);

template <class C>
using leaf_t = typename as_path_t<C>::leaf;

template <class C>
using root_t = typename detail::path_traits<as_path_t<C>>::root;

// `Hop.Hop.Leaf`
template <class Leaf, class... Hops>
void append_path(std::string& out, path<Leaf, Hops...>) {
    ((out += Hops::name, out += '.'), ...);
    out += Leaf::name;
}

template <class C>
std::string path_name() {
    std::string s;
    append_path(s, as_path_t<C>{});
    return s;
}

namespace detail {
template <class Next, class Leaf, class... Hops>
constexpr auto extend(path<Leaf, Hops...>) {
    return path<Next, Hops..., Leaf>{};
}
}  // namespace detail

// `Contact_.Account / Account_.Name`: a step through a parent relationship.
template <class L, class R>
    requires((parent_step<L> || field_tag<std::remove_cvref_t<L>> ||
              (detail::is_path_v<std::remove_cvref_t<L>>)) &&
             (field_tag<std::remove_cvref_t<R>> || parent_tag<std::remove_cvref_t<R>>))
constexpr auto operator/(const L&, const R&) {
    using lp = as_path_t<L>;
    using step = typename lp::leaf;
    using next = std::remove_cvref_t<R>;
    if constexpr (!parent_tag<step>) {
        (void)rule::path_through_field<rule::shown_t<lp>, next>{};
    } else if constexpr (lp::depth >= 5) {
        (void)rule::path_too_deep<lp>{};
    } else if constexpr (std::is_void_v<typename step::target>) {
        if constexpr (!std::is_same_v<typename next::record, name_object>)
            (void)rule::polymorphic_parent_field<rule::shown_t<lp>, next>{};
    } else if constexpr (!std::is_same_v<typename next::record, typename step::target>) {
        (void)rule::path_wrong_target<rule::shown_t<lp>, next>{};
    }
    return detail::extend<next>(lp{});
}

// ---- what a field accepts ------------------------------------------------------------------

enum class value_class : std::uint8_t {
    text, picklist, multipicklist, id, boolean, number, date, datetime, time, compound, other
};

constexpr value_class classify(field_type t) noexcept {
    switch (t) {
    case field_type::string:
    case field_type::textarea:
    case field_type::email:
    case field_type::phone:
    case field_type::url:
    case field_type::combobox:
    case field_type::encryptedstring: return value_class::text;
    case field_type::picklist: return value_class::picklist;
    case field_type::multipicklist: return value_class::multipicklist;
    case field_type::id:
    case field_type::reference: return value_class::id;
    case field_type::boolean: return value_class::boolean;
    case field_type::int_:
    case field_type::long_:
    case field_type::double_:
    case field_type::currency:
    case field_type::percent: return value_class::number;
    case field_type::date: return value_class::date;
    case field_type::datetime: return value_class::datetime;
    case field_type::time: return value_class::time;
    case field_type::address:
    case field_type::location: return value_class::compound;
    default: return value_class::other;
    }
}

template <class C>
inline constexpr value_class class_of = classify(leaf_t<C>::type);

template <class C>
inline constexpr std::uint32_t flags_of = leaf_t<C>::flags;

}  // namespace sfcpp::soql
