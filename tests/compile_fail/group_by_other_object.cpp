// expect: a GROUP BY field belongs to another object.*"Contact\.LastName is not reached from Account"
#include "common.hpp"

auto q = select(count(Account_.Id)).from(Account_).group_by(Contact_.LastName);
