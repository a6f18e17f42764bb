// expect: a parent relationship cannot be selected by itself.*"Contact\.Account is a parent relationship"
#include "common.hpp"

auto s = select(Contact_.Id, Contact_.Account);
