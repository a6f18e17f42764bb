// libFuzzer target: the work is in entry/describe.hpp, shared with the regression suite.
#include "entry/describe.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    sfcpp_fuzz::describe(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
