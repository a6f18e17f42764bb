// sfcpp/detail/impl/json_decoder.ipp: the SAX decoder behind from_json, over Boost.JSON's
// basic_parser (whose implementation only this file includes). Included by json_decoder.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/detail/json_decoder.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sfcpp {
namespace detail {

class json_decoder {
public:
    using root_kind = json_root;

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

    // The first error, when an event returned false; the parser stops there.
    failure& failed() noexcept { return failed_; }

private:
    failure failed_;

    // Records the error and returns false, which every caller returns in turn: the decoder
    // never throws for bad input (only std::bad_alloc passes through).
    bool fail(errc code, const std::string& what) {
        failed_.code = code;
        failed_.message = "sfcpp: " + error_context() + ": " + what;
        return false;
    }

    bool mismatch(errc code, const char* expected, std::string_view got) {
        return fail(code, std::string("expected ") + expected + ", got " + std::string(got));
    }

    // What an event returns when its work failed: the parser wants an error code set.
    static bool stop(boost::system::error_code& ec) {
        ec = boost::json::error::exception;
        return false;
    }

    // ---- events ---------------------------------------------------------------------------
    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

    bool on_object_begin(boost::system::error_code& ec) { return object_begin() || stop(ec); }
    bool on_array_begin(boost::system::error_code& ec) { return array_begin() || stop(ec); }
    bool on_bool(bool b, boost::system::error_code& ec) { return boolean(b) || stop(ec); }
    bool on_null(boost::system::error_code& ec) { return null() || stop(ec); }

    bool object_begin() {
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
            return mismatch(errc::wrong_type, kind_name(p.field->kind), "an object");
        case slot_kind::none:
            return fail(errc::wrong_type, "unexpected object");
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

    bool array_begin() {
        if (stack_.empty()) return fail(errc::wrong_type, "expected a JSON object, got an array");
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
        return mismatch(errc::wrong_type, p.field ? kind_name(p.field->kind) : "an object", "an array");
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

    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
        std::string_view v(s.data(), s.size());
        if (!text_.empty()) {
            text_.append(s.data(), s.size());
            v = text_;
        }
        const bool ok = on_scalar_string(v);
        text_.clear();
        return ok || stop(ec);
    }

    bool on_number_part(boost::json::string_view s, boost::system::error_code&) {
        number_.append(s.data(), s.size());
        return true;
    }

    bool on_int64(std::int64_t i, boost::json::string_view s, boost::system::error_code& ec) {
        return on_number(static_cast<double>(i), &i, nullptr, s) || stop(ec);
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view s, boost::system::error_code& ec) {
        return on_number(static_cast<double>(u), nullptr, &u, s) || stop(ec);
    }
    bool on_double(double d, boost::json::string_view s, boost::system::error_code& ec) {
        return on_number(d, nullptr, nullptr, s) || stop(ec);
    }

    bool boolean(bool b) {
        if (stack_.empty()) return fail(errc::wrong_type, "expected a JSON object");
        frame& top = stack_.back();
        if (top.kind == frame_kind::skip) return true;
        if (top.kind == frame_kind::dom) { dom_count_inc(); dom_.push_bool(b); return true; }
        const pending p = take();
        if (p.kind == slot_kind::result_done) { static_cast<query_result_header*>(top.target)->done = b; return true; }
        if (p.kind != slot_kind::field) return expect_known(p, "a boolean");
        if (p.field->kind == storage_kind::boolean) set<bool>(top.target, *p.field, b);
        else if (p.field->kind == storage_kind::json) set<boost::json::value>(top.target, *p.field, b);
        else { next_ = p; return mismatch(errc::wrong_type, kind_name(p.field->kind), b ? "true" : "false"); }
        return true;
    }

    bool null() {
        if (stack_.empty()) return fail(errc::wrong_type, "expected a JSON object");
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
            return fail(errc::wrong_type, "unexpected null");
        }
    }

    // ---- values ---------------------------------------------------------------------------
    // The pending slot, for a scalar value.
    pending take() {
        pending p = std::exchange(next_, pending{});
        if (p.kind == slot_kind::attributes && p.field) p.kind = slot_kind::field;
        return p;
    }

    bool expect_known(const pending& p, const char* got) {
        if (p.kind == slot_kind::unknown || p.kind == slot_kind::none) return true;
        next_ = p;
        return fail(errc::wrong_type, std::string("unexpected ") + got);
    }

    // Each returns false after fail(): the value did not fit.
    bool on_scalar_string(std::string_view v);
    bool string_into_field(void* rec, const pending& p, std::string_view v);
    bool on_number(double d, const std::int64_t* i, const std::uint64_t* u, boost::json::string_view s);
    bool on_number_into(void* rec, const pending& p, double d, const std::int64_t* i, const std::uint64_t* u,
                        std::string_view text);

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

// The one decoding path: both forms below stand on it.
SFCPP_DECL bool run_json_decoder(std::string_view text, json_root root, const object_info& info, void* target,
                                 const decode_options& opt, failure& failed) {
    boost::json::parse_options po;
    po.max_depth = 64;  // a response nests records 5 parents deep at most; this is generous
    boost::json::basic_parser<json_decoder> p(po, root, info, target, opt, text.size());
    boost::system::error_code ec;
    const std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    if (p.handler().failed()) {
        failed = std::move(p.handler().failed());
        return false;
    }
    const auto malformed = [&](std::size_t at, const std::string& why) {
        failed.code = errc::malformed_json;
        failed.message = "sfcpp: " + std::string(info.name) + ": malformed JSON at offset " + std::to_string(at) +
                         ": " + why;
        return false;
    };
    if (ec) return malformed(n, ec.message());
    for (std::size_t i = n; i < text.size(); ++i)
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
            return malformed(i, "unexpected text after the document");
    return true;
}

SFCPP_DECL void decode_json(std::string_view text, json_root root, const object_info& info, void* target,
                            const decode_options& opt) {
    failure failed;
    if (!run_json_decoder(text, root, info, target, opt, failed)) throw decode_error(failed.code, failed.message);
}

SFCPP_DECL void decode_json(std::string_view text, json_root root, const object_info& info, void* target,
                            const decode_options& opt, std::error_code& ec) {
    failure failed;
    ec = run_json_decoder(text, root, info, target, opt, failed) ? std::error_code() : make_error_code(failed.code);
}

}  // namespace detail
}  // namespace sfcpp

#include <sfcpp/detail/impl/json_decoder_values.ipp>
