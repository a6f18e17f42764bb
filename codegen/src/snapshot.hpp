// A describe snapshot: one `<Object>.json` per object, pretty-printed the same way every time,
// and `last-modified.txt` with the Last-Modified date the org sent for each, which a refresh sends
// back as If-Modified-Since. The folder is what sfcpp-codegen and sfcpp-emulator --schema read,
// so a build without credentials (CI, a laptop offline) generates from it.
#pragma once

#include <boost/json/fwd.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sfcpp::codegen {

inline constexpr const char* dates_file = "last-modified.txt";

// JSON text with two-space indentation, members in document order, a newline at the end: stable,
// so that an unchanged describe rewrites to the same bytes and diffs of a changed one are short.
std::string pretty_json(const boost::json::value& v);

struct snapshot_object {
    std::string name;           // API name; the file is `<name>.json`
    std::string text;           // pretty_json of the describe
    std::string last_modified;  // HTTP date, may be empty
};

// Object name -> Last-Modified, from `last-modified.txt` (empty when there is none).
std::map<std::string, std::string> read_dates(const std::filesystem::path& dir);

struct snapshot_write {
    std::size_t written = 0, unchanged = 0, removed = 0;
};

// Makes `dir` hold exactly `objects`: files whose bytes differ are replaced (each by a rename, so a
// reader never sees half a file), the same bytes are left alone (their time stamps too), files of
// objects no longer selected are removed. Throws std::runtime_error naming the file.
snapshot_write write_snapshot(const std::filesystem::path& dir, const std::vector<snapshot_object>& objects);

// Replaces `path` with `text` through a temporary file and a rename, unless it holds those bytes.
// True when it wrote.
bool replace_file(const std::filesystem::path& path, const std::string& text);

std::string read_file(const std::filesystem::path& p);

}  // namespace sfcpp::codegen
