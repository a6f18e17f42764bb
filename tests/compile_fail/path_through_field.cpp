// expect: a parent path must go through a parent relationship
#include "common.hpp"

auto p = Contact_.AccountId / Account_.Name;
