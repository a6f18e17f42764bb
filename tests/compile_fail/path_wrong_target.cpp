// expect: is not a field of the object the parent relationship points to
#include "common.hpp"

auto p = Contact_.Account / User_.Name;
