// Fixture for the hardening tests: an emulated org on an ephemeral loopback port with the admin
// (fault injection) API on, and a client logged in before any fault is injected.
#pragma once

#include <sfcpp/client.hpp>
#include <sfcpp_emulator/server.hpp>
#include <test_sobjects/Invoice_c.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace hardening {

// Retries without the production delays: backoff of a few milliseconds, Retry-After honoured.
inline sfcpp::client_options quick_retries(int attempts = 4) {
    sfcpp::client_options co;
    co.retry.max_attempts = attempts;
    co.retry.base_delay = std::chrono::milliseconds(2);
    co.retry.max_delay = std::chrono::milliseconds(20);
    return co;
}

struct org {
    sfcpp_emulator::options opts;
    std::unique_ptr<sfcpp_emulator::server> srv;
    std::shared_ptr<sfcpp::http::transport> transport;
    std::shared_ptr<sfcpp::auth::session> session;
    std::unique_ptr<sfcpp::client> sf;

    explicit org(sfcpp_emulator::options o = {}, sfcpp::client_options co = quick_retries(),
                 sfcpp::http::options ho = {})
        : opts(std::move(o)) {
        opts.admin_api = true;
        srv = std::make_unique<sfcpp_emulator::server>(opts);
        srv->start();
        transport = std::make_shared<sfcpp::http::transport>(ho);
        session = std::make_shared<sfcpp::auth::session>(
            transport, sfcpp::auth::client_credentials{.login_url = srv->base_url(), .client_id = opts.client_id,
                                                       .client_secret = opts.client_secret});
        sf = std::make_unique<sfcpp::client>(session, co);
        session->current();  // log in now, so injected faults meet data calls only
    }

    sfcpp_emulator::api& emu() { return srv->org(); }
    void inject(const sfcpp_emulator::fault& f, int count = 1) { emu().inject(f, count); }
};

// An unsigned setting from the environment, or `fallback`.
inline std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v, &end, 10);
    return (end && *end == 0) ? n : fallback;
}

}  // namespace hardening
