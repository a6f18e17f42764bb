// expect: a child relationship subquery .* can only be used inside another select.*"the subquery on Account\.Contacts is not inside a select\(\)"
#include "common.hpp"

auto s = to_soql(select(Contact_.LastName).from(Account_.Contacts));
