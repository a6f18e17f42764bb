#include <sfcpp_emulator/schema.hpp>
#include <sfcpp_emulator/soql.hpp>

#include <cctype>
#include <charconv>
#include <set>

namespace sfcpp_emulator::soql {

std::string field_ref::text() const {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : ".") + p;
    return function.empty() ? out : function + "(" + out + ")";
}

bool is_date_function(std::string_view n) {
    return n == "CALENDAR_YEAR" || n == "CALENDAR_QUARTER" || n == "CALENDAR_MONTH" || n == "DAY_IN_MONTH" ||
           n == "DAY_IN_WEEK" || n == "DAY_IN_YEAR" || n == "DAY_ONLY" || n == "HOUR_IN_DAY";
}

bool query::is_count_only() const {
    return select.size() == 1 && select[0].k == select_item::kind::aggregate &&
           select[0].aggregate.function == "COUNT" && !select[0].aggregate.arg;
}

bool query::is_aggregate() const {
    if (!group_by.empty()) return true;
    for (const auto& s : select) if (s.k == select_item::kind::aggregate) return true;
    return false;
}

std::string located_message(std::string_view text, std::size_t pos, std::string_view what) {
    std::size_t row = 1, line_start = 0;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i)
        if (text[i] == '\n') { ++row; line_start = i + 1; }
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::size_t col = pos - line_start;
    return "\n" + std::string(text.substr(line_start, line_end - line_start)) + "\n" + std::string(col, ' ') +
           "^\nERROR at Row:" + std::to_string(row) + ":Column:" + std::to_string(col + 1) + "\n" + std::string(what);
}

namespace {

enum class tok { ident, string, number, date, datetime, punct, end };

struct token {
    tok type = tok::end;
    std::string text;  // identifiers as written; strings decoded
    std::size_t pos = 0;
    std::string like{};  // strings: the LIKE pattern (escape character '\\')
};

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class lexer {
public:
    explicit lexer(std::string_view text) : s_(text) {}

    std::vector<token> run() {
        std::vector<token> out;
        for (;;) {
            while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
            if (i_ >= s_.size()) { out.push_back({tok::end, "", s_.size()}); return out; }
            std::size_t start = i_;
            char c = s_[i_];
            if (is_ident_start(c)) {
                while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
                // Date literal with a parameter: LAST_N_DAYS:30
                if (i_ + 1 < s_.size() && s_[i_] == ':' && (is_digit(s_[i_ + 1]) || s_[i_ + 1] == '-')) {
                    ++i_;
                    if (s_[i_] == '-') ++i_;
                    while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
                }
                out.push_back({tok::ident, std::string(s_.substr(start, i_ - start)), start});
            } else if (c == '\'') {
                std::string like;
                std::string text = string_literal(like);
                out.push_back({tok::string, std::move(text), start, std::move(like)});
            } else if (is_digit(c) || ((c == '-' || c == '+') && i_ + 1 < s_.size() && is_digit(s_[i_ + 1]))) {
                out.push_back(number_or_date());
            } else if (c == '!' || c == '<' || c == '>') {
                ++i_;
                if (i_ < s_.size() && (s_[i_] == '=' || (c == '<' && s_[i_] == '>'))) ++i_;
                std::string t(s_.substr(start, i_ - start));
                if (t == "!") fail_at(start, "unexpected token: '!'");
                out.push_back({tok::punct, t == "<>" ? "!=" : t, start});
            } else if (c == '=' || c == '(' || c == ')' || c == ',' || c == ':') {
                ++i_;
                out.push_back({tok::punct, std::string(1, c), start});
            } else {
                fail_at(start, "unexpected token: '" + std::string(1, c) + "'");
            }
        }
    }

    [[noreturn]] void fail_at(std::size_t pos, const std::string& what) {
        fail(400, "MALFORMED_QUERY", located_message(s_, pos, what), {}, false);
    }

private:
    // The decoded value, and in `like` the same literal as a LIKE pattern: there `\\`, `\%` and
    // `\_` stay escaped (a literal backslash, percent, underscore) while a bare % or _ is a
    // wildcard. Decoding `\\` first would turn 'C:\\%' into a literal percent.
    std::string string_literal(std::string& like) {
        std::size_t start = i_++;
        std::string out;
        while (i_ < s_.size() && s_[i_] != '\'') {
            char c = s_[i_++];
            if (c == '\\' && i_ < s_.size()) {
                char e = s_[i_++];
                switch (e) {
                    case 'n': out += '\n'; like += '\n'; break;
                    case 't': out += '\t'; like += '\t'; break;
                    case 'r': out += '\r'; like += '\r'; break;
                    case 'b': out += '\b'; like += '\b'; break;
                    case 'f': out += '\f'; like += '\f'; break;
                    case '%': case '_': case '\\': out += e; like += '\\'; like += e; break;
                    case '\'': case '"': out += e; like += e; break;
                    default: fail_at(i_ - 2, "Invalid string literal '" + std::string(s_.substr(start, i_ - start)) +
                                                 "'. Illegal character sequence '\\" + std::string(1, e) +
                                                 "' in string literal.");
                }
            } else {
                out += c;
                like += c;
            }
        }
        if (i_ >= s_.size()) fail_at(start, "line 1:" + std::to_string(start) + " mismatched character '<EOF>' expecting '''");
        ++i_;
        return out;
    }

    token number_or_date() {
        std::size_t start = i_;
        // YYYY-MM-DD, optionally followed by THH:MM:SS[.fff](Z|±HH:MM)
        if (i_ + 10 <= s_.size() && is_digit(s_[i_]) && s_[i_ + 4] == '-' && s_[i_ + 7] == '-') {
            i_ += 10;
            if (i_ < s_.size() && s_[i_] == 'T') {
                while (i_ < s_.size() && (is_digit(s_[i_]) || s_[i_] == 'T' || s_[i_] == ':' || s_[i_] == '.' ||
                                          s_[i_] == 'Z' || s_[i_] == '+' || s_[i_] == '-'))
                    ++i_;
                return {tok::datetime, std::string(s_.substr(start, i_ - start)), start};
            }
            return {tok::date, std::string(s_.substr(start, i_ - start)), start};
        }
        if (s_[i_] == '-' || s_[i_] == '+') ++i_;
        while (i_ < s_.size() && (is_digit(s_[i_]) || s_[i_] == '.')) ++i_;
        return {tok::number, std::string(s_.substr(start, i_ - start)), start};
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

const std::set<std::string> reserved = {"select", "from",  "where", "and",    "or",      "not",   "in",
                                         "like",   "includes", "excludes", "group", "by", "having", "order",
                                         "asc",    "desc",  "nulls", "first",  "last",    "limit", "offset",
                                         "null",   "true",  "false", "with",   "for",     "using", "typeof"};

class parser {
public:
    parser(std::string_view text, std::vector<token> toks) : text_(text), t_(std::move(toks)) {}

    query parse_top() {
        query q = parse_query();
        if (peek().type != tok::end) unexpected();
        return q;
    }

private:
    const token& peek(std::size_t ahead = 0) const { return t_[std::min(p_ + ahead, t_.size() - 1)]; }
    const token& next() { const token& t = t_[p_]; if (p_ + 1 < t_.size()) ++p_; return t; }
    bool is_kw(std::string_view kw, std::size_t ahead = 0) const {
        const token& t = peek(ahead);
        return t.type == tok::ident && lower(t.text) == kw;
    }
    bool accept_kw(std::string_view kw) { if (is_kw(kw)) { next(); return true; } return false; }
    bool is_punct(std::string_view p, std::size_t ahead = 0) const {
        return peek(ahead).type == tok::punct && peek(ahead).text == p;
    }
    bool accept_punct(std::string_view p) { if (is_punct(p)) { next(); return true; } return false; }

    [[noreturn]] void unexpected() {
        const token& t = peek();
        if (t.type == tok::end)
            fail(400, "MALFORMED_QUERY", located_message(text_, t.pos, "unexpected token: <EOF>"), {}, false);
        std::string shown = t.type == tok::string ? "'" + t.text + "'" : t.text;
        fail(400, "MALFORMED_QUERY", located_message(text_, t.pos, "unexpected token: " + shown), {}, false);
    }
    void expect_kw(std::string_view kw) { if (!accept_kw(kw)) unexpected(); }
    void expect_punct(std::string_view p) { if (!accept_punct(p)) unexpected(); }

    static std::string upper(std::string s) {
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    }

    // A field path, or a date function around one: CALENDAR_YEAR(CloseDate).
    field_ref parse_field() {
        if (peek().type == tok::ident && is_punct("(", 1) && is_date_function(upper(peek().text))) {
            std::string fn = upper(peek().text);
            std::size_t pos = next().pos;
            next();
            field_ref f = parse_path();
            if (!f.function.empty()) unexpected();
            f.function = fn;
            f.pos = pos;
            expect_punct(")");
            return f;
        }
        return parse_path();
    }

    field_ref parse_path() {
        const token& t = peek();
        if (t.type != tok::ident || reserved.count(lower(t.text))) unexpected();
        next();
        field_ref f;
        f.pos = t.pos;
        std::size_t start = 0;
        while (true) {
            auto dot = t.text.find('.', start);
            std::string part = t.text.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (part.empty()) fail(400, "MALFORMED_QUERY", located_message(text_, t.pos, "unexpected token: " + t.text), {}, false);
            f.path.push_back(part);
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
        return f;
    }

    static bool is_aggregate_name(const std::string& n) {
        return n == "count" || n == "count_distinct" || n == "sum" || n == "avg" || n == "min" || n == "max" ||
               n == "grouping";
    }

    aggregate_call parse_aggregate() {
        const token& name = next();
        aggregate_call a;
        a.pos = name.pos;
        a.function = name.text;
        for (char& c : a.function) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        expect_punct("(");
        if (!is_punct(")")) a.arg = a.function == "GROUPING" ? parse_path() : parse_field();
        expect_punct(")");
        if (!a.arg && a.function != "COUNT") unexpected();
        return a;
    }

    bool at_aggregate() const {
        return peek().type == tok::ident && is_aggregate_name(lower(peek().text)) && is_punct("(", 1);
    }

    // Nesting (subqueries, parentheses, NOT) is bounded so that no input exhausts the stack.
    struct depth_guard {
        parser& p;
        explicit depth_guard(parser& owner) : p(owner) {
            if (++p.depth_ > 64)
                fail(400, "MALFORMED_QUERY", located_message(p.text_, p.peek().pos, "query is nested too deeply"), {},
                     false);
        }
        ~depth_guard() { --p.depth_; }
    };

    query parse_query() {
        depth_guard guard(*this);
        query q;
        expect_kw("select");
        do {
            select_item item;
            if (is_punct("(")) {
                next();
                item.k = select_item::kind::subquery;
                item.subquery = std::make_shared<query>(parse_query());
                expect_punct(")");
            } else if (at_aggregate()) {
                item.k = select_item::kind::aggregate;
                item.aggregate = parse_aggregate();
                if (peek().type == tok::ident && !reserved.count(lower(peek().text))) item.alias = next().text;
            } else if (is_kw("fields") && is_punct("(", 1)) {
                next();
                next();
                item.k = select_item::kind::fields_macro;
                const token& which = peek();
                std::string w = lower(which.text);
                if (which.type != tok::ident || (w != "all" && w != "standard" && w != "custom")) unexpected();
                next();
                item.alias = w == "all" ? "ALL" : w == "standard" ? "STANDARD" : "CUSTOM";
                expect_punct(")");
            } else if (is_kw("typeof")) {
                next();
                item.k = select_item::kind::typeof_;
                item.field = parse_field();
                while (is_kw("when") || is_kw("else")) {
                    typeof_branch b;
                    if (accept_kw("when")) {
                        const token& t = peek();
                        if (t.type != tok::ident) unexpected();
                        b.type = t.text;
                        b.pos = t.pos;
                        next();
                        expect_kw("then");
                    } else {
                        b.pos = next().pos;
                    }
                    do b.fields.push_back(parse_field()); while (accept_punct(","));
                    item.branches.push_back(std::move(b));
                    if (item.branches.back().type.empty()) break;  // ELSE comes last
                }
                if (item.branches.empty()) unexpected();
                expect_kw("end");
            } else {
                item.field = parse_field();
                // Date functions take an alias in aggregate queries.
                if (!item.field.function.empty() && peek().type == tok::ident && !reserved.count(lower(peek().text)))
                    item.alias = next().text;
            }
            q.select.push_back(std::move(item));
        } while (accept_punct(","));
        expect_kw("from");
        const token& from = peek();
        if (from.type != tok::ident || reserved.count(lower(from.text))) unexpected();
        next();
        q.from = from.text;
        q.from_pos = from.pos;
        if (peek().type == tok::ident && !reserved.count(lower(peek().text))) q.alias = next().text;
        if (accept_kw("using")) { expect_kw("scope"); next(); }
        if (accept_kw("where")) q.where = parse_or();
        if (accept_kw("with")) {
            // WITH SECURITY_ENFORCED / USER_MODE and friends: no effect in the emulator.
            if (peek().type != tok::ident) unexpected();
            next();
        }
        if (is_kw("group")) {
            next();
            expect_kw("by");
            bool sets = (is_kw("rollup") || is_kw("cube")) && is_punct("(", 1);
            if (sets) {
                q.group_kind = is_kw("rollup") ? query::grouping::rollup : query::grouping::cube;
                next();
                next();
            }
            do q.group_by.push_back(parse_field()); while (accept_punct(","));
            if (sets) expect_punct(")");
            if (accept_kw("having")) q.having = parse_or();
        }
        if (is_kw("order")) {
            next();
            expect_kw("by");
            do {
                order_item o;
                if (at_aggregate()) { o.is_aggregate = true; o.aggregate = parse_aggregate(); }
                else o.field = parse_field();
                if (accept_kw("desc")) o.descending = true;
                else accept_kw("asc");
                if (accept_kw("nulls")) {
                    if (accept_kw("first")) o.nulls_first = true;
                    else if (accept_kw("last")) o.nulls_first = false;
                    else unexpected();
                }
                q.order_by.push_back(std::move(o));
            } while (accept_punct(","));
        }
        if (accept_kw("limit")) q.limit = parse_count();
        if (accept_kw("offset")) q.offset = parse_count();
        if (accept_kw("for")) {
            if (!(accept_kw("view") || accept_kw("reference") || accept_kw("update"))) unexpected();
        }
        return q;
    }

    std::int64_t parse_count() {
        const token& t = peek();
        std::int64_t n = 0;
        if (t.type != tok::number) unexpected();
        auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
        if (r.ec != std::errc() || r.ptr != t.text.data() + t.text.size() || n < 0) unexpected();
        next();
        return n;
    }

    condition parse_or() {
        condition left = parse_and();
        if (!is_kw("or")) return left;
        condition c;
        c.k = condition::kind::or_;
        c.pos = left.pos;
        c.children.push_back(std::move(left));
        while (accept_kw("or")) c.children.push_back(parse_and());
        return c;
    }

    condition parse_and() {
        condition left = parse_not();
        if (!is_kw("and")) return left;
        condition c;
        c.k = condition::kind::and_;
        c.pos = left.pos;
        c.children.push_back(std::move(left));
        while (accept_kw("and")) c.children.push_back(parse_not());
        return c;
    }

    condition parse_not() {
        depth_guard guard(*this);
        if (is_kw("not")) {
            condition c;
            c.pos = next().pos;
            c.k = condition::kind::not_;
            c.children.push_back(parse_not());
            return c;
        }
        if (accept_punct("(")) {
            condition inner = parse_or();
            expect_punct(")");
            return inner;
        }
        return parse_comparison();
    }

    literal parse_literal() {
        const token& t = peek();
        literal l;
        l.pos = t.pos;
        switch (t.type) {
            case tok::string: l.k = literal::kind::string; l.text = t.text; l.like = t.like; break;
            case tok::number: l.k = literal::kind::number; l.text = t.text; break;
            case tok::date: l.k = literal::kind::date; l.text = t.text; break;
            case tok::datetime: l.k = literal::kind::datetime; l.text = t.text; break;
            case tok::ident: {
                std::string u = t.text;
                for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (u == "NULL") l.k = literal::kind::null;
                else if (u == "TRUE" || u == "FALSE") { l.k = literal::kind::boolean; l.text = u == "TRUE" ? "true" : "false"; }
                else {
                    l.k = literal::kind::date_literal;
                    auto colon = u.find(':');
                    l.text = u.substr(0, colon);
                    if (colon != std::string::npos) {
                        const char* b = u.data() + colon + 1;
                        const char* e = u.data() + u.size();
                        auto r = std::from_chars(b, e, l.n);
                        if (r.ec != std::errc() || r.ptr != e) unexpected();
                    }
                }
                break;
            }
            default: unexpected();
        }
        next();
        return l;
    }

    condition parse_comparison() {
        condition c;
        c.pos = peek().pos;
        if (at_aggregate()) { c.lhs_aggregate = true; c.aggregate = parse_aggregate(); }
        else c.field = parse_field();
        const token& op = peek();
        if (op.type == tok::punct && (op.text == "=" || op.text == "!=" || op.text == "<" || op.text == "<=" ||
                                      op.text == ">" || op.text == ">=")) {
            next();
            c.op = op.text;
            c.values.push_back(parse_literal());
            return c;
        }
        if (accept_kw("like")) { c.op = "LIKE"; c.values.push_back(parse_literal()); return c; }
        if (is_kw("not") && is_kw("in", 1)) { next(); next(); c.op = "NOT_IN"; }
        else if (accept_kw("in")) c.op = "IN";
        else if (accept_kw("includes")) c.op = "INCLUDES";
        else if (accept_kw("excludes")) c.op = "EXCLUDES";
        else unexpected();
        expect_punct("(");
        if (is_kw("select")) {
            if (c.op != "IN" && c.op != "NOT_IN") unexpected();
            c.subquery = std::make_shared<query>(parse_query());
        } else {
            do c.values.push_back(parse_literal()); while (accept_punct(","));
        }
        expect_punct(")");
        return c;
    }

    std::string_view text_;
    std::vector<token> t_;
    std::size_t p_ = 0;
    int depth_ = 0;
};

}  // namespace

query parse(std::string_view text) {
    lexer lx(text);
    parser p(text, lx.run());
    return p.parse_top();
}

}  // namespace sfcpp_emulator::soql
