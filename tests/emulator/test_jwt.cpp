// JWT bearer flow: a throwaway key pair and self-signed certificate made with OpenSSL.
#include "test_support.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <unistd.h>

using namespace emu_test;

namespace {

std::string b64url(const std::string& in) {
    std::string out(4 * ((in.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(n));
    for (char& c : out) { if (c == '+') c = '-'; else if (c == '/') c = '_'; }
    while (!out.empty() && out.back() == '=') out.pop_back();
    return out;
}

struct key_and_cert {
    EVP_PKEY* key = nullptr;
    std::filesystem::path cert;

    key_and_cert() {
        key = EVP_RSA_gen(2048);
        REQUIRE(key);
        X509* x = X509_new();
        ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
        X509_gmtime_adj(X509_getm_notBefore(x), 0);
        X509_gmtime_adj(X509_getm_notAfter(x), 3600);
        X509_set_pubkey(x, key);
        X509_NAME* name = X509_get_subject_name(x);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sfcpp test"), -1, -1, 0);
        X509_set_issuer_name(x, name);
        REQUIRE(X509_sign(x, key, EVP_sha256()) > 0);
        cert = std::filesystem::temp_directory_path() / ("sfcpp-emulator-jwt-" + std::to_string(::getpid()) + ".pem");
        FILE* f = std::fopen(cert.c_str(), "wb");
        REQUIRE(f);
        PEM_write_X509(f, x);
        std::fclose(f);
        X509_free(x);
    }
    ~key_and_cert() {
        EVP_PKEY_free(key);
        std::error_code ec;
        std::filesystem::remove(cert, ec);
    }

    std::string sign(const std::string& claims, EVP_PKEY* with = nullptr) const {
        std::string input = b64url(R"({"alg":"RS256"})") + "." + b64url(claims);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, with ? with : key);
        std::size_t len = 0;
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
        std::string sig(len, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size());
        sig.resize(len);
        EVP_MD_CTX_free(ctx);
        return input + "." + b64url(sig);
    }
};

std::string claims(const std::string& iss, const std::string& sub, const std::string& aud, long long exp_offset) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return R"({"iss":")" + iss + R"(","sub":")" + sub + R"(","aud":")" + aud + R"(","exp":)" +
           std::to_string(now + exp_offset) + "}";
}

}  // namespace

TEST_CASE("JWT bearer flow") {
    key_and_cert kc;
    sfcpp_emulator::options opts;
    opts.jwt_cert = kc.cert;
    org o(opts);
    client c(o.srv.port());
    auto token = [&](const std::string& assertion) {
        return c.form("/services/oauth2/token",
                      "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + assertion);
    };
    const std::string iss = opts.client_id, sub = opts.username, aud = "https://login.salesforce.com";

    auto r = token(kc.sign(claims(iss, sub, aud, 120)));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    c.token = std::string(r.json().at("access_token").as_string());
    CHECK(c.get(data + "/limits").status == 200);

    r = token(kc.sign(claims(iss, sub, "https://example.com", 120)));
    CHECK(r.body == R"({"error":"invalid_grant","error_description":"audience is invalid"})");
    r = token(kc.sign(claims(iss, sub, aud, -10)));
    CHECK(r.json().at("error_description") == "expired authorization code");
    r = token(kc.sign(claims("someone-else", sub, aud, 120)));
    CHECK(r.json().at("error") == "invalid_client_id");
    r = token(kc.sign(claims(iss, "nobody@example.com", aud, 120)));
    CHECK(r.json().at("error") == "invalid_grant");
    EVP_PKEY* other = EVP_RSA_gen(2048);
    r = token(kc.sign(claims(iss, sub, aud, 120), other));
    EVP_PKEY_free(other);
    CHECK(r.body == R"({"error":"invalid_grant","error_description":"invalid assertion"})");
    CHECK(token("not.a.jwt").json().at("error_description") == "invalid assertion");

    // Salesforce takes an exp at most 3 minutes ahead (a little clock skew allowed).
    constexpr long long thousand_years = 1000LL * 365 * 24 * 3600;
    for (long long ahead : {thousand_years, 600LL, 200LL}) {
        CAPTURE(ahead);
        r = token(kc.sign(claims(iss, sub, aud, ahead)));
        CHECK(r.status == 400);
        CHECK(r.body == R"({"error":"invalid_grant","error_description":"expiration time too far in the future"})");
    }
    CHECK(token(kc.sign(claims(iss, sub, aud, 175))).status == 200);
}
