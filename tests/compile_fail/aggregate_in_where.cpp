// expect: aggregate functions cannot appear in WHERE
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).where(count(Account_.Id) > 1);
