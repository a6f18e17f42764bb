// sfcpp/codec_options.hpp: what the JSON codec (and the calls built on it) is asked to do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace sfcpp {

// What a record is written for: `all` writes every set field (a faithful copy of what was
// read); `create` and `update` write only what that operation accepts, without `attributes`.
enum class write_mode : std::uint8_t { all, create, update };

struct encode_options {
    write_mode mode = write_mode::all;
    bool attributes = true;  // only for write_mode::all
};

struct decode_options {
    // Salesforce always sends ids with a valid checksum; recorded data may have been masked
    // (`003XXXXXXXXXXXXXXX`). Turn this off only for such data.
    bool verify_id_checksums = true;
    // A query result reserves room for at most this many rows before reading them (it still grows
    // past it). The paging client passes one page, so a result buffer never outgrows a page.
    std::size_t max_reserved_rows = std::numeric_limits<std::size_t>::max();
};

}  // namespace sfcpp
