// expect: record_read_only_field\.cpp:6:[0-9]+: +required from here.*read-only in Salesforce
#include "common.hpp"

void f() {
    Account a;
    a.CreatedDate = sfcpp::datetime{};
}
