// expect: child subquery through a relationship the object does not have.*"Account\.Opportunities is not a child relationship of Contact"
#include "common.hpp"

auto q = select(Contact_.Id, select(Opportunity_.Name).from(Account_.Opportunities)).from(Contact_);
