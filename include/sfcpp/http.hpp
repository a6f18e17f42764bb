// sfcpp/http.hpp: the HTTP transport (the only part of sfcpp that includes Beast, Asio and OpenSSL).
#pragma once

#include <sfcpp/http/crypto.hpp>
#include <sfcpp/http/gzip.hpp>
#include <sfcpp/http/transport.hpp>
#include <sfcpp/http/types.hpp>
