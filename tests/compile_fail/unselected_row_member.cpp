// expect: has no member named .*Phone
#include "common.hpp"

// A field that was not selected is not a member of the row (row[Account_.Phone] names the rule).
using row = decltype(select(Account_.Id, Account_.Name).from(Account_))::row_type;
auto read(const row& r) { return r.Phone; }
