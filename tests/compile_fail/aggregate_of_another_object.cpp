// expect: an aggregate's field belongs to another object.*"COUNT\(Contact\.Id\) is not on Account"
#include "common.hpp"

auto q = select(count(Contact_.Id)).from(Account_);
