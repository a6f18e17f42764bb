// Typed records to CSV and back: conventions, every dialect with hostile values, headers,
// relationship columns, malformed rows.
#include <test_sobjects/Account.hpp>
#include <test_sobjects/Contact.hpp>
#include <test_sobjects/Invoice_c.hpp>
#include <sfcpp/csv.hpp>

#include "support/error_support.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <random>
#include <list>
#include <ranges>
#include <string>
#include <system_error>
#include <vector>

namespace csv = sfcpp::csv;
using sobjects::Invoice_c;
using sobjects::Invoice_c_Status_c;
using sobjects::Invoice_c_Tags_c;

namespace {

const std::vector<std::string> hostile = {
    "plain",
    "comma, inside",
    "quote \" inside",
    "\"starts and ends with quotes\"",
    "line\nbreak",
    "crlf\r\ninside",
    "lone\rcr",
    "pipe | semicolon ; caret ^ backquote ` tab \t end",
    "  leading and trailing spaces  ",
    "\ttab at the start",
    "unicode: café, Straße, 日本語, emoji 🚀",
    "#N/A",
    "",
    "\"",
    ",",
    "\n",
    "x\"\"y",
};

Invoice_c sample(std::size_t i) {
    Invoice_c r;
    r.Name = hostile[i % hostile.size()];
    r.Notes_c = hostile[(i + 3) % hostile.size()];
    r.External_Id_c = "ext-" + std::to_string(i);
    r.Amount_c = 1234.5 + static_cast<double>(i) / 100;
    r.Status_c = Invoice_c_Status_c::Sent;
    r.Due_Date_c = sfcpp::date(2024, 2, 29);
    r.Paid_c = i % 2 == 0;
    r.Tags_c = Invoice_c_Tags_c{Invoice_c_Tags_c::Priority, Invoice_c_Tags_c::Export};
    r.Issued_At_c = sfcpp::datetime::from_unix_ms(1'700'000'000'123 + static_cast<std::int64_t>(i));
    r.Reminder_Time_c = sfcpp::time_of_day(13, 45, 7, 250);
    r.Sequence_c = -static_cast<std::int32_t>(i);
    r.Line_Count_c = 1e-9;
    if (i % 3 == 0) r.Code_c = nullptr;
    return r;
}

void check_same(const Invoice_c& a, const Invoice_c& b) {
    CHECK(a.Name == b.Name);
    CHECK(a.Notes_c == b.Notes_c);
    CHECK(a.External_Id_c == b.External_Id_c);
    CHECK(a.Amount_c == b.Amount_c);
    CHECK(a.Status_c == b.Status_c);
    CHECK(a.Due_Date_c == b.Due_Date_c);
    CHECK(a.Paid_c == b.Paid_c);
    CHECK(a.Tags_c == b.Tags_c);
    CHECK(a.Issued_At_c == b.Issued_At_c);
    CHECK(a.Reminder_Time_c == b.Reminder_Time_c);
    CHECK(a.Sequence_c == b.Sequence_c);
    CHECK(a.Line_Count_c == b.Line_Count_c);
    CHECK(a.Code_c == b.Code_c);
}

}  // namespace

TEST_CASE("every delimiter and line ending round-trips hostile values, fed in random chunks") {
    std::vector<Invoice_c> in;
    for (std::size_t i = 0; i < 3 * hostile.size(); ++i) in.push_back(sample(i));
    std::mt19937 rng(42);
    for (auto d : csv::all_delimiters) {
        for (auto e : csv::all_line_endings) {
            CAPTURE(csv::to_string(d));
            CAPTURE(csv::to_string(e));
            csv::write_options wo;
            wo.dialect = {d, e};
            const std::string text = csv::to_csv(in, wo);
            // The declared line ending ends every row (CR/LF inside values are quoted).
            if (e == csv::line_ending::crlf) CHECK(text.substr(text.size() - 2) == "\r\n");
            else CHECK(text.substr(text.size() - 2) != "\r\n");

            csv::read_options ro;
            ro.dialect = wo.dialect;
            csv::reader<Invoice_c> r(ro);
            std::vector<Invoice_c> out;
            Invoice_c rec;
            for (std::size_t pos = 0; pos < text.size();) {
                const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 97)(rng);
                r.feed(std::string_view(text).substr(pos, n));
                pos += n;
                while (r.next(rec)) out.push_back(rec);
            }
            r.finish();
            while (r.next(rec)) out.push_back(rec);
            REQUIRE(out.size() == in.size());
            for (std::size_t i = 0; i < in.size(); ++i) {
                CAPTURE(i);
                check_same(in[i], out[i]);
            }
            CHECK(r.unknown_columns().empty());
        }
    }
}

TEST_CASE("Salesforce's formats") {
    Invoice_c r;
    r.Name = "n";
    r.Amount_c = 1500.0;
    r.Discount_c = 0.125;
    r.Due_Date_c = sfcpp::date(2024, 1, 5);
    r.Issued_At_c = *sfcpp::datetime::parse("2024-01-05T10:20:30.5+02:00");
    r.Reminder_Time_c = sfcpp::time_of_day(9, 0, 0);
    r.Paid_c = false;
    r.Sequence_c = 42;
    r.Tags_c = Invoice_c_Tags_c{Invoice_c_Tags_c::Recurring, Invoice_c_Tags_c::Disputed};
    r.Code_c = nullptr;
    const std::string text = csv::to_csv(std::span(&r, 1));
    CHECK(text ==
          "Name,Amount__c,Due_Date__c,Paid__c,Tags__c,Issued_At__c,Discount__c,Reminder_Time__c,Sequence__c,Code__c\n"
          "n,1500,2024-01-05,false,Recurring;Disputed,2024-01-05T08:20:30.500Z,0.125,09:00:00.000Z,42,#N/A\n");
}

TEST_CASE("the header is the union of set fields; not-set cells stay empty") {
    std::vector<Invoice_c> v(3);
    v[0].Name = "a";
    v[1].Amount_c = 2.5;
    v[2].Code_c = nullptr;
    const std::string text = csv::to_csv(v);
    CHECK(text == "Name,Amount__c,Code__c\na,,\n,2.5,\n,,#N/A\n");
    const auto back = csv::from_csv<Invoice_c>(text);
    REQUIRE(back.size() == 3);
    CHECK(back[0].Name.value() == "a");
    CHECK(!back[0].Amount_c.is_set());
    CHECK(back[1].Amount_c.value() == 2.5);
    CHECK(back[2].Code_c.is_null());
    CHECK(!back[2].Name.is_set());

    SUBCASE("mode create leaves out what cannot be created") {
        Invoice_c x;
        x.Name = "n";
        sfcpp::assign_unchecked(x.CreatedDate, sfcpp::datetime::from_unix_ms(0));
        sfcpp::assign_unchecked(x.Id, sfcpp::id("001000000000001AAA"));
        csv::write_options wo;
        wo.mode = sfcpp::write_mode::create;
        CHECK(csv::to_csv(std::span(&x, 1), wo) == "Id,Name\n001000000000001AAA,n\n");
    }
}

TEST_CASE("the writer takes any forward range of records: a list, a filtered view") {
    std::list<Invoice_c> l(3);
    l.front().Name = "a";
    l.back().Amount_c = 2.5;
    CHECK(csv::to_csv(l) == "Name,Amount__c\na,\n,\n,2.5\n");

    std::vector<Invoice_c> v(4);
    for (int i = 0; i < 4; ++i) v[i].Sequence_c = i;
    auto odd = v | std::views::filter([](const Invoice_c& r) { return r.Sequence_c.value() % 2 == 1; });
    CHECK(csv::to_csv(odd) == "Sequence__c\n1\n3\n");  // a filter view is iterable only as non-const
    csv::writer<Invoice_c> w;
    std::string out;
    w.write(odd, out);
    w.write(v.front(), out);
    CHECK(out == "Sequence__c\n1\n3\n0\n");
}

TEST_CASE("#N/A: null versus the literal text; empty string versus not set") {
    Invoice_c a, b, c;
    a.Name = "#N/A";
    b.Name = nullptr;
    c.Name = "";
    std::vector<Invoice_c> v{a, b, c, Invoice_c{}};
    v[3].Code_c = "x";
    const std::string text = csv::to_csv(v);
    CHECK(text == "Name,Code__c\n\"#N/A\",\n#N/A,\n\"\",\n,x\n");
    const auto back = csv::from_csv<Invoice_c>(text);
    REQUIRE(back.size() == 4);
    CHECK(back[0].Name.value() == "#N/A");
    CHECK(back[1].Name.is_null());
    CHECK(back[2].Name.value() == "");
    CHECK(!back[3].Name.is_set());

    SUBCASE("query results: an empty cell is null") {
        csv::read_options ro;
        ro.empty_cell = sfcpp::field_state::null;
        const auto q = csv::from_csv<Invoice_c>("Name,Amount__c\n,\n", ro);
        REQUIRE(q.size() == 1);
        CHECK(q[0].Name.is_null());
        CHECK(q[0].Amount_c.is_null());
    }
}

TEST_CASE("given columns, and strict checking of what would be lost") {
    Invoice_c r;
    r.Name = "n";
    r.Amount_c = 3;
    csv::writer<Invoice_c> w({"Name", "Amount__c", "Code__c"});
    std::string out;
    w.write(r, out);
    w.write(r, out);
    CHECK(out == "Name,Amount__c,Code__c\nn,3,\nn,3,\n");

    csv::writer<Invoice_c> narrow({"Name"});
    CHECK_THROWS_WITH_AS(narrow.write(r, out),
                         "sfcpp::csv: Invoice__c.Amount__c is set but is not a column of the header (add it, or write "
                         "with strict = false to leave it out)",
                         sfcpp::encode_error);
    csv::write_options lax;
    lax.strict = false;
    csv::writer<Invoice_c> narrow_lax({"Name"}, lax);
    std::string out2;
    narrow_lax.write(r, out2);
    CHECK(out2 == "Name\nn\n");

    CHECK_THROWS_WITH_AS(csv::writer<Invoice_c>({"Nope__c"}),
                         "sfcpp::csv: Invoice__c.Nope__c is not a writable field or Relationship.Field column of "
                         "Invoice__c",
                         sfcpp::encode_error);
    CHECK_THROWS_AS(csv::writer<Invoice_c>({"Location__c"}), sfcpp::encode_error);

    Invoice_c nan;
    nan.Amount_c = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH_AS(csv::to_csv(std::span(&nan, 1)),
                         "sfcpp::csv: Invoice__c.Amount__c: NaN and infinity cannot be sent to Salesforce",
                         sfcpp::encode_error);
}

TEST_CASE("what cannot be written is an encode_error with its errc") {
    const auto code_of = [](auto&& f) { return test::code_of<sfcpp::encode_error>(f); };
    using sfcpp::errc;
    Invoice_c r;
    r.Name = "n";
    r.Amount_c = 3;
    std::string out;
    CHECK(code_of([&] { csv::writer<Invoice_c>({"Name"}).write(r, out); }) == errc::missing_column);
    CHECK(code_of([] { csv::writer<Invoice_c>({"Nope__c"}); }) == errc::unknown_column);
    CHECK(code_of([] { csv::writer<Invoice_c>({"Location__c"}); }) == errc::unknown_column);
    r.Amount_c = -std::numeric_limits<double>::infinity();
    CHECK(code_of([&] { (void)csv::to_csv(std::span(&r, 1)); }) == errc::not_finite);
    r.Amount_c = 3;
    r.Name = "caf\xE9";
    CHECK(code_of([&] { (void)csv::to_csv(std::span(&r, 1)); }) == errc::invalid_utf8);
    // A parent's field names the parent's object.
    Invoice_c p;
    p.Contact_r.emplace().Email = "caf\xE9@example.com";
    CHECK_THROWS_WITH_AS((void)csv::to_csv(std::span(&p, 1), std::vector<std::string>{"Contact__r.Email"}),
                         doctest::Contains("sfcpp::csv: Contact.Email: the text is not valid UTF-8"), sfcpp::encode_error);
}

TEST_CASE("parents by external id: Relationship.Field columns") {
    Invoice_c r;
    r.Name = "with parents";
    auto& contact = r.Contact_r.emplace();
    contact.Email = "buyer@example.com";
    auto& account = r.Account_r.emplace();
    account.Name = "Acme, Inc.";
    Invoice_c cleared;
    cleared.Name = "cleared";
    cleared.Contact_r.set_null();
    std::vector<Invoice_c> v{r, cleared};
    const std::string text = csv::to_csv(v);
    CHECK(text == "Name,Account__r.Name,Contact__r.Email\n"
                  "with parents,\"Acme, Inc.\",buyer@example.com\n"
                  "cleared,,#N/A\n");
    const auto back = csv::from_csv<Invoice_c>(text);
    REQUIRE(back.size() == 2);
    REQUIRE(back[0].Contact_r.has_value());
    CHECK(back[0].Contact_r->Email.value() == "buyer@example.com");
    CHECK(back[0].Account_r->Name.value() == "Acme, Inc.");
    CHECK(back[1].Contact_r.is_null());
    CHECK(!back[1].Account_r.is_set());

    SUBCASE("query results with parent fields, some null") {
        csv::read_options ro;
        ro.empty_cell = sfcpp::field_state::null;
        const auto q = csv::from_csv<sobjects::Contact>(
            "\"Id\",\"LastName\",\"Account.Name\",\"Account.Id\",\"ReportsTo.Email\"\n"
            "\"003000000000001AAA\",\"Doe\",\"Acme\",\"001000000000001AAA\",\"\"\n",
            ro);
        REQUIRE(q.size() == 1);
        CHECK(q[0].Account->Name.value() == "Acme");
        CHECK(q[0].Account->Id.value().str() == "001000000000001AAA");
        CHECK(q[0].ReportsTo.is_null());
    }
}

TEST_CASE("unknown columns are ignored and reported") {
    csv::reader<Invoice_c> r;
    r.feed("Name,Not_A_Field__c,Owner.Nope,What:Account.Name,Amount__c\nx,ignored,1,2,5\n");
    r.finish();
    Invoice_c rec;
    REQUIRE(r.next(rec));
    CHECK(rec.Name.value() == "x");
    CHECK(rec.Amount_c.value() == 5);
    CHECK(r.unknown_columns() == std::vector<std::string>{"Not_A_Field__c", "Owner.Nope", "What:Account.Name"});
    CHECK(!r.next(rec));
    CHECK(r.done());
}

TEST_CASE("malformed rows name their line; reading goes on after a bad row") {
    csv::reader<Invoice_c> r;
    r.feed("Name,Amount__c\n\"two\nlines\",1\nshort\nok,2\nbad,abc\nlast,3\n");
    r.finish();
    Invoice_c rec;
    REQUIRE(r.next(rec));
    CHECK(r.line() == 2);
    try {
        r.next(rec);
        FAIL("no error");
    } catch (const csv::parse_error& e) {
        CHECK(e.line() == 4);
        CHECK(std::string(e.what()).find("expected 2 cells") != std::string::npos);
    }
    REQUIRE(r.next(rec));
    CHECK(rec.Name.value() == "ok");
    try {
        r.next(rec);
        FAIL("no error");
    } catch (const csv::parse_error& e) {
        CHECK(e.line() == 6);
        CHECK(std::string(e.what()).find("Amount__c") != std::string::npos);
    }
    REQUIRE(r.next(rec));
    CHECK(rec.Name.value() == "last");
    CHECK(r.line() == 7);

    SUBCASE("lenient values: the row is kept, the problem listed") {
        csv::read_options ro;
        ro.lenient_values = true;
        const std::string text = "Name,Due_Date__c,Sequence__c\nx,2003-04-987654321,99999999999\n";
        csv::reader<Invoice_c> lr(ro);
        lr.feed(text);
        lr.finish();
        REQUIRE(lr.next(rec));
        CHECK(rec.Name.value() == "x");
        CHECK(!rec.Due_Date_c.is_set());
        CHECK(!rec.Sequence_c.is_set());
        CHECK(lr.problems().size() == 2);
    }
    SUBCASE("unterminated quote") {
        CHECK_THROWS_AS(csv::from_csv<Invoice_c>("Name\n\"open\n"), csv::parse_error);
    }
}

TEST_CASE("reading with an error_code: the same rows, nothing thrown, the errc of each bad row") {
    csv::reader<Invoice_c> r;
    r.feed("Name,Amount__c\n\"two\nlines\",1\nshort\nok,2\nbad,abc\nlast,3\nab\"c,4\nnever,5\n");
    r.finish();
    Invoice_c rec;
    std::error_code ec = make_error_code(sfcpp::errc::invalid_id);
    struct seen {
        bool got;
        std::error_code ec;
        std::uint64_t line;
        std::string name;
    };
    std::vector<seen> rows;
    for (int i = 0; i < 8; ++i) {
        bool got = false;
        CHECK_NOTHROW(got = r.next(rec, ec));
        rows.push_back({got, ec, r.line(), got && !ec ? rec.Name.value() : std::string()});
        if (!got) break;
    }
    using sfcpp::errc;
    REQUIRE(rows.size() == 6);
    CHECK((rows[0].got && !rows[0].ec && rows[0].line == 2 && rows[0].name == "two\nlines"));
    CHECK((rows[1].got && rows[1].ec == errc::malformed_csv && rows[1].line == 4));   // cells other than the header's
    CHECK((rows[2].got && !rows[2].ec && rows[2].name == "ok"));
    CHECK((rows[3].got && rows[3].ec == errc::wrong_type && rows[3].line == 6));      // abc for a number
    CHECK((rows[4].got && !rows[4].ec && rows[4].name == "last"));
    CHECK((!rows[5].got && rows[5].ec == errc::malformed_csv && rows[5].line == 8));  // a stray quote: the end
    CHECK_FALSE(r.next(rec, ec));
    CHECK(ec == errc::malformed_csv);
}

TEST_CASE("bad cells: each errc, in the exception and in the error_code, naming Object.Field") {
    struct bad_cell {
        const char* header;
        const char* cell;
        sfcpp::errc code;
    };
    using sfcpp::errc;
    const bad_cell cases[] = {
        {"Id", "001BAD", errc::invalid_id},
        {"Account__c", "0019000000DmehKAAS", errc::invalid_id},  // bad checksum
        {"Paid__c", "maybe", errc::wrong_type},
        {"Amount__c", "12x5", errc::wrong_type},
        {"Amount__c", "nan", errc::wrong_type},
        {"Amount__c", "1e999", errc::number_out_of_range},
        {"Sequence__c", "x", errc::wrong_type},
        {"Sequence__c", "99999999999", errc::number_out_of_range},
        {"Sequence__c", "1.5", errc::number_out_of_range},
        {"Due_Date__c", "2024-02-30", errc::invalid_date},
        {"Issued_At__c", "yesterday", errc::invalid_datetime},
        {"Reminder_Time__c", "noon", errc::invalid_time},
        {"sf__Id", "nope", errc::invalid_id},
        {"sf__Created", "perhaps", errc::wrong_type},
    };
    for (const auto& [header, cell, code] : cases) {
        CAPTURE(header);
        CAPTURE(cell);
        const std::string text = std::string(header) + "\n" + cell + "\n";
        try {
            (void)csv::from_csv<Invoice_c>(text);
            FAIL("no error");
        } catch (const sfcpp::error& e) {
            const auto* pe = dynamic_cast<const csv::parse_error*>(&e);
            REQUIRE(pe != nullptr);
            CHECK(pe->line() == 2);
            CHECK(e.code() == code);
            const std::string named = std::string(header).starts_with("sf__") ? std::string(header)
                                                                               : "Invoice__c." + std::string(header);
            CHECK(std::string(e.what()).starts_with("sfcpp::csv: line 2: " + named + ": expected "));
        }
        csv::reader<Invoice_c> r;
        r.feed(text);
        r.finish();
        Invoice_c rec;
        std::error_code ec;
        CHECK(r.next(rec, ec));
        CHECK(ec == code);
        CHECK_FALSE(r.next(rec, ec));
        CHECK_FALSE(ec);
    }
}

TEST_CASE("result CSVs: sf__Id, sf__Created, sf__Error beside the record") {
    const std::string ok = "\"sf__Id\",\"sf__Created\",Name,Amount__c\n"
                           "\"a01000000000001AAA\",\"true\",x,1\n"
                           "\"a01000000000002AAA\",\"false\",y,2\n";
    csv::reader<Invoice_c> r;
    r.feed(ok);
    r.finish();
    Invoice_c rec;
    REQUIRE(r.next(rec));
    CHECK(r.result().id->str() == "a01000000000001AAA");
    CHECK(r.result().created == true);
    REQUIRE(r.next(rec));
    CHECK(r.result().created == false);
    CHECK(rec.Name.value() == "y");
    CHECK(r.unknown_columns().empty());
}

TEST_CASE("a reused record holds nothing from the previous row") {
    csv::reader<Invoice_c> r;
    r.feed("Name,Amount__c,Contact__r.Email,Tags__c\n"
           "first,1,a@example.com,Priority;Export\n"
           ",,,\n"
           "third,#N/A,#N/A,\n");
    r.finish();
    Invoice_c rec;
    rec.Code_c = "stale";  // reset fully on first use
    REQUIRE(r.next(rec));
    CHECK(!rec.Code_c.is_set());
    CHECK(rec.Contact_r->Email.value() == "a@example.com");
    CHECK(rec.Tags_c.value().size() == 2);
    REQUIRE(r.next(rec));
    CHECK(!rec.Name.is_set());
    CHECK(!rec.Amount_c.is_set());
    CHECK(!rec.Contact_r.is_set());
    CHECK(rec.Contact_r.get() == nullptr);
    CHECK(!rec.Tags_c.is_set());
    REQUIRE(r.next(rec));
    CHECK(rec.Name.value() == "third");
    CHECK(rec.Amount_c.is_null());
    CHECK(rec.Contact_r.is_null());
}

TEST_CASE("strict writing also watches parent fields left out of the header") {
    Invoice_c r;
    r.Name = "n";
    r.Contact_r.emplace().Email = "x@example.com";
    csv::writer<Invoice_c> w({"Name"});
    std::string out;
    try {
        w.write(r, out);
        FAIL("no error");
    } catch (const sfcpp::encode_error& e) {
        CHECK(std::string(e.what()).find("Invoice__c.Contact__r.Email") != std::string::npos);
        CHECK(e.code() == sfcpp::errc::missing_column);
    }
}

TEST_CASE("text that is not UTF-8 is refused at its field, valid multibyte text passes") {
    Invoice_c ok;
    ok.Name = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";  // é, €, an emoji
    CHECK(sfcpp::csv::to_csv(std::span(&ok, 1)).find("caf\xC3\xA9") != std::string::npos);
    for (const char* bad : {"latin1 caf\xE9", "cut \xE2\x82", "overlong \xC0\xAF", "surrogate \xED\xA0\x80"}) {
        Invoice_c r;
        r.Name = bad;
        CHECK_THROWS_WITH_AS(sfcpp::csv::to_csv(std::span(&r, 1)),
                             doctest::Contains("Invoice__c.Name: the text is not valid UTF-8"), sfcpp::encode_error);
    }
}
