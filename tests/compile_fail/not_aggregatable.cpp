// expect: take only aggregatable fields.*"Account\.Description is not aggregatable"
#include "common.hpp"

auto a = count(Account_.Description);
