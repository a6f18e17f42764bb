// sfcpp-codegen: sObject describe JSON -> C++ headers.
//
//   sfcpp-codegen --out DIR [--namespace NS] [--objects A,B,...] INPUT...
//
// Three stages: read (every input parsed before anything is written), build the model, write.
// Output goes to a temporary folder first and is moved into place only when every header was
// written, so a failure never leaves half a set of headers behind.
//
// Exit codes: 0 done, 1 usage error, 2 bad input (unreadable or malformed describe),
// 3 output could not be written.
#include "model.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace sfcpp::codegen;

namespace {

constexpr int exit_usage = 1, exit_input = 2, exit_output = 3;

void usage(std::ostream& os) {
    os << "usage: sfcpp-codegen --out DIR [--namespace NS] [--objects A,B,...] [--describe] INPUT...\n"
          "  INPUT   a describe JSON file (GET /sobjects/X/describe) or a folder of them\n"
          "  --out   folder for <Object>.hpp and sobjects.hpp\n"
          "  --namespace  C++ namespace of the generated types (default: sobjects)\n"
          "  --objects    only these objects (API names, comma separated)\n"
          "  --describe   also describe each record with BOOST_DESCRIBE_STRUCT (costs compile time)\n";
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error(p.string() + ": cannot be read");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A describe document, or a composite response (`POST /composite`) whose subrequests fetched
// describes: tools often fetch several describes in one round trip.
std::vector<sfcpp::sobject_describe> read_describes(const fs::path& file) {
    const std::string text = read_file(file);
    boost::system::error_code ec;
    const boost::json::value doc = boost::json::parse(text, ec);
    if (ec) throw sfcpp::describe_error(file.string() + ": malformed JSON: " + ec.message());
    std::vector<sfcpp::sobject_describe> out;
    const auto* composite = doc.is_object() ? doc.get_object().if_contains("compositeResponse") : nullptr;
    if (!composite) {
        out.push_back(sfcpp::parse_describe(doc, file.string()));
        return out;
    }
    if (!composite->is_array()) throw sfcpp::describe_error(file.string() + ": $.compositeResponse: expected an array");
    std::size_t i = 0;
    for (const auto& sub : composite->get_array()) {
        const std::string where = file.string() + " $.compositeResponse[" + std::to_string(i++) + "]";
        const auto* body = sub.is_object() ? sub.get_object().if_contains("body") : nullptr;
        if (body && body->is_object() && body->get_object().contains("fields"))
            out.push_back(sfcpp::parse_describe(*body, where));
    }
    if (out.empty()) throw sfcpp::describe_error(file.string() + ": composite response holds no describe");
    return out;
}

bool valid_namespace(const std::string& ns) {
    if (ns.empty()) return false;
    std::size_t start = 0;
    while (true) {
        const auto end = ns.find("::", start);
        const std::string part = ns.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.empty() || safe_identifier(part) != part) return false;
        if (end == std::string::npos) return true;
        start = end + 2;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string out_dir;
    generator_options opt;
    std::set<std::string> only;
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "sfcpp-codegen: " << a << " needs a value\n";
                usage(std::cerr);
                std::exit(exit_usage);
            }
            return argv[++i];
        };
        if (a == "--out") out_dir = next();
        else if (a == "--namespace") opt.ns = next();
        else if (a == "--describe") opt.describe = true;
        else if (a == "--objects") {
            std::stringstream ss(next());
            for (std::string o; std::getline(ss, o, ',');)
                if (!o.empty()) only.insert(o);
        } else if (a == "--help" || a == "-h") {
            usage(std::cout);
            return 0;
        } else if (a.rfind("--", 0) == 0) {
            std::cerr << "sfcpp-codegen: unknown option " << a << "\n";
            usage(std::cerr);
            return exit_usage;
        } else inputs.push_back(a);
    }
    if (out_dir.empty() || inputs.empty()) {
        usage(std::cerr);
        return exit_usage;
    }
    // The stamp: what decides the output, without the folders of this machine.
    opt.command = "sfcpp-codegen --namespace " + opt.ns;
    if (!only.empty()) {
        opt.command += " --objects ";
        for (const auto& o : only) opt.command += (o == *only.begin() ? "" : ",") + o;
    }
    if (opt.describe) opt.command += " --describe";
    for (const auto& in : inputs) {
        fs::path p = fs::path(in).lexically_normal();
        if (p.filename().empty()) p = p.parent_path();
        opt.command += " " + p.filename().string();
    }
    if (!valid_namespace(opt.ns)) {
        std::cerr << "sfcpp-codegen: --namespace " << opt.ns << " is not a C++ namespace name\n";
        return exit_usage;
    }

    // Stage 1: read and parse every input.
    std::vector<fs::path> files;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (fs::is_directory(in, ec)) {
            std::vector<fs::path> found;
            for (const auto& e : fs::directory_iterator(in, ec))
                if (e.is_regular_file() && e.path().extension() == ".json") found.push_back(e.path());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(in, ec)) {
            files.emplace_back(in);
        } else {
            std::cerr << "sfcpp-codegen: " << in << ": no such file or folder\n";
            return exit_input;
        }
    }
    std::vector<sfcpp::sobject_describe> describes;
    std::vector<std::string> sources;
    try {
        for (const auto& f : files) {
            for (auto& d : read_describes(f)) {
                if (!only.empty() && !only.count(d.name)) continue;
                describes.push_back(std::move(d));
                sources.push_back(f.filename().string());
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "sfcpp-codegen: " << e.what() << "\n";
        return exit_input;
    }
    for (const auto& o : only)
        if (std::none_of(describes.begin(), describes.end(), [&](const auto& d) { return d.name == o; })) {
            std::cerr << "sfcpp-codegen: --objects names " << o << ", which no input describes\n";
            return exit_input;
        }
    if (describes.empty()) {
        std::cerr << "sfcpp-codegen: no describe files found\n";
        return exit_input;
    }

    // Stage 2: the model, objects sorted by API name so output is independent of input order.
    std::vector<std::size_t> order(describes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return describes[a].name < describes[b].name; });
    for (std::size_t i = 1; i < order.size(); ++i)
        if (describes[order[i]].name == describes[order[i - 1]].name) {
            std::cerr << "sfcpp-codegen: " << describes[order[i]].name << " is described twice ("
                      << sources[order[i - 1]] << ", " << sources[order[i]] << ")\n";
            return exit_input;
        }
    std::vector<const sfcpp::sobject_describe*> ptrs;
    std::vector<std::string> srcs;
    for (auto i : order) {
        ptrs.push_back(&describes[i]);
        srcs.push_back(sources[i]);
    }
    const auto models = build_models(ptrs, srcs);
    for (const auto& m : models)
        for (const auto& w : m.warnings) std::cerr << "sfcpp-codegen: warning: " << w << "\n";

    // Stage 3: write into a temporary folder, then move into place.
    try {
        const fs::path out(out_dir);
        fs::create_directories(out);
        const fs::path tmp = out / ".sfcpp-codegen.tmp";
        fs::remove_all(tmp);
        fs::create_directories(tmp);
        auto write = [&](const std::string& name, const std::string& text) {
            std::ofstream f(tmp / name, std::ios::binary);
            f << text;
            if (!f.flush()) throw std::runtime_error((out / name).string() + ": cannot be written");
        };
        for (const auto& m : models) write(m.struct_name + ".hpp", write_header(m, opt));
        write("sobjects.hpp", write_umbrella(models, opt));
        for (const auto& e : fs::directory_iterator(tmp)) {
            const fs::path dest = out / e.path().filename();
            // Leave an unchanged header untouched so that builds depending on it do not rerun.
            std::error_code ec;
            if (fs::exists(dest, ec) && read_file(dest) == read_file(e.path())) continue;
            fs::rename(e.path(), dest);
        }
        fs::remove_all(tmp);
    } catch (const std::exception& e) {
        std::cerr << "sfcpp-codegen: " << e.what() << "\n";
        return exit_output;
    }
    return 0;
}
