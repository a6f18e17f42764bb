// sfcpp/http/src.hpp: kept for code that includes it; sfcpp/src.hpp compiles all of sfcpp,
// the transport included.
#pragma once

#include <sfcpp/src.hpp>
