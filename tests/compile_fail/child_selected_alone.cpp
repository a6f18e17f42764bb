// expect: select a child relationship with a subquery.*"Account\.Contacts is a child relationship"
#include "common.hpp"

auto s = select(Account_.Id, Account_.Contacts);
