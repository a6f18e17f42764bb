// expect: not nillable in Salesforce
#include "common.hpp"

void f() {
    Account a;
    a.Name = nullptr;
}
