// The one "is this text?" answer (exactUtf8Text) and the JSON-lines record schema
// (docs/json-lines.md): exact bytes, null vs empty, ordered repeated headers, round trip.

#include "core/JsonLines.h"
#include "core/Order.h"
#include "core/ProduceLogic.h"
#include "core/ProducerJob.h"
#include "core/RecordFormat.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

class TestJsonLines final : public QObject {
    Q_OBJECT

private slots:
    void exactUtf8Text_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("text");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("hello") << true;
        QTest::newRow("cyrillic") << QByteArray("\xd0\xb7\xd0\xb0\xd0\xba\xd0\xb0\xd0\xb7") << true;
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << true;
        QTest::newRow("CR") << QByteArray("a\rb") << true;
        QTest::newRow("BOM") << QByteArray("\xef\xbb\xbfk") << true;
        QTest::newRow("issue-10 bytes") << QByteArray("\xff\xfe\xc3\x28 raw") << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
        QTest::newRow("truncated sequence") << QByteArray("a\xe2\x82") << false;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    }
    void exactUtf8Text()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, text);
        const auto decoded = tidemark::exactUtf8Text(bytes);
        QCOMPARE(decoded.has_value(), text);
        if (decoded)
            QCOMPARE(decoded->toUtf8(), bytes);
    }

    void looksLikeTextRefusesControls()
    {
        QVERIFY(looksLikeText("a\tb\r\n"));
        QVERIFY(!looksLikeText(QByteArray("a\0b", 3)));
        QVERIFY(!looksLikeText("\xff"));
        QVERIFY(previewBytes("\xff\x01").startsWith(QLatin1String("0x")));
    }

    void lineSchema()
    {
        Record r;
        r.topic = QStringLiteral("t");
        r.partition = 2;
        r.offset = 7;
        r.timestampMs = 1700000000000;
        r.key = std::nullopt;
        r.value = QByteArray("\xff\xfe\xc3\x28 raw");
        r.headers = {{"dup", QByteArray("1")}, {"dup", QByteArray("2")}, {"n", std::nullopt}, {"\xff", QByteArray()}};
        QCOMPARE(recordToJsonLine(r),
                 QByteArray(R"({"topic":"t","partition":2,"offset":7,"timestamp":1700000000000,"key":null,)"
                            R"("value_base64":"//7DKCByYXc=","headers":[{"key":"dup","value":"1"},)"
                            R"({"key":"dup","value":"2"},{"key":"n","value":null},{"key_base64":"/w==","value":""}]})"
                            "\n"));
        r.key = QByteArray();
        r.value = QByteArray("a\0\"b\r", 5);
        r.headers.clear();
        QCOMPARE(recordToJsonLine(r),
                 QByteArray(R"({"topic":"t","partition":2,"offset":7,"timestamp":1700000000000,"key":"",)"
                            "\"value\":\"a\\u0000\\\"b\\r\",\"headers\":[]}"
                            "\n"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<Record>("record");
        Record plain;
        plain.topic = QStringLiteral("t");
        plain.partition = 0;
        plain.offset = 1;
        plain.timestampMs = 5;
        plain.key = QByteArray("k");
        plain.value = QByteArray("v");
        QTest::newRow("plain") << plain;
        Record binary = plain;
        binary.key = QByteArray("\0\xff", 2);
        binary.value = QByteArray("\xef\xbb\xbf\x00\x80", 5);
        binary.headers = {{"a", QByteArray("\xff")}, {"a", std::nullopt}, {"", QByteArray()}, {"a", QByteArray("x")}};
        QTest::newRow("binary, repeated headers") << binary;
        Record nullKey = plain;
        nullKey.key.reset();
        nullKey.value = QByteArray();
        QTest::newRow("null key, empty value") << nullKey;
        Record tombstone = plain;
        tombstone.value = std::nullopt;
        QTest::newRow("tombstone") << tombstone;
        Record nullBoth = nullKey;
        nullBoth.value = std::nullopt;
        QTest::newRow("null key, tombstone") << nullBoth;
    }

    // A tombstone prints as "value":null, never as "" (issue 10 item 2), and "value":null
    // reads back as a tombstone.
    void tombstoneIsValueNull()
    {
        Record r;
        r.topic = QStringLiteral("t");
        r.key = QByteArray("k");
        r.value = std::nullopt;
        const QByteArray line = recordToJsonLine(r);
        QVERIFY2(line.contains(R"("key":"k","value":null,)"), line.constData());
        r.value = QByteArray();
        QVERIFY(recordToJsonLine(r).contains(R"("value":"",)"));
        const auto read = outgoingRecordFromJsonLine(R"({"key":"k","value":null})");
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QVERIFY(!read->value.has_value());
        const auto empty = outgoingRecordFromJsonLine(R"({"key":"k","value":""})");
        QVERIFY(empty.ok());
        QCOMPARE(empty->value, std::optional<QByteArray>(QByteArray()));
    }
    void roundTrip()
    {
        QFETCH(Record, record);
        const auto out = outgoingRecordFromJsonLine(recordToJsonLine(record));
        QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
        QCOMPARE(out->key, record.key);
        QCOMPARE(out->value, record.value);
        QCOMPARE(out->headers, record.headers);
        QCOMPARE(out->partition, record.partition);
        QCOMPARE(out->timestampMs, record.timestampMs);
    }

    void badLinesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("not JSON") << QByteArray("{");
        QTest::newRow("not an object") << QByteArray("[1]");
        QTest::newRow("no value") << QByteArray(R"({"key":"k"})");
        QTest::newRow("both value names") << QByteArray(R"({"value":"a","value_base64":"YQ=="})");
        QTest::newRow("bad base64") << QByteArray(R"({"value_base64":"!!"})");
        QTest::newRow("number value") << QByteArray(R"({"value":1})");
        QTest::newRow("unknown field") << QByteArray(R"({"value":"a","vaule":"b"})");
        QTest::newRow("headers object") << QByteArray(R"({"value":"a","headers":{"k":"v"}})");
        QTest::newRow("header without key") << QByteArray(R"({"value":"a","headers":[{"value":"v"}]})");
        QTest::newRow("negative partition") << QByteArray(R"({"value":"a","partition":-2})");
        QTest::newRow("NUL after the object") << QByteArray("{\"value\":\"a\"}\0{\"x\":1}", 21);
        QTest::newRow("NUL inside a string") << QByteArray("{\"value\":\"a\0b\"}", 15);
        QTest::newRow("invalid UTF-8 in a string") << QByteArray("{\"value\":\"\xff\"}");
        QTest::newRow("lone surrogate escape") << QByteArray("{\"value\":\"\\ud800\"}");
    }
    void badLinesAreErrors()
    {
        QFETCH(QByteArray, line);
        const auto out = outgoingRecordFromJsonLine(line);
        QVERIFY(!out.ok());
        QVERIFY(!out.error().message.isEmpty());
    }

    // The GUI's "Import JSON lines" read 'a line\0junk' as the JSON before the NUL (nlohmann's
    // lexer ends its input at a raw NUL) and dropped the rest.
    void importRefusesALineWithANul()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("in.jsonl")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("{\"user_id\":\"1\"}\n{\"user_id\":\"2\"}\0{\"x\":1}\n", 40));
        file.close();
        QStringList problems;
        const auto read = readJsonLines(file.fileName(), KeyChoice{}, &problems);
        QVERIFY(!read.ok());
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().endsWith(QLatin1String("line 2: malformed JSON at byte 16")),
                 qPrintable(problems.first()));
    }

    // Issue 10 item 8: pretty-printing recursed and grew with depth squared (20 KB of
    // "[[[...]]]" took 0.6 GB, 200 KB crashed). Counted in bytes of output, not time.
    void deepJsonIsShownBounded()
    {
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        QString kind;
        const QString shown = displayValue(deep, &kind);
        QCOMPARE(kind, QStringLiteral("text"));
        QCOMPARE(shown.size(), deep.size());
        QVERIFY(!prettyJson(deep).has_value());

        const QByteArray ok = QByteArray(64, '[') + QByteArray(64, ']');
        const auto pretty = prettyJson(ok);
        QVERIFY(pretty.has_value());
        QCOMPARE(pretty->count('\n'), 2 * 63);
        QVERIFY(!prettyJson(QByteArray(65, '[') + "1" + QByteArray(65, ']')).has_value());

        // Wide and nested: output stays within the 8 MiB cap or falls back to text.
        QByteArray wide = QByteArray(60, '[');
        for (int i = 0; i < 200000; ++i)
            wide += i ? ",1" : "1";
        wide += QByteArray(60, ']');
        const QString wideShown = displayValue(wide, &kind);
        QVERIFY(wideShown.size() <= (8 << 20) + 200);
    }

    void prettyJsonKeepsTokensAndLayout()
    {
        QCOMPARE(prettyJson(" {\"a\" : [1, 2.50, {}, [ ], \"x\\\"y,[]\"], \"b\":null} ").value_or(QByteArray()),
                 QByteArray("{\n  \"a\": [\n    1,\n    2.50,\n    {},\n    [],\n    \"x\\\"y,[]\"\n  ],\n"
                            "  \"b\": null\n}"));
        QCOMPARE(prettyJson("42").value_or(QByteArray()), QByteArray("42"));
        QVERIFY(!prettyJson("[1,]").has_value());
    }

    void hugeTextIsShownCut()
    {
        const QByteArray big(3 << 20, 'a');
        QString kind;
        const QString shown = displayValue(big, &kind);
        QCOMPARE(kind, QStringLiteral("text"));
        QVERIFY(shown.size() < (1 << 20) + 100);
        QVERIFY(shown.endsWith(QStringLiteral("more bytes")));
    }
};

QTEST_GUILESS_MAIN(TestJsonLines)
#include "tst_jsonlines.moc"
