// JWT bearer assertions (RFC 7523) as the token endpoint checks them (private to the library).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sfcpp_emulator::detail {

struct jwt_verdict {
    std::string error;        // empty when the assertion is accepted
    std::string description;
};

// Checks an RS256 assertion against the public key of the PEM certificate `cert`: iss must be the
// client id, sub the user name, aud one of `audiences`, exp in the future.
jwt_verdict check_jwt_assertion(const std::string& assertion, const std::filesystem::path& cert,
                                const std::string& client_id, const std::string& username,
                                const std::vector<std::string>& audiences);

}  // namespace sfcpp_emulator::detail
