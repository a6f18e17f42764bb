// expect: a selected field belongs to another object
#include "common.hpp"

auto q = select(Account_.Id, Contact_.LastName).from(Account_);
