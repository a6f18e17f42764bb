// expect: has no member named .*type.*did you mean .*type_
// A field whose API name clashes with a generated member (`type`) is renamed (`type_`); its API
// name is no member, so it cannot be reached by mistake, and g++ offers the C++ name.
#include <clash_sobjects/sobjects.hpp>

void f() {
    clash::Clash_c c;
    c.type = "t";
}
