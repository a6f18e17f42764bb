// expect: the left side of a semi-join .* must be an Id or reference field.*"Contact\.LastName is a string field"
#include "common.hpp"

auto c = in(Contact_.LastName, select(Account_.Id).from(Account_));
