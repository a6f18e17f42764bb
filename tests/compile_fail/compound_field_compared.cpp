// expect: address and location fields cannot be compared with a value.*"Account\.BillingAddress is an address field"
#include "common.hpp"

auto c = Account_.BillingAddress == "Main Street";
