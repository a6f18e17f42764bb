// HTTPS: the emulator serving TLS with a certificate from the run-time test PKI (tls_fixture.hpp),
// checked with a verifying Beast client (verify_peer, SNI, host-name verification).
#include "test_support.hpp"
#include "tls_fixture.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace emu_test;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;

namespace {

// One keep-alive HTTPS connection to 127.0.0.1:port that verifies the server as `host`, trusting
// the system store plus `ca_file` when given. The constructor throws when the handshake fails.
class tls_client {
public:
    tls_client(unsigned short port, const std::string& host, const std::string& ca_file)
        : ctx_(ssl::context::tls_client), stream_(ioc_, ctx_) {
        ctx_.set_options(ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        ctx_.set_default_verify_paths();
        if (!ca_file.empty()) ctx_.load_verify_file(ca_file);
        stream_.set_verify_mode(ssl::verify_peer);
        stream_.set_verify_callback(ssl::host_name_verification(host));
        REQUIRE(SSL_set_tlsext_host_name(stream_.native_handle(), host.c_str()) == 1);
        stream_.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
        stream_.handshake(ssl::stream_base::client);
    }

    std::string token;

    response request(http::verb method, const std::string& target, const std::string& body = "",
                     const std::string& content_type = "application/json") {
        http::request<http::string_body> req(method, target, 11);
        req.set(http::field::host, "localhost");
        if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
        if (!body.empty()) {
            req.set(http::field::content_type, content_type);
            req.body() = body;
        }
        req.prepare_payload();
        http::write(stream_, req);
        http::response<http::string_body> res;
        http::read(stream_, buffer_, res);
        response out;
        out.status = static_cast<int>(res.result_int());
        for (const auto& h : res) {
            std::string name(h.name_string());
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out.headers[name] = std::string(h.value());
        }
        out.body = res.body();
        return out;
    }

private:
    boost::asio::io_context ioc_;
    ssl::context ctx_;
    boost::beast::ssl_stream<boost::asio::ip::tcp::socket> stream_;
    boost::beast::flat_buffer buffer_;
};

// The handshake error text, or "" when the connection was established.
std::string handshake_error(unsigned short port, const std::string& host, const std::string& ca_file) {
    try {
        tls_client c(port, host, ca_file);
        return "";
    } catch (const boost::system::system_error& e) {
        return e.code().message();
    }
}

const std::string client_credentials =
    "grant_type=client_credentials&client_id=sfcpp-emulator-client&client_secret=sfcpp-emulator-secret";

}  // namespace

TEST_CASE("HTTPS: a client trusting the test CA gets through, one without it is refused") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path());
    sfcpp_emulator::options opts;
    opts.tls_cert = pki.cert_path;
    opts.tls_key = pki.key_path;
    sfcpp_emulator::server srv(opts);
    srv.start();
    CHECK(srv.base_url() == "https://127.0.0.1:" + std::to_string(srv.port()));

    {
        tls_client c(srv.port(), "localhost", pki.ca_pem_path);
        auto r = c.request(http::verb::post, "/services/oauth2/token", client_credentials,
                           "application/x-www-form-urlencoded");
        REQUIRE_MESSAGE(r.status == 200, r.body);
        CHECK(r.json().at("instance_url") == srv.base_url());
        c.token = std::string(r.json().at("access_token").as_string());
        // Same connection (keep-alive over TLS).
        r = c.request(http::verb::post, data + "/sobjects/Account", R"({"Name":"Secure"})");
        CHECK(r.status == 201);
        r = c.request(http::verb::get, data + "/query?q=SELECT+Name+FROM+Account");
        REQUIRE(r.status == 200);
        CHECK(r.json().at("records").at(0).at("Name") == "Secure");
    }
    // The certificate names 127.0.0.1 too.
    CHECK(handshake_error(srv.port(), "127.0.0.1", pki.ca_pem_path) == "");
    // Without the CA the chain does not verify.
    std::string err = handshake_error(srv.port(), "localhost", "");
    CHECK(err.find("certificate verify failed") != std::string::npos);
    // Another CA does not do either.
    auto stranger = sfcpp_test::make_test_pki(dir.path() + "/stranger");
    CHECK(handshake_error(srv.port(), "localhost", stranger.ca_pem_path) != "");
    // A plain HTTP client gets nothing useful, and the server keeps serving TLS afterwards.
    {
        client plain(srv.port());
        CHECK_THROWS(plain.get(data + "/limits"));
    }
    CHECK(handshake_error(srv.port(), "localhost", pki.ca_pem_path) == "");
    srv.stop();
}

TEST_CASE("HTTPS: certificate for another host name fails host-name verification") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path(), "wrong.example");
    sfcpp_emulator::options opts;
    opts.tls_cert = pki.cert_path;
    opts.tls_key = pki.key_path;
    sfcpp_emulator::server srv(opts);
    srv.start();
    CHECK(handshake_error(srv.port(), "localhost", pki.ca_pem_path).find("certificate verify failed") !=
          std::string::npos);
    CHECK(handshake_error(srv.port(), "127.0.0.1", pki.ca_pem_path) != "");
    // The name in the certificate verifies (the connection still goes to 127.0.0.1).
    CHECK(handshake_error(srv.port(), "wrong.example", pki.ca_pem_path) == "");
}

TEST_CASE("HTTPS: certificate and key as in-memory PEM text; bad settings throw") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path());
    CHECK(pki.cert_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    CHECK(pki.key_pem.starts_with("-----BEGIN PRIVATE KEY-----"));
    {
        sfcpp_emulator::options opts;
        opts.tls_cert = pki.cert_pem;
        opts.tls_key = pki.key_pem;
        sfcpp_emulator::server srv(opts);
        srv.start();
        tls_client c(srv.port(), "localhost", pki.ca_pem_path);
        c.token = srv.issue_token();
        CHECK(c.request(http::verb::get, data + "/limits").status == 200);
    }
    sfcpp_emulator::options only_cert;
    only_cert.tls_cert = pki.cert_path;
    CHECK_THROWS_AS(sfcpp_emulator::server{only_cert}, std::invalid_argument);
    sfcpp_emulator::options missing;
    missing.tls_cert = dir.path() + "/nope.pem";
    missing.tls_key = pki.key_path;
    CHECK_THROWS(sfcpp_emulator::server{missing});
    sfcpp_emulator::options mismatched;  // the key does not belong to the certificate
    auto other = sfcpp_test::make_test_pki(dir.path() + "/other");
    mismatched.tls_cert = pki.cert_path;
    mismatched.tls_key = other.key_path;
    CHECK_THROWS(sfcpp_emulator::server{mismatched});
}

TEST_CASE("HTTPS: fault injection cuts the body mid-way") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path());
    sfcpp_emulator::options opts;
    opts.tls_cert = pki.cert_path;
    opts.tls_key = pki.key_path;
    sfcpp_emulator::server srv(opts);
    srv.start();
    tls_client c(srv.port(), "localhost", pki.ca_pem_path);
    c.token = srv.issue_token();
    srv.org().inject(sfcpp_emulator::fault{.drop = true}, 1);
    CHECK_THROWS(c.request(http::verb::get, data + "/limits"));
    tls_client again(srv.port(), "localhost", pki.ca_pem_path);
    again.token = c.token;
    CHECK(again.request(http::verb::get, data + "/limits").status == 200);
}

TEST_CASE("sfcpp-emulator --tls-cert --tls-key serves HTTPS") {
    sfcpp_test::temp_dir dir;
    auto pki = sfcpp_test::make_test_pki(dir.path());
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        execl(SFCPP_EMULATOR_EXE, SFCPP_EMULATOR_EXE, "--port", "0", "--tls-cert", pki.cert_path.c_str(), "--tls-key",
              pki.key_path.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string line;
    char ch;
    while (read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
    close(out[0]);
    CHECK(line.starts_with("listening on https://127.0.0.1:"));
    if (line.starts_with("listening on https://127.0.0.1:")) {
        auto port = static_cast<unsigned short>(std::stoi(line.substr(line.rfind(':') + 1)));
        tls_client c(port, "localhost", pki.ca_pem_path);
        auto r = c.request(http::verb::post, "/services/oauth2/token", client_credentials,
                           "application/x-www-form-urlencoded");
        CHECK(r.status == 200);
        CHECK(std::string(r.json().at("instance_url").as_string()).starts_with("https://"));
    }
    REQUIRE(kill(pid, SIGTERM) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
