// expect: aggregate functions cannot appear in WHERE.*"the WHERE condition of the query on Account holds an aggregate"
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).where(count(Account_.Id) > 1);
