// The JSON decoder: SAX events from boost::json::basic_parser written straight into records,
// with no DOM in between. Non-template: it walks the object_info tables, so its code is compiled
// once per translation unit whatever the number and size of the records.
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/codec_options.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/field.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/metadata.hpp>
#include <sfcpp/record.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

class json_decoder {
public:
    enum class root_kind { record, query_result };

private:
    enum class frame_kind : std::uint8_t {
        record,        // an sObject: keys are fields and relationships
        result,        // {totalSize, done, nextRecordsUrl, records}
        records,       // the records array of a result
        attributes,    // {type, url}
        address,       // compound address value
        location,      // compound geolocation value
        skip,          // a value nobody asked for
        dom            // a value kept as JSON (json fields, dynamic parents)
    };

    // What the next value event is for.
    enum class slot_kind : std::uint8_t { none, field, parent, dynamic_parent, children, result_total,
                                          result_done, result_next, result_records, attributes,
                                          attr_type, attr_url, address_part, location_part, unknown };

    struct frame {
        frame_kind kind;
        void* target;                 // record, query_result<T>, record_attributes, address...
        const object_info* info;      // record / result element type
        std::uint32_t depth = 0;      // nesting inside skip and dom frames
        void* dom_owner = nullptr;    // for dom frames: the field or dynamic_parent to fill
        const field_info* dom_field = nullptr;
    };

    struct pending {
        slot_kind kind = slot_kind::none;
        const field_info* field = nullptr;
        const parent_info* parent = nullptr;
        const child_info* child = nullptr;
        int part = -1;  // address/location component
    };

    std::vector<frame> stack_;
    pending next_;
    std::string key_;                 // key being assembled from parts
    std::string text_;                // string value being assembled from parts
    std::string number_;              // number text being assembled from parts
    boost::json::value_stack dom_;
    decode_options options_;
    root_kind root_;
    const object_info* root_info_;
    void* root_target_;
    std::size_t text_size_ = 0;
    static constexpr std::size_t min_record_bytes = 28;  // {"attributes":{"type":"X"}}
    static constexpr std::size_t max_page_rows = 2000;   // Salesforce's largest query page (batchSize)

    friend class boost::json::basic_parser<json_decoder>;

public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    json_decoder(root_kind root, const object_info& info, void* target, decode_options options, std::size_t text_size)
        : options_(options), root_(root), root_info_(&info), root_target_(target), text_size_(text_size) {}

    std::string error_context() const {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
            if (it->info && (it->kind == frame_kind::record)) {
                std::string s(it->info->name);
                if (next_.field) s += "." + std::string(next_.field->name);
                return s;
            }
        return std::string(root_info_->name);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw decode_error("sfcpp: " + error_context() + ": " + what);
    }

    [[noreturn]] void mismatch(const char* expected, std::string_view got) const {
        fail(std::string("expected ") + expected + ", got " + std::string(got));
    }

    // ---- events ---------------------------------------------------------------------------
    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

    bool on_object_begin(boost::system::error_code&) {
        if (stack_.empty()) {
            stack_.push_back({root_ == root_kind::record ? frame_kind::record : frame_kind::result, root_target_,
                              root_info_});
            return true;
        }
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) { ++top.depth; return true; }
        if (top.kind == frame_kind::dom) { ++top.depth; dom_counts_.push_back(0); return true; }
        if (top.kind == frame_kind::records) {
            void* rec = top.info->ops.result_append(top.target);
            stack_.push_back({frame_kind::record, rec, top.info});
            return true;
        }
        const pending p = std::exchange(next_, pending{});
        switch (p.kind) {
        case slot_kind::attributes:
            stack_.push_back({frame_kind::attributes, at(top.target, top.info->attributes_offset), nullptr});
            return true;
        case slot_kind::parent: {
            parent_slot& ps = parent_at(top.target, *p.parent);
            const object_info& target = p.parent->target();
            if (ps.ptr_ && ps.ops_ != &target.ops) ps.release();
            if (!ps.ptr_) {
                ps.ptr_ = target.ops.create();
                ps.ops_ = &target.ops;
            }
            ps.state_ = field_state::value;
            stack_.push_back({frame_kind::record, ps.ptr_, &target});
            return true;
        }
        case slot_kind::dynamic_parent:
            begin_dom(at(top.target, p.parent->offset), nullptr);
            dom_counts_.push_back(0);
            return true;
        case slot_kind::children: {
            children_slot& cs = children_at(top.target, *p.child);
            const object_info& target = p.child->target();
            if (cs.result_ && cs.ops_ != &target.ops) cs.release();
            if (!cs.result_) {
                cs.result_ = target.ops.result_create();
                cs.ops_ = &target.ops;
            }
            cs.state_ = field_state::value;
            stack_.push_back({frame_kind::result, cs.result_, &target});
            return true;
        }
        case slot_kind::field:
            if (p.field->kind == storage_kind::address) {
                void* a = &value_of<sfcpp::address>(top.target, *p.field);
                *static_cast<sfcpp::address*>(a) = {};
                state_of(top.target, *p.field) = field_state::value;
                stack_.push_back({frame_kind::address, a, nullptr});
                return true;
            }
            if (p.field->kind == storage_kind::location) {
                void* l = &value_of<sfcpp::location>(top.target, *p.field);
                *static_cast<sfcpp::location*>(l) = {};
                state_of(top.target, *p.field) = field_state::value;
                stack_.push_back({frame_kind::location, l, nullptr});
                return true;
            }
            if (p.field->kind == storage_kind::json) {
                begin_dom(top.target, p.field);
                dom_counts_.push_back(0);
                return true;
            }
            next_ = p;
            mismatch(kind_name(p.field->kind), "an object");
        case slot_kind::none:
            fail("unexpected object");  // a root value that is not an object is caught at the end
        default:
            stack_.push_back({frame_kind::skip, nullptr, nullptr, 1});
            return true;
        }
    }

    bool on_object_end(std::size_t, boost::system::error_code&) {
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) {
            if (--top.depth == 0) stack_.pop_back();
            return true;
        }
        if (top.kind == frame_kind::dom) {
            dom_.push_object(dom_size_pop());
            if (top.depth-- == 0) end_dom();
            return true;
        }
        stack_.pop_back();
        return true;
    }

    bool on_array_begin(boost::system::error_code&) {
        if (stack_.empty()) fail("expected a JSON object, got an array");
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) { ++top.depth; return true; }
        if (top.kind == frame_kind::dom) { ++top.depth; dom_counts_.push_back(0); return true; }
        const pending p = std::exchange(next_, pending{});
        if (p.kind == slot_kind::result_records) {
            // totalSize comes first: reserve once instead of moving big records on every
            // growth. Capped by what the text can hold, so a lying totalSize costs nothing, and
            // by one page (2,000 rows at most) when `done` already said more pages follow, so
            // paging holds one page whatever the total.
            const auto* head = static_cast<query_result_header*>(top.target);
            const auto total = head->total_size;
            if (total > 0) {
                std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(total), text_size_ / min_record_bytes);
                if (!head->done) n = std::min<std::size_t>(n, max_page_rows);
                n = std::min(n, options_.max_reserved_rows);
                top.info->ops.result_reserve(top.target, n);
            }
            stack_.push_back({frame_kind::records, top.target, top.info});
            return true;
        }
        if (p.kind == slot_kind::field && p.field->kind == storage_kind::json) {
            begin_dom(top.target, p.field);
            dom_counts_.push_back(0);
            return true;
        }
        if (p.kind == slot_kind::unknown || p.kind == slot_kind::none) {
            stack_.push_back({frame_kind::skip, nullptr, nullptr, 1});
            return true;
        }
        next_ = p;
        mismatch(p.field ? kind_name(p.field->kind) : "an object", "an array");
    }

    bool on_array_end(std::size_t, boost::system::error_code&) {
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) {
            if (--top.depth == 0) stack_.pop_back();
            return true;
        }
        if (top.kind == frame_kind::dom) {
            dom_.push_array(dom_size_pop());
            if (top.depth-- == 0) end_dom();
            return true;
        }
        stack_.pop_back();  // records
        return true;
    }

    bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        std::string_view key(s.data(), s.size());
        if (!key_.empty()) {
            key_.append(s.data(), s.size());
            key = key_;
        }
        handle_key(key);
        key_.clear();
        return true;
    }

    void handle_key(std::string_view key) {
        frame& top = stack_.back();
        switch (top.kind) {
        case frame_kind::skip: return;
        case frame_kind::dom: dom_.push_key(key); return;
        case frame_kind::record: {
            if (key == "attributes") {
                // An object here is the record's attributes; a scalar can only be a field that
                // happens to be called "attributes".
                next_ = {slot_kind::attributes, top.info->find_field(key)};
                return;
            }
            const key_entry* k = top.info->find_key(key);
            if (!k) { next_ = {slot_kind::unknown}; return; }  // a field added to the org later
            switch (k->kind) {
            case key_entry::field: next_ = {slot_kind::field, &top.info->fields[k->index]}; return;
            case key_entry::parent: {
                const parent_info& p = top.info->parents[k->index];
                next_ = {p.target ? slot_kind::parent : slot_kind::dynamic_parent, nullptr, &p};
                return;
            }
            case key_entry::child: next_ = {slot_kind::children, nullptr, nullptr, &top.info->children[k->index]}; return;
            }
            return;
        }
        case frame_kind::result:
            if (key == "totalSize") next_ = {slot_kind::result_total};
            else if (key == "done") next_ = {slot_kind::result_done};
            else if (key == "nextRecordsUrl") next_ = {slot_kind::result_next};
            else if (key == "records") next_ = {slot_kind::result_records};
            else next_ = {slot_kind::unknown};
            return;
        case frame_kind::attributes:
            next_ = {key == "type" ? slot_kind::attr_type : key == "url" ? slot_kind::attr_url : slot_kind::unknown};
            return;
        case frame_kind::address: {
            static constexpr std::string_view parts[] = {"street", "city", "state", "stateCode", "postalCode",
                                                         "country", "countryCode", "latitude", "longitude",
                                                         "geocodeAccuracy"};
            next_ = {slot_kind::unknown};
            for (int i = 0; i < 10; ++i)
                if (key == parts[i]) next_ = {slot_kind::address_part, nullptr, nullptr, nullptr, i};
            return;
        }
        case frame_kind::location:
            next_ = {slot_kind::unknown};
            if (key == "latitude") next_ = {slot_kind::location_part, nullptr, nullptr, nullptr, 0};
            if (key == "longitude") next_ = {slot_kind::location_part, nullptr, nullptr, nullptr, 1};
            return;
        case frame_kind::records: return;
        }
    }

    bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        text_.append(s.data(), s.size());
        return true;
    }

    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        std::string_view v(s.data(), s.size());
        if (!text_.empty()) {
            text_.append(s.data(), s.size());
            v = text_;
        }
        on_scalar_string(v);
        text_.clear();
        return true;
    }

    bool on_number_part(boost::json::string_view s, boost::system::error_code&) {
        number_.append(s.data(), s.size());
        return true;
    }

    bool on_int64(std::int64_t i, boost::json::string_view s, boost::system::error_code&) {
        on_number(static_cast<double>(i), &i, nullptr, s);
        return true;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view s, boost::system::error_code&) {
        on_number(static_cast<double>(u), nullptr, &u, s);
        return true;
    }
    bool on_double(double d, boost::json::string_view s, boost::system::error_code&) {
        on_number(d, nullptr, nullptr, s);
        return true;
    }

    bool on_bool(bool b, boost::system::error_code&) {
        if (stack_.empty()) fail("expected a JSON object");
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) return true;
        if (top.kind == frame_kind::dom) { dom_count_inc(); dom_.push_bool(b); return true; }
        const pending p = take();
        if (p.kind == slot_kind::result_done) { static_cast<query_result_header*>(top.target)->done = b; return true; }
        if (p.kind != slot_kind::field) { expect_known(p, "a boolean"); return true; }
        if (p.field->kind == storage_kind::boolean) set<bool>(top.target, *p.field, b);
        else if (p.field->kind == storage_kind::json) set<boost::json::value>(top.target, *p.field, b);
        else { next_ = p; mismatch(kind_name(p.field->kind), b ? "true" : "false"); }
        return true;
    }

    bool on_null(boost::system::error_code&) {
        if (stack_.empty()) fail("expected a JSON object");
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) return true;
        if (top.kind == frame_kind::dom) { dom_count_inc(); dom_.push_null(); return true; }
        const pending p = take();
        switch (p.kind) {
        case slot_kind::field: {
            // Null clears the value too, so a record decoded twice holds nothing stale.
            clear_value(top.target, *p.field);
            state_of(top.target, *p.field) = field_state::null;
            return true;
        }
        case slot_kind::parent: {
            parent_slot& ps = parent_at(top.target, *p.parent);
            ps.release();
            ps.state_ = field_state::null;
            return true;
        }
        case slot_kind::dynamic_parent:
            reinterpret_cast<dynamic_parent*>(at(top.target, p.parent->offset))->assign(nullptr);
            return true;
        case slot_kind::children: {
            children_slot& cs = children_at(top.target, *p.child);
            cs.release();
            cs.state_ = field_state::null;
            return true;
        }
        case slot_kind::address_part:
        case slot_kind::location_part:
        case slot_kind::result_next:
        case slot_kind::attr_url:
        case slot_kind::attr_type:
        case slot_kind::unknown:
        case slot_kind::none:
            return true;
        default:
            fail("unexpected null");
        }
    }

    // ---- values ---------------------------------------------------------------------------
    // The pending slot, for a scalar value.
    pending take() {
        pending p = std::exchange(next_, pending{});
        if (p.kind == slot_kind::attributes && p.field) p.kind = slot_kind::field;
        return p;
    }

    void expect_known(const pending& p, const char* got) {
        if (p.kind == slot_kind::unknown || p.kind == slot_kind::none) return;
        next_ = p;
        fail(std::string("unexpected ") + got);
    }

    void on_scalar_string(std::string_view v) {
        if (stack_.empty()) fail("expected a JSON object");
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) return;
        if (top.kind == frame_kind::dom) { dom_count_inc(); dom_.push_string(v); return; }
        const pending p = take();
        switch (p.kind) {
        case slot_kind::field: return string_into_field(top.target, p, v);
        case slot_kind::result_next:
            static_cast<query_result_header*>(top.target)->next_records_url.assign(v);
            return;
        case slot_kind::attr_type: static_cast<record_attributes*>(top.target)->type.assign(v); return;
        case slot_kind::attr_url: static_cast<record_attributes*>(top.target)->url.assign(v); return;
        case slot_kind::address_part: {
            auto& a = *static_cast<sfcpp::address*>(top.target);
            std::optional<std::string>* parts[] = {&a.street, &a.city, &a.state, &a.state_code, &a.postal_code,
                                                   &a.country, &a.country_code, nullptr, nullptr, &a.geocode_accuracy};
            if (auto* dst = parts[p.part]) dst->emplace(v);
            else { next_ = p; fail("address latitude/longitude must be a number"); }
            return;
        }
        default: expect_known(p, "a string"); return;
        }
    }

    void string_into_field(void* rec, const pending& p, std::string_view v) {
        const field_info& f = *p.field;
        switch (f.kind) {
        case storage_kind::string: set<std::string>(rec, f, std::string(v)); return;
        case storage_kind::id: {
            if (v.empty()) {  // some endpoints send "" for an empty reference
                clear_value(rec, f);
                state_of(rec, f) = field_state::null;
                return;
            }
            auto parsed = options_.verify_id_checksums ? sfcpp::id::parse(v) : sfcpp::id::parse_unverified(v);
            if (!parsed) { next_ = p; mismatch("a Salesforce id", quote_excerpt(v)); }
            set<sfcpp::id>(rec, f, *parsed);
            return;
        }
        case storage_kind::date: {
            auto d = sfcpp::date::parse(v);
            if (!d) { next_ = p; mismatch("a date (yyyy-MM-dd)", quote_excerpt(v)); }
            set<sfcpp::date>(rec, f, *d);
            return;
        }
        case storage_kind::datetime: {
            auto d = sfcpp::datetime::parse(v);
            if (!d) { next_ = p; mismatch("a datetime (yyyy-MM-ddTHH:mm:ss.SSS+0000)", quote_excerpt(v)); }
            set<sfcpp::datetime>(rec, f, *d);
            return;
        }
        case storage_kind::time: {
            auto t = sfcpp::time_of_day::parse(v);
            if (!t) { next_ = p; mismatch("a time (HH:mm:ss.SSSZ)", quote_excerpt(v)); }
            set<sfcpp::time_of_day>(rec, f, *t);
            return;
        }
        case storage_kind::multipicklist: {
            std::vector<std::string> parts;
            while (!v.empty()) {
                const auto semi = v.find(';');
                if (semi != 0) parts.emplace_back(v.substr(0, semi));
                if (semi == std::string_view::npos) break;
                v.remove_prefix(semi + 1);
            }
            set<std::vector<std::string>>(rec, f, std::move(parts));
            return;
        }
        case storage_kind::json: set<boost::json::value>(rec, f, boost::json::string(v)); return;
        case storage_kind::int32:
        case storage_kind::int64:
        case storage_kind::float64: {
            // Some APIs (and formula fields through some endpoints) quote numbers.
            double d = 0;
            auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
            if (ec != std::errc{} || ptr != v.data() + v.size()) { next_ = p; mismatch(kind_name(f.kind), quote_excerpt(v)); }
            const std::optional<std::int64_t> i = exact_int64(d);
            on_number_into(rec, p, d, i ? &*i : nullptr, nullptr, v);
            return;
        }
        default: next_ = p; mismatch(kind_name(f.kind), quote_excerpt(v));
        }
    }

    void on_number(double d, const std::int64_t* i, const std::uint64_t* u, boost::json::string_view s) {
        if (stack_.empty()) fail("expected a JSON object");
        frame& top = stack_.back();
        std::string_view text(s.data(), s.size());
        if (!number_.empty()) {
            number_.append(s.data(), s.size());
            text = number_;
        }
        struct clear_on_exit {
            std::string& s;
            ~clear_on_exit() { s.clear(); }
        } guard{number_};
        if (top.kind == frame_kind::skip) return;
        if (top.kind == frame_kind::dom) {
            dom_count_inc();
            if (i) dom_.push_int64(*i);
            else if (u) dom_.push_uint64(*u);
            else dom_.push_double(d);
            return;
        }
        const pending p = take();
        switch (p.kind) {
        case slot_kind::field: on_number_into(top.target, p, d, i, u, text); return;
        case slot_kind::result_total:
            if (i) static_cast<query_result_header*>(top.target)->total_size = *i;
            else if (const auto n = exact_int64(d)) static_cast<query_result_header*>(top.target)->total_size = *n;
            else fail("totalSize is not a whole number in range: " + std::string(text));
            return;
        case slot_kind::address_part: {
            auto& a = *static_cast<sfcpp::address*>(top.target);
            if (p.part == 7) a.latitude = d;
            else if (p.part == 8) a.longitude = d;
            else { next_ = p; fail("address part must be a string, got " + std::string(text)); }
            return;
        }
        case slot_kind::location_part: {
            auto& l = *static_cast<sfcpp::location*>(top.target);
            (p.part == 0 ? l.latitude : l.longitude) = d;
            return;
        }
        default: expect_known(p, "a number"); return;
        }
    }

    void on_number_into(void* rec, const pending& p, double d, const std::int64_t* i, const std::uint64_t* u,
                        std::string_view text) {
        const field_info& f = *p.field;
        switch (f.kind) {
        case storage_kind::float64: set<double>(rec, f, d); return;
        case storage_kind::int64:
        case storage_kind::int32: {
            std::int64_t v = 0;
            if (i) v = *i;
            else if (const auto n = exact_int64(d); !u && n) v = *n;
            else { next_ = p; mismatch("an integer", text); }
            if (f.kind == storage_kind::int32) {
                if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max()) {
                    next_ = p;
                    mismatch("a 32-bit integer", text);
                }
                set<std::int32_t>(rec, f, static_cast<std::int32_t>(v));
            } else {
                set<std::int64_t>(rec, f, v);
            }
            return;
        }
        case storage_kind::json:
            if (i) set<boost::json::value>(rec, f, *i);
            else if (u) set<boost::json::value>(rec, f, *u);
            else set<boost::json::value>(rec, f, d);
            return;
        default: next_ = p; mismatch(kind_name(f.kind), text);
        }
    }

    // `d` as an int64 when it is a whole number in range (casting any other double is UB).
    static std::optional<std::int64_t> exact_int64(double d) noexcept {
        constexpr double limit = 9223372036854775808.0;  // 2^63
        if (!(d >= -limit && d < limit)) return std::nullopt;  // also NaN
        const auto n = static_cast<std::int64_t>(d);
        if (static_cast<double>(n) != d) return std::nullopt;
        return n;
    }

    template <class T>
    static void set(void* rec, const field_info& f, T v) {
        value_of<T>(rec, f) = std::move(v);
        state_of(rec, f) = field_state::value;
    }

    static void clear_value(void* rec, const field_info& f) {
        switch (f.kind) {
        case storage_kind::string: value_of<std::string>(rec, f).clear(); break;
        case storage_kind::multipicklist: value_of<std::vector<std::string>>(rec, f).clear(); break;
        case storage_kind::json: value_of<boost::json::value>(rec, f) = nullptr; break;
        case storage_kind::address: value_of<sfcpp::address>(rec, f) = {}; break;
        case storage_kind::id: value_of<sfcpp::id>(rec, f) = {}; break;
        default: break;  // trivially small values: the state says enough
        }
    }

    static const char* kind_name(storage_kind k) noexcept {
        switch (k) {
        case storage_kind::string: return "a string";
        case storage_kind::id: return "a Salesforce id";
        case storage_kind::boolean: return "a boolean";
        case storage_kind::int32:
        case storage_kind::int64: return "an integer";
        case storage_kind::float64: return "a number";
        case storage_kind::date: return "a date";
        case storage_kind::datetime: return "a datetime";
        case storage_kind::time: return "a time";
        case storage_kind::multipicklist: return "a multipicklist string";
        case storage_kind::address: return "an address object";
        case storage_kind::location: return "a location object";
        case storage_kind::json: return "a JSON value";
        }
        return "a value";
    }

    // ---- DOM building (json fields, dynamic parents) --------------------------------------
    std::vector<std::size_t> dom_counts_;

    void begin_dom(void* owner, const field_info* f) {
        dom_.reset();
        dom_counts_.clear();
        stack_.push_back({frame_kind::dom, nullptr, nullptr, 0, owner, f});
    }
    void dom_count_inc() {
        if (!dom_counts_.empty()) ++dom_counts_.back();
    }
    std::size_t dom_size_pop() {
        const std::size_t n = dom_counts_.back();
        dom_counts_.pop_back();
        dom_count_inc();
        return n;
    }
    void end_dom() {
        frame f = stack_.back();
        stack_.pop_back();
        boost::json::value v = dom_.release();
        if (f.dom_field) set<boost::json::value>(f.dom_owner, *f.dom_field, std::move(v));
        else static_cast<dynamic_parent*>(f.dom_owner)->assign(std::move(v));
    }
};

}  // namespace detail
}  // namespace sfcpp
