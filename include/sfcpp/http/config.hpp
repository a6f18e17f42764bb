// sfcpp/http/config.hpp: kept for code that includes it; the configuration is sfcpp/config.hpp.
#pragma once

#include <sfcpp/config.hpp>
