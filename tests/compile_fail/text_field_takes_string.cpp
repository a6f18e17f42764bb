// expect: a text field is compared with a string.*"Account\.Name is a string field"
#include "common.hpp"

auto c = Account_.Name == 42;
