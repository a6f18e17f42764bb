// expect: a datetime field cannot be compared with a date.*"Account\.CreatedDate is a datetime field"
#include "common.hpp"

auto c = Account_.CreatedDate > sfcpp::date{};
