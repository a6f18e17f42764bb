// expect: where.. was already called.*"the query on Account already has a WHERE clause"
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).where(Account_.Name == "a").where(Account_.Name == "b");
