// expect: COUNT.. cannot be used with GROUP BY.*"the query on Account selects COUNT\(\) and groups"
#include "common.hpp"

auto s = to_soql(select(count()).from(Account_).group_by(Account_.Industry));
