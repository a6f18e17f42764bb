// The stages a parsed SOQL query runs through (private to the library):
//   bind       query → bound_query   names resolved against the schema, literals typed; the API's errors
//   translate  bound_query → sql_plan   SQLite text and parameters; cannot fail
//   shape      SQLite rows → records    nested parents, child subqueries, AggregateResult rows
// soql_exec.cpp runs them in turn.
#pragma once

#include <sfcpp_emulator/schema.hpp>
#include <sfcpp_emulator/soql.hpp>
#include <sfcpp_emulator/sqlite.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sfcpp_emulator::soql {

using sfcpp::field_describe;

inline constexpr int root_join = -1;  // where a join index is expected: the queried object itself

// A parent reached through a relationship path (Account.Owner): one LEFT JOIN, or for a polymorphic
// relationship (Task.Who: Contact or Lead) one per candidate object.
struct bound_join {
    const object_schema* obj = nullptr;            // polymorphic: the first candidate
    std::vector<const object_schema*> candidates;  // polymorphic only
    int from = root_join;                          // the join holding the reference field
    // The parent's Id is the first non-null of these reference fields: one, or past a polymorphic
    // relationship one per candidate of `from` that has it (candidate index, field).
    std::vector<std::pair<int, const field_describe*>> via;

    bool polymorphic() const { return !candidates.empty(); }
};

// A value a query reads from a row.
struct bound_value {
    enum class kind { column, object_type };  // object_type: which candidate a polymorphic parent is (Who.Type)
    kind k = kind::column;
    int join = root_join;
    int candidate = -1;       // a TYPEOF branch: that candidate of a polymorphic join only
    std::string column;       // a field's name, looked up in each candidate of a polymorphic join
    std::string function;     // date function around the column (CALENDAR_YEAR, DAY_ONLY), or ""
    const field_describe* field = nullptr;  // what the value is: its type and name (null for plain Ids)
};

struct bound_call {
    std::string function;           // COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, GROUPING
    std::optional<bound_value> arg;  // empty for COUNT()
};

struct bound_semi_join;

// A WHERE or HAVING condition with its literals already in the stored form of the field's type.
struct bound_condition {
    enum class kind {
        and_, or_, not_,
        aggregate,     // HAVING COUNT(Id) > 1: `call op values[0]`
        in, not_in,    // values (a null one is NULL in the list), or semi_join
        includes, excludes,  // multipicklist: values are the literals' texts
        like,          // values[0] is the LIKE pattern
        is_null, is_not_null,
        date_range,    // a date literal (THIS_MONTH) compared by op
        compare        // `lhs op values[0]`
    };
    kind k = kind::compare;
    std::vector<bound_condition> children;  // and_, or_, not_
    std::string op;                         // = != < <= > >=
    bound_value lhs;
    bound_call call;                        // kind::aggregate
    bool nocase = false;                    // text, compared case-insensitively
    std::vector<sql_value> values;
    std::shared_ptr<const bound_semi_join> semi_join;
    std::string date_literal;               // kind::date_range: LAST_N_DAYS
    int date_n = 0;                         //   and its N
    bool on_datetime = false;               //   against a dateTime (bounds at midnight UTC) or a date
};

struct bound_order {
    std::optional<bound_call> call;  // an aggregate, else `value`
    bound_value value;
    bool nocase = false;
    bool descending = false;
    bool nulls_first = false;
    int select_index = -1;           // ROLLUP/CUBE: the select item it names
};

// FROM, its joins, WHERE, LIMIT and OFFSET: what every kind of query has.
struct bound_source {
    const object_schema* obj = nullptr;
    std::vector<bound_join> joins;
    std::optional<bound_condition> where;
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> offset;
};

// IN (SELECT AccountId FROM Contact WHERE ...).
struct bound_semi_join {
    bound_source source;
    bound_value value;
};

// TYPEOF: which fields a parent shows depends on its type in each row.
struct typeof_shape {
    struct column {
        std::string key;
        int col = -1;
        const field_describe* field = nullptr;
    };
    int id_col = -1;
    int type_col = -1;
    const object_schema* fixed = nullptr;  // the only candidate of a non-polymorphic relationship
    std::map<std::string, std::vector<column>> by_type;  // object name -> fields
    std::vector<column> otherwise;
};

// The JSON of one record (or nested parent) of a plain query; `col` numbers index bound_records::columns.
struct record_shape {
    const object_schema* obj = nullptr;
    int id_col = -1;
    int type_col = -1;  // polymorphic parents: the object type of each row
    struct entry {
        std::string key;
        int col = -1;                                                   // plain field
        const field_describe* field = nullptr;
        std::vector<std::pair<const field_describe*, int>> components;  // compound field
        std::unique_ptr<record_shape> parent;                           // parent relationship
        std::unique_ptr<typeof_shape> typeof_;                          // TYPEOF
        int child = -1;                                                 // index in bound_records::children
    };
    std::vector<entry> entries;

    entry& find_or_add(const std::string& key);  // keys are case-insensitive
};

struct bound_query;

// A child relationship subquery: run once per parent row, filtered by `link` (Contact.AccountId).
struct bound_child {
    const field_describe* link = nullptr;
    std::unique_ptr<bound_query> query;
};

struct bound_records {
    bound_source source;
    std::vector<bound_value> columns;  // one SQL column each
    record_shape shape;
    std::vector<bound_child> children;
    std::vector<bound_order> order_by;
};

// One column of an AggregateResult row.
struct aggregate_output {
    std::string key;                        // alias, exprN or the grouped field's name
    const field_describe* field = nullptr;  // the grouped or aggregated field; null for COUNT()
    std::optional<bound_call> call;         // an aggregate, else a GROUP BY field
    bound_value value;
    int group = -1;                         // index in GROUP BY of the field (or of GROUPING's argument)
};

struct bound_aggregate {
    bound_source source;
    bool count_only = false;  // SELECT COUNT() FROM ...: a total size, no records
    std::vector<aggregate_output> outputs;
    std::vector<bound_value> group_by;
    query::grouping grouping = query::grouping::plain;
    std::optional<bound_condition> having;
    std::vector<bound_order> order_by;
};

struct bound_query {
    std::variant<bound_records, bound_aggregate> body;
};

// ---- bind (soql_bind.cpp) ----------------------------------------------------------------------

// Throws api_exception (INVALID_TYPE, INVALID_FIELD, MALFORMED_QUERY, INVALID_QUERY_FILTER_OPERATOR)
// with messages located in `text`.
bound_query bind(const schema& objects, const query& q, std::string_view text);

// ---- translate (soql_translate.cpp) ------------------------------------------------------------

// Whether a name is a date literal SOQL knows (THIS_MONTH, LAST_N_DAYS, ...).
bool is_date_literal(std::string_view upper_name);

struct sql_plan {
    std::string sql;
    std::vector<sql_value> params;
    bool takes_parent_id = false;  // a child subquery: the parent's Id is the last parameter
    std::vector<sql_plan> children;  // of bound_records::children, in order
};

// `all_rows`: deleted records too (queryAll).
sql_plan translate(const bound_query& q, bool all_rows);

// ---- shape (soql_shape.cpp) --------------------------------------------------------------------

// The records of child subquery `child` of the parent with Id `parent_id`.
using child_records = std::function<result(int child, const std::string& parent_id)>;

// The current row as a record; `version` like "v60.0" for attributes.url.
boost::json::object shape_record(const record_shape& shape, const statement& row, std::string_view version,
                                 const child_records& children);
// The current row as an AggregateResult.
boost::json::object shape_aggregate(const std::vector<aggregate_output>& outputs, const statement& row);

}  // namespace sfcpp_emulator::soql
