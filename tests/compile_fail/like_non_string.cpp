// expect: LIKE applies only to text fields.*"Account\.AnnualRevenue is a currency field"
#include "common.hpp"

auto c = like(Account_.AnnualRevenue, "1%");
