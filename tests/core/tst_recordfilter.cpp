// The filter language (core/RecordFilter.h): every field and operator against records built
// here, syntax errors with their positions, summaries, bounds, and the JSON scanner under it.

#include "core/ByteSearch.h"
#include "core/JsonScan.h"
#include "core/Partitioner.h"
#include "core/RecordFilter.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace tidemark;

namespace {

Header header(const char *key, std::optional<QByteArray> value) { return Header{QByteArray(key), std::move(value)}; }

// The records every matching test runs over; a row names the ones its filter must select.
std::vector<Record> sample()
{
    std::vector<Record> records(8);
    auto &order = records[0];
    order.partition = 0;
    order.offset = 10;
    order.timestampMs = QDateTime(QDate(2026, 12, 6), QTime(10, 0), QTimeZone(3600)).toMSecsSinceEpoch();
    order.key = QByteArray("order-0001");
    order.value = QByteArray(
        "{\"order_id\":\"0001\",\"user_id\":\"00042\",\"items\":[{\"product_id\":\"535\",\"quantity\":1,"
        "\"price\":300.5}],\"total_price\":300.5,\"note\":\"caf\\u00e9 \\\"x\\\"\",\"paid\":true,\"gift\":null}");
    order.headers = {header("source", QByteArray("web")), header("trace-id", QByteArray("abc"))};

    auto &big = records[1];
    big.partition = 1;
    big.offset = 11;
    big.timestampMs = order.timestampMs + 60'000; // 10:01
    big.key = QByteArray("order-0002");
    big.value = QByteArray(
        "{ \"order_id\" : \"0002\", \"user_id\" : \"00007\", \"items\" : [ {\"product_id\":\"100\",\"quantity\":3},"
        " {\"product_id\":\"535\",\"quantity\":2} ], \"total_price\" : 1500, \"tags\":[], \"paid\":false }");
    big.headers = {header("dup", QByteArray("1")), header("dup", QByteArray("2")), header("n", std::nullopt)};

    auto &tombstone = records[2];
    tombstone.partition = 2;
    tombstone.offset = 12;
    tombstone.timestampMs = order.timestampMs + 86'400'000; // the next day
    tombstone.key = QByteArray("order-0001");
    tombstone.value = std::nullopt;

    auto &empty = records[3];
    empty.partition = 0;
    empty.offset = 13;
    empty.key = std::nullopt;
    empty.value = QByteArray();

    auto &binary = records[4];
    binary.partition = 1;
    binary.offset = 14;
    binary.key = QByteArray("\xff\x00k", 3);
    binary.value = QByteArray("\xc3\x28 raw bytes", 12);

    auto &text = records[5];
    text.partition = 2;
    text.offset = 15;
    text.key = QByteArray("Hello");
    text.value = QByteArray("plain text, not JSON: {\"user_id\":");

    auto &nested = records[6];
    nested.partition = 0;
    nested.offset = 16;
    nested.key = QByteArray("{\"tenant\":\"a\"}");
    nested.value = QByteArray("{\"a\":{\"b\":[[1,2],[3,{\"c\":\"deep\"}]]},\"odd name\":5,\"user_id\":42}");

    auto &array = records[7];
    array.partition = 1;
    array.offset = 17;
    array.key = QByteArray("");
    array.value = QByteArray("[{\"id\":1},{\"id\":2},{\"id\":3}]");
    return records;
}

QString selected(const RecordFilter &filter)
{
    QStringList indexes;
    const auto records = sample();
    for (size_t i = 0; i < records.size(); ++i)
        if (filter.matches(records[i]))
            indexes << QString::number(i);
    return indexes.join(QLatin1Char(','));
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *t : texts)
        list << QString::fromUtf8(t);
    return list;
}

FilterOptions berlin()
{
    FilterOptions options;
    options.timeZone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
    return options;
}

// The container skip as the scanner first wrote it, one byte at a time: the reference for
// the block-wise one.
qsizetype referenceSkip(QByteArrayView json, qsizetype pos)
{
    int depth = 0;
    while (pos < json.size()) {
        const char c = json[pos];
        if (c == '"') {
            ++pos;
            while (pos < json.size() && json[pos] != '"')
                pos += json[pos] == '\\' ? 2 : 1;
            if (pos >= json.size())
                return -1;
            ++pos;
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return pos + 1;
        ++pos;
    }
    return -1;
}

} // namespace

class TestRecordFilter final : public QObject {
    Q_OBJECT

private slots:
    void matching_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("expected"); // indexes into sample()

        QTest::newRow("empty filter") << ""
                                      << "0,1,2,3,4,5,6,7";
        QTest::newRow("blank filter") << "   "
                                      << "0,1,2,3,4,5,6,7";
        // key and value bytes
        QTest::newRow("key ==") << "key == \"order-0001\""
                                << "0,2";
        QTest::newRow("key == single quotes") << "key == 'order-0001'"
                                              << "0,2";
        QTest::newRow("key !=") << "key != \"order-0001\""
                                << "1,3,4,5,6,7";
        QTest::newRow("key contains") << "key contains \"der-\""
                                      << "0,1,2";
        QTest::newRow("key not contains") << "key not contains \"der-\""
                                          << "3,4,5,6,7";
        QTest::newRow("key binary ==") << "key == \"\\xff\\0k\""
                                       << "4";
        QTest::newRow("key binary contains") << "key contains \"\\x00\""
                                             << "4";
        QTest::newRow("key is null") << "key is null"
                                     << "3";
        QTest::newRow("key is not null") << "key is not null"
                                         << "0,1,2,4,5,6,7";
        QTest::newRow("key is empty") << "key is empty"
                                      << "7";
        QTest::newRow("key exists") << "key exists"
                                    << "0,1,2,4,5,6,7";
        QTest::newRow("value is null (tombstone)") << "value is null"
                                                   << "2";
        QTest::newRow("value is empty") << "value is empty"
                                        << "3";
        QTest::newRow("value contains") << "value contains \"535\""
                                        << "0,1";
        QTest::newRow("value contains raw bytes") << "value contains \"\\xc3(\""
                                                  << "4";
        QTest::newRow("value == exact") << "value == \"plain text, not JSON: {\\\"user_id\\\":\""
                                        << "5";
        QTest::newRow("regex") << "key ~ /^order-000[12]$/"
                               << "0,1,2";
        QTest::newRow("regex case-insensitive") << "key ~ /^hello$/i"
                                                << "5";
        QTest::newRow("regex case-sensitive") << "key ~ /^hello$/"
                                              << "";
        QTest::newRow("regex string") << "key ~ \"0002$\""
                                      << "1";
        QTest::newRow("regex negated") << "key !~ /order/"
                                       << "3,4,5,6,7";
        QTest::newRow("regex matches keyword") << "value matches /raw/"
                                               << "4";
        QTest::newRow("regex escaped slash") << "value ~ /JSON: \\{/"
                                             << "5";
        QTest::newRow("key in") << "key in (\"Hello\", \"order-0002\")"
                                << "1,5";
        QTest::newRow("shorthand string") << "\"order-0002\""
                                          << "1";
        QTest::newRow("shorthand regex") << "/HELLO|raw/i"
                                         << "4,5";
        QTest::newRow("bare word, any case") << "hello"
                                             << "5";
        QTest::newRow("bare number") << "00042"
                                     << "0";
        QTest::newRow("bare word and a condition") << "order and partition == 0"
                                                   << "0";
        QTest::newRow("bare words or'ed") << "(HELLO or raw)"
                                          << "4,5";
        // JSON paths
        QTest::newRow("json string ==") << "value.user_id == \"00042\""
                                        << "0";
        QTest::newRow("json string == with spaces in doc") << "value.user_id == \"00007\""
                                                           << "1";
        QTest::newRow("json number >") << "value.total_price > 1000"
                                       << "1";
        QTest::newRow("json number >= fraction") << "value.total_price >= 300.5"
                                                 << "0,1";
        QTest::newRow("json number <") << "value.total_price < 300.5"
                                       << "";
        QTest::newRow("json number == integer vs 1500") << "value.total_price == 1500"
                                                        << "1";
        QTest::newRow("json number == exponent") << "value.total_price == 1.5e3"
                                                 << "1";
        QTest::newRow("json string vs number is strict") << "value.user_id == \"42\""
                                                         << "";
        QTest::newRow("json number vs string is strict") << "value.user_id == 42"
                                                         << "6";
        QTest::newRow("json any element") << "value.items[*].product_id == \"535\""
                                          << "0,1";
        QTest::newRow("json any element other") << "value.items[*].product_id == \"100\""
                                                << "1";
        QTest::newRow("json index") << "value.items[1].product_id == \"535\""
                                    << "1";
        QTest::newRow("json index 0") << "value.items[0].product_id == \"535\""
                                      << "0";
        QTest::newRow("json index out of range") << "value.items[5].product_id exists"
                                                 << "";
        QTest::newRow("json != includes missing") << "value.user_id != \"00042\""
                                                  << "1,2,3,4,5,6,7";
        QTest::newRow("json exists") << "value.user_id exists"
                                     << "0,1,6";
        QTest::newRow("json not exists") << "value.order_id not exists"
                                         << "2,3,4,5,6,7";
        QTest::newRow("json null") << "value.gift is null"
                                   << "0";
        QTest::newRow("json == null") << "value.gift == null"
                                      << "0";
        QTest::newRow("json bool") << "value.paid == true"
                                   << "0";
        QTest::newRow("json bool false") << "value.paid == false"
                                         << "1";
        QTest::newRow("json empty array") << "value.tags is empty"
                                          << "1";
        QTest::newRow("json escaped string") << "value.note == \"café \\\"x\\\"\""
                                             << "0";
        QTest::newRow("json contains in escaped") << "value.note contains \"é \\\"\""
                                                  << "0";
        QTest::newRow("json regex on string") << "value.user_id ~ /^000/"
                                              << "0,1";
        QTest::newRow("json regex on number") << "value.user_id ~ /^4/"
                                              << "6";
        QTest::newRow("json string order") << "value.order_id > \"0001\""
                                           << "1";
        QTest::newRow("json deep path") << "value.a.b[1][1].c == \"deep\""
                                        << "6";
        QTest::newRow("json deep any") << "value.a.b[*][*].c == \"deep\""
                                       << "6";
        QTest::newRow("json deep number") << "value.a.b[0][1] == 2"
                                          << "6";
        QTest::newRow("json quoted member") << "value[\"odd name\"] == 5"
                                            << "6";
        QTest::newRow("json root array") << "value[*].id >= 3"
                                         << "7";
        QTest::newRow("json on the key") << "key.tenant == \"a\""
                                         << "6";
        QTest::newRow("json on text is no match") << "value.user_id exists and key == \"Hello\""
                                                  << "";
        QTest::newRow("json in") << "value.user_id in (\"00007\", \"00042\")"
                                 << "0,1";
        // headers
        QTest::newRow("header exists") << "header.source exists"
                                       << "0";
        QTest::newRow("header with dash") << "header.trace-id == \"abc\""
                                          << "0";
        QTest::newRow("header bracket") << "header[\"trace-id\"] contains \"b\""
                                        << "0";
        QTest::newRow("header not exists") << "header.source not exists"
                                           << "1,2,3,4,5,6,7";
        QTest::newRow("header repeated, first") << "header.dup == \"1\""
                                                << "1";
        QTest::newRow("header repeated, second") << "header.dup == \"2\""
                                                 << "1";
        QTest::newRow("header null value") << "header.n is null"
                                           << "1";
        QTest::newRow("header null exists") << "header.n exists"
                                            << "1";
        QTest::newRow("header regex") << "header.source ~ /^w/"
                                      << "0";
        // numbers
        QTest::newRow("partition ==") << "partition == 1"
                                      << "1,4,7";
        QTest::newRow("partition in") << "partition in (0, 2)"
                                      << "0,2,3,5,6";
        QTest::newRow("partition not in") << "partition not in (0, 2)"
                                          << "1,4,7";
        QTest::newRow("offset range") << "offset >= 12 and offset < 15"
                                      << "2,3,4";
        QTest::newRow("offset <=") << "offset <= 11"
                                   << "0,1";
        QTest::newRow("offset >") << "offset > 16"
                                  << "7";
        QTest::newRow("size") << "size > 100"
                              << "0,1";
        QTest::newRow("size == 0") << "size == 0"
                                   << "3";
        QTest::newRow("size of a tombstone counts its key") << "size == 10 and value is null"
                                                            << "2";
        // logic
        QTest::newRow("and") << "partition == 0 and key exists"
                             << "0,6";
        QTest::newRow("&&") << "partition == 0 && key exists"
                            << "0,6";
        QTest::newRow("or") << "partition == 2 or offset == 10"
                            << "0,2,5";
        QTest::newRow("||") << "partition == 2 || offset == 10"
                            << "0,2,5";
        QTest::newRow("and binds tighter than or") << "offset == 10 or offset == 11 and partition == 0"
                                                   << "0";
        QTest::newRow("parentheses") << "(offset == 10 or offset == 11) and partition == 1"
                                     << "1";
        QTest::newRow("not") << "not partition == 0"
                             << "1,2,4,5,7";
        QTest::newRow("!") << "!(partition == 0)"
                           << "1,2,4,5,7";
        QTest::newRow("not not") << "not not partition == 0"
                                 << "0,3,6";
        QTest::newRow("keywords any case") << "PARTITION == 0 AND Key IS NOT NULL"
                                           << "0,6";
        QTest::newRow("newlines") << "partition == 0\n  and\tkey exists"
                                  << "0,6";
    }
    void matching()
    {
        QFETCH(QString, filter);
        QFETCH(QString, expected);
        const RecordFilter f = RecordFilter::parse(filter, berlin());
        QVERIFY2(f.isValid(), qPrintable(f.error() ? f.error()->toString() : QString()));
        QCOMPARE(selected(f), expected);
    }

    void timestamps_data()
    {
        // Record 0 is at 2026-12-06 10:00 +01:00 (Berlin in winter), record 1 at 10:01, record 2
        // a day later; the others at 0 (1970).
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("expected");
        QTest::newRow("minute ==") << "timestamp == \"2026-12-06 10:00\""
                                   << "0";
        QTest::newRow("day == is the whole day") << "timestamp == \"2026-12-06\""
                                                 << "0,1";
        QTest::newRow(">= minute") << "timestamp >= \"2026-12-06 10:01\""
                                   << "1,2";
        QTest::newRow("> minute means after it") << "timestamp > \"2026-12-06 10:00\""
                                                 << "1,2";
        QTest::newRow("<= day") << "timestamp <= \"2026-12-06\" and timestamp > 0"
                                << "0,1";
        QTest::newRow("< day") << "timestamp < \"2026-12-07\" and timestamp > 0"
                               << "0,1";
        QTest::newRow("seconds") << "timestamp == \"2026-12-06 10:01:00\""
                                 << "1";
        QTest::newRow("milliseconds") << "timestamp == \"2026-12-06T10:01:00.000\""
                                      << "1";
        QTest::newRow("explicit UTC") << "timestamp == \"2026-12-06 09:00Z\""
                                      << "0";
        QTest::newRow("explicit offset") << "timestamp == \"2026-12-06 11:00+02:00\""
                                         << "0";
        QTest::newRow("zone shifts the day") << "timestamp == \"2026-12-06 09:00\""
                                             << "";
        QTest::newRow("epoch milliseconds") << "timestamp == 0"
                                            << "3,4,5,6,7";
        QTest::newRow("time alias") << "time >= \"2026-12-07\""
                                    << "2";
    }
    void timestamps()
    {
        QFETCH(QString, filter);
        QFETCH(QString, expected);
        const RecordFilter f = RecordFilter::parse(filter, berlin());
        QVERIFY2(f.isValid(), qPrintable(f.error() ? f.error()->toString() : QString()));
        QVERIFY(f.usesTimestamps());
        QCOMPARE(selected(f), expected);
    }

    void timeZoneIsInjected()
    {
        FilterOptions utc;
        utc.timeZone = QTimeZone::utc();
        QCOMPARE(selected(RecordFilter::parse(QStringLiteral("timestamp == \"2026-12-06 09:00\""), utc)),
                 QStringLiteral("0"));
        QCOMPARE(RecordFilter::parse(QStringLiteral("offset == 1"), utc).timeZoneLabel(), QStringLiteral("UTC+00:00"));
        FilterOptions kolkata;
        kolkata.timeZone = QTimeZone(QByteArrayLiteral("Asia/Kolkata"));
        QCOMPARE(RecordFilter::parse(QStringLiteral("offset == 1"), kolkata).timeZoneLabel(),
                 QStringLiteral("Asia/Kolkata (UTC+05:30)"));
        QVERIFY(!RecordFilter::parse(QStringLiteral("offset == 1"), utc).usesTimestamps());
    }

    void dstDayIsMidnightToMidnight()
    {
        // 2026-03-29 in Berlin has 23 hours: "== day" must end at the next local midnight.
        Record late;
        late.key = QByteArray("k");
        late.timestampMs = QDateTime(QDate(2026, 3, 29), QTime(23, 30), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
        QVERIFY(RecordFilter::parse(QStringLiteral("timestamp == \"2026-03-29\""), berlin()).matches(late));
        QVERIFY(!RecordFilter::parse(QStringLiteral("timestamp == \"2026-03-30\""), berlin()).matches(late));
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown field") << "vaule == 1" << 0 << "unknown field 'vaule'";
        QTest::newRow("missing operator") << "value.total_price 1000" << 18 << "expected an operator";
        QTest::newRow("operator at end") << "key" << 3 << "expected an operator";
        QTest::newRow("single =") << "key = \"x\"" << 4 << "'=='";
        QTest::newRow("unterminated string") << "key == \"abc" << 7 << "not closed";
        QTest::newRow("unterminated regex") << "key ~ /abc" << 6 << "not closed";
        QTest::newRow("bad regex") << "key ~ /a(/" << 6 << "invalid regular expression";
        QTest::newRow("bad regex flag") << "key ~ /a/q" << 9 << "flag 'q'";
        QTest::newRow("bad escape") << "key == \"a\\q\"" << 9 << "unknown escape";
        QTest::newRow("bad hex escape") << "key == \"\\xZZ\"" << 8 << "two hex digits";
        QTest::newRow("missing right side") << "key ==" << 6 << "expected a quoted string";
        QTest::newRow("unquoted string") << "key == abc" << 7 << "write \"abc\"";
        QTest::newRow("key == null") << "key == null" << 7 << "key is null";
        QTest::newRow("partition needs a number") << "partition == \"1\"" << 13 << "whole number";
        QTest::newRow("partition fraction") << "partition == 1.5" << 13 << "whole number";
        QTest::newRow("offset contains") << "offset contains \"1\"" << 7 << "cannot be used";
        QTest::newRow("bytes have no order") << "key > \"a\"" << 4 << "no order";
        QTest::newRow("bad time") << "timestamp > \"yesterday\"" << 12 << "is not a time";
        QTest::newRow("bad date") << "timestamp > \"2026-13-01\"" << 12 << "is not a time";
        QTest::newRow("unbalanced (") << "(partition == 1" << 15 << "expected ')'";
        QTest::newRow("unbalanced )") << "partition == 1)" << 14 << "without a matching '('";
        QTest::newRow("dangling and") << "partition == 1 and" << 18 << "expected a condition";
        QTest::newRow("dangling not") << "not" << 3 << "expected a condition";
        QTest::newRow("bare word then another") << "alice bob" << 6 << "expected 'and', 'or'";
        QTest::newRow("bare field name") << "offset" << 6 << "expected an operator";
        QTest::newRow("two conditions") << "partition == 1 offset == 2" << 15 << "expected 'and', 'or'";
        QTest::newRow("bad character") << "partition == 1 # x" << 15 << "unexpected character";
        QTest::newRow("single &") << "partition == 1 & offset == 2" << 15 << "'&&'";
        QTest::newRow("path needs a name") << "value. == 1" << 6 << "JSON member name";
        QTest::newRow("bad index") << "value.items[x] == 1" << 12 << "inside [ ]";
        QTest::newRow("unclosed index") << "value.items[0 == 1" << 14 << "expected ']'";
        QTest::newRow("header without name") << "header exists" << 7 << "header name";
        QTest::newRow("empty in list") << "partition in ()" << 14 << "whole number";
        QTest::newRow("in without (") << "partition in 1" << 13 << "expected '('";
        QTest::newRow("is what") << "value is nothing" << 9 << "'null' or 'empty'";
        QTest::newRow("number glued to letters") << "offset == 12abc" << 10 << "not a number";
        QTest::newRow("json bool ordering") << "value.a > true" << 10 << "number or a quoted string";
        QTest::newRow("deep nesting") << QString(200, QLatin1Char('(')) << 101 << "nested too deeply";
        QTest::newRow("not not not...") << QString(QStringLiteral("not ")).repeated(150) << 404 << "nested too deeply";
    }
    void syntaxErrors()
    {
        QFETCH(QString, filter);
        QFETCH(int, position);
        QFETCH(QString, messagePart);
        const RecordFilter f = RecordFilter::parse(filter, berlin());
        QVERIFY(!f.isValid());
        QVERIFY(f.error().has_value());
        QVERIFY2(f.error()->message.contains(messagePart), qPrintable(f.error()->message));
        QCOMPARE(f.error()->position, position);
        QVERIFY(f.error()->toString().startsWith(QStringLiteral("column %1: ").arg(position + 1)));
        // An invalid filter never silently matches: it matches nothing and says so.
        QVERIFY(!f.isEmpty());
        QCOMPARE(selected(f), QString());
        QCOMPARE(f.matchesSummary(RecordSummary{}, 0), SummaryMatch::No);
    }

    void summaries_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("record");
        QTest::addColumn<int>("expected"); // SummaryMatch
        const int no = int(SummaryMatch::No), yes = int(SummaryMatch::Yes), needs = int(SummaryMatch::NeedsRecord);
        QTest::newRow("partition yes") << "partition == 1" << 1 << yes;
        QTest::newRow("partition no") << "partition == 1" << 0 << no;
        QTest::newRow("offset") << "offset >= 12" << 1 << no;
        QTest::newRow("size") << "size > 100" << 0 << yes;
        QTest::newRow("tombstone") << "value is null" << 2 << yes;
        QTest::newRow("not tombstone") << "value is null" << 0 << no;
        QTest::newRow("null key") << "key is null" << 3 << yes;
        QTest::newRow("key hash rules out") << "key == \"order-0002\"" << 0 << no;
        QTest::newRow("key hash agrees") << "key == \"order-0001\"" << 0 << needs;
        QTest::newRow("key on null key") << "key contains \"x\"" << 3 << no;
        QTest::newRow("value needs bytes") << "value contains \"x\"" << 0 << needs;
        QTest::newRow("json on tombstone") << "value.x == 1" << 2 << no;
        QTest::newRow("and decides on No") << "partition == 2 and value contains \"x\"" << 0 << no;
        QTest::newRow("and undecided") << "partition == 0 and value contains \"x\"" << 0 << needs;
        QTest::newRow("or decides on Yes") << "partition == 0 or value contains \"x\"" << 0 << yes;
        QTest::newRow("not of undecided") << "not value contains \"x\"" << 0 << needs;
        QTest::newRow("not of no") << "not partition == 2" << 0 << yes;
        QTest::newRow("empty value") << "value is empty" << 3 << yes;
    }
    void summaries()
    {
        QFETCH(QString, filter);
        QFETCH(int, record);
        QFETCH(int, expected);
        const RecordFilter f = RecordFilter::parse(filter, berlin());
        QVERIFY(f.isValid());
        const Record r = sample().at(size_t(record));
        RecordSummary s;
        s.offset = r.offset;
        s.timestampMs = r.timestampMs;
        s.keyIsNull = !r.key;
        s.keyHash = r.key ? murmur2(r.key->constData(), size_t(r.key->size())) : 0;
        s.valueIsNull = !r.value;
        s.size = quint32(payloadSize(r.key) + payloadSize(r.value));
        QCOMPARE(int(f.matchesSummary(s, r.partition)), expected);
        // A decided summary never contradicts the record.
        if (expected != int(SummaryMatch::NeedsRecord))
            QCOMPARE(f.matches(r), expected == int(SummaryMatch::Yes));
    }

    void bounds()
    {
        const auto b =
            RecordFilter::parse(QStringLiteral("partition in (2, 0, 2) and offset >= 100 and offset < 200 "
                                               "and offset > 120 and timestamp >= 5 and value contains \"x\""))
                .bounds();
        QCOMPARE(b.partitions, std::optional<std::vector<int>>(std::vector<int>{0, 2}));
        QCOMPARE(b.minOffset, std::optional<qint64>(121));
        QCOMPARE(b.maxOffset, std::optional<qint64>(199));
        QCOMPARE(b.minTimeMs, std::optional<qint64>(5));
        QCOMPARE(b.maxTimeMs, std::nullopt);
        // An "or" at the top bounds nothing.
        const auto loose = RecordFilter::parse(QStringLiteral("offset >= 100 or partition == 1")).bounds();
        QVERIFY(!loose.partitions && !loose.minOffset && !loose.maxOffset);
        // A negated range bounds nothing either.
        QVERIFY(!RecordFilter::parse(QStringLiteral("not offset >= 100")).bounds().minOffset);
        const auto single = RecordFilter::parse(QStringLiteral("partition == 1 and partition == 2")).bounds();
        QCOMPARE(single.partitions, std::optional<std::vector<int>>(std::vector<int>{}));
    }

    void needsPayload()
    {
        QVERIFY(!RecordFilter::parse(QStringLiteral("partition == 1 and offset > 5")).needsPayload());
        QVERIFY(RecordFilter::parse(QStringLiteral("partition == 1 and header.x exists")).needsPayload());
        QVERIFY(RecordFilter::parse(QStringLiteral("\"x\"")).needsPayload());
        QVERIFY(!RecordFilter().needsPayload());
        QVERIFY(RecordFilter().isEmpty());
        QVERIFY(RecordFilter().matches(Record{}));
    }

    void copiesShareAndOutlive()
    {
        RecordFilter copy;
        {
            const RecordFilter original = RecordFilter::parse(QStringLiteral("key == \"order-0002\""));
            copy = original;
        }
        QCOMPARE(selected(copy), QStringLiteral("1"));
    }

    void jsonScanner_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path"); // a filter path after "value"
        QTest::addColumn<QStringList>("found");
        QTest::newRow("member") << QByteArray("{\"a\":1}") << ".a" << strings({"1"});
        QTest::newRow("spaces") << QByteArray(" \n{ \"a\" :\t[ 1 , \"x\" ] } ") << ".a" << strings({"[ 1 , \"x\" ]"});
        QTest::newRow("all elements") << QByteArray("{\"a\":[1,\"x\",{\"b\":2},null]}") << ".a[*]"
                                      << strings({"1", "\"x\"", "{\"b\":2}", "null"});
        QTest::newRow("duplicate members") << QByteArray("{\"a\":1,\"a\":2}") << ".a" << strings({"1", "2"});
        QTest::newRow("escaped member name") << QByteArray("{\"\\u0061\":7}") << ".a" << strings({"7"});
        QTest::newRow("brackets in strings") << QByteArray("{\"s\":\"}]{[\",\"a\":3}") << ".a" << strings({"3"});
        QTest::newRow("escaped quote in skipped string")
            << QByteArray("{\"s\":\"\\\"}\",\"a\":4}") << ".a" << strings({"4"});
        QTest::newRow("truncated") << QByteArray("{\"s\":\"x\",\"a\"") << ".a" << strings({});
        QTest::newRow("truncated value") << QByteArray("{\"a\":[1,2") << ".a" << strings({});
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << ".a" << strings({});
        QTest::newRow("not an object") << QByteArray("[1]") << ".a" << strings({});
        QTest::newRow("empty") << QByteArray() << ".a" << strings({});
        QTest::newRow("garbage") << QByteArray("\xff\x00{", 3) << ".a" << strings({});
        QTest::newRow("found before garbage") << QByteArray("{\"a\":1,") << ".a" << strings({"1"});
    }
    void jsonScanner()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        QFETCH(QStringList, found);
        // The path is parsed by the filter language (value<path> exists), then read back by
        // running the scanner through a filter that collects nothing but says whether it saw.
        QStringList seen;
        std::vector<jsonscan::PathSegment> segments;
        if (path == QLatin1String(".a")) {
            segments = {{jsonscan::PathSegment::Kind::Member, "a", 0}};
        } else {
            segments = {{jsonscan::PathSegment::Kind::Member, "a", 0}, {jsonscan::PathSegment::Kind::AnyIndex, {}, 0}};
        }
        jsonscan::forEachAtPath(json, segments, [&seen](QByteArrayView v) {
            seen << QString::fromUtf8(v);
            return false;
        });
        QCOMPARE(seen, found);
        Record r;
        r.value = json;
        QCOMPARE(RecordFilter::parse(QStringLiteral("value") + path + QStringLiteral(" exists")).matches(r),
                 !found.isEmpty());
    }

    void jsonStrings()
    {
        QCOMPARE(jsonscan::decodeString("\"a\\u00e9\\n\\\"\\\\\\/\""), std::optional<QByteArray>("a\xc3\xa9\n\"\\/"));
        QCOMPARE(jsonscan::decodeString("\"\\ud83d\\ude00\""), std::optional<QByteArray>("\xf0\x9f\x98\x80"));
        QCOMPARE(jsonscan::decodeString("\"\\ud83d\""), std::optional<QByteArray>("\xef\xbf\xbd"));
        QCOMPARE(jsonscan::decodeString("\"\\x\""), std::nullopt);
        QCOMPARE(jsonscan::decodeString("\"\\u12\""), std::nullopt);
        QCOMPARE(jsonscan::decodeString("\"a\"b\""), std::nullopt);
        QCOMPARE(jsonscan::decodeString("\""), std::nullopt);
        QCOMPARE(jsonscan::parseNumber("-1.5e2"), std::optional<double>(-150));
        QCOMPARE(jsonscan::parseNumber("+1"), std::nullopt);
        QCOMPARE(jsonscan::parseNumber("1x"), std::nullopt);
        QCOMPARE(jsonscan::parseNumber("inf"), std::nullopt);
    }

    // The search under `contains` (core/ByteSearch) against std::search: every needle length
    // around the 16-byte blocks it tests at once, at every position, with near misses (first
    // and last byte right, a middle one wrong), and inside a view of a longer buffer that
    // holds the rest of the needle just past the view's end (never read past the view).
    void byteFinderFindsWhatStdSearchFinds()
    {
        int compared = 0;
        for (int k : {1, 2, 3, 5, 15, 16, 17, 31, 33}) {
            QByteArray needle(k, 'b');
            needle[0] = '0';
            needle[k - 1] = '2';
            const ByteFinder finder(needle);
            for (int n = 0; n <= 80; ++n) {
                for (int at = -1; at <= n; ++at) {
                    QByteArray nearMiss = needle; // wrong at one middle byte, a different one each time
                    if (k > 2)
                        nearMiss[1 + (n + at + 1) % (k - 2)] = 'x';
                    // Filler of the needle's own first and last bytes, a near miss, then the
                    // needle at `at` (cut by the view's end when it does not fit: the buffer
                    // holds all of it, the view only n bytes).
                    QByteArray buffer(n + k, '0');
                    for (int i = 0; i < buffer.size(); i += 3)
                        buffer[i] = '2';
                    if (k > 2 && n >= k && at != 0)
                        buffer.replace(0, k, nearMiss);
                    if (at >= 0)
                        buffer.replace(at, k, needle);
                    const QByteArrayView view(buffer.constData(), n);
                    const auto found = std::search(view.begin(), view.end(), needle.begin(), needle.end());
                    const qsizetype expected = found == view.end() ? -1 : found - view.begin();
                    const qsizetype actual = finder.indexIn(view);
                    if (actual != expected)
                        QFAIL(qPrintable(QStringLiteral("needle of %1 bytes in %2 bytes %3: found at %4, expected %5")
                                             .arg(k)
                                             .arg(n)
                                             .arg(QString::fromLatin1(view.toByteArray()))
                                             .arg(actual)
                                             .arg(expected)));
                    ++compared;
                }
            }
        }
        QVERIFY(compared > 20000);
        QCOMPARE(ByteFinder(QByteArray()).indexIn("abc"), qsizetype(0));
        QCOMPARE(ByteFinder("abc").indexIn(QByteArrayView()), qsizetype(-1));
        QCOMPARE(ByteFinder(QByteArray("\0\xff", 2)).indexIn(QByteArrayView("a\0\0\xff", 4)), qsizetype(2));
    }

    // `contains` on long records: a needle that spans the key/value boundary is not in either,
    // one that ends at the value's last byte is.
    void containsAtTheEdges()
    {
        const QByteArray filler(40, 'x');
        Record r;
        r.key = filler + "order-00";
        r.value = QByteArray("042-") + filler + "tail-00042";
        auto matches = [&r](const char *filter) { return RecordFilter::parse(QString::fromUtf8(filter)).matches(r); };
        QVERIFY(!matches(R"("order-00042")"));
        QVERIFY(!matches(R"("00-042")"));
        QVERIFY(matches(R"("order-00")"));
        QVERIFY(matches(R"(value contains "tail-00042")"));
        QVERIFY(matches(R"(value contains "2")"));
        QVERIFY(!matches(R"(value contains "tail-000420")"));
        QVERIFY(!matches(R"(key contains "order-000")"));
        QVERIFY(matches(R"(key contains "x order-00")") == false);
        r.value = QByteArray("y") + filler; // the needle's bytes only in the key
        QVERIFY(!matches(R"(value contains "order")"));
    }

    // Skipping JSON the path does not need, with quotes, escapes and brackets at every position
    // relative to the scanner's 16-byte blocks: only the wanted member is found, whole.
    void jsonSkipsAcrossBlocks()
    {
        int checked = 0;
        for (int pad = 0; pad < 40; ++pad) {
            const QByteArray p(pad, 'p');
            for (const QByteArray &tricky :
                 {QByteArray("\\\""), QByteArray("\\\\"), QByteArray("}]"), QByteArray("\\\\\\\""),
                  QByteArray("{[\\\"a\\\":1"), QByteArray("\\u0022")}) {
                const QByteArray json = "{\"s\":\"" + p + tricky + p + "\",\"arr\":[{\"k\":\"" + p + tricky +
                                        "\"},[\"" + tricky + "]\",{}],\"" + p + "\"],\"a" + p +
                                        "x\":0,\"n\":{\"a\":" + QByteArray::number(pad) + "},\"a\":[" +
                                        QByteArray::number(pad) + ",\"" + tricky + "\"]}";
                QStringList seen;
                jsonscan::forEachAtPath(json, {{jsonscan::PathSegment::Kind::Member, "a", 0}},
                                        [&seen](QByteArrayView v) {
                                            seen << QString::fromUtf8(v);
                                            return false;
                                        });
                const QString expected = QStringLiteral("[%1,\"%2\"]").arg(pad).arg(QString::fromUtf8(tricky));
                QVERIFY2(seen == QStringList{expected}, json.constData());
                Record r;
                r.value = json;
                QVERIFY2(RecordFilter::parse(QStringLiteral("value.a[0] == %1").arg(pad)).matches(r), json.constData());
                QVERIFY2(!RecordFilter::parse(QStringLiteral("value.a[0] == %1").arg(pad + 1)).matches(r),
                         json.constData());
                // An escaped member name of the same length as the wanted one is not it.
                r.value = "{\"" + p + "\\n\":1,\"" + p + "nn\":2}";
                QVERIFY(!RecordFilter::parse(QStringLiteral("value.%1nn == 1").arg(QString::fromLatin1(p))).matches(r));
                QVERIFY(RecordFilter::parse(QStringLiteral("value.%1nn == 2").arg(QString::fromLatin1(p))).matches(r));
                ++checked;
            }
        }
        QCOMPARE(checked, 240);
        // A string cut short inside an escape, past a 16-byte block: no value, never a read past it.
        const QByteArray cut = "{\"s\":\"" + QByteArray(30, 'q') + "\\";
        Record r;
        r.value = cut;
        QVERIFY(!RecordFilter::parse(QStringLiteral("value.s exists")).matches(r));
        // A member name whose bytes equal the wanted name's but hold an escape is not it:
        // "a\b" in JSON is a and a backspace.
        r.value = QByteArray(R"({"a\b":1,"c":2})");
        QVERIFY(!RecordFilter::parse(QStringLiteral(R"(value["a\\b"] == 1)")).matches(r));
        r.value = QByteArray(R"({"a\\b":1,"c":2})");
        QVERIFY(RecordFilter::parse(QStringLiteral(R"(value["a\\b"] == 1)")).matches(r));
    }

    // Skipping objects and arrays, against the one-byte-at-a-time reference, on random bytes
    // made of what matters to it (brackets, quotes, backslashes) and filler, from every
    // opening bracket: malformed and truncated input included.
    void jsonSkipMatchesTheReference()
    {
        const char alphabet[] = "{}[]\"\\\\aaaaaaaa,:";
        quint64 state = 15;
        int compared = 0, closed = 0;
        for (int round = 0; round < 3000; ++round) {
            QByteArray json;
            const int length = 1 + int(state % 120);
            for (int i = 0; i < length; ++i) {
                state = state * 6364136223846793005ULL + 1442695040888963407ULL;
                json.append(alphabet[(state >> 33) % (sizeof(alphabet) - 1)]);
            }
            for (qsizetype at = 0; at < json.size(); ++at) {
                if (json[at] != '{' && json[at] != '[')
                    continue;
                const qsizetype expected = referenceSkip(json, at);
                const qsizetype actual = jsonscan::skipValue(json, at);
                if (actual != expected)
                    QFAIL(qPrintable(QStringLiteral("%1 from %2: %3, expected %4")
                                         .arg(QString::fromLatin1(json))
                                         .arg(at)
                                         .arg(actual)
                                         .arg(expected)));
                ++compared;
                closed += expected >= 0 ? 1 : 0;
            }
        }
        QVERIFY(compared > 10000);
        QVERIFY(closed > compared / 10); // not only truncated input
    }

    // Numbers compare as numbers, whatever their spelling.
    void jsonNumbers_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("expected");
        QTest::newRow("1e3 == 1000") << QByteArray("1e3") << "value.n == 1000" << true;
        QTest::newRow("1e3 not > 1000") << QByteArray("1e3") << "value.n > 1000" << false;
        QTest::newRow("1E+3 >= 1000") << QByteArray("1E+3") << "value.n >= 1000" << true;
        QTest::newRow("1000.0 == 1000") << QByteArray("1000.0") << "value.n == 1000" << true;
        QTest::newRow("1000.0 not > 1000") << QByteArray("1000.0") << "value.n > 1000" << false;
        QTest::newRow("1000.01 > 1000") << QByteArray("1000.01") << "value.n > 1000" << true;
        QTest::newRow("999.999 < 1000") << QByteArray("999.999") << "value.n < 1000" << true;
        QTest::newRow("-0 == 0") << QByteArray("-0") << "value.n == 0" << true;
        QTest::newRow("-0 not < 0") << QByteArray("-0") << "value.n < 0" << false;
        QTest::newRow("-1000.5 < -1000") << QByteArray("-1000.5") << "value.n < -1000" << true;
        QTest::newRow("0.1e-2 == 0.001") << QByteArray("0.1e-2") << "value.n == 0.001" << true;
        QTest::newRow("big integer") << QByteArray("123456789012345678901234567890") << "value.n > 1e29" << true;
        QTest::newRow("string is not a number") << QByteArray("\"1000\"") << "value.n == 1000" << false;
        QTest::newRow("1000x is not a number") << QByteArray("1000x") << "value.n == 1000" << false;
        QTest::newRow("+1000 is not a number") << QByteArray("+1000") << "value.n == 1000" << false;
    }
    void jsonNumbers()
    {
        QFETCH(QByteArray, number);
        QFETCH(QString, filter);
        QFETCH(bool, expected);
        Record r;
        r.value = "{\"items\":[{\"price\":1}],\"n\":" + number + "}";
        const RecordFilter f = RecordFilter::parse(filter);
        QVERIFY2(f.isValid(), qPrintable(f.error() ? f.error()->toString() : QString()));
        QCOMPARE(f.matches(r), expected);
        r.value = "{\"n\" : " + number + " }";
        QCOMPARE(f.matches(r), expected);
    }

    void concurrentMatching()
    {
        // One parsed filter, evaluated from several threads at once (the scan's workers do).
        const RecordFilter f =
            RecordFilter::parse(QStringLiteral("value.items[*].product_id == \"535\" or key ~ /hel/i"));
        const auto records = sample();
        std::atomic<int> total{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&f, &records, &total] {
                for (int i = 0; i < 500; ++i)
                    for (const Record &r : records)
                        total += f.matches(r) ? 1 : 0;
            });
        for (auto &t : threads)
            t.join();
        QCOMPARE(total.load(), 4 * 500 * 3);
    }
};

QTEST_GUILESS_MAIN(TestRecordFilter)
#include "tst_recordfilter.moc"
