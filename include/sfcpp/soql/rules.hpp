// sfcpp/soql/rules.hpp: every rule the SOQL builder checks at compile time, each named once.
//
// A rule is a class template named after the mistake. The builder instantiates it
// (`rule::not_sortable<Tag>{}`) only where the mistake is made, with the offending tags as its
// arguments; its static_assert states the Salesforce rule, and its condition carries a note built
// from the tags' API names. C++20 static_assert messages must be string literals, so the note is
// how a field's name reaches the compiler's output; g++ 12 prints:
//
//   rules.hpp: In instantiation of 'struct sfcpp::soql::rule::not_sortable<sobjects::Account_fields::Description>':
//   ...
//   rules.hpp:...: error: static assertion failed: sfcpp: ORDER BY takes only sortable fields (...)
//   rules.hpp:...: note: 'sfcpp::soql::rule::because<sfcpp::soql::rule::text<35>{"Account.Description
//                           is not sortable"}>' evaluates to false
//
// (clang prints the rule and the tag, not the note's text.) The rules about assigning a record's
// fields (read-only, not nillable) live in sfcpp/record/field.hpp, below the SOQL layer.
//
// The file is long because it is the whole list (88 rules), kept in one place to be read as one.
// Only the tags' shape is used here, not the builder: soql.hpp includes this header first, so that
// these diagnostics come with a short include chain.
#pragma once

#include <sfcpp/record/metadata.hpp>

#include <cstddef>
#include <string_view>

namespace sfcpp::soql {

template <class Leaf, class... Hops>
struct path;  // column.hpp

namespace rule {

// ---- the note: a string built at compile time, printed as a template argument ---------------

template <std::size_t N>
struct text {
    char value[N + 1]{};

    constexpr text() = default;
    constexpr text(const char (&s)[N + 1]) {
        for (std::size_t i = 0; i < N; ++i) value[i] = s[i];
    }
    constexpr std::string_view view() const { return {value, N}; }
};
template <std::size_t M>
text(const char (&)[M]) -> text<M - 1>;

// False whatever the text: the condition of every rule, printed with the text by the compiler.
template <text Note>
inline constexpr bool because = false;

namespace detail {

// Counts the characters (out == nullptr), then writes them.
struct sink {
    char* out = nullptr;
    std::size_t size = 0;
    constexpr sink& operator<<(std::string_view s) {
        for (const char c : s) {
            if (out) out[size] = c;
            ++size;
        }
        return *this;
    }
};

template <class T>
inline constexpr bool is_path_v = false;
template <class Leaf, class... Hops>
inline constexpr bool is_path_v<path<Leaf, Hops...>> = true;

template <class Leaf, class H, class... Hs>
constexpr void write_path(sink& s, path<Leaf, H, Hs...>*) {
    s << H::record::sobject_name << "." << H::name;
    ((s << "." << Hs::name), ...);
    s << "." << Leaf::name;
}
template <class Leaf>
constexpr void write_path(sink& s, path<Leaf>*) {
    s << Leaf::record::sobject_name << "." << Leaf::name;
}

// `Account.Owner.Name`, `SUM(Opportunity.Amount)`, `Account.Contacts`, `Account`, `total`.
template <class T>
constexpr void write_name(sink& s) {
    if constexpr (is_path_v<T>) {
        write_path(s, static_cast<T*>(nullptr));
    } else if constexpr (requires { typename T::function; typename T::col; }) {  // an aggregate
        s << T::function::name << "(";
        write_name<typename T::col>(s);
        s << ")";
    } else if constexpr (requires { T::record::sobject_name; T::name; }) {  // a field or relationship tag
        s << T::record::sobject_name << "." << T::name;
    } else if constexpr (requires { T::sobject_name; }) {  // a record
        s << T::sobject_name;
    } else if constexpr (requires { T::name; }) {  // an alias
        s << T::name;
    } else {
        s << "the argument";
    }
}

template <class T>
consteval auto make_name() {
    constexpr std::size_t n = [] {
        sink s;
        write_name<T>(s);
        return s.size;
    }();
    text<n> t;
    sink s{t.value};
    write_name<T>(s);
    return t;
}

template <std::size_t N>
consteval text<N> to_text(std::string_view s) {
    text<N> t;
    for (std::size_t i = 0; i < N; ++i) t.value[i] = s[i];
    return t;
}

// The describe's spelling of a Salesforce type.
constexpr std::string_view type_name(field_type t) noexcept {
    switch (t) {
    case field_type::id: return "id";
    case field_type::string: return "string";
    case field_type::textarea: return "textarea";
    case field_type::email: return "email";
    case field_type::phone: return "phone";
    case field_type::url: return "url";
    case field_type::picklist: return "picklist";
    case field_type::multipicklist: return "multipicklist";
    case field_type::combobox: return "combobox";
    case field_type::reference: return "reference";
    case field_type::boolean: return "boolean (checkbox)";
    case field_type::int_: return "int";
    case field_type::long_: return "long";
    case field_type::double_: return "double";
    case field_type::currency: return "currency";
    case field_type::percent: return "percent";
    case field_type::date: return "date";
    case field_type::datetime: return "datetime";
    case field_type::time: return "time";
    case field_type::base64: return "base64";
    case field_type::address: return "address";
    case field_type::location: return "location";
    case field_type::encryptedstring: return "encryptedstring";
    case field_type::any_type: return "anyType";
    case field_type::json: return "json";
    case field_type::complexvalue: return "complexvalue";
    default: return "unknown";
    }
}

template <class T>
struct leaf {
    using type = T;
};
template <class Leaf, class... Hops>
struct leaf<path<Leaf, Hops...>> {
    using type = Leaf;
};

}  // namespace detail

// The API name of a tag, path, aggregate, record or alias, as a text.
template <class T>
inline constexpr auto name_of = detail::make_name<T>();

// "a currency", "an id": the Salesforce type of a field tag, with its article.
template <class T>
inline constexpr auto type_of = [] {
    constexpr std::string_view name = detail::type_name(T::type);
    constexpr std::string_view article = name.find_first_of("aeio") == 0 ? "an " : "a ";
    text<article.size() + name.size()> t;
    std::size_t i = 0;
    for (const char c : article) t.value[i++] = c;
    for (const char c : name) t.value[i++] = c;
    return t;
}();

// The name of an aggregate function ("SUM").
template <class Function>
inline constexpr auto function_name = detail::to_text<Function::name.size()>(Function::name);

// An empty text that depends on T: makes the note of a rule without a named subject dependent.
template <class... T>
inline constexpr text<0> nothing{};

// The parts joined into one text.
template <text... Parts>
inline constexpr auto join = [] {
    text<(std::size_t{0} + ... + Parts.view().size())> t;
    std::size_t i = 0;
    ((void)[&] {
        for (const char c : Parts.view()) t.value[i++] = c;
    }(), ...);
    return t;
}();

// "Account.AnnualRevenue is a currency field", "COUNT(Opportunity.Id) is a number".
template <class E>
consteval auto what_is() {
    if constexpr (requires { typename E::function; typename E::col; }) {
        using leaf = typename detail::leaf<typename E::col>::type;
        constexpr std::string_view fn = E::function::name;
        if constexpr (fn == "MIN" || fn == "MAX") return join<name_of<E>, " is ", type_of<leaf>>;
        else return join<name_of<E>, " is a number">;
    } else {
        return join<name_of<E>, " is ", type_of<typename detail::leaf<E>::type>, " field">;
    }
}

// The type a rule is instantiated with: the bare tag for a path without relationships.
template <class C>
struct shown {
    using type = C;
};
template <class Leaf>
struct shown<path<Leaf>> {
    using type = Leaf;
};
template <class C>
using shown_t = typename shown<C>::type;

// ---- parent paths (column.hpp) ---------------------------------------------------------------

template <class Left, class Right>
struct path_through_field {
    static constexpr auto note = join<name_of<Left>, " is a field, not a parent relationship">;
    static_assert(because<note>,
                  "sfcpp: a parent path goes through a parent relationship (like Contact_.Account), not through a "
                  "field; the left side of / is not a reference's relationship");
};

template <class Path>
struct path_too_deep {
    static constexpr auto note = join<name_of<Path>, " goes through more than 5 parent relationships">;
    static_assert(because<note>, "sfcpp: SOQL allows at most 5 levels of parent relationships in a path");
};

template <class Relationship, class Field>
struct polymorphic_parent_field {
    static constexpr auto note = join<name_of<Field>, " cannot follow ", name_of<Relationship>,
                                      ", which is polymorphic or points to an object that was not generated">;
    static_assert(because<note>,
                  "sfcpp: after a polymorphic relationship, or one whose target object is not generated, only the "
                  "fields of the Name object (soql::name_.Name, ...) can follow; use soql::typeof_() for the fields "
                  "of each target type");
};

template <class Relationship, class Field>
struct path_wrong_target {
    static constexpr auto note = join<name_of<Field>, " is not a field of ",
                                      name_of<typename detail::leaf<Relationship>::type::target>, ", which ",
                                      name_of<Relationship>, " points to">;
    static_assert(because<note>,
                  "sfcpp: the right side of / is not a field of the object the parent relationship points to");
};

// ---- conditions (condition.hpp) --------------------------------------------------------------

template <class Column>
struct not_filterable {
    static constexpr auto note = join<name_of<Column>, " is not filterable">;
    static_assert(because<note>,
                  "sfcpp: WHERE takes only filterable fields (filterable=true in the describe); long text areas, "
                  "for example, cannot be filtered");
};

template <class Aggregate>
struct aggregate_compared_with_null {
    static constexpr auto note = join<name_of<Aggregate>, " is compared with null">;
    static_assert(because<note>, "sfcpp: compare an aggregate with a number, not with null");
};

template <class Column, class Value>
struct text_field_takes_string {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: value type does not fit the field: a text field is compared with a string");
};

template <class Column, class Value>
struct picklist_takes_own_constant {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: a picklist field takes one of its own constants (or "
                  "its picklist type, or a string), not another picklist's constant");
};

template <class Column, class Value>
struct multipicklist_takes_own_constant {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: a multi-select picklist takes its own constants, its "
                  "multipicklist type or a string");
};

template <class Column, class Value>
struct id_field_takes_id {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: an Id or reference field takes an sfcpp::id");
};

template <class Column, class Value>
struct checkbox_takes_bool {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: value type does not fit the field: a checkbox field takes a bool");
};

template <class Column, class Value>
struct number_field_takes_number {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: a number, currency or percent field takes a number");
};

template <class Column, class Value>
struct date_compared_with_datetime {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: a date field cannot be compared with a datetime; use an sfcpp::date or a date literal");
};

template <class Column, class Value>
struct date_field_takes_date {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: a date field takes an sfcpp::date or a date literal "
                  "(soql::today, soql::last_n_days(n), ...)");
};

template <class Column, class Value>
struct datetime_compared_with_date {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: a datetime field cannot be compared with a date; use an sfcpp::datetime or a date literal");
};

template <class Column, class Value>
struct datetime_field_takes_datetime {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: a datetime field takes an sfcpp::datetime or a date "
                  "literal (soql::today, soql::last_n_days(n), ...)");
};

template <class Column, class Value>
struct time_field_takes_time {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: value type does not fit the field: a time field takes an sfcpp::time_of_day");
};

template <class Column>
struct compound_field_compared {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: address and location fields cannot be compared with a value in SOQL");
};

template <class Column>
struct type_not_comparable {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: this field's Salesforce type cannot be compared with a value");
};

template <class Column>
struct ordered_comparison_not_allowed {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: < <= > >= do not apply to checkbox or multi-select picklist fields");
};

template <class Column>
struct ordered_comparison_with_null {
    static constexpr auto note = join<name_of<Column>, " is compared with null by <, <=, > or >=">;
    static_assert(because<note>, "sfcpp: only = and != compare with null");
};

template <class Column>
struct like_needs_text {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: LIKE applies only to text fields (string, textarea, email, phone, url, picklist)");
};

template <class Column>
struct in_on_multipicklist {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: IN does not apply to multi-select picklists; use includes() / excludes()");
};

template <class Column>
struct includes_needs_multipicklist {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>, "sfcpp: INCLUDES and EXCLUDES apply only to multi-select picklist fields");
};

template <class Column>
struct includes_without_values {
    static constexpr auto note = join<"includes() or excludes() on ", name_of<Column>, " has no value">;
    static_assert(because<note>, "sfcpp: INCLUDES and EXCLUDES need at least one value");
};

template <class Left, class Right>
struct conditions_on_two_objects {
    static constexpr auto note =
        join<"a condition on ", name_of<Left>, " is combined with a condition on ", name_of<Right>>;
    static_assert(because<note>, "sfcpp: both sides of && and || must be conditions on the same object");
};

// ---- aggregate functions (aggregate.hpp, row.hpp) --------------------------------------------

template <class Aggregate>
struct alias_given_twice {
    static constexpr auto note =
        join<name_of<Aggregate>, " already has the alias ", name_of<typename Aggregate::alias>>;
    static_assert(because<note>, "sfcpp: an aggregate takes one alias");
};

template <class Argument>
struct aggregate_needs_field {
    static constexpr auto note = join<name_of<Argument>, " is not a field">;
    static_assert(because<note>, "sfcpp: an aggregate function takes a field column");
};

template <class Column>
struct not_aggregatable {
    static constexpr auto note = join<name_of<Column>, " is not aggregatable">;
    static_assert(because<note>,
                  "sfcpp: COUNT, SUM, AVG, MIN and MAX take only aggregatable fields (aggregatable=true in the "
                  "describe)");
};

template <class Function, class Column>
struct sum_avg_needs_number {
    static constexpr auto note = join<function_name<Function>, "(", name_of<Column>, "): ", what_is<Column>()>;
    static_assert(because<note>, "sfcpp: SUM and AVG apply only to number, currency and percent fields");
};

template <class Function, class Column>
struct min_max_not_allowed {
    static constexpr auto note = join<function_name<Function>, "(", name_of<Column>, "): ", what_is<Column>()>;
    static_assert(because<note>,
                  "sfcpp: MIN and MAX do not apply to checkbox, multi-select picklist or compound fields");
};

template <class Aggregate>
struct aggregate_needs_alias {
    static constexpr auto note = join<name_of<Aggregate>, " needs an alias: .as<name>()">;
    static_assert(because<note>,
                  "sfcpp: Salesforce names unaliased aggregates expr0 to expr9: give the others an alias "
                  "(.as<name>())");
};

template <class Record>
struct aggregate_row_to_record {
    static constexpr auto note = join<"a row of ", name_of<Record>, " is not a record">;
    static_assert(because<note>, "sfcpp: aggregate rows do not convert to a record");
};

// ---- reading a row (row.hpp) -----------------------------------------------------------------

template <class Record, class Column>
struct not_selected {
    static constexpr auto note = join<name_of<Column>, " was not selected">;
    static_assert(because<note>,
                  "sfcpp: a row holds only what its query selected; add the column to select() to read it");
};

template <class Path>
struct row_read_through_path {
    static constexpr auto note = join<"read ", name_of<Path>, " one relationship at a time">;
    static_assert(because<note>,
                  "sfcpp: a row is read one step at a time: row[Contact_.Account]->Name, not "
                  "row[Contact_.Account / Account_.Name]");
};

// ---- the select list (select.hpp) ------------------------------------------------------------

template <class Relationship>
struct parent_selected_alone {
    static constexpr auto note = join<name_of<Relationship>, " is a parent relationship">;
    static_assert(because<note>,
                  "sfcpp: a parent relationship cannot be selected by itself; select its fields "
                  "(Contact_.Account / Account_.Name)");
};

template <class Relationship>
struct child_selected_alone {
    static constexpr auto note = join<name_of<Relationship>, " is a child relationship">;
    static_assert(because<note>,
                  "sfcpp: select a child relationship with a subquery: select(Contact_.Id).from(Account_.Contacts)");
};

template <class Object>
struct subquery_not_through_relationship {
    static constexpr auto note =
        join<"the subquery selects from ", name_of<Object>, ", not from a child relationship">;
    static_assert(because<note>,
                  "sfcpp: a subquery in the select list must be a child relationship subquery: "
                  "select(Contact_.Id).from(Account_.Contacts)");
};

template <class Item>
struct select_item_not_allowed {
    static constexpr auto note = join<name_of<Item>, " cannot be selected">;
    static_assert(because<note>,
                  "sfcpp: select() takes field columns, parent paths, child relationship subqueries, typeof_(), "
                  "aggregates or fields_standard/custom/all");
};

template <class... Items>
struct select_without_items {
    static constexpr auto note = join<"select() has no item", nothing<Items...>>;
    static_assert(because<note>, "sfcpp: select() needs at least one item");
};

template <class... Items>
struct count_not_alone {
    static constexpr auto note = join<"COUNT() is selected with other items", nothing<Items...>>;
    static_assert(because<note>, "sfcpp: COUNT() must be the only item of the select list");
};

template <class Argument>
struct from_needs_object {
    static constexpr auto note = join<name_of<Argument>, " is not an object">;
    static_assert(because<note>,
                  "sfcpp: from() takes a generated columns object (Account_) or a child relationship "
                  "(Account_.Contacts)");
};

template <class From, class Column>
struct selected_field_of_another_object {
    static constexpr auto note = join<name_of<Column>, " is not reached from ", name_of<From>>;
    static_assert(because<note>,
                  "sfcpp: a selected field belongs to another object; every field must be on the FROM object or "
                  "reached from it through parent relationships (Contact_.Account / Account_.Name)");
};

template <class From, class Relationship>
struct subquery_of_another_object {
    static constexpr auto note = join<name_of<Relationship>, " is not a child relationship of ", name_of<From>>;
    static_assert(because<note>,
                  "sfcpp: child subquery through a relationship the object does not have: the relationship given "
                  "to from() belongs to another object");
};

template <class From, class Relationship>
struct typeof_of_another_object {
    static constexpr auto note = join<name_of<Relationship>, " is not a relationship of ", name_of<From>>;
    static_assert(because<note>, "sfcpp: TYPEOF names a relationship of another object");
};

template <class From, class Aggregate>
struct aggregate_of_another_object {
    static constexpr auto note = join<name_of<Aggregate>, " is not on ", name_of<From>>;
    static_assert(because<note>, "sfcpp: an aggregate's field belongs to another object than the FROM object");
};

// ---- clauses (select.hpp, order.hpp) ---------------------------------------------------------

template <class From>
struct where_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has a WHERE clause">;
    static_assert(because<note>, "sfcpp: where() was already called; combine conditions with && and ||");
};

template <class From, class Object>
struct where_on_another_object {
    static constexpr auto note = join<"the condition is on ", name_of<Object>, ", the query on ", name_of<From>>;
    static_assert(because<note>,
                  "sfcpp: the WHERE condition uses a field of another object; fields must be on the FROM object or "
                  "reached from it through parent relationships");
};

template <class From>
struct aggregate_in_where {
    static constexpr auto note = join<"the WHERE condition of the query on ", name_of<From>, " holds an aggregate">;
    static_assert(because<note>, "sfcpp: aggregate functions cannot appear in WHERE; filter groups with having()");
};

template <class From>
struct group_by_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has a GROUP BY clause">;
    static_assert(because<note>, "sfcpp: group_by() was already called; list every column in one call");
};

template <class From>
struct group_by_without_columns {
    static constexpr auto note = join<"group_by() of the query on ", name_of<From>, " has no column">;
    static_assert(because<note>, "sfcpp: group_by() needs at least one column");
};

template <class Relationship>
struct group_by_in_subquery {
    static constexpr auto note = join<"the subquery on ", name_of<Relationship>, " groups">;
    static_assert(because<note>, "sfcpp: a child relationship subquery cannot use GROUP BY");
};

template <class From>
struct rollup_or_cube_not_alone {
    static constexpr auto note = join<"group_by() of the query on ", name_of<From>, " mixes rollup/cube with others">;
    static_assert(because<note>, "sfcpp: rollup(...) or cube(...) must be the only GROUP BY argument");
};

template <class Argument>
struct group_by_needs_field {
    static constexpr auto note = join<name_of<Argument>, " is not a field">;
    static_assert(because<note>, "sfcpp: group_by() takes field columns, rollup(...) or cube(...)");
};

template <class From, class Column>
struct grouped_field_of_another_object {
    static constexpr auto note = join<name_of<Column>, " is not reached from ", name_of<From>>;
    static_assert(because<note>, "sfcpp: a GROUP BY field belongs to another object");
};

template <class Column>
struct not_groupable {
    static constexpr auto note = join<name_of<Column>, " is not groupable">;
    static_assert(because<note>, "sfcpp: GROUP BY takes only groupable fields (groupable=true in the describe)");
};

template <class From, class Column>
struct not_grouped {
    static constexpr auto note = join<name_of<Column>, " is neither grouped nor aggregated">;
    static_assert(because<note>,
                  "sfcpp: in a query with aggregate functions or GROUP BY, every selected field must be grouped "
                  "(listed in group_by()) or aggregated");
};

template <class From>
struct count_with_group_by {
    static constexpr auto note = join<"the query on ", name_of<From>, " selects COUNT() and groups">;
    static_assert(because<note>, "sfcpp: COUNT() cannot be used with GROUP BY; use COUNT(field)");
};

template <class From>
struct having_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has a HAVING clause">;
    static_assert(because<note>, "sfcpp: having() was already called; combine conditions with && and ||");
};

template <class From>
struct having_without_group_by {
    static constexpr auto note = join<"the query on ", name_of<From>, " has no GROUP BY">;
    static_assert(because<note>, "sfcpp: HAVING filters groups: call group_by() before having()");
};

template <class From, class Object>
struct having_on_another_object {
    static constexpr auto note = join<"the condition is on ", name_of<Object>, ", the query on ", name_of<From>>;
    static_assert(because<note>, "sfcpp: the HAVING condition uses a field of another object");
};

template <class From>
struct order_by_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has an ORDER BY clause">;
    static_assert(because<note>, "sfcpp: order_by() was already called; list every item in one call");
};

template <class From>
struct order_by_without_items {
    static constexpr auto note = join<"order_by() of the query on ", name_of<From>, " has no item">;
    static_assert(because<note>, "sfcpp: order_by() needs at least one item");
};

template <class Argument>
struct order_by_item_not_allowed {
    static constexpr auto note = join<name_of<Argument>, " is neither a column nor an aggregate">;
    static_assert(because<note>, "sfcpp: order_by() takes columns, aggregates, asc(...) or desc(...)");
};

template <class Column>
struct not_sortable {
    static constexpr auto note = join<name_of<Column>, " is not sortable">;
    static_assert(because<note>, "sfcpp: ORDER BY takes only sortable fields (sortable=true in the describe)");
};

template <class From, class Column>
struct ordered_field_of_another_object {
    static constexpr auto note = join<name_of<Column>, " is not reached from ", name_of<From>>;
    static_assert(because<note>, "sfcpp: an ORDER BY field belongs to another object");
};

template <class From>
struct order_by_aggregate_needs_aggregate_query {
    static constexpr auto note = join<"the query on ", name_of<From>, " neither groups nor aggregates">;
    static_assert(because<note>,
                  "sfcpp: ORDER BY an aggregate needs an aggregate query (GROUP BY or aggregate functions)");
};

template <class From>
struct for_update_with_order_by {
    static constexpr auto note = join<"the query on ", name_of<From>, " has ORDER BY and FOR UPDATE">;
    static_assert(because<note>,
                  "sfcpp: FOR UPDATE cannot be combined with ORDER BY (Salesforce rejects ORDER BY in a query that "
                  "locks rows)");
};

template <class From>
struct lock_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has a FOR clause">;
    static_assert(because<note>, "sfcpp: a query takes one of FOR VIEW, FOR REFERENCE, FOR UPDATE");
};

template <class Relationship>
struct lock_in_subquery {
    static constexpr auto note = join<"the subquery on ", name_of<Relationship>, " locks rows">;
    static_assert(because<note>, "sfcpp: FOR VIEW, FOR REFERENCE and FOR UPDATE cannot be used in a subquery");
};

template <class From>
struct limit_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has a LIMIT">;
    static_assert(because<note>, "sfcpp: limit() was already called");
};

template <class From>
struct offset_given_twice {
    static constexpr auto note = join<"the query on ", name_of<From>, " already has an OFFSET">;
    static_assert(because<note>, "sfcpp: offset() was already called");
};

template <class From>
struct fields_without_limit {
    static constexpr auto note =
        join<"the query on ", name_of<From>, " selects FIELDS(ALL) or FIELDS(CUSTOM) without limit()">;
    static_assert(because<note>, "sfcpp: FIELDS(ALL) and FIELDS(CUSTOM) need limit() of 200 or less");
};

template <class Relationship>
struct subquery_alone {
    static constexpr auto note = join<"the subquery on ", name_of<Relationship>, " is not inside a select()">;
    static_assert(because<note>,
                  "sfcpp: a child relationship subquery (from(Account_.Contacts)) can only be used inside another "
                  "select()");
};

// ---- semi-joins (select.hpp) -----------------------------------------------------------------

template <class Relationship>
struct semi_join_from_relationship {
    static constexpr auto note = join<"the subquery is on ", name_of<Relationship>>;
    static_assert(because<note>,
                  "sfcpp: a semi-join takes a query from an object (from(Account_)), not a relationship subquery");
};

template <class Column>
struct semi_join_needs_id {
    static constexpr auto note = what_is<Column>();
    static_assert(because<note>,
                  "sfcpp: the left side of a semi-join (IN / NOT IN with a subquery) must be an Id or reference "
                  "field");
};

template <class Object>
struct semi_join_needs_one_id {
    static constexpr auto note =
        join<"the subquery on ", name_of<Object>, " does not select exactly one Id or reference field">;
    static_assert(because<note>, "sfcpp: a semi-join subquery must select exactly one Id or reference field");
};

template <class Object>
struct semi_join_clauses {
    static constexpr auto note = join<"the subquery on ", name_of<Object>, " orders, limits, locks or aggregates">;
    static_assert(because<note>, "sfcpp: a semi-join subquery cannot use ORDER BY, LIMIT, FOR ..., or aggregates");
};

// ---- TYPEOF (typeof.hpp) ---------------------------------------------------------------------

template <class Argument>
struct typeof_needs_parent {
    static constexpr auto note = join<name_of<Argument>, " is not a parent relationship">;
    static_assert(because<note>, "sfcpp: TYPEOF takes a parent relationship (like Event_.What)");
};

template <class Relationship>
struct not_polymorphic {
    static constexpr auto note = join<name_of<Relationship>, " is not polymorphic">;
    static_assert(because<note>,
                  "sfcpp: TYPEOF needs a polymorphic relationship (like Event_.What); this relationship has a single "
                  "target: select its fields with a path instead");
};

template <class Relationship>
struct typeof_when_after_else {
    static constexpr auto note = join<"TYPEOF ", name_of<Relationship>, " has when() after else_()">;
    static_assert(because<note>, "sfcpp: TYPEOF: when() cannot follow else_()");
};

template <class Relationship, class Argument>
struct typeof_when_needs_fields {
    static constexpr auto note =
        join<name_of<Argument>, " is not a field (in a when() of TYPEOF ", name_of<Relationship>, ")">;
    static_assert(because<note>, "sfcpp: TYPEOF: when() takes field columns of one object");
};

template <class Relationship, class Field>
struct typeof_when_mixes_objects {
    static constexpr auto note =
        join<"a when() of TYPEOF ", name_of<Relationship>, " mixes ", name_of<Field>, " with another object">;
    static_assert(because<note>, "sfcpp: TYPEOF: the fields of one when() must belong to the same object");
};

template <class Relationship, class Object>
struct typeof_when_repeated {
    static constexpr auto note = join<"TYPEOF ", name_of<Relationship>, " already has WHEN ", name_of<Object>>;
    static_assert(because<note>, "sfcpp: TYPEOF: this object already has a WHEN branch");
};

template <class Relationship>
struct typeof_else_twice {
    static constexpr auto note = join<"TYPEOF ", name_of<Relationship>, " already has an ELSE">;
    static_assert(because<note>, "sfcpp: TYPEOF has one else_()");
};

template <class Relationship>
struct typeof_else_without_when {
    static constexpr auto note = join<"TYPEOF ", name_of<Relationship>, " has else_() before any when()">;
    static_assert(because<note>, "sfcpp: TYPEOF needs at least one when() before else_()");
};

template <class Relationship, class Field>
struct typeof_else_needs_name_fields {
    static constexpr auto note = join<name_of<Field>, " is not a field of the Name object">;
    static_assert(because<note>, "sfcpp: TYPEOF: else_() takes fields of the Name object (soql::name_.Name, ...)");
};

template <class Relationship>
struct typeof_without_when {
    static constexpr auto note = join<"TYPEOF ", name_of<Relationship>, " has no when()">;
    static_assert(because<note>, "sfcpp: TYPEOF needs at least one when()");
};

}  // namespace rule
}  // namespace sfcpp::soql
