// expect: a date field cannot be compared with a datetime
#include "common.hpp"

auto c = Opportunity_.CloseDate > sfcpp::datetime{};
