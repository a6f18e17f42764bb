// libFuzzer target: the work is in entry/error_body.hpp, shared with the regression suite.
#include "entry/error_body.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    sfcpp_fuzz::error_body(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
