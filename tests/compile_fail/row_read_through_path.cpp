// expect: a row is read one step at a time.*"read Contact\.Account\.Name one relationship at a time"
#include "common.hpp"

using row = decltype(select(Contact_.Account / Account_.Name).from(Contact_))::row_type;
auto read(const row& r) { return r[Contact_.Account / Account_.Name]; }
