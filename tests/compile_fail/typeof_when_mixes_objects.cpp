// expect: the fields of one when.. must belong to the same object.*"a when\(\) of TYPEOF Event\.What mixes Opportunity\.Amount with another object"
#include "common.hpp"

auto t = typeof_(Event_.What).when(Account_.Name, Opportunity_.Amount);
