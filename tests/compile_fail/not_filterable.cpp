// expect: field is not filterable
#include "common.hpp"

auto c = Account_.Description == "x";
