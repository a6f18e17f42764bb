// expect: an Id or reference field takes an sfcpp::id.*"Account\.Id is an id field"
#include "common.hpp"

auto c = Account_.Id == "001000000000001AAA";
