// expect: a semi-join subquery must select exactly one Id or reference field.*"the subquery on Account does not select exactly one Id or reference field"
#include "common.hpp"

auto c = in(Contact_.AccountId, select(Account_.Name).from(Account_));
