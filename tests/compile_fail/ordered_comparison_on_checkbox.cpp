// expect: < <= > >= do not apply to checkbox or multi-select picklist fields.*"Account\.IsDeleted is a boolean \(checkbox\) field"
#include "common.hpp"

auto c = Account_.IsDeleted < true;
