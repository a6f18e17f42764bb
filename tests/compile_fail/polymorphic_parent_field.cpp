// expect: only the fields of the Name object .* can follow.*"Account\.Name cannot follow Event\.What, which is polymorphic or points to an object that was not generated"
#include "common.hpp"

auto p = Event_.What / Account_.Name;
