// expect: a row holds only what its query selected.*"Account\.Phone was not selected"
#include "common.hpp"

using row = decltype(select(Account_.Id, Account_.Name).from(Account_))::row_type;
auto read(const row& r) { return r[Account_.Phone]; }
