// expect: TYPEOF: this object already has a WHEN branch.*"TYPEOF Event\.What already has WHEN Account"
#include "common.hpp"

auto t = typeof_(Event_.What).when(Account_.Name).when(Account_.Phone);
