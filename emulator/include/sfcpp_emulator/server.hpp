// sfcpp_emulator/server.hpp: an emulated org served over HTTP/1.1 on loopback, for tests (in process,
// on an ephemeral port) and for the sfcpp-emulator tool.
//
//     sfcpp_emulator::server srv(sfcpp_emulator::options{});
//     srv.start();
//     sfcpp::auth::client_credentials app = srv.app();  // log an sfcpp client in with it
//     auto token = srv.issue_token();   // or POST /services/oauth2/token
//     ... talk HTTP to srv.base_url() ...
//     srv.stop();
#pragma once

#include <sfcpp_emulator/api.hpp>
#include <sfcpp_emulator/options.hpp>

#include <sfcpp/auth/flows.hpp>

#include <memory>
#include <string>

namespace sfcpp_emulator {

class server {
public:
    // Loads the schema and opens the store; throws on a bad schema directory, database or seed file.
    explicit server(const options& opts);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // Binds and starts the io threads. Throws boost::system::system_error when the port is taken.
    void start();
    // Closes the listener and every connection, joins the io threads. Idempotent.
    void stop();

    unsigned short port() const;
    std::string base_url() const;  // "http://127.0.0.1:PORT", or https with options::tls_cert
    // The connected app of this org for the client-credentials flow: login_url is base_url(), the
    // client id and secret those of options. Call it after start() (the port is known then).
    sfcpp::auth::client_credentials app() const;
    std::string issue_token();
    // Device flow: what the user does at verification_uri (also POST /__emulator/device/approve or
    // /deny with {"user_code": "..."} under options::admin_api). False for an unknown user code.
    bool approve_device(const std::string& user_code);
    bool deny_device(const std::string& user_code);
    api& org() noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace sfcpp_emulator
