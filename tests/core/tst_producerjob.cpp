// Bulk production off the GUI thread: generated orders land keyed by user_id where the
// partitioner says, at the asked rate, with pause and cancel; an import with a bad line
// sends nothing and names the line.

#include "FakeBackend.h"
#include "core/Order.h"
#include "core/OrderGenerator.h"
#include "core/ProducerJob.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

namespace {
const QString kTopic = QStringLiteral("orders");

std::shared_ptr<test::FakeBackend> makeBackend()
{
    auto b = std::make_shared<test::FakeBackend>();
    if (!b->createTopic(TopicSpec{kTopic, 3, 1, {}}).ok())
        qFatal("createTopic");
    return b;
}

ProducerJobResult runJob(ProducerJob &job)
{
    // Queued to this thread: a QSignalSpy::wait() started after a fast job already emitted
    // would miss the signal (the job runs on its own thread).
    std::optional<ProducerJobResult> result;
    QObject::connect(
        &job, &ProducerJob::jobFinished, &job, [&result](const ProducerJobResult &r) { result = r; },
        Qt::QueuedConnection);
    job.start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        qFatal("producer job did not finish");
    return *result;
}

qint64 total(test::FakeBackend &b)
{
    auto topics = b.listTopics();
    return topics ? topics->at(0).recordCount : -1;
}
} // namespace

class TestProducerJob final : public QObject {
    Q_OBJECT

private slots:
    void generatedOrdersAreKeyedAndPlacedByThePartitioner_data()
    {
        QTest::addColumn<QString>("partitioner");
        QTest::newRow("murmur2") << QStringLiteral("murmur2");
        QTest::newRow("consistent_random") << QStringLiteral("consistent_random");
    }
    void generatedOrdersAreKeyedAndPlacedByThePartitioner()
    {
        QFETCH(QString, partitioner);
        auto backend = makeBackend();
        ProducerJobSpec spec;
        spec.topic = kTopic;
        spec.partitioner = *partitionerFromName(partitioner);
        spec.count = 1000;
        spec.seed = 7;
        spec.firstOrderId = 2;
        ProducerJob job(backend, spec, [] { return qint64(5000); });
        const ProducerJobResult result = runJob(job);
        QVERIFY2(!result.error, qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.sent, qint64(1000));
        QCOMPARE(result.failed, qint64(0));
        QCOMPARE(result.nextOrderId, qint64(1002));
        QCOMPARE(total(*backend), qint64(1000));
        // Same seed, same orders; each record sits where its user_id key hashes.
        OrderGenerator expected(7, 2);
        std::map<QByteArray, int> where;
        for (int p = 0; p < 3; ++p) {
            auto records = backend->fetch({kTopic, p}, 0, 2000);
            QVERIFY(records.ok());
            for (const Record &r : *records) {
                auto order = parseOrder(*r.value);
                QVERIFY(order.ok());
                QCOMPARE(*r.key, order->userId.toUtf8());
                QCOMPARE(p, *hashPartition(spec.partitioner, r.key, 3));
                QCOMPARE(r.timestampMs, qint64(5000));
                where[orderToJson(*order)] = p;
            }
        }
        for (int i = 0; i < 1000; ++i)
            QVERIFY(where.count(orderToJson(expected.next())));
    }

    void rateIsHonouredAndPauseAndCancelWork()
    {
        auto backend = makeBackend();
        ProducerJobSpec spec;
        spec.topic = kTopic;
        spec.count = 100000;
        spec.ratePerSecond = 200;
        ProducerJob job(backend, spec, {});
        QSignalSpy progress(&job, &ProducerJob::progress);
        QSignalSpy done(&job, &ProducerJob::jobFinished);
        QElapsedTimer clock;
        clock.start();
        job.start();
        QTRY_VERIFY(total(*backend) >= 20);
        // Never ahead of the schedule (one batch of slack for the first instant).
        QVERIFY(total(*backend) <= 1 + clock.elapsed() * 200 / 1000 + 1);
        job.setPaused(true);
        QTest::qWait(100);
        const qint64 atPause = total(*backend);
        QTest::qWait(200);
        QCOMPARE(total(*backend), atPause);
        job.setPaused(false);
        QTRY_VERIFY(total(*backend) > atPause);
        job.cancel();
        QVERIFY(done.wait(5000));
        const auto result = done.at(0).at(0).value<ProducerJobResult>();
        QVERIFY(result.cancelled);
        QCOMPARE(result.sent, total(*backend));
        QVERIFY(result.sent < 100000);
        QVERIFY(progress.count() >= 2);
    }

    void importValidatesEveryLineFirst_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<qint64>("sent");
        QTest::addColumn<QString>("problem");
        QTest::newRow("good") << QByteArray("{\"user_id\":\"00001\",\"a\":1}\n\n{\"user_id\":7}\n") << qint64(2)
                              << QString();
        QTest::newRow("malformed line 2") << QByteArray("{\"user_id\":\"1\"}\n{\"user_id\":\n") << qint64(0)
                                          << QStringLiteral("orders.jsonl line 2: malformed JSON");
        QTest::newRow("no key field") << QByteArray("{\"user_id\":\"1\"}\n{\"order_id\":\"2\"}\n") << qint64(0)
                                      << QStringLiteral("line 2: the key field \"user_id\" is missing");
        QTest::newRow("not an object") << QByteArray("[1,2]\n") << qint64(0)
                                       << QStringLiteral("line 1: not a JSON object");
    }
    void importValidatesEveryLineFirst()
    {
        QFETCH(QByteArray, content);
        QFETCH(qint64, sent);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        auto backend = makeBackend();
        ProducerJobSpec spec;
        spec.topic = kTopic;
        spec.source = ProducerJobSpec::Source::JsonLines;
        spec.filePath = path;
        ProducerJob job(backend, spec, {});
        const ProducerJobResult result = runJob(job);
        QCOMPARE(result.sent, sent);
        QCOMPARE(total(*backend), sent);
        if (problem.isEmpty()) {
            QVERIFY(!result.error);
        } else {
            QVERIFY(result.error);
            QVERIFY2(result.problems.join(QLatin1Char('\n')).contains(problem),
                     qPrintable(result.problems.join(QLatin1Char('\n'))));
            QVERIFY(result.error->message.contains(QStringLiteral("nothing was sent")));
        }
    }

    void missingFileAndMissingTopicAreErrors()
    {
        auto backend = makeBackend();
        ProducerJobSpec spec;
        spec.topic = kTopic;
        spec.source = ProducerJobSpec::Source::JsonLines;
        spec.filePath = QStringLiteral("/nonexistent/orders.jsonl");
        ProducerJob job(backend, spec, {});
        auto result = runJob(job);
        QVERIFY(result.error);
        QCOMPARE(result.error->code, ErrorCode::Io);
        QVERIFY(result.error->message.contains(QStringLiteral("/nonexistent/orders.jsonl")));

        ProducerJobSpec gen;
        gen.topic = QStringLiteral("missing");
        gen.count = 10;
        ProducerJob job2(backend, gen, {});
        result = runJob(job2);
        QVERIFY(result.error);
        QVERIFY(result.error->message.contains(QStringLiteral("missing")));
        QCOMPARE(result.sent, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestProducerJob)
#include "tst_producerjob.moc"
