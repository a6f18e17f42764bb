// expect: SUM and AVG apply only to number, currency and percent fields
#include "common.hpp"

auto a = sum(Account_.Name);
