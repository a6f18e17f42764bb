#include <sfcpp_emulator/schema.hpp>

#include "http_date.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sfcpp_emulator {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool held_as_text(sfcpp::field_type t) noexcept { return sfcpp::is_text(t) || t == sfcpp::field_type::any_type; }

const sfcpp::field_describe* object_schema::field(std::string_view name) const {
    auto it = fields_by_lower.find(lower(name));
    return it == fields_by_lower.end() ? nullptr : it->second;
}

const sfcpp::field_describe* object_schema::relationship(std::string_view name) const {
    auto it = relationships_by_lower.find(lower(name));
    return it == relationships_by_lower.end() ? nullptr : it->second;
}

const sfcpp::child_relationship_describe* object_schema::child(std::string_view name) const {
    auto it = children_by_lower.find(lower(name));
    return it == children_by_lower.end() ? nullptr : it->second;
}

bool object_schema::stored(const sfcpp::field_describe& f) const {
    return !is_compound(type_of(f));
}

void schema::add(sfcpp::sobject_describe d, std::string last_modified) {
    auto o = std::make_unique<object_schema>();
    o->describe = std::move(d);
    o->last_modified = last_modified.empty() ? std::string(fixed_last_modified) : std::move(last_modified);
    for (const auto& f : o->describe.fields) {
        o->fields_by_lower[lower(f.name)] = &f;
        if (!f.relationship_name.empty()) o->relationships_by_lower[lower(f.relationship_name)] = &f;
        if (o->stored(f)) o->columns.push_back(&f);
    }
    for (const auto& c : o->describe.child_relationships)
        if (!c.relationship_name.empty()) o->children_by_lower[lower(c.relationship_name)] = &c;
    by_lower_[lower(o->describe.name)] = o.get();
    objects_.push_back(std::move(o));
}

const object_schema* schema::find(std::string_view name) const {
    auto it = by_lower_.find(lower(name));
    return it == by_lower_.end() ? nullptr : it->second;
}

const object_schema* schema::by_key_prefix(std::string_view prefix) const {
    for (const auto& o : objects_)
        if (!o->describe.key_prefix.empty() && o->describe.key_prefix == prefix) return o.get();
    return nullptr;
}

namespace {

// A file's modification time as an HTTP date, in whole seconds.
std::string modified_at(const std::filesystem::path& p) {
    const auto t = std::chrono::file_clock::to_sys(std::filesystem::last_write_time(p));
    return http_date::format(std::chrono::floor<std::chrono::seconds>(t));
}

}  // namespace

schema schema::load_dir(const std::filesystem::path& dir) {
    if (!std::filesystem::is_directory(dir)) throw std::runtime_error("schema directory not found: " + dir.string());
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    schema s;
    for (const auto& p : files) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream buf;
        buf << in.rdbuf();
        s.add(sfcpp::parse_describe(buf.str(), p.string()), modified_at(p));
    }
    return s;
}

}  // namespace sfcpp_emulator
