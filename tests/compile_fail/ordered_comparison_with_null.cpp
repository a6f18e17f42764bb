// expect: only = and != compare with null.*"Account\.AnnualRevenue is compared with null by <, <=, > or >="
#include "common.hpp"

auto c = Account_.AnnualRevenue > nullptr;
