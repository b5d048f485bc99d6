// The events pane (times from the injected clock, colours by kind, kind filters, clear, a
// capped history) and the light and dark palettes.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "ui/Language.h"
#include "ui/Style.h"
#include "ui/Theme.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QFont>
#include <QLabel>
#include <QScrollBar>
#include <QTextLayout>
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
            {LogEntry::Kind::Commit, "billing #1", nullptr}, // three routine commits, one row
            {LogEntry::Kind::Info, "billing #2", "killed: no commit, no leave"},
            {LogEntry::Kind::Error, "connection", "cannot connect to Kafka: bad:9092: no broker answered"},
        };
        for (const auto &[kind, source, message] : entries) {
            if (!message) {
                for (int i = 2; i >= 0; --i) {
                    clock.advance(500);
                    LogEntry commit{0, kind, QLatin1String(source)};
                    commit.group = QStringLiteral("billing");
                    commit.committed = {{TopicPartition{QStringLiteral("orders"), 0}, 338 - 5 * i},
                                        {TopicPartition{QStringLiteral("orders"), 1}, 331 - 5 * i}};
                    commit.commits = 1;
                    commit.message = commitLineText(commit.committed, commit.commits);
                    pane->addEntry(commit);
                }
                continue;
            }
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
        QCOMPARE(model->index(5, EventLogModel::MessageColumn).data().toString(),
                 QStringLiteral("billing #1: committed orders[0] at 338, orders[1] at 331 · 3 commits"));
        QCOMPARE(model->index(5, EventLogModel::TimeColumn).data().toString(), QStringLiteral("12:00:09"));
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
        // A group's open commit row that went with the oldest takes no more commits; the others
        // still do.
        EventLogModel two(2);
        auto commit = [&](const QString &group, qint64 offset) {
            LogEntry e{offset, LogEntry::Kind::Commit, group + QStringLiteral(" #1")};
            e.group = group;
            e.committed = {{TopicPartition{QStringLiteral("orders"), 0}, offset}};
            e.commits = 1;
            e.message = commitLineText(e.committed, e.commits);
            two.append(e);
        };
        commit(QStringLiteral("billing"), 1);
        commit(QStringLiteral("audit"), 2);
        commit(QStringLiteral("shipping"), 3); // billing's row goes
        commit(QStringLiteral("billing"), 4);  // a new row; audit's goes
        commit(QStringLiteral("shipping"), 5); // folds
        QCOMPARE(two.rowCount(), 2);
        QCOMPARE(two.index(0, EventLogModel::MessageColumn).data().toString(),
                 QStringLiteral("shipping #1: committed orders[0] at 5 · 2 commits"));
        QCOMPARE(two.index(1, EventLogModel::MessageColumn).data().toString(),
                 QStringLiteral("billing #1: committed orders[0] at 4"));
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

    // Scrolled up, the pane does not follow (by design) but says that new entries arrived
    // below: a "New events ↓" button over the list's bottom, inside the view; clicking it
    // jumps to the end and follows again (the button goes). Back at the bottom by hand, it
    // goes too. In the lesson's 1024x700 window, in both languages.
    void newEventsBelowAreAnnounced_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ru") << QStringLiteral("ru");
    }
    void newEventsBelowAreAnnounced()
    {
        QFETCH(QString, language);
        Q_INIT_RESOURCE(tidemark_resources_translations);
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        test::FakeApp app(QSize(1024, 700), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        QTreeView *view = pane->view();
        QScrollBar *scroll = view->verticalScrollBar();
        auto addMany = [&](int n) {
            for (int i = 0; i < n; ++i) {
                app.clock.advance(100);
                pane->add(LogEntry::Kind::Rebalance, QStringLiteral("billing #1"),
                          QStringLiteral("assigned orders[%1] (generation %2)").arg(i % 3).arg(i));
            }
            test::flushEvents();
        };
        auto atBottom = [&] { return scroll->maximum() > 0 && scroll->value() == scroll->maximum(); };
        addMany(60);
        QTRY_VERIFY(atBottom());
        QToolButton *button = pane->newEventsButton();
        QVERIFY(button);
        QVERIFY(!button->isVisible()); // following: nothing to announce

        scroll->setValue(0);
        QVERIFY(!pane->followsTail());
        QVERIFY(!button->isVisible()); // scrolling alone announces nothing
        addMany(3);
        QCOMPARE(scroll->value(), 0);
        QTRY_VERIFY(button->isVisible());
        const QString expected =
            language == QLatin1String("ru") ? QStringLiteral("Новые события ↓") : QStringLiteral("New events ↓");
        QCOMPARE(button->text(), expected);
        // Over the list's bottom, whole, inside the view's viewport.
        const QRect viewport = view->viewport()->geometry();
        QVERIFY2(viewport.contains(button->geometry()), qPrintable(QStringLiteral("%1,%2 %3x%4 in %5x%6")
                                                                       .arg(button->x())
                                                                       .arg(button->y())
                                                                       .arg(button->width())
                                                                       .arg(button->height())
                                                                       .arg(viewport.width())
                                                                       .arg(viewport.height())));
        QVERIFY(button->geometry().bottom() > viewport.center().y());
        QVERIFY(button->width() >= button->sizeHint().width());

        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isVisible());
        QVERIFY(pane->followsTail());
        QTRY_VERIFY(atBottom());
        addMany(2);
        QTRY_VERIFY(atBottom());
        QVERIFY(!button->isVisible());

        // Scrolled up again, then back to the bottom by hand: the button goes.
        scroll->setValue(0);
        addMany(2);
        QTRY_VERIFY(button->isVisible());
        scroll->setValue(scroll->maximum());
        QVERIFY(pane->followsTail());
        QVERIFY(!button->isVisible());
    }

    // At the app's 1024x700 the events view is ~210 px wide: the Time column gives its room to
    // the text (each row's tooltip starts with its time and has its text whole), a row is as
    // tall as the lines it draws (no blank line under a long story line), and a commit row
    // that takes commits in place keeps its two lines whatever its text grows to, so the rows
    // below it do not jump. In a wide pane (1600x900) the Time column is back.
    void narrowPaneGivesTheTextTheRoom()
    {
        test::FakeApp app(QSize(1024, 700), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        EventLogModel *model = pane->model();
        QTreeView *view = pane->view();
        QVERIFY(pane->isVisible() && !pane->visibleRegion().isEmpty());
        QVERIFY2(view->width() < 260, qPrintable(QString::number(view->width())));
        auto line = [&](LogEntry::Kind kind, const QString &source, const QString &message, bool milestone) {
            app.clock.advance(1000);
            pane->addEntry(LogEntry{0, kind, source, message, milestone});
        };
        auto commit = [&](qint64 offset, int commits, const QString &group = QStringLiteral("billing")) {
            app.clock.advance(250);
            LogEntry e;
            e.kind = LogEntry::Kind::Commit;
            e.source = group + QStringLiteral(" #1");
            e.group = group;
            for (int p = 0; p < 3; ++p)
                e.committed[TopicPartition{QStringLiteral("orders"), p}] = offset + p;
            e.commits = commits;
            e.message = commitLineText(e.committed, e.commits);
            pane->addEntry(e);
        };
        line(LogEntry::Kind::Info, QStringLiteral("billing #2"),
             QStringLiteral("killed: no commit, no leave; records processed since the last commit, to be delivered "
                            "again: 37"),
             true);
        line(
            LogEntry::Kind::Rebalance, QStringLiteral("billing #1"),
            QStringLiteral("took orders[2] over from billing #2, 2.1 s after it was killed (its session timeout: 2 s)"),
            true);
        commit(8, 1);
        commit(5, 1, QStringLiteral("shipping")); // its own row, below billing's
        test::flushEvents();

        // The text has the view's width; the time is in the tooltip, with the whole text.
        QTRY_VERIFY(view->isColumnHidden(EventLogModel::TimeColumn));
        QVERIFY2(view->columnWidth(EventLogModel::MessageColumn) >= view->viewport()->width() - 2,
                 qPrintable(QStringLiteral("%1 of %2")
                                .arg(view->columnWidth(EventLogModel::MessageColumn))
                                .arg(view->viewport()->width())));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, EventLogModel::MessageColumn);
            const QString tip = index.data(Qt::ToolTipRole).toString();
            const QString time =
                QDateTime::fromMSecsSinceEpoch(model->entryAt(row).timestampMs).toString(Qt::ISODateWithMs);
            QVERIFY2(tip.startsWith(time) && tip.contains(index.data().toString()), qPrintable(tip));
        }

        // A story line is as tall as its lines, whole and without a blank line under them.
        const auto linesOf = [&](int row) { // as the style wraps a cell's text (its margins: 3 px a side)
            const QModelIndex index = model->index(row, EventLogModel::MessageColumn);
            QFont font = view->font();
            font.setBold(index.data(EventLogModel::MilestoneRole).toBool());
            QTextLayout layout(index.data().toString(), font);
            QTextOption wrap;
            wrap.setWrapMode(QTextOption::WordWrap);
            layout.setTextOption(wrap);
            int lines = 0;
            layout.beginLayout();
            for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine(), ++lines)
                line.setLineWidth(view->columnWidth(EventLogModel::MessageColumn) - 6);
            layout.endLayout();
            return lines;
        };
        const int spacing = view->fontMetrics().lineSpacing();
        for (int row : {0, 1}) {
            const int height = view->visualRect(model->index(row, EventLogModel::MessageColumn)).height();
            QVERIFY2(height >= linesOf(row) * spacing && height < (linesOf(row) + 1) * spacing - 2,
                     qPrintable(QStringLiteral("row %1: %2 px for %3 lines of %4 px")
                                    .arg(row)
                                    .arg(height)
                                    .arg(linesOf(row))
                                    .arg(spacing)));
        }

        // The commit row keeps its height as it takes commits in place: the rows below stay.
        const int commitRow = 2;
        const int below = view->visualRect(model->index(3, EventLogModel::MessageColumn)).top();
        for (const auto &[offset, commits] : {std::pair<qint64, int>{96, 9}, {1000, 90}, {123456789, 9000}}) {
            commit(offset, commits);
            test::flushEvents();
            QCOMPARE(model->rowCount(), 4);
            QCOMPARE(view->visualRect(model->index(3, EventLogModel::MessageColumn)).top(), below);
        }
        QVERIFY(view->visualRect(model->index(commitRow, EventLogModel::MessageColumn)).height() < 3 * spacing);

        // Wide, the Time column is back.
        app.window->resize(1600, 900);
        QTRY_VERIFY(view->width() > EventsPane::kNarrowViewWidth);
        QTRY_VERIFY(!view->isColumnHidden(EventLogModel::TimeColumn));
        QVERIFY(view->columnWidth(EventLogModel::TimeColumn) > 40);
    }

    // Reviewer F13: at 1024x700 a blank band under some rows ("billing #5: assigned orders[0],
    // orders[1] (generation 22)" on two lines in a row three lines tall): the row's height was
    // measured 2 px narrower than the style draws the text, so a text that fits within those
    // 2 px got a line more. Every row is as tall as its text wrapped where it is drawn (the
    // cell less the style's 3 px margin a side), within 2 px; among the rows are texts whose
    // one line is just under the drawn width.
    void rowsAreAsTallAsTheirWrappedText()
    {
        test::FakeApp app(QSize(1024, 700), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        EventLogModel *model = pane->model();
        QTreeView *view = pane->view();
        QTRY_VERIFY(view->isColumnHidden(EventLogModel::TimeColumn));
        const QString source = QStringLiteral("billing #5");
        auto line = [&](LogEntry::Kind kind, const QString &message, bool milestone) {
            app.clock.advance(1000);
            pane->addEntry(LogEntry{0, kind, source, message, milestone});
        };
        line(LogEntry::Kind::Rebalance, QStringLiteral("revoked orders[0], orders[1] (generation 22)"), true);
        line(LogEntry::Kind::Rebalance, QStringLiteral("assigned orders[0], orders[1] (generation 22)"), true);
        line(LogEntry::Kind::Info, QStringLiteral("resumes orders[0] at offset 373, the committed offset"), true);
        // Texts whose single line ends 1 to 2 px inside the drawn width.
        const int drawn = view->columnWidth(EventLogModel::MessageColumn) - 6;
        const QFontMetricsF fm(view->font());
        int near = 0;
        for (int a = 0; a < 40 && near < 3; ++a)
            for (int b = 0; b < 40 && near < 3; ++b) {
                const QString message = QStringLiteral("resumes ") + QString(a, u'm') + QString(b, u'i');
                const double w = fm.horizontalAdvance(source + QStringLiteral(": ") + message);
                if (w > drawn - 2 + 0.1 && w < drawn - 0.3) {
                    line(LogEntry::Kind::Info, message, false);
                    ++near;
                }
            }
        QVERIFY2(near > 0, "no text just under the drawn width");
        test::flushEvents();
        const auto heightOf = [&](int row) { // as the style wraps and draws the cell's text
            const QModelIndex index = model->index(row, EventLogModel::MessageColumn);
            QFont font = view->font();
            font.setBold(index.data(EventLogModel::MilestoneRole).toBool());
            QTextLayout layout(index.data().toString(), font);
            QTextOption wrap;
            wrap.setWrapMode(QTextOption::WordWrap);
            layout.setTextOption(wrap);
            int lines = 0;
            layout.beginLayout();
            for (QTextLine l = layout.createLine(); l.isValid(); l = layout.createLine(), ++lines)
                l.setLineWidth(view->columnWidth(EventLogModel::MessageColumn) - 6);
            layout.endLayout();
            return lines * QFontMetrics(font).lineSpacing();
        };
        QStringList failures;
        for (int row = 0; row < model->rowCount(); ++row) {
            const int height = view->visualRect(model->index(row, EventLogModel::MessageColumn)).height();
            if (std::abs(height - (heightOf(row) + 4)) > 2)
                failures << QStringLiteral("row %1 '%2': %3 px for %4 px of text")
                                .arg(row)
                                .arg(model->index(row, EventLogModel::MessageColumn).data().toString())
                                .arg(height)
                                .arg(heightOf(row));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    // A group's commit row takes the next commits in place (EventLogModel): scrolled up, an
    // update of such a row below the viewport is news as a new row is ("New events ↓"); an
    // update of one the learner sees is not.
    void foldedCommitBelowIsAnnounced()
    {
        test::FakeApp app(QSize(1024, 700), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        EventLogModel *model = pane->model();
        QTreeView *view = pane->view();
        QScrollBar *scroll = view->verticalScrollBar();
        QToolButton *button = pane->newEventsButton();
        auto commit = [&](const QString &group, qint64 offset) {
            app.clock.advance(100);
            LogEntry e;
            e.kind = LogEntry::Kind::Commit;
            e.source = group + QStringLiteral(" #1");
            e.group = group;
            e.committed = {{TopicPartition{QStringLiteral("orders"), 0}, offset}};
            e.commits = 1;
            e.message = commitLineText(e.committed, e.commits);
            pane->addEntry(e);
        };
        for (int i = 0; i < 40; ++i) {
            app.clock.advance(100);
            pane->add(LogEntry::Kind::Rebalance, QStringLiteral("billing #1"),
                      QStringLiteral("assigned orders[%1] (generation %2)").arg(i % 3).arg(i));
        }
        // One commit row for each of 16 groups, below the story.
        QStringList groups;
        for (int g = 0; g < 16; ++g)
            groups << QStringLiteral("group%1").arg(g);
        for (const QString &group : groups)
            commit(group, 10);
        QCOMPARE(model->rowCount(), 40 + 16);
        test::flushEvents();
        const auto rowRect = [&](int row) { return view->visualRect(model->index(row, EventLogModel::MessageColumn)); };
        const int last = model->rowCount() - 1;
        QTRY_VERIFY(scroll->maximum() > 0 && scroll->value() == scroll->maximum());

        // Scrolled up to the story: the last group's row, below the viewport, takes a commit.
        scroll->setValue(0);
        QVERIFY(!pane->followsTail());
        QVERIFY(!view->viewport()->rect().intersects(rowRect(last)));
        commit(groups.last(), 20);
        QCOMPARE(model->rowCount(), 40 + 16); // folded in place, no new row
        QTRY_VERIFY(button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(pane->followsTail());
        QVERIFY(!button->isVisible());

        // Scrolled up so that the first group's row is in view (the rows of later groups below
        // it): its commit is seen where it happens; a later group's, out of view, is news.
        view->scrollTo(model->index(40, EventLogModel::MessageColumn), QAbstractItemView::PositionAtTop);
        test::flushEvents();
        QVERIFY(!pane->followsTail());
        QVERIFY(view->viewport()->rect().contains(rowRect(40)));
        QVERIFY(!view->viewport()->rect().intersects(rowRect(last)));
        commit(groups.first(), 20);
        test::flushEvents();
        QVERIFY(!button->isVisible());
        commit(groups.last(), 30);
        QTRY_VERIFY(button->isVisible());
        QCOMPARE(model->rowCount(), 40 + 16);
    }

    // Routine commits fold (EventLogModel): between two moments of the story each group has one
    // commit row, which takes the group's next commits in place (the latest time, the latest
    // offset of each partition, how many commits). So in the 1024x700 window the lesson's kill
    // line stays in view however many commits follow it, and the folded rows still tell the
    // latest offsets. At that size the events view is ~210x227 px (~200 px for the text), so a
    // commit row takes two lines at most (the rest elided; its tooltip has it whole).
    void commitsFoldSoTheStoryStaysInView()
    {
        test::FakeApp app(QSize(1024, 700), false);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        EventsPane *pane = app.window->eventsPane();
        EventLogModel *model = pane->model();
        QTreeView *view = pane->view();
        QVERIFY(pane->isVisible() && !pane->visibleRegion().isEmpty()); // raised over the inspector
        auto line = [&](LogEntry::Kind kind, const QString &source, const QString &message, bool milestone) {
            app.clock.advance(100);
            pane->addEntry(LogEntry{0, kind, source, message, milestone});
        };
        // A member's commit line as ConsumerManager logs it: one commit, its partitions' offsets.
        auto commit = [&](const QString &member, std::map<TopicPartition, qint64> offsets) {
            app.clock.advance(250);
            LogEntry e;
            e.kind = LogEntry::Kind::Commit;
            e.source = member;
            e.group = member.section(QLatin1Char(' '), 0, 0);
            e.committed = std::move(offsets);
            e.commits = 1;
            e.message = commitLineText(e.committed, e.commits);
            pane->addEntry(e);
        };
        const QString billing1 = QStringLiteral("billing #1"), billing2 = QStringLiteral("billing #2"),
                      shipping1 = QStringLiteral("shipping #1");
        auto tp = [](int p) { return TopicPartition{QStringLiteral("orders"), p}; };
        const auto text = [&](int row) { return model->index(row, EventLogModel::MessageColumn).data().toString(); };
        const QRect viewport = view->viewport()->rect();
        const auto shown = [&](int row) {
            return viewport.contains(view->visualRect(model->index(row, EventLogModel::MessageColumn)));
        };
        const auto where = [&](int row) {
            return QStringLiteral("row %1 '%2' at y %3 (viewport %4 px high, %5 rows)")
                .arg(row)
                .arg(text(row).left(30))
                .arg(view->visualRect(model->index(row, EventLogModel::MessageColumn)).y())
                .arg(viewport.height())
                .arg(model->rowCount());
        };

        line(LogEntry::Kind::Rebalance, billing1, QStringLiteral("assigned orders[0], orders[1] (generation 2)"), true);
        line(LogEntry::Kind::Rebalance, billing2, QStringLiteral("assigned orders[2] (generation 2)"), true);
        line(LogEntry::Kind::Rebalance, shipping1, QStringLiteral("assigned orders[0], orders[1], orders[2]"), true);
        // Two groups commit, their members' lines interleaved: one row per group.
        for (int i = 1; i <= 40; ++i) {
            commit(billing1, {{tp(0), 10 * i}, {tp(1), 10 * i}});
            commit(shipping1, {{tp(0), 7 * i}, {tp(1), 7 * i}, {tp(2), 7 * i}});
            commit(billing2, {{tp(2), 10 * i + 3}});
        }
        QCOMPARE(model->rowCount(), 3 + 2);

        // The story: billing #2 is killed, as the app tells it. Then its group's other member
        // goes on committing for a long while.
        line(LogEntry::Kind::Info, billing2, QStringLiteral("killing: no commit, no leave"), true);
        line(LogEntry::Kind::Info, billing2,
             QStringLiteral("killed: no commit, no leave; records processed since the last commit, to be delivered "
                            "again: 37"),
             true);
        line(LogEntry::Kind::Rebalance, billing2,
             QStringLiteral("keeps orders[2] until its session timeout of 2 s runs out: the group cannot tell a dead "
                            "member from a slow one, so nobody reads them meanwhile and their lag grows"),
             true);
        const int killRow = model->rowCount() - 1;
        for (int i = 41; i <= 200; ++i)
            commit(billing1, {{tp(0), 10 * i}, {tp(1), 10 * i}});
        test::flushEvents();

        // Bounded: one commit row per group per stretch of the story.
        QCOMPARE(model->rowCount(), 3 + 2 + 3 + 1);
        QCOMPARE(test::child<QLabel>(pane, QStringLiteral("eventCount"))->text(), QStringLiteral("Events: 9"));
        // The kill line is in the pane's view, and the newest row too (follow-tail).
        QTRY_VERIFY2(shown(killRow), qPrintable(where(killRow)));
        QVERIFY2(shown(model->rowCount() - 1), qPrintable(where(model->rowCount() - 1)));
        QVERIFY(pane->followsTail());

        // Each folded row tells the latest offsets and the count, and has the latest time; it
        // names the member while only one committed, the group when several did (its tooltip
        // says who committed what).
        QCOMPARE(text(3), QStringLiteral("billing: committed orders[0] at 400, orders[1] at 400, orders[2] at 403 · "
                                         "80 commits"));
        QCOMPARE(text(4), QStringLiteral("shipping #1: committed orders[0] at 280, orders[1] at 280, orders[2] at "
                                         "280 · 40 commits"));
        QCOMPARE(text(8), QStringLiteral("billing #1: committed orders[0] at 2000, orders[1] at 2000 · 160 commits"));
        QCOMPARE(model->index(8, EventLogModel::TimeColumn).data().toString(),
                 QDateTime::fromMSecsSinceEpoch(app.clock.now()).toString(QStringLiteral("hh:mm:ss")));
        QCOMPARE(model->index(3, EventLogModel::MessageColumn).data(EventLogModel::CommitLinesRole).toInt(), 80);
        const QString tip = model->index(3, EventLogModel::MessageColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(
            tip.contains(QStringLiteral("billing #1: committed orders[0] at 400, orders[1] at 400 · 40 commits")) &&
                tip.contains(QStringLiteral("billing #2: committed orders[2] at 403 · 40 commits")),
            qPrintable(tip));
        QVERIFY(!model->index(8, EventLogModel::MessageColumn).data(Qt::FontRole).value<QFont>().bold());

        // The takeover, then both groups commit again: one row each below it.
        line(
            LogEntry::Kind::Rebalance, billing1,
            QStringLiteral("took orders[2] over from billing #2, 2.1 s after it was killed (its session timeout: 2 s)"),
            true);
        const int takeoverRow = model->rowCount() - 1;
        for (int i = 201; i <= 300; ++i) {
            commit(shipping1, {{tp(0), 7 * i}, {tp(1), 7 * i}, {tp(2), 7 * i}});
            commit(billing1, {{tp(0), 10 * i}, {tp(1), 10 * i}, {tp(2), 10 * i}});
        }
        test::flushEvents();
        QCOMPARE(model->rowCount(), 9 + 1 + 2);
        QTRY_VERIFY2(shown(takeoverRow), qPrintable(where(takeoverRow)));
        QCOMPARE(text(11), QStringLiteral("billing #1: committed orders[0] at 3000, orders[1] at 3000, orders[2] at "
                                          "3000 · 100 commits"));
        // In this narrow pane a commit row shows two lines (the rest elided): its tooltip has it whole.
        QVERIFY(model->index(11, EventLogModel::MessageColumn).data(Qt::ToolTipRole).toString().contains(text(11)));
        QVERIFY(view->visualRect(model->index(11, EventLogModel::MessageColumn)).height() <
                3 * view->fontMetrics().lineSpacing());

        // The folding follows the log, not the filter: hiding commits and showing them again
        // gives the same rows.
        auto *commits =
            test::child<QAction>(pane, QStringLiteral("eventFilter") + QString::number(int(LogEntry::Kind::Commit)));
        commits->setChecked(false);
        QCOMPARE(model->rowCount(), 7);
        commit(billing1, {{tp(0), 3010}}); // folds while hidden
        commits->setChecked(true);
        QCOMPARE(model->rowCount(), 12);
        QCOMPARE(text(11), QStringLiteral("billing #1: committed orders[0] at 3010, orders[1] at 3000, orders[2] at "
                                          "3000 · 101 commits"));

        // Any other line closes the rows: a commit with a reason stands alone, and the next
        // routine commit starts a new row below it.
        line(LogEntry::Kind::Commit, billing1,
             QStringLiteral("committed orders[0] at 3020, orders[1] at 3020, orders[2] at 3020 (partitions revoked)"),
             false);
        commit(billing1, {{tp(0), 3030}});
        QCOMPARE(model->rowCount(), 14);
        QCOMPARE(text(13), QStringLiteral("billing #1: committed orders[0] at 3030"));
        // The one with a reason is part of the story: shown whole, however many lines it takes.
        QCOMPARE(model->index(12, EventLogModel::MessageColumn).data(EventLogModel::CommitLinesRole).toInt(), 0);
        test::flushEvents();
        QVERIFY2(view->visualRect(model->index(12, EventLogModel::MessageColumn)).height() >=
                     3 * view->fontMetrics().lineSpacing(),
                 qPrintable(where(12)));
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
