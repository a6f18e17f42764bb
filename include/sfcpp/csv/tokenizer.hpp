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
//
// Malformed CSV (an unterminated quote, a quote inside an unquoted cell, text after a closing
// quote) throws csv::parse_error, or with the std::error_code form of next() sets
// errc::malformed_csv; either way line() names the line, and the input cannot be read past it
// (next() reports the same error again).
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/csv/dialect.hpp>
#include <sfcpp/error.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
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
        if (finished_) throw usage_error("sfcpp::csv::tokenizer: feed() after finish()");
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
    // parse_error (errc::malformed_csv) for malformed CSV, naming the line.
    bool next(std::span<const cell>& row) {
        const result r = read(row);
        if (r == result::malformed) throw parse_error(row_line_, errc::malformed_csv, error_);
        return r == result::row;
    }
    // The same without exceptions: false with `ec` set to errc::malformed_csv for malformed CSV,
    // otherwise `ec` is cleared.
    bool next(std::span<const cell>& row, std::error_code& ec) {
        const result r = read(row);
        ec = r == result::malformed ? make_error_code(errc::malformed_csv) : std::error_code();
        return r == result::row;
    }

    // Physical line (1-based) where the row last returned by next() starts, or where the
    // malformed row does.
    std::uint64_t line() const noexcept { return row_line_; }
    // Bytes held for rows not complete yet.
    std::size_t buffered() const noexcept { return in_.size() - pos_; }
    // Bytes of input consumed so far (through the end of the row last returned).
    std::uint64_t position() const noexcept { return dropped_ + pos_; }

private:
    enum class result { row, need_more, blank, malformed };
    struct raw_cell {
        std::size_t begin, end;
        bool quoted, escaped;
    };

    SFCPP_DECL void compact();
    SFCPP_DECL result need_more();

    // Both forms of next(): `row` is set when the result is row, untouched otherwise.
    SFCPP_DECL result read(std::span<const cell>& row);
    // Records why the input cannot be read at `line`.
    SFCPP_DECL result fail(std::uint64_t line, std::string what);

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
    std::string error_;  // what fail() found
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
