#include "jwt.hpp"

#include "api_util.hpp"

#include <boost/json/parse.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdio>
#include <memory>

namespace sfcpp_emulator::detail {

namespace {

std::string base64url_decode(std::string s) {
    for (char& c : s) { if (c == '-') c = '+'; else if (c == '_') c = '/'; }
    const std::size_t pad = (4 - s.size() % 4) % 4;
    if (pad == 3) return {};
    s.append(pad, '=');
    return base64_decode(s);
}

std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> public_key(const std::filesystem::path& cert) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> none(nullptr, &EVP_PKEY_free);
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(cert.c_str(), "rb"), &std::fclose);
    if (!f) return none;
    std::unique_ptr<X509, decltype(&X509_free)> x509(PEM_read_X509(f.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!x509) return none;
    return {X509_get_pubkey(x509.get()), &EVP_PKEY_free};
}

bool verify_rs256(EVP_PKEY* key, const std::string& signed_part, const std::string& signature) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

}  // namespace

jwt_verdict check_jwt_assertion(const std::string& assertion, const std::filesystem::path& cert,
                                const std::string& client_id, const std::string& username,
                                const std::vector<std::string>& audiences) {
    const jwt_verdict invalid{"invalid_grant", "invalid assertion"};
    auto dot1 = assertion.find('.');
    auto dot2 = dot1 == std::string::npos ? dot1 : assertion.find('.', dot1 + 1);
    if (dot2 == std::string::npos || cert.empty()) return invalid;
    boost::system::error_code ec;
    auto header = boost::json::parse(base64url_decode(assertion.substr(0, dot1)), ec);
    if (ec || !header.is_object()) return invalid;
    auto claims = boost::json::parse(base64url_decode(assertion.substr(dot1 + 1, dot2 - dot1 - 1)), ec);
    if (ec || !claims.is_object()) return invalid;
    const auto* alg = header.get_object().if_contains("alg");
    if (!alg || !alg->is_string() || alg->get_string() != "RS256") return invalid;
    auto key = public_key(cert);
    if (!key || !verify_rs256(key.get(), assertion.substr(0, dot2), base64url_decode(assertion.substr(dot2 + 1))))
        return invalid;

    const auto& c = claims.get_object();
    auto text = [&](const char* k) {
        const auto* v = c.if_contains(k);
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    if (text("iss") != client_id) return {"invalid_client_id", "client identifier invalid"};
    bool aud_ok = false;
    if (const auto* aud = c.if_contains("aud")) {
        auto matches = [&](const boost::json::value& v) {
            for (const auto& a : audiences) if (v.is_string() && v.get_string() == a) return true;
            return false;
        };
        if (aud->is_array()) { for (const auto& v : aud->get_array()) aud_ok = aud_ok || matches(v); }
        else aud_ok = matches(*aud);
    }
    if (!aud_ok) return {"invalid_grant", "audience is invalid"};
    const auto* exp = c.if_contains("exp");
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (!exp || !exp->is_number() || exp->to_number<double>() <= static_cast<double>(now))
        return {"invalid_grant", "expired authorization code"};
    // Salesforce takes an exp at most 3 minutes ahead; a few seconds more allow for clock skew
    // between the signer and this server. A longer-lived assertion could be replayed for long.
    constexpr std::int64_t max_ahead = 180 + 10;
    if (exp->to_number<double>() > static_cast<double>(now + max_ahead))
        return {"invalid_grant", "expiration time too far in the future"};
    if (text("sub") != username) return {"invalid_grant", "user hasn't approved this consumer"};
    return {};
}

}  // namespace sfcpp_emulator::detail
