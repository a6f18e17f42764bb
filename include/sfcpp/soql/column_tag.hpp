// sfcpp/soql/column_tag.hpp: the bases of the tags sfcpp-codegen emits, one per field and
// relationship (`Account_fields::Name`), which the SOQL builder reads at compile time.
//
// A tag names its record member by member pointer and its row in the record's (constexpr) table:
// the value type, flags and target come from the member's type, the API name and Salesforce type
// from the row, so the generated header states each fact in one place:
//
//   struct Name : sfcpp::soql::field_column<&Account::Name, 3> { SFCPP_COLUMN_MEMBER(Name) };
//
// Deriving from column_tag lets argument-dependent lookup find the builder's operators
// (`Account_.Name == "x"`, `Contact_.Account / Account_.Name`) without `using namespace`.
#pragma once

#include <sfcpp/record/field.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>

#include <cstddef>
#include <cstdint>

namespace sfcpp::soql {

struct column_tag {};

namespace detail {
template <class M>
struct member_pointer;
template <class M, class C>
struct member_pointer<M C::*> {
    using record = C;
    using member = M;
};

template <class M>
struct parent_target {
    using type = void;  // dynamic_parent: polymorphic, or the target is not generated
};
template <class T>
struct parent_target<sfcpp::parent<T>> {
    using type = T;
};
}  // namespace detail

template <auto Member>
using record_of_t = typename detail::member_pointer<decltype(Member)>::record;

// A field: `Member` is `&Record::Field`, an sfcpp::field<V, Flags>; row `Index` of the record's
// field table holds its API name and Salesforce type. `Record` differs from the member pointer's
// class only when the record is built from parts (Boost.Describe's 52-member limit).
template <auto Member, std::size_t Index, class Record = record_of_t<Member>>
struct field_column : column_tag {
    using record = Record;
    using value_type = typename detail::member_pointer<decltype(Member)>::member::value_type;
    static constexpr std::string_view name = Record::sfcpp_info().fields[Index].name;
    static constexpr field_type type = Record::sfcpp_info().fields[Index].type;
    static constexpr std::uint32_t flags = detail::member_pointer<decltype(Member)>::member::flags;
    static constexpr std::size_t index = Index;
    static constexpr auto member_ptr = Member;
};

// A parent relationship: `Member` is an sfcpp::parent<T> or sfcpp::dynamic_parent; `IdField`
// the tag of its reference field.
template <auto Member, std::size_t Index, class IdField, class Record = record_of_t<Member>>
struct parent_column : column_tag {
    using record = Record;
    using target = typename detail::parent_target<typename detail::member_pointer<decltype(Member)>::member>::type;
    using id_field = IdField;
    static constexpr std::string_view name = Record::sfcpp_info().parents[Index].name;
    static constexpr std::size_t index = Index;
    static constexpr bool polymorphic = (IdField::flags & flag::polymorphic) != 0;
    static constexpr auto member_ptr = Member;
};

// A child relationship: `Member` is an sfcpp::children<T>.
template <auto Member, std::size_t Index, class Record = record_of_t<Member>>
struct child_column : column_tag {
    using record = Record;
    using child = typename detail::member_pointer<decltype(Member)>::member::value_type;
    static constexpr std::string_view name = Record::sfcpp_info().children[Index].name;
    static constexpr std::string_view field = Record::sfcpp_info().children[Index].field;  // the child's reference field
    static constexpr std::size_t index = Index;
    static constexpr auto member_ptr = Member;
};

}  // namespace sfcpp::soql

// The member a query row inherits for a selected column, named like the record's member, so
// `row.Name` reads like `record.Name`.
#define SFCPP_COLUMN_MEMBER(member_name)                          \
    template <class V>                                            \
    struct member {                                               \
        V member_name;                                            \
        V& ref() noexcept { return member_name; }                 \
        const V& ref() const noexcept { return member_name; }     \
    };
