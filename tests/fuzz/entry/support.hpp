// Shared by the fuzz entry points: an invariant that fails aborts, so libFuzzer records the
// input and the regression suite (built with g++) fails on it too.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace sfcpp_fuzz {

inline void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "sfcpp fuzz invariant broken: %s\n", what);
    std::abort();
}

}  // namespace sfcpp_fuzz
