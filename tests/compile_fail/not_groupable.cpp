// expect: GROUP BY takes only groupable fields.*"Account\.AnnualRevenue is not groupable"
#include "common.hpp"

auto q = select(sum(Account_.NumberOfEmployees)).from(Account_).group_by(Account_.AnnualRevenue);
