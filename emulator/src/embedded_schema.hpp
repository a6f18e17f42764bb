// The project's describe/*.json files, compiled into the library (embed_schema.cmake writes the
// definition at build time): the default schema, so that an installed emulator needs no data files.
#pragma once

#include <span>
#include <string_view>

namespace sfcpp_emulator::detail {

struct embedded_file {
    std::string_view name;                     // "Account.json"
    std::span<const std::string_view> chunks;  // the text, in pieces of less than 64 KiB
};

std::span<const embedded_file> embedded_describe_files() noexcept;

}  // namespace sfcpp_emulator::detail
