// expect: a parent path goes through a parent relationship.*"Contact\.AccountId is a field, not a parent relationship"
#include "common.hpp"

auto p = Contact_.AccountId / Account_.Name;
