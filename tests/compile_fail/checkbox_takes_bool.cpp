// expect: a checkbox field takes a bool.*"Account\.IsDeleted is a boolean \(checkbox\) field"
#include "common.hpp"

auto c = Account_.IsDeleted == 1;
