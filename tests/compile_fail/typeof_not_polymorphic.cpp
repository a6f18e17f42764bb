// expect: TYPEOF needs a polymorphic relationship.*"Contact\.Account is not polymorphic"
#include "common.hpp"

auto t = typeof_(Contact_.Account);
