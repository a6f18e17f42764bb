// The sfcpp-emulator executable: first stdout line, serving, clean shutdown on SIGTERM.
#include "test_support.hpp"

#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

using namespace emu_test;

TEST_CASE("sfcpp-emulator --port 0 prints its URL and stops on SIGTERM") {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        execl(SFCPP_EMULATOR_EXE, SFCPP_EMULATOR_EXE, "--port", "0", "--client-id", "cli-id", "--client-secret",
              "cli-secret", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    REQUIRE(line.starts_with("listening on http://127.0.0.1:"));
    auto port = static_cast<unsigned short>(std::stoi(line.substr(line.rfind(':') + 1)));
    CHECK(port != 0);
    {
        client c(port);
        auto r = c.form("/services/oauth2/token", "grant_type=client_credentials&client_id=cli-id&client_secret=cli-secret");
        REQUIRE(r.status == 200);
        c.token = std::string(r.json().at("access_token").as_string());
        auto q = c.get(data + "/query?q=SELECT+COUNT()+FROM+Account");
        CHECK(q.status == 200);
        CHECK(q.json().at("totalSize") == 0);
    }
    REQUIRE(kill(pid, SIGTERM) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
