// sfcpp_emulator/soql.hpp: a SOQL parser (query text → tree) and an evaluator that runs the tree on
// the emulator's SQLite store, producing records shaped the way the REST API returns them.
#pragma once

#include <sfcpp_emulator/errors.hpp>

#include <boost/json/array.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp_emulator {
class store;
}

namespace sfcpp_emulator::soql {

struct literal {
    enum class kind { null, boolean, number, string, date, datetime, date_literal };
    kind k = kind::null;
    std::string text;  // value; for date_literal the upper-case name (LAST_N_DAYS)
    std::string like;  // string: the literal as a LIKE pattern, escapes kept (ESCAPE '\\')
    int n = 0;         // the N of LAST_N_DAYS:N
    std::size_t pos = 0;
};

struct field_ref {
    std::vector<std::string> path;  // as written: {"Account", "Owner", "Name"}
    std::size_t pos = 0;
    std::string function;           // date function around the field (CALENDAR_YEAR, DAY_ONLY, ...); "" if none
    std::string text() const;       // "Account.Owner.Name", "CALENDAR_YEAR(CloseDate)"
};

// The date functions SOQL accepts around a date or dateTime field.
bool is_date_function(std::string_view upper_name);

struct aggregate_call {
    std::string function;            // upper case: COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, GROUPING
    std::optional<field_ref> arg;    // empty for COUNT()
    std::size_t pos = 0;
};

struct query;

// One WHEN branch of TYPEOF (the ELSE branch has an empty type).
struct typeof_branch {
    std::string type;
    std::size_t pos = 0;
    std::vector<field_ref> fields;
};

struct select_item {
    // fields_macro: FIELDS(ALL|STANDARD|CUSTOM); typeof_: TYPEOF rel WHEN X THEN ... ELSE ... END
    enum class kind { field, aggregate, subquery, fields_macro, typeof_ };
    kind k = kind::field;
    field_ref field;
    aggregate_call aggregate;
    std::string alias;                 // for fields_macro: ALL, STANDARD or CUSTOM
    std::shared_ptr<query> subquery;
    std::vector<typeof_branch> branches;  // typeof_: field holds the relationship name
};

struct condition {
    enum class kind { and_, or_, not_, compare };
    kind k = kind::compare;
    std::vector<condition> children;
    // compare:
    bool lhs_aggregate = false;
    field_ref field;
    aggregate_call aggregate;
    std::string op;  // = != < <= > >= LIKE IN NOT_IN INCLUDES EXCLUDES
    std::vector<literal> values;
    std::shared_ptr<query> subquery;  // semi-join / anti-join
    std::size_t pos = 0;
};

struct order_item {
    bool is_aggregate = false;
    field_ref field;
    aggregate_call aggregate;
    bool descending = false;
    std::optional<bool> nulls_first;
};

struct query {
    std::vector<select_item> select;
    std::string from;
    std::size_t from_pos = 0;
    std::string alias;
    std::optional<condition> where;
    std::vector<field_ref> group_by;
    enum class grouping { plain, rollup, cube };
    grouping group_kind = grouping::plain;  // GROUP BY ROLLUP(...) / CUBE(...): subtotal rows too
    std::optional<condition> having;
    std::vector<order_item> order_by;
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> offset;

    bool is_count_only() const;  // SELECT COUNT() FROM ...
    bool is_aggregate() const;
};

// Throws api_exception (400 MALFORMED_QUERY) with Salesforce's caret-style message, and nothing
// else, whatever the input (the fuzz target in tests/fuzz relies on it).
query parse(std::string_view text);

struct result {
    std::int64_t total_size = 0;
    boost::json::array records;
};

// Runs a parsed query. `all_rows` includes deleted records (queryAll); `version` like "v60.0".
// `text` is the query text, quoted in error messages. Throws api_exception (INVALID_TYPE,
// INVALID_FIELD, MALFORMED_QUERY).
result execute(store& db, const query& q, bool all_rows, std::string_view version, std::string_view text);

// The "\n<query>\n   ^\nERROR at Row:R:Column:C\n<what>" message form.
std::string located_message(std::string_view text, std::size_t pos, std::string_view what);

}  // namespace sfcpp_emulator::soql
