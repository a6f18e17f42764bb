// tls_fixture.hpp: a throwaway PKI for HTTPS tests, made at test run time with OpenSSL's C API: a CA
// and a server certificate it signs (EC P-256 keys, SHA-256, valid for a day). Header-only; link
// OpenSSL::Crypto. Any test suite may include it:
//
//     sfcpp_test::temp_dir dir;                                  // removed with its files at scope end
//     auto pki = sfcpp_test::make_test_pki(dir.path());          // SAN: DNS:localhost, IP:127.0.0.1
//     opts.tls_cert = pki.cert_path; opts.tls_key = pki.key_path; // the emulator serves HTTPS
//     ctx.load_verify_file(pki.ca_pem_path);                     // the client trusts the CA
//
//     auto other = sfcpp_test::make_test_pki(dir.path() + "/other", "wrong.example");  // host-name mismatch
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

#include <unistd.h>

namespace sfcpp_test {

struct tls_files {
    std::string ca_pem_path;  // CA certificate: what a client trusts (ssl::context::load_verify_file)
    std::string cert_path;    // server certificate, signed by the CA
    std::string key_path;     // server private key (unencrypted PKCS#8 PEM)
    std::string ca_pem;       // the same three as PEM text (for in-memory options)
    std::string cert_pem;
    std::string key_pem;
};

// A fresh directory under the system temp directory, removed with its content on destruction.
class temp_dir {
public:
    explicit temp_dir(const std::string& prefix = "sfcpp-test") {
        std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (!::mkdtemp(tmpl.data())) throw std::system_error(errno, std::generic_category(), "mkdtemp");
        path_ = tmpl;
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

namespace detail {

struct evp_pkey_free_t { void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } };
struct x509_free_t { void operator()(X509* p) const { X509_free(p); } };
struct bio_free_t { void operator()(BIO* p) const { BIO_free(p); } };
using pkey_ptr = std::unique_ptr<EVP_PKEY, evp_pkey_free_t>;
using x509_ptr = std::unique_ptr<X509, x509_free_t>;

inline void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("make_test_pki: ") + what + " failed");
}

inline pkey_ptr make_key() {
    pkey_ptr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EC key generation");
    return key;
}

inline void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "X509V3_EXT_conf_nid");
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(ok == 1, "X509_add_ext");
}

// A v3 certificate for `key` named CN=`common_name`, signed by `signer` (itself when issuer is null).
inline x509_ptr make_cert(EVP_PKEY* key, const std::string& common_name, X509* issuer, EVP_PKEY* signer,
                          bool is_ca, const std::string& san) {
    static std::atomic<long> serial{1};
    x509_ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509* x = cert.get();
    check(X509_set_version(x, 2) == 1, "X509_set_version");
    // Serials differ across processes too, so two runs never present the same issuer+serial.
    ASN1_INTEGER_set(X509_get_serialNumber(x), static_cast<long>(::getpid()) * 1000 + serial++);
    X509_gmtime_adj(X509_getm_notBefore(x), -300);
    X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600);
    check(X509_set_pubkey(x, key) == 1, "X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sfcpp tests"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                               -1, -1, 0);
    check(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name) == 1, "X509_set_issuer_name");
    X509* ext_issuer = issuer ? issuer : x;
    add_ext(x, ext_issuer, NID_subject_key_identifier, "hash");
    if (is_ca) {
        add_ext(x, ext_issuer, NID_basic_constraints, "critical,CA:TRUE");
        add_ext(x, ext_issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_ext(x, ext_issuer, NID_basic_constraints, "critical,CA:FALSE");
        add_ext(x, ext_issuer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        add_ext(x, ext_issuer, NID_ext_key_usage, "serverAuth");
        add_ext(x, ext_issuer, NID_authority_key_identifier, "keyid:always");
        add_ext(x, ext_issuer, NID_subject_alt_name, san);
    }
    check(X509_sign(x, signer, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

inline std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

inline std::string cert_pem(X509* cert) {
    std::unique_ptr<BIO, bio_free_t> bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return bio_text(bio.get());
}

inline std::string key_pem(EVP_PKEY* key) {
    std::unique_ptr<BIO, bio_free_t> bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
    return bio_text(bio.get());
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    check(static_cast<bool>(out), "writing a PEM file");
}

inline bool is_ipv4(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
    return true;
}

}  // namespace detail

// Writes ca.pem, server.pem and server.key into `dir` (created if missing) and returns their paths and
// text. The server certificate's subjectAltName is DNS:<host_name_in_cert>, plus IP:127.0.0.1 when the
// name is "localhost"; a name that is an IPv4 address becomes an IP entry instead. Each call makes a new
// CA, so certificates from two calls do not verify against each other's CA. Throws std::runtime_error.
inline tls_files make_test_pki(const std::string& dir, const std::string& host_name_in_cert = "localhost") {
    using namespace detail;
    std::filesystem::create_directories(dir);
    pkey_ptr ca_key = make_key();
    x509_ptr ca = make_cert(ca_key.get(), "sfcpp test CA", nullptr, ca_key.get(), true, "");
    std::string san = is_ipv4(host_name_in_cert) ? "IP:" + host_name_in_cert : "DNS:" + host_name_in_cert;
    if (host_name_in_cert == "localhost") san += ",IP:127.0.0.1";
    pkey_ptr key = make_key();
    x509_ptr leaf = make_cert(key.get(), host_name_in_cert, ca.get(), ca_key.get(), false, san);

    tls_files out;
    out.ca_pem = cert_pem(ca.get());
    out.cert_pem = cert_pem(leaf.get());
    out.key_pem = key_pem(key.get());
    const std::filesystem::path d(dir);
    out.ca_pem_path = (d / "ca.pem").string();
    out.cert_path = (d / "server.pem").string();
    out.key_path = (d / "server.key").string();
    write_file(out.ca_pem_path, out.ca_pem);
    write_file(out.cert_path, out.cert_pem);
    write_file(out.key_path, out.key_pem);
    std::filesystem::permissions(out.key_path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return out;
}

}  // namespace sfcpp_test
