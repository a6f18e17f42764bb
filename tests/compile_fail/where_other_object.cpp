// expect: the WHERE condition uses a field of another object.*"the condition is on Contact, the query on Account"
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).where(Contact_.LastName == "x");
