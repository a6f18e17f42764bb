// sfcpp/soql/row.hpp: result rows shaped by the select list.
//
// A row inherits one `Tag::member<V>` per selected item, as sqlpp11 shapes its rows, so it keeps
// the generated member names: `row.Name` is the same `sfcpp::field<>` type as `Account::Name`
// (read-only fields stay read-only), `row.Account` is an `sfcpp::parent<nested row>` (use
// `row.Account->Name`; the parent can be null), a child subquery gives `sfcpp::children<child
// row>`, TYPEOF gives `sfcpp::dynamic_parent`. A field that was not selected is not a member:
// reading it does not compile, so "not selected" and "null" cannot be confused. `row[Account_.Name]`
// reads the same member by its tag; for a column that was not selected it fails with an sfcpp
// message naming the field ("Account.Phone was not selected"), which `row.Phone` cannot do.
//
// Rows are decoded by the same non-template JSON decoder as records: each row type builds its
// `object_info` table once, at first use, from the generated tables of the fields it holds.
#pragma once

#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>
#include <sfcpp/soql/aggregate.hpp>
#include <sfcpp/soql/column.hpp>
#include <sfcpp/soql/rules.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sfcpp::soql {

// The "record" of an aggregate query's rows.
struct aggregate_result {
    static constexpr std::string_view sobject_name = "AggregateResult";
};

namespace detail {

struct row_tables {
    std::vector<field_info> fields;
    std::vector<parent_info> parents;
    std::vector<child_info> children;
    std::vector<key_entry> keys;
    object_info info{};
};

using sfcpp::detail::offset_in;

template <class Leaf>
field_info field_info_of() {
    if constexpr (requires { Leaf::index; Leaf::record::sfcpp_info(); }) {
        return Leaf::record::sfcpp_info().fields[Leaf::index];
    } else {
        field_info fi{};
        fi.name = Leaf::name;
        fi.member = Leaf::name;
        fi.type = Leaf::type;
        fi.kind = storage_of<typename Leaf::value_type>();
        fi.flags = Leaf::flags;
        return fi;
    }
}

inline void add_key(row_tables& t, key_entry::kind_t kind, std::size_t index, std::string_view name) {
    t.keys.push_back({kind, static_cast<std::uint32_t>(index), name});
}

// ---- member specifications -----------------------------------------------------------------

// A selected field, stored exactly as the record stores it.
template <class Leaf>
struct field_spec {
    using tag = Leaf;
    using value = sfcpp::field<typename Leaf::value_type, static_cast<std::uint32_t>(Leaf::flags)>;
    using base = typename Leaf::template member<value>;

    template <class Row>
    static void describe(row_tables& t, const Row& sample) {
        field_info fi = field_info_of<Leaf>();
        fi.offset = offset_in(&sample, &static_cast<const base&>(sample).ref());
        add_key(t, key_entry::field, t.fields.size(), fi.name);
        t.fields.push_back(fi);
    }
    template <class Rec, class Row>
    static void copy_to(Rec& rec, const Row& row) {
        rec.*(Leaf::member_ptr) = static_cast<const base&>(row).ref();
    }
};

// A parent relationship with a generated target: a nested row.
template <class Hop, class Nested>
struct parent_spec {
    using tag = Hop;
    using base = typename Hop::template member<sfcpp::parent<Nested>>;

    template <class Row>
    static void describe(row_tables& t, const Row& sample) {
        parent_info p{Hop::name, Hop::name, no_member, offset_in(&sample, &static_cast<const base&>(sample).ref()),
                      {&Nested::sfcpp_info, {}}};
        add_key(t, key_entry::parent, t.parents.size(), p.name);
        t.parents.push_back(p);
    }
    template <class Rec, class Row>
    static void copy_to(Rec& rec, const Row& row) {
        const auto& p = static_cast<const base&>(row).ref();
        if (p.has_value()) (rec.*(Hop::member_ptr)).emplace(p->to_record());
    }
};

// A polymorphic relationship (TYPEOF, or Name-object fields): the parent as JSON.
template <class Hop>
struct dynamic_spec {
    using tag = Hop;
    using base = typename Hop::template member<sfcpp::dynamic_parent>;

    template <class Row>
    static void describe(row_tables& t, const Row& sample) {
        parent_info p{Hop::name, Hop::name, no_member, offset_in(&sample, &static_cast<const base&>(sample).ref()),
                      {}};
        add_key(t, key_entry::parent, t.parents.size(), p.name);
        t.parents.push_back(p);
    }
    template <class Rec, class Row>
    static void copy_to(Rec& rec, const Row& row) {
        rec.*(Hop::member_ptr) = static_cast<const base&>(row).ref();
    }
};

// A child relationship subquery: the child rows.
template <class Rel, class Sub>
struct children_spec {
    using tag = Rel;
    using base = typename Rel::template member<sfcpp::children<Sub>>;

    template <class Row>
    static void describe(row_tables& t, const Row& sample) {
        child_info c{Rel::name, Rel::child::sobject_name, Rel::field, Rel::name,
                     offset_in(&sample, &static_cast<const base&>(sample).ref()), {&Sub::sfcpp_info, {}}, false};
        add_key(t, key_entry::child, t.children.size(), c.name);
        t.children.push_back(c);
    }
    template <class Rec, class Row>
    static void copy_to(Rec& rec, const Row& row) {
        const auto& c = static_cast<const base&>(row).ref();
        auto& dst = rec.*(Rel::member_ptr);
        if (c.has_value()) {
            sfcpp::query_result<typename Rel::child> r;
            static_cast<query_result_header&>(r) = c.result();
            r.records.reserve(c.size());
            for (const auto& x : c) r.records.push_back(x.to_record());
            dst.set(std::move(r));
        } else if (c.is_null()) {
            dst.set_null();
        }
    }
};

// An aggregate column, named by its alias.
template <class Alias, class T, field_type Type>
struct aggregate_spec {
    using tag = Alias;
    using base = typename Alias::template member<sfcpp::field<T, sfcpp::flag::nillable>>;

    template <class Row>
    static void describe(row_tables& t, const Row& sample) {
        field_info fi{};
        fi.name = Alias::name;
        fi.member = Alias::name;
        fi.type = Type;
        fi.kind = storage_of<T>();
        fi.flags = sfcpp::flag::nillable;
        fi.offset = offset_in(&sample, &static_cast<const base&>(sample).ref());
        add_key(t, key_entry::field, t.fields.size(), fi.name);
        t.fields.push_back(fi);
    }
};

// The spec that holds Tag's column, or void.
template <class Tag, class... Specs>
struct spec_for {
    using type = void;
};
template <class Tag, class S, class... Rest>
struct spec_for<Tag, S, Rest...> {
    using type = std::conditional_t<std::is_same_v<typename S::tag, Tag>, S, typename spec_for<Tag, Rest...>::type>;
};

template <class Tag, class Record, class... Specs, class Row>
decltype(auto) row_member(Row& row) {
    using spec = typename spec_for<Tag, Specs...>::type;
    if constexpr (is_path_v<Tag>) {
        if constexpr (Tag::depth == 0) {
            return row_member<typename Tag::leaf, Record, Specs...>(row);
        } else {
            (void)rule::row_read_through_path<Tag>{};
        }
    } else if constexpr (std::is_void_v<spec>) {
        (void)rule::not_selected<Record, Tag>{};
    } else {
        using base = std::conditional_t<std::is_const_v<Row>, const typename spec::base, typename spec::base>;
        return static_cast<base&>(row).ref();
    }
}

}  // namespace detail

// The row type; Record is the generated record it converts to (aggregate_result for aggregate
// queries, which do not convert).
template <class Record, class... Specs>
struct basic_row : sfcpp::record_base, Specs::base... {
    using record_type = Record;
    static constexpr std::string_view sobject_name = Record::sobject_name;

    static const object_info& sfcpp_info() noexcept;

    // The member that holds a selected column: `row[Account_.Name]` is `row.Name`, and
    // `row[Account_.Phone]` fails with "Account.Phone was not selected" where `row.Phone` only
    // says that the row has no such member. Takes field, relationship and alias tags.
    template <class Tag>
    decltype(auto) operator[](const Tag&) const {
        return detail::row_member<Tag, Record, Specs...>(*this);
    }
    template <class Tag>
    decltype(auto) operator[](const Tag&) {
        return detail::row_member<Tag, Record, Specs...>(*this);
    }

    // The generated record with the selected fields set and every other field not set, so that a
    // queried row can be changed and sent back as an update.
    Record to_record() const {
        if constexpr (std::is_same_v<Record, aggregate_result>) {
            (void)rule::aggregate_row_to_record<Record>{};
            return Record{};
        } else {
            Record rec;
            rec.attributes = this->attributes;
            (Specs::copy_to(rec, *this), ...);
            return rec;
        }
    }
};

namespace detail {

// The non-template half of building a row's table: sorting the keys and filling object_info.
inline void finish_tables(row_tables& t, std::string_view name, std::uint32_t attributes_offset,
                          const record_ops& ops) {
    std::sort(t.keys.begin(), t.keys.end(), [](const key_entry& a, const key_entry& b) { return a.name < b.name; });
    t.info = object_info{name, name, name, {}, false, false, false, false, true,
                         t.fields, t.parents, t.children, t.keys, attributes_offset, ops};
}

template <class Row>
struct row_builder;
template <class Record, class... Specs>
struct row_builder<basic_row<Record, Specs...>> {
    using row = basic_row<Record, Specs...>;
    static row_tables* make() {
        auto* t = new row_tables;  // lives as long as the program, like the generated tables
        const row sample{};
        (Specs::describe(*t, sample), ...);
        finish_tables(*t, Record::sobject_name, offset_in(&sample, &static_cast<const record_base&>(sample)),
                      sfcpp::detail::ops_for<row>::value);
        return t;
    }
};
}  // namespace detail

template <class Record, class... Specs>
const object_info& basic_row<Record, Specs...>::sfcpp_info() noexcept {
    static const detail::row_tables* tables = detail::row_builder<basic_row>::make();
    return tables->info;
}

template <class T>
inline constexpr bool is_row_v = false;
template <class R, class... S>
inline constexpr bool is_row_v<basic_row<R, S...>> = true;

// ---- shaping: from select items to member specifications -----------------------------------

namespace detail {

template <class... L>
struct concat;
template <>
struct concat<> {
    using type = tlist<>;
};
template <class... A>
struct concat<tlist<A...>> {
    using type = tlist<A...>;
};
template <class... A, class... B, class... Rest>
struct concat<tlist<A...>, tlist<B...>, Rest...> {
    using type = typename concat<tlist<A..., B...>, Rest...>::type;
};
template <class... L>
using concat_t = typename concat<L...>::type;

template <class I>
struct first_hop {
    using type = void;
};
template <class Leaf, class H, class... Hs>
struct first_hop<path<Leaf, H, Hs...>> {
    using type = H;
};
template <class I>
using first_hop_t = typename first_hop<I>::type;

template <class Acc, class... Items>
struct distinct_hops {
    using type = Acc;
};
template <class... A, class I, class... Rest>
struct distinct_hops<tlist<A...>, I, Rest...> {
    using H = first_hop_t<I>;
    using next = std::conditional_t<std::is_void_v<H> || (std::is_same_v<H, A> || ...), tlist<A...>, tlist<A..., H>>;
    using type = typename distinct_hops<next, Rest...>::type;
};

template <class H, class I>
struct tail_if {
    using type = tlist<>;
};
template <class H, class Leaf, class... Hs>
struct tail_if<H, path<Leaf, H, Hs...>> {
    using type = tlist<path<Leaf, Hs...>>;
};

// Specs of a non-aggregate row; the item kinds other than paths are declared by the query
// header through item_spec.
template <class Record, class I>
struct item_spec {
    using type = tlist<>;  // paths with hops are grouped below
};
template <class Record, class Leaf>
struct item_spec<Record, path<Leaf>> {
    using type = tlist<field_spec<Leaf>>;
};

template <class Record, class Items>
struct row_for;

template <class Record, class Spec_list>
struct make_row;
template <class Record, class... Specs>
struct make_row<Record, tlist<Specs...>> {
    using type = basic_row<Record, Specs...>;
};

template <class H, class Tails, bool Dynamic = std::is_void_v<typename H::target>>
struct hop_spec {
    using type = parent_spec<H, typename row_for<typename H::target, Tails>::type>;
};
template <class H, class Tails>
struct hop_spec<H, Tails, true> {
    using type = dynamic_spec<H>;
};

template <class H, class... Items>
struct hop_tails {
    using type = concat_t<typename tail_if<H, Items>::type...>;
};

template <class Hops, class... Items>
struct hop_specs;
template <class... H, class... Items>
struct hop_specs<tlist<H...>, Items...> {
    using type = tlist<typename hop_spec<H, typename hop_tails<H, Items...>::type>::type...>;
};

template <class Record, class... Items>
struct row_for<Record, tlist<Items...>> {
    using hops = typename distinct_hops<tlist<>, Items...>::type;
    using specs = concat_t<typename item_spec<Record, Items>::type..., typename hop_specs<hops, Items...>::type>;
    using type = typename make_row<Record, specs>::type;
};

// The name Salesforce gives the N-th aggregate without an alias: expr0 to expr9, then none.
template <std::size_t N, class Agg>
struct default_alias {
    using type = typename expr_alias<N>::type;
};
// Past expr9 the rule fails; the column is still given a distinct (unreadable) member, so that
// the failure is the only error.
template <std::size_t N>
struct unnamed_alias {
    static constexpr std::string_view name = "expr";
    template <class V>
    struct member {
        V unnamed;
        V& ref() noexcept { return unnamed; }
        const V& ref() const noexcept { return unnamed; }
    };
};
template <std::size_t N, class Agg>
    requires(N >= 10)
struct default_alias<N, Agg> : rule::aggregate_needs_alias<Agg> {
    using type = unnamed_alias<N>;
};

// Aggregate rows: grouped fields by name, aggregates by alias (expr0, expr1, ... when none).
template <std::size_t N, class Acc, class... Items>
struct aggregate_specs {
    using type = Acc;
};
template <std::size_t N, class... A, class I, class... Rest>
struct aggregate_specs<N, tlist<A...>, I, Rest...> {
    using type = typename aggregate_specs<N, tlist<A...>, Rest...>::type;  // COUNT() and the like
};
template <std::size_t N, class... A, class Leaf, class... Hops, class... Rest>
struct aggregate_specs<N, tlist<A...>, path<Leaf, Hops...>, Rest...> {
    using type = typename aggregate_specs<N, tlist<A..., field_spec<Leaf>>, Rest...>::type;
};
template <std::size_t N, class... A, class Fn, class C, class Alias, class... Rest>
struct aggregate_specs<N, tlist<A...>, aggregate<Fn, C, Alias>, Rest...> {
    static constexpr bool named = !std::is_void_v<Alias>;
    using alias = typename std::conditional_t<named, std::type_identity<Alias>,
                                              default_alias<N, aggregate<Fn, C, Alias>>>::type;
    using tr = operand_traits<aggregate<Fn, C, Alias>>;
    using spec = aggregate_spec<alias, typename tr::value_type, tr::result_type>;
    using type = typename aggregate_specs<(named ? N : N + 1), tlist<A..., spec>, Rest...>::type;
};

template <class Items>
struct aggregate_row_for;
template <class... Items>
struct aggregate_row_for<tlist<Items...>> {
    using type = typename make_row<aggregate_result, typename aggregate_specs<0, tlist<>, Items...>::type>::type;
};

}  // namespace detail

// The row of a non-aggregate select list over Record.
template <class Record, class Items>
using row_t = typename detail::row_for<Record, Items>::type;

template <class Items>
using aggregate_row_t = typename detail::aggregate_row_for<Items>::type;

}  // namespace sfcpp::soql

namespace sfcpp {
// `sfcpp::to_record(row)`: the generated record holding the row's fields.
template <class Record, class... Specs>
Record to_record(const soql::basic_row<Record, Specs...>& row) {
    return row.to_record();
}
}  // namespace sfcpp
