// expect: an aggregate takes one alias.*"SUM\(Opportunity\.Amount\) already has the alias total"
#include "common.hpp"

SFCPP_SOQL_ALIAS(total);
SFCPP_SOQL_ALIAS(amount);

auto a = sum(Opportunity_.Amount).as<total>().as<amount>();
