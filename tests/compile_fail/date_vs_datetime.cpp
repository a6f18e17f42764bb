// expect: a date field cannot be compared with a datetime.*"Opportunity\.CloseDate is a date field"
#include "common.hpp"

auto c = Opportunity_.CloseDate > sfcpp::datetime{};
