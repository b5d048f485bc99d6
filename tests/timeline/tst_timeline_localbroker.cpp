// The timeline over the real built-in broker, opened through the backend factory as the app
// does (the steps: TimelineOverBroker.h).

#include "TestPaths.h"
#include "TimelineOverBroker.h"
#include "backends/BackendFactory.h"
#include "core/ConsumerManager.h"
#include "core/MemberNames.h"
#include "ui/timeline/TimelineCanvas.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace tidemark;

namespace {

// "billing #1 (old) · killed · 3 s" -> 3; 0 if `text` is not `name`'s countdown.
int countdownOf(const QString &text, const QString &name)
{
    const QString prefix = name + QStringLiteral(" · killed · ");
    if (!text.startsWith(prefix) || !text.endsWith(QStringLiteral(" s")))
        return 0;
    return text.mid(prefix.size(), text.size() - prefix.size() - 2).toInt();
}

// 60 keyed records, spread over orders' three partitions (something to commit on each).
std::vector<OutgoingRecord> recordsOnEveryPartition()
{
    std::vector<OutgoingRecord> records = test::timelineKeyedRecords(60, 0);
    for (size_t i = 0; i < records.size(); ++i)
        records[i].partition = int(i % 3);
    return records;
}

// `manager`'s consumers on `backend`, quick to commit and report (5 s sessions: room for the
// checks on a slow machine), drawn on `view` as the main window connects them.
void drawnOnTimeline(ConsumerManager &manager, const std::shared_ptr<Backend> &backend, TimelineView &view)
{
    ConsumerOptions options;
    options.sessionTimeoutMs = 5000;
    options.commitIntervalMs = 50;
    options.pollTimeoutMs = 20;
    options.statusIntervalMs = 20;
    options.watermarkIntervalMs = 50;
    manager.setDefaultOptions(options);
    manager.setBackend(backend);
    QObject::connect(&manager, &ConsumerManager::statusChanged, &view, &TimelineView::updateConsumer);
    QObject::connect(&manager, &ConsumerManager::consumerRemoved, &view, &TimelineView::removeConsumer);
}

} // namespace

class TestTimelineLocalBroker final : public QObject {
    Q_OBJECT

private slots:
    void showsTheLocalBrokerAndResetsOffsets()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir.path(), {}});
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        test::timelineOverBroker(*opened, QStringLiteral("orders"), QStringLiteral("billing"));
    }

    // Issue 14's "too soon", with the app's consumers: billing #1 is killed, then started again
    // before its 5 s session ran out. While its killed membership holds its partitions, their
    // lanes show its countdown as a killed member's (the markers where it stopped: "billing #1
    // (old) · killed · 5 s", then 4 s...; the legend likewise); when it runs out the group hands
    // them over, the takeover told once per partition from "billing #1 (before its restart)",
    // and the countdown is gone from the lanes and the legend.
    void anEarlierMembershipsLanesCountItsSessionDown()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir.path(), {}});
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        const std::shared_ptr<Backend> backend = *opened;
        const QString topic = QStringLiteral("orders");
        const QString group = QStringLiteral("billing");
        QVERIFY(backend->createTopic(TopicSpec{topic, 3, 1, {}}).ok());
        QVERIFY(backend->produce(topic, recordsOnEveryPartition(), ProduceOptions{}).ok());

        AsyncBackend async(backend);
        TimelineView view;
        view.resize(1024, 500);
        view.loader()->setPollInterval(100);
        view.setBackend(&async);
        view.setTopic(topic);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ConsumerManager manager;
        drawnOnTimeline(manager, backend, view);
        QStringList lines;
        connect(&manager, &ConsumerManager::eventLogged, this,
                [&](const LogEntry &e) { lines << e.source + QStringLiteral(": ") + e.message; });
        const auto statusOf = [&](const QString &id) { return manager.status(id).value_or(ConsumerStatus{}); };

        const QStringList ids = manager.startGroup(group, {topic}, 2);
        QCOMPARE(ids.size(), 2);
        const auto settled = [&] { // both read, and committed what they hold
            size_t held = 0;
            for (const QString &id : ids) {
                const ConsumerStatus s = statusOf(id);
                if (s.state != ConsumerStatus::State::Running || s.assignment.empty() ||
                    s.committed.size() != s.assignment.size())
                    return false;
                held += s.assignment.size();
            }
            return held == 3;
        };
        const auto statusText = [&] {
            QStringList out;
            for (const ConsumerStatus &s : manager.statuses())
                out << QStringLiteral("%1 %2 assigned %3 committed %4")
                           .arg(s.consumerId, consumerStateName(s.state))
                           .arg(s.assignment.size())
                           .arg(s.committed.size());
            return (out + lines).join(u'\n');
        };
        QTRY_VERIFY2_WITH_TIMEOUT(settled(), qPrintable(statusText()), 20000);
        const QString one = ids[0];
        const std::vector<TopicPartition> kept = statusOf(one).assignment;
        QVERIFY(manager.kill(one));
        QTRY_VERIFY_WITH_TIMEOUT(
            statusOf(one).state == ConsumerStatus::State::Killed && statusOf(one).sessionRemainingMs > 0, 10000);
        QVERIFY(manager.restart(one));

        // Its lanes count its session down, as a killed member's would.
        TimelineCanvas *canvas = view.canvas();
        const QString old = briefEarlierMemberName(one);
        std::set<int> shown; // the seconds the lanes showed
        const auto countingDown = [&] {
            canvas->repaint();
            std::set<int> lanesCounting;
            for (const TimelineMarkerLabel &l : canvas->markerLabels()) {
                if (l.kind != TimelineMarker::Kind::Position)
                    continue;
                if (const int left = countdownOf(l.text, old); left > 0) {
                    lanesCounting.insert(l.lane);
                    shown.insert(left);
                }
            }
            const bool inLegend =
                std::any_of(canvas->legendEntries().begin(), canvas->legendEntries().end(), [&](const auto &e) {
                    return e.text == old && countdownOf(e.text + QStringLiteral(" · ") + e.detail, old) > 0;
                });
            size_t keptLanes = 0;
            for (const TopicPartition &tp : kept)
                keptLanes += lanesCounting.count(view.model()->laneOfPartition(tp.partition));
            return inLegend && keptLanes == kept.size() && lanesCounting.size() == kept.size();
        };
        const auto labels = [&] {
            QStringList out;
            for (const TimelineMarkerLabel &l : canvas->markerLabels())
                out << QStringLiteral("%1: %2").arg(l.lane).arg(l.text);
            for (const TimelineLegendEntry &e : canvas->legendEntries())
                out << e.text + QLatin1Char(' ') + e.detail;
            return (out + lines).join(u'\n');
        };
        QTRY_VERIFY2_WITH_TIMEOUT(countingDown(), qPrintable(labels()), 10000);
        const ConsumerStatus restarted = statusOf(one);
        for (const TopicPartition &tp : kept)
            QVERIFY2(std::find(restarted.assignment.begin(), restarted.assignment.end(), tp) ==
                         restarted.assignment.end(),
                     qPrintable(labels())); // nobody reads them meanwhile
        // Second by second (two of its values at least).
        QTRY_VERIFY2_WITH_TIMEOUT(countingDown() && shown.size() >= 2, qPrintable(labels()), 10000);

        // It runs out: the takeover is told once per partition, by the earlier membership's name.
        const QString from = memberDisplayName(manager.statuses(), group, restarted.earlierMemberIds.value(0));
        QCOMPARE(from, QStringLiteral("billing #1 (before its restart)"));
        const auto toldOnce = [&] {
            for (const TopicPartition &tp : kept) {
                const QStringList told =
                    lines.filter(QStringLiteral("took %1 over from %2, ").arg(tp.toString(), from));
                if (told.size() != 1 ||
                    !told[0].contains(QStringLiteral(" s after it was killed (its session timeout: 5 s)")))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(toldOnce(), qPrintable(labels()), 20000);
        // And its countdown is gone from the lanes and the legend.
        QTRY_VERIFY2_WITH_TIMEOUT(!labels().contains(old), qPrintable(labels()), 10000);
        QVERIFY2(toldOnce(), qPrintable(labels()));
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
    }

    // Issue 14, another process: `tidemark-cli consume --group billing` runs beside the app's
    // billing #1 and is killed with kill -9. The group keeps it, with its partitions, until its
    // 6 s session expires: its lanes are drawn as a killed member's (greyed, the committed marker
    // "billing · tidemark-cli · killed · 5 s · …", the legend "tidemark-cli  killed · 5 s"),
    // counting down, not in live colours as if it still ran; then billing #1 takes them over
    // and the countdown is gone.
    void aKilledCliMembersLanesCountItsSessionDown()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir.path(), {}});
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        const std::shared_ptr<Backend> backend = *opened;
        const QString topic = QStringLiteral("orders");
        const QString group = QStringLiteral("billing");
        const QString cliName = QStringLiteral("tidemark-cli");
        QVERIFY(backend->createTopic(TopicSpec{topic, 3, 1, {}}).ok());
        QVERIFY(backend->produce(topic, recordsOnEveryPartition(), ProduceOptions{}).ok());

        AsyncBackend async(backend);
        TimelineView view;
        view.resize(1024, 500);
        view.loader()->setPollInterval(100);
        view.setBackend(&async);
        view.setTopic(topic);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ConsumerManager manager;
        drawnOnTimeline(manager, backend, view);
        const QString one = manager.start(group, {topic});
        QVERIFY(!one.isEmpty());

        QProcess cli;
        const auto stopTheCli = qScopeGuard([&] {
            if (cli.state() != QProcess::NotRunning) {
                cli.kill();
                cli.waitForFinished(10000);
            }
        });
        cli.start(test::paths::cli(),
                  {QStringLiteral("consume"), QStringLiteral("--data"), dir.path(), QStringLiteral("--topic"), topic,
                   QStringLiteral("--group"), group, QStringLiteral("--follow"), QStringLiteral("--session-timeout-ms"),
                   QStringLiteral("6000")});
        QVERIFY2(cli.waitForStarted(10000), qPrintable(cli.errorString()));

        TimelineModel &model = *view.model();
        TimelineCanvas *canvas = view.canvas();
        const auto lanesOf = [&](const QString &label) {
            std::map<int, bool> lanes; // lane -> its owner active
            for (const TimelineLaneFrame &l : model.frame(model.now()).lanes)
                if (l.owner.label == label)
                    lanes[model.laneOfPartition(l.partition)] = l.owner.active;
            return lanes;
        };
        const auto drawn = [&] { // what the lanes and the legend say
            canvas->repaint();
            QStringList out;
            for (const TimelineLaneFrame &l : model.frame(model.now()).lanes)
                out << QStringLiteral("P%1 owner '%2' (%3)")
                           .arg(l.partition)
                           .arg(l.owner.label, QLatin1String(l.owner.active ? "active" : "inactive"));
            for (const TimelineMarkerLabel &l : canvas->markerLabels())
                out << QStringLiteral("%1: %2").arg(l.lane).arg(l.text);
            for (const TimelineLegendEntry &e : canvas->legendEntries())
                out << e.text + QLatin1Char(' ') + e.detail;
            return out.join(u'\n');
        };
        const auto labels = [&] { return drawn() + u'\n' + QString::fromUtf8(cli.readAllStandardError()); };
        // Seen owning partitions, running: its lanes in its live colour, no countdown.
        std::map<int, bool> cliLanes;
        const auto cliRuns = [&] {
            cliLanes = lanesOf(cliName);
            return !cliLanes.empty() &&
                   std::all_of(cliLanes.begin(), cliLanes.end(), [](const auto &l) { return l.second; }) &&
                   lanesOf(one).size() + cliLanes.size() == 3;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(cliRuns(), qPrintable(labels()), 30000);
        QVERIFY2(!drawn().contains(QStringLiteral("killed")), qPrintable(labels()));

        cli.kill(); // SIGKILL: no commit, no leave
        QVERIFY(cli.waitForFinished(10000));

        std::set<int> shown; // the seconds its lanes showed
        const auto countingDown = [&] {
            canvas->repaint();
            const std::map<int, bool> greyed = lanesOf(cliName); // still its, not active
            if (greyed.size() != cliLanes.size() || std::any_of(greyed.begin(), greyed.end(), [&](const auto &l) {
                    return l.second || !cliLanes.count(l.first);
                }))
                return false;
            std::set<int> lanesCounting;
            for (const TimelineMarkerLabel &l : canvas->markerLabels()) {
                if (l.kind != TimelineMarker::Kind::Committed)
                    continue;
                const QString prefix = group + QStringLiteral(" · ") + cliName + QStringLiteral(" · ");
                if (!l.text.startsWith(prefix))
                    continue;
                // "billing · tidemark-cli · killed · 3 s · 20" -> "tidemark-cli · killed · 3 s"
                const QString who = l.text.mid(group.size() + 3).section(QStringLiteral(" · "), 0, 2);
                if (const int left = countdownOf(who, cliName); left > 0) {
                    lanesCounting.insert(l.lane);
                    shown.insert(left);
                }
            }
            const bool inLegend =
                std::any_of(canvas->legendEntries().begin(), canvas->legendEntries().end(), [&](const auto &e) {
                    return e.text == cliName && countdownOf(e.text + QStringLiteral(" · ") + e.detail, cliName) > 0;
                });
            return inLegend && lanesCounting.size() == cliLanes.size() &&
                   std::all_of(cliLanes.begin(), cliLanes.end(),
                               [&](const auto &l) { return lanesCounting.count(l.first) != 0; });
        };
        QTRY_VERIFY2_WITH_TIMEOUT(countingDown(), qPrintable(labels()), 10000);
        // Second by second (two of its values at least).
        QTRY_VERIFY2_WITH_TIMEOUT(countingDown() && shown.size() >= 2, qPrintable(labels()), 10000);

        // Its session over, billing #1 takes its lanes over, and nothing names it any more.
        const auto handedOver = [&] {
            const std::map<int, bool> lanes = lanesOf(one);
            return lanes.size() == 3 &&
                   std::all_of(lanes.begin(), lanes.end(), [](const auto &l) { return l.second; }) &&
                   !drawn().contains(cliName);
        };
        QTRY_VERIFY2_WITH_TIMEOUT(handedOver(), qPrintable(labels()), 20000);
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
    }
};

QTEST_MAIN(TestTimelineLocalBroker)
#include "tst_timeline_localbroker.moc"
