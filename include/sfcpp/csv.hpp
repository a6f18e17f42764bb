// sfcpp/csv.hpp: generated records to and from Bulk API 2.0 CSV, streaming both ways.
//
//   std::string text = sfcpp::csv::to_csv(invoices);                  // header: union of set fields
//
//   sfcpp::csv::writer<sobjects::Invoice_c> w({"Name", "Amount__c", "Account__r.External_Id__c"});
//   for (const auto& inv : generate()) w.write(inv, out);             // header before the first row
//
//   sfcpp::csv::reader<sobjects::Invoice_c> r;
//   r.feed(chunk);  r.finish();                                       // feed as input arrives
//   sobjects::Invoice_c inv;
//   while (r.next(inv)) use(inv, r.line(), r.result().error);
//
// Salesforce's conventions: API names in the header; `#N/A` nulls a field; an empty cell leaves
// it alone; dates yyyy-MM-dd, datetimes UTC with milliseconds and Z; booleans true/false;
// numbers without locale; multipicklists joined with ';'; a parent named by an indexed field as
// an `Account__r.External_Id__c` column. Quotes only where a cell needs them. Literal text
// "#N/A" is written quoted and read back as text (Salesforce itself may still take it as null).
//
// Errors: a record that cannot be written throws encode_error naming `Object.Field` (NaN,
// invalid UTF-8, a set field the header leaves out). Reading throws csv::parse_error naming the
// line; with a std::error_code, next() throws nothing for bad input and sets the same errc:
//
//   std::error_code ec;
//   while (r.next(inv, ec)) {
//       if (ec) { log(r.line(), ec.message()); continue; }   // this row does not fit; go on
//       use(inv);
//   }
//   if (ec) ...                                               // malformed CSV: nothing more reads
//
// No HTTP here: this header compiles without Beast, Asio or OpenSSL.
#pragma once

#include <sfcpp/csv/detail/codec.hpp>
#include <sfcpp/csv/dialect.hpp>
#include <sfcpp/csv/tokenizer.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record/range.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sfcpp::csv {

// Resolves header names for T. A name that is neither a writable field nor a
// `Relationship.Field` of a generated parent stays unknown, and a writer given it throws
// encode_error (errc::unknown_column).
template <record T>
std::vector<column> columns_named(const std::vector<std::string>& names) {
    std::vector<column> out;
    for (const auto& n : names) out.push_back(detail::resolve_column(T::sfcpp_info(), n));
    return out;
}

// The union of set fields over `records` (see write_options::mode), in the table's order.
template <record_range R>
std::vector<column> columns_of(R&& records, write_mode mode = write_mode::all) {
    detail::column_set set(range_record_t<R>::sfcpp_info(), mode);
    for (const auto& r : records) set.add(&r);
    return set.columns();
}

// Writes records of T as rows, the header first. The columns are given, or derived from the
// first batch written.
template <record T>
class writer {
public:
    explicit writer(write_options opt = {}) : opt_(opt) {}
    explicit writer(const std::vector<std::string>& columns, write_options opt = {}) : opt_(opt) {
        rows_.emplace(T::sfcpp_info(), columns_named<T>(columns), opt_);
    }
    writer(std::vector<column> columns, write_options opt) : opt_(opt) {
        rows_.emplace(T::sfcpp_info(), std::move(columns), opt_);
    }

    // Appends the rows (and the header, the first time) to `out`.
    template <record_range R>
        requires std::same_as<range_record_t<R>, T>
    void write(R&& records, std::string& out) {
        if (!rows_) rows_.emplace(T::sfcpp_info(), columns_of(records, opt_.mode), opt_);
        header(out);
        for (const T& r : records) rows_->append_row(out, &r);
    }
    void write(const T& rec, std::string& out) { write(std::span<const T>(&rec, 1), out); }

    // Only the header (for an empty file).
    void header(std::string& out) {
        if (!rows_) rows_.emplace(T::sfcpp_info(), std::vector<column>{}, opt_);
        if (header_written_) return;
        rows_->append_header(out);
        header_written_ = true;
    }

    bool has_columns() const noexcept { return rows_.has_value(); }
    const std::vector<column>& columns() const { return rows_->columns(); }
    // The header text, for starting another file with the same columns.
    std::string header_text() const {
        std::string s;
        rows_->append_header(s);
        return s;
    }
    // The cells of `rec` as this writer writes them (unquoted): the key that joins a result
    // CSV row back to its input.
    void cell_texts(const T& rec, std::vector<std::string>& out) { rows_->cell_texts(&rec, out); }
    // Starts a new file: the next write() writes the header again.
    void restart() noexcept { header_written_ = false; }
    const write_options& options() const noexcept { return opt_; }

private:
    write_options opt_;
    std::optional<detail::row_writer> rows_;
    bool header_written_ = false;
};

template <record_range R>
std::string to_csv(R&& records, write_options opt = {}) {
    std::string out;
    writer<range_record_t<R>> w(opt);
    w.write(records, out);
    return out;
}

template <record_range R>
std::string to_csv(R&& records, const std::vector<std::string>& columns, write_options opt = {}) {
    std::string out;
    writer<range_record_t<R>> w(columns, opt);
    w.write(records, out);
    return out;
}

// Reads rows of a Bulk CSV into records of T as input arrives: feed() chunks, take rows with
// next() until it returns false, feed more, and finish() at the end of the input. Holds only
// the part of the input that is not read yet.
template <record T>
class reader {
public:
    explicit reader(read_options opt = {}) : tok_(opt.dialect), rows_(T::sfcpp_info(), opt) {}

    void feed(std::string_view chunk) { tok_.feed(chunk); }
    void finish() noexcept { tok_.finish(); }
    // Everything was fed and read.
    bool done() const noexcept { return tok_.done(); }

    // The next record into `rec`; false when more input is needed or at the end. `rec` is
    // reset first: fully when it is not the record of the previous call, otherwise only what CSV
    // fills (fields and parents), keeping its allocations for the next row.
    // Throws parse_error naming the line: for a row that does not fit (a cell count other than
    // the header's, a bad value unless read_options::lenient_values), after which reading goes on
    // with the next row; and for malformed CSV (an unterminated or stray quote), past which
    // nothing can be read (next() throws the same again).
    bool next(T& rec) {
        while (tok_.next(cells_)) {
            if (take_header()) continue;
            if (!decode(rec)) rows_.throw_failed(tok_.line());
            return true;
        }
        return false;
    }

    // The same without exceptions for bad input. true: a row was read, and `ec` is clear, or
    // set when the row does not fit (then `rec` holds the cells before the offending one; go on
    // with the next row). false: no row, and `ec` is clear (more input needed, or the end) or
    // errc::malformed_csv (nothing more can be read). line() names the row either way.
    bool next(T& rec, std::error_code& ec) {
        while (tok_.next(cells_, ec)) {
            if (take_header()) continue;
            ec = decode(rec) ? std::error_code() : make_error_code(rows_.failed().code);
            return true;
        }
        return false;
    }

    // About the row last read by next():
    std::uint64_t line() const noexcept { return tok_.line(); }
    const row_result& result() const noexcept { return result_; }
    // Cells that did not parse (read_options::lenient_values), each naming the column.
    const std::vector<std::string>& problems() const noexcept { return problems_; }
    std::span<const cell> cells() const noexcept { return cells_; }

    bool has_header() const noexcept { return have_header_; }
    const std::vector<column>& columns() const noexcept { return rows_.columns(); }
    // Header names T does not know; their cells are ignored.
    const std::vector<std::string>& unknown_columns() const noexcept { return rows_.unknown_columns(); }

private:
    // The first row is the header.
    bool take_header() {
        if (have_header_) return false;
        rows_.set_header(cells_);
        have_header_ = true;
        return true;
    }

    bool decode(T& rec) {
        if (&rec != last_) {
            rec = T{};
            last_ = &rec;
        } else {
            detail::reset_fields(&rec, T::sfcpp_info());
        }
        result_ = {};
        problems_.clear();
        return rows_.decode(cells_, &rec, result_, problems_);
    }

    tokenizer tok_;
    detail::row_reader rows_;
    std::span<const cell> cells_;
    bool have_header_ = false;
    const T* last_ = nullptr;
    row_result result_;
    std::vector<std::string> problems_;
};

// A whole CSV text into records.
template <record T>
std::vector<T> from_csv(std::string_view text, read_options opt = {}) {
    reader<T> r(opt);
    r.feed(text);
    r.finish();
    std::vector<T> out;
    T rec;
    while (r.next(rec)) out.push_back(std::move(rec));
    return out;
}

}  // namespace sfcpp::csv
