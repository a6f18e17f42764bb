// expect: a number, currency or percent field takes a number.*"Account\.AnnualRevenue is a currency field"
#include "common.hpp"

auto c = Account_.AnnualRevenue > last_n_days(7);
