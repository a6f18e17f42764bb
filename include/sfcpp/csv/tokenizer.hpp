// sfcpp/csv/tokenizer.hpp: RFC 4180 rows out of a stream of chunks, and the quoting rules for
// writing cells. Knows nothing about records.
//
//   csv::tokenizer t({csv::delimiter::pipe});
//   t.feed(chunk);                 // as many times as there is input
//   while (t.next(row)) ...        // every complete row so far
//   t.finish();                    // end of input: the last row needs no line ending
//   while (t.next(row)) ...
//
// Rows end at LF or CRLF whatever the dialect says (a file saved on another system still
// reads); a CR that is not followed by LF is data. Only the unread part of the input is kept.
#pragma once

#include <sfcpp/csv/dialect.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp::csv {

// One cell of a row. `quoted` tells `"#N/A"` (text) from `#N/A` (null) and `""` from nothing.
struct cell {
    std::string_view text;
    bool quoted = false;
};

class tokenizer {
public:
    explicit tokenizer(dialect d = {}) : delim_(delimiter_char(d.delimiter)) {
        for (unsigned char c : {static_cast<unsigned char>(delim_), static_cast<unsigned char>('"'),
                                static_cast<unsigned char>('\r'), static_cast<unsigned char>('\n')})
            special_[c] = true;
    }

    void feed(std::string_view chunk) {
        if (finished_) throw std::logic_error("sfcpp::csv::tokenizer: feed() after finish()");
        compact();
        in_.append(chunk.data(), chunk.size());
    }

    // No more input: a last row without a line ending is complete.
    void finish() noexcept { finished_ = true; }
    bool finished() const noexcept { return finished_; }
    // Everything was read (after finish()).
    bool done() const noexcept { return finished_ && pos_ == in_.size(); }

    // The next complete row; false when more input is needed, or at the end. The cells stay
    // valid until the next call of next() or feed(). Blank lines are skipped. Throws
    // parse_error for an unterminated quote or a stray quote, naming the line.
    bool next(std::span<const cell>& row) {
        for (;;) {
            if (!finished_ && in_.size() < retry_at_) return false;
            switch (scan()) {
            case result::need_more: return false;
            case result::blank: continue;
            case result::row: row = cells_; return true;
            }
        }
    }

    // Physical line (1-based) where the row last returned by next() starts.
    std::uint64_t line() const noexcept { return row_line_; }
    // Bytes held for rows not complete yet.
    std::size_t buffered() const noexcept { return in_.size() - pos_; }
    // Bytes of input consumed so far (through the end of the row last returned).
    std::uint64_t position() const noexcept { return dropped_ + pos_; }

private:
    enum class result { row, need_more, blank };
    struct raw_cell {
        std::size_t begin, end;
        bool quoted, escaped;
    };

    void compact() {
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

    result need_more() {
        // Scanning again from the row start costs the row's length; waiting until the unread
        // part has doubled keeps a huge row split over many chunks linear overall.
        const std::size_t unread = in_.size() - pos_;
        retry_at_ = in_.size() + std::max<std::size_t>(unread, 256);
        return result::need_more;
    }

    [[noreturn]] void fail(std::uint64_t line, const std::string& what) const { throw parse_error(line, what); }

    result scan() {
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
                        fail(line_ + newlines, "unterminated quoted cell (no closing \" before the end of the input)");
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
                fail(line_ + newlines, std::string("unexpected ") + describe(c) + " after a closing quote");
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
                fail(line_ + newlines, "a quote inside an unquoted cell (quote the whole cell and double the quote)");
            }
        }
    }

    result end_row(std::size_t end, std::uint64_t newlines, std::uint64_t terminator) {
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

    static std::string describe(char c) {
        if (c == '\r') return "CR";
        if (static_cast<unsigned char>(c) < 0x20) return "control character " + std::to_string(int(c));
        return std::string("'") + c + "'";
    }

    char delim_;
    std::array<bool, 256> special_{};
    std::string in_;
    std::size_t pos_ = 0;
    std::uint64_t dropped_ = 0;  // bytes erased from the front of in_
    std::size_t retry_at_ = 0;
    bool finished_ = false;
    std::uint64_t line_ = 1;
    std::uint64_t row_line_ = 1;
    std::vector<raw_cell> raw_;
    std::vector<cell> cells_;
    std::string scratch_;
};

// ---- writing cells ------------------------------------------------------------------------

namespace detail {
// Whether `v` must be quoted: it holds the delimiter, a quote or a line break, or would read
// back as something else (empty, #N/A, or spaces a reader might trim).
inline bool needs_quotes(std::string_view v, char delim) noexcept {
    if (v.empty() || v == null_text) return true;
    if (v.front() == ' ' || v.back() == ' ' || v.front() == '\t' || v.back() == '\t') return true;
    for (char c : v)
        if (c == delim || c == '"' || c == '\n' || c == '\r') return true;
    return false;
}
}  // namespace detail

// Appends `v` as one cell, quoted only when needed.
inline void append_cell(std::string& out, std::string_view v, char delim) {
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
