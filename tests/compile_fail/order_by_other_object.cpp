// expect: an ORDER BY field belongs to another object
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).order_by(Contact_.LastName);
