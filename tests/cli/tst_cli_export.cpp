// tidemark-cli export and consume --where on the built-in broker (issue 15): the filter
// language on the command line, syntax errors with their column (exit 2), ranges, CSV, and an
// export produced again to a new topic that compares equal record for record.

#include "TestPaths.h"
#include "backends/BackendFactory.h"
#include "core/SavedFilters.h"

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QByteArray &input = {},
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
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

QList<QByteArray> lines(const QByteArray &out)
{
    QList<QByteArray> result;
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty())
            result << line;
    return result;
}

// Record i of the source topic: keys that are not text, tombstones, empty values, repeated
// and null headers, explicit partitions and timestamps.
OutgoingRecord sourceRecord(int i)
{
    OutgoingRecord r;
    r.partition = i % 3;
    r.timestampMs = 1'700'000'000'000 + i * 1000;
    if (i % 5 == 0)
        r.key = QByteArray("\xff\x00k", 3) + QByteArray::number(i);
    else if (i % 7 == 0)
        r.key = std::nullopt;
    else
        r.key = QByteArray("key-") + QByteArray::number(i);
    if (i % 4 == 0)
        r.value = std::nullopt; // a tombstone
    else if (i % 9 == 0)
        r.value = QByteArray();
    else
        r.value = QByteArray("{\"n\":") + QByteArray::number(i) + QByteArray(",\"s\":\"caf\xc3\xa9\\n\"}");
    if (i % 3 == 1)
        r.headers = {{"dup", QByteArray("1")}, {"dup", QByteArray("\xc3\x28")}, {"none", std::nullopt}};
    return r;
}

constexpr int kRecords = 30;

} // namespace

class TestCliExport final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList with(QStringList args) const
    {
        args << QStringLiteral("--data") << m_dir.path();
        return args;
    }
    std::vector<Record> readAll(const QString &topic)
    {
        auto backend = openBackend({ConnectionSpec::Kind::Local, m_dir.path(), {}});
        if (!backend)
            return {};
        std::vector<Record> all;
        for (int p = 0; p < 3; ++p) {
            auto records = (*backend)->fetch({topic, p}, 0, 1000);
            if (records)
                all.insert(all.end(), records->begin(), records->end());
        }
        return all;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto backend = openBackend({ConnectionSpec::Kind::Local, m_dir.path(), {}});
        QVERIFY(backend.ok());
        QVERIFY((*backend)->createTopic({QStringLiteral("src"), 3, 1, {}}).ok());
        QVERIFY((*backend)->createTopic({QStringLiteral("dst"), 3, 1, {}}).ok());
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < kRecords; ++i)
            records.push_back(sourceRecord(i));
        const auto reports = (*backend)->produce(QStringLiteral("src"), records, {});
        QVERIFY(reports.ok());
        for (const DeliveryReport &d : *reports)
            QVERIFY(!d.error);
    }

    void exportProducedAgainComparesEqual()
    {
        const Run exported = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src")}));
        QCOMPARE(exported.exitCode, 0);
        QCOMPARE(lines(exported.out).size(), kRecords);
        QVERIFY2(exported.err.contains("exported 30 record(s); scanned 30 of 30 in partition(s) 0,1,2 of src"),
                 exported.err.constData());
        const Run produced = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("dst"),
                                       QStringLiteral("--format"), QStringLiteral("json")}),
                                 exported.out);
        QVERIFY2(produced.exitCode == 0, produced.err.constData());
        const auto source = readAll(QStringLiteral("src"));
        const auto copy = readAll(QStringLiteral("dst"));
        QCOMPARE(copy.size(), source.size());
        for (size_t i = 0; i < source.size(); ++i) {
            Record expected = source[i];
            expected.topic = QStringLiteral("dst");
            QCOMPARE(copy[i], expected); // partition, offset, timestamp, key, value, headers
        }
        // The checks above can see a difference: a tombstone and an empty value are both here.
        QVERIFY(std::any_of(source.begin(), source.end(), [](const Record &r) { return !r.value; }));
        QVERIFY(
            std::any_of(source.begin(), source.end(), [](const Record &r) { return r.value && r.value->isEmpty(); }));
    }

    void whereSelectsAndSaysWhatItScanned()
    {
        const Run r = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--where"), QStringLiteral("value is null and header.dup exists")}));
        QCOMPARE(r.exitCode, 0);
        // i % 4 == 0 and i % 3 == 1: 4, 16, 28.
        QCOMPARE(lines(r.out).size(), 3);
        for (const QByteArray &line : lines(r.out))
            QVERIFY(line.contains("\"value\":null"));
        QVERIFY2(r.err.contains("exported 3 record(s); scanned 30 of 30"), r.err.constData());

        const Run json = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                   QStringLiteral("--where"), QStringLiteral("value.n >= 20 and value.n < 23")}));
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(lines(json.out).size(), 2); // 21 and 22 (20 is a tombstone)
    }

    void rangesAndOrder()
    {
        const Run r = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--partition"), QStringLiteral("1"), QStringLiteral("--from-offset"),
                                QStringLiteral("2"), QStringLiteral("--to-offset"), QStringLiteral("4"),
                                QStringLiteral("--newest-first")}));
        QCOMPARE(r.exitCode, 0);
        const auto out = lines(r.out);
        QCOMPARE(out.size(), 3);
        QVERIFY(out[0].contains("\"partition\":1,\"offset\":4,"));
        QVERIFY(out[1].contains("\"partition\":1,\"offset\":3,"));
        QVERIFY(out[2].contains("\"partition\":1,\"offset\":2,"));
        QVERIFY2(r.err.contains("scanned 3 of 3 in partition(s) 1 of src"), r.err.constData());

        // Record i is at 1700000000000 + i s: i = 10..12.
        const Run t = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--from-timestamp"), QStringLiteral("1700000010000"),
                                QStringLiteral("--to-timestamp"), QStringLiteral("1700000012000")}));
        QCOMPARE(t.exitCode, 0);
        QCOMPARE(lines(t.out).size(), 3);
        const Run m = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--max"), QStringLiteral("4")}));
        QCOMPARE(lines(m.out).size(), 4);
    }

    void csv()
    {
        const Run r = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--partition"),
                                QStringLiteral("0"), QStringLiteral("--to-offset"), QStringLiteral("1")}));
        QCOMPARE(r.exitCode, 0);
        // Partition 0 holds i = 0, 3, ...: i = 0 has a binary key and a null value; i = 3 text.
        const QList<QByteArray> rows = r.out.split('\n');
        QCOMPARE(rows.value(0), QByteArray("topic,partition,offset,timestamp,key,key_encoding,value,value_encoding,"
                                           "headers\r"));
        QCOMPARE(rows.value(1), QByteArray("src,0,0,1700000000000,") + QByteArray("\xff\x00k0", 4).toBase64() +
                                    QByteArray(",base64,,null,[]\r"));
        QCOMPARE(rows.value(2),
                 QByteArray("src,0,1,1700000003000,key-3,text,\"{\"\"n\"\":3,\"\"s\"\":\"\"caf\xc3\xa9\\n"
                            "\"\"}\",text,[]\r"));
    }

    void syntaxErrorsAreUsageErrorsWithTheColumn()
    {
        const Run r = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--where"), QStringLiteral("value.n 5")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("--where: column 9: expected an operator after 'value.n'"), r.err.constData());
        QVERIFY2(r.err.contains("\n  value.n 5\n          ^"), r.err.constData());
        const Run c = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--where"),
                                QStringLiteral("key == 'x' or")}));
        QCOMPARE(c.exitCode, 2);
        QVERIFY2(c.err.contains("column 14: expected a condition"), c.err.constData());
    }

    // --saved NAME: the filter saved in the app for the topic (Edit > Saved Filters), read from
    // the app's settings file (XDG_CONFIG_HOME/Tidemark/Tidemark.conf here).
    void savedFilterByName()
    {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        {
            QSettings settings(config.filePath(QStringLiteral("Tidemark/Tidemark.conf")), QSettings::IniFormat);
            SavedFilters saved(settings);
            QVERIFY(saved
                        .save(QStringLiteral("src"), QStringLiteral("dup tombstones"),
                              QStringLiteral("value is null and header.dup exists"))
                        .ok());
            QVERIFY(
                saved.save(QStringLiteral("src"), QStringLiteral("twenties"), QStringLiteral("value.n >= 20")).ok());
            QVERIFY(
                saved.save(QStringLiteral("dst"), QStringLiteral("other topic's"), QStringLiteral("value.n < 0")).ok());
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());

        const Run r = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                QStringLiteral("--saved"), QStringLiteral("dup tombstones")}),
                          {}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines(r.out).size(), 3); // as --where 'value is null and header.dup exists': 4, 16, 28
        QVERIFY2(r.err.contains("--saved 'dup tombstones': value is null and header.dup exists"), r.err.constData());
        QVERIFY2(r.err.contains("exported 3 record(s); scanned 30 of 30"), r.err.constData());

        const Run unknown = cli(with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"),
                                      QStringLiteral("--saved"), QStringLiteral("other topic's")}),
                                {}, env);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
        QVERIFY2(unknown.err.contains("no filter named 'other topic's' is saved for topic 'src' (saved: 'dup "
                                      "tombstones', 'twenties')"),
                 unknown.err.constData());
        QTemporaryDir empty;
        QProcessEnvironment nothingSaved = env;
        nothingSaved.insert(QStringLiteral("XDG_CONFIG_HOME"), empty.path());
        const Run none = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("src"),
                                   QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--saved"),
                                   QStringLiteral("twenties")}),
                             {}, nothingSaved);
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("no filter named 'twenties' is saved for topic 'src' (none is: save one in the app "
                                   "with Edit > Saved Filters)"),
                 none.err.constData());
        const Run both = cli(
            with({QStringLiteral("export"), QStringLiteral("--topic"), QStringLiteral("src"), QStringLiteral("--saved"),
                  QStringLiteral("twenties"), QStringLiteral("--where"), QStringLiteral("key exists")}),
            {}, env);
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("give --where or --saved, not both"), both.err.constData());
        const Run twoTopics = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("src"),
                                        QStringLiteral("--topic"), QStringLiteral("dst"), QStringLiteral("--group"),
                                        QStringLiteral("g"), QStringLiteral("--saved"), QStringLiteral("twenties")}),
                                  {}, env);
        QCOMPARE(twoTopics.exitCode, 2);
        QVERIFY2(twoTopics.err.contains("give exactly one --topic"), twoTopics.err.constData());
    }

    void consumeWhereCommitsWhatItSkips()
    {
        const QStringList args{QStringLiteral("consume"),
                               QStringLiteral("--topic"),
                               QStringLiteral("src"),
                               QStringLiteral("--group"),
                               QStringLiteral("where-group"),
                               QStringLiteral("--where"),
                               QStringLiteral("key ~ /^key-1/ and partition == 1")};
        const Run first = cli(with(args));
        QCOMPARE(first.exitCode, 0);
        // Keys key-1.. in partition 1 (i % 3 == 1): 1, 13, 16, 19; 10 has a binary key.
        const auto out = lines(first.out);
        QCOMPARE(out.size(), 4);
        QVERIFY(out[0].contains("\"key\":\"key-1\""));
        // Everything read was committed, matching or not: nothing is left for the group.
        const Run again = cli(with(args));
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
