// expect: every selected field must be grouped.*"Opportunity\.Name is neither grouped nor aggregated"
#include "common.hpp"

auto s = to_soql(select(Opportunity_.Name, count(Opportunity_.Id)).from(Opportunity_));
