// expect: SUM and AVG apply only to number, currency and percent fields.*"SUM\(Account\.Name\): Account\.Name is a string field"
#include "common.hpp"

auto a = sum(Account_.Name);
