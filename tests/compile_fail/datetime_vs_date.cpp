// expect: a datetime field cannot be compared with a date
#include "common.hpp"

auto c = Account_.CreatedDate > sfcpp::date{};
