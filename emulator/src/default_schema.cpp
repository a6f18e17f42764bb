// The built-in schema, apart from schema.cpp so that the programs that compile only the SOQL
// parser and the schema (the fuzz targets) need not embed the describe files.
#include "embedded_schema.hpp"

#include <sfcpp_emulator/schema.hpp>

#include <string>

namespace sfcpp_emulator {

schema schema::load_default() {
    schema s;
    for (const auto& f : detail::embedded_describe_files()) {
        std::string text;
        for (std::string_view chunk : f.chunks) text += chunk;
        s.add(sfcpp::parse_describe(text, "embedded " + std::string(f.name)));
    }
    return s;
}

schema schema::load(const std::filesystem::path& dir) { return dir.empty() ? load_default() : load_dir(dir); }

}  // namespace sfcpp_emulator
