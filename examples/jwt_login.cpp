// JWT bearer login: a JWT signed with the connected app's private key; no secret travels.
//   SF_LOGIN_URL, SF_CLIENT_ID, SF_USERNAME, SF_PRIVATE_KEY_FILE select a real org. Without them
//   the example makes a throwaway key and certificate and starts an emulator that trusts it.
#include "example_org.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

#if SFCPP_EXAMPLES_WITH_EMULATOR
// A 2048-bit RSA key and a self-signed certificate for it (what you would upload to the app).
std::string make_key_and_cert(const std::filesystem::path& cert_path) {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    X509* x = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sfcpp example"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509_sign(x, key, EVP_sha256());
    FILE* f = std::fopen(cert_path.c_str(), "wb");
    PEM_write_X509(f, x);
    std::fclose(f);
    BIO* b = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long n = BIO_get_mem_data(b, &data);
    std::string pem(data, static_cast<std::size_t>(n));
    BIO_free(b);
    X509_free(x);
    EVP_PKEY_free(key);
    return pem;
}
#endif

}  // namespace

int main() try {
    sfcpp::auth::jwt_bearer jwt;
#if SFCPP_EXAMPLES_WITH_EMULATOR
    std::unique_ptr<sfcpp_emulator::server> emulator;
    const auto cert = std::filesystem::temp_directory_path() / "sfcpp-example-jwt.pem";
#endif
    if (!example::env("SF_LOGIN_URL").empty()) {
        jwt.login_url = example::env("SF_LOGIN_URL");
        jwt.client_id = example::env("SF_CLIENT_ID");
        jwt.username = example::env("SF_USERNAME");
        jwt.private_key_pem = read_file(example::env("SF_PRIVATE_KEY_FILE"));
    } else {
#if SFCPP_EXAMPLES_WITH_EMULATOR
        jwt.private_key_pem = make_key_and_cert(cert);
        sfcpp_emulator::options opts;
        opts.jwt_cert = cert;
        emulator = std::make_unique<sfcpp_emulator::server>(opts);
        emulator->start();
        jwt.login_url = emulator->base_url();
        jwt.client_id = opts.client_id;
        jwt.username = opts.username;
        std::cout << "using the local emulator at " << jwt.login_url << "\n";
#else
        std::cerr << "set SF_LOGIN_URL, SF_CLIENT_ID, SF_USERNAME and SF_PRIVATE_KEY_FILE\n";
        return 2;
#endif
    }

    auto session = std::make_shared<sfcpp::auth::session>(std::make_shared<sfcpp::http::transport>(), jwt);
    sfcpp::client sf(session);
    const auto limits = sf.limits();
    if (auto it = limits.find("DailyApiRequests"); it != limits.end())
        std::cout << "DailyApiRequests: " << it->second.remaining << " of " << it->second.max << " left\n";
    std::cout << *session << "\n";
#if SFCPP_EXAMPLES_WITH_EMULATOR
    std::filesystem::remove(cert);
#endif
    return 0;
} catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
}
