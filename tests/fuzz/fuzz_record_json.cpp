// Fuzz target: record and query-response JSON decode, then re-encode what was decoded.
#include <test_sobjects/sobjects.hpp>
#include <sfcpp/json.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (bool verify : {true, false}) {
        try {
            auto r = sfcpp::from_json<sfcpp::query_result<sobjects::Account>>(text, {verify});
            (void)sfcpp::to_json(r);
        } catch (const sfcpp::error&) {
        }
        try {
            auto c = sfcpp::from_json<sobjects::Contact>(text, {verify});
            (void)sfcpp::to_json(c);
            (void)sfcpp::to_json(c, {sfcpp::write_mode::update});
        } catch (const sfcpp::error&) {
        }
        try {
            auto e = sfcpp::from_json<sfcpp::query_result<sobjects::Event>>(text, {verify});
            (void)sfcpp::to_json(e);
        } catch (const sfcpp::error&) {
        }
    }
    return 0;
}
