// expect: the WHERE condition uses a field of another object
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).where(Contact_.LastName == "x");
