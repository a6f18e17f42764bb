// sfcpp/typed_query.hpp: what every typed query call takes (REST, Bulk, composite, async): a query
// that knows its SOQL text and the row type its results decode into. The builder's queries
// (sfcpp::soql::select(...)) and sfcpp::soql::unchecked<T>(...) are typed queries.
#pragma once

#include <sfcpp/record/metadata.hpp>

namespace sfcpp {

template <class Q>
concept typed_query = requires(const Q& q) {
    to_soql(q);  // found by argument-dependent lookup in the query's namespace
    typename Q::row_type;
} && record<typename Q::row_type>;

}  // namespace sfcpp
