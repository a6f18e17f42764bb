// The JSON decoder: SAX events from boost::json::basic_parser written straight into records,
// with no DOM in between. Non-template: it walks the object_info tables, so its code is compiled
// once per translation unit (or once per program, with SFCPP_SEPARATE_COMPILATION) whatever the
// number and size of the records. The decoder itself is in impl/json_decoder.ipp; this header
// holds what the codecs share: where a field's value and state live in a record.
#pragma once

#include <sfcpp/address.hpp>
#include <sfcpp/codec_options.hpp>
#include <sfcpp/config.hpp>
#include <sfcpp/datetime.hpp>
#include <sfcpp/error.hpp>
#include <sfcpp/record/field.hpp>
#include <sfcpp/id.hpp>
#include <sfcpp/record/access.hpp>
#include <sfcpp/record/metadata.hpp>
#include <sfcpp/record.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sfcpp {
namespace detail {

// What a document's top level is: one record, or a query result of records.
enum class json_root : std::uint8_t { record, query_result };

// Runs the parser over the whole text; the decoder writes into `target` (a record, or a
// query_result of the record type `info` describes) as events arrive. Throws decode_error,
// whose code() is the errc the second form sets in `ec` instead (clear on success); both stand
// on the same decoder, which reports errors without throwing.
SFCPP_DECL void decode_json(std::string_view text, json_root root, const object_info& info, void* target,
                            const decode_options& opt);
SFCPP_DECL void decode_json(std::string_view text, json_root root, const object_info& info, void* target,
                            const decode_options& opt, std::error_code& ec);

}  // namespace detail
}  // namespace sfcpp

#if defined(SFCPP_HEADER_ONLY)
#include <sfcpp/detail/impl/json_decoder.ipp>
#endif
