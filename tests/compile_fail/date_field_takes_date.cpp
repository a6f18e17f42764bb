// expect: a date field takes an sfcpp::date or a date literal.*"Opportunity\.CloseDate is a date field"
#include "common.hpp"

auto c = Opportunity_.CloseDate == "2024-01-31";
