// expect: a selected field belongs to another object.*"Contact\.LastName is not reached from Account"
#include "common.hpp"

auto q = select(Account_.Id, Contact_.LastName).from(Account_);
