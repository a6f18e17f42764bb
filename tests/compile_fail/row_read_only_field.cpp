// expect: read-only in Salesforce
#include "common.hpp"

void f() {
    decltype(select(Account_.CreatedDate).from(Account_))::row_type r;
    r.CreatedDate = sfcpp::datetime{};
}
