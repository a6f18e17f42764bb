// Shared by the examples: an in-process emulated org unless SF_LOGIN_URL is set, in which case
// the example talks to that real org. Settings come from the environment:
//   SF_LOGIN_URL, SF_CLIENT_ID, SF_CLIENT_SECRET     (client credentials)
//   SF_USERNAME, SF_PRIVATE_KEY_FILE                 (JWT bearer, jwt_login only)
#pragma once

#include <sfcpp/client.hpp>

// Built inside the sfcpp tree, the examples link the emulator; elsewhere they need a real org.
#if __has_include(<sfcpp_emulator/server.hpp>)
#include <sfcpp_emulator/server.hpp>
#define SFCPP_EXAMPLES_WITH_EMULATOR 1
#else
#define SFCPP_EXAMPLES_WITH_EMULATOR 0
#endif

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace example {

inline std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// A running org and the client-credentials app to log in with.
struct target {
#if SFCPP_EXAMPLES_WITH_EMULATOR
    std::unique_ptr<sfcpp_emulator::server> emulator;
#endif
    sfcpp::auth::client_credentials app;

    target() {
        if (!env("SF_LOGIN_URL").empty()) {
            app.login_url = env("SF_LOGIN_URL");
            app.client_id = env("SF_CLIENT_ID");
            app.client_secret = env("SF_CLIENT_SECRET");
            std::cout << "using the org at " << app.login_url << "\n";
            return;
        }
#if SFCPP_EXAMPLES_WITH_EMULATOR
        sfcpp_emulator::options opts;
        emulator = std::make_unique<sfcpp_emulator::server>(opts);
        emulator->start();
        app.login_url = emulator->base_url();
        app.client_id = opts.client_id;
        app.client_secret = opts.client_secret;
        std::cout << "using the local emulator at " << app.login_url << " (set SF_LOGIN_URL for a real org)\n";
#else
        std::cerr << "set SF_LOGIN_URL, SF_CLIENT_ID and SF_CLIENT_SECRET\n";
        std::exit(2);
#endif
    }
};

}  // namespace example
