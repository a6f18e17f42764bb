// Compile-time probe: every generated header of the shipped describes together.
#include <bench_sobjects/sobjects.hpp>

int probe() { return static_cast<int>(sobjects::Account::sfcpp_info().fields.size()); }
