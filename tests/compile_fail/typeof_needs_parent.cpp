// expect: TYPEOF takes a parent relationship.*"Event\.WhatId is not a parent relationship"
#include "common.hpp"

auto t = typeof_(Event_.WhatId);
