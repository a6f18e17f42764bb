// expect: a GROUP BY field belongs to another object
#include "common.hpp"

auto q = select(count(Account_.Id)).from(Account_).group_by(Contact_.LastName);
