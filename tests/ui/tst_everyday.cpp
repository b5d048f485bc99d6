// Everyday friction (issue 14, items 4 and 9), each checked through the real window over the
// in-memory fake broker: dark toolbar icons read as enabled, a clicked message row brings the
// inspector forward, the F1 list names every shortcut once plus the timeline's keys, the
// message rows' context menu, the offset-reset refusal names the group's members and offers
// to stop them, the inspector's hex view of a JSON value, and the language restart box says
// what a restart drops.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/ConsumerManager.h"
#include "core/JsonLines.h"
#include "ui/Theme.h"
#include "ui/charts/ThroughputCharts.h"
#include "ui/models/MessageTableModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QDialog>
#include <QDockWidget>
#include <QGraphicsTextItem>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

#include <cmath>

using namespace tidemark;

namespace {

double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG contrast ratio of the icon's drawn pixels (alpha-weighted mean colour) on `background`.
double iconContrast(const QIcon &icon, const QColor &background)
{
    const QImage image = icon.pixmap(QSize(16, 16)).toImage().convertToFormat(QImage::Format_ARGB32);
    double r = 0, g = 0, b = 0, weight = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alphaF() < 0.5)
                continue;
            r += c.redF() * c.alphaF();
            g += c.greenF() * c.alphaF();
            b += c.blueF() * c.alphaF();
            weight += c.alphaF();
        }
    if (weight == 0)
        return 0;
    const QColor mean = QColor::fromRgbF(float(r / weight), float(g / weight), float(b / weight));
    const double a = luminance(mean), bg = luminance(background);
    return (std::max(a, bg) + 0.05) / (std::min(a, bg) + 0.05);
}

bool selectOrders(test::FakeApp &app, int count)
{
    if (!app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok())
        return false;
    test::produceOrders(*app.backend, QStringLiteral("orders"), count, app.clock.now());
    if (!app.showAndConnect())
        return false;
    app.window->selectTopic(QStringLiteral("orders"));
    return QTest::qWaitFor([&] {
        return app.window->selectedTopic() == QLatin1String("orders") &&
               app.window->messagesPanel()->model()->rowCount() == count &&
               app.window->messagesPanel()->model()->recordAt(0).has_value();
    });
}

} // namespace

class TestEveryday final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }
    void cleanup() { applyTheme(ThemeChoice::Light); }

    // Grey and coloured SVGs at about 2:1 on the dark window looked disabled; WCAG asks 3:1
    // of a meaningful graphic.
    void darkToolbarIconsReadAsEnabled()
    {
        applyTheme(ThemeChoice::Dark);
        test::FakeApp app;
        QVERIFY(app.showAndConnect());
        const QColor window = QApplication::palette().color(QPalette::Window);
        for (const char *name : {"newTopic", "refresh", "connectLocal", "kafkaProfiles", "killConsumer", "send",
                                 "startConsumers", "restartConsumer", "importJsonLines", "copyValue"}) {
            auto *action = test::child<QAction>(app.window.get(), QLatin1String(name));
            QVERIFY2(action, name);
            const double contrast = iconContrast(action->icon(), window);
            QVERIFY2(contrast >= 3.0, qPrintable(QStringLiteral("%1: %2:1").arg(QLatin1String(name)).arg(contrast)));
        }
        // Light: the icons as drawn (the light theme was fine).
        applyTheme(ThemeChoice::Light);
        auto *refresh = test::child<QAction>(app.window.get(), QStringLiteral("refresh"));
        QVERIFY(iconContrast(refresh->icon(), QApplication::palette().color(QPalette::Window)) >= 3.0);
    }

    // The charts in their default place (tabbed under the timeline) keep their titles and
    // write every axis label whole: Qt Charts elides all of them to "…" when they do not fit.
    void chartsAtDefaultSizeKeepTitlesAndLabels_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1600x1000") << QSize(1600, 1000);
    }
    void chartsAtDefaultSizeKeepTitlesAndLabels()
    {
        QFETCH(QSize, size);
        test::FakeApp app(size);
        QVERIFY(app.showAndConnect());
        QDockWidget *dock = app.window->dock(QStringLiteral("chartsDock"));
        dock->raise();
        test::flushEvents();
        const auto views = app.window->charts()->findChildren<QChartView *>();
        QCOMPARE(views.size(), 2);
        for (QChartView *view : views) {
            QVERIFY2(!view->chart()->title().isEmpty(), qPrintable(view->objectName()));
            int labels = 0;
            for (QGraphicsItem *item : view->scene()->items()) {
                auto *text = dynamic_cast<QGraphicsTextItem *>(item);
                if (!text || !text->isVisible() || text->toPlainText().isEmpty())
                    continue;
                ++labels;
                // Qt Charts truncates with "..." (ChartPresenter::truncatedText).
                QVERIFY2(!text->toPlainText().contains(QChar(0x2026)) &&
                             !text->toPlainText().contains(QStringLiteral("...")),
                         qPrintable(view->objectName() + QStringLiteral(": ") + text->toPlainText()));
            }
            QVERIFY2(labels >= 5, qPrintable(QString::number(labels))); // title, some of each axis
        }
        test::grab(app.window.get())
            .save(test::outputDirectory() +
                  QStringLiteral("/charts-default-%1x%2.png").arg(size.width()).arg(size.height()));
    }

    void clickedRowBringsTheInspectorForward()
    {
        test::FakeApp app; // 1280 wide: the inspector is tabbed behind the events
        QVERIFY(selectOrders(app, 20));
        QDockWidget *inspector = app.window->dock(QStringLiteral("inspectorDock"));
        app.window->dock(QStringLiteral("eventsDock"))->raise();
        test::flushEvents();
        // Tabbed behind the events: "visible", but nothing of it on screen.
        QVERIFY(inspector->visibleRegion().isEmpty());
        QTableView *view = app.window->messagesPanel()->view();
        const QRect row = view->visualRect(view->model()->index(3, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.center());
        QTRY_VERIFY(!inspector->visibleRegion().isEmpty());
        QVERIFY(!app.window->inspector()->visibleRegion().isEmpty());
        QTRY_VERIFY(app.window->inspector()->record().has_value());
        QCOMPARE(app.window->inspector()->record()->offset,
                 view->model()->index(3, 0).data(MessageTableModel::OffsetRole).toLongLong());
    }

    void shortcutListNamesEachOnceAndTheTimelineKeys()
    {
        test::FakeApp app;
        QVERIFY(app.showAndConnect());
        app.window->showShortcuts();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = test::child<QDialog>(app.window.get(), QStringLiteral("shortcutsDialog"))));
        auto *list = test::child<QTreeWidget>(dialog, QStringLiteral("shortcutList"));
        QVERIFY(list);
        QStringList names;
        QMap<QString, QString> keysOf;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            names << list->topLevelItem(i)->text(0);
            keysOf[list->topLevelItem(i)->text(0)] = list->topLevelItem(i)->text(1);
        }
        QCOMPARE(names.count(QStringLiteral("Import JSON Lines…")), 1);
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
        QCOMPARE(keysOf.value(QStringLiteral("Timeline: fit everything")), QStringLiteral("F, 0"));
        QCOMPARE(keysOf.value(QStringLiteral("Timeline: follow the newest records")), QStringLiteral("End"));
        QCOMPARE(keysOf.value(QStringLiteral("Timeline: zoom in")), QStringLiteral("+, ="));
        QCOMPARE(keysOf.value(QStringLiteral("Timeline: zoom out")), QStringLiteral("-"));
        QCOMPARE(keysOf.value(QStringLiteral("Timeline: clear the key highlight, or cancel a proposed offset reset")),
                 QStringLiteral("Esc"));
        // Every key the list promises, the canvas answers (and it ignores one it does not bind).
        TimelineCanvas *canvas = app.window->timeline()->canvas();
        for (const TimelineCanvas::KeyBinding &binding : TimelineCanvas::keyBindings()) {
            QVERIFY(keysOf.contains(binding.action));
            for (const QKeySequence &key : binding.keys) {
                if (key[0].key() == Qt::Key_Escape)
                    continue; // answered only while there is something to clear (tst_timeline_highlight)
                // Accepted as it arrives, as from the platform; a widget that does not bind it ignores it.
                QKeyEvent press(QEvent::KeyPress, key[0].key(), Qt::NoModifier);
                QApplication::sendEvent(canvas, &press);
                QVERIFY2(press.isAccepted(), qPrintable(key.toString()));
            }
        }
        QKeyEvent unbound(QEvent::KeyPress, Qt::Key_Q, Qt::NoModifier);
        QApplication::sendEvent(canvas, &unbound);
        QVERIFY(!unbound.isAccepted());
        dialog->reject();
    }

    void messageRowContextMenu()
    {
        test::FakeApp app;
        QVERIFY(selectOrders(app, 300));
        QVERIFY(!app.window->consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());
        QTRY_VERIFY(app.window->timeline()->groupIds().contains(QStringLiteral("billing")));
        // A record far from the start of its partition (about 100 records each).
        const auto fetched = app.backend->fetch({QStringLiteral("orders"), 1}, 80, 1);
        QVERIFY(fetched.ok() && !fetched.value().empty());
        const Record record = fetched.value().front();
        QCOMPARE(record.offset, qint64(80));

        std::unique_ptr<QMenu> menu(app.window->messageContextMenu(record));
        QCOMPARE(menu->objectName(), QStringLiteral("messageContextMenu"));
        // Copy as JSON line: what `tidemark-cli produce --format json` reads back, exactly.
        test::child<QAction>(menu.get(), QStringLiteral("copyJsonLineAction"))->trigger();
        const QByteArray line = QApplication::clipboard()->text().toUtf8();
        QCOMPARE(line, recordToJsonLine(record));
        const auto outgoing = outgoingRecordFromJsonLine(line.trimmed());
        QVERIFY2(outgoing.ok(), qPrintable(outgoing ? QString() : outgoing.error().message));
        QCOMPARE(outgoing.value().key, record.key);
        QCOMPARE(outgoing.value().value, record.value);

        // Produce again: into the producer's editor.
        auto *editor = test::child<QPlainTextEdit>(app.window.get(), QStringLiteral("jsonEditor"));
        editor->clear();
        test::child<QAction>(menu.get(), QStringLiteral("produceAgainAction"))->trigger();
        QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("\"order_id\"")));

        // Show on timeline: the record's offset in view, zoomed in to single records.
        TimelineView *timeline = app.window->timeline();
        QTRY_VERIFY(timeline->model()->laneCount() == 3);
        timeline->showRange(0, 10);
        QVERIFY(timeline->canvas()->viewport().lastOffset() < 80);
        test::child<QAction>(menu.get(), QStringLiteral("showOnTimelineAction"))->trigger();
        const TimelineViewport &viewport = timeline->canvas()->viewport();
        QVERIFY2(viewport.lastOffset() - viewport.firstOffset() <= 101,
                 qPrintable(QString::number(viewport.lastOffset() - viewport.firstOffset())));
        QVERIFY(double(record.offset) >= viewport.firstOffset() && double(record.offset) < viewport.lastOffset());

        // Reset group to here: the timeline's reset proposal for that group and offset.
        QVERIFY(!timeline->isResetPending());
        auto *reset = test::child<QAction>(menu.get(), QStringLiteral("resetGroup:billing"));
        QVERIFY(reset);
        reset->trigger();
        QVERIFY(timeline->isResetPending());
        auto *message = test::child<QLabel>(timeline, QStringLiteral("offsetResetMessage"));
        // Waited for: the line is fitted to the bar's width, again once its layout settled;
        // until then it may be elided (plain text, no bold offset).
        QTRY_VERIFY2(message->text().contains(QStringLiteral("<b>%1</b>").arg(record.offset)),
                     qPrintable(message->text()));
        timeline->cancelReset();
        app.window->consumerManager()->stopAll();
    }

    void resetRefusalNamesMembersAndStopsTheGroup()
    {
        test::FakeApp app;
        QVERIFY(selectOrders(app, 30));
        ConsumerManager *consumers = app.window->consumerManager();
        ConsumerOptions slow = consumers->defaultOptions();
        slow.maxRecordsPerSecond = 1;
        QVERIFY(!consumers->start(QStringLiteral("billing"), {QStringLiteral("orders")}, slow).isEmpty());
        QVERIFY(!consumers->start(QStringLiteral("billing"), {QStringLiteral("orders")}, slow).isEmpty());
        QTRY_VERIFY(consumers->statuses().size() == 2 && consumers->statuses()[0].isActive() &&
                    consumers->statuses()[1].isActive() && !consumers->statuses()[0].memberId.isEmpty() &&
                    !consumers->statuses()[1].memberId.isEmpty());
        // Read both ids now: a member id can be empty for a moment while a consumer rejoins.
        const QStringList memberIds{consumers->statuses()[0].memberId, consumers->statuses()[1].memberId};
        TimelineView *timeline = app.window->timeline();
        timeline->proposeReset(QStringLiteral("billing"), 0, 0);
        QVERIFY(timeline->isResetPending());
        auto *message = test::child<QLabel>(timeline, QStringLiteral("offsetResetMessage"));
        // One line above the lanes; the advice for a group that runs in its tooltip.
        const QString mustStop = QStringLiteral("The group's consumers must be stopped first.");
        QVERIFY2(!message->text().contains(mustStop), qPrintable(message->text()));
        QVERIFY2(message->toolTip().endsWith(mustStop), qPrintable(message->toolTip())); // they run
        timeline->confirmReset();
        auto *stop = test::child<QPushButton>(timeline, QStringLiteral("offsetResetStopGroup"));
        QVERIFY(stop);
        // Brief on the bar (the members by name), whole in its tooltip (where each runs). Waited
        // for: the line is fitted again once the bar's layout settled (its buttons changed), and
        // until then it may show the text elided.
        QTRY_COMPARE(message->text(), QStringLiteral("Could not reset: billing #1 and billing #2 are still running."));
        const QString text = message->toolTip();
        QVERIFY2(text.contains(QStringLiteral("billing #1 (in this app)")) &&
                     text.contains(QStringLiteral("billing #2 (in this app)")),
                 qPrintable(text));
        for (const QString &memberId : memberIds)
            QVERIFY2(!text.contains(memberId) && !message->text().contains(memberId),
                     qPrintable(text)); // no raw member ids
        QVERIFY(stop->isVisible());

        // Stop the group: both stop, and the same reset can be confirmed again and succeeds.
        stop->click();
        QTRY_VERIFY(!consumers->statuses()[0].isActive() && !consumers->statuses()[1].isActive());
        QVERIFY(timeline->isResetPending());
        QVERIFY(!stop->isVisible());
        // No guidance that is no longer true: nothing left to stop, nothing left to kill.
        QTRY_VERIFY2(!message->toolTip().contains(mustStop), qPrintable(message->toolTip()));
        // The whole sentence once the bar's layout settled ("Stop the group" gone: more room).
        QTRY_VERIFY2(message->text().startsWith(QStringLiteral("Reset group <b>billing</b>")),
                     qPrintable(message->text()));
        // (The line under the consumers is fitted to its width as well.)
        auto *hint = test::child<QLabel>(app.window->consumersPanel(), QStringLiteral("consumerHint"));
        QTRY_VERIFY2(hint->text().startsWith(QStringLiteral("No consumer runs: restart one (Ctrl+Shift+R)")),
                     qPrintable(hint->text()));
        QTRY_VERIFY(app.backend->describeGroup(QStringLiteral("billing")).ok() &&
                    app.backend->describeGroup(QStringLiteral("billing")).value().members.empty());
        timeline->confirmReset();
        QTRY_VERIFY(!timeline->isResetPending());
        QTRY_VERIFY(!test::child<QWidget>(timeline, QStringLiteral("offsetResetBar"))->isVisible());
    }

    void inspectorShowsAJsonValueAsHex()
    {
        MessageInspector inspector;
        Record record;
        record.topic = QStringLiteral("orders");
        record.value = QByteArray("{\"a\":1}");
        inspector.showRecord(record);
        QCOMPARE(inspector.valueKind(), QStringLiteral("json"));
        QVERIFY(!inspector.valueText().contains(QStringLiteral("7b")));
        auto *hex = test::child<QToolButton>(&inspector, QStringLiteral("hexViewButton"));
        QVERIFY(hex);
        hex->click();
        QVERIFY(inspector.isHexView());
        QVERIFY2(inspector.valueText().contains(QStringLiteral("7b 22 61 22 3a 31 7d")),
                 qPrintable(inspector.valueText()));
        QVERIFY(test::child<QLabel>(&inspector, QStringLiteral("inspectorValueInfo"))
                    ->text()
                    .contains(QStringLiteral("as hex")));
        // It stays on for the next record, and goes back to JSON when off.
        record.value = QByteArray("{\"b\":2}");
        inspector.showRecord(record);
        QVERIFY(inspector.valueText().contains(QStringLiteral("7b 22 62 22")));
        hex->click();
        QVERIFY(inspector.valueText().contains(QStringLiteral("\"b\"")));
    }

    void languageRestartSaysWhatItDrops()
    {
        test::FakeApp app;
        QVERIFY(selectOrders(app, 10));
        ConsumerManager *consumers = app.window->consumerManager();
        QVERIFY(!consumers->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());
        QVERIFY(!consumers->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());
        QTRY_VERIFY(consumers->statuses()[0].isActive() && consumers->statuses()[1].isActive());
        app.window->setLanguage(LanguageChoice::Russian);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = test::child<QMessageBox>(app.window.get(), QStringLiteral("languageRestartBox"))));
        const QString text = box->informativeText();
        QVERIFY2(text.contains(QStringLiteral("2 running consumers")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("not started again")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("events list")), qPrintable(text));
        box->reject();
        consumers->stopAll();
    }
};

QTEST_MAIN(TestEveryday)
#include "tst_everyday.moc"
