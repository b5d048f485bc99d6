// Bytes are bytes through tidemark-cli on the built-in broker (issue 10): what `consume`
// prints is exactly what was produced (non-UTF-8 as *_base64, null distinct from empty,
// headers an ordered list with repeated keys), in the schema of docs/json-lines.md.

#include "TestPaths.h"
#include "backends/BackendFactory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(tidemark::test::paths::cli(), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    return lines;
}

} // namespace

class TestCliBytes final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList with(QStringList args) const
    {
        args << QStringLiteral("--data") << m_dir.path();
        return args;
    }
    void createTopic(const QString &topic)
    {
        const Run r = cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"), topic}));
        QCOMPARE(r.exitCode, 0);
    }
    QList<QJsonObject> consumeAll(const QString &topic)
    {
        const Run r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), topic, QStringLiteral("--group"),
                                QStringLiteral("g"), QStringLiteral("--no-commit")}));
        if (r.exitCode != 0)
            qWarning() << r.err;
        return jsonLines(r.out);
    }

private slots:
    // Issue 10 item 1: the UTF-8 check discarded Qt 6's lazy decode result, so invalid bytes
    // printed as "\ufffd..." under "value" and value_base64 never appeared.
    void nonUtf8ValuePrintsAsBase64()
    {
        createTopic(QStringLiteral("b"));
        const QByteArray raw("\xff\xfe\xc3\x28 raw");
        const Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("b"),
                                QStringLiteral("--no-key")}),
                          raw + '\n');
        QCOMPARE(p.exitCode, 0);
        const auto lines = consumeAll(QStringLiteral("b"));
        QCOMPARE(lines.size(), 1);
        QVERIFY(!lines[0].contains(QLatin1String("value")));
        QCOMPARE(QByteArray::fromBase64(lines[0].value(QLatin1String("value_base64")).toString().toLatin1()), raw);
    }

    // Issue 10 item 3: a record with headers dup=1, dup=2 printed as {"dup":"2"}.
    void repeatedHeaderKeysStayInOrder()
    {
        createTopic(QStringLiteral("h"));
        {
            auto backend = openBackend({ConnectionSpec::Kind::Local, m_dir.path(), {}});
            QVERIFY(backend.ok());
            OutgoingRecord record;
            record.key = QByteArray("\xef\xbb\xbfk"); // a leading BOM is part of the key
            record.value = QByteArray("v\0w", 3);     // NUL is text, printed as \u0000
            record.headers = {{"dup", QByteArray("1")},
                              {"dup", QByteArray("2")},
                              {QByteArray("\xff"), QByteArray("\xc3\x28")},
                              {"null", std::nullopt},
                              {"empty", QByteArray("")}};
            QVERIFY((*backend)->produce(QStringLiteral("h"), {record}, {}).ok());
        }
        const auto lines = consumeAll(QStringLiteral("h"));
        QCOMPARE(lines.size(), 1);
        const QJsonObject &o = lines[0];
        QVERIFY(o.value(QLatin1String("headers")).isArray());
        QCOMPARE(o.value(QLatin1String("key")).toString(), QString::fromUtf8("\xef\xbb\xbfk"));
        QCOMPARE(o.value(QLatin1String("value")).toString(), QString::fromUtf8("v\0w", 3));
        const QJsonArray headers = o.value(QLatin1String("headers")).toArray();
        QCOMPARE(headers.size(), 5);
        QCOMPARE(headers[0].toObject(), QJsonObject({{QLatin1String("key"), QLatin1String("dup")},
                                                     {QLatin1String("value"), QLatin1String("1")}}));
        QCOMPARE(headers[1].toObject(), QJsonObject({{QLatin1String("key"), QLatin1String("dup")},
                                                     {QLatin1String("value"), QLatin1String("2")}}));
        QCOMPARE(headers[2].toObject(), QJsonObject({{QLatin1String("key_base64"), QLatin1String("/w==")},
                                                     {QLatin1String("value_base64"), QLatin1String("wyg=")}}));
        QCOMPARE(headers[3].toObject(),
                 QJsonObject({{QLatin1String("key"), QLatin1String("null")}, {QLatin1String("value"), QJsonValue()}}));
        QCOMPARE(headers[4].toObject(), QJsonObject({{QLatin1String("key"), QLatin1String("empty")},
                                                     {QLatin1String("value"), QLatin1String("")}}));
    }

    // Issue 10 item 4: LineReader used fgets + strlen, so 'AAA\0BBB\nCCC\n' stored one record
    // "AAACCC" with exit 0. Now a line is its bytes, NUL included.
    void nulBytesInInputAreCarriedExactly()
    {
        createTopic(QStringLiteral("nul"));
        const Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("nul"),
                                QStringLiteral("--no-key")}),
                          QByteArray("AAA\0BBB\nCCC\n", 12));
        QCOMPARE(p.exitCode, 0);
        QVERIFY2(p.out.startsWith("produced 2 records (10 bytes)"), p.out.constData());
        const auto lines = consumeAll(QStringLiteral("nul"));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].value(QLatin1String("value")).toString(), QString::fromUtf8("AAA\0BBB", 7));
        QCOMPARE(lines[1].value(QLatin1String("value")).toString(), QStringLiteral("CCC"));
    }

    // Empty lines are not records, but they are counted; a whitespace-only line is a value.
    // CRLF endings count as a newline; a last line without a newline is a line.
    void emptyLinesAreCountedAndWhitespaceIsAValue()
    {
        createTopic(QStringLiteral("ws"));
        const Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("ws"),
                                QStringLiteral("--no-key")}),
                          "a\r\n\n \n\r\nb");
        QCOMPARE(p.exitCode, 0);
        QVERIFY2(p.out.startsWith("produced 3 records"), p.out.constData());
        QVERIFY2(p.out.contains("; 2 empty line(s) ignored"), p.out.constData());
        const auto lines = consumeAll(QStringLiteral("ws"));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].value(QLatin1String("value")).toString(), QStringLiteral("a"));
        QCOMPARE(lines[1].value(QLatin1String("value")).toString(), QStringLiteral(" "));
        QCOMPARE(lines[2].value(QLatin1String("value")).toString(), QStringLiteral("b"));
    }

    // Exact bytes from the command line: --value-format, --key-format, repeatable --header.
    void valueKeyFormatsAndHeaders()
    {
        createTopic(QStringLiteral("fmt"));
        Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("fmt"),
                          QStringLiteral("--value-format"), QStringLiteral("hex"), QStringLiteral("--key"),
                          QStringLiteral("00ff"), QStringLiteral("--key-format"), QStringLiteral("hex"),
                          QStringLiteral("--header"), QStringLiteral("dup=1"), QStringLiteral("--header"),
                          QStringLiteral("dup=2"), QStringLiteral("--header"), QStringLiteral("e=")}),
                    "ff000d0a\n");
        QVERIFY2(p.exitCode == 0, p.err.constData());
        p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("fmt"),
                      QStringLiteral("--value-format"), QStringLiteral("base64"), QStringLiteral("--no-key")}),
                "//7DKA==\nnot base64!\n0g\n");
        QCOMPARE(p.exitCode, 1);
        QVERIFY2(p.err.contains("line 2: value: not valid base64"), p.err.constData());
        QVERIFY2(p.out.startsWith("produced 2 records"), p.out.constData());
        const auto lines = consumeAll(QStringLiteral("fmt"));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].value(QLatin1String("key_base64")).toString(), QStringLiteral("AP8="));
        QCOMPARE(lines[0].value(QLatin1String("value_base64")).toString(), QStringLiteral("/wANCg=="));
        QCOMPARE(QJsonDocument(lines[0].value(QLatin1String("headers")).toArray()).toJson(QJsonDocument::Compact),
                 QByteArray(R"([{"key":"dup","value":"1"},{"key":"dup","value":"2"},{"key":"e","value":""}])"));
        QCOMPARE(lines[1].value(QLatin1String("value_base64")).toString(), QStringLiteral("//7DKA=="));
        QCOMPARE(lines[1].value(QLatin1String("key")), QJsonValue());
        QCOMPARE(lines[2].value(QLatin1String("value_base64")).toString(), QStringLiteral("0g=="));

        const Run bad = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("fmt"),
                                  QStringLiteral("--value-format"), QStringLiteral("hex"), QStringLiteral("--no-key")}),
                            "abc\n");
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("line 1: value: hex needs an even number of digits"), bad.err.constData());
    }

    // What consume prints, produce --format json produces again, byte for byte.
    void consumeOutputRoundTripsThroughProduce()
    {
        createTopic(QStringLiteral("rt-a"));
        createTopic(QStringLiteral("rt-b"));
        {
            auto backend = openBackend({ConnectionSpec::Kind::Local, m_dir.path(), {}});
            QVERIFY(backend.ok());
            std::vector<OutgoingRecord> records(5);
            records[0].key = QByteArray("\0k\xff", 3);
            records[0].value = QByteArray("\r\n\0\xc3", 4);
            records[0].headers = {{"dup", QByteArray("1")}, {"dup", std::nullopt}, {"dup", QByteArray("\xfe")}};
            records[1].value = QByteArray("{\"order_id\":\"0001\"}");
            records[2].key = QByteArray();
            records[3].key = QByteArray("\xef\xbb\xbf");
            records[3].value = QByteArray("\xef\xbb\xbf{}");
            records[4].key = QByteArray("gone");
            records[4].value = std::nullopt; // a tombstone
            QVERIFY((*backend)->produce(QStringLiteral("rt-a"), records, {}).ok());
        }
        const Run a = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("rt-a"),
                                QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--no-commit")}));
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out.count('\n'), 5);
        QVERIFY2(a.out.contains(R"("key":"gone","value":null,)"), a.out.constData());
        const Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("rt-b"),
                                QStringLiteral("--format"), QStringLiteral("json")}),
                          a.out);
        QVERIFY2(p.exitCode == 0, p.err.constData());
        const Run b = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("rt-b"),
                                QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--no-commit")}));
        QCOMPARE(b.exitCode, 0);
        QByteArray expected = a.out;
        expected.replace("\"topic\":\"rt-a\"", "\"topic\":\"rt-b\"");
        QCOMPARE(b.out, expected);
    }

    // Issue 10 item 2: a tombstone prints as "value":null (it printed as ""), and can be produced:
    // "value":null with --format json, an empty line with --empty-is-null.
    void tombstonesPrintAsNullAndCanBeProduced()
    {
        createTopic(QStringLiteral("tomb"));
        Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("tomb"),
                          QStringLiteral("--format"), QStringLiteral("json")}),
                    R"({"key":"gone","value":null})"
                    "\n"
                    R"({"key":"empty","value":""})"
                    "\n");
        QVERIFY2(p.exitCode == 0, p.err.constData());
        p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("tomb"),
                      QStringLiteral("--key"), QStringLiteral("k"), QStringLiteral("--empty-is-null")}),
                "v\n\nw\n");
        QVERIFY2(p.exitCode == 0, p.err.constData());
        QVERIFY2(p.out.startsWith("produced 3 records (5 bytes)"), p.out.constData()); // keys 3, values 2, null 0
        const auto lines = consumeAll(QStringLiteral("tomb"));
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].contains(QLatin1String("value")));
        QVERIFY(lines[0].value(QLatin1String("value")).isNull());
        QCOMPARE(lines[1].value(QLatin1String("value")), QJsonValue(QString()));
        QCOMPARE(lines[2].value(QLatin1String("value")), QJsonValue(QStringLiteral("v")));
        QVERIFY(lines[3].value(QLatin1String("value")).isNull());
        QCOMPARE(lines[3].value(QLatin1String("key")), QJsonValue(QStringLiteral("k")));
        QCOMPARE(lines[4].value(QLatin1String("value")), QJsonValue(QStringLiteral("w")));

        // A tombstone has no JSON field to take a key from; --empty-is-null is for line input.
        p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("tomb"),
                      QStringLiteral("--empty-is-null")}),
                "\n");
        QCOMPARE(p.exitCode, 1);
        QVERIFY2(p.err.contains("line 1: a tombstone"), p.err.constData());
        p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("tomb"),
                      QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--empty-is-null")}),
                "{}\n");
        QCOMPARE(p.exitCode, 2);
        QCOMPARE(consumeAll(QStringLiteral("tomb")).size(), 5);
    }

    // validate counts lines as produce does: a NUL no longer hides a line end.
    void validateCountsLinesWithNulBytes()
    {
        const QByteArray order =
            R"({"order_id":"0001","user_id":"00001","items":[{"product_id":"535","quantity":1,"price":300}],"total_price":300})";
        const Run v = cli({QStringLiteral("validate")}, order + QByteArray("\0x\n", 3) + order + "\n\n");
        QCOMPARE(v.exitCode, 1);
        QVERIFY2(v.out.contains("1 valid, 1 invalid, 1 blank lines"), v.out.constData());
        QVERIFY2(v.err.contains("line 1: "), v.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliBytes)
#include "tst_cli_bytes.moc"
