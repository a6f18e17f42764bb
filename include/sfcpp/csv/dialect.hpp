// sfcpp/csv/dialect.hpp: the column delimiters and line endings Bulk API 2.0 accepts, under the
// names its job JSON uses ("columnDelimiter": "PIPE", "lineEnding": "CRLF").
#pragma once

#include <sfcpp/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sfcpp::csv {

enum class delimiter : std::uint8_t { comma, tab, pipe, semicolon, caret, backquote };
enum class line_ending : std::uint8_t { lf, crlf };

inline constexpr delimiter all_delimiters[] = {delimiter::comma,     delimiter::tab,   delimiter::pipe,
                                               delimiter::semicolon, delimiter::caret, delimiter::backquote};
inline constexpr line_ending all_line_endings[] = {line_ending::lf, line_ending::crlf};

constexpr char delimiter_char(delimiter d) noexcept {
    switch (d) {
    case delimiter::comma: return ',';
    case delimiter::tab: return '\t';
    case delimiter::pipe: return '|';
    case delimiter::semicolon: return ';';
    case delimiter::caret: return '^';
    case delimiter::backquote: return '`';
    }
    return ',';
}

// The job JSON's names.
constexpr std::string_view to_string(delimiter d) noexcept {
    switch (d) {
    case delimiter::comma: return "COMMA";
    case delimiter::tab: return "TAB";
    case delimiter::pipe: return "PIPE";
    case delimiter::semicolon: return "SEMICOLON";
    case delimiter::caret: return "CARET";
    case delimiter::backquote: return "BACKQUOTE";
    }
    return "COMMA";
}
constexpr std::string_view to_string(line_ending e) noexcept { return e == line_ending::crlf ? "CRLF" : "LF"; }
constexpr std::string_view line_ending_text(line_ending e) noexcept { return e == line_ending::crlf ? "\r\n" : "\n"; }

constexpr std::optional<delimiter> parse_delimiter(std::string_view name) noexcept {
    for (delimiter d : all_delimiters)
        if (to_string(d) == name) return d;
    return std::nullopt;
}
constexpr std::optional<line_ending> parse_line_ending(std::string_view name) noexcept {
    if (name == "LF") return line_ending::lf;
    if (name == "CRLF") return line_ending::crlf;
    return std::nullopt;
}

struct dialect {
    csv::delimiter delimiter = csv::delimiter::comma;
    csv::line_ending line_ending = csv::line_ending::lf;
};

// Salesforce's spelling of null in a Bulk CSV: an unquoted #N/A cell.
inline constexpr std::string_view null_text = "#N/A";

// CSV that cannot be read, with the physical line (1-based, the header is line 1) where the
// offending row starts. code() says why: errc::malformed_csv for the CSV itself, or the errc of
// the cell that does not fit its field (errc::invalid_date, ...).
class parse_error : public decode_error {
public:
    parse_error(std::uint64_t line, errc code, const std::string& what)
        : decode_error(code, "sfcpp::csv: line " + std::to_string(line) + ": " + what), line_(line) {}
    std::uint64_t line() const noexcept { return line_; }

private:
    std::uint64_t line_;
};

}  // namespace sfcpp::csv
