// Control: the harness compiles a snippet that breaks no rule.
#include "common.hpp"

auto q = select(Contact_.Id, Contact_.Account / Account_.Name).from(Contact_);
