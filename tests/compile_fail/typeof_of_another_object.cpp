// expect: TYPEOF names a relationship of another object.*"Event\.What is not a relationship of Account"
#include "common.hpp"

auto q = select(Account_.Id, typeof_(Event_.What).when(Account_.Name)).from(Account_);
