#include "snapshot.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace sfcpp::codegen {

namespace {

void pretty(std::string& out, const boost::json::value& v, int depth) {
    auto newline = [&](int d) {
        out += '\n';
        out.append(static_cast<std::size_t>(d) * 2, ' ');
    };
    if (const auto* o = v.if_object()) {
        if (o->empty()) { out += "{}"; return; }
        out += '{';
        bool first = true;
        for (const auto& kv : *o) {
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            out += boost::json::serialize(boost::json::string_view(kv.key()));
            out += ": ";
            pretty(out, kv.value(), depth + 1);
        }
        newline(depth);
        out += '}';
    } else if (const auto* a = v.if_array()) {
        if (a->empty()) { out += "[]"; return; }
        out += '[';
        bool first = true;
        for (const auto& e : *a) {
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            pretty(out, e, depth + 1);
        }
        newline(depth);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

}  // namespace

std::string pretty_json(const boost::json::value& v) {
    std::string out;
    pretty(out, v, 0);
    out += '\n';
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error(p.string() + ": cannot be read");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool replace_file(const fs::path& path, const std::string& text) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec) && read_file(path) == text) return false;
    fs::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << text;
        if (!f.flush()) {
            fs::remove(tmp, ec);
            throw std::runtime_error(path.string() + ": cannot be written");
        }
    }
    fs::rename(tmp, path);
    return true;
}

std::map<std::string, std::string> read_dates(const fs::path& dir) {
    std::map<std::string, std::string> out;
    std::error_code ec;
    if (!fs::is_regular_file(dir / dates_file, ec)) return out;
    std::istringstream in(read_file(dir / dates_file));
    for (std::string line; std::getline(in, line);) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) out[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return out;
}

snapshot_write write_snapshot(const fs::path& dir, const std::vector<snapshot_object>& objects) {
    snapshot_write r;
    fs::create_directories(dir);
    std::set<std::string> keep;
    std::map<std::string, std::string> dates;
    for (const auto& o : objects) {
        keep.insert(o.name + ".json");
        if (!o.last_modified.empty()) dates[o.name] = o.last_modified;
        (replace_file(dir / (o.name + ".json"), o.text) ? r.written : r.unchanged)++;
    }
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".json" && !keep.count(e.path().filename().string())) {
            fs::remove(e.path());
            ++r.removed;
        }
    std::string text;
    for (const auto& [name, date] : dates) text += name + "\t" + date + "\n";
    replace_file(dir / dates_file, text);
    return r;
}

}  // namespace sfcpp::codegen
