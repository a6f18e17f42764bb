// Test fixture: an emulated org on an ephemeral loopback port and a client logged in to it.
#pragma once

#include <sfcpp/client.hpp>
#include <sfcpp_emulator/server.hpp>
#include <test_sobjects/sobjects.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace client_test {

struct org {
    sfcpp_emulator::options opts;
    std::unique_ptr<sfcpp_emulator::server> srv;
    std::shared_ptr<sfcpp::http::transport> transport;
    std::shared_ptr<sfcpp::auth::session> session;
    std::unique_ptr<sfcpp::client> sf;

    explicit org(sfcpp_emulator::options o = {}, sfcpp::client_options co = fast_retries(),
                 sfcpp::http::options ho = {}) : opts(std::move(o)) {
        opts.admin_api = true;
        srv = std::make_unique<sfcpp_emulator::server>(opts);
        srv->start();
        transport = std::make_shared<sfcpp::http::transport>(ho);
        session = std::make_shared<sfcpp::auth::session>(transport, app());
        sf = std::make_unique<sfcpp::client>(session, co);
    }

    sfcpp::auth::client_credentials app() const {
        return {.login_url = srv->base_url(), .client_id = opts.client_id, .client_secret = opts.client_secret};
    }

    // Retries without the production delays, so fault tests stay fast.
    static sfcpp::client_options fast_retries() {
        sfcpp::client_options co;
        co.retry.base_delay = std::chrono::milliseconds(5);
        co.retry.max_delay = std::chrono::milliseconds(50);
        return co;
    }

    void inject(const sfcpp_emulator::fault& f, int count = 1) { srv->org().inject(f, count); }
};

// A client whose session already holds a token for `instance_url` (no login round trip), for
// tests against the small servers of local_servers.hpp.
struct local_client {
    std::shared_ptr<sfcpp::http::transport> transport;
    std::shared_ptr<sfcpp::auth::session> session;
    std::unique_ptr<sfcpp::client> sf;

    explicit local_client(const std::string& instance_url, sfcpp::client_options co = org::fast_retries(),
                          sfcpp::http::options ho = {}, std::string access_token = "local-test-token") {
        transport = std::make_shared<sfcpp::http::transport>(ho);
        sfcpp::auth::token tok;
        tok.access_token = std::move(access_token);
        tok.instance_url = instance_url;
        session = std::make_shared<sfcpp::auth::session>(transport, tok, sfcpp::auth::refresh_settings{});
        sf = std::make_unique<sfcpp::client>(session, co);
    }
};

}  // namespace client_test
