// The round-trip property (RoundTripProperty.h) on the built-in broker, with one 50 MB value:
// produced through tidemark-cli and through the Backend, consumed through both.

#include "RoundTripProperty.h"
#include "TestPaths.h"

#include "backends/BackendFactory.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace tidemark;
using namespace tidemark::test;

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
    if (!p.waitForFinished(300000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestRoundTripLocal final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QStringList with(QStringList args) const { return args << QStringLiteral("--data") << m_dir.path(); }

private slots:
    void everyByteRoundTrips()
    {
        const quint64 seed = qEnvironmentVariableIsSet("TIDEMARK_ROUNDTRIP_SEED")
                                 ? qEnvironmentVariable("TIDEMARK_ROUNDTRIP_SEED").toULongLong()
                                 : 20261206;
        qInfo("seed %llu (set TIDEMARK_ROUNDTRIP_SEED to repeat another)", seed);
        RoundTripShape shape;
        shape.hugeValue = 50 << 20;
        const std::vector<OutgoingRecord> records = randomRecords(seed, shape);

        auto opened = openBackend({ConnectionSpec::Kind::Local, m_dir.path(), {}});
        QVERIFY(opened.ok());
        Backend &backend = **opened;
        for (const char *topic : {"via-backend", "via-cli"}) {
            TopicSpec spec;
            spec.name = QLatin1String(topic);
            spec.partitions = 1;
            QVERIFY(backend.createTopic(spec).ok());
        }

        const auto produced = backend.produce(QStringLiteral("via-backend"), records, {});
        QVERIFY2(produced.ok(), qPrintable(produced.ok() ? QString() : produced.error().message));
        for (const DeliveryReport &d : *produced)
            QVERIFY2(!d.error, qPrintable(d.error ? d.error->message : QString()));
        const Run p = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("via-cli"),
                                QStringLiteral("--format"), QStringLiteral("json")}),
                          cliInput(records));
        QVERIFY2(p.exitCode == 0, p.err.constData());

        for (const char *topic : {"via-backend", "via-cli"}) {
            const Run c = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QLatin1String(topic),
                                    QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--no-commit")}));
            QVERIFY2(c.exitCode == 0, c.err.constData());
            QVERIFY(sameRecords(parseConsumed(c.out), records,
                                qPrintable(QStringLiteral("%1 -> cli").arg(QLatin1String(topic)))));
            QVERIFY(sameRecords(fetchAll(backend, QLatin1String(topic), records.size()), records,
                                qPrintable(QStringLiteral("%1 -> backend").arg(QLatin1String(topic)))));
        }
    }
};

QTEST_GUILESS_MAIN(TestRoundTripLocal)
#include "tst_roundtrip_local.moc"
