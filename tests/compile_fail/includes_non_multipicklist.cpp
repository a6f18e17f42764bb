// expect: INCLUDES and EXCLUDES apply only to multi-select picklist fields.*"Account\.Industry is a picklist field"
#include "common.hpp"

auto c = includes(Account_.Industry, "Banking");
