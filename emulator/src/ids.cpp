// The emulator's ids and timestamps, on sfcpp's own id and datetime types: one checksum, one
// parser, one writer for the library and the org it is tested against.
#include <sfcpp_emulator/ids.hpp>

#include <sfcpp/datetime.hpp>
#include <sfcpp/id.hpp>

namespace sfcpp_emulator {

namespace {
constexpr std::string_view base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}  // namespace

std::string id_checksum(std::string_view id15) {
    const auto sum = sfcpp::detail::id_checksum(id15);
    return std::string(sum.data(), sum.size());
}

std::string make_id(std::string_view key_prefix, std::uint64_t serial) {
    std::string tail;
    do {
        tail.insert(tail.begin(), base62[serial % 62]);
        serial /= 62;
    } while (serial != 0);
    std::string id(key_prefix);
    // Pod-like "0S" marker keeps emulator ids recognisable, then zero padding.
    id += "0S";
    while (id.size() + tail.size() < 15) id += '0';
    id += tail;
    return id + id_checksum(id);
}

std::optional<std::string> normalize_id(std::string_view id) {
    const auto parsed = sfcpp::id::parse(id);
    if (!parsed) return std::nullopt;
    return parsed->to_string();
}

std::string format_datetime(std::chrono::system_clock::time_point t) {
    return sfcpp::datetime(std::chrono::floor<sfcpp::datetime::duration>(t)).to_salesforce_string();
}

bool is_valid_date(std::string_view text) { return sfcpp::date::parse(text).has_value(); }

std::optional<std::string> normalize_datetime(std::string_view text) {
    // SOQL and Bulk CSV also see "yyyy-MM-dd HH:mm:ss" with a space where ISO 8601 has the T.
    std::string iso(text);
    if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
    const auto parsed = sfcpp::datetime::parse(iso);
    if (!parsed) return std::nullopt;
    return parsed->to_salesforce_string();
}

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    using namespace std::chrono;
    return sys_days{year_month_day{year{y}, month{m}, day{d}}}.time_since_epoch().count();
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{days{z}}};
    y = static_cast<int>(ymd.year());
    m = static_cast<unsigned>(ymd.month());
    d = static_cast<unsigned>(ymd.day());
}

}  // namespace sfcpp_emulator
