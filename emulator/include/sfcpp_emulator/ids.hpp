// sfcpp_emulator/ids.hpp: Salesforce record ids and timestamps as the emulator writes them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sfcpp_emulator {

// The 3-character case-safe suffix of a 15-character id.
std::string id_checksum(std::string_view id15);

// An 18-character id: key prefix, zero padding, `serial` in base 62, checksum.
std::string make_id(std::string_view key_prefix, std::uint64_t serial);

// The 18-character form of a 15- or 18-character id; nullopt when malformed (bad characters,
// wrong length, or an 18-character id whose suffix does not match).
std::optional<std::string> normalize_id(std::string_view id);

// `2024-01-02T03:04:05.000+0000` (UTC).
std::string format_datetime(std::chrono::system_clock::time_point t);

// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|+HHMM)` into the stored UTC form; nullopt when invalid.
std::optional<std::string> normalize_datetime(std::string_view text);

// Checks `YYYY-MM-DD` (a real calendar date).
bool is_valid_date(std::string_view text);

// Days since 1970-01-01 of a civil date, and back.
std::int64_t days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d);

}  // namespace sfcpp_emulator
