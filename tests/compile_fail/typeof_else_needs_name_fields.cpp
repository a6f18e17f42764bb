// expect: else_.. takes fields of the Name object.*"Account\.Phone is not a field of the Name object"
#include "common.hpp"

auto t = typeof_(Event_.What).when(Account_.Name).else_(Account_.Phone);
