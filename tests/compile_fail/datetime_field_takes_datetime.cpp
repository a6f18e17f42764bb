// expect: a datetime field takes an sfcpp::datetime or a date literal.*"Account\.CreatedDate is a datetime field"
#include "common.hpp"

auto c = Account_.CreatedDate > "2024-01-31T00:00:00Z";
