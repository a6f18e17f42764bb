// sfcpp-emulator: serves an emulated Salesforce org on loopback until SIGINT/SIGTERM, in the
// foreground or (--detach) as a background process that a test fixture starts and --stop ends.
#include <sfcpp_emulator/server.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace {

namespace fs = std::filesystem;

void usage(std::ostream& os) {
    os << "usage: sfcpp-emulator [--port N] [--schema DIR] [--db FILE] [--seed FILE]\n"
          "                      [--client-id ID --client-secret S] [--username U --password P] [--jwt-cert PEM]\n"
          "                      [--token-ttl SECONDS] [--api-limit N] [--tls-cert PEM --tls-key PEM]\n"
          "                      [--callback-url URL]...\n"
          "                      [--device-interval SECONDS] [--device-auto-approve N] [--admin]\n"
          "                      [--url-file FILE] [--pid-file FILE] [--detach]\n"
          "       sfcpp-emulator --stop PIDFILE\n"
          "--schema DIR serves the describe JSON files of DIR instead of the built-in objects.\n"
          "--tls-cert/--tls-key serve HTTPS with that certificate chain and private key (PEM files).\n"
          "--device-auto-approve N approves each device-flow request after N pending polls (unattended runs).\n"
          "--admin serves the fault-injection and device-approval endpoints under /__emulator/ (tests only).\n"
          "--url-file/--pid-file write the base URL / the process id (and a newline) once listening.\n"
          "--detach serves in the background: returns once the server listens and the files are written.\n"
          "--stop PIDFILE stops the emulator of that pid file (SIGTERM), waits until it is gone, removes the file.\n";
}

struct command_line {
    sfcpp_emulator::options opts;
    fs::path url_file, pid_file, stop_file;
    bool detach = false;
};

// Readers of `path` see either no file or the whole text: it is written under another name first.
void write_whole(const fs::path& path, const std::string& text) {
    const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
}

int pidfd_open(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

int pidfd_send_signal(int fd, int sig) { return static_cast<int>(::syscall(SYS_pidfd_send_signal, fd, sig, nullptr, 0)); }

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// --stop: a pidfd names the process itself, so a pid reused after it ended is never signalled, and
// poll() on it wakes when the process ends (no sleep loop).
int stop(const fs::path& pid_file) {
    // No file: the server never started, or stopped and removed it.
    if (!fs::exists(pid_file)) {
        std::cout << "sfcpp-emulator: no " << pid_file.string() << "; nothing to stop\n";
        return 0;
    }
    std::ifstream in(pid_file);
    long pid = 0;
    if (!(in >> pid) || pid <= 1) {
        std::cerr << "sfcpp-emulator: no process id in " << pid_file.string() << "\n";
        return 1;
    }
    in.close();
    std::error_code ec;
    const int fd = pidfd_open(static_cast<pid_t>(pid));
    if (fd < 0 && errno != ESRCH) {
        std::cerr << "sfcpp-emulator: pidfd_open(" << pid << "): " << std::strerror(errno) << "\n";
        return 1;
    }
    // A stale pid file may name a process that reused the pid: leave that one alone.
    if (fd < 0 || read_text("/proc/" + std::to_string(pid) + "/comm") != read_text("/proc/self/comm")) {
        if (fd >= 0) ::close(fd);
        std::cout << "sfcpp-emulator: process " << pid << " is not running; removing " << pid_file.string() << "\n";
        fs::remove(pid_file, ec);
        return 0;
    }
    if (pidfd_send_signal(fd, SIGTERM) != 0 && errno != ESRCH) {
        std::cerr << "sfcpp-emulator: cannot signal process " << pid << ": " << std::strerror(errno) << "\n";
        ::close(fd);
        return 1;
    }
    // The pidfd turns readable when the process has ended.
    auto ended_within = [fd](int timeout_ms) {
        pollfd p{fd, POLLIN, 0};
        int r;
        do r = ::poll(&p, 1, timeout_ms);
        while (r < 0 && errno == EINTR);
        return r > 0;
    };
    int rc = 0;
    if (!ended_within(10000)) {
        std::cerr << "sfcpp-emulator: process " << pid << " did not stop within 10 s; killing it\n";
        pidfd_send_signal(fd, SIGKILL);
        ended_within(-1);
        rc = 1;
    }
    ::close(fd);
    fs::remove(pid_file, ec);
    return rc;
}

// Runs the server until SIGINT/SIGTERM. `ready_fd` (>= 0 when detached) hears one byte once the
// server listens and the files are written; standard streams are then let go, so that whoever
// started the detached process (ctest waits for its output pipes) is not held.
int serve(const command_line& cl, int ready_fd) {
    // Block the signals before any thread starts so that only sigwait sees them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    try {
        sfcpp_emulator::server srv(cl.opts);
        srv.start();
        // The pid file first: once the URL file exists, so does the pid file.
        if (!cl.pid_file.empty()) write_whole(cl.pid_file, std::to_string(::getpid()) + "\n");
        if (!cl.url_file.empty()) write_whole(cl.url_file, srv.base_url() + "\n");
        std::cout << "listening on " << srv.base_url() << "\n"
                  << "client id " << cl.opts.client_id << std::endl;
        if (ready_fd >= 0) {
            const int null = ::open("/dev/null", O_RDWR);
            if (null >= 0) {
                for (int std_fd : {0, 1, 2}) ::dup2(null, std_fd);
                if (null > 2) ::close(null);
            }
            const char ok = '1';
            if (::write(ready_fd, &ok, 1) != 1) return 1;
            ::close(ready_fd);
        }
        int sig = 0;
        sigwait(&set, &sig);
        srv.stop();
        std::error_code ec;
        if (!cl.url_file.empty()) fs::remove(cl.url_file, ec);
        if (!cl.pid_file.empty()) fs::remove(cl.pid_file, ec);
    } catch (const std::exception& e) {
        std::cerr << "sfcpp-emulator: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

// --detach: the child serves in a session of its own; the parent returns once the child is ready,
// or with the child's status when it fails first (its error is on the shared stderr).
int detach_and_serve(const command_line& cl) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        std::cerr << "sfcpp-emulator: pipe: " << std::strerror(errno) << "\n";
        return 1;
    }
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid < 0) {
        std::cerr << "sfcpp-emulator: fork: " << std::strerror(errno) << "\n";
        return 1;
    }
    if (pid == 0) {
        ::close(pipe_fds[0]);
        ::setsid();
        return serve(cl, pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    char ok = 0;
    ssize_t n;
    do n = ::read(pipe_fds[0], &ok, 1);
    while (n < 0 && errno == EINTR);
    ::close(pipe_fds[0]);
    if (n == 1) return 0;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) != 0 ? WEXITSTATUS(status) : 1;
}

}  // namespace

int main(int argc, char** argv) {
    command_line cl;
    auto& opts = cl.opts;
    opts.port = 0;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") { usage(std::cout); return 0; }
        if (arg == "--admin") { opts.admin_api = true; continue; }
        if (arg == "--detach") { cl.detach = true; continue; }
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
            else if (arg == "--url-file") cl.url_file = value;
            else if (arg == "--pid-file") cl.pid_file = value;
            else if (arg == "--stop") cl.stop_file = value;
            else { std::cerr << "sfcpp-emulator: unknown option " << arg << "\n"; usage(std::cerr); return 2; }
        } catch (const std::exception&) {
            std::cerr << "sfcpp-emulator: bad value for " << arg << ": " << value << "\n";
            return 2;
        }
    }
    if (!cl.stop_file.empty()) return stop(cl.stop_file);
    return cl.detach ? detach_and_serve(cl) : serve(cl, -1);
}
