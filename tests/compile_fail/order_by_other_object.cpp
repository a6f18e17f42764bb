// expect: an ORDER BY field belongs to another object.*"Contact\.LastName is not reached from Account"
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).order_by(Contact_.LastName);
