// expect: need limit.. of 200 or less
#include "common.hpp"

auto s = to_soql(select(fields_all).from(Account_));
