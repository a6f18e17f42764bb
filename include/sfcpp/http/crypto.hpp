// sfcpp/http/crypto.hpp: the little cryptography OAuth needs (random bytes, SHA-256, base64url,
// RS256 signatures), declared without OpenSSL headers so that auth.hpp stays light.
#pragma once

#include <sfcpp/error.hpp>
#include <sfcpp/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sfcpp::http::crypto {

// A key that cannot be read or used for signing. Never carries key material in its message.
class key_error : public error {
public:
    using error::error;
};

// Bytes from the OpenSSL CSPRNG.
SFCPP_DECL std::string random_bytes(std::size_t n);
SFCPP_DECL std::string sha256(std::string_view data);
SFCPP_DECL std::string base64(std::string_view data);
// RFC 4648 section 5 alphabet, no padding (JWT, PKCE).
SFCPP_DECL std::string base64url(std::string_view data);
// RSASSA-PKCS1-v1_5 with SHA-256 over `data`, with a PEM private key (PKCS#1 or PKCS#8).
SFCPP_DECL std::string rs256_sign(std::string_view pem_private_key, std::string_view data);

}  // namespace sfcpp::http::crypto

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/http/impl/crypto.ipp>
#endif
