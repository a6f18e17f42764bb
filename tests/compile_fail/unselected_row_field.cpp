// expect: has no member named.*Phone
#include "common.hpp"

using row = decltype(select(Account_.Id, Account_.Name).from(Account_))::row_type;
auto read(const row& r) { return r.Phone; }
