// Compile-time baseline for the big-org rows: the client a user writes by hand without sfcpp.
// One HTTPS GET of an Account through Beast over a verified TLS stream (system trust store, SNI,
// host-name check, a timeout), its JSON body decoded by boost::json::value_to into a struct
// described with Boost.Describe.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>
#include <boost/describe.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

namespace crm {

struct attributes {
    std::string type;
    std::string url;
};
BOOST_DESCRIBE_STRUCT(attributes, (), (type, url))

// The fields the request names in ?fields=; Salesforce sends null for an empty one.
struct account {
    crm::attributes attributes;
    std::string Id;
    std::string Name;
    std::optional<std::string> Type;
    std::optional<std::string> Industry;
    std::optional<std::string> Rating;
    std::optional<std::string> AccountNumber;
    std::optional<std::string> Phone;
    std::optional<std::string> Website;
    std::optional<std::string> BillingStreet;
    std::optional<std::string> BillingCity;
    std::optional<std::string> BillingPostalCode;
    std::optional<std::string> BillingCountry;
    std::optional<double> AnnualRevenue;
    std::optional<int> NumberOfEmployees;
    std::optional<std::string> OwnerId;
    std::optional<std::string> ParentId;
    std::string CreatedDate;
    std::string LastModifiedDate;
    bool IsDeleted = false;
};
BOOST_DESCRIBE_STRUCT(account, (),
                      (attributes, Id, Name, Type, Industry, Rating, AccountNumber, Phone, Website, BillingStreet,
                       BillingCity, BillingPostalCode, BillingCountry, AnnualRevenue, NumberOfEmployees, OwnerId,
                       ParentId, CreatedDate, LastModifiedDate, IsDeleted))

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;

account get_account(const std::string& host, const std::string& token, const std::string& id) {
    net::io_context ioc;
    ssl::context ctx{ssl::context::tls_client};
    ctx.set_options(ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(ssl::verify_peer);

    net::ip::tcp::resolver resolver{ioc};
    beast::ssl_stream<beast::tcp_stream> stream{ioc, ctx};
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
        throw beast::system_error(beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()));
    stream.set_verify_callback(ssl::host_name_verification(host));

    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(stream).connect(resolver.resolve(host, "443"));
    stream.handshake(ssl::stream_base::client);

    http::request<http::empty_body> req{
        http::verb::get,
        "/services/data/v60.0/sobjects/Account/" + id +
            "?fields=Id,Name,Type,Industry,Rating,AccountNumber,Phone,Website,BillingStreet,BillingCity,"
            "BillingPostalCode,BillingCountry,AnnualRevenue,NumberOfEmployees,OwnerId,ParentId,CreatedDate,"
            "LastModifiedDate,IsDeleted",
        11};
    req.set(http::field::host, host);
    req.set(http::field::authorization, "Bearer " + token);
    req.set(http::field::accept, "application/json");
    req.set(http::field::user_agent, BOOST_BEAST_VERSION_STRING);
    http::write(stream, req);

    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    if (res.result() != http::status::ok)
        throw std::runtime_error("GET Account " + id + ": HTTP " + std::to_string(res.result_int()) + " " + res.body());

    beast::error_code ec;
    stream.shutdown(ec);  // stream_truncated is the usual answer of a server that just closes
    return boost::json::value_to<account>(boost::json::parse(res.body()));
}

}  // namespace crm

std::string probe(const std::string& host, const std::string& token, const std::string& id) {
    const crm::account a = crm::get_account(host, token, id);
    return a.Name + " " + a.Industry.value_or("-") + " " + std::to_string(a.AnnualRevenue.value_or(0));
}
