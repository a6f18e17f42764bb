// The separately compiled library from the installed package: the codecs, describe and the REST
// client's non-template code come from libsfcpp, and the client's header brings no Beast, Asio or
// OpenSSL headers with it.
#include <my_sobjects/Account.hpp>  // what makes c.Account->Name readable
#include <my_sobjects/Contact.hpp>
#include <sfcpp/client.hpp>
#include <sfcpp/csv.hpp>
#include <sfcpp/sfcpp.hpp>

#include <iostream>
#include <span>

#if !defined(SFCPP_SEPARATE_COMPILATION)
#error "sfcpp::compiled must define SFCPP_SEPARATE_COMPILATION for its users"
#endif
#if defined(BOOST_ASIO_DETAIL_CONFIG_HPP) || defined(BOOST_BEAST_CORE_DETAIL_CONFIG_HPP) || defined(OPENSSL_E_OS2_H) || \
    defined(BOOST_JSON_BASIC_PARSER_IMPL_HPP)
#error "with SFCPP_SEPARATE_COMPILATION, sfcpp/client.hpp must not include Asio, Beast, OpenSSL or Boost.JSON's parser"
#endif

int main() {
    auto c = sfcpp::from_json<my::Contact>(R"({"LastName":"Ng","Account":{"Name":"Acme"}})");
    c.FirstName = "Ada";
    const std::string csv = sfcpp::csv::to_csv(std::span(&c, 1));
    // A client over a transport that is never used: constructing it needs the compiled library.
    auto transport = std::make_shared<sfcpp::http::transport>();
    auto session = std::make_shared<sfcpp::auth::session>(transport, sfcpp::auth::client_credentials{});
    sfcpp::client sf(session);
    std::cout << c.Account->Name.value() << " " << sfcpp::to_json(c, {sfcpp::write_mode::update}) << " "
              << sf.data_path() << " " << transport->connections_opened() << "\n"
              << csv;
    return c.LastName.value() == "Ng" ? 0 : 1;
}
