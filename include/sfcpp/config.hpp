// sfcpp/config.hpp: header-only by default; separate compilation on request.
//
// Header-only (the default): every translation unit compiles what it includes, the codecs' and
// the client's bodies and the HTTP transport (Beast, Asio, OpenSSL) with them.
//
// Separate compilation: define SFCPP_SEPARATE_COMPILATION for every translation unit of the
// program, and compile the implementation once, in one source file:
//
//     // sfcpp_impl.cpp
//     #include <sfcpp/src.hpp>
//
// With CMake, link sfcpp::compiled instead of sfcpp::sfcpp: it is that file, built as a static
// library, and it carries the definition to its users. The headers then hold declarations and
// templates only: no Beast, Asio or OpenSSL behind sfcpp/client.hpp (only sfcpp/client/async.hpp
// still includes Asio), no Boost.JSON parser implementation behind sfcpp/json.hpp, and the JSON
// and CSV codecs, OAuth flows, REST client and Bulk calls are compiled once instead of in every
// translation unit. The typed templates (from_json<T>, to_json, csv::reader<T>, client::create<T>,
// ...) stay in the headers and call the compiled code.
//
// Both modes declare the same functions and classes; SFCPP_DECL is `inline` in one and nothing in
// the other. Choose one mode per program: mixing them is an ODR violation.
#pragma once

#if defined(SFCPP_SEPARATE_COMPILATION)
#define SFCPP_DECL
#else
#define SFCPP_DECL inline
#define SFCPP_HEADER_ONLY 1
#endif
