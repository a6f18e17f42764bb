// expect: aggregate rows do not convert to a record.*"a row of AggregateResult is not a record"
#include "common.hpp"

using row = decltype(select(count(Opportunity_.Id)).from(Opportunity_))::row_type;
auto convert(const row& r) { return r.to_record(); }
