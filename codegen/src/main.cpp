// sfcpp-codegen: sObject describes -> C++ headers, from describe files or from a live org.
//
//   sfcpp-codegen --out DIR [--namespace NS] [--objects A,B,...] [--describe] INPUT...
//   sfcpp-codegen --org [--out DIR] [--save-describe DIR | --snapshot DIR] --objects A,*__c | --all
//   sfcpp-codegen --org --list [--objects ...]
//
// Three stages: read (every describe parsed, or fetched from the org, before anything is
// written), build the model, write. Output goes to a temporary folder first and is moved into
// place only when every header was written, so a failure never leaves half a set of headers.
//
// Exit codes: 0 done, 1 usage error (or no credentials), 2 bad input (unreadable or malformed
// describe, an object that is not there), 3 output could not be written, 4 the org failed (login,
// HTTP error, connection).
#include "model.hpp"
#include "org.hpp"
#include "select.hpp"
#include "snapshot.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace sfcpp::codegen;

namespace {

constexpr int exit_usage = 1, exit_input = 2, exit_output = 3, exit_org = 4;

// Ends the run with an exit code and a message (thrown, so that destructors run).
struct stop {
    int code;
    std::string message;
};

void note(const std::string& s) { std::cerr << "sfcpp-codegen: " << s << "\n"; }

void usage(std::ostream& os) {
    os << "usage: sfcpp-codegen --out DIR [--namespace NS] [--objects A,B,...] [--describe] INPUT...\n"
          "       sfcpp-codegen --org [--out DIR] [--save-describe DIR | --snapshot DIR] (--objects ... | --all)\n"
          "       sfcpp-codegen --org --list [--objects ...]\n"
          "  INPUT   a describe JSON file (GET /sobjects/X/describe) or a folder of them\n"
          "  --out   folder for <Object>.hpp and sobjects.hpp\n"
          "  --namespace  C++ namespace of the generated types (default: sobjects)\n"
          "  --objects    API names or wildcards (*__c, ns__*), comma separated, case-insensitive\n"
          "  --all        every queryable object of the org\n"
          "  --parents N  also the objects lookups reach in N steps (default 0)\n"
          "  --children N also the objects of child relationships, N steps (default 0)\n"
          "  --describe   also describe each record with BOOST_DESCRIBE_STRUCT (costs compile time)\n"
          "org:\n"
          "  --org        fetch the describes from an org (GET /sobjects, /sobjects/X/describe)\n"
          "  --list       print the org's objects with label, custom flag and field count\n"
          "  --save-describe DIR  keep the describes there (a snapshot); a rerun asks If-Modified-Since\n"
          "  --snapshot DIR       as --save-describe, and without credentials generate from DIR instead\n"
          "  --login-url URL  --client-id ID  --username U  --private-key-file PEM  --api-version V\n"
          "  --ca-file PEM  --jobs N (describes in flight, default 8)\n"
          "  settings also from SF_LOGIN_URL, SF_CLIENT_ID, SF_USERNAME, SF_PRIVATE_KEY_FILE, SF_API_VERSION,\n"
          "  SF_CA_FILE; secrets only from SF_CLIENT_SECRET (client credentials) or SF_REFRESH_TOKEN\n";
}

struct command_line {
    std::string out_dir;
    generator_options opt;
    selection sel;
    std::vector<std::string> inputs;
    bool org = false, list = false;
    std::string save_dir;      // --save-describe
    std::string snapshot_dir;  // --snapshot
    org_settings settings = org_settings::from_environment();

    const std::string& snapshot() const { return save_dir.empty() ? snapshot_dir : save_dir; }
};

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

int number(const std::string& option, const std::string& v) {
    try {
        std::size_t used = 0;
        const int n = std::stoi(v, &used);
        if (used == v.size() && n >= 0) return n;
    } catch (const std::exception&) {
    }
    throw stop{exit_usage, option + " needs a number, not " + v};
}

command_line parse(int argc, char** argv) {
    command_line c;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(std::cerr);
                throw stop{exit_usage, a + " needs a value"};
            }
            return argv[++i];
        };
        if (a == "--out") c.out_dir = next();
        else if (a == "--namespace") c.opt.ns = next();
        else if (a == "--describe") c.opt.describe = true;
        else if (a == "--objects") {
            std::stringstream ss(next());
            for (std::string o; std::getline(ss, o, ',');)
                if (!o.empty()) c.sel.patterns.push_back(o);
        } else if (a == "--all") c.sel.all = true;
        else if (a == "--parents") c.sel.parent_depth = number(a, next());
        else if (a == "--children") c.sel.child_depth = number(a, next());
        else if (a == "--org") c.org = true;
        else if (a == "--list") c.list = true;
        else if (a == "--save-describe") c.save_dir = next();
        else if (a == "--snapshot") c.snapshot_dir = next();
        else if (a == "--login-url") c.settings.login_url = next();
        else if (a == "--client-id") c.settings.client_id = next();
        else if (a == "--username") c.settings.username = next();
        else if (a == "--private-key-file") c.settings.private_key_file = next();
        else if (a == "--api-version") c.settings.api_version = next();
        else if (a == "--ca-file") c.settings.ca_file = next();
        else if (a == "--jobs") c.settings.jobs = static_cast<unsigned>(std::max(1, number(a, next())));
        else if (a == "--client-secret" || a == "--refresh-token" || a == "--password")
            throw stop{exit_usage, a + " is not taken on the command line, where other users and shell histories "
                                       "see it: set SF_CLIENT_SECRET or SF_REFRESH_TOKEN"};
        else if (a == "--help" || a == "-h") {
            usage(std::cout);
            throw stop{0, ""};
        } else if (a.rfind("--", 0) == 0) {
            usage(std::cerr);
            throw stop{exit_usage, "unknown option " + a};
        } else c.inputs.push_back(a);
    }
    if (!valid_namespace(c.opt.ns)) throw stop{exit_usage, "--namespace " + c.opt.ns + " is not a C++ namespace name"};
    if (c.list) c.org = true;
    if (c.org) {
        if (!c.inputs.empty()) throw stop{exit_usage, "--org reads no describe files (" + c.inputs.front() + ")"};
        if (!c.save_dir.empty() && !c.snapshot_dir.empty())
            throw stop{exit_usage, "--save-describe and --snapshot name the same folder: give one"};
        if (!c.list && c.sel.patterns.empty() && !c.sel.all)
            throw stop{exit_usage, "--org needs --objects or --all (a whole org is rarely what a program needs)"};
        if (!c.list && c.out_dir.empty() && c.snapshot().empty())
            throw stop{exit_usage, "--org needs --out, --save-describe or --snapshot"};
    } else if (c.out_dir.empty() || c.inputs.empty()) {
        usage(std::cerr);
        throw stop{exit_usage, ""};
    }
    return c;
}

// The command stamped into every header: what decides the output, without this machine's folders.
std::string stamp(const command_line& c, const std::vector<std::string>& objects, const std::vector<std::string>& inputs) {
    std::string s = "sfcpp-codegen";
    if (inputs.empty()) s += " --org";
    s += " --namespace " + c.opt.ns;
    if (!objects.empty()) {
        s += " --objects ";
        for (std::size_t i = 0; i < objects.size(); ++i) s += (i ? "," : "") + objects[i];
    }
    if (c.opt.describe) s += " --describe";
    for (const auto& in : inputs) {
        fs::path p = fs::path(in).lexically_normal();
        if (p.filename().empty()) p = p.parent_path();
        s += " " + p.filename().string();
    }
    return s;
}

// ---- Stage 1 from files ------------------------------------------------------------------------

struct described {
    std::vector<sfcpp::sobject_describe> describes;
    std::vector<std::string> sources;  // file name of each
};

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

described read_inputs(const std::vector<std::string>& inputs) {
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
            throw stop{exit_input, in + ": no such file or folder"};
        }
    }
    described r;
    try {
        for (const auto& f : files)
            for (auto& d : read_describes(f)) {
                r.describes.push_back(std::move(d));
                r.sources.push_back(f.filename().string());
            }
    } catch (const std::exception& e) {
        throw stop{exit_input, e.what()};
    }
    if (r.describes.empty()) throw stop{exit_input, "no describe files found"};
    return r;
}

std::vector<org_object> listing_of(const described& d) {
    std::vector<org_object> out;
    for (const auto& x : d.describes) out.push_back({x.name, x.label, x.custom, x.queryable});
    return out;
}

// The objects the selection names among `d`, expanded through the describes at hand.
std::vector<std::string> choose(const command_line& c, const described& d, std::string_view not_found) {
    const auto listing = listing_of(d);
    std::vector<std::string> roots;
    try {
        roots = select_roots(c.sel, listing, not_found);
    } catch (const std::invalid_argument& e) {
        throw stop{exit_input, e.what()};
    }
    std::map<std::string, const sfcpp::sobject_describe*> by_name;
    for (const auto& x : d.describes) by_name.emplace(x.name, &x);
    const sfcpp::sobject_describe none;
    return expand(roots, c.sel, listing, [&](const std::string& n) -> const sfcpp::sobject_describe& {
        auto it = by_name.find(n);
        return it == by_name.end() ? none : *it->second;
    });
}

// ---- Stages 2 and 3 ----------------------------------------------------------------------------

void generate(const described& d, const std::vector<std::string>& chosen, const generator_options& opt,
              const std::string& out_dir) {
    const std::set<std::string> wanted(chosen.begin(), chosen.end());
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < d.describes.size(); ++i)
        if (wanted.count(d.describes[i].name)) order.push_back(i);
    // Sorted by API name so that output is independent of input order.
    std::sort(order.begin(), order.end(),
              [&](auto a, auto b) { return d.describes[a].name < d.describes[b].name; });
    for (std::size_t i = 1; i < order.size(); ++i)
        if (d.describes[order[i]].name == d.describes[order[i - 1]].name)
            throw stop{exit_input, d.describes[order[i]].name + " is described twice (" + d.sources[order[i - 1]] +
                                       ", " + d.sources[order[i]] + ")"};
    std::vector<const sfcpp::sobject_describe*> ptrs;
    std::vector<std::string> srcs;
    for (auto i : order) {
        ptrs.push_back(&d.describes[i]);
        srcs.push_back(d.sources[i]);
    }
    const auto models = build_models(ptrs, srcs);
    for (const auto& m : models)
        for (const auto& w : m.warnings) note("warning: " + w);

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
        throw stop{exit_output, e.what()};
    }
}

int run_files(command_line& c) {
    const described d = read_inputs(c.inputs);
    std::vector<std::string> chosen;
    if (c.sel.patterns.empty() && !c.sel.all)
        for (const auto& x : d.describes) chosen.push_back(x.name);
    else
        chosen = choose(c, d, "which no input describes");
    std::vector<std::string> patterns = c.sel.patterns;
    std::sort(patterns.begin(), patterns.end());
    c.opt.command = stamp(c, patterns, c.inputs);
    generate(d, chosen, c.opt, c.out_dir);
    return 0;
}

// ---- From the org ------------------------------------------------------------------------------

// Progress for large orgs: a line at every tenth of the way (and none for a handful of objects).
auto progress_reporter(const char* what) {
    return [what](std::size_t done, std::size_t total) {
        const std::size_t step = std::max<std::size_t>(1, total / 10);
        if (total >= 20 && (done % step == 0 || done == total))
            note(std::string(what) + " " + std::to_string(done) + "/" + std::to_string(total));
    };
}

int run_list(org_connection& conn, const std::vector<org_object>& listing, const command_line& c) {
    std::vector<std::string> names;
    if (c.sel.patterns.empty() && !c.sel.all) {
        for (const auto& o : listing) names.push_back(o.name);
        std::sort(names.begin(), names.end());
    } else {
        try {
            names = select_roots(c.sel, listing);
        } catch (const std::invalid_argument& e) {
            throw stop{exit_input, e.what()};
        }
    }
    const auto fetched = conn.describe(names, {}, progress_reporter("described"));
    std::map<std::string, const org_object*> by_name;
    for (const auto& o : listing) by_name.emplace(o.name, &o);
    std::size_t name_w = 4, label_w = 5;
    for (const auto& n : names) {
        name_w = std::max(name_w, n.size());
        label_w = std::max(label_w, by_name.at(n)->label.size());
    }
    std::cout << std::left << std::setw(static_cast<int>(name_w)) << "NAME" << "  " << std::setw(static_cast<int>(label_w))
              << "LABEL" << "  CUSTOM  FIELDS\n";
    for (const auto& f : fetched) {
        const org_object& o = *by_name.at(f.name);
        std::size_t fields = 0;
        try {
            fields = sfcpp::parse_describe(f.body, f.name + " describe").fields.size();
        } catch (const std::exception& e) {
            throw stop{exit_org, e.what()};
        }
        std::cout << std::left << std::setw(static_cast<int>(name_w)) << o.name << "  "
                  << std::setw(static_cast<int>(label_w)) << o.label << "  " << std::setw(6)
                  << (o.custom ? "yes" : "no") << "  " << fields << "\n";
    }
    return 0;
}

int run_snapshot(command_line& c) {
    const std::string& dir = c.snapshot();
    std::error_code ec;
    bool any = false;
    if (fs::is_directory(dir, ec))
        for (const auto& e : fs::directory_iterator(dir, ec)) any = any || e.path().extension() == ".json";
    if (!any)
        throw stop{exit_usage, "no org credentials (" + c.settings.missing() + "), and the snapshot " + dir +
                                   " holds no describes to generate from"};
    note("no org credentials: generating from the snapshot " + dir + " (set SF_LOGIN_URL, SF_CLIENT_ID and "
         "SF_CLIENT_SECRET to refresh it)");
    const described d = read_inputs({dir});
    const auto chosen = choose(c, d, "which the snapshot " + dir + " does not hold (refresh it from the org)");
    // The same stamp as the run that wrote the snapshot, so that the headers are byte-identical.
    c.opt.command = stamp(c, chosen.size() == d.describes.size() ? std::vector<std::string>{} : chosen, {dir});
    if (!c.out_dir.empty()) generate(d, chosen, c.opt, c.out_dir);
    return 0;
}

int run_org(command_line& c) {
    const std::string& snap = c.snapshot();
    if (c.settings.flow() == org_settings::login_flow::none) {
        if (!c.snapshot_dir.empty() && !c.list) return run_snapshot(c);
        throw stop{exit_usage, "--org: " + c.settings.missing()};
    }
    org_connection conn(c.settings);
    conn.login();
    const auto listing = conn.objects();
    if (c.list) return run_list(conn, listing, c);
    note("fetching describes from " + c.settings.login_url + " (" + org_settings::name(c.settings.flow()) + ")" +
         (snap.empty() ? std::string() : ", refreshing the snapshot " + snap));

    std::vector<std::string> roots;
    try {
        roots = select_roots(c.sel, listing);
    } catch (const std::invalid_argument& e) {
        throw stop{exit_input, e.what()};
    }
    // Ask If-Modified-Since only for what the snapshot holds a copy of.
    std::map<std::string, std::string> since;
    if (!snap.empty())
        for (const auto& [name, date] : read_dates(snap))
            if (fs::is_regular_file(fs::path(snap) / (name + ".json"))) since[name] = date;

    std::map<std::string, sfcpp::sobject_describe> parsed;
    std::map<std::string, std::string> dates;
    std::size_t fetched = 0, not_modified = 0;
    auto fetch = [&](const std::vector<std::string>& names) {
        for (auto& f : conn.describe(names, since, progress_reporter("described"))) {
            const std::string text = f.not_modified ? read_file(fs::path(snap) / (f.name + ".json")) : f.body;
            (f.not_modified ? not_modified : fetched)++;
            try {
                parsed.emplace(f.name, sfcpp::parse_describe(text, f.name + " describe"));
            } catch (const std::exception& e) {
                throw stop{f.not_modified ? exit_input : exit_org, e.what()};
            }
            dates[f.name] = f.last_modified;
        }
    };
    fetch(roots);
    // Each round reaches one step further, until every object the walk reaches is described.
    std::vector<std::string> chosen;
    const sfcpp::sobject_describe none;
    for (;;) {
        chosen = expand(roots, c.sel, listing, [&](const std::string& n) -> const sfcpp::sobject_describe& {
            auto it = parsed.find(n);
            return it == parsed.end() ? none : it->second;
        });
        std::vector<std::string> need;
        for (const auto& n : chosen)
            if (!parsed.count(n)) need.push_back(n);
        if (need.empty()) break;
        fetch(need);
    }
    note(std::to_string(chosen.size()) + " objects: " + std::to_string(fetched) + " described" +
         (snap.empty() ? std::string() : ", " + std::to_string(not_modified) + " not modified since the snapshot"));

    described d;
    for (const auto& n : chosen) {
        d.describes.push_back(std::move(parsed.at(n)));
        d.sources.push_back(snap.empty() ? "the org's describe" : n + ".json");
    }
    if (!snap.empty()) {
        std::vector<snapshot_object> objs;
        for (const auto& x : d.describes) objs.push_back({x.name, pretty_json(x.raw), dates[x.name]});
        try {
            const auto w = write_snapshot(snap, objs);
            note("snapshot " + snap + ": " + std::to_string(w.written) + " written, " + std::to_string(w.unchanged) +
                 " unchanged, " + std::to_string(w.removed) + " removed");
        } catch (const std::exception& e) {
            throw stop{exit_output, e.what()};
        }
        c.opt.command = stamp(c, {}, {snap});
    } else {
        c.opt.command = stamp(c, chosen, {});
    }
    if (!c.out_dir.empty()) generate(d, chosen, c.opt, c.out_dir);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        command_line c = parse(argc, argv);
        return c.org ? run_org(c) : run_files(c);
    } catch (const stop& s) {
        if (!s.message.empty()) note(s.message);
        return s.code;
    } catch (const org_error& e) {
        note(e.what());
        return exit_org;
    } catch (const std::exception& e) {
        note(e.what());
        return exit_org;
    }
}
