// Compile-time probe: one generated Account header and a JSON round trip.
#include <bench_sobjects/Account.hpp>
#include <sfcpp/json.hpp>

std::string probe(std::string_view body) {
    auto a = sfcpp::from_json<sobjects::Account>(body);
    a.Website = "https://example.com";
    return sfcpp::to_json(a, {sfcpp::write_mode::update});
}
