// The CSV record codec: one non-template walker over the object_info table in each direction,
// like the JSON codec. Columns are resolved once per header; rows are then written and read by
// index, without a name lookup per cell. The walkers are defined in impl/codec.ipp.
#pragma once

#include <sfcpp/config.hpp>
#include <sfcpp/csv/dialect.hpp>
#include <sfcpp/csv/tokenizer.hpp>
#include <sfcpp/detail/utf8.hpp>
#include <sfcpp/record/access.hpp>
#include <sfcpp/record/metadata.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp::csv {

// A header column resolved against an object's table.
struct column {
    enum kind_t : std::uint8_t {
        field,         // a field of the record
        parent_field,  // Rel.Field: a field of a parent named by an indexed field (external id)
        sf_id,         // result CSVs: sf__Id
        sf_created,    // successfulResults: sf__Created
        sf_error,      // failedResults: sf__Error
        unknown        // not in the generated table: ignored when reading, reported
    };
    kind_t kind = unknown;
    const field_info* f = nullptr;       // field, or the parent target's field
    const parent_info* parent = nullptr;  // parent_field
    std::string name;                    // as in the header
};

// What a result CSV says about a row, beside the record.
struct row_result {
    std::optional<sfcpp::id> id;     // sf__Id, when present and not empty
    std::optional<bool> created;     // sf__Created
    std::string error;               // sf__Error
};

struct write_options {
    csv::dialect dialect{};
    // Which fields make the derived header: all set fields, or those the operation accepts
    // (Id is always kept: update and delete need it).
    write_mode mode = write_mode::all;
    // Throw encode_error (errc::missing_column) when a record has a set field that is not a
    // column (instead of silently leaving it out).
    bool strict = true;
};

struct read_options {
    csv::dialect dialect{};
    // What an empty unquoted cell means. In an ingest file it leaves the field alone (not
    // set); in query results it is how Salesforce writes null.
    // Query results write every cell quoted, so with null a quoted empty cell is null too.
    field_state empty_cell = field_state::not_set;
    bool verify_id_checksums = true;
    // A cell that does not parse for its field (a bad date, text in a number column): an error
    // for the row (false), or leave the field not set and list the problem with the row (true;
    // result CSVs echo rejected input, so their readers want this).
    bool lenient_values = false;
};

namespace detail {

using sfcpp::detail::at;
using sfcpp::detail::clear_value;
using sfcpp::detail::join_multipicklist;
using sfcpp::detail::parent_at;
using sfcpp::detail::split_multipicklist;
using sfcpp::detail::state_of;
using sfcpp::detail::value_of;

inline bool writable_kind(storage_kind k) noexcept {
    // Compound values are read-only: Salesforce takes their parts (BillingCity, ...) instead.
    return k != storage_kind::address && k != storage_kind::location;
}

// Resolves one header name; unknown names give kind unknown.
SFCPP_DECL column resolve_column(const object_info& info, std::string_view name);

inline bool wanted(const field_info& f, write_mode mode) noexcept {
    return f.name == "Id" || sfcpp::detail::field_wanted(f, mode);
}

// The union of set fields over the records seen, in table order; parent columns follow their
// reference field.
class column_set {
public:
    SFCPP_DECL column_set(const object_info& info, write_mode mode);

    SFCPP_DECL void add(const void* rec);

    SFCPP_DECL std::vector<column> columns() const;

private:
    const object_info* info_;
    write_mode mode_;
    std::vector<char> fields_;
    std::vector<std::vector<char>> parents_;
};

// ---- writing --------------------------------------------------------------------------------

// `object` is the API name of the record that holds f, for messages (`Object.Field`).
SFCPP_DECL void append_double(std::string& out, double d, std::string_view object, const field_info& f);

template <class I>
void append_int(std::string& out, I v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// A value (state: value) of field f of rec, an `object` record. Throws encode_error.
SFCPP_DECL void append_value(std::string& out, const void* rec, std::string_view object, const field_info& f, char delim,
                             std::string& scratch);

SFCPP_DECL void append_field_cell(std::string& out, const void* rec, std::string_view object, const field_info& f,
                                  char delim, std::string& scratch);

// Writes rows for one object type and one header.
class row_writer {
public:
    SFCPP_DECL row_writer(const object_info& info, std::vector<column> cols, const write_options& opt);

    const std::vector<column>& columns() const noexcept { return cols_; }

    SFCPP_DECL void append_header(std::string& out) const;

    // Throws encode_error for a value that cannot be written.
    SFCPP_DECL void append_row(std::string& out, const void* rec);

    // The cells of `rec` as they are written (unquoted), for joining result rows back to inputs.
    SFCPP_DECL void cell_texts(const void* rec, std::vector<std::string>& out);

private:
    SFCPP_DECL static std::string unquote(const std::string& s);

    SFCPP_DECL void check_columns(const void* rec) const;

    [[noreturn]] SFCPP_DECL void missing(std::string_view name) const;

    const object_info* info_;
    std::vector<column> cols_;
    write_options opt_;
    char delim_;
    std::string_view eol_;
    std::vector<char> in_header_;
    std::vector<std::vector<char>> parent_in_header_;
    struct watched {
        const field_info* f;
        std::size_t state;  // offset of the state byte in the record
    };
    struct parent_watch {
        const parent_info* p;
        std::vector<watched> fields;
    };
    std::vector<watched> watch_;
    std::vector<parent_watch> parent_watch_;
    std::string scratch_;
};

// ---- reading --------------------------------------------------------------------------------

SFCPP_DECL bool parse_bool(std::string_view v, bool& out) noexcept;

template <class T>
void set(void* rec, const field_info& f, T v) {
    value_of<T>(rec, f) = std::move(v);
    state_of(rec, f) = field_state::value;
}

// Why a cell does not fit its field: code is errc{} when it does.
struct cell_error {
    errc code{};
    std::string_view what;  // "expected a date (yyyy-MM-dd)"
    explicit operator bool() const noexcept { return code != errc{}; }
};

// Text of a cell into field f of rec; f is left as it was when the text does not fit.
SFCPP_DECL cell_error parse_into(void* rec, const field_info& f, std::string_view v, bool verify_ids);

SFCPP_DECL void set_null(void* rec, const field_info& f);

// Back to "not set" for everything CSV can fill (fields, typed parents), keeping the strings',
// vectors' and parents' allocations for the next row.
SFCPP_DECL void reset_fields(void* rec, const object_info& info);

// Maps a header once, then decodes rows into records by column index.
class row_reader {
public:
    row_reader(const object_info& info, const read_options& opt) : info_(&info), opt_(opt) {}

    SFCPP_DECL void set_header(std::span<const cell> header);

    const std::vector<column>& columns() const noexcept { return cols_; }
    // Header names that are not fields or relationship columns of the object; their cells
    // are skipped.
    const std::vector<std::string>& unknown_columns() const noexcept { return unknown_; }

    // `rec` must be a freshly constructed record (or one reset by reset_fields). False for a
    // wrong cell count, and for a bad value unless lenient (then `problems` lists it and decoding
    // goes on): failed() says why, and `rec` holds the cells before the offending one. Never
    // throws for bad input.
    SFCPP_DECL bool decode(std::span<const cell> row, void* rec, row_result& result, std::vector<std::string>& problems);

    // Why the last decode() returned false.
    const sfcpp::detail::failure& failed() const noexcept { return failed_; }
    // Throws that as a parse_error naming `line`.
    [[noreturn]] SFCPP_DECL void throw_failed(std::uint64_t line) const;

private:
    SFCPP_DECL field_state classify(const cell& x) const noexcept;

    SFCPP_DECL bool value(void* rec, const field_info& f, const column& c, std::string_view text,
                          std::vector<std::string>& problems);

    SFCPP_DECL bool bad(const column& c, std::string_view text, cell_error why, std::vector<std::string>& problems);

    SFCPP_DECL bool decode_parents(std::span<const cell> row, void* rec, std::vector<std::string>& problems);

    const object_info* info_;
    read_options opt_;
    std::vector<column> cols_;
    std::vector<std::string> unknown_;
    std::vector<char> parent_seen_;
    sfcpp::detail::failure failed_;
};

}  // namespace detail
}  // namespace sfcpp::csv

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/csv/detail/impl/codec.ipp>
#endif
