// expect: FIELDS.ALL. and FIELDS.CUSTOM. need limit.. of 200 or less.*"the query on Account selects FIELDS\(ALL\) or FIELDS\(CUSTOM\) without limit\(\)"
#include "common.hpp"

auto s = to_soql(select(fields_all).from(Account_));
