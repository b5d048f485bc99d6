// TimelineLoader over an in-memory Backend: it loads every lane in the background (visible
// range first), notices records and groups that appear later, reports errors once, and
// drops answers that belong to a previous topic.

#include "FakeTimelineBackend.h"

#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"

#include <QSignalSpy>
#include <QTest>

using namespace tidemark;

namespace {
const QString kTopic = QStringLiteral("orders");
}

class TestTimelineLoader final : public QObject {
    Q_OBJECT

private slots:
    void loadsEveryLane()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(kTopic, 0, 1000);
        backend->append(kTopic, 1, 700);
        backend->append(kTopic, 2, 0);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{kTopic, 1}, 300);
        backend->setCommitted(QStringLiteral("elsewhere"), TopicPartition{QStringLiteral("payments"), 0}, 1);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBatchSize(128);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle());
        QCOMPARE(model.laneCount(), 3);
        QCOMPARE(model.summary(0).loadedCount(), qint64(1000));
        QCOMPARE(model.summary(1).loadedCount(), qint64(700));
        QCOMPARE(model.highWatermark(2), qint64(0));
        QCOMPARE(model.committed(QStringLiteral("billing"), 1), std::optional<qint64>(300));
        QCOMPARE(model.groups().size(), size_t(1)); // "elsewhere" reads another topic
        // Summaries carry the key hash: two records with the same key share a colour.
        QCOMPARE(model.summary(0).at(0).colour, model.summary(0).at(5).colour);
        QVERIFY(model.summary(0).at(0).colour != model.summary(0).at(1).colour ||
                model.summary(0).at(1).colour != model.summary(0).at(2).colour);
    }

    void aDamagedRecordIsAHoleNotAStall()
    {
        // Regression: a Corrupt answer for the first record asked for was retried every
        // second forever; the lane never finished loading past it.
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(kTopic, 0, 600);
        backend->setCorrupt({kTopic, 0}, 250);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        QSignalSpy errors(&loader, &TimelineLoader::errorOccurred);
        loader.setBatchSize(100);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle() && loader.isFullyLoaded());
        QCOMPARE(model.summary(0).loadedCount(), qint64(600)); // 599 records and the hole
        QCOMPARE(model.summary(0).at(250).size, LaneSummary::kGap);
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors.constLast().at(0).toString().contains(QStringLiteral("offset 250")));
    }

    void visibleRangeLoadsFirst()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(kTopic, 0, 5000);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBatchSize(100);
        loader.setVisibleRange(3000, 3100);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(backend->fetchCalls.load() > 0);
        const auto first = backend->fetches().front();
        QVERIFY2(first.second >= 3000 && first.second < 3100, qPrintable(QString::number(first.second)));
        // Then the rest, newest first.
        QTRY_VERIFY(backend->fetches().size() >= 2);
        QCOMPARE(backend->fetches()[1].second, qint64(4900));
        QTRY_VERIFY_WITH_TIMEOUT(loader.isIdle(), 20000);
        QCOMPARE(model.summary(0).loadedCount(), qint64(5000));
    }

    void noticesRecordsFromOtherProcesses()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(kTopic, 0, 10);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setPollInterval(50);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle());
        QCOMPARE(model.highWatermark(0), qint64(10));
        backend->append(kTopic, 0, 25);
        backend->setCommitted(QStringLiteral("late"), TopicPartition{kTopic, 0}, 7);
        QTRY_COMPARE(model.highWatermark(0), qint64(35));
        QTRY_COMPARE(model.summary(0).loadedCount(), qint64(35));
        QTRY_COMPARE(model.committed(QStringLiteral("late"), 0), std::optional<qint64>(7));
    }

    void missingTopicIsReportedOnce()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setPollInterval(50);
        QSignalSpy errors(&loader, &TimelineLoader::errorOccurred);
        loader.setBackend(&async);
        loader.setTopic(QStringLiteral("nope"));
        QTRY_COMPARE(errors.count(), 1);
        const QString message = errors.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("nope")) && message.contains(QStringLiteral("Fake: memory")),
                 qPrintable(message));
        QTest::qWait(300); // several polls later, still one report
        QCOMPARE(errors.count(), 1);
        QCOMPARE(model.laneCount(), 0);
    }

    void fetchesOneRecordForTheHoverCard()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(kTopic, 0, 20);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QSignalSpy ready(&loader, &TimelineLoader::recordReady);
        loader.requestRecord(0, 13);
        QTRY_COMPARE(ready.count(), 1);
        QCOMPARE(ready.at(0).at(1).toLongLong(), qint64(13));
        const auto record = ready.at(0).at(2).value<Record>();
        QCOMPARE(record.key, std::optional<QByteArray>(QByteArray("user-3")));
    }

    void resetsOffsetsThroughTheBackend()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(kTopic, 0, 20);
        backend->setCommitted(QStringLiteral("g"), TopicPartition{kTopic, 0}, 15);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle());
        QSignalSpy finished(&loader, &TimelineLoader::resetFinished);
        loader.resetOffset(QStringLiteral("g"), 0, 4);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(3).toString(), QString());
        QCOMPARE(model.committed(QStringLiteral("g"), 0), std::optional<qint64>(4));
        backend->setGroupActive(QStringLiteral("g"), true);
        loader.resetOffset(QStringLiteral("g"), 0, 9);
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(finished.at(1).at(3).toString().contains(QStringLiteral("active members")));
        QCOMPARE(model.committed(QStringLiteral("g"), 0), std::optional<qint64>(4));
        // Without a backend the reset fails at once, saying why.
        TimelineModel other;
        TimelineLoader offline(&other);
        QSignalSpy offlineFinished(&offline, &TimelineLoader::resetFinished);
        offline.resetOffset(QStringLiteral("g"), 0, 1);
        QCOMPARE(offlineFinished.count(), 1);
        QVERIFY(!offlineFinished.at(0).at(3).toString().isEmpty());
    }

    void answersForAnOldTopicAreDropped()
    {
        auto backend = std::make_shared<test::FakeTimelineBackend>();
        backend->append(QStringLiteral("a"), 0, 50);
        backend->append(QStringLiteral("a"), 1, 50);
        backend->append(QStringLiteral("b"), 0, 3);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setTopic(QStringLiteral("a"));
        loader.setTopic(QStringLiteral("b"));
        QTRY_VERIFY(loader.isIdle());
        QTRY_COMPARE(async.pending(), 0);
        QCOMPARE(model.topic(), QStringLiteral("b"));
        QCOMPARE(model.laneCount(), 1);
        QCOMPARE(model.highWatermark(0), qint64(3));
        // And no backend at all: nothing happens, nothing breaks.
        loader.setBackend(nullptr);
        QCOMPARE(model.laneCount(), 0);
        QVERIFY(loader.isIdle());
    }
};

QTEST_MAIN(TestTimelineLoader)
#include "tst_timelineloader.moc"
