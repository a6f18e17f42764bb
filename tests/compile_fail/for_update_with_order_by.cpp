// expect: FOR UPDATE cannot be combined with ORDER BY
#include "common.hpp"

auto q = select(Account_.Id).from(Account_).order_by(Account_.Name).for_update();
