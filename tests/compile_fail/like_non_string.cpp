// expect: LIKE applies only to text fields
#include "common.hpp"

auto c = like(Account_.AnnualRevenue, "1%");
