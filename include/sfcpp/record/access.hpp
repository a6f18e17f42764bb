// sfcpp/record/access.hpp: how non-template code reaches a record's members: the storage kind
// of each field and its C++ type, one visitor over the kinds, and a member by its table offset
// (field_info::offset, parent_info::offset, child_info::offset, all written by the generator with
// offsetof). The JSON and CSV codecs both stand on this; neither reaches into the other.
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/codec_options.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/picklist.hpp>
#include <sfcpp/record/field.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record/relationship.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sfcpp::detail {

// The C++ type a storage kind holds (picklist<> and multipicklist<> share their storage's layout).
template <storage_kind K>
struct storage_of;
template <> struct storage_of<storage_kind::string> { using type = std::string; };
template <> struct storage_of<storage_kind::id> { using type = sfcpp::id; };
template <> struct storage_of<storage_kind::boolean> { using type = bool; };
template <> struct storage_of<storage_kind::int32> { using type = std::int32_t; };
template <> struct storage_of<storage_kind::int64> { using type = std::int64_t; };
template <> struct storage_of<storage_kind::float64> { using type = double; };
template <> struct storage_of<storage_kind::date> { using type = sfcpp::date; };
template <> struct storage_of<storage_kind::datetime> { using type = sfcpp::datetime; };
template <> struct storage_of<storage_kind::time> { using type = sfcpp::time_of_day; };
template <> struct storage_of<storage_kind::multipicklist> { using type = std::vector<std::string>; };
template <> struct storage_of<storage_kind::address> { using type = sfcpp::address; };
template <> struct storage_of<storage_kind::location> { using type = sfcpp::location; };
template <> struct storage_of<storage_kind::json> { using type = boost::json::value; };
template <storage_kind K>
using storage_t = typename storage_of<K>::type;

// Calls f(std::type_identity<T>{}) with the C++ type of kind k: the one switch over storage kinds
// for what does not depend on the wire format (state offsets, clearing, copying a value).
template <class F>
decltype(auto) visit_storage(storage_kind k, F&& f) {
    using sk = storage_kind;
    switch (k) {
    case sk::string: return f(std::type_identity<storage_t<sk::string>>{});
    case sk::id: return f(std::type_identity<storage_t<sk::id>>{});
    case sk::boolean: return f(std::type_identity<storage_t<sk::boolean>>{});
    case sk::int32: return f(std::type_identity<storage_t<sk::int32>>{});
    case sk::int64: return f(std::type_identity<storage_t<sk::int64>>{});
    case sk::float64: return f(std::type_identity<storage_t<sk::float64>>{});
    case sk::date: return f(std::type_identity<storage_t<sk::date>>{});
    case sk::datetime: return f(std::type_identity<storage_t<sk::datetime>>{});
    case sk::time: return f(std::type_identity<storage_t<sk::time>>{});
    case sk::multipicklist: return f(std::type_identity<storage_t<sk::multipicklist>>{});
    case sk::address: return f(std::type_identity<storage_t<sk::address>>{});
    case sk::location: return f(std::type_identity<storage_t<sk::location>>{});
    case sk::json: break;
    }
    return f(std::type_identity<storage_t<sk::json>>{});
}

// Where the codecs find a field's state byte: right after the value, at an offset fixed by the
// storage kind (picklist<> and multipicklist<> have the layout of their storage).
inline std::size_t state_offset(storage_kind k) noexcept {
    return visit_storage(k, []<class T>(std::type_identity<T>) { return state_offset_v<T>; });
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

// Offsets the generator cannot write with offsetof: a member of a base (query rows inherit theirs)
// or one named by a member pointer, measured on a sample object.
inline std::uint32_t offset_in(const void* whole, const void* part) noexcept {
    return static_cast<std::uint32_t>(static_cast<const char*>(part) - static_cast<const char*>(whole));
}
template <class T, class M, class C>
std::uint32_t member_offset(M C::*member) {
    static const T sample{};
    return offset_in(&sample, &(sample.*member));
}

// The value of field f back to what a new record holds (the state is the caller's to set);
// strings and lists keep their capacity for the next value decoded into them.
inline void clear_value(void* record, const field_info& f) {
    visit_storage(f.kind, [&]<class T>(std::type_identity<T>) {
        T& v = value_of<T>(record, f);
        if constexpr (requires { v.clear(); }) v.clear();
        else v = T{};
    });
}

// Whether a write for `mode` sends field f: create sends createable fields, update updateable ones.
inline bool field_wanted(const field_info& f, write_mode mode) noexcept {
    switch (mode) {
    case write_mode::all: return true;
    case write_mode::create: return f.has(flag::createable);
    case write_mode::update: return f.has(flag::updateable);
    }
    return true;
}

}  // namespace sfcpp::detail
