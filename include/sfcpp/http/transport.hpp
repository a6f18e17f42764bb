// sfcpp/http/transport.hpp: HTTP/1.1 over TCP or TLS with a keep-alive connection pool per origin.
//
//   sfcpp::http::transport t;                       // verify_peer + SNI + host name check, system CAs
//   auto res = t.send({sfcpp::http::verb::get, "https://login.salesforce.com/services/data"});
//
// send() is synchronous and thread-safe: each call checks a connection out of the pool, runs its
// asynchronous operations (so the timeouts of `options` apply) and returns it when the server
// keeps the connection alive. Non-2xx statuses are responses, not errors; only a failed connection
// throws (transport_error, whose where() says whether the server may have seen the request).
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/http/types.hpp>

#include <cstdint>
#include <memory>

namespace sfcpp::http {

class transport {
public:
    explicit transport(options opts = {});
    ~transport();
    transport(const transport&) = delete;
    transport& operator=(const transport&) = delete;

    response send(const request& req);

    const options& settings() const noexcept;

    // Counters for tests and monitoring.
    std::uint64_t connections_opened() const noexcept;
    std::size_t idle_connections() const;
    // Closes every idle connection.
    void close_idle();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace sfcpp::http

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/http/impl/transport.ipp>
#endif
