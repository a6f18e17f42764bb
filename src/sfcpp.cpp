// The sfcpp::compiled library: every non-template part of sfcpp, compiled once for programs built
// with SFCPP_SEPARATE_COMPILATION (see include/sfcpp/config.hpp).
#include <sfcpp/src.hpp>
