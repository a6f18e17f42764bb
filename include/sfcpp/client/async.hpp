// sfcpp/client/async.hpp: the REST client with Asio completion tokens, for running many requests
// at once over the transport's connection pool.
//
//   sfcpp::async_client ac(sf, 8);                           // 8 worker threads, owned
//   ac.async_create(acc, [](std::exception_ptr e, sfcpp::id id) { ... });        // callback
//   std::future<sfcpp::id> f = ac.async_create(acc, boost::asio::use_future);   // future
//   sfcpp::id id = co_await ac.async_create(acc, boost::asio::use_awaitable);   // coroutine
//
// Each operation runs the synchronous call (same retries, refresh and caps) on a worker of the
// pool, or of an executor you supply, and completes with (std::exception_ptr, result) on the
// completion handler's associated executor. The transport's pool gives each worker its own
// connection. Includes Asio: keep it out of headers that only need records or SOQL.
#pragma once

#include <sfcpp/client/client.hpp>
#include <sfcpp/config.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace sfcpp {

class async_client {
public:
    using executor_type = boost::asio::any_io_executor;

    // Runs calls on a pool of `threads` workers owned by this object.
    SFCPP_DECL explicit async_client(client& c, std::size_t threads = 4);
    // Runs calls on `ex` (which must allow blocking work: the calls are synchronous underneath).
    SFCPP_DECL async_client(client& c, executor_type ex);

    // Waits for the calls already started (on the owned pool).
    SFCPP_DECL ~async_client();
    async_client(const async_client&) = delete;
    async_client& operator=(const async_client&) = delete;

    executor_type get_executor() const noexcept { return exec_; }
    client& sync() const noexcept { return *client_; }

    // Any synchronous call on the client: `async_run([](sfcpp::client& c) { return c.limits(); }, token)`.
    // Completion signature: void(std::exception_ptr, R), or void(std::exception_ptr) when f returns void.
    template <class F, class Token>
    auto async_run(F f, Token&& token) {
        using R = std::invoke_result_t<F&, client&>;
        return initiate<R>([c = client_, f = std::move(f)]() mutable -> R { return f(*c); },
                           std::forward<Token>(token));
    }

    template <record T, class Token>
    auto async_create(T rec, Token&& token) {
        return async_run([rec = std::move(rec)](client& c) { return c.create(rec); }, std::forward<Token>(token));
    }
    template <record T, class Token>
    auto async_retrieve(sfcpp::id id, Token&& token) {
        return async_run([id](client& c) { return c.retrieve<T>(id); }, std::forward<Token>(token));
    }
    template <record T, class Token>
    auto async_retrieve(sfcpp::id id, std::vector<std::string> fields, Token&& token) {
        return async_run([id, fields = std::move(fields)](client& c) { return c.retrieve<T>(id, fields); },
                         std::forward<Token>(token));
    }
    template <record T, class Token>
    auto async_update(T rec, Token&& token) {
        return async_run([rec = std::move(rec)](client& c) { c.update(rec); }, std::forward<Token>(token));
    }
    template <record T, class Token>
    auto async_update(sfcpp::id id, T changes, Token&& token) {
        return async_run([id, changes = std::move(changes)](client& c) { c.update(id, changes); },
                         std::forward<Token>(token));
    }
    template <record T, field_tag Key, class Token>
    auto async_upsert(T rec, Key key, Token&& token) {
        static_assert(detail::check_key<T, Key>());  // here, not inside the pool's lambda
        return async_run([rec = std::move(rec), key](client& c) { return c.upsert(rec, key); },
                         std::forward<Token>(token));
    }
    template <record T, class Token>
    auto async_remove(sfcpp::id id, Token&& token) {
        return async_run([id](client& c) { c.remove<T>(id); }, std::forward<Token>(token));
    }
    // Every row of the query (all pages), as query(...).collect() would return them.
    template <record Row, class Token>
    auto async_query(std::string soql, Token&& token, query_options o = {}) {
        return async_run([soql = std::move(soql), o](client& c) { return c.query<Row>(soql, o).collect(); },
                         std::forward<Token>(token));
    }
    template <typed_query Q, class Token>
    auto async_query(const Q& q, Token&& token, query_options o = {}) {
        return async_query<typename Q::row_type>(std::string(to_soql(q)), std::forward<Token>(token), o);
    }
    template <class Token>
    auto async_send(http::verb method, std::string path, std::string body, request_options ro, Token&& token) {
        return async_run([method, path = std::move(path), body = std::move(body), ro = std::move(ro)](client& c) mutable {
            return c.send(method, path, std::move(body), ro);
        }, std::forward<Token>(token));
    }
    template <class Token>
    auto async_send(http::verb method, std::string path, Token&& token) {
        return async_send(method, std::move(path), {}, {}, std::forward<Token>(token));
    }

private:
    template <class R, class F, class Token>
    auto initiate(F f, Token&& token) {
        namespace asio = boost::asio;
        if constexpr (std::is_void_v<R>) {
            return asio::async_initiate<Token, void(std::exception_ptr)>(
                [this](auto handler, F fn) {
                    auto work = asio::make_work_guard(handler, exec_);
                    asio::post(exec_, [h = std::move(handler), fn = std::move(fn), work = std::move(work)]() mutable {
                        std::exception_ptr ep;
                        try {
                            fn();
                        } catch (...) {
                            ep = std::current_exception();
                        }
                        auto ex = work.get_executor();
                        asio::dispatch(ex, [h = std::move(h), ep]() mutable { std::move(h)(ep); });
                        work.reset();
                    });
                },
                token, std::move(f));
        } else {
            return asio::async_initiate<Token, void(std::exception_ptr, R)>(
                [this](auto handler, F fn) {
                    auto work = asio::make_work_guard(handler, exec_);
                    asio::post(exec_, [h = std::move(handler), fn = std::move(fn), work = std::move(work)]() mutable {
                        std::exception_ptr ep;
                        std::optional<R> r;
                        try {
                            r.emplace(fn());
                        } catch (...) {
                            ep = std::current_exception();
                        }
                        auto ex = work.get_executor();
                        asio::dispatch(ex, [h = std::move(h), ep, r = std::move(r)]() mutable {
                            std::move(h)(ep, r ? std::move(*r) : R{});
                        });
                        work.reset();
                    });
                },
                token, std::move(f));
        }
    }

    client* client_;
    std::optional<boost::asio::thread_pool> pool_;
    executor_type exec_;
};

}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/client/impl/async.ipp>
#endif
