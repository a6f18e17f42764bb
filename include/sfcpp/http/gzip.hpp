// sfcpp/http/gzip.hpp: gzip (RFC 1952) bodies, over Boost.Beast's port of zlib. The transport asks
// for gzip responses (options::accept_gzip) and inflates them with gunzip(); gzip() is there for
// request bodies and tests. Declared without Beast headers.
#pragma once

#include <sfcpp/error.hpp>
#include <sfcpp/config.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace sfcpp::http {

// A gzip body that cannot be inflated: bad header, corrupt deflate data, CRC32 or length mismatch,
// truncated, or larger than the limit once inflated. code() is errc::corrupt_gzip.
class gzip_error : public decode_error {
public:
    explicit gzip_error(const std::string& what) : decode_error(errc::corrupt_gzip, what) {}
};

// One gzip member; throws gzip_error. `max_size` bounds the inflated size (a small body must not
// inflate into gigabytes).
SFCPP_DECL std::string gunzip(std::string_view data,
                              std::uint64_t max_size = std::numeric_limits<std::uint64_t>::max());
// `data` as one gzip member (deflate level 6).
SFCPP_DECL std::string gzip(std::string_view data);

}  // namespace sfcpp::http

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/http/impl/gzip.ipp>
#endif
