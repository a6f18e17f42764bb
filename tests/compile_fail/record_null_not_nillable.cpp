// expect: record_null_not_nillable\.cpp:6:[0-9]+: +required from here.*not nillable in Salesforce
#include "common.hpp"

void f() {
    Account a;
    a.Name = nullptr;
}
