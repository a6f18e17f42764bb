// expect: row_read_only_field\.cpp:6:[0-9]+: +required from here.*read-only in Salesforce
#include "common.hpp"

void f() {
    decltype(select(Account_.CreatedDate).from(Account_))::row_type r;
    r.CreatedDate = sfcpp::datetime{};
}
