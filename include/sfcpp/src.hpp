// sfcpp/src.hpp: every non-template part of sfcpp, compiled once. With SFCPP_SEPARATE_COMPILATION
// defined for the whole program, include this header from exactly one source file and link that
// file's object (CMake: link sfcpp::compiled, which is this file built as a static library).
// See sfcpp/config.hpp.
#pragma once

#if !defined(SFCPP_SEPARATE_COMPILATION)
#error "sfcpp/src.hpp is for SFCPP_SEPARATE_COMPILATION builds: define it for the whole program"
#endif

// Core: codecs and describe (no HTTP).
#include <sfcpp/detail/impl/json_decoder.ipp>
#include <sfcpp/detail/impl/json_encoder.ipp>
#include <sfcpp/csv/impl/tokenizer.ipp>
#include <sfcpp/csv/detail/impl/codec.ipp>
#include <sfcpp/impl/describe.ipp>
#include <sfcpp/impl/api_error.ipp>

// HTTP transport.
#include <sfcpp/http/impl/url.ipp>
#include <sfcpp/http/impl/crypto.ipp>
#include <sfcpp/http/impl/gzip.ipp>
#include <sfcpp/http/impl/transport.ipp>

// OAuth, the REST client, Bulk API 2.0.
#include <sfcpp/auth/impl/token.ipp>
#include <sfcpp/auth/impl/flows.ipp>
#include <sfcpp/auth/impl/session.ipp>
#include <sfcpp/client/impl/limits.ipp>
#include <sfcpp/client/impl/client.ipp>
#include <sfcpp/client/impl/query_range.ipp>
#include <sfcpp/client/impl/composite.ipp>
#include <sfcpp/client/impl/async.ipp>
#include <sfcpp/bulk/impl/job.ipp>
#include <sfcpp/bulk/impl/ingest.ipp>
#include <sfcpp/bulk/impl/query.ipp>
