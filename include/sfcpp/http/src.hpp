// sfcpp/http/src.hpp: compile the transport once. With SFCPP_SEPARATE_COMPILATION defined for the
// whole project, include this header from exactly one source file (and link that file's object).
#pragma once

#if !defined(SFCPP_SEPARATE_COMPILATION)
#error "sfcpp/http/src.hpp is for SFCPP_SEPARATE_COMPILATION builds: define it for the whole project"
#endif

#include <sfcpp/http/impl/crypto.ipp>
#include <sfcpp/http/impl/gzip.ipp>
#include <sfcpp/http/impl/transport.ipp>
