// sfcpp/csv/impl/tokenizer.ipp: the RFC 4180 scanner and cell quoting. Included by
// tokenizer.hpp (header-only) or compiled once through sfcpp/src.hpp.
#pragma once

#include <sfcpp/csv/tokenizer.hpp>

#include <algorithm>
#include <cstring>
#include <string>

namespace sfcpp::csv {

SFCPP_DECL void tokenizer::compact() {
    if (pos_ == 0) return;
    if (pos_ == in_.size()) {
        in_.clear();
    } else if (pos_ >= 65536 && pos_ * 2 >= in_.size()) {
        in_.erase(0, pos_);
    } else {
        return;
    }
    retry_at_ -= std::min(retry_at_, pos_);
    dropped_ += pos_;
    pos_ = 0;
}

SFCPP_DECL tokenizer::result tokenizer::need_more() {
    // Scanning again from the row start costs the row's length; waiting until the unread
    // part has doubled keeps a huge row split over many chunks linear overall.
    const std::size_t unread = in_.size() - pos_;
    retry_at_ = in_.size() + std::max<std::size_t>(unread, 256);
    return result::need_more;
}

SFCPP_DECL tokenizer::result tokenizer::read(std::span<const cell>& row) {
    for (;;) {
        if (!finished_ && in_.size() < retry_at_) return result::need_more;
        switch (const result r = scan()) {
        case result::blank: continue;
        case result::row: row = cells_; return r;
        case result::need_more:
        case result::malformed: return r;
        }
    }
}

SFCPP_DECL tokenizer::result tokenizer::fail(std::uint64_t line, std::string what) {
    row_line_ = line;
    error_ = std::move(what);
    return result::malformed;
}

SFCPP_DECL tokenizer::result tokenizer::scan() {
    const char* s = in_.data();
    const std::size_t n = in_.size();
    std::size_t p = pos_;
    std::uint64_t newlines = 0;  // inside quoted cells of this row
    raw_.clear();
    if (p == n) return finished_ ? result::need_more : need_more();
    for (;;) {
        if (p < n && s[p] == '"') {
            const std::size_t begin = p + 1;
            std::size_t q = begin;
            bool escaped = false;
            for (;;) {
                const void* hit = q < n ? std::memchr(s + q, '"', n - q) : nullptr;
                if (!hit) {
                    if (!finished_) return need_more();
                    return fail(line_ + newlines, "unterminated quoted cell (no closing \" before the end of the input)");
                }
                const std::size_t h = static_cast<std::size_t>(static_cast<const char*>(hit) - s);
                newlines += static_cast<std::uint64_t>(std::count(s + q, s + h, '\n'));
                if (h + 1 == n && !finished_) return need_more();
                if (h + 1 < n && s[h + 1] == '"') {
                    escaped = true;
                    q = h + 2;
                    continue;
                }
                raw_.push_back({begin, h, true, escaped});
                p = h + 1;
                break;
            }
            if (p == n) return finished_ ? end_row(p, newlines, 0) : need_more();
            const char c = s[p];
            if (c == delim_) { ++p; if (p == n && finished_) { raw_.push_back({p, p, false, false}); return end_row(p, newlines, 0); } continue; }
            if (c == '\n') return end_row(p + 1, newlines, 1);
            if (c == '\r') {
                if (p + 1 < n && s[p + 1] == '\n') return end_row(p + 2, newlines, 1);
                if (p + 1 == n) {
                    if (!finished_) return need_more();
                    return end_row(p + 1, newlines, 1);
                }
            }
            return fail(line_ + newlines, std::string("unexpected ") + describe(c) + " after a closing quote");
        }
        // Unquoted cell: runs to the delimiter or the end of the line.
        const std::size_t begin = p;
        for (;;) {
            while (p < n && !special_[static_cast<unsigned char>(s[p])]) ++p;
            if (p == n) {
                if (!finished_) return need_more();
                raw_.push_back({begin, p, false, false});
                return end_row(p, newlines, 0);
            }
            const char c = s[p];
            if (c == delim_) {
                raw_.push_back({begin, p, false, false});
                ++p;
                if (p == n && finished_) {
                    raw_.push_back({p, p, false, false});
                    return end_row(p, newlines, 0);
                }
                break;
            }
            if (c == '\n') {
                raw_.push_back({begin, p, false, false});
                return end_row(p + 1, newlines, 1);
            }
            if (c == '\r') {
                if (p + 1 < n && s[p + 1] == '\n') {
                    raw_.push_back({begin, p, false, false});
                    return end_row(p + 2, newlines, 1);
                }
                if (p + 1 == n) {
                    if (!finished_) return need_more();
                    raw_.push_back({begin, p, false, false});
                    return end_row(p + 1, newlines, 1);
                }
                ++p;  // a lone CR is data
                continue;
            }
            return fail(line_ + newlines, "a quote inside an unquoted cell (quote the whole cell and double the quote)");
        }
    }
}

SFCPP_DECL tokenizer::result tokenizer::end_row(std::size_t end, std::uint64_t newlines, std::uint64_t terminator) {
    pos_ = end;
    row_line_ = line_;
    line_ += newlines + terminator;
    retry_at_ = 0;
    if (raw_.size() == 1 && !raw_[0].quoted && raw_[0].begin == raw_[0].end) return result::blank;
    // Unescape into one buffer sized up front, so the views into it stay valid.
    std::size_t escaped_bytes = 0;
    for (const auto& r : raw_)
        if (r.escaped) escaped_bytes += r.end - r.begin;
    scratch_.clear();
    scratch_.reserve(escaped_bytes);
    cells_.clear();
    for (const auto& r : raw_) {
        if (!r.escaped) {
            cells_.push_back({std::string_view(in_.data() + r.begin, r.end - r.begin), r.quoted});
            continue;
        }
        const std::size_t start = scratch_.size();
        for (std::size_t i = r.begin; i < r.end; ++i) {
            scratch_ += in_[i];
            if (in_[i] == '"') ++i;
        }
        cells_.push_back({std::string_view(scratch_.data() + start, scratch_.size() - start), true});
    }
    return result::row;
}

SFCPP_DECL std::string tokenizer::describe(char c) {
    if (c == '\r') return "CR";
    if (static_cast<unsigned char>(c) < 0x20) return "control character " + std::to_string(int(c));
    return std::string("'") + c + "'";
}

namespace detail {
SFCPP_DECL bool needs_quotes(std::string_view v, char delim) noexcept {
    if (v.empty() || v == null_text) return true;
    if (v.front() == ' ' || v.back() == ' ' || v.front() == '\t' || v.back() == '\t') return true;
    for (char c : v)
        if (c == delim || c == '"' || c == '\n' || c == '\r') return true;
    return false;
}
}  // namespace detail

SFCPP_DECL void append_cell(std::string& out, std::string_view v, char delim) {
    if (!detail::needs_quotes(v, delim)) {
        out.append(v.data(), v.size());
        return;
    }
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '"') continue;
        out.append(v.data() + run, i + 1 - run);
        out += '"';
        run = i + 1;
    }
    out.append(v.data() + run, v.size() - run);
    out += '"';
}

}  // namespace sfcpp::csv
