// sfcpp_emulator/options.hpp: how an emulated org is set up.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sfcpp_emulator {

struct options {
    // Folder of describe JSON files (Last-Modified: each file's mtime). Empty: the project's
    // describe/ objects compiled into the library.
    std::filesystem::path schema_dir;
    std::string db_path;                    // SQLite file; empty keeps the org in memory
    std::filesystem::path seed_file;        // optional: {"Account": [{...}, ...], ...}
    std::string client_id = "sfcpp-emulator-client";
    std::string client_secret = "sfcpp-emulator-secret";
    std::filesystem::path jwt_cert;         // PEM certificate verifying JWT bearer assertions
    std::string username = "integration@emulator.local";
    std::string password = "password";
    std::chrono::seconds token_ttl{7200};
    // The connected app's callback URLs: /authorize redirects only to one of these, exactly. Empty:
    // any http(s) URL on a loopback host (a desktop or test app), never a remote one.
    std::vector<std::string> callback_urls;
    // Device flow: the polling interval handed out (polling faster answers slow_down), and whether a
    // device code approves itself once it has answered this many polls with authorization_pending
    // (-1: only server::approve_device or the admin endpoint approve; 0: the first poll gets a token).
    std::chrono::seconds device_interval{5};
    int device_auto_approve_after = -1;
    std::int64_t api_limit = 15000;         // DailyApiRequests Max
    // Bounds on what clients may make the emulator hold. A larger body is answered 413; a connection
    // past the cap is closed at once; past the cursor cap the oldest query locator is dropped (its
    // next page answers INVALID_QUERY_LOCATOR). Bulk's own bounds are in bulk_settings.
    std::size_t max_request_body = 160u << 20;  // Bulk API 2.0 takes uploads of up to 150 MB
    std::size_t max_connections = 256;
    std::size_t max_query_cursors = 100;
    std::string address = "127.0.0.1";
    unsigned short port = 0;                // 0: an ephemeral port
    unsigned threads = 2;                   // io threads
    std::string latest_version = "62.0";    // newest API version served
    bool admin_api = false;                 // serve /__emulator/... (fault injection) for tests
    // HTTPS: the certificate chain and its private key, each a PEM file path or the PEM text itself
    // (text containing "-----BEGIN"). With both set the server speaks TLS only, and base_url() is https.
    std::string tls_cert;
    std::string tls_key;
};

}  // namespace sfcpp_emulator
