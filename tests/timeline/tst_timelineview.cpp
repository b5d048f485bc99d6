// The timeline view, driven through its public API: golden images of fixed states, and the
// behaviours behind them (marker positions, hit-testing, click to select, the offset-reset
// drag with its confirmation, zoom and pan, pausing when hidden).

#include "FakeBackend.h"
#include "ReadableColours.h"
#include "TimelineLabels.h"
#include "TimelineRecords.h"
#include "TimelineTestData.h"
#include "UiTestSupport.h"

#include "core/AsyncBackend.h"
#include "core/MemberNames.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace tidemark;
using State = ConsumerStatus::State;

namespace {

const QString kTopic = QStringLiteral("orders");

// The dark theme's colours that matter to the timeline.
QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x23, 0x26, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x23));
    dark.setColor(QPalette::Text, QColor(0xe3, 0xe6, 0xea));
    dark.setColor(QPalette::WindowText, QColor(0xe3, 0xe6, 0xea));
    dark.setColor(QPalette::ButtonText, QColor(0xe3, 0xe6, 0xea));
    dark.setColor(QPalette::Button, QColor(0x2c, 0x30, 0x36));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa8));
    return dark;
}

// A view with a fake clock, fed directly through its model (no backend).
struct Scene {
    qint64 now = 1'000'000;
    TimelineView view;

    explicit Scene(QSize size = QSize(960, 440))
    {
        view.setClock([this] { return now; });
        view.resize(size);
    }
    TimelineModel &model() { return *view.model(); }
    void settle() { now += 10'000; }
    // Drags partition 0's committed marker (under its strip) from one offset to another.
    void dragCommitted(double fromOffset, double toOffset)
    {
        const QRect strip = view.stripRect(0);
        const QPoint from(int(view.xForOffset(fromOffset)), strip.bottom() + 4);
        const QPoint to(int(view.xForOffset(toOffset)), strip.bottom() + 4);
        QTest::mousePress(view.canvas(), Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), view.canvas()->mapToGlobal(QPointF(to)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.canvas(), &move);
        QTest::mouseRelease(view.canvas(), Qt::LeftButton, {}, to);
    }
    void show()
    {
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

    void keyed()
    {
        view.setTopic(kTopic);
        model().setPartitions(
            {test::partitionInfo(0, 0, 64), test::partitionInfo(1, 0, 48), test::partitionInfo(2, 0, 56)});
        model().addSummaries(0, test::summaries(0, 0, 64));
        model().addSummaries(1, test::summaries(1, 0, 48));
        model().addSummaries(2, test::summaries(2, 0, 56));
    }
    void groupMidway()
    {
        keyed();
        model().setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {40, 22, 41}, {64, 48, 56}),
                           test::groupInfo(QStringLiteral("audit"), kTopic, {12, 30, 8}, {64, 48, 56})});
        model().setConsumers(running());
        settle();
    }
    std::vector<ConsumerStatus> running(State second = State::Running)
    {
        return {test::consumer(QStringLiteral("billing #1"), QStringLiteral("billing"), State::Running, kTopic,
                               {{0, 44}, {1, 27}}, {{0, 40}, {1, 22}}),
                test::consumer(QStringLiteral("billing #2"), QStringLiteral("billing"), second, kTopic, {{2, 50}},
                               {{2, 41}})};
    }
    void killed()
    {
        groupMidway();
        model().setConsumers(running(State::Killed));
        settle();
    }
    void rebalanced()
    {
        killed();
        // The group noticed: billing #1 now owns every partition and resumes P2 at the
        // committed offset, re-reading 41..50.
        auto statuses = running(State::Killed);
        statuses[0].generation = 2;
        statuses[0].assignment.push_back(TopicPartition{kTopic, 2});
        statuses[0].positions[TopicPartition{kTopic, 2}] = 41;
        model().setConsumers(statuses);
        settle();
        statuses[0].positions[TopicPartition{kTopic, 2}] = 53;
        model().setConsumers(statuses);
        settle();
    }
};

} // namespace

class TestTimelineView final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    // The moment of a takeover: the new owner resumes exactly where the killed consumer's
    // marker stands. Both markers keep a readable label (fanned out, none overlapping), the
    // killed one with its session countdown; checked on the geometry the canvas reports.
    void coincidingMarkersKeepTheirLabels()
    {
        Scene s;
        s.killed();
        auto statuses = s.running(State::Killed);
        statuses[1].sessionRemainingMs = 3200; // "killed · 4 s"
        statuses[0].assignment.push_back(TopicPartition{kTopic, 2});
        statuses[0].positions[TopicPartition{kTopic, 2}] = 41; // where billing #2 settled: its commit
        s.model().setConsumers(statuses);
        s.settle();
        s.show();
        s.view.canvas()->repaint();
        std::vector<TimelineMarkerLabel> onP2;
        for (const TimelineMarkerLabel &l : s.view.canvas()->markerLabels())
            if (l.lane == 2 && l.kind == TimelineMarker::Kind::Position)
                onP2.push_back(l);
        QCOMPARE(onP2.size(), size_t(2));
        QCOMPARE(onP2[0].markerX, onP2[1].markerX); // the markers coincide
        QVERIFY2(!onP2[0].rect.intersects(onP2[1].rect),
                 qPrintable(QStringLiteral("%1 %2").arg(onP2[0].text, onP2[1].text)));
        QStringList texts{onP2[0].text, onP2[1].text};
        texts.sort();
        QCOMPARE(texts, (QStringList{QStringLiteral("billing #1"), QStringLiteral("billing #2 · killed · 4 s")}));
        // No label of any kind overlaps another of its lane and row.
        const auto &all = s.view.canvas()->markerLabels();
        for (size_t i = 0; i < all.size(); ++i)
            for (size_t j = i + 1; j < all.size(); ++j)
                if (all[i].lane == all[j].lane && all[i].kind == all[j].kind)
                    QVERIFY2(!all[i].rect.intersects(all[j].rect),
                             qPrintable(all[i].text + QStringLiteral(" / ") + all[j].text));
        QVERIFY2(test::unreadableLabels(s.view.canvas()).isEmpty(),
                 qPrintable(test::unreadableLabels(s.view.canvas()).join(QLatin1Char('\n'))));
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-takeover-coinciding"));
    }

    // Issue 14: the legend never drops an entry silently. Narrow (the timeline at 1024 wide), with
    // four consumers of which two are stopped, the running ones stay, and what did not fit is
    // counted in a last "+N more" whose list names them; wide, all fit. A killed consumer whose
    // session ran out but whose partitions were not handed over yet says so.
    void legendKeepsRunningConsumersAndCountsTheRest()
    {
        for (const int width : {520, 1400}) {
            Scene s(QSize(width, 300));
            s.keyed();
            s.model().setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {40, 22, 41}, {64, 48, 56})});
            ConsumerStatus timedOut = test::consumer(QStringLiteral("billing #2"), QStringLiteral("billing"),
                                                     State::Killed, kTopic, {{2, 41}}, {{2, 41}});
            timedOut.sessionRemainingMs = 0; // its session ran out, the takeover still to come
            s.model().setConsumers(
                {test::consumer(QStringLiteral("billing #1"), QStringLiteral("billing"), State::Stopped, kTopic, {}),
                 width > 1000 ? timedOut
                              : test::consumer(QStringLiteral("billing #2"), QStringLiteral("billing"), State::Stopped,
                                               kTopic, {}),
                 test::consumer(QStringLiteral("billing #3"), QStringLiteral("billing"), State::Running, kTopic,
                                {{0, 44}, {1, 27}}, {{0, 40}, {1, 22}}),
                 test::consumer(QStringLiteral("billing #4"), QStringLiteral("billing"), State::Running, kTopic,
                                {{2, 50}}, {{2, 41}})});
            s.settle();
            s.show();
            s.view.canvas()->repaint();
            const std::vector<TimelineLegendEntry> &entries = s.view.canvas()->legendEntries();
            QStringList shown, hidden;
            for (const TimelineLegendEntry &e : entries) {
                QVERIFY2(e.rect.right() < s.view.canvas()->width(), qPrintable(e.text));
                if (e.kind == TimelineLegendEntry::Kind::More) {
                    QCOMPARE(&e, &entries.back()); // last
                    QCOMPARE(e.text, QStringLiteral("+%1 more").arg(e.hidden.size()));
                    hidden = e.hidden;
                } else if (e.kind != TimelineLegendEntry::Kind::Owners) {
                    shown << e.text;
                }
            }
            for (size_t i = 1; i < entries.size(); ++i)
                QVERIFY(entries[i - 1].rect.right() < entries[i].rect.left()); // in a row, none overlapping
            const QString all = (shown + hidden).join(QLatin1Char('|'));
            for (const QString &name :
                 {QStringLiteral("billing"), QStringLiteral("billing #1"), QStringLiteral("billing #2"),
                  QStringLiteral("billing #3"), QStringLiteral("billing #4")})
                QVERIFY2(shown.contains(name) || hidden.contains(name),
                         qPrintable(name + QStringLiteral(" is neither shown nor counted: ") + all));
            // The running members win over the stopped ones.
            QVERIFY2(shown.contains(QStringLiteral("billing #3")) && shown.contains(QStringLiteral("billing #4")),
                     qPrintable(all));
            if (width < 1000) {
                QVERIFY2(!hidden.isEmpty(), qPrintable(all)); // the case worth testing: not everything fits
            } else {
                QVERIFY2(hidden.isEmpty(), qPrintable(all));
                const auto two = std::find_if(entries.begin(), entries.end(), [](const TimelineLegendEntry &e) {
                    return e.text == QStringLiteral("billing #2");
                });
                QVERIFY(two != entries.end());
                QCOMPARE(two->detail, QStringLiteral("timed out · rebalancing"));
            }
        }
    }

    // After a lesson's restarts (1600x1000: the timeline ~880 px wide), a running group with six
    // stopped members and two running ones, or a running one and one killed whose partitions
    // were taken over: those two are in the legend, drawn before any stopped one, and the
    // stopped ones fold together into "+N more" (it spent its room on "billing #1 stopped",
    // "billing #2 stopped" while "billing #8 killed" went to "+5 more").
    void legendFoldsStoppedMembersFirst_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("eighthKilled");
        QTest::newRow("880, two running") << 880 << false;
        QTest::newRow("880, one killed") << 880 << true;
        QTest::newRow("1000, one killed") << 1000 << true;
    }
    void legendFoldsStoppedMembersFirst()
    {
        QFETCH(int, width);
        QFETCH(bool, eighthKilled);
        Scene s(QSize(width, 300));
        s.keyed();
        s.model().setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {40, 22, 41}, {40, 22, 41})});
        std::vector<ConsumerStatus> statuses;
        for (int i = 1; i <= 6; ++i)
            statuses.push_back(test::consumer(QStringLiteral("billing #%1").arg(i), QStringLiteral("billing"),
                                              State::Stopped, kTopic, {}));
        statuses.push_back(test::consumer(QStringLiteral("billing #7"), QStringLiteral("billing"), State::Running,
                                          kTopic, {{0, 40}, {1, 22}, {2, 41}}, {{0, 40}, {1, 22}, {2, 41}}));
        ConsumerStatus eighth = test::consumer(QStringLiteral("billing #8"), QStringLiteral("billing"),
                                               eighthKilled ? State::Killed : State::Running, kTopic, {});
        eighth.sessionRemainingMs = -1; // killed: taken over, no countdown any more
        statuses.push_back(eighth);
        s.model().setConsumers(statuses);
        s.settle();
        s.show();
        s.view.canvas()->repaint();
        const std::vector<TimelineLegendEntry> &entries = s.view.canvas()->legendEntries();
        QStringList shown, hidden;
        int firstStopped = -1, lastActive = -1;
        for (const TimelineLegendEntry &e : entries) {
            QVERIFY2(e.rect.right() < s.view.canvas()->width(), qPrintable(e.text));
            if (e.kind == TimelineLegendEntry::Kind::More) {
                hidden = e.hidden;
                continue;
            }
            shown << e.text + (e.detail.isEmpty() ? QString() : QLatin1Char(' ') + e.detail);
            if (e.kind != TimelineLegendEntry::Kind::Consumer)
                continue;
            if (e.text == QLatin1String("billing #7") || e.text == QLatin1String("billing #8"))
                lastActive = e.rect.left();
            else if (firstStopped < 0)
                firstStopped = e.rect.left();
        }
        const QString all = shown.join(QStringLiteral(" | ")) + QStringLiteral(" (hidden: ") +
                            hidden.join(QStringLiteral(", ")) + QLatin1Char(')');
        qInfo("legend at %d: %s", width, qPrintable(all));
        QVERIFY2(!hidden.isEmpty(), qPrintable(all)); // the case worth testing: not everything fits
        QVERIFY2(shown.contains(QStringLiteral("billing #7")), qPrintable(all));
        QVERIFY2(shown.contains(eighthKilled ? QStringLiteral("billing #8 killed") : QStringLiteral("billing #8")),
                 qPrintable(all));
        QVERIFY2(firstStopped < 0 || firstStopped > lastActive, qPrintable(all)); // drawn after those that run
        // Where one stopped member folds, they all do: none of them drawn.
        for (int i = 1; i <= 6; ++i)
            QVERIFY2(hidden.contains(QStringLiteral("billing #%1").arg(i)), qPrintable(all));
    }

    // Three consumers' markers where the head is (a member that read P2 before a rebalance,
    // the killed one, its successor), in lanes as tall as the lesson's at 1024x700 and at
    // 1600x1000, fitted or following the head: every label drawn, none touching another, none
    // under a leader line or on the owners band, the head's label included.
    void crowdedMarkersStayReadable_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("follow");
        QTest::newRow("short lanes") << QSize(640, 269) << false;
        QTest::newRow("short lanes, following") << QSize(640, 269) << true;
        QTest::newRow("tall lanes") << QSize(1100, 470) << false;
        QTest::newRow("tall lanes, following") << QSize(1100, 470) << true;
    }
    void crowdedMarkersStayReadable()
    {
        QFETCH(QSize, size);
        QFETCH(bool, follow);
        Scene s(size);
        s.killed();
        auto statuses = s.running(State::Killed);
        statuses[1].sessionRemainingMs = 2200; // "killed · 3 s"
        statuses[1].positions[TopicPartition{kTopic, 2}] = 56;
        statuses[0].positions[TopicPartition{kTopic, 2}] = 56; // read P2 before a rebalance
        statuses.push_back(test::consumer(QStringLiteral("billing #3"), QStringLiteral("billing"), State::Running,
                                          kTopic, {{2, 56}}, {{2, 41}}));
        s.model().setConsumers(statuses);
        s.settle();
        s.show();
        s.view.setFollowHead(follow);
        s.settle();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint();
        const int laneHeight = canvas->laneRect(0).height();
        QVERIFY2(laneHeight >= 60 && laneHeight <= 124, qPrintable(QString::number(laneHeight)));
        QStringList onP2;
        for (const TimelineMarkerLabel &l : canvas->markerLabels())
            if (l.lane == 2 && l.kind == TimelineMarker::Kind::Position)
                onP2 << l.text;
        onP2.sort();
        QCOMPARE(onP2, (QStringList{QStringLiteral("billing #1"), QStringLiteral("billing #2 · killed · 3 s"),
                                    QStringLiteral("billing #3")}));
        QVERIFY(
            std::any_of(canvas->markerLabels().begin(), canvas->markerLabels().end(), [](const TimelineMarkerLabel &l) {
                return l.lane == 2 && l.kind == TimelineMarker::Kind::HighWatermark;
            }));
        QVERIFY2(test::unreadableLabels(canvas).isEmpty(),
                 qPrintable(test::unreadableLabels(canvas).join(QLatin1Char('\n'))));
    }

    // The lesson's walk: a group of 2 started, stopped, started again (two new members) and
    // stopped again leaves four stopped consumers behind. What a learner needs then is where the
    // group will resume, once: one marker per group and partition, at the committed offset,
    // labelled "billing · stopped · N", not a grey marker per past member. A killed member that
    // still holds its partitions (its session not expired) keeps its marker and countdown, and
    // the group is not stopped then. Checked on what the canvas drew (markers and labels).
    void stoppedGroupShowsWhereItResumesOnce_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("short lanes") << QSize(640, 269);
        QTest::newRow("tall lanes") << QSize(1100, 470);
    }
    void stoppedGroupShowsWhereItResumesOnce()
    {
        QFETCH(QSize, size);
        Scene s(size);
        s.keyed();
        const QString billing = QStringLiteral("billing");
        s.model().setGroups({test::groupInfo(billing, kTopic, {0, 0, 0}, {64, 48, 56})});
        auto member = [&](int n, State state, std::vector<std::pair<int, qint64>> at) {
            return test::consumer(QStringLiteral("billing #%1").arg(n), billing, state, kTopic, at, at);
        };
        // Start 2, stop them; start 2 more (the first pair stays listed, stopped), stop them.
        s.model().setConsumers({member(1, State::Running, {{0, 20}, {1, 15}}), member(2, State::Running, {{2, 30}})});
        s.settle();
        s.model().setConsumers({member(1, State::Stopped, {{0, 20}, {1, 15}}), member(2, State::Stopped, {{2, 30}})});
        s.settle();
        std::vector<ConsumerStatus> statuses = {
            member(1, State::Stopped, {{0, 20}, {1, 15}}), member(2, State::Stopped, {{2, 30}}),
            member(3, State::Running, {{0, 40}, {1, 33}}), member(4, State::Running, {{2, 45}})};
        s.model().setConsumers(statuses);
        s.settle();
        statuses[2].state = State::Stopped;
        statuses[3].state = State::Stopped;
        s.model().setConsumers(statuses);
        s.settle();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint();
        const std::vector<qint64> resumesAt = {40, 33, 45};
        for (int lane = 0; lane < 3; ++lane) {
            QStringList markers, labels;
            for (const TimelineDrawnMarker &m : canvas->drawnMarkers())
                if (m.lane == lane && m.groupId == billing)
                    markers << QStringLiteral("%1 %2 at %3")
                                   .arg(m.kind == TimelineMarker::Kind::Committed ? QStringLiteral("committed")
                                                                                  : m.consumerId)
                                   .arg(m.groupStopped ? QStringLiteral("stopped") : QString())
                                   .arg(m.offset);
            for (const TimelineMarkerLabel &l : canvas->markerLabels())
                if (l.lane == lane &&
                    (l.kind == TimelineMarker::Kind::Position || (l.kind == TimelineMarker::Kind::Committed && !l.lag)))
                    labels << l.text;
            QCOMPARE(markers, QStringList{QStringLiteral("committed stopped at %1").arg(resumesAt[size_t(lane)])});
            QCOMPARE(labels, QStringList{QStringLiteral("billing · stopped · %1").arg(resumesAt[size_t(lane)])});
        }
        QVERIFY2(test::unreadableLabels(canvas).isEmpty(), qPrintable(test::unreadableLabels(canvas).join(u'\n')));
        // The legend agrees: one entry for the group, in its markers' colour, saying it is
        // stopped and its lag (24 + 15 + 11), not one per past member nor a "+N more" of them.
        auto legend = [&] {
            QStringList out;
            for (const TimelineLegendEntry &e : canvas->legendEntries()) {
                if (e.kind == TimelineLegendEntry::Kind::More)
                    out << e.text + QStringLiteral(": ") + e.hidden.join(QStringLiteral(", "));
                else if (e.kind != TimelineLegendEntry::Kind::Owners)
                    out << (e.detail.isEmpty() ? e.text : e.text + QLatin1Char(' ') + e.detail);
            }
            return out;
        };
        QCOMPARE(legend(), QStringList{QStringLiteral("billing stopped · lag 50")});
        for (const TimelineDrawnMarker &m : canvas->drawnMarkers())
            if (m.kind == TimelineMarker::Kind::Committed)
                QCOMPARE(canvas->legendEntries().front().colour, m.colour);

        // #1 restarted and killed, keeping P0 and P1 until its session expires: its marker is
        // drawn with its countdown, and the group is not stopped (its partitions are held).
        statuses[0] = member(1, State::Running, {{0, 40}, {1, 33}});
        s.model().setConsumers(statuses);
        s.settle();
        statuses[0].state = State::Killed;
        statuses[0].sessionRemainingMs = 3200; // "killed · 4 s"
        s.model().setConsumers(statuses);
        s.settle();
        canvas->repaint();
        QStringList positions, committed;
        for (const TimelineMarkerLabel &l : canvas->markerLabels()) {
            if (l.kind == TimelineMarker::Kind::Position)
                positions << QStringLiteral("%1: %2").arg(l.lane).arg(l.text);
            else if (l.kind == TimelineMarker::Kind::Committed && !l.lag)
                committed << QStringLiteral("%1: %2").arg(l.lane).arg(l.text);
        }
        QCOMPARE(positions, (QStringList{QStringLiteral("0: billing #1 · killed · 4 s"),
                                         QStringLiteral("1: billing #1 · killed · 4 s")}));
        QCOMPARE(committed, (QStringList{QStringLiteral("0: billing · 40"), QStringLiteral("1: billing · 33"),
                                         QStringLiteral("2: billing · 45")}));
        // In the legend the group reads again (not stopped) and the killed member has its own entry.
        const QStringList legendNow = legend();
        QVERIFY2(legendNow.contains(QStringLiteral("billing lag 50")), qPrintable(legendNow.join(u'|')));
        QVERIFY2(legendNow.contains(QStringLiteral("billing #1 killed · 4 s")), qPrintable(legendNow.join(u'|')));
        QVERIFY2(test::unreadableLabels(canvas).isEmpty(), qPrintable(test::unreadableLabels(canvas).join(u'\n')));
    }

    // Reviewer F14: the group stopped, 1,000 records generated: P0 and P2 said "lag 370" and
    // "lag 386", P1 (lag 244, a shorter lane) said nothing: its lag label, right-aligned at the
    // head, ran into "billing · stopped · 236" and was dropped. Every lane with lag shows it,
    // clear of the other labels of its row.
    void everyLaneWithLagShowsIt()
    {
        Scene s(QSize(660, 290));
        s.view.setTopic(kTopic);
        s.model().setPartitions(
            {test::partitionInfo(0, 0, 743), test::partitionInfo(1, 0, 480), test::partitionInfo(2, 0, 778)});
        s.model().addSummaries(0, test::summaries(0, 0, 743));
        s.model().addSummaries(1, test::summaries(1, 0, 480));
        s.model().addSummaries(2, test::summaries(2, 0, 778));
        GroupInfo billing = test::groupInfo(QStringLiteral("billing"), kTopic, {373, 236, 392}, {743, 480, 778});
        billing.state = QStringLiteral("Empty"); // stopped
        s.model().setGroups({billing});
        s.settle();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint();
        const QStringList expected = {QStringLiteral("lag 370"), QStringLiteral("lag 244"), QStringLiteral("lag 386")};
        for (int lane = 0; lane < 3; ++lane) {
            QStringList lags, all;
            std::vector<QRect> rects;
            for (const TimelineMarkerLabel &l : canvas->markerLabels()) {
                if (l.lane != lane)
                    continue;
                all << l.text;
                if (l.lag)
                    lags << l.text;
                for (const QRect &r : rects)
                    QVERIFY2(!r.intersects(l.rect),
                             qPrintable(l.text + QStringLiteral(" overlaps in lane ") + QString::number(lane)));
                rects.push_back(l.rect);
                QVERIFY2(canvas->rect().contains(l.rect), qPrintable(l.text));
            }
            QVERIFY2(lags == QStringList{expected[lane]},
                     qPrintable(QStringLiteral("lane %1: %2").arg(lane).arg(all.join(u'|'))));
        }
    }

    // Issue 14's "too soon": billing #1 is killed, then started again before its session ran
    // out. Its killed membership still holds P0 and P1: their markers stay where the killed
    // one's stood, labelled as a killed member's with the countdown going on ("billing #1 (old)
    // · killed · 4 s", as the lane headers name it briefly), and the legend has its entry
    // beside the restarted billing #1's, until a member takes the partitions over.
    void anEarlierMembershipKeepsItsCountdown()
    {
        Scene s;
        s.killed();
        auto statuses = s.running(State::Killed);
        statuses[1].state = State::Running;
        statuses[0].state = State::Killed;
        statuses[0].sessionTimeoutMs = 6000;
        statuses[0].sessionRemainingMs = 3200;
        s.model().setConsumers(statuses);
        s.settle();
        // Restarted: a new membership joining, the killed one's session going on.
        ConsumerStatus restarted = statuses[0];
        EarlierSession earlier;
        earlier.memberId = restarted.memberId;
        earlier.kept = restarted.assignment;
        earlier.sessionTimeoutMs = 6000;
        earlier.sessionRemainingMs = 3200; // "4 s"
        restarted.earlierMemberIds = {restarted.memberId};
        restarted.earlierSessions = {earlier};
        restarted.memberId.clear();
        restarted.state = State::Starting;
        restarted.assignment.clear();
        restarted.positions.clear();
        restarted.committed.clear();
        restarted.sessionTimeoutMs = 0;
        restarted.sessionRemainingMs = -1;
        statuses[0] = restarted;
        s.model().setConsumers(statuses);
        s.settle();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        const QString old = briefEarlierMemberName(QStringLiteral("billing #1"));
        const auto drawn = [&] {
            canvas->repaint();
            QStringList out;
            for (const TimelineMarkerLabel &l : canvas->markerLabels())
                if (l.kind == TimelineMarker::Kind::Position)
                    out << QStringLiteral("%1: %2").arg(l.lane).arg(l.text);
            for (const TimelineLegendEntry &e : canvas->legendEntries())
                if (e.kind == TimelineLegendEntry::Kind::Consumer)
                    out << (e.detail.isEmpty() ? e.text : e.text + QLatin1Char(' ') + e.detail);
            return out;
        };
        QCOMPARE(drawn(), (QStringList{QStringLiteral("0: %1 · killed · 4 s").arg(old),
                                       QStringLiteral("1: %1 · killed · 4 s").arg(old), QStringLiteral("2: billing #2"),
                                       QStringLiteral("billing #1 starting"), old + QStringLiteral(" killed · 4 s"),
                                       QStringLiteral("billing #2")}));
        // Where the killed one's markers stood: its committed offsets.
        for (const TimelineDrawnMarker &m : canvas->drawnMarkers())
            if (m.consumerId == old)
                QCOMPARE(m.offset, m.lane == 0 ? qint64(40) : qint64(22));
        QVERIFY2(test::unreadableLabels(canvas).isEmpty(), qPrintable(test::unreadableLabels(canvas).join(u'\n')));
        // The hover card over its marker on P0 reads as the lane's label ("billing #1 (old) ·
        // killed · 4 s", not "billing #1 (old) (killed)"), says what it holds and for how long.
        const auto card = [&] {
            canvas->repaint();
            QPoint at;
            for (const TimelineDrawnMarker &m : canvas->drawnMarkers())
                if (m.consumerId == old && m.lane == 0)
                    at = QPoint(m.x, canvas->stripRect(0).top() - 4);
            QMouseEvent move(QEvent::MouseMove, QPointF(at), canvas->mapToGlobal(QPointF(at)), Qt::NoButton,
                             Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(canvas, &move);
            canvas->repaint();
            return QStringList{canvas->hoverCard().title} + canvas->hoverCard().lines;
        };
        const auto laneLabel = [&] {
            for (const TimelineMarkerLabel &l : canvas->markerLabels())
                if (l.kind == TimelineMarker::Kind::Position && l.lane == 0)
                    return l.text;
            return QString();
        };
        QCOMPARE(card(),
                 (QStringList{old + QStringLiteral(" · killed · 4 s"),
                              QStringLiteral("billing #1 before its restart: killed, it still holds orders[0]."),
                              QStringLiteral("Nobody reads it until its session ends in 4 s."),
                              QStringLiteral("Stopped reading at offset 40"), QStringLiteral("Group: billing")}));
        QCOMPARE(canvas->hoverCard().title, laneLabel());
        QVERIFY(canvas->rect().contains(canvas->hoverCard().rect));

        // The countdown goes on; then it ran out and the group is rebalancing.
        statuses[0].memberId = QStringLiteral("billing #1-member-2");
        statuses[0].state = State::Running;
        statuses[0].earlierSessions.front().sessionRemainingMs = 1500;
        s.model().setConsumers(statuses);
        QVERIFY2(drawn().contains(QStringLiteral("0: %1 · killed · 2 s").arg(old)), qPrintable(drawn().join(u'|')));
        QCOMPARE(card().mid(0, 3), (QStringList{old + QStringLiteral(" · killed · 2 s"),
                                                QStringLiteral("billing #1 before its restart: killed, it still "
                                                               "holds orders[0]."),
                                                QStringLiteral("Nobody reads it until its session ends in 2 s.")}));
        statuses[0].earlierSessions.front().sessionRemainingMs = 0;
        s.model().setConsumers(statuses);
        QVERIFY2(drawn().contains(old + QStringLiteral(" timed out · rebalancing")), qPrintable(drawn().join(u'|')));
        // Its session over, the card says so.
        QCOMPARE(card().mid(0, 3),
                 (QStringList{old + QStringLiteral(" · timed out · rebalancing"),
                              QStringLiteral("billing #1 before its restart: killed, it still "
                                             "holds orders[0]."),
                              QStringLiteral("Its session is over: the group hands orders[0] over.")}));
        QCOMPARE(canvas->hoverCard().title, laneLabel());

        // Taken over by the restarted billing #1 itself: the earlier membership is gone.
        statuses[0].earlierSessions.clear();
        statuses[0].assignment = {TopicPartition{kTopic, 0}, TopicPartition{kTopic, 1}};
        statuses[0].positions = {{TopicPartition{kTopic, 0}, 40}, {TopicPartition{kTopic, 1}, 22}};
        s.model().setConsumers(statuses);
        s.settle();
        QCOMPARE(drawn(), (QStringList{QStringLiteral("0: billing #1"), QStringLiteral("1: billing #1"),
                                       QStringLiteral("2: billing #2"), QStringLiteral("billing #1"),
                                       QStringLiteral("billing #2")}));
    }

    // In the dark theme the killed member's label read at about 3:1. Every marker label (the
    // consumers' positions, a killed one's countdown, the committed offsets, a stopped group's,
    // the lag, the log start, the head's offset) has a contrast of at least 4.5:1 (WCAG AA) with
    // what it is drawn on, in both themes: computed from the colours the canvas reports.
    void markerLabelsReadInBothThemes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void markerLabelsReadInBothThemes()
    {
        QFETCH(bool, dark);
        Scene s;
        if (dark)
            s.view.setPalette(darkPalette());
        s.killed();
        auto statuses = s.running(State::Killed);
        statuses[1].sessionRemainingMs = 3200; // "killed · 4 s"
        s.model().setConsumers(statuses);
        GroupInfo audit = test::groupInfo(QStringLiteral("audit"), kTopic, {12, 30, 8}, {64, 48, 56});
        audit.state = QStringLiteral("Empty"); // stopped
        s.model().setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {40, 22, 41}, {64, 48, 56}), audit});
        s.model().setWatermarks(1, 4, 48); // a log start with a label
        s.settle();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint();
        const TimelinePalette &palette = canvas->timelinePalette();
        QCOMPARE(palette.background, s.view.palette().color(QPalette::Base));
        QCOMPARE(palette.dark, dark);
        QStringList seen, failures;
        bool lag = false;
        for (const TimelineMarkerLabel &l : canvas->markerLabels()) {
            seen << l.text;
            lag = lag || l.lag;
            QCOMPARE(l.colour.alpha(), 255);
            QVERIFY2(l.background == palette.background || l.background == palette.track, qPrintable(l.text));
            const double ratio = test::contrast(l.colour, l.background);
            if (ratio < 4.5)
                failures << QStringLiteral("'%1' %2 on %3: %4:1")
                                .arg(l.text, l.colour.name(), l.background.name())
                                .arg(ratio, 0, 'f', 2);
        }
        for (const QString &text :
             {QStringLiteral("billing #1"), QStringLiteral("billing #2 · killed · 4 s"), QStringLiteral("billing · 40"),
              QStringLiteral("audit · stopped · 30"), QStringLiteral("4"), QStringLiteral("64")})
            QVERIFY2(seen.contains(text), qPrintable(text + QStringLiteral(" not among: ") + seen.join(u'|')));
        QVERIFY2(lag, qPrintable(seen.join(u'|')));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    // Group colours swapped across an app restart (billing blue and audit brown, then the
    // other way round): two views that learn the groups in opposite orders draw each group's
    // committed markers (and its legend entry) in the same colour.
    void groupColoursSurviveDiscoveryOrder()
    {
        const GroupInfo billing = test::groupInfo(QStringLiteral("billing"), kTopic, {40, 22, 41}, {64, 48, 56});
        const GroupInfo audit = test::groupInfo(QStringLiteral("audit"), kTopic, {12, 30, 8}, {64, 48, 56});
        auto drawnColours = [&](const std::vector<GroupInfo> &first) {
            auto s = std::make_unique<Scene>();
            s->keyed();
            s->model().setGroups(first);
            s->model().setGroups({billing, audit});
            s->settle();
            s->show();
            s->view.canvas()->repaint();
            std::map<QString, QRgb> out;
            for (const TimelineDrawnMarker &m : s->view.canvas()->drawnMarkers())
                if (m.kind == TimelineMarker::Kind::Committed)
                    out[m.groupId] = m.colour.rgba();
            for (const TimelineLegendEntry &e : s->view.canvas()->legendEntries())
                if (e.text == QStringLiteral("billing") || e.text == QStringLiteral("audit"))
                    out[e.text + QStringLiteral(" (legend)")] = e.colour.rgba();
            return out;
        };
        const std::map<QString, QRgb> billingFirst = drawnColours({billing});
        const std::map<QString, QRgb> auditFirst = drawnColours({audit});
        QCOMPARE(billingFirst.size(), size_t(4));
        QCOMPARE(auditFirst, billingFirst);
        QVERIFY(billingFirst.at(QStringLiteral("billing")) != billingFirst.at(QStringLiteral("audit")));
        QCOMPARE(billingFirst.at(QStringLiteral("billing (legend)")), billingFirst.at(QStringLiteral("billing")));
    }

    void goldenNoTopic()
    {
        Scene s(QSize(720, 300));
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-no-topic"));
    }

    void goldenEmptyTopic()
    {
        Scene s(QSize(720, 300));
        s.view.setTopic(kTopic);
        s.model().setPartitions(
            {test::partitionInfo(0, 0, 0), test::partitionInfo(1, 0, 0), test::partitionInfo(2, 0, 0)});
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-empty-topic"));
    }

    void goldenKeyed()
    {
        Scene s;
        s.keyed();
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-keyed-3-partitions"));
    }

    void goldenGroupWithLag()
    {
        Scene s;
        s.groupMidway();
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-group-lag"));
    }

    void goldenKilledConsumer()
    {
        Scene s;
        s.killed();
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-killed-consumer"));
    }

    void goldenAfterRebalance()
    {
        Scene s;
        s.rebalanced();
        s.view.setColourMode(TimelineColourMode::Consumers);
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-after-rebalance"));
    }

    void goldenDark()
    {
        Scene s;
        s.view.setPalette(darkPalette());
        s.killed();
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-dark"));
    }

    void goldenZoomedOutTenMillion()
    {
        Scene s;
        s.view.setTopic(kTopic);
        // 2.8M + 2.6M + 2.4M + 2.2M = 10M records.
        constexpr qint64 perLane = 2'800'000;
        std::vector<PartitionInfo> parts;
        for (int p = 0; p < 4; ++p)
            parts.push_back(test::partitionInfo(p, 0, perLane - p * 200'000));
        s.model().setPartitions(parts);
        std::vector<RecordSummary> batch;
        for (int p = 0; p < 4; ++p) {
            const qint64 end = perLane - p * 200'000;
            for (qint64 from = 0; from < end; from += 65536) {
                batch.clear();
                for (qint64 o = from; o < std::min(end, from + 65536); ++o) {
                    // Long runs of one key with others mixed in, so bands show at this zoom.
                    // (Plain arithmetic: 10M records must load fast under the sanitizers too.)
                    RecordSummary r;
                    r.offset = o;
                    r.timestampMs = test::kBaseTimeMs + o * 250;
                    r.keyIsNull = false;
                    const qint64 run = (o / 40'000 + p) % 9;
                    r.keyHash = quint32((o % 5 != 0 ? run : o % 1000 + 9) * 2654435761u);
                    r.size = quint32(120 + (o * 37 + p * 11) % 300);
                    batch.push_back(r);
                }
                s.model().addSummaries(p, batch);
            }
        }
        QCOMPARE(s.model().recordCount(), qint64(10'000'000));
        s.model().setGroups(
            {test::groupInfo(QStringLiteral("billing"), kTopic, {2'100'000, 1'500'000, 2'250'000, 1'800'000},
                             {perLane, perLane - 200'000, perLane - 400'000, perLane - 600'000})});
        s.settle();
        s.show();
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-zoomed-out-10m"));
    }

    void markerPositionsMatchOffsets()
    {
        Scene s;
        s.groupMidway();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        const QRect strip0 = s.view.stripRect(0);
        QVERIFY(strip0.isValid());
        // The committed marker of billing on P0 (offset 40) sits at xForOffset(40), below the strip.
        const int xCommitted = int(s.view.xForOffset(40));
        TimelineHit hit = s.view.hitTest(QPoint(xCommitted, strip0.bottom() + 4));
        QCOMPARE(hit.kind, TimelineHit::Kind::Committed);
        QCOMPARE(hit.groupId, QStringLiteral("billing"));
        QCOMPARE(hit.partition, 0);
        QCOMPARE(hit.offset, qint64(40));
        // billing #1's position on P1 (27), above the strip.
        const QRect strip1 = s.view.stripRect(1);
        hit = s.view.hitTest(QPoint(int(s.view.xForOffset(27)), strip1.top() - 4));
        QCOMPARE(hit.kind, TimelineHit::Kind::Position);
        QCOMPARE(hit.consumerId, QStringLiteral("billing #1"));
        QCOMPARE(hit.offset, qint64(27));
        // The high watermark of P2 (56).
        const QRect strip2 = s.view.stripRect(2);
        hit = s.view.hitTest(QPoint(int(s.view.xForOffset(56)), strip2.center().y()));
        QCOMPARE(hit.kind, TimelineHit::Kind::HighWatermark);
        QCOMPARE(hit.offset, qint64(56));
        // The pixel under the committed marker has the marker's colour, not the lane's.
        const QImage image = test::grab(canvas);
        const QColor under = image.pixelColor(xCommitted, strip0.bottom() + 5);
        QVERIFY2(under.blue() > under.red() + 40, qPrintable(under.name())); // the group's deep blue
        // Markers glide: after a position update the marker is between old and new, then arrives.
        auto statuses = s.running();
        statuses[0].positions[TopicPartition{kTopic, 1}] = 37;
        s.model().setConsumers(statuses);
        s.now += TimelineTiming::kGlideMs / 3;
        TimelineFrame f = s.model().frame(s.now);
        double shown = -1;
        for (const TimelineMarker &m : f.markers)
            if (m.kind == TimelineMarker::Kind::Position && m.partition == 1)
                shown = m.shownOffset;
        QVERIFY2(shown > 27 && shown < 37, qPrintable(QString::number(shown)));
        s.settle();
        hit = s.view.hitTest(QPoint(int(s.view.xForOffset(37)), strip1.top() - 4));
        QCOMPARE(hit.kind, TimelineHit::Kind::Position);
        QCOMPARE(hit.offset, qint64(37));
    }

    void hitTestRecords_data()
    {
        QTest::addColumn<int>("partition");
        QTest::addColumn<qint64>("offset");
        QTest::newRow("P0 second") << 0 << qint64(1);
        QTest::newRow("P0 middle") << 0 << qint64(17);
        QTest::newRow("P1 near the head") << 1 << qint64(46);
        QTest::newRow("P2 middle") << 2 << qint64(33);
    }
    void hitTestRecords()
    {
        QFETCH(int, partition);
        QFETCH(qint64, offset);
        Scene s;
        s.keyed();
        s.show();
        const QRect strip = s.view.stripRect(partition);
        const int x = int((s.view.xForOffset(double(offset)) + s.view.xForOffset(double(offset + 1))) / 2);
        const TimelineHit hit = s.view.hitTest(QPoint(x, strip.center().y()));
        QCOMPARE(hit.kind, TimelineHit::Kind::Record);
        QCOMPARE(hit.partition, partition);
        QCOMPARE(hit.offset, offset);
        // Past the high watermark there is no record, only the lane.
        const TimelineHit beyond = s.view.hitTest(QPoint(int(s.view.xForOffset(70)), strip.center().y()));
        QCOMPARE(beyond.kind, TimelineHit::Kind::Lane);
    }

    void clickSelectsRecord()
    {
        Scene s;
        s.keyed();
        s.show();
        QSignalSpy activated(&s.view, &TimelineView::recordActivated);
        const QRect strip = s.view.stripRect(1);
        const int x = int((s.view.xForOffset(10) + s.view.xForOffset(11)) / 2);
        QTest::mouseClick(s.view.canvas(), Qt::LeftButton, {}, QPoint(x, strip.center().y()));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).value<TopicPartition>(), (TopicPartition{kTopic, 1}));
        QCOMPARE(activated.at(0).at(1).toLongLong(), qint64(10));
        QCOMPARE(s.view.canvas()->selection(), std::make_optional(std::make_pair(1, qint64(10))));
    }

    // The hover card stays whole inside the canvas wherever the pointer rests: at the plot's
    // left end (the log start's card is wide), in its middle, at the head; on the top lane and
    // the bottom one, at the strip's top and bottom; over single records, over columns of many
    // records, over a committed marker; at 1024x700 and in a narrow canvas (a card flipped to
    // the pointer's left once ran off the window's left edge). Checked on the rect it reports.
    void hoverCardStaysInsideTheCanvas_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("records");
        QTest::newRow("1024x700, single records") << QSize(1024, 700) << 64;
        QTest::newRow("1024x700, zoomed out") << QSize(1024, 700) << 20000;
        QTest::newRow("beside the docks at 1024x700") << QSize(560, 400) << 20000;
        QTest::newRow("narrow, single records") << QSize(360, 260) << 64;
        QTest::newRow("narrow, zoomed out") << QSize(360, 260) << 20000;
    }
    void hoverCardStaysInsideTheCanvas()
    {
        QFETCH(QSize, size);
        QFETCH(int, records);
        Scene s(size);
        s.view.setTopic(kTopic);
        s.model().setPartitions({test::partitionInfo(0, 0, records), test::partitionInfo(1, 0, records),
                                 test::partitionInfo(2, 0, records)});
        for (int p = 0; p < 3; ++p)
            s.model().addSummaries(p, test::summaries(p, 0, records));
        s.model().setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {records / 2, records / 3, records - 4},
                                             {records, records, records})});
        s.settle();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint(); // the first frame fits
        const QRect plot = canvas->plotRect();
        std::vector<QPoint> spots;
        for (int lane : {0, 2}) {
            const QRect strip = canvas->stripRect(lane);
            const int head = int(canvas->xForOffset(records));
            for (int x : {plot.left() + 1, plot.left() + 8, plot.center().x(), head - 3, head})
                for (int y : {strip.top(), strip.center().y(), strip.bottom()})
                    spots.emplace_back(x, y);
            const qint64 committed = lane == 0 ? records / 2 : records - 4;
            spots.emplace_back(int(canvas->xForOffset(double(committed))), strip.bottom() + 4);
        }
        int cards = 0;
        for (const QPoint &pos : spots) {
            QMouseEvent move(QEvent::MouseMove, QPointF(pos), canvas->mapToGlobal(QPointF(pos)), Qt::NoButton,
                             Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(canvas, &move);
            canvas->repaint();
            const QRect card = canvas->hoverCardRect();
            if (card.isNull())
                continue;
            ++cards;
            QVERIFY2(canvas->rect().contains(card),
                     qPrintable(QStringLiteral("pointer at %1,%2: card %3,%4 %5x%6 in %7x%8")
                                    .arg(pos.x())
                                    .arg(pos.y())
                                    .arg(card.x())
                                    .arg(card.y())
                                    .arg(card.width())
                                    .arg(card.height())
                                    .arg(canvas->width())
                                    .arg(canvas->height())));
        }
        QVERIFY2(cards >= 20, qPrintable(QString::number(cards))); // nearly every spot shows one
    }

    // Dragging a committed marker shows "from → to" in the marker's own lane, while dragging
    // and once dropped (the proposal): inside the lane, off its owners band, off every other
    // lane and inside the canvas, whole (it once hung over the next lane's markers). On the top
    // and the bottom lane, dragged left and right (to the head: the bubble goes left of the
    // marker), in lanes with label rows and in the shortest lanes (none: on the strip).
    void dragBubbleStaysInItsLane_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("partitions");
        QTest::newRow("1024x700") << QSize(1024, 700) << 3;
        QTest::newRow("short lanes") << QSize(640, 269) << 3;
        QTest::newRow("shortest lanes") << QSize(640, 300) << 8;
    }
    void dragBubbleStaysInItsLane()
    {
        QFETCH(QSize, size);
        QFETCH(int, partitions);
        Scene s(size);
        s.view.setTopic(kTopic);
        std::vector<PartitionInfo> infos;
        std::vector<qint64> committed, heads;
        for (int p = 0; p < partitions; ++p) {
            infos.push_back(test::partitionInfo(p, 0, 600));
            committed.push_back(533);
            heads.push_back(600);
        }
        s.model().setPartitions(infos);
        for (int p = 0; p < partitions; ++p)
            s.model().addSummaries(p, test::summaries(p, 0, 600));
        s.model().setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, committed, heads)});
        s.settle();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint(); // the first frame fits
        const int laneHeight = canvas->laneRect(0).height();
        QVERIFY2(partitions < 8 || laneHeight == TimelineGeometry::kMinLaneHeight,
                 qPrintable(QString::number(laneHeight)));
        // The top lane, and the last one wholly in view (the shortest lanes scroll).
        const auto lastLaneInView = [&] {
            int lane = 0;
            while (lane + 1 < partitions && canvas->laneRect(lane + 1).bottom() <= canvas->plotRect().bottom())
                ++lane;
            return lane;
        };
        for (bool bottom : {false, true}) {
            const int lane = bottom ? lastLaneInView() : 0;
            for (qint64 to : {qint64(221), qint64(600)}) {
                const QRect strip = canvas->stripRect(lane);
                const QPoint from(int(canvas->xForOffset(533)), strip.bottom() + 4);
                QCOMPARE(canvas->hitTest(from).kind, TimelineHit::Kind::Committed);
                const QPoint at(int(canvas->xForOffset(double(to))), strip.bottom() + 4);
                QTest::mousePress(canvas, Qt::LeftButton, {}, from);
                QMouseEvent move(QEvent::MouseMove, QPointF(at), canvas->mapToGlobal(QPointF(at)), Qt::NoButton,
                                 Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(canvas, &move);
                for (bool dropped : {false, true}) {
                    if (dropped)
                        QTest::mouseRelease(canvas, Qt::LeftButton, {}, at);
                    canvas->repaint();
                    const auto drag = canvas->drawnDrag();
                    QVERIFY(drag);
                    const QString where = QStringLiteral("lane %1 to ~%2%3: bubble %4,%5 %6x%7 in lane %8..%9")
                                              .arg(lane)
                                              .arg(to)
                                              .arg(dropped ? QStringLiteral(" (dropped)") : QString())
                                              .arg(drag->bubble.x())
                                              .arg(drag->bubble.y())
                                              .arg(drag->bubble.width())
                                              .arg(drag->bubble.height())
                                              .arg(canvas->laneRect(lane).top())
                                              .arg(canvas->laneRect(lane).bottom());
                    QCOMPARE(drag->lane, lane);
                    QVERIFY2(std::abs(drag->to - to) <= 2, qPrintable(where)); // a pixel's worth
                    QCOMPARE(drag->text, QStringLiteral("533 → %1").arg(drag->to));
                    QVERIFY2(canvas->laneRect(lane).contains(drag->bubble), qPrintable(where));
                    QVERIFY2(!drag->bubble.intersects(canvas->ownershipRect(lane)), qPrintable(where));
                    for (int other = 0; other < s.model().laneCount(); ++other)
                        QVERIFY2(other == lane || !drag->bubble.intersects(canvas->laneRect(other)), qPrintable(where));
                    QVERIFY2(canvas->rect().contains(drag->bubble), qPrintable(where));
                    QVERIFY2(drag->bubble.width() >= QFontMetrics(canvas->font()).horizontalAdvance(drag->text) - 4,
                             qPrintable(where));
                }
                QCOMPARE(s.view.isResetPending(), true);
                QCOMPARE(s.view.canvas()->hasProposal(), true);
                s.view.cancelReset();
                QCoreApplication::sendPostedEvents(); // the bar's space back to the canvas
                canvas->repaint();
            }
        }
    }

    void dragCommittedMarkerResetsAfterConfirmation()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 64);
        test::appendRecords(*backend, kTopic, 1, 48);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{kTopic, 0}, 40);
        AsyncBackend async(backend);
        Scene s;
        s.view.setBackend(&async);
        s.view.setTopic(kTopic);
        s.show();
        QTRY_VERIFY(s.view.loader()->isIdle());
        QCOMPARE(s.model().committed(QStringLiteral("billing"), 0), std::optional<qint64>(40));
        s.settle();

        QSignalSpy proposed(&s.view, &TimelineView::offsetResetProposed);
        QSignalSpy finished(&s.view, &TimelineView::offsetResetFinished);
        s.dragCommitted(40, 12.2);

        QCOMPARE(proposed.count(), 1);
        QCOMPARE(proposed.at(0).at(2).toLongLong(), qint64(40));
        QCOMPARE(proposed.at(0).at(3).toLongLong(), qint64(12));
        auto *bar = s.view.findChild<QWidget *>(QStringLiteral("offsetResetBar"));
        QVERIFY(bar && bar->isVisible());
        QVERIFY(s.view.isResetPending());
        // Waited for: the bar's line is fitted to its width again once the bar's layout settled;
        // until then it may be elided or a briefer variant.
        auto *message = s.view.findChild<QLabel *>(QStringLiteral("offsetResetMessage"));
        QTRY_VERIFY2(message->text().contains(QStringLiteral("billing")) &&
                         message->text().contains(QStringLiteral("28 records will be read again")),
                     qPrintable(message->text()));
        // Nothing is applied before confirmation: a reset sent on proposal would be queued on the
        // backend's worker by now, so once nothing is pending it would have reached the fake.
        QTRY_COMPARE_WITH_TIMEOUT(async.pending(), 0, 10000);
        QVERIFY(backend->offsetResets().empty());
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-reset-proposal"));

        QTest::mouseClick(s.view.findChild<QPushButton *>(QStringLiteral("offsetResetConfirm")), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(3).toString(), QString());
        const auto resets = backend->offsetResets();
        QCOMPARE(resets.size(), size_t(1));
        QCOMPARE(resets[0].first, QStringLiteral("billing"));
        QCOMPARE(resets[0].second.first, (TopicPartition{kTopic, 0}));
        QCOMPARE(resets[0].second.second, qint64(12));
        QCOMPARE(s.model().committed(QStringLiteral("billing"), 0), std::optional<qint64>(12));
        QVERIFY(!bar->isVisible());
        QVERIFY(!s.view.isResetPending());
    }

    void resetCancelledOrRefused()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 30);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{kTopic, 0}, 20);
        backend->setGroupActive(QStringLiteral("billing"), true);
        AsyncBackend async(backend);
        Scene s;
        s.view.setBackend(&async);
        s.view.setTopic(kTopic);
        s.show();
        QTRY_VERIFY(s.view.loader()->isIdle());
        s.settle();
        // Cancel: nothing reaches the broker.
        s.dragCommitted(20, 5);
        QVERIFY(s.view.isResetPending());
        QTest::mouseClick(s.view.findChild<QPushButton *>(QStringLiteral("offsetResetCancel")), Qt::LeftButton);
        QVERIFY(!s.view.isResetPending());
        QVERIFY(!s.view.canvas()->hasProposal());
        // Confirm while the group is active: the broker refuses and the bar says why.
        QSignalSpy finished(&s.view, &TimelineView::offsetResetFinished);
        QSignalSpy status(&s.view, &TimelineView::statusMessage);
        s.dragCommitted(20, 25);
        QTest::mouseClick(s.view.findChild<QPushButton *>(QStringLiteral("offsetResetConfirm")), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(3).toString().contains(QStringLiteral("active members")));
        // (Waited for: fitted again to the line once the bar's buttons changed.)
        auto *message = s.view.findChild<QLabel *>(QStringLiteral("offsetResetMessage"));
        QTRY_VERIFY2(message->text().contains(QStringLiteral("stop its consumers first")), qPrintable(message->text()));
        QVERIFY(s.view.findChild<QWidget *>(QStringLiteral("offsetResetBar"))->isVisible());
        QVERIFY(!status.isEmpty());
        QVERIFY(backend->offsetResets().empty());
        QCOMPARE(s.model().committed(QStringLiteral("billing"), 0), std::optional<qint64>(20));
    }

    // A reset refused because the group's consumers in this app run: the proposed position
    // stays drawn while "Stop the group" is offered, which asks them to stop and proposes the
    // same reset again, drawn on its lane (the marker at the
    // proposed offset, "20 → 5"), with "Reset offset" enabled once they left: one click applies
    // it, no second drag (the proposed position was no longer drawn). A reset proposed without
    // a drag (the Messages menu's "reset group to here") is drawn the same way.
    void stopTheGroupKeepsTheProposalDrawn()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 30);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{kTopic, 0}, 20);
        backend->setGroupActive(QStringLiteral("billing"), true); // the broker refuses while it has members
        AsyncBackend async(backend);
        Scene s;
        s.view.setBackend(&async);
        s.view.setTopic(kTopic);
        ConsumerStatus billing = test::consumer(QStringLiteral("billing #1"), QStringLiteral("billing"), State::Running,
                                                kTopic, {{0, 24}}, {{0, 20}});
        s.view.setConsumers({billing});
        s.show();
        QTRY_VERIFY(s.view.loader()->isIdle());
        s.settle();
        TimelineCanvas *canvas = s.view.canvas();
        auto *confirm = s.view.findChild<QPushButton *>(QStringLiteral("offsetResetConfirm"));
        auto *stop = s.view.findChild<QPushButton *>(QStringLiteral("offsetResetStopGroup"));
        auto *message = s.view.findChild<QLabel *>(QStringLiteral("offsetResetMessage"));
        const auto drawnAt = [&](qint64 to) {
            canvas->repaint();
            const auto drag = canvas->drawnDrag();
            return drag && drag->groupId == QStringLiteral("billing") && drag->lane == 0 && drag->from == 20 &&
                   drag->to == to && drag->x == int(std::round(canvas->xForOffset(double(to)))) &&
                   drag->text == QStringLiteral("20 → %1").arg(to);
        };

        s.dragCommitted(20, 5);
        QVERIFY(drawnAt(5));
        QSignalSpy finished(&s.view, &TimelineView::offsetResetFinished);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!finished.at(0).at(3).toString().isEmpty());
        QVERIFY(stop->isVisible());
        QVERIFY(!s.view.isResetPending());
        QVERIFY(drawnAt(5)); // the reset "Stop the group" leads to, still on its lane

        QSignalSpy stopRequested(&s.view, &TimelineView::stopGroupRequested);
        QTest::mouseClick(stop, Qt::LeftButton);
        QCOMPARE(stopRequested.count(), 1);
        QCOMPARE(stopRequested.at(0).at(0).toString(), QStringLiteral("billing"));
        QVERIFY(s.view.isResetPending());
        QVERIFY(canvas->hasProposal());
        QVERIFY(drawnAt(5));
        // The proposal again (whole, or brief beside the header's controls), not the refusal;
        // waited for: fitted again once the bar's buttons changed (no Stop the group).
        QTRY_VERIFY2(message->text().startsWith(QStringLiteral("Reset group <b>billing</b>")) ||
                         message->text().startsWith(QStringLiteral("Reset <b>billing</b> on orders[0] to <b>5</b>?")) ||
                         message->text().startsWith(QStringLiteral("Reset <b>billing</b> on P0 to <b>5</b>?")),
                     qPrintable(message->text()));
        // Its consumer still runs: a click now would be refused again.
        QVERIFY(confirm->isVisible() && !confirm->isEnabled());
        // It stopped (committed and left): one click applies the reset.
        billing.state = State::Stopped;
        s.view.updateConsumer(billing);
        backend->setGroupActive(QStringLiteral("billing"), false);
        QVERIFY(confirm->isEnabled());
        QVERIFY(drawnAt(5));
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(3).toString(), QString());
        QCOMPARE(backend->offsetResets().size(), size_t(1));
        QCOMPARE(backend->offsetResets()[0].second.second, qint64(5));
        QVERIFY(!s.view.isResetPending());
        QVERIFY(!canvas->hasProposal());

        // Proposed without a drag (the consumer running again): drawn as well; refused, and
        // dismissed: gone.
        billing.state = State::Running;
        s.view.updateConsumer(billing);
        backend->setGroupActive(QStringLiteral("billing"), true);
        s.view.proposeReset(QStringLiteral("billing"), 0, 12);
        QVERIFY(canvas->hasProposal());
        canvas->repaint();
        QVERIFY(canvas->drawnDrag() && canvas->drawnDrag()->from == 5 && canvas->drawnDrag()->to == 12);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 3);
        QVERIFY(stop->isVisible());
        QTest::mouseClick(s.view.findChild<QPushButton *>(QStringLiteral("offsetResetCancel")), Qt::LeftButton);
        QVERIFY(!canvas->hasProposal());
        canvas->repaint();
        QVERIFY(!canvas->drawnDrag());
    }

    // The proposal/refusal bar on a dark palette set after the view was made (the app's theme
    // switch): its background follows the palette, so its text stays readable; and a refusal
    // too long for its line is elided there, whole in its tooltip, in a short view.
    void resetBarReadableInDarkAndWhole()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 30);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{kTopic, 0}, 20);
        backend->setGroupActive(QStringLiteral("billing"), true);
        AsyncBackend async(backend);
        Scene s(QSize(520, 200));
        s.view.setPalette(darkPalette());
        s.view.setBackend(&async);
        s.view.setTopic(kTopic);
        s.show();
        QTRY_VERIFY(s.view.loader()->isIdle());
        s.settle();
        s.dragCommitted(20, 5);
        QVERIFY(s.view.isResetPending());
        auto *bar = s.view.findChild<QWidget *>(QStringLiteral("offsetResetBar"));
        auto *message = s.view.findChild<QLabel *>(QStringLiteral("offsetResetMessage"));
        const auto lightness = [](const QColor &c) { return c.toHsl().lightnessF(); };
        const double contrast = std::abs(lightness(bar->palette().color(QPalette::Window)) -
                                         lightness(message->palette().color(QPalette::WindowText)));
        QVERIFY2(contrast > 0.5, qPrintable(QStringLiteral("text %1 on %2")
                                                .arg(message->palette().color(QPalette::WindowText).name(),
                                                     bar->palette().color(QPalette::Window).name())));
        // The refusal: four lines or so at this width, on one line (over the header row, the
        // lanes keep their height), its end elided, the whole of it in the tooltip.
        QTest::mouseClick(s.view.findChild<QPushButton *>(QStringLiteral("offsetResetConfirm")), Qt::LeftButton);
        QTRY_VERIFY(s.view.findChild<QPushButton *>(QStringLiteral("offsetResetConfirm"))->isHidden());
        QTRY_VERIFY(message->toolTip().contains(QStringLiteral("stop its consumers first")));
        QCoreApplication::sendPostedEvents(); // the layout's pending relayout
        QVERIFY2(!message->wordWrap() && message->sizeHint().width() <= message->contentsRect().width() &&
                     message->text().endsWith(QStringLiteral("…")),
                 qPrintable(QStringLiteral("'%1': %2 px in %3")
                                .arg(message->text())
                                .arg(message->sizeHint().width())
                                .arg(message->contentsRect().width())));
        QVERIFY(!bar->geometry().intersects(s.view.canvas()->geometry()));
    }

    void zoomPanAndFit()
    {
        Scene s;
        s.keyed();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        const double before = canvas->viewport().offsetsPerPixel();
        const QPoint centre = s.view.stripRect(0).center();
        QWheelEvent wheel(QPointF(centre), canvas->mapToGlobal(QPointF(centre)), QPoint(), QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        const double anchor = canvas->offsetAtX(centre.x());
        QApplication::sendEvent(canvas, &wheel);
        QVERIFY(canvas->viewport().offsetsPerPixel() < before);
        QCOMPARE(qRound(canvas->offsetAtX(centre.x()) * 100), qRound(anchor * 100)); // zoom keeps the cursor's offset
        // Drag pans.
        const double first = canvas->viewport().firstOffset();
        QTest::mousePress(canvas, Qt::LeftButton, {}, centre);
        QMouseEvent move(QEvent::MouseMove, QPointF(centre + QPoint(-120, 0)),
                         canvas->mapToGlobal(QPointF(centre + QPoint(-120, 0))), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, centre + QPoint(-120, 0));
        QVERIFY(canvas->viewport().firstOffset() > first);
        // Keyboard: F fits again, End follows the head.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_F);
        canvas->repaint();
        QCOMPARE(canvas->viewport().offsetsPerPixel(), before);
        QTest::keyClick(canvas, Qt::Key_End);
        QVERIFY(s.view.isFollowingHead());
        QVERIFY(s.view.findChild<QToolButton *>(QStringLiteral("followHeadButton"))->isChecked());
        QTest::keyClick(canvas, Qt::Key_Left);
        QVERIFY(!s.view.isFollowingHead());
    }

    void followHeadKeepsTheHeadInView()
    {
        Scene s;
        s.keyed();
        s.show();
        s.view.showRange(0, 20);
        s.view.setFollowHead(true);
        s.model().setWatermarks(0, 0, 200);
        s.model().addSummaries(0, test::summaries(0, 64, 200));
        s.settle();
        s.view.canvas()->repaint();
        const auto &vp = s.view.canvas()->viewport();
        QVERIFY2(vp.lastOffset() > 200 && vp.firstOffset() < 200, qPrintable(QString::number(vp.firstOffset())));
    }

    void autoFitGlidesToTheGrownContent()
    {
        Scene s;
        s.keyed();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->grab(); // paints a frame now
        const double before = canvas->viewport().offsetsPerPixel();
        QVERIFY(canvas->viewport().lastOffset() < 100);
        // The head outgrows the view: the view zooms out, over a few frames, not at once.
        s.model().setWatermarks(0, 0, 300);
        s.model().addSummaries(0, test::summaries(0, 64, 300));
        s.now += TimelineTiming::kGrowMs; // the lane has grown
        canvas->grab();                   // paints a frame now
        s.now += 100;
        canvas->grab(); // paints a frame now
        const double during = canvas->viewport().offsetsPerPixel();
        QVERIFY2(during > before, qPrintable(QString::number(during)));
        s.now += 2000;
        canvas->grab(); // paints a frame now
        canvas->grab(); // paints a frame now
        const double after = canvas->viewport().offsetsPerPixel();
        QVERIFY2(after > during, qPrintable(QStringLiteral("%1 %2").arg(during).arg(after)));
        QVERIFY(canvas->viewport().lastOffset() > 300);
        QVERIFY(canvas->viewport().firstOffset() <= 0);
    }

    void animationRunsOnlyWhileVisibleAndMoving()
    {
        Scene s;
        s.groupMidway();
        s.show();
        TimelineCanvas *canvas = s.view.canvas();
        canvas->repaint();
        QVERIFY(!canvas->isAnimating()); // settled: no timer
        s.model().setWatermarks(0, 0, 70);
        QVERIFY(canvas->isAnimating()); // the lane grows
        s.view.hide();
        QVERIFY(!canvas->isAnimating()); // paused while hidden
        s.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s.view));
        QVERIFY(canvas->isAnimating());
        s.settle();
        QVERIFY(!s.model().isAnimating(s.now));
        QTRY_VERIFY(!canvas->isAnimating()); // the next frame sees nothing moving and stops
    }

    void missingTopicSaysSo()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        AsyncBackend async(backend);
        Scene s;
        QSignalSpy status(&s.view, &TimelineView::statusMessage);
        QCOMPARE(s.view.canvas()->placeholderText(),
                 QStringLiteral("Choose a topic to see its partitions as timelines."));
        s.view.setBackend(&async);
        s.view.setTopic(QStringLiteral("gone"));
        QTRY_VERIFY(s.view.canvas()->placeholderText().contains(QStringLiteral("does not exist")));
        QVERIFY(s.view.canvas()->placeholderText().contains(QStringLiteral("gone")));
        QVERIFY(!status.isEmpty());
        // Another topic clears the problem.
        test::appendRecords(*backend, kTopic, 0, 3);
        s.view.setTopic(kTopic);
        QVERIFY(!s.view.canvas()->placeholderText().contains(QStringLiteral("does not exist")));
        QTRY_COMPARE(s.model().laneCount(), 1);
    }

    // A topic too large to read: the overview is a sample and says so (legend and sample bar);
    // "Load this range completely" asks first, with the count and the likely cost, then loads.
    void goldenSampledOverview()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        QVERIFY(backend->addComputedTopic(kTopic, 3, 2'000'000));
        AsyncBackend async(backend);
        Scene s;
        s.view.setBackend(&async);
        s.view.setTopic(kTopic);
        s.show();
        auto *bar = s.view.findChild<QFrame *>(QStringLiteral("sampleBar"));
        auto *message = s.view.findChild<QLabel *>(QStringLiteral("sampleMessage"));
        QVERIFY(bar && message);
        QElapsedTimer timer;
        timer.start();
        while (!(s.view.loader()->isIdle() && bar->isVisible()) && timer.elapsed() < 60000) {
            QSignalSpy idle(s.view.loader(), &TimelineLoader::idleChanged);
            idle.wait(100);
            s.settle();
        }
        QVERIFY(s.view.loader()->isIdle() && bar->isVisible());
        QVERIFY(backend->bytesServed() * 100 <= backend->topicBytes(kTopic));
        s.settle();
        QTRY_VERIFY2(message->text().contains(QStringLiteral("budget")), qPrintable(message->text()));
        TIDEMARK_COMPARE_SCREENSHOT(&s.view, QStringLiteral("timeline-sampled"));

        // Narrow (the 1024-pixel window gives the timeline ~450 px): the budget and the load
        // button go under the message, which keeps one line instead of wrapping word by word.
        auto *budget = s.view.findChild<QSpinBox *>(QStringLiteral("fetchBudget"));
        QVERIFY(budget);
        const QSize wide = s.view.size();
        auto top = [&](QWidget *w) { return w->mapTo(bar, QPoint(0, 0)).y(); };
        auto besideMessage = [&] {
            const int centre = top(budget) + budget->height() / 2;
            return centre >= top(message) && centre <= top(message) + message->height();
        };
        QVERIFY(besideMessage());
        s.view.resize(440, wide.height());
        QTRY_VERIFY2(top(budget) >= top(message) + message->height(),
                     qPrintable(QStringLiteral("budget at y %1, message at y %2 (%3 px high)")
                                    .arg(top(budget))
                                    .arg(top(message))
                                    .arg(message->height())));
        QTRY_VERIFY2(message->height() < 2 * message->fontMetrics().lineSpacing(),
                     qPrintable(QStringLiteral("message %1 px high: %2").arg(message->height()).arg(message->text())));
        s.view.resize(wide);
        QTRY_VERIFY(besideMessage());

        // Zoom to a window and load it completely: asked first, then loaded, then no sample.
        s.view.showRange(1'000'000, 1'004'000);
        auto *load = s.view.findChild<QPushButton *>(QStringLiteral("loadRangeButton"));
        auto *confirm = s.view.findChild<QPushButton *>(QStringLiteral("loadRangeConfirm"));
        QVERIFY(load && confirm);
        QTRY_VERIFY(load->isVisible());
        const qint64 before = backend->recordsServed();
        load->click();
        QVERIFY(confirm->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("records")), qPrintable(message->text()));
        QCOMPARE(backend->recordsServed(), before); // nothing read before the confirmation
        QSignalSpy finished(s.view.loader(), &TimelineLoader::rangeLoadFinished);
        confirm->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.constLast().at(0).toBool(), true);
        const double from = s.view.canvas()->viewport().firstOffset();
        const double to = s.view.canvas()->viewport().lastOffset();
        QCOMPARE(s.view.loader()->missingRecordsIn(from, to), qint64(0));
    }

    void manyPartitionsScroll()
    {
        Scene s;
        s.view.setTopic(kTopic);
        std::vector<PartitionInfo> parts;
        for (int p = 0; p < 40; ++p)
            parts.push_back(test::partitionInfo(p, 0, 10 + p));
        s.model().setPartitions(parts);
        s.show();
        auto *bar = s.view.findChild<QScrollBar *>(QStringLiteral("timelineScrollBar"));
        QVERIFY(bar && bar->isVisible());
        const QRect visible = s.view.canvas()->rect();
        QVERIFY(!visible.contains(s.view.laneRect(39).center()));
        // The wheel over the partition labels scrolls the lanes.
        const QPoint gutter(20, s.view.laneRect(2).center().y());
        for (int i = 0; i < 40; ++i) {
            QWheelEvent wheel(QPointF(gutter), s.view.canvas()->mapToGlobal(QPointF(gutter)), QPoint(), QPoint(0, -120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(s.view.canvas(), &wheel);
        }
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY(visible.contains(s.view.laneRect(39).center()));
        const TimelineHit hit = s.view.hitTest(s.view.laneRect(39).center());
        QCOMPARE(hit.partition, 39);
    }

    void consumersOneAtATime()
    {
        Scene s;
        s.keyed();
        const auto statuses = s.running();
        s.view.updateConsumer(statuses[0]);
        s.view.updateConsumer(statuses[1]);
        QCOMPARE(s.model().consumers().size(), size_t(2));
        auto killed = statuses[1];
        killed.state = State::Killed;
        s.view.updateConsumer(killed);
        QCOMPARE(s.model().consumers().size(), size_t(2));
        QCOMPARE(s.model().consumers()[1].state, State::Killed);
        s.view.removeConsumer(statuses[0].consumerId);
        QCOMPARE(s.model().consumers().size(), size_t(1));
        QCOMPARE(s.model().consumers()[0].consumerId, QStringLiteral("billing #2"));
    }

    // A kill, a rebalance and a re-read, frame by frame, as a person would watch them: the
    // killed consumer's lane greys, the lane re-colours to its new owner, and the re-read
    // offsets flash amber, then fade. TIMELINE_FRAMES=<dir> also writes the frames (and two
    // hover cards) as PNGs to look at.
    void animationSequence()
    {
        const QString dir = qEnvironmentVariable("TIMELINE_FRAMES");
        if (!dir.isEmpty())
            QDir().mkpath(dir);
        Scene s;
        s.groupMidway();
        s.view.setColourMode(TimelineColourMode::Consumers);
        s.show();
        int frameNo = 0;
        QImage last;
        auto shoot = [&](int steps, int stepMs) {
            for (int i = 0; i < steps; ++i) {
                s.now += stepMs;
                last = test::grab(&s.view);
                if (!dir.isEmpty())
                    last.save(QStringLiteral("%1/frame-%2.png").arg(dir).arg(frameNo, 3, 10, QLatin1Char('0')));
                ++frameNo;
            }
        };
        const QPoint canvasOrigin = s.view.canvas()->mapTo(&s.view, QPoint(0, 0));
        // The colour of the records of P2 at offset `offset`, in the last frame.
        auto p2At = [&](double offset) {
            const QRect strip = s.view.stripRect(2);
            return last.pixelColor(canvasOrigin + QPoint(int(s.view.xForOffset(offset)), strip.center().y()));
        };
        auto isGrey = [](const QColor &c) {
            return std::abs(c.red() - c.blue()) < 20 && std::abs(c.red() - c.green()) < 20;
        };
        auto isAmber = [](const QColor &c) {
            return c.red() > 200 && c.green() > 120 && c.blue() < 110 && c.red() - c.blue() > 120;
        };

        // Records arrive and billing #1 reads on.
        s.model().setPartitions(
            {test::partitionInfo(0, 0, 70), test::partitionInfo(1, 0, 52), test::partitionInfo(2, 0, 60)});
        s.model().addSummaries(0, test::summaries(0, 64, 70));
        s.model().addSummaries(1, test::summaries(1, 48, 52));
        s.model().addSummaries(2, test::summaries(2, 56, 60));
        auto statuses = s.running();
        statuses[0].positions[TopicPartition{kTopic, 0}] = 52;
        s.model().setConsumers(statuses);
        shoot(4, 120);
        const QColor p2Running = p2At(20.5);
        QVERIFY2(!isGrey(p2Running), qPrintable(p2Running.name()));
        // billing #2 (P2) is killed: its lane greys.
        statuses = s.running(State::Killed);
        statuses[0].positions[TopicPartition{kTopic, 0}] = 52;
        s.model().setConsumers(statuses);
        shoot(4, 120);
        QVERIFY2(isGrey(p2At(20.5)), qPrintable(p2At(20.5).name()));
        // The group rebalances: billing #1 takes P2 (the lane turns its colour) and resumes at 41.
        statuses[0].assignment.push_back(TopicPartition{kTopic, 2});
        statuses[0].positions[TopicPartition{kTopic, 2}] = 41;
        s.model().setConsumers(statuses);
        shoot(1, 150);
        const QColor midway = p2At(20.5);
        shoot(3, 150);
        const QColor p0Owner =
            last.pixelColor(canvasOrigin + QPoint(int(s.view.xForOffset(20.5)), s.view.stripRect(0).center().y()));
        QCOMPARE(p2At(20.5), p0Owner);
        QVERIFY2(midway != p0Owner && !isGrey(midway), qPrintable(midway.name())); // a transition, not a jump
        // It re-reads 41..50, which billing #2 had read before: they flash, then fade.
        statuses[0].positions[TopicPartition{kTopic, 2}] = 55;
        s.model().setConsumers(statuses);
        shoot(1, 100);
        QVERIFY2(isAmber(p2At(45.5)), qPrintable(p2At(45.5).name()));
        QVERIFY2(!isAmber(p2At(52.5)), qPrintable(p2At(52.5).name())); // only what was delivered before
        shoot(5, 150);
        shoot(1, TimelineTiming::kFlashMs);
        QVERIFY2(!isAmber(p2At(45.5)), qPrintable(p2At(45.5).name()));

        if (dir.isEmpty())
            return;
        // Hover cards: a record, a committed marker.
        auto hover = [&](QPoint at, const QString &name) {
            QMouseEvent move(QEvent::MouseMove, QPointF(at), s.view.canvas()->mapToGlobal(QPointF(at)), Qt::NoButton,
                             Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(s.view.canvas(), &move);
            test::grab(&s.view).save(QStringLiteral("%1/%2.png").arg(dir, name));
        };
        const QRect strip = s.view.stripRect(1);
        hover(QPoint(int(s.view.xForOffset(12.5)), strip.center().y()), QStringLiteral("hover-record"));
        hover(QPoint(int(s.view.xForOffset(22)), strip.bottom() + 4), QStringLiteral("hover-committed"));
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
