// sfcpp/soql/column_tag.hpp: the empty base proposed for the tags sfcpp-codegen emits.
//
// With `struct Name : sfcpp::soql::column_tag { ... }` in the generated headers, argument-dependent
// lookup finds the builder's operators (`Account_.Name == "x"`, `Contact_.Account / Account_.Name`)
// without `using namespace sfcpp::soql`. Kept alone so generated headers can include it for free.
#pragma once

namespace sfcpp::soql {
struct column_tag {};
}  // namespace sfcpp::soql
