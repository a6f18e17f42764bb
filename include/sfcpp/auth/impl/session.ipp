// sfcpp/auth/impl/session.ipp: logging in and single-flight renewal. Included by session.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/auth/session.hpp>

namespace sfcpp::auth {

SFCPP_DECL session::session(std::shared_ptr<http::transport> t, token initial, refresh_settings refresh,
                            std::shared_ptr<token_store> store)
    : transport_(std::move(t)), store_(std::move(store)), refresh_(std::move(refresh)) {
    set(std::move(initial));
    if (store_) store_->save(token_);
}

SFCPP_DECL token session::current() {
    {
        std::shared_lock<std::shared_mutex> l(mutex_);
        if (have_) return token_;
    }
    std::lock_guard<std::mutex> r(refresh_mutex_);
    {
        std::shared_lock<std::shared_mutex> l(mutex_);
        if (have_) return token_;
    }
    std::optional<token> t;
    if (store_) t = store_->load();
    if (!t) {
        if (!login_) throw_expired("no token and no way to log in");
        t = login_(*transport_);
        if (store_) store_->save(*t);
    }
    set(*t);
    return *t;
}

SFCPP_DECL token session::refresh(const secret& rejected) {
    std::lock_guard<std::mutex> r(refresh_mutex_);
    token old;
    {
        std::shared_lock<std::shared_mutex> l(mutex_);
        if (have_ && !(token_.access_token == rejected)) return token_;  // another thread renewed it
        old = token_;
    }
    token fresh = renew(old);
    if (store_) store_->save(fresh);
    set(fresh);
    refreshes_.fetch_add(1, std::memory_order_relaxed);
    return fresh;
}

SFCPP_DECL void session::reset() {
    std::lock_guard<std::mutex> r(refresh_mutex_);
    std::unique_lock<std::shared_mutex> l(mutex_);
    token_ = {};
    have_ = false;
}

[[noreturn]] SFCPP_DECL void session::throw_expired(const std::string& why) {
    throw auth_error(401, error_kind::auth, {{"the session expired and cannot be renewed: " + why, "INVALID_SESSION_ID", {}}},
                     "session");
}

SFCPP_DECL token session::renew(const token& old) {
    if (!old.refresh_token.empty() && refresh_) {
        try {
            token t = refresh_token_grant{refresh_->login_url, refresh_->client_id, refresh_->client_secret,
                                          old.refresh_token}
                          .login(*transport_);
            if (t.refresh_token.empty()) t.refresh_token = old.refresh_token;  // not rotated: keep it
            return t;
        } catch (const auth_error&) {
            if (!login_) throw;  // the refresh token was revoked; a flow can still log in again
        }
    }
    if (!login_) throw_expired("no refresh token");
    return login_(*transport_);
}

SFCPP_DECL void session::set(token t) {
    std::unique_lock<std::shared_mutex> l(mutex_);
    token_ = std::move(t);
    have_ = true;
}

}  // namespace sfcpp::auth
