// expect: INCLUDES and EXCLUDES apply only to multi-select picklist fields
#include "common.hpp"

auto c = includes(Account_.Industry, "Banking");
