// expect: child subquery through a relationship the object does not have
#include "common.hpp"

auto q = select(Contact_.Id, select(Opportunity_.Name).from(Account_.Opportunities)).from(Contact_);
