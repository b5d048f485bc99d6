// The events pane (times from the injected clock, colours by kind, kind filters, clear, a
// capped history) and the light and dark palettes.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "ui/Style.h"
#include "ui/Theme.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFont>
#include <QScrollBar>
#include <QToolButton>
#include <QTreeView>

using namespace tidemark;

class TestEventsPane final : public QObject {
    Q_OBJECT

    static void fill(EventsPane *pane, test::ManualClock &clock)
    {
        const std::tuple<LogEntry::Kind, const char *, const char *> entries[] = {
            {LogEntry::Kind::Connection, "connection", "connected to Local: /home/user/.local/share/Tidemark/data"},
            {LogEntry::Kind::Topic, "topics", "created topic 'orders' (partitions: 3)"},
            {LogEntry::Kind::Produce, "producer", "sent key 00042 to orders[0] at offset 0"},
            {LogEntry::Kind::Rebalance, "billing #1", "assigned orders[0], orders[1] (generation 2)"},
            {LogEntry::Kind::Rebalance, "billing #2", "assigned orders[2] (generation 2)"},
            {LogEntry::Kind::Commit, "billing #1", "committed orders[0]@338, orders[1]@331"},
            {LogEntry::Kind::Info, "billing #2", "killed: no commit, no leave"},
            {LogEntry::Kind::Error, "connection", "cannot connect to Kafka: bad:9092: no broker answered"},
        };
        for (const auto &[kind, source, message] : entries) {
            clock.advance(1500);
            pane->add(kind, QLatin1String(source), QLatin1String(message));
        }
    }

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void listsFiltersClearsAndCaps()
    {
        test::FakeApp app(QSize(1600, 900), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        EventLogModel *model = pane->model();
        fill(pane, app.clock);
        QCOMPARE(model->rowCount(), 8);
        QCOMPARE(model->index(0, EventLogModel::TimeColumn).data().toString(), QStringLiteral("12:00:01"));
        QCOMPARE(model->index(7, EventLogModel::TimeColumn).data().toString(), QStringLiteral("12:00:12"));
        QCOMPARE(model->index(7, EventLogModel::MessageColumn).data(Qt::ForegroundRole).value<QColor>(),
                 style::toneColor(style::Tone::Bad, QApplication::palette()));
        test::flushEvents();
        TIDEMARK_COMPARE_SCREENSHOT(app.window->dock(QStringLiteral("eventsDock")), QStringLiteral("events-pane"));

        // Hide commits, then everything but errors.
        auto *commits =
            test::child<QAction>(pane, QStringLiteral("eventFilter") + QString::number(int(LogEntry::Kind::Commit)));
        QVERIFY(commits);
        commits->setChecked(false);
        QCOMPARE(model->rowCount(), 7);
        for (LogEntry::Kind k : {LogEntry::Kind::Rebalance, LogEntry::Kind::Produce, LogEntry::Kind::Info})
            test::child<QAction>(pane, QStringLiteral("eventFilter") + QString::number(int(k)))->setChecked(false);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->entryAt(0).kind, LogEntry::Kind::Error);
        QCOMPARE(model->totalCount(), 8);
        // Hidden entries still arrive and show when the filter is lifted.
        pane->add(LogEntry::Kind::Commit, QStringLiteral("billing #1"), QStringLiteral("committed orders[0]@400"));
        QCOMPARE(model->rowCount(), 1);
        commits->setChecked(true);
        QCOMPARE(model->rowCount(), 3);
        QTest::mouseClick(test::child<QToolButton>(pane, QStringLiteral("clearEvents")), Qt::LeftButton);
        QCOMPARE(model->totalCount(), 0);

        // The history is capped; the oldest entries go first.
        EventLogModel capped(3);
        for (int i = 0; i < 5; ++i)
            capped.append(LogEntry{i + 1, LogEntry::Kind::Info, QStringLiteral("s"), QString::number(i)});
        QCOMPARE(capped.rowCount(), 3);
        QCOMPARE(capped.entryAt(0).message, QStringLiteral("2"));
    }

    // Follow-tail is kept through Reset Layout and dock changes; only the user scrolling up
    // stops it, and scrolling back to the bottom resumes it. Milestones are bold.
    void followsTheTailThroughLayoutChanges()
    {
        test::FakeApp app(QSize(1600, 1000), false); // the events dock beside the inspector
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        QScrollBar *scroll = pane->view()->verticalScrollBar();
        auto addMany = [&](int n) {
            for (int i = 0; i < n; ++i) {
                app.clock.advance(100);
                // Long enough to wrap: a narrower dock makes every row taller.
                pane->add(LogEntry::Kind::Rebalance, QStringLiteral("billing #1"),
                          QStringLiteral("re-delivered orders[2] from offset %1: processed before by a member that "
                                         "was killed or crashed before committing them (at-least-once)")
                              .arg(i));
            }
            test::flushEvents();
        };
        auto atBottom = [&] { return scroll->maximum() > 0 && scroll->value() == scroll->maximum(); };
        addMany(120);
        QTRY_VERIFY(atBottom());
        QVERIFY(pane->followsTail());

        // Narrower, then Reset Layout: the events dock goes behind the inspector's tab and its
        // rows wrap again.
        app.window->resize(1280, 800);
        test::flushEvents();
        auto *reset = test::child<QAction>(app.window.get(), QStringLiteral("resetLayout"));
        QVERIFY(reset);
        reset->trigger();
        test::flushEvents();
        QVERIFY(pane->followsTail());
        addMany(30);
        QTRY_VERIFY(atBottom());
        QDockWidget *dock = app.window->dock(QStringLiteral("eventsDock"));
        dock->hide();
        addMany(10);
        dock->show();
        test::flushEvents();
        QTRY_VERIFY(atBottom());
        app.window->resize(1024, 700);
        addMany(5);
        QTRY_VERIFY(atBottom());
        QVERIFY(pane->model()->entryAt(pane->model()->rowCount() - 1).message.contains(QStringLiteral("offset 4:")));

        // The user scrolls up: new entries do not pull the view down.
        scroll->setValue(0);
        QVERIFY(!pane->followsTail());
        addMany(5);
        QCOMPARE(scroll->value(), 0);
        scroll->setValue(scroll->maximum());
        QVERIFY(pane->followsTail());
        addMany(5);
        QTRY_VERIFY(atBottom());

        // A milestone stands out; routine lines do not.
        pane->addEntry(LogEntry{0, LogEntry::Kind::Info, QStringLiteral("billing #2"),
                                QStringLiteral("killing: no commit, no leave"), true});
        EventLogModel *model = pane->model();
        const int last = model->rowCount() - 1;
        QVERIFY(model->index(last, EventLogModel::MessageColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(model->index(last, EventLogModel::MessageColumn).data(EventLogModel::MilestoneRole).toBool());
        QVERIFY(!model->index(last - 1, EventLogModel::MessageColumn).data(Qt::FontRole).value<QFont>().bold());
    }

    void darkAndLightPalettes()
    {
        const QPalette original = QApplication::palette();
        test::FakeApp app(QSize(1600, 900), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        fill(app.window->eventsPane(), app.clock);
        test::child<QAction>(app.window.get(), QStringLiteral("theme_dark"))->trigger();
        QVERIFY(style::isDark(QApplication::palette()));
        QCOMPARE(app.window->settings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
        QVERIFY(app.window->diagnostics().contains(QStringLiteral("Theme: dark (dark palette)")));
        test::flushEvents();
        TIDEMARK_COMPARE_SCREENSHOT(app.window->dock(QStringLiteral("eventsDock")), QStringLiteral("events-pane-dark"));
        test::child<QAction>(app.window.get(), QStringLiteral("theme_light"))->trigger();
        QVERIFY(!style::isDark(QApplication::palette()));
        // "System" hands the palette back to the platform.
        test::child<QAction>(app.window.get(), QStringLiteral("theme_system"))->trigger();
        QCOMPARE(app.window->settings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("system"));
        QVERIFY(!style::isDark(QApplication::palette()));
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(TestEventsPane)
#include "tst_eventspane.moc"
