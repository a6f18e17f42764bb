// expect: is not a field of the object the parent relationship points to.*"User\.Name is not a field of Account, which Contact\.Account points to"
#include "common.hpp"

auto p = Contact_.Account / User_.Name;
