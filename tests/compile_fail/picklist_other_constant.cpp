// expect: a picklist field takes one of its own constants.*"Account\.Industry is a picklist field"
#include "common.hpp"

auto c = Account_.Industry == Opportunity_StageName::Closed_Won;
