// expect: WHERE takes only filterable fields.*"Account\.Description is not filterable"
#include "common.hpp"

auto c = Account_.Description == "x";
