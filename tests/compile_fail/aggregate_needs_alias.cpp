// expect: give the others an alias.*"COUNT\(Opportunity\.Id\) needs an alias: \.as<name>\(\)"
#include "common.hpp"

const auto c = count(Opportunity_.Id);
using row = decltype(select(c, c, c, c, c, c, c, c, c, c, c).from(Opportunity_))::row_type;
row r;
