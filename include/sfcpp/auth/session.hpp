// sfcpp/auth/session.hpp: the current token of one connected-app login, shared between threads.
//
//   auto transport = std::make_shared<sfcpp::http::transport>();
//   auto s = std::make_shared<sfcpp::auth::session>(transport, sfcpp::auth::client_credentials{...});
//   sfcpp::client sf(s);     // logs in on the first call, refreshes when the token expires
//
// When a call is rejected with 401 INVALID_SESSION_ID the client asks the session to refresh the
// token it used. Refresh is single-flight: threads whose token was rejected at the same time wait
// for one renewal and all use its result. Renewal uses the refresh token when there is one (keeping
// a rotated refresh token when the server sends a new one), otherwise logs in again with the flow.
#pragma once

#include <sfcpp/api_error.hpp>
#include <sfcpp/auth/flows.hpp>
#include <sfcpp/auth/token.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/http/transport.hpp>

#include <atomic>
#include <concepts>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <shared_mutex>

namespace sfcpp::auth {

// Where tokens live between runs (a keychain, a file, a secrets manager). Called under the
// session's refresh lock: implementations need no locking of their own for one session.
class token_store {
public:
    virtual ~token_store() = default;
    virtual std::optional<token> load() = 0;
    virtual void save(const token& t) = 0;
};

class memory_token_store : public token_store {
    std::mutex m_;
    std::optional<token> t_;

public:
    std::optional<token> load() override {
        std::lock_guard<std::mutex> g(m_);
        return t_;
    }
    void save(const token& t) override {
        std::lock_guard<std::mutex> g(m_);
        t_ = t;
    }
};

// What a refresh token is redeemed with.
struct refresh_settings {
    std::string login_url{production_login_url};
    std::string client_id;
    secret client_secret;
};

template <class F>
concept login_flow = requires(const F& f, http::transport& t) {
    { f.login(t) } -> std::same_as<token>;
};

class session {
public:
    // Logs in with `flow` on first use and again whenever the token expires (or is refreshed with
    // the refresh token the flow returned, when it returned one).
    template <login_flow Flow>
    session(std::shared_ptr<http::transport> t, Flow flow, std::shared_ptr<token_store> store = {})
        : transport_(std::move(t)), store_(std::move(store)) {
        if constexpr (requires { flow.login_url; flow.client_id; flow.client_secret; })
            refresh_ = refresh_settings{flow.login_url, flow.client_id, flow.client_secret};
        login_ = [flow = std::move(flow)](http::transport& tr) { return flow.login(tr); };
    }

    // A token obtained elsewhere (web server or device flow). Renewable only through its refresh
    // token; without one, an expired session fails with auth_error.
    SFCPP_DECL session(std::shared_ptr<http::transport> t, token initial, refresh_settings refresh,
                       std::shared_ptr<token_store> store = {});

    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // The current token; the first call logs in (or loads the token store's token).
    SFCPP_DECL token current();

    // Called when `rejected` got 401 INVALID_SESSION_ID. Renews once for all the callers that
    // were rejected with the same token; returns the token to retry with.
    SFCPP_DECL token refresh(const secret& rejected);

    // Forgets the token (for example after revoking it); the next call logs in again.
    SFCPP_DECL void reset();

    std::uint64_t refresh_count() const noexcept { return refreshes_.load(std::memory_order_relaxed); }
    http::transport& transport() const noexcept { return *transport_; }
    const std::shared_ptr<http::transport>& transport_ptr() const noexcept { return transport_; }

    friend std::ostream& operator<<(std::ostream& os, const session& s) {
        std::shared_lock<std::shared_mutex> l(s.mutex_);
        return os << "session{" << (s.have_ ? s.token_.instance_url : std::string("not logged in"))
                  << ", access_token=" << s.token_.access_token << ", refresh_token=" << s.token_.refresh_token
                  << ", refreshes=" << s.refresh_count() << "}";
    }

private:
    [[noreturn]] SFCPP_DECL static void throw_expired(const std::string& why);

    SFCPP_DECL token renew(const token& old);

    SFCPP_DECL void set(token t);

    std::shared_ptr<http::transport> transport_;
    std::shared_ptr<token_store> store_;
    std::optional<refresh_settings> refresh_;
    std::function<token(http::transport&)> login_;

    mutable std::shared_mutex mutex_;  // guards token_ and have_
    std::mutex refresh_mutex_;         // one login or renewal at a time
    token token_;
    bool have_ = false;
    std::atomic<std::uint64_t> refreshes_{0};
};

}  // namespace sfcpp::auth

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/auth/impl/session.ipp>
#endif
