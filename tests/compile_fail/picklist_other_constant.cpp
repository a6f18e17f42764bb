// expect: a picklist field takes one of its own constants
#include "common.hpp"

auto c = Account_.Industry == Opportunity_StageName::Closed_Won;
