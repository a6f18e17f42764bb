// sfcpp/csv/detail/impl/codec.ipp: the CSV record codec's walkers. Included by codec.hpp
// (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/csv/detail/codec.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace sfcpp::csv {
namespace detail {

SFCPP_DECL column resolve_column(const object_info& info, std::string_view name) {
    column c;
    c.name.assign(name);
    if (name == "sf__Id") { c.kind = column::sf_id; return c; }
    if (name == "sf__Created") { c.kind = column::sf_created; return c; }
    if (name == "sf__Error") { c.kind = column::sf_error; return c; }
    const auto dot = name.find('.');
    if (dot == std::string_view::npos) {
        if (const field_info* f = info.find_field(name); f && writable_kind(f->kind)) {
            c.kind = column::field;
            c.f = f;
        }
        return c;
    }
    // Rel.Field; a polymorphic `Type:Rel.Field` or a grandparent path stays unknown.
    const std::string_view rel = name.substr(0, dot), rest = name.substr(dot + 1);
    if (rest.find('.') != std::string_view::npos || rel.find(':') != std::string_view::npos) return c;
    const key_entry* k = info.find_key(rel);
    if (!k || k->kind != key_entry::parent) return c;
    const parent_info& p = info.parents[k->index];
    const object_info* target = p.target.find();
    if (!target) return c;
    if (const field_info* f = target->find_field(rest); f && writable_kind(f->kind)) {
        c.kind = column::parent_field;
        c.parent = &p;
        c.f = f;
    }
    return c;
}

SFCPP_DECL column_set::column_set(const object_info& info, write_mode mode)
    : info_(&info), mode_(mode), fields_(info.fields.size()) {
    parents_.resize(info.parents.size());
    for (std::size_t i = 0; i < info.parents.size(); ++i)
        if (const object_info* t = info.parents[i].target.find()) parents_[i].resize(t->fields.size());
}

SFCPP_DECL void column_set::add(const void* rec) {
    const auto& fs = info_->fields;
    for (std::size_t i = 0; i < fs.size(); ++i)
        if (!fields_[i] && writable_kind(fs[i].kind) && state_of(rec, fs[i]) != field_state::not_set &&
            wanted(fs[i], mode_))
            fields_[i] = 1;
    for (std::size_t i = 0; i < info_->parents.size(); ++i) {
        const parent_info& p = info_->parents[i];
        if (!p.target || !wanted(info_->fields[p.field_index], mode_)) continue;
        const auto& ps = parent_at(rec, p);
        if (ps.state_ != field_state::value || !ps.ptr_) continue;
        const auto& tf = p.target().fields;
        for (std::size_t j = 0; j < tf.size(); ++j)
            if (!parents_[i][j] && writable_kind(tf[j].kind) && state_of(ps.ptr_, tf[j]) != field_state::not_set)
                parents_[i][j] = 1;
    }
}

SFCPP_DECL std::vector<column> column_set::columns() const {
    std::vector<column> out;
    const auto& fs = info_->fields;
    for (std::size_t i = 0; i < fs.size(); ++i) {
        if (fields_[i]) out.push_back({column::field, &fs[i], nullptr, std::string(fs[i].name)});
        for (std::size_t pi = 0; pi < info_->parents.size(); ++pi) {
            const parent_info& p = info_->parents[pi];
            if (p.field_index != i || parents_[pi].empty()) continue;
            const auto& tf = p.target().fields;
            for (std::size_t j = 0; j < tf.size(); ++j)
                if (parents_[pi][j])
                    out.push_back({column::parent_field, &tf[j], &p, std::string(p.name) + "." + std::string(tf[j].name)});
        }
    }
    return out;
}

SFCPP_DECL void append_double(std::string& out, double d, std::string_view object, const field_info& f) {
    if (!std::isfinite(d))
        throw encode_error(errc::not_finite, "sfcpp::csv: " + sfcpp::detail::field_path(object, f.name) +
                                                 ": NaN and infinity cannot be sent to Salesforce");
    char buf[64];
    const double a = std::fabs(d);
    // Plain decimals where Salesforce's number fields live; exponents only at the far ends.
    const auto fmt = (a == 0 || (a >= 1e-7 && a < 1e21)) ? std::chars_format::fixed : std::chars_format::scientific;
    const auto r = std::to_chars(buf, buf + sizeof buf, d, fmt);
    out.append(buf, r.ptr);
}

SFCPP_DECL void append_value(std::string& out, const void* rec, std::string_view object, const field_info& f, char delim,
                             std::string& scratch) {
    switch (f.kind) {
    case storage_kind::string: {
        const auto& text = value_of<std::string>(rec, f);
        sfcpp::detail::require_utf8(text, "sfcpp::csv", object, f.name);
        append_cell(out, text, delim);
        return;
    }
    case storage_kind::id: {
        const auto s = value_of<sfcpp::id>(rec, f).str();
        if (s.empty()) out += "\"\"";
        else out.append(s.data(), s.size());
        return;
    }
    case storage_kind::boolean: out += value_of<bool>(rec, f) ? "true" : "false"; return;
    case storage_kind::int32: append_int(out, value_of<std::int32_t>(rec, f)); return;
    case storage_kind::int64: append_int(out, value_of<std::int64_t>(rec, f)); return;
    case storage_kind::float64: append_double(out, value_of<double>(rec, f), object, f); return;
    case storage_kind::date: value_of<sfcpp::date>(rec, f).append_to(out); return;
    case storage_kind::datetime: value_of<sfcpp::datetime>(rec, f).append_to(out); return;
    case storage_kind::time: value_of<sfcpp::time_of_day>(rec, f).append_to(out); return;
    case storage_kind::multipicklist: {
        scratch.clear();
        join_multipicklist(value_of<std::vector<std::string>>(rec, f), scratch);
        sfcpp::detail::require_utf8(scratch, "sfcpp::csv", object, f.name);
        append_cell(out, scratch, delim);
        return;
    }
    case storage_kind::json: {
        const auto& v = value_of<boost::json::value>(rec, f);
        if (v.is_string()) append_cell(out, std::string_view(v.get_string()), delim);
        else append_cell(out, boost::json::serialize(v), delim);
        return;
    }
    case storage_kind::address:
    case storage_kind::location:
        throw encode_error(errc::unknown_column, "sfcpp::csv: " + sfcpp::detail::field_path(object, f.name) +
                                                     " is a compound field; Bulk CSV takes its parts (for example "
                                                     "BillingCity) instead");
    }
}

SFCPP_DECL void append_field_cell(std::string& out, const void* rec, std::string_view object, const field_info& f,
                                  char delim, std::string& scratch) {
    switch (state_of(rec, f)) {
    case field_state::not_set: return;
    case field_state::null: out.append(null_text.data(), null_text.size()); return;
    case field_state::value: append_value(out, rec, object, f, delim, scratch); return;
    }
}

SFCPP_DECL row_writer::row_writer(const object_info& info, std::vector<column> cols, const write_options& opt)
    : info_(&info), cols_(std::move(cols)), opt_(opt), delim_(delimiter_char(opt.dialect.delimiter)),
      eol_(line_ending_text(opt.dialect.line_ending)) {
    in_header_.assign(info.fields.size(), 0);
    parent_in_header_.resize(info.parents.size());
    for (std::size_t i = 0; i < info.parents.size(); ++i)
        if (const object_info* t = info.parents[i].target.find()) parent_in_header_[i].assign(t->fields.size(), 0);
    for (const auto& c : cols_) {
        if (c.kind == column::field) in_header_[static_cast<std::size_t>(c.f - info.fields.data())] = 1;
        if (c.kind == column::parent_field) {
            const auto pi = static_cast<std::size_t>(c.parent - info.parents.data());
            parent_in_header_[pi][static_cast<std::size_t>(c.f - c.parent->target().fields.data())] = 1;
        }
        if (c.kind == column::unknown)
            throw encode_error(errc::unknown_column, "sfcpp::csv: " + sfcpp::detail::field_path(info.name, c.name) +
                                                         " is not a writable field or Relationship.Field column of " +
                                                         std::string(info.name));
    }
    // What strict mode watches: the state bytes of the fields a record could set but the
    // header leaves out, found once here rather than per row.
    for (std::size_t i = 0; i < info.fields.size(); ++i)
        if (!in_header_[i] && writable_kind(info.fields[i].kind) && wanted(info.fields[i], opt.mode))
            watch_.push_back({&info.fields[i], sfcpp::detail::state_offset(info.fields[i].kind) + info.fields[i].offset});
    for (std::size_t i = 0; i < info.parents.size(); ++i) {
        const parent_info& p = info.parents[i];
        const object_info* target = p.target.find();
        if (!target || !wanted(info.fields[p.field_index], opt.mode)) continue;
        parent_watch pw{&p, {}};
        const auto& tf = target->fields;
        for (std::size_t j = 0; j < tf.size(); ++j)
            if (!parent_in_header_[i][j] && writable_kind(tf[j].kind))
                pw.fields.push_back({&tf[j], sfcpp::detail::state_offset(tf[j].kind) + tf[j].offset});
        parent_watch_.push_back(std::move(pw));
    }
}

SFCPP_DECL void row_writer::append_header(std::string& out) const {
    for (std::size_t i = 0; i < cols_.size(); ++i) {
        if (i) out += delim_;
        append_cell(out, cols_[i].name, delim_);
    }
    out.append(eol_.data(), eol_.size());
}

SFCPP_DECL void row_writer::append_row(std::string& out, const void* rec) {
    if (opt_.strict) check_columns(rec);
    for (std::size_t i = 0; i < cols_.size(); ++i) {
        if (i) out += delim_;
        const column& c = cols_[i];
        if (c.kind == column::field) {
            append_field_cell(out, rec, info_->name, *c.f, delim_, scratch_);
        } else if (c.kind == column::parent_field) {
            const auto& ps = parent_at(rec, *c.parent);
            if (ps.state_ == field_state::null) out.append(null_text.data(), null_text.size());
            else if (ps.state_ == field_state::value)
                append_field_cell(out, ps.ptr_, c.parent->target().name, *c.f, delim_, scratch_);
        }
    }
    out.append(eol_.data(), eol_.size());
}

SFCPP_DECL void row_writer::cell_texts(const void* rec, std::vector<std::string>& out) {
    out.resize(cols_.size());
    std::string tmp;
    for (std::size_t i = 0; i < cols_.size(); ++i) {
        tmp.clear();
        const column& c = cols_[i];
        const void* owner = rec;
        std::string_view object = info_->name;
        if (c.kind == column::parent_field) {
            const auto& ps = parent_at(rec, *c.parent);
            if (ps.state_ == field_state::null) { out[i] = null_text; continue; }
            if (ps.state_ != field_state::value) { out[i].clear(); continue; }
            owner = ps.ptr_;
            object = c.parent->target().name;
        } else if (c.kind != column::field) {
            out[i].clear();
            continue;
        }
        append_field_cell(tmp, owner, object, *c.f, ',', scratch_);
        out[i] = unquote(tmp);
    }
}

SFCPP_DECL std::string row_writer::unquote(const std::string& s) {
    if (s.empty() || s.front() != '"') return s;
    std::string r;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        r += s[i];
        if (s[i] == '"') ++i;
    }
    return r;
}

SFCPP_DECL void row_writer::check_columns(const void* rec) const {
    for (const auto& w : watch_)
        if (*(static_cast<const char*>(rec) + w.state) != static_cast<char>(field_state::not_set)) missing(w.f->name);
    for (const auto& pw : parent_watch_) {
        const auto& ps = parent_at(rec, *pw.p);
        if (ps.state_ != field_state::value) continue;
        for (const auto& w : pw.fields)
            if (*(static_cast<const char*>(ps.ptr_) + w.state) != static_cast<char>(field_state::not_set))
                missing(std::string(pw.p->name) + "." + std::string(w.f->name));
    }
}

[[noreturn]] SFCPP_DECL void row_writer::missing(std::string_view name) const {
    throw encode_error(errc::missing_column,
                       "sfcpp::csv: " + sfcpp::detail::field_path(info_->name, name) +
                           " is set but is not a column of the header (add it, or write with strict = false to leave "
                           "it out)");
}

SFCPP_DECL bool parse_bool(std::string_view v, bool& out) noexcept {
    if (sfcpp::detail::iequals(v, "true") || v == "1") { out = true; return true; }
    if (sfcpp::detail::iequals(v, "false") || v == "0") { out = false; return true; }
    return false;
}

SFCPP_DECL cell_error parse_into(void* rec, const field_info& f, std::string_view v, bool verify_ids) {
    switch (f.kind) {
    case storage_kind::string: value_of<std::string>(rec, f).assign(v); state_of(rec, f) = field_state::value; return {};
    case storage_kind::id: {
        auto p = verify_ids ? sfcpp::id::parse(v) : sfcpp::id::parse_unverified(v);
        if (!p) return {errc::invalid_id, "expected a Salesforce id"};
        set(rec, f, *p);
        return {};
    }
    case storage_kind::boolean: {
        bool b = false;
        if (!parse_bool(v, b)) return {errc::wrong_type, "expected true or false"};
        set(rec, f, b);
        return {};
    }
    case storage_kind::int32:
    case storage_kind::int64: {
        std::int64_t i = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), i);
        if (ec != std::errc{} || ptr != v.data() + v.size()) {
            // "12.0" from a number column that holds integers
            double d = 0;
            auto [p2, e2] = std::from_chars(v.data(), v.data() + v.size(), d);
            if ((e2 != std::errc{} && e2 != std::errc::result_out_of_range) || p2 != v.data() + v.size())
                return {errc::wrong_type, "expected an integer"};
            if (e2 != std::errc{} || d != std::floor(d) || std::fabs(d) > 9.2e18)
                return {errc::number_out_of_range, "expected an integer"};
            i = static_cast<std::int64_t>(d);
        }
        if (f.kind == storage_kind::int32) {
            if (i < INT32_MIN || i > INT32_MAX) return {errc::number_out_of_range, "expected a 32-bit integer"};
            set(rec, f, static_cast<std::int32_t>(i));
        } else {
            set(rec, f, i);
        }
        return {};
    }
    case storage_kind::float64: {
        double d = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec == std::errc::result_out_of_range) return {errc::number_out_of_range, "expected a number"};
        if (ec != std::errc{} || ptr != v.data() + v.size() || !std::isfinite(d))
            return {errc::wrong_type, "expected a number"};
        set(rec, f, d);
        return {};
    }
    case storage_kind::date: {
        // Salesforce's samples write dates with a trailing Z (1940-06-07Z).
        if (v.size() == 11 && v.back() == 'Z') v.remove_suffix(1);
        auto d = sfcpp::date::parse(v);
        if (!d) return {errc::invalid_date, "expected a date (yyyy-MM-dd)"};
        set(rec, f, *d);
        return {};
    }
    case storage_kind::datetime: {
        auto d = sfcpp::datetime::parse(v);
        if (!d) return {errc::invalid_datetime, "expected a datetime (yyyy-MM-ddTHH:mm:ss.SSSZ)"};
        set(rec, f, *d);
        return {};
    }
    case storage_kind::time: {
        auto t = sfcpp::time_of_day::parse(v);
        if (!t) return {errc::invalid_time, "expected a time (HH:mm:ss.SSSZ)"};
        set(rec, f, *t);
        return {};
    }
    case storage_kind::multipicklist: {
        auto& parts = value_of<std::vector<std::string>>(rec, f);
        parts.clear();
        split_multipicklist(v, parts);
        state_of(rec, f) = field_state::value;
        return {};
    }
    case storage_kind::json: set(rec, f, boost::json::value(boost::json::string(v))); return {};
    case storage_kind::address:
    case storage_kind::location: return {errc::wrong_type, "compound fields cannot be read from CSV"};
    }
    return {errc::wrong_type, "unsupported field"};
}

SFCPP_DECL void set_null(void* rec, const field_info& f) {
    clear_value(rec, f);
    state_of(rec, f) = field_state::null;
}

SFCPP_DECL void reset_fields(void* rec, const object_info& info) {
    for (const auto& f : info.fields) {
        field_state& st = state_of(rec, f);
        if (st == field_state::not_set) continue;
        clear_value(rec, f);
        st = field_state::not_set;
    }
    for (const auto& p : info.parents) {
        if (!p.target) continue;
        auto& ps = parent_at(rec, p);
        if (ps.ptr_) reset_fields(ps.ptr_, p.target());
        ps.state_ = field_state::not_set;
    }
}

SFCPP_DECL void row_reader::set_header(std::span<const cell> header) {
    cols_.clear();
    unknown_.clear();
    for (const auto& h : header) {
        cols_.push_back(resolve_column(*info_, h.text));
        if (cols_.back().kind == column::unknown) unknown_.push_back(std::string(h.text));
    }
    parent_seen_.assign(info_->parents.size(), 0);
}

SFCPP_DECL bool row_reader::decode(std::span<const cell> row, void* rec, row_result& result,
                                   std::vector<std::string>& problems) {
    if (row.size() != cols_.size()) {
        failed_.code = errc::malformed_csv;
        failed_.message = "expected " + std::to_string(cols_.size()) + " cells as in the header, got " +
                          std::to_string(row.size());
        return false;
    }
    std::fill(parent_seen_.begin(), parent_seen_.end(), 0);
    bool any_parent = false;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const column& c = cols_[i];
        const cell& x = row[i];
        switch (c.kind) {
        case column::field: {
            const field_state st = classify(x);
            if (st == field_state::null) set_null(rec, *c.f);
            else if (st == field_state::value && !value(rec, *c.f, c, x.text, problems)) return false;
            break;
        }
        case column::parent_field: {
            any_parent = true;
            const field_state st = classify(x);
            auto& seen = parent_seen_[static_cast<std::size_t>(c.parent - info_->parents.data())];
            if (st == field_state::value) seen = 2;
            else if (st == field_state::null && seen == 0) seen = 1;
            break;
        }
        case column::sf_id:
            if (!x.text.empty()) {
                result.id = opt_.verify_id_checksums ? sfcpp::id::parse(x.text) : sfcpp::id::parse_unverified(x.text);
                if (!result.id && !bad(c, x.text, {errc::invalid_id, "expected a Salesforce id"}, problems))
                    return false;
            }
            break;
        case column::sf_created: {
            bool b = false;
            if (parse_bool(x.text, b)) result.created = b;
            else if (!bad(c, x.text, {errc::wrong_type, "expected true or false"}, problems)) return false;
            break;
        }
        case column::sf_error: result.error.assign(x.text); break;
        case column::unknown: break;
        }
    }
    return !any_parent || decode_parents(row, rec, problems);
}

[[noreturn]] SFCPP_DECL void row_reader::throw_failed(std::uint64_t line) const {
    throw parse_error(line, failed_.code, failed_.message);
}

SFCPP_DECL field_state row_reader::classify(const cell& x) const noexcept {
    // Query results quote every cell, null ones too (`""`): there, empty is null either way.
    if (x.text.empty() && (!x.quoted || opt_.empty_cell == field_state::null)) return opt_.empty_cell;
    if (x.quoted) return field_state::value;
    if (x.text == null_text) return field_state::null;
    return field_state::value;
}

SFCPP_DECL bool row_reader::value(void* rec, const field_info& f, const column& c, std::string_view text,
                                  std::vector<std::string>& problems) {
    // A quoted empty cell is an empty string; for other types it says nothing.
    if (text.empty() && f.kind != storage_kind::string && f.kind != storage_kind::multipicklist &&
        f.kind != storage_kind::json) {
        if (opt_.empty_cell == field_state::null) set_null(rec, f);
        return true;
    }
    const cell_error why = parse_into(rec, f, text, opt_.verify_id_checksums);
    return !why || bad(c, text, why, problems);
}

SFCPP_DECL bool row_reader::bad(const column& c, std::string_view text, cell_error why,
                                std::vector<std::string>& problems) {
    // `Object.Field` (`Invoice__c.Account__r.External_Id__c` for a parent's); sf__ columns as named.
    const bool of_record = c.kind == column::field || c.kind == column::parent_field;
    std::string msg = (of_record ? sfcpp::detail::field_path(info_->name, c.name) : c.name) + ": " +
                      std::string(why.what) + ", got " + sfcpp::detail::quote_excerpt(text);
    if (opt_.lenient_values) {
        problems.push_back(std::move(msg));
        return true;
    }
    failed_.code = why.code;
    failed_.message = std::move(msg);
    return false;
}

SFCPP_DECL bool row_reader::decode_parents(std::span<const cell> row, void* rec, std::vector<std::string>& problems) {
    for (std::size_t pi = 0; pi < parent_seen_.size(); ++pi) {
        if (!parent_seen_[pi]) continue;
        const parent_info& p = info_->parents[pi];
        auto& ps = parent_at(rec, p);
        if (parent_seen_[pi] == 1) {
            ps.release();
            ps.state_ = field_state::null;
        } else {
            const object_info& target = p.target();
            if (ps.ptr_ && ps.ops_ != &target.ops) ps.release();
            if (!ps.ptr_) {
                ps.ptr_ = target.ops.create();
                ps.ops_ = &target.ops;
            }
            ps.state_ = field_state::value;
            for (std::size_t i = 0; i < row.size(); ++i) {
                const column& c = cols_[i];
                if (c.kind != column::parent_field || c.parent != &p) continue;
                const field_state st = classify(row[i]);
                if (st == field_state::null) set_null(ps.ptr_, *c.f);
                else if (st == field_state::value && !value(ps.ptr_, *c.f, c, row[i].text, problems)) return false;
            }
        }
        parent_seen_[pi] = 0;
    }
    return true;
}

}  // namespace detail
}  // namespace sfcpp::csv
