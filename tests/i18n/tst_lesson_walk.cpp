// The whole first lesson as a learner sees it (issue 14), on a fresh data directory of the
// real built-in broker, at 1024x700 and 1600x1000, in English and Russian: first launch ->
// the strip's one click (topic "orders" of 3 partitions and a keyed order) -> generate ->
// a group of 2 (session timeout set to 2 s in the Consumers dock) -> kill one
// (Ctrl+Shift+K) -> the takeover after the session timeout -> restart (Ctrl+Shift+R) ->
// stop the group, drag its committed offset back on the timeline, Reset, start again: a
// replay. At each moment the test checks through widgets and geometry, not pixels, that the
// moment can be seen: the strip's line says this step, whole (not cut) and translated; the
// timeline's marker labels are all drawn and none overlaps another (the killed member's grey
// one beside its successor's); the members' names, lag and counts are whole in their
// columns, every row in sight at 1600x1000 (at 1024x700 the selected member's); the job
// summary, the producer's topic and the hint under the consumers are whole; the takeover comes
// no sooner than the session timeout; the events say "took over" and "replays", the replayed
// count is shown (hint, and the Consumed column where it fits) and nothing is counted as
// redelivered; every label in sight reads on its background (3:1 or more). In Russian, every
// text the window shows at every moment (UiTextAudit over the whole window: widgets, item
// views, menus, tooltips, painted text) is Russian and whole where it is in sight, and so is
// every line of the Events pane at the kill, the takeover and the restart; the window fits its
// screen at every moment. The dark theme is walked too (en 1024x700, ru 1600x1000), chosen as
// a learner does (View > Theme > Dark); at its end the window goes back to the light theme
// (System) and must show the light walk's picture of the same moment, and the light rows after
// it their own goldens: a theme switch leaves nothing behind. Goldens (masked where a count
// depends on thread timing): lesson-takeover-<size>[-ru][-dark] and
// lesson-replay-<size>[-ru][-dark]. TIDEMARK_LESSON_SHOTS=1 writes every moment's window to the
// test output, to look at. themeSwitchesKeepTextReadable: light -> dark -> light in one window,
// every label readable each time.

#include "LocalAppFixture.h"
#include "ReadableColours.h"
#include "RussianAudit.h"
#include "TimelineLabels.h"
#include "TranslatedUi.h"
#include "UiTestSupport.h"
#include "UiTextAudit.h"
#include "core/ConsumerManager.h"
#include "core/Lesson.h"
#include "ui/ElidedLabel.h"
#include "ui/Language.h"
#include "ui/LessonStrip.h"
#include "ui/Style.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/ProducerPanel.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelinePaintSupport.h"
#include "ui/timeline/TimelineView.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QTreeView>

// Fails with what is wrong when `problems` (a string) is not empty.
#define QVERIFY_SHOWS(problems)                                                                                        \
    do {                                                                                                               \
        const QString shows = (problems);                                                                              \
        QVERIFY2(shows.isEmpty(), qPrintable(shows));                                                                  \
    } while (false)

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");
const QString kOne = QStringLiteral("billing #1");
const QString kTwo = QStringLiteral("billing #2");
constexpr int kSessionSeconds = 2;

QString translated(const char *context, const char *source) { return QCoreApplication::translate(context, source); }

ConsumerStatus statusOf(MainWindow &w, const QString &id)
{
    return w.consumerManager()->status(id).value_or(ConsumerStatus{});
}

qint64 high(Backend &b, int partition) { return b.watermarks({kTopic, partition}).valueOr({}).high; }

// Running, holding `count` partitions, read and committed to the end of each.
bool caughtUp(MainWindow &w, Backend &b, const QString &id, size_t count)
{
    const ConsumerStatus s = statusOf(w, id);
    if (s.state != ConsumerStatus::State::Running || s.assignment.size() != count)
        return false;
    for (const TopicPartition &tp : s.assignment) {
        const qint64 end = high(b, tp.partition);
        if (s.positions.count(tp) == 0 || s.positions.at(tp) != end || s.committed.count(tp) == 0 ||
            s.committed.at(tp) != end)
            return false;
    }
    return true;
}

QString describe(MainWindow &w)
{
    QStringList out;
    for (const ConsumerStatus &s : w.consumerManager()->statuses()) {
        QStringList parts;
        for (const TopicPartition &tp : s.assignment)
            parts << tp.toString();
        out << QStringLiteral("%1 %2 [%3]").arg(s.consumerId, consumerStateName(s.state), parts.join(QLatin1Char(',')));
    }
    out << QStringLiteral("step %1: %2").arg(int(w.lessonStrip()->lesson()->step())).arg(w.lessonStrip()->text());
    EventLogModel *m = w.eventsPane()->model();
    for (int i = 0; i < m->rowCount(); ++i)
        out << m->entryAt(i).source + QStringLiteral(": ") + m->entryAt(i).message;
    return out.join(QLatin1Char('\n'));
}

// The events' lines of `source` (all of them, whatever the pane's filter shows).
QStringList eventsOf(MainWindow &w, const QString &source)
{
    QStringList out;
    EventLogModel *m = w.eventsPane()->model();
    for (int i = 0; i < m->rowCount(); ++i)
        if (m->entryAt(i).source == source)
            out << m->entryAt(i).message;
    return out;
}

// The rows of `view` (members and their partitions) not wholly in sight.
QStringList rowsOutOfSight(QTreeView *view, const QModelIndex &parent = {})
{
    QStringList out;
    QAbstractItemModel *m = view->model();
    for (int row = 0; row < m->rowCount(parent); ++row) {
        const QModelIndex index = m->index(row, 0, parent);
        if (!view->viewport()->rect().contains(view->visualRect(index)))
            out << index.data().toString();
        out << rowsOutOfSight(view, index);
    }
    return out;
}

// "viewport 370: 120 72 54 76 34 (80 hidden)": the columns' widths, for failure messages.
QString columnsOf(QTreeView *view)
{
    QStringList out;
    for (int c = 0; c < view->model()->columnCount(); ++c)
        out << (view->isColumnHidden(c) ? QStringLiteral("(hidden)") : QString::number(view->columnWidth(c)));
    return QStringLiteral("viewport %1: %2").arg(view->viewport()->width()).arg(out.join(QLatin1Char(' ')));
}

// The text a label shows whole: it fits the label's contents (one line).
QString cutLabel(QLabel *label)
{
    if (auto *elided = qobject_cast<ElidedLabel *>(label))
        return elided->isCut() ? QStringLiteral("'%1' is cut: '%2' (%3 px)")
                                     .arg(label->text(), elided->shownText())
                                     .arg(label->contentsRect().width())
                               : QString();
    const QRect room = label->contentsRect();
    // Rich text ("<b>billing</b>") is measured as laid out, not by its tags' characters.
    const bool rich = label->textFormat() == Qt::RichText ||
                      (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    const int needs =
        rich ? label->sizeHint().width() - label->contentsMargins().left() - label->contentsMargins().right()
             : label->fontMetrics().horizontalAdvance(label->text()) + 2 * label->margin();
    if (!label->isVisible() || label->visibleRegion().isEmpty())
        return QStringLiteral("'%1' is not shown").arg(label->text());
    if (label->wordWrap())
        return label->heightForWidth(room.width()) > room.height() + 1
                   ? QStringLiteral("'%1' needs %2 px of height, has %3")
                         .arg(label->text())
                         .arg(label->heightForWidth(room.width()))
                         .arg(room.height())
                   : QString();
    return needs > room.width()
               ? QStringLiteral("'%1' needs %2 px, has %3").arg(label->text()).arg(needs).arg(room.width())
               : QString();
}

// Labels that cannot be read (test::unreadableLabels), and consumers holding a lane's
// partition whose position marker has no label there.
QStringList unreadableMarkers(MainWindow &w)
{
    TimelineCanvas *canvas = w.timeline()->canvas();
    QStringList out = test::unreadableLabels(canvas);
    const std::vector<TimelineMarkerLabel> &labels = canvas->markerLabels();
    for (const ConsumerStatus &s : w.consumerManager()->statuses()) {
        if (s.state != ConsumerStatus::State::Running && s.state != ConsumerStatus::State::Killed)
            continue;
        for (const TopicPartition &tp : s.assignment) {
            const bool labelled = std::any_of(labels.begin(), labels.end(), [&](const TimelineMarkerLabel &l) {
                return l.lane == tp.partition && l.kind == TimelineMarker::Kind::Position && l.owner == s.consumerId;
            });
            if (!labelled)
                out << QStringLiteral("%1 on %2: no label").arg(s.consumerId, tp.toString());
        }
    }
    return out;
}

const TimelineMarkerLabel *labelOf(MainWindow &w, int lane, const QString &owner)
{
    for (const TimelineMarkerLabel &l : w.timeline()->canvas()->markerLabels())
        if (l.lane == lane && l.kind == TimelineMarker::Kind::Position && l.owner == owner)
            return &l;
    return nullptr;
}

// What varies between runs on a real broker: per-member counts, commit timing, event order.
QList<QRect> volatileAreas(MainWindow &w)
{
    QList<QRect> rects;
    QTreeView *tree = w.consumersPanel()->view();
    for (int c : {int(ConsumerTreeModel::ConsumedColumn), int(ConsumerTreeModel::CommittedColumn)}) {
        if (tree->isColumnHidden(c))
            continue;
        const QRect column(tree->header()->sectionViewportPosition(c), 0, tree->header()->sectionSize(c),
                           tree->viewport()->height());
        rects << test::rectIn(&w, tree->viewport(), column);
    }
    if (w.eventsPane()->isVisible() && !w.eventsPane()->visibleRegion().isEmpty()) {
        rects << test::rectIn(&w, w.eventsPane()->view()->viewport());
        rects << test::rectIn(&w, test::child<QLabel>(w.eventsPane(), QStringLiteral("eventCount")));
    }
    return rects;
}

} // namespace

class TestLessonWalk final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_ui.setUp(); }
    void cleanup() { m_ui.reset(); }

    void wholeLesson_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("dark");
        // Light rows after dark ones: a theme switch must leave nothing behind.
        QTest::newRow("en 1024x700") << QStringLiteral("en") << QSize(1024, 700) << false;
        QTest::newRow("en 1024x700 dark") << QStringLiteral("en") << QSize(1024, 700) << true;
        QTest::newRow("ru 1024x700") << QStringLiteral("ru") << QSize(1024, 700) << false;
        QTest::newRow("ru 1600x1000 dark") << QStringLiteral("ru") << QSize(1600, 1000) << true;
        QTest::newRow("en 1600x1000") << QStringLiteral("en") << QSize(1600, 1000) << false;
        QTest::newRow("ru 1600x1000") << QStringLiteral("ru") << QSize(1600, 1000) << false;
    }

    void wholeLesson()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QFETCH(bool, dark);
        const bool russian = language == QLatin1String("ru");
        if (russian)
            QCOMPARE(m_ui.install(localeFor(LanguageChoice::Russian)), QStringLiteral("ru"));
        const QString light = QStringLiteral("%1x%2%3")
                                  .arg(size.width())
                                  .arg(size.height())
                                  .arg(russian ? QStringLiteral("-ru") : QString());
        const QString golden = light + (dark ? QStringLiteral("-dark") : QString());
        test::UiTextAudit audit = test::russianAudit();
        // In Russian, no English in what the moment shows.
        const auto english = [&](const QString &where, const QString &text) {
            if (!russian)
                return QString();
            audit.clear();
            audit.checkText(where, text);
            return audit.clean() ? QString() : audit.report();
        };

        test::LocalApp app(size, test::fastConsumerOptions(), true, language);
        MainWindow &w = *app.window;
        // The dark theme as a learner picks it (View > Theme > Dark), before the window shows.
        const QPalette lightPalette = w.palette();
        if (dark) {
            test::child<QAction>(&w, QStringLiteral("theme_dark"))->trigger();
            QTRY_VERIFY(style::isDark(w.palette())); // the widgets hear of it through the event loop
        }
        // TIDEMARK_LESSON_SHOTS=1: every moment's window in the test output, to look at.
        const auto shot = [&](const QString &moment) {
            if (qEnvironmentVariableIsSet("TIDEMARK_LESSON_SHOTS"))
                test::grab(&w).save(test::outputDirectory() +
                                    QStringLiteral("/lesson-walk-%1-%2.png").arg(golden, moment));
        };
        // In Russian, every text the window shows at this moment (UiTextAudit: labels, buttons,
        // tabs, item views' headers and cells, tooltips, menus, the status bar and what is
        // painted, the timeline and charts too): no English, nothing cut that must be whole.
        const auto untranslated = [&](const QString &moment) {
            if (!russian)
                return QString();
            test::flushEvents();
            audit.clear();
            audit.auditWindow(&w);
            return audit.clean() ? QString() : moment + QStringLiteral(":\n") + audit.report();
        };
#define QTRY_VERIFY_RUSSIAN(moment) QTRY_VERIFY2(untranslated(moment).isEmpty(), qPrintable(untranslated(moment)))
        QVERIFY(app.showAndConnect());
        LessonStrip *strip = w.lessonStrip();
        Lesson *lesson = strip->lesson();
        auto *title = test::child<QLabel>(strip, QStringLiteral("lessonTitle"));
        auto *line = test::child<QLabel>(strip, QStringLiteral("lessonText"));
        // The labels a learner reads at every moment (those with text): whole.
        const auto cutLabels = [&] {
            test::flushEvents();
            QStringList problems;
            for (const QString &name : {QStringLiteral("producerTopic"), QStringLiteral("jobStatus"),
                                        QStringLiteral("sendResult"), QStringLiteral("consumerHint")})
                if (auto *l = test::child<QLabel>(&w, name); l && !l->text().isEmpty())
                    problems << cutLabel(l);
            problems.removeAll(QString());
            return problems.join(QLatin1Char('\n'));
        };
        // In Russian, every line the Events pane shows (the consumers' joins, kill, takeover and
        // rebalances, worded by the app from what the brokers report): no English.
        const auto englishEvents = [&] {
            QStringList problems;
            EventLogModel *m = w.eventsPane()->model();
            for (int row = 0; row < m->rowCount(); ++row)
                problems << english(QStringLiteral("eventsView"),
                                    m->index(row, EventLogModel::MessageColumn).data().toString());
            problems.removeAll(QString());
            return problems.join(QLatin1Char('\n'));
        };
        // The strip's line at this step: the translated text, whole, in the window.
        const auto stripShows = [&](const char *source) {
            QStringList problems;
            if (!strip->isVisible())
                problems << QStringLiteral("the strip is hidden");
            if (!line->text().startsWith(translated("tidemark::LessonStrip", source).section(QLatin1Char('%'), 0, 0)))
                problems << QStringLiteral("says '%1'").arg(line->text());
            problems << cutLabel(title) << cutLabel(line) << cutLabels()
                     << english(QStringLiteral("lessonText"), line->text())
                     << english(QStringLiteral("lessonTitle"), title->text()) << test::faintLabels(&w);
            if (w.width() > size.width() || w.height() > size.height())
                problems << QStringLiteral("the window is %1x%2").arg(w.width()).arg(w.height());
            problems.removeAll(QString());
            return problems.join(QLatin1Char('\n'));
        };

        // 1. First launch: the lesson is offered in one line; its button is whole.
        QTRY_VERIFY(strip->isVisible());
        QCOMPARE(lesson->step(), Lesson::Step::CreateTopic);
        QVERIFY_SHOWS(
            stripShows("Start with one click: a topic 'orders' with 3 partitions and a first order keyed by its "
                       "user id."));
        auto *start = test::child<QPushButton>(strip, QStringLiteral("lessonStartButton"));
        shot(QStringLiteral("1-first-launch"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("1-first-launch"));
        QVERIFY(start->isVisible() && start->width() >= start->sizeHint().width());
        QVERIFY2(w.width() <= size.width() && w.height() <= size.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(w.width()).arg(w.height())));

        // 2. One click: topic and keyed order; the producer names the topic, whole.
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Generate, 10000);
        QCOMPARE(app.backend().describeTopic(kTopic)->partitionCount, 3);
        ProducerPanel *producer = w.producerPanel();
        auto *topicLabel = test::child<QLabel>(producer, QStringLiteral("producerTopic"));
        QTRY_VERIFY(topicLabel->text().contains(kTopic));
        test::flushEvents();
        shot(QStringLiteral("2-started"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("2-started"));
        QVERIFY2(cutLabel(topicLabel).isEmpty(), qPrintable(cutLabel(topicLabel)));
        QVERIFY_SHOWS(
            stripShows("Next: generate orders (Ctrl+G) and watch the keys spread them over the 3 partitions."));

        // 3. Generate 300 orders: the job's summary ("Sent 300 of 300 (p0: ..)") is whole.
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(300);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(0);
        QSignalSpy jobs(producer, &ProducerPanel::jobFinished);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(jobs.wait(30000));
        test::flushEvents();
        auto *summary = test::child<QLabel>(producer, QStringLiteral("jobStatus"));
        shot(QStringLiteral("3-generated"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("3-generated"));
        QVERIFY(summary->text().contains(QLocale().toString(300)));
        QVERIFY2(cutLabel(summary).isEmpty(), qPrintable(cutLabel(summary)));
        QVERIFY2(english(QStringLiteral("jobStatus"), summary->text()).isEmpty(), qPrintable(summary->text()));
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::StartGroup, 10000);
        QVERIFY_SHOWS(
            stripShows("Next: start a group of 2 consumers (Ctrl+Shift+N): the group shares the partitions."));

        // 4. A group of 2 with a session timeout of 2 s (the Consumers dock's setting): each
        // member's lag, offsets and consumed count whole.
        ConsumersPanel *consumers = w.consumersPanel();
        test::child<QSpinBox>(consumers, QStringLiteral("sessionTimeout"))->setValue(kSessionSeconds);
        QTest::mouseClick(test::child<QPushButton>(consumers, QStringLiteral("startConsumersButton")), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(caughtUp(w, app.backend(), kOne, 2) && caughtUp(w, app.backend(), kTwo, 1) &&
                                      lesson->step() == Lesson::Step::Kill,
                                  qPrintable(describe(w)), 20000);
        QVERIFY_SHOWS(
            stripShows("Next: select a consumer and kill it (Ctrl+Shift+K): no commit, no goodbye to the group."));
        QTreeView *tree = consumers->view();
        // Every member and partition row in sight (at 1024x700, the list has room for three
        // rows: the selected member's, which the list scrolls to), its name, lag and counts
        // whole.
        const bool roomy = size.height() >= 1000;
        const auto consumersShown = [&] {
            test::flushEvents();
            QStringList problems;
            if (roomy)
                problems = rowsOutOfSight(tree);
            else if (!tree->viewport()->rect().contains(tree->visualRect(tree->currentIndex().siblingAtColumn(0))))
                problems << tree->currentIndex().data().toString();
            if (!problems.isEmpty())
                problems = QStringList{QStringLiteral("out of sight: ") + problems.join(QStringLiteral(", "))};
            if (tree->isColumnHidden(ConsumerTreeModel::LagColumn))
                problems << QStringLiteral("the lag is hidden");
            // At 1600x1000 the Consumed column stays through the takeover ("(+N)") and the
            // replay ("(N replayed)"): it tells the two apart (it was hidden at the takeover).
            if (roomy && tree->isColumnHidden(ConsumerTreeModel::ConsumedColumn))
                problems << QStringLiteral("the Consumed column is hidden");
            for (int c = 0; c < ConsumerTreeModel::ColumnCount; ++c)
                problems << test::cutCells(tree, c);
            if (!problems.isEmpty())
                problems << columnsOf(tree);
            return problems.join(QLatin1Char('\n'));
        };
        shot(QStringLiteral("4-group"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("4-group"));
        QTRY_VERIFY2(consumersShown().isEmpty(), qPrintable(consumersShown()));
        QTRY_VERIFY2(unreadableMarkers(w).isEmpty(), qPrintable(unreadableMarkers(w).join(QLatin1Char('\n'))));

        // 5. Kill #2: it keeps its partition, greyed, with the countdown, until its session
        // times out; the strip, the hint and its marker say so.
        const std::vector<TopicPartition> kept = statusOf(w, kTwo).assignment;
        QCOMPARE(kept.size(), size_t(1));
        consumers->selectConsumer(kTwo);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QElapsedTimer sinceKill;
        QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        sinceKill.start();
        QTRY_COMPARE(lesson->step(), Lesson::Step::Takeover);
        QCOMPARE(statusOf(w, kTwo).state, ConsumerStatus::State::Killed);
        // The window's clock is the test's: the countdown stands at 2 s until the test moves it.
        QCOMPARE(statusOf(w, kTwo).sessionSecondsLeft(), kSessionSeconds);
        QVERIFY_SHOWS(
            stripShows("Watch: %1 keeps its partition until its session times out (%2 s left); then the other "
                       "member takes it over."));
        QVERIFY(line->text().contains(kTwo));
        auto *hint = test::child<QLabel>(consumers, QStringLiteral("consumerHint"));
        shot(QStringLiteral("5-killed"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("5-killed"));
        // Waited for (as the bar's line below): fitted to the label's width, again once the
        // dock's layout settled.
        QTRY_VERIFY2(hint->text().contains(kTwo) && hint->text().contains(kept.front().toString()),
                     qPrintable(hint->text()));
        QTRY_VERIFY2(cutLabel(hint).isEmpty(), qPrintable(cutLabel(hint)));
        QVERIFY2(english(QStringLiteral("consumerHint"), hint->text()).isEmpty(),
                 qPrintable(english(QString(), hint->text())));
        const QString killedLabel = timelinepaint::consumerLabel(kTwo, ConsumerStatus::State::Killed, kSessionSeconds);
        QTRY_VERIFY2(labelOf(w, kept.front().partition, kTwo) &&
                         labelOf(w, kept.front().partition, kTwo)->text == killedLabel,
                     qPrintable(unreadableMarkers(w).join(QLatin1Char('\n'))));
        QVERIFY2(english(QStringLiteral("timeline"), killedLabel).isEmpty(), qPrintable(killedLabel));
        QVERIFY_SHOWS(englishEvents());
        QVERIFY2(unreadableMarkers(w).isEmpty(), qPrintable(unreadableMarkers(w).join(QLatin1Char('\n'))));
        QTRY_VERIFY2(consumersShown().isEmpty(), qPrintable(consumersShown()));

        // 6. The takeover, after the session timeout (on the broker's real clock): #1 owns all
        // three partitions; its marker and #2's grey one, where they coincide, both readable.
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Restart && caughtUp(w, app.backend(), kOne, 3),
                                  qPrintable(describe(w)), 20000);
        QVERIFY2(sinceKill.elapsed() >= kSessionSeconds * 1000 - 300,
                 qPrintable(QStringLiteral("taken over %1 ms after the kill").arg(sinceKill.elapsed())));
        QVERIFY_SHOWS(
            stripShows("The group took over. Next: restart %1 (Ctrl+Shift+R): it resumes at the committed offset."));
        const QStringList takeover = eventsOf(w, kOne).filter(
            translated("tidemark::ConsumerManager", "took %1 over from %2, %3 s after it was killed (its session "
                                                    "timeout: %4 s)")
                .section(QLatin1Char('%'), 0, 0));
        QVERIFY2(!takeover.isEmpty(), qPrintable(describe(w)));
        QVERIFY2(english(QStringLiteral("eventsView"), takeover.front()).isEmpty(), qPrintable(takeover.front()));
        QVERIFY_SHOWS(englishEvents());
        // The line under the consumers tells this takeover (nothing was read twice: #2 had
        // committed all it read), not the next step as if nothing had happened.
        const QString tookOver =
            translated("tidemark::ConsumersPanel", "%1 took %2 from %3: all committed, nothing read twice.")
                .arg(kOne, kept.front().toString(), kTwo);
        QTRY_COMPARE(hint->text(), tookOver);
        QTRY_VERIFY2(cutLabel(hint).isEmpty(), qPrintable(cutLabel(hint)));
        QVERIFY2(english(QStringLiteral("consumerHint"), hint->text()).isEmpty(), qPrintable(hint->text()));
        QVERIFY(app.settle());
        shot(QStringLiteral("6-takeover"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("6-takeover"));
        QTRY_VERIFY2(unreadableMarkers(w).isEmpty(), qPrintable(unreadableMarkers(w).join(QLatin1Char('\n'))));
        QTRY_VERIFY2(consumersShown().isEmpty(), qPrintable(consumersShown()));
        TIDEMARK_COMPARE_IMAGE(test::grabMasked(&w, volatileAreas(w)), QStringLiteral("lesson-takeover-") + golden);

        // 7. Restart #2 (Ctrl+Shift+R): it resumes at the committed offset.
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Replay && caughtUp(w, app.backend(), kOne, 2) &&
                                      caughtUp(w, app.backend(), kTwo, 1),
                                  qPrintable(describe(w)), 20000);
        QVERIFY_SHOWS(
            stripShows("Last: drag the committed offset back on the timeline, stop the group when asked, Reset, "
                       "start again: a replay."));
        QVERIFY_SHOWS(englishEvents()); // the rebalance that gave #2 a partition back
        // The line tells the restart, no longer the takeover.
        QTRY_COMPARE(
            hint->text(),
            translated("tidemark::ConsumersPanel", "%1 restarted: it resumes at the committed offset.").arg(kTwo));
        QTRY_VERIFY2(cutLabel(hint).isEmpty(), qPrintable(cutLabel(hint)));
        QVERIFY2(english(QStringLiteral("consumerHint"), hint->text()).isEmpty(), qPrintable(hint->text()));
        shot(QStringLiteral("7-restarted"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("7-restarted"));

        // 8. The replay as the strip says: stop both (Ctrl+Shift+S), drag the group's committed
        // marker of partition 0 back to the start, Reset, start the group again (Ctrl+Shift+R).
        for (const QString &id : {kOne, kTwo}) {
            consumers->selectConsumer(id);
            QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            w.consumerManager()->activeCount() == 0 && app.backend().describeGroup(kGroup)->members.empty(), 20000);
        const qint64 end0 = high(app.backend(), 0);
        QVERIFY(end0 > 10);
        TimelineView *timeline = w.timeline();
        QVERIFY(app.settle());
        QTRY_COMPARE(timeline->model()->committed(kGroup, 0), std::optional<qint64>(end0));
        timeline->canvas()->repaint();
        const QRect strip0 = timeline->stripRect(0);
        const QPoint from(int(timeline->xForOffset(double(end0))), strip0.bottom() + 4);
        const QPoint to(int(timeline->xForOffset(0)) + 1, strip0.bottom() + 4);
        QSignalSpy finished(timeline, &TimelineView::offsetResetFinished);
        QTest::mousePress(timeline->canvas(), Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), timeline->canvas()->mapToGlobal(QPointF(to)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(timeline->canvas(), &move);
        QTest::mouseRelease(timeline->canvas(), Qt::LeftButton, {}, to);
        QVERIFY2(timeline->isResetPending(), qPrintable(QStringLiteral("from %1,%2").arg(from.x()).arg(from.y())));
        shot(QStringLiteral("8-reset-proposed"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("8-reset-proposed"));
        auto *resetMessage = test::child<QLabel>(timeline, QStringLiteral("offsetResetMessage"));
        // Waited for: the line is fitted to the bar's width again once the bar's layout settled.
        QTRY_VERIFY2(cutLabel(resetMessage).isEmpty(), qPrintable(cutLabel(resetMessage)));
        QVERIFY2(english(QStringLiteral("offsetResetMessage"), resetMessage->text()).isEmpty(),
                 qPrintable(resetMessage->text()));
        QTest::mouseClick(test::child<QPushButton>(timeline, QStringLiteral("offsetResetConfirm")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.at(0).at(3).toString(), QString());
        const qint64 redeliveredBefore = statusOf(w, kOne).recordsRedelivered + statusOf(w, kTwo).recordsRedelivered;
        // #1 starts again, alone in the group (which member of two gets which partition is
        // up to their member ids: the picture would change from run to run).
        consumers->selectConsumer(kOne);
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Done && caughtUp(w, app.backend(), kOne, 3),
                                  qPrintable(describe(w)), 20000);
        QCOMPARE(line->text(),
                 translated("tidemark::LessonStrip", "You saw keys, partitions, a group, a takeover, a restart and a "
                                                     "replay."));
        QVERIFY_SHOWS(stripShows("You saw keys, partitions, a group, a takeover, a restart and a replay."));
        shot(QStringLiteral("8-replayed"));
        QTRY_VERIFY_RUSSIAN(QStringLiteral("8-replayed"));
        // A replay, not a redelivery: in the counts and in the events.
        const qint64 replayed = statusOf(w, kOne).recordsReplayed + statusOf(w, kTwo).recordsReplayed;
        QCOMPARE(replayed, end0);
        QCOMPARE(statusOf(w, kOne).recordsRedelivered + statusOf(w, kTwo).recordsRedelivered, redeliveredBefore);
        const QString replays =
            translated("tidemark::ConsumerManager", "replays %1 offsets %2-%3: the group's committed offset was reset "
                                                    "from %4 to %2 (a replay you asked for, not a redelivery)")
                .section(QLatin1Char('%'), 0, 0);
        QStringList replayLines = eventsOf(w, kOne).filter(replays) + eventsOf(w, kTwo).filter(replays);
        QCOMPARE(replayLines.size(), 1);
        QVERIFY2(replayLines.front().contains(TopicPartition{kTopic, 0}.toString()), qPrintable(replayLines.front()));
        QVERIFY2(english(QStringLiteral("eventsView"), replayLines.front()).isEmpty(), qPrintable(replayLines.front()));
        // The count of replayed records is in sight: under the consumers (at every size), and in
        // the Consumed column ("(N replayed)") where the dock has room for it.
        const QString replayedText = QLocale().toString(end0);
        QTRY_VERIFY2(hint->text().contains(kOne) && hint->text().contains(replayedText), qPrintable(hint->text()));
        QVERIFY2(english(QStringLiteral("consumerHint"), hint->text()).isEmpty(), qPrintable(hint->text()));
        if (roomy || !tree->isColumnHidden(ConsumerTreeModel::ConsumedColumn)) {
            const QString consumed = consumers->model()
                                         ->index(consumers->model()->rowOf(kOne), ConsumerTreeModel::ConsumedColumn)
                                         .data()
                                         .toString();
            QVERIFY2(consumed.contains(replayedText), qPrintable(consumed));
        }
        QVERIFY(!tree->isColumnHidden(ConsumerTreeModel::LagColumn));
        QTRY_VERIFY2(consumersShown().isEmpty(), qPrintable(consumersShown()));
        // The pointer leaves the timeline after the drag (its hover card would cover a lane).
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(timeline->canvas(), &leave);
        QVERIFY(app.settle());
        QTRY_VERIFY2(unreadableMarkers(w).isEmpty(), qPrintable(unreadableMarkers(w).join(QLatin1Char('\n'))));
        QVERIFY2(w.width() <= size.width() && w.height() <= size.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(w.width()).arg(w.height())));
        TIDEMARK_COMPARE_IMAGE(test::grabMasked(&w, volatileAreas(w)), QStringLiteral("lesson-replay-") + golden);
        if (dark) {
            // Back to the light theme the walk started in (View > Theme > System, the desktop's
            // light palette), in the same window: the light walk's picture of this moment. No
            // colour of the dark theme stays behind in a widget, a chart, an icon or a cache.
            test::child<QAction>(&w, QStringLiteral("theme_system"))->trigger();
            QTRY_COMPARE(w.palette(), lightPalette);
            QVERIFY(app.settle());
            QVERIFY2(test::faintLabels(&w).isEmpty(), qPrintable(test::faintLabels(&w).join(QLatin1Char('\n'))));
            TIDEMARK_COMPARE_IMAGE(test::grabMasked(&w, volatileAreas(w)), QStringLiteral("lesson-replay-") + light);
        }
        w.consumerManager()->stopAll();
#undef QTRY_VERIFY_RUSSIAN
    }

    // A learner connected in the light theme switches to dark and back (View > Theme): every
    // label in sight reads on the window each time, the connection's state and its dot too (they
    // kept the colours of the theme they were set in).
    void themeSwitchesKeepTextReadable()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions(), true);
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.settle());
        const QPalette lightPalette = w.palette();
        QVERIFY2(test::faintLabels(&w).isEmpty(), qPrintable(test::faintLabels(&w).join(QLatin1Char('\n'))));
        test::child<QAction>(&w, QStringLiteral("theme_dark"))->trigger();
        QTRY_VERIFY(style::isDark(w.palette()));
        QVERIFY(app.settle());
        QVERIFY2(test::faintLabels(&w).isEmpty(), qPrintable(test::faintLabels(&w).join(QLatin1Char('\n'))));
        test::child<QAction>(&w, QStringLiteral("theme_system"))->trigger();
        QTRY_COMPARE(w.palette(), lightPalette);
        QVERIFY(app.settle());
        QVERIFY2(test::faintLabels(&w).isEmpty(), qPrintable(test::faintLabels(&w).join(QLatin1Char('\n'))));
    }

private:
    test::TranslatedUi m_ui;
};

QTEST_MAIN(TestLessonWalk)
#include "tst_lesson_walk.moc"
