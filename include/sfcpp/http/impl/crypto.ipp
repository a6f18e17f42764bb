// sfcpp/http/impl/crypto.ipp: crypto.hpp over OpenSSL 3.
#pragma once

#include <sfcpp/http/crypto.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <memory>

namespace sfcpp::http::crypto {

SFCPP_DECL std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    if (n && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw error("sfcpp: the random number generator failed");
    return out;
}

SFCPP_DECL std::string sha256(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw error("sfcpp: SHA-256 failed");
    return std::string(reinterpret_cast<const char*>(md), len);
}

SFCPP_DECL std::string base64(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

SFCPP_DECL std::string base64url(std::string_view data) {
    std::string s = base64(data);
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
}

SFCPP_DECL std::string rs256_sign(std::string_view pem_private_key, std::string_view data) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem_private_key.data(), static_cast<int>(pem_private_key.size())),
                                                  &BIO_free);
    if (!bio) throw key_error("sfcpp: cannot read the private key");
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                            &EVP_PKEY_free);
    if (!key) throw key_error("sfcpp: the private key is not a readable PEM private key (encrypted keys are not supported)");
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) throw key_error("sfcpp: RS256 needs an RSA private key");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
        throw key_error("sfcpp: RS256 signing failed");
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
        throw key_error("sfcpp: RS256 signing failed");
    sig.resize(len);
    return sig;
}

}  // namespace sfcpp::http::crypto
