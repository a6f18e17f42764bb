// expect: FOR VIEW, FOR REFERENCE and FOR UPDATE cannot be used in a subquery.*"the subquery on Account\.Contacts locks rows"
#include "common.hpp"

auto q = select(Account_.Id, select(Contact_.Id).from(Account_.Contacts).for_view()).from(Account_);
