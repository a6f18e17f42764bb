// expect: HAVING filters groups: call group_by.. before having...*"the query on Opportunity has no GROUP BY"
#include "common.hpp"

auto q = select(count(Opportunity_.Id)).from(Opportunity_).having(count(Opportunity_.Id) > 1);
