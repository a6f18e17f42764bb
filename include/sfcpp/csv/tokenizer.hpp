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

#include <sfcpp/config.hpp>
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

    SFCPP_DECL void compact();
    SFCPP_DECL result need_more();

    [[noreturn]] void fail(std::uint64_t line, const std::string& what) const { throw parse_error(line, what); }

    SFCPP_DECL result scan();
    SFCPP_DECL result end_row(std::size_t end, std::uint64_t newlines, std::uint64_t terminator);
    SFCPP_DECL static std::string describe(char c);

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
SFCPP_DECL bool needs_quotes(std::string_view v, char delim) noexcept;
}  // namespace detail

// Appends `v` as one cell, quoted only when needed.
SFCPP_DECL void append_cell(std::string& out, std::string_view v, char delim);

}  // namespace sfcpp::csv

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/csv/impl/tokenizer.ipp>
#endif
