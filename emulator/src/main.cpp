// sfcpp-emulator: serves an emulated Salesforce org on loopback until SIGINT/SIGTERM.
#include <sfcpp_emulator/server.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

void usage(std::ostream& os) {
    os << "usage: sfcpp-emulator [--port N] [--schema DIR] [--db FILE] [--seed FILE]\n"
          "                      [--client-id ID --client-secret S] [--username U --password P] [--jwt-cert PEM]\n"
          "                      [--token-ttl SECONDS] [--api-limit N] [--tls-cert PEM --tls-key PEM]\n"
          "                      [--callback-url URL]...\n"
          "                      [--device-interval SECONDS] [--device-auto-approve N] [--admin]\n"
          "--tls-cert/--tls-key serve HTTPS with that certificate chain and private key (PEM files).\n"
          "--device-auto-approve N approves each device-flow request after N pending polls (unattended runs).\n"
          "--admin serves the fault-injection and device-approval endpoints under /__emulator/ (tests only).\n";
}

}  // namespace

int main(int argc, char** argv) {
    sfcpp_emulator::options opts;
    opts.port = 0;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") { usage(std::cout); return 0; }
        if (arg == "--admin") { opts.admin_api = true; continue; }
        if (i + 1 >= argc) { std::cerr << "sfcpp-emulator: " << arg << " needs a value\n"; usage(std::cerr); return 2; }
        std::string value = argv[++i];
        try {
            if (arg == "--port") opts.port = static_cast<unsigned short>(std::stoul(value));
            else if (arg == "--schema") opts.schema_dir = value;
            else if (arg == "--db") opts.db_path = value;
            else if (arg == "--seed") opts.seed_file = value;
            else if (arg == "--client-id") opts.client_id = value;
            else if (arg == "--client-secret") opts.client_secret = value;
            else if (arg == "--username") opts.username = value;
            else if (arg == "--jwt-cert") opts.jwt_cert = value;
            else if (arg == "--password") opts.password = value;
            else if (arg == "--callback-url") opts.callback_urls.push_back(value);
            else if (arg == "--token-ttl") opts.token_ttl = std::chrono::seconds(std::stoll(value));
            else if (arg == "--api-limit") opts.api_limit = std::stoll(value);
            else if (arg == "--device-interval") opts.device_interval = std::chrono::seconds(std::stoll(value));
            else if (arg == "--device-auto-approve") opts.device_auto_approve_after = std::stoi(value);
            else if (arg == "--tls-cert") opts.tls_cert = value;
            else if (arg == "--tls-key") opts.tls_key = value;
            else { std::cerr << "sfcpp-emulator: unknown option " << arg << "\n"; usage(std::cerr); return 2; }
        } catch (const std::exception&) {
            std::cerr << "sfcpp-emulator: bad value for " << arg << ": " << value << "\n";
            return 2;
        }
    }

    // Block the signals before any thread starts so that only sigwait sees them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    try {
        sfcpp_emulator::server srv(opts);
        srv.start();
        std::cout << "listening on " << srv.base_url() << std::endl;
        int sig = 0;
        sigwait(&set, &sig);
        srv.stop();
    } catch (const std::exception& e) {
        std::cerr << "sfcpp-emulator: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
