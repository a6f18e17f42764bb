// sfcpp/http/impl/gzip.ipp: gzip framing (RFC 1952) around Beast's raw deflate streams, with
// Boost.CRC for the CRC-32 check.
#pragma once

#include <sfcpp/http/gzip.hpp>

#include <boost/beast/zlib/deflate_stream.hpp>
#include <boost/beast/zlib/error.hpp>
#include <boost/beast/zlib/inflate_stream.hpp>
#include <boost/crc.hpp>

namespace sfcpp::http {

namespace detail {
inline std::uint32_t le32(std::string_view s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
inline void put_le32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}
[[noreturn]] inline void gzip_fail(const std::string& why) {
    throw gzip_error("sfcpp: the gzip response body is corrupt: " + why);
}
}  // namespace detail

SFCPP_DECL std::string gunzip(std::string_view data, std::uint64_t max_size) {
    namespace zlib = boost::beast::zlib;
    enum : unsigned char { ftext = 1, fhcrc = 2, fextra = 4, fname = 8, fcomment = 16 };
    if (data.size() < 18) detail::gzip_fail("shorter than a gzip header and trailer");
    if (static_cast<unsigned char>(data[0]) != 0x1f || static_cast<unsigned char>(data[1]) != 0x8b)
        detail::gzip_fail("not gzip data (bad magic number)");
    if (data[2] != 8) detail::gzip_fail("unknown compression method");
    const auto flags = static_cast<unsigned char>(data[3]);
    if (flags & 0xe0) detail::gzip_fail("reserved header flags set");
    std::size_t pos = 10;  // ID1 ID2 CM FLG MTIME(4) XFL OS
    auto need = [&](std::size_t n) {
        if (data.size() - pos < n) detail::gzip_fail("truncated header");
    };
    if (flags & fextra) {
        need(2);
        const std::size_t xlen = static_cast<unsigned char>(data[pos]) | static_cast<std::size_t>(static_cast<unsigned char>(data[pos + 1])) << 8;
        pos += 2;
        need(xlen);
        pos += xlen;
    }
    for (unsigned char f : {fname, fcomment}) {
        if (!(flags & f)) continue;
        const auto end = data.find('\0', pos);
        if (end == std::string_view::npos) detail::gzip_fail("truncated header");
        pos = end + 1;
    }
    if (flags & fhcrc) {
        need(2);
        pos += 2;
    }

    zlib::inflate_stream inflater;
    inflater.reset(15);
    zlib::z_params zs{};
    zs.next_in = data.data() + pos;
    zs.avail_in = data.size() - pos;
    std::string out;
    std::size_t chunk = std::max<std::size_t>(4096, data.size() * 4);
    for (;;) {
        const std::size_t have = out.size();
        if (have >= max_size) detail::gzip_fail("larger than the body limit once inflated");
        chunk = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, max_size - have));
        out.resize(have + chunk);
        zs.next_out = out.data() + have;
        zs.avail_out = chunk;
        boost::system::error_code ec;
        inflater.write(zs, zlib::Flush::sync, ec);
        out.resize(out.size() - zs.avail_out);
        if (ec == zlib::error::end_of_stream) break;
        if (ec == zlib::error::need_buffers && zs.avail_in == 0 && zs.avail_out != 0) detail::gzip_fail("truncated deflate data");
        if (ec && ec != zlib::error::need_buffers) detail::gzip_fail(ec.message());
        if (zs.avail_out == 0) chunk = std::min<std::size_t>(chunk * 2, 16u << 20);
    }
    const std::size_t used = data.size() - zs.avail_in;
    if (data.size() - used < 8) detail::gzip_fail("truncated trailer");
    boost::crc_32_type crc;
    crc.process_bytes(out.data(), out.size());
    if (crc.checksum() != detail::le32(data, used)) detail::gzip_fail("CRC-32 mismatch");
    if (static_cast<std::uint32_t>(out.size()) != detail::le32(data, used + 4)) detail::gzip_fail("length mismatch");
    return out;
}

SFCPP_DECL std::string gzip(std::string_view data) {
    namespace zlib = boost::beast::zlib;
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);  // no flags, no mtime, OS unknown
    zlib::deflate_stream deflater;
    deflater.reset(6, 15, 8, zlib::Strategy::normal);
    const std::size_t head = out.size();
    out.resize(head + deflater.upper_bound(data.size()) + 16);
    zlib::z_params zs{};
    zs.next_in = data.data();
    zs.avail_in = data.size();
    zs.next_out = out.data() + head;
    zs.avail_out = out.size() - head;
    boost::system::error_code ec;
    deflater.write(zs, zlib::Flush::finish, ec);
    if (ec && ec != zlib::error::end_of_stream) throw error("sfcpp: gzip compression failed: " + ec.message());
    out.resize(out.size() - zs.avail_out);
    boost::crc_32_type crc;
    crc.process_bytes(data.data(), data.size());
    detail::put_le32(out, crc.checksum());
    detail::put_le32(out, static_cast<std::uint32_t>(data.size()));
    return out;
}

}  // namespace sfcpp::http
