// expect: Clash_c_columns.* has no member named .*type.*did you mean .*type_
// The column of a renamed field has the C++ name too: `Clash_c_.type` would be the tag's
// Salesforce type, so it is not a column.
#include <clash_sobjects/sobjects.hpp>
#include <sfcpp/soql.hpp>

auto s = sfcpp::soql::select(clash::Clash_c_.type);
