// expect: read-only in Salesforce
#include "common.hpp"

void f() {
    Account a;
    a.CreatedDate = sfcpp::datetime{};
}
