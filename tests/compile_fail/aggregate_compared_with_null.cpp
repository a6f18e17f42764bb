// expect: compare an aggregate with a number, not with null.*"COUNT\(Opportunity\.Id\) is compared with null"
#include "common.hpp"

auto c = count(Opportunity_.Id) == nullptr;
