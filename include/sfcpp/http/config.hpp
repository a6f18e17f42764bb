// sfcpp/http/config.hpp: header-only by default; separate compilation on request.
//
// Header-only (the default): every translation unit that includes sfcpp/client.hpp also compiles
// the transport (Beast, Asio, OpenSSL). With SFCPP_SEPARATE_COMPILATION defined for the whole
// project, the transport's declarations carry no Beast/Asio/OpenSSL headers at all, and exactly one
// source file of the project compiles the implementation:
//
//     // sfcpp_impl.cpp
//     #include <sfcpp/http/src.hpp>
#pragma once

#if defined(SFCPP_SEPARATE_COMPILATION)
#define SFCPP_DECL
#else
#define SFCPP_DECL inline
#define SFCPP_HEADER_ONLY 1
#endif
