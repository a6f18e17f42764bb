// expect: FOR UPDATE cannot be combined with ORDER BY.*"the query on Account has ORDER BY and FOR UPDATE"
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).for_update().order_by(Account_.Name);
