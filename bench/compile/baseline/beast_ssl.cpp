// Compile-time baseline for client_header.cpp: the Beast, Asio and OpenSSL headers a hand-written
// HTTPS client includes, with one synchronous request instantiated.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <string>

std::string probe(boost::beast::ssl_stream<boost::beast::tcp_stream>& s) {
    namespace http = boost::beast::http;
    http::request<http::empty_body> req{http::verb::get, "/services/data", 11};
    http::write(s, req);
    boost::beast::flat_buffer b;
    http::response<http::string_body> res;
    http::read(s, b, res);
    return res.body();
}
