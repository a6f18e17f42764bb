// expect: a number, currency or percent field takes a number
#include "common.hpp"

auto c = Account_.AnnualRevenue == "lots";
