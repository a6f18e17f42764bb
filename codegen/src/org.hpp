// The generator's connection to a live org: logs in through sfcpp's own OAuth flows, lists the
// org's objects and fetches describes concurrently, sending If-Modified-Since where a snapshot
// already holds a copy.
#pragma once

#include "select.hpp"

#include <sfcpp/auth/token.hpp>

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sfcpp::codegen {

// Where the org is and how to log in. Secrets come only from the environment (SF_CLIENT_SECRET,
// SF_REFRESH_TOKEN), never from the command line, where `ps` and shell histories would show them.
struct org_settings {
    std::string login_url;         // --login-url, SF_LOGIN_URL
    std::string client_id;         // --client-id, SF_CLIENT_ID
    std::string username;          // --username, SF_USERNAME (JWT bearer)
    std::string private_key_file;  // --private-key-file, SF_PRIVATE_KEY_FILE (JWT bearer)
    std::string api_version = "60.0";  // --api-version, SF_API_VERSION
    std::string ca_file;           // --ca-file, SF_CA_FILE: trust this PEM bundle instead of the system's
    auth::secret client_secret;    // SF_CLIENT_SECRET
    auth::secret refresh_token;    // SF_REFRESH_TOKEN
    unsigned jobs = 8;             // --jobs: describes in flight at once

    // Every SF_* variable that is set.
    static org_settings from_environment();

    enum class login_flow { none, refresh_token, jwt_bearer, client_credentials };
    // The flow the settings select: a refresh token first, then JWT bearer (username and key
    // file), then client credentials (client secret); none without a login URL and client id.
    login_flow flow() const;
    // "refresh token", "JWT bearer", "client credentials", for messages.
    static const char* name(login_flow f);
    // What is missing for a login, as a sentence for an error message; empty when nothing is.
    std::string missing() const;
};

// Login, HTTP and transport failures, naming the object or the step; never a secret.
class org_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct fetched_describe {
    std::string name;
    std::string body;           // the describe JSON; empty when not_modified
    std::string last_modified;  // the Last-Modified the org sent (or the one sent, on a 304)
    bool not_modified = false;
};

class org_connection {
public:
    explicit org_connection(const org_settings& s);
    ~org_connection();

    // Logs in now, so that bad credentials fail before anything else. Throws org_error.
    void login();

    // `GET /sobjects`.
    std::vector<org_object> objects();

    // Describes `names`, at most settings.jobs at a time. `since` holds the Last-Modified of the
    // copies already kept: those are asked with If-Modified-Since and may come back not_modified.
    // `progress(done, total)` is called after each one. The first failure stops the rest and is
    // thrown (org_error naming the object and the HTTP status).
    std::vector<fetched_describe> describe(const std::vector<std::string>& names,
                                           const std::map<std::string, std::string>& since,
                                           const std::function<void(std::size_t, std::size_t)>& progress);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace sfcpp::codegen
