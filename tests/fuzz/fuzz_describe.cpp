// Fuzz target: describe parsing, as the generator and the emulator do it.
#include <sfcpp/describe.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        auto d = sfcpp::parse_describe(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
        (void)d.find_field("Id");
    } catch (const sfcpp::describe_error&) {
    }
    return 0;
}
