// expect: ORDER BY an aggregate needs an aggregate query.*"the query on Opportunity neither groups nor aggregates"
#include "common.hpp"

auto s = to_soql(select(Opportunity_.Name).from(Opportunity_).order_by(desc(sum(Opportunity_.Amount))));
