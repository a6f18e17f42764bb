// sfcpp/address.hpp: compound address and geolocation values.
//
// Compound fields are read-only on the wire: Salesforce returns BillingAddress as an object but
// accepts writes only to its components (BillingCity, ...), which are fields of their own.
#pragma once

#include <optional>
#include <string>

namespace sfcpp {

struct address {
    std::optional<std::string> street;
    std::optional<std::string> city;
    std::optional<std::string> state;
    std::optional<std::string> state_code;
    std::optional<std::string> postal_code;
    std::optional<std::string> country;
    std::optional<std::string> country_code;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::optional<std::string> geocode_accuracy;

    friend bool operator==(const address&, const address&) = default;
};

struct location {
    std::optional<double> latitude;
    std::optional<double> longitude;

    friend bool operator==(const location&, const location&) = default;
};

}  // namespace sfcpp
