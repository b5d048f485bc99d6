// Issue 13's scale goal on the Apache Kafka test cluster, counted: the real main window,
// connected to the cluster with a Kafka profile through the backend factory as the app does,
// over 100 topics of 3 partitions and 20 consumer groups (two of them on the selected topic),
// lists every topic with its partition count, and at idle with one topic selected asks the
// broker at most 5 times per second in total, every panel included (the Topics list, Messages,
// the timeline, the charts' sampler, the lag history's recorder, the Consumers panel).
//
// The calls are counted where the app meets the broker: the window's backend is the Kafka
// backend behind tests/common/RenamedBackend.h, which counts every call it forwards (a
// describeGroups() as the listGroups() and describeGroup() calls it makes of the Kafka
// backend). The connection's broker state runs on a manual clock driven by the test: ten
// seconds of its time are ticked through (nothing is timed; each tick also lets 20 ms of real
// time pass, for any poller that would run on its own timer). The wall time from showing the
// window to the first complete topic list is printed, never asserted (the 1,000-topic figure
// is bench_state --kafka's). tst_state_kafka_serve runs the same over the built-in broker's
// Kafka listener (`tidemark-cli serve`, no JVM).
//
// One difference from the app: RenamedBackend does not pass on the Kafka backend's summary
// reads (core/SummaryReads.h), so the timeline reads through fetchSummaries(), which is
// counted like any call (at idle it reads nothing either way).

#include "../common/RenamedBackend.h"
#include "KafkaTestSupport.h"
#include "MainWindowFixture.h"
#include "backends/BackendFactory.h"
#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "ui/models/TopicListModel.h"
#include "ui/timeline/TimelineView.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

using namespace tidemark;

namespace {

constexpr int kTopics = 100;
constexpr int kPartitions = 3;
constexpr int kGroups = 20;
constexpr int kRecords = 30;

// Runs step(0..count-1) on `threads` threads (the Kafka backend is thread-safe); returns the
// errors. Creating a topic waits until every broker serves it: one at a time, 100 of them
// take seconds.
QStringList inParallel(int count, int threads, const std::function<Status(int)> &step)
{
    std::atomic<int> next{0};
    std::mutex mutex;
    QStringList errors;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                if (const Status s = step(i); !s) {
                    std::lock_guard lock(mutex);
                    errors << s.error().toString();
                }
            }
        });
    for (std::thread &w : workers)
        w.join();
    return errors;
}

} // namespace

class TestStateKafka final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::setupDeterministicUi();
        m_backend = test::openCluster();
        m_prefix = test::uniqueName(QStringLiteral("state"));
        for (int i = 0; i < kTopics; ++i)
            m_names << QStringLiteral("%1-%2").arg(m_prefix).arg(i, 3, 10, QLatin1Char('0'));
        QElapsedTimer clock;
        clock.start();
        const QStringList created =
            inParallel(kTopics, 10, [&](int i) { return test::createTopic(*m_backend, m_names[i], kPartitions, 1); });
        QVERIFY2(created.isEmpty(), qPrintable(created.join(QLatin1Char('\n'))));
        m_selected = m_names[42];
        // 20 groups with committed offsets and no member: two on the selected topic, the
        // others on other topics.
        // On a fresh cluster the first group makes Kafka create __consumer_offsets: until its
        // partitions have leaders the coordinator answers "not coordinator" (Unavailable).
        const QStringList committed = inParallel(kGroups, 10, [&](int g) {
            const QString topic = g < 2 ? m_selected : m_names[50 + g];
            Status s;
            for (int attempt = 0; attempt < 60; ++attempt) {
                s = m_backend->resetGroupOffsets(QStringLiteral("%1-group-%2").arg(m_prefix).arg(g),
                                                 {{TopicPartition{topic, 0}, 0}});
                if (s || s.error().code != ErrorCode::Unavailable)
                    break;
                QThread::msleep(500);
            }
            return s;
        });
        QVERIFY2(committed.isEmpty(), qPrintable(committed.join(QLatin1Char('\n'))));
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < kRecords; ++i) {
            OutgoingRecord r;
            r.key = QByteArray::number(i);
            r.value = QByteArray("order ") + QByteArray::number(i);
            records.push_back(std::move(r));
        }
        const auto produced = m_backend->produce(m_selected, records, {});
        QVERIFY2(produced.ok(), produced.ok() ? "" : qPrintable(produced.error().toString()));
        qInfo("set up %d topics x %d partitions and %d groups in %lld ms", kTopics, kPartitions, kGroups,
              clock.elapsed());
    }

    void cleanupTestCase()
    {
        if (!m_backend)
            return;
        const QStringList deleted =
            inParallel(int(m_names.size()), 10, [&](int i) { return m_backend->deleteTopic(m_names[i]); });
        if (!deleted.isEmpty())
            qWarning("deleting the test's topics: %s", qPrintable(deleted.first()));
    }

    void fewCallsPerSecondAtIdle()
    {
        // The window opens the cluster through the backend factory, as the app does, and sees
        // it through a counting RenamedBackend.
        auto counter = std::make_shared<std::shared_ptr<test::RenamedBackend>>();
        test::WindowSetup setup;
        setup.connection = ConnectionSpec{ConnectionSpec::Kind::Kafka, {}, test::clusterProfile()};
        setup.opener = [counter](const ConnectionSpec &spec) -> Result<std::shared_ptr<Backend>> {
            auto opened = openBackend(spec);
            if (!opened)
                return opened.error();
            auto counting = std::make_shared<test::RenamedBackend>(*opened, (*opened)->displayName());
            *counter = counting;
            return std::shared_ptr<Backend>(counting);
        };
        test::ManualClock manual;
        QTemporaryDir settingsDir;
        QElapsedTimer wall;
        wall.start();
        const std::unique_ptr<MainWindow> window = test::makeMainWindow(setup, manual, settingsDir);
        MainWindow &w = *window;
        QVERIFY(test::showAndConnect(w));

        // Every topic listed in the Topics panel with its partition count.
        const TopicListModel &shown = *w.topicBrowser()->model();
        auto allListed = [&] {
            for (const QString &name : m_names) {
                const auto t = shown.topic(name);
                if (!t || t->partitionCount != kPartitions)
                    return false;
            }
            return true;
        };
        QVERIFY(QTest::qWaitFor(allListed, 30000));
        qInfo("%d topics listed (%d on the cluster) %lld ms after the window was shown (printed, not asserted)",
              kTopics, int(shown.topics().size()), wall.elapsed());

        w.selectTopic(m_selected);
        QTRY_COMPARE(w.selectedTopic(), m_selected);
        BrokerState *state = BrokerState::of(w.asyncBackend());
        QTRY_VERIFY_WITH_TIMEOUT(state->isTopicLoaded(m_selected), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(state->areGroupsLoaded(m_selected), 15000);
        QVERIFY(test::settleWindow(w));
        QCOMPARE(state->recordCount(m_selected), qint64(kRecords));

        QVERIFY(*counter);
        test::RenamedBackend &counting = **counter;
        qint64 now = 1'000'000'000; // later than anything the real clock said
        state->setTicking(false);
        state->setClock([&now] { return now; });
        auto settled = [&] { return state->isIdle() && w.asyncBackend()->pending() == 0; };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);
        const qint64 before = counting.calls();
        const auto namesBefore = counting.callsByName();
        const int seconds = 10;
        for (int step = 0; step < seconds * 10; ++step) {
            now += 100;
            state->tick();
            QTest::qWait(20); // real time, for anything that polls on its own timer
            QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);
        }
        test::flushEvents();
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);
        const qint64 calls = counting.calls() - before;
        QStringList byName;
        for (const auto &[name, n] : counting.callsByName()) {
            const auto was = namesBefore.find(name);
            if (const qint64 made = n - (was != namesBefore.end() ? was->second : 0); made > 0)
                byName << QStringLiteral("%1 %2").arg(name).arg(made);
        }
        qInfo("idle on %s, %d topics, %d groups, one topic selected: %lld broker calls in %d s (%.1f/s): %s",
              test::kafkaTarget().builtIn ? "the built-in broker's Kafka listener" : "the Kafka test cluster", kTopics,
              kGroups, calls, seconds, double(calls) / seconds, qPrintable(byName.join(QStringLiteral(", "))));
        QVERIFY(calls > 0); // the state does keep watching
        QVERIFY2(calls <= 5 * seconds, qPrintable(byName.join(QStringLiteral(", "))));

        // The panels still show the topic and its two groups.
        QCOMPARE(state->recordCount(m_selected), qint64(kRecords));
        QCOMPARE(w.timeline()->model()->recordCount(), qint64(kRecords));
        QCOMPARE(state->groups(m_selected).size(), size_t(2));
    }

private:
    std::shared_ptr<Backend> m_backend;
    QString m_prefix;
    QString m_selected;
    QStringList m_names;
};

QTEST_MAIN(TestStateKafka)
#include "tst_state_kafka.moc"
