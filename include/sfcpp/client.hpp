// sfcpp/client.hpp: the Salesforce REST client with OAuth sessions over the HTTPS transport.
//
//   #include <sfcpp/client.hpp>
//   auto transport = std::make_shared<sfcpp::http::transport>();
//   auto session = std::make_shared<sfcpp::auth::session>(transport, sfcpp::auth::client_credentials{...});
//   sfcpp::client sf(session);
#pragma once

#include <sfcpp/api_error.hpp>
#include <sfcpp/auth.hpp>
#include <sfcpp/client/client.hpp>
#include <sfcpp/client/composite.hpp>
#include <sfcpp/client/limits.hpp>
#include <sfcpp/client/query_range.hpp>
#include <sfcpp/http.hpp>
