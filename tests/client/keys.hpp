// Throwaway RSA keys and self-signed certificates for the JWT and TLS tests.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <unistd.h>

namespace client_test {

struct key_and_cert {
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    std::filesystem::path cert_file;

    // `dns_name`: the subjectAltName the certificate is valid for.
    explicit key_and_cert(const std::string& dns_name = "localhost", const std::string& tag = "jwt") {
        key = EVP_RSA_gen(2048);
        REQUIRE(key);
        cert = X509_new();
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -60);
        X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(dns_name.c_str()), -1, -1, 0);
        X509_set_issuer_name(cert, name);
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
        const std::string san = "DNS:" + dns_name;
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
        REQUIRE(ext);
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
        REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
        cert_file = std::filesystem::temp_directory_path() /
                    ("sfcpp-client-" + tag + "-" + std::to_string(::getpid()) + ".pem");
        FILE* f = std::fopen(cert_file.c_str(), "wb");
        REQUIRE(f);
        PEM_write_X509(f, cert);
        std::fclose(f);
    }
    ~key_and_cert() {
        X509_free(cert);
        EVP_PKEY_free(key);
        std::error_code ec;
        std::filesystem::remove(cert_file, ec);
    }
    key_and_cert(const key_and_cert&) = delete;
    key_and_cert& operator=(const key_and_cert&) = delete;

    std::string private_key_pem() const {
        BIO* b = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr);
        char* data = nullptr;
        long n = BIO_get_mem_data(b, &data);
        std::string out(data, static_cast<std::size_t>(n));
        BIO_free(b);
        return out;
    }
};

}  // namespace client_test
