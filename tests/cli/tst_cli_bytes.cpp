// Bytes are bytes through tidemark-cli on the built-in broker (issue 10): what `consume`
// prints is exactly what was produced (non-UTF-8 as *_base64, null distinct from empty,
// headers an ordered list with repeated keys), in the schema of docs/json-lines.md.

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
    p.start(QStringLiteral(TIDEMARK_CLI_PATH), args);
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
};

QTEST_GUILESS_MAIN(TestCliBytes)
#include "tst_cli_bytes.moc"
