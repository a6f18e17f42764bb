// expect: TYPEOF needs a polymorphic relationship
#include "common.hpp"

auto t = typeof_(Contact_.Account);
