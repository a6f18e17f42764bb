// expect: must be an Id or reference field
#include "common.hpp"

auto c = in(Contact_.LastName, select(Account_.Name).from(Account_));
