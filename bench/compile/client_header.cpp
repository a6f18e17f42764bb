// Compile-time probe: the REST client header alone (header-only transport: Beast, Asio, OpenSSL).
#include <sfcpp/client.hpp>

std::string probe() { return sfcpp::client_options{}.api_version; }
