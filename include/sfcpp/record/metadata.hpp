// sfcpp/record/metadata.hpp: the constexpr tables that sfcpp-codegen emits for every sObject.
//
// A generated record is a plain struct; everything the library needs to know about it (API names,
// Salesforce types, where each member lives, what may be written) sits in one table of
// `field_info` rows. The JSON and CSV codecs walk that table in non-template code, so an
// 800-field object costs one table, not 800 template instantiations.
#pragma once

#include <sfcpp/error.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sfcpp {

// The Salesforce field types of a describe (`"type"`), in one enum.
enum class field_type : std::uint8_t {
    id, string, textarea, email, phone, url, picklist, multipicklist, combobox, reference,
    boolean, int_, long_, double_, currency, percent, date, datetime, time, base64,
    address, location, encryptedstring, any_type, json, complexvalue, unknown
};

// How a member is stored in C++, which is what the codecs switch on. Several Salesforce types
// share a storage kind (email, phone and url are strings).
enum class storage_kind : std::uint8_t {
    string,          // std::string (also picklist<>: same layout)
    id,              // sfcpp::id
    boolean,         // bool
    int32,           // std::int32_t
    int64,           // std::int64_t
    float64,         // double
    date,            // sfcpp::date
    datetime,        // sfcpp::datetime
    time,            // sfcpp::time_of_day
    multipicklist,   // std::vector<std::string> (multipicklist<>: same layout)
    address,         // sfcpp::address
    location,        // sfcpp::location
    json             // boost::json::value: anyType, json, complexvalue and unknown types
};

// Field flags, straight from the describe booleans.
namespace flag {
inline constexpr std::uint32_t nillable = 1u << 0;
inline constexpr std::uint32_t createable = 1u << 1;
inline constexpr std::uint32_t updateable = 1u << 2;
inline constexpr std::uint32_t filterable = 1u << 3;
inline constexpr std::uint32_t sortable = 1u << 4;
inline constexpr std::uint32_t groupable = 1u << 5;
inline constexpr std::uint32_t aggregatable = 1u << 6;
inline constexpr std::uint32_t external_id = 1u << 7;
inline constexpr std::uint32_t id_lookup = 1u << 8;
inline constexpr std::uint32_t unique = 1u << 9;
inline constexpr std::uint32_t custom = 1u << 10;
inline constexpr std::uint32_t calculated = 1u << 11;
inline constexpr std::uint32_t auto_number = 1u << 12;
inline constexpr std::uint32_t defaulted_on_create = 1u << 13;
inline constexpr std::uint32_t name_field = 1u << 14;
inline constexpr std::uint32_t case_sensitive = 1u << 15;
inline constexpr std::uint32_t html_formatted = 1u << 16;
inline constexpr std::uint32_t restricted_picklist = 1u << 17;
inline constexpr std::uint32_t polymorphic = 1u << 18;
// Sets that most fields share, so generated records stay short.
inline constexpr std::uint32_t editable = createable | updateable;             // writable on create and update
inline constexpr std::uint32_t queryable = filterable | sortable | groupable;   // WHERE, ORDER BY, GROUP BY
// A record can be created without this field: nillable, defaulted on create or not createable.
// Salesforce answers REQUIRED_FIELD_MISSING for a createable field without any of these.
constexpr bool required_on_create(std::uint32_t f) noexcept {
    return (f & createable) && !(f & nillable) && !(f & defaulted_on_create);
}
}  // namespace flag

struct picklist_entry {
    std::string_view value;
    std::string_view label;  // the value itself unless the org gives another label
    bool active = true;
    bool default_value = false;

    constexpr picklist_entry(std::string_view v, std::string_view l = {}, bool is_active = true,
                             bool is_default = false) noexcept
        : value(v), label(l.empty() ? v : l), active(is_active), default_value(is_default) {}
};

struct object_info;

// The object a relationship leads to. Rows know their nested row type at compile time; a
// generated record names its target's C++ type instead, so that its header need not include the
// target's: the target's header registers its table when included (see find_record_type).
struct target_ref {
    const object_info& (*known)() noexcept = nullptr;
    std::string_view type;  // qualified C++ name, "sobjects::User"; empty with `known` for none

    // A generated target (or a row), as opposed to a dynamic_parent's JSON.
    constexpr explicit operator bool() const noexcept { return known != nullptr || !type.empty(); }
    // The target's table; nullptr when no translation unit of the program includes its header.
    const object_info* find() const noexcept;
    // The same, or a usage error naming the type and the relationship.
    const object_info& operator()() const;
};

// One row per describe field, in describe order.
// Trailing members are often empty, so generated rows leave them out.
struct field_info {
    std::string_view name;             // API name, exact on the wire
    std::string_view label;
    field_type type;
    storage_kind kind;
    std::uint32_t flags;
    std::uint32_t offset;              // byte offset of the member (a field<>) in the record
    std::int64_t length = 0;
    std::int32_t precision = 0;
    std::int32_t scale = 0;
    std::span<const std::string_view> reference_to = {};
    std::string_view relationship_name = {};
    std::string_view compound_field_name = {};
    std::span<const picklist_entry> picklist_values = {};
    std::string_view member = {};      // C++ member name when it differs (keywords, clashes), else empty

    constexpr bool has(std::uint32_t f) const noexcept { return (flags & f) != 0; }
    constexpr std::string_view member_name() const noexcept { return member.empty() ? name : member; }
};

// A parent relationship member (Contact.Account, Event.What).
struct parent_info {
    std::string_view name;             // relationshipName on the wire
    std::string_view member;
    std::uint32_t field_index;         // the reference field in `fields`
    std::uint32_t offset;              // byte offset of the parent<>/dynamic_parent member
    // Set when exactly one target is generated; empty for a dynamic_parent (polymorphic, or
    // target not generated), which keeps the parent as JSON plus its type.
    target_ref target;
};

// A child relationship (Account.Contacts). Every child relationship of the describe is listed;
// only those whose child object is generated have a member (offset != no_member).
struct child_info {
    std::string_view name;             // relationshipName
    std::string_view child_sobject;
    std::string_view field;            // the child's reference field
    std::string_view member;
    std::uint32_t offset;
    target_ref target;                 // empty when not generated
    bool cascade_delete;
};

inline constexpr std::uint32_t no_member = 0xffffffffu;

// Where a JSON key of this object goes: a field, a parent or a child relationship.
struct key_entry {
    enum kind_t : std::uint8_t { field, parent, child } kind;
    std::uint32_t index;
    std::string_view name;
};

enum class field_state : std::uint8_t;
struct query_result_header;

// Type-erased operations on the record type T, so non-template code can create, copy and
// destroy records inside parents, query results and child lists, and so parent<T> and
// children<T> work while T is still incomplete.
struct record_ops {
    void* (*create)();                                           // new T
    void* (*clone)(const void*);                                 // new T(copy)
    void (*destroy)(void*) noexcept;                             // delete T
    void* (*result_create)();                                    // new query_result<T>
    void* (*result_clone)(const void* result);
    void (*result_destroy)(void* result) noexcept;
    query_result_header* (*result_header)(void* result) noexcept;
    void* (*result_append)(void* result);                        // emplace_back, returns T*
    void (*result_reserve)(void* result, std::size_t n);
    std::size_t (*result_size)(const void* result) noexcept;
    const void* (*result_at)(const void* result, std::size_t i) noexcept;
    std::size_t size;
};

struct object_info {
    std::string_view name;
    std::string_view label;
    std::string_view label_plural;
    std::string_view key_prefix;
    bool custom;
    bool createable;
    bool updateable;
    bool deletable;
    bool queryable;
    std::span<const field_info> fields;
    std::span<const parent_info> parents;
    std::span<const child_info> children;
    std::span<const key_entry> keys;            // sorted by name (byte order) for lookup
    std::uint32_t attributes_offset;            // the record's `attributes` member
    record_ops ops;

    // Exact-name lookup first; API names are case-insensitive, so fall back to that.
    constexpr const key_entry* find_key(std::string_view key) const noexcept;
    const field_info* find_field(std::string_view api_name) const noexcept;
};

namespace detail {
constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}
}  // namespace detail

constexpr const key_entry* object_info::find_key(std::string_view key) const noexcept {
    std::size_t lo = 0, hi = keys.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const int c = keys[mid].name.compare(key);
        if (c == 0) return &keys[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    for (const auto& k : keys)
        if (detail::iequals(k.name, key)) return &k;
    return nullptr;
}

inline const field_info* object_info::find_field(std::string_view api_name) const noexcept {
    const key_entry* k = find_key(api_name);
    return (k && k->kind == key_entry::field) ? &fields[k->index] : nullptr;
}

namespace detail {

// The generated records whose headers some translation unit of the program includes, found by
// qualified C++ name. Each generated header holds one registration (an inline variable), linked
// in during static initialisation; lookups come after main has started and only read.
struct record_registration {
    std::string_view type;
    const object_info* info;
    const record_registration* next = nullptr;

    record_registration(std::string_view t, const object_info& i) noexcept : type(t), info(&i) {
        next = head();
        head() = this;
    }
    static const record_registration*& head() noexcept {
        static const record_registration* first = nullptr;
        return first;
    }
};

}  // namespace detail

inline const object_info* find_record_type(std::string_view cpp_type) noexcept {
    for (const auto* r = detail::record_registration::head(); r; r = r->next)
        if (r->type == cpp_type) return r->info;
    return nullptr;
}

inline const object_info* target_ref::find() const noexcept {
    return known ? &known() : (type.empty() ? nullptr : find_record_type(type));
}

inline const object_info& target_ref::operator()() const {
    if (const object_info* i = find()) return *i;
    throw usage_error("sfcpp: a relationship leads to " + std::string(type) +
                      ", whose generated header no translation unit of this program includes");
}

// Every generated record type T has `static const object_info& sfcpp_info() noexcept`.
template <class T>
concept record = requires {
    { T::sfcpp_info() } -> std::same_as<const object_info&>;
    { T::sobject_name } -> std::convertible_to<std::string_view>;
};

template <record T>
const object_info& info_of() noexcept { return T::sfcpp_info(); }

}  // namespace sfcpp
