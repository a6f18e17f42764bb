// The JSON decoder: SAX events from boost::json::basic_parser written straight into records,
// with no DOM in between. Non-template: it walks the object_info tables, so its code is compiled
// once per translation unit (or once per program, with SFCPP_SEPARATE_COMPILATION) whatever the
// number and size of the records. The decoder itself is in impl/json_decoder.ipp; this header
// holds what the codecs share: where a field's value and state live in a record.
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/codec_options.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/field.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/metadata.hpp>
#include <sfcpp/record.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp {
namespace detail {

// Where the codecs find a field's state byte: right after the value, at an offset fixed by the
// storage kind (picklist<> and multipicklist<> have the layout of their storage).
inline std::size_t state_offset(storage_kind k) noexcept {
    switch (k) {
    case storage_kind::string: return state_offset_v<std::string>;
    case storage_kind::id: return state_offset_v<sfcpp::id>;
    case storage_kind::boolean: return state_offset_v<bool>;
    case storage_kind::int32: return state_offset_v<std::int32_t>;
    case storage_kind::int64: return state_offset_v<std::int64_t>;
    case storage_kind::float64: return state_offset_v<double>;
    case storage_kind::date: return state_offset_v<sfcpp::date>;
    case storage_kind::datetime: return state_offset_v<sfcpp::datetime>;
    case storage_kind::time: return state_offset_v<sfcpp::time_of_day>;
    case storage_kind::multipicklist: return state_offset_v<std::vector<std::string>>;
    case storage_kind::address: return state_offset_v<sfcpp::address>;
    case storage_kind::location: return state_offset_v<sfcpp::location>;
    case storage_kind::json: return state_offset_v<boost::json::value>;
    }
    return 0;
}

inline char* at(void* base, std::size_t offset) noexcept { return static_cast<char*>(base) + offset; }
inline const char* at(const void* base, std::size_t offset) noexcept {
    return static_cast<const char*>(base) + offset;
}

inline field_state& state_of(void* record, const field_info& f) noexcept {
    return *reinterpret_cast<field_state*>(at(record, f.offset + state_offset(f.kind)));
}
inline field_state state_of(const void* record, const field_info& f) noexcept {
    return *reinterpret_cast<const field_state*>(at(record, f.offset + state_offset(f.kind)));
}
template <class T>
T& value_of(void* record, const field_info& f) noexcept {
    return *reinterpret_cast<T*>(at(record, f.offset));
}
template <class T>
const T& value_of(const void* record, const field_info& f) noexcept {
    return *reinterpret_cast<const T*>(at(record, f.offset));
}
inline parent_slot& parent_at(void* record, const parent_info& p) noexcept {
    return *reinterpret_cast<parent_slot*>(at(record, p.offset));
}
inline const parent_slot& parent_at(const void* record, const parent_info& p) noexcept {
    return *reinterpret_cast<const parent_slot*>(at(record, p.offset));
}
inline children_slot& children_at(void* record, const child_info& c) noexcept {
    return *reinterpret_cast<children_slot*>(at(record, c.offset));
}
inline const children_slot& children_at(const void* record, const child_info& c) noexcept {
    return *reinterpret_cast<const children_slot*>(at(record, c.offset));
}

// What a document's top level is: one record, or a query result of records.
enum class json_root : std::uint8_t { record, query_result };

// Runs the parser over the whole text; the decoder writes into `target` (a record, or a
// query_result of the record type `info` describes) as events arrive. Throws decode_error.
SFCPP_DECL void decode_json(std::string_view text, json_root root, const object_info& info, void* target,
                            const decode_options& opt);

}  // namespace detail
}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/detail/impl/json_decoder.ipp>
#endif
