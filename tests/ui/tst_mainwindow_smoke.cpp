// The window opens offscreen on a broker, lays its panels around the timeline area at the
// two sizes we design for, and has the menus, About box and diagnostics a user expects.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/AsyncBackend.h"
#include "core/Version.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>

using namespace tidemark;

class TestMainWindowSmoke final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::setupDeterministicUi();
        qRegisterMetaType<AsyncBackend *>();
    }

    void layoutAtDesignSizes_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("golden");
        QTest::newRow("1280x800") << QSize(1280, 800) << QStringLiteral("mainwindow-1280x800");
        QTest::newRow("1600x900") << QSize(1600, 900) << QStringLiteral("mainwindow-1600x900");
    }
    void layoutAtDesignSizes()
    {
        QFETCH(QSize, size);
        QFETCH(QString, golden);
        test::FakeApp app(size);
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 40, app.clock.now());
        QVERIFY(app.showAndConnect());
        QCOMPARE(app.window->size(), size);
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        QVERIFY(app.window->windowTitle().startsWith(QStringLiteral("Tidemark — ")));
        QVERIFY(app.window->connectionStatusText().contains(QStringLiteral("Connected")));
        QVERIFY(test::child<QWidget>(app.window.get(), QStringLiteral("timelineArea")));
        for (const char *name :
             {"topicsDock", "messagesDock", "inspectorDock", "eventsDock", "producerDock", "consumersDock"})
            QVERIFY2(app.window->dock(QLatin1String(name))->isVisible() ||
                         !app.window->tabifiedDockWidgets(app.window->dock(QLatin1String(name))).isEmpty(),
                     name);
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(app.window.get(), golden);
    }

    void menusAboutAndDiagnostics()
    {
        test::FakeApp app;
        QVERIFY(app.showAndConnect());
        QStringList menus;
        for (QAction *a : app.window->menuBar()->actions())
            menus << a->text().remove(QLatin1Char('&'));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                                     QStringLiteral("Topic"), QStringLiteral("Help")}));
        // Frequent actions all have shortcuts.
        for (const char *name :
             {"newTopic", "deleteTopic", "send", "generate", "startConsumers", "stopConsumer", "killConsumer",
              "restartConsumer", "find", "liveTail", "refresh", "openDataFolder", "importJsonLines", "copyValue"}) {
            auto *action = test::child<QAction>(app.window.get(), QLatin1String(name));
            QVERIFY2(action, name);
            QVERIFY2(!action->shortcut().isEmpty(), name);
        }
        test::child<QAction>(app.window.get(), QStringLiteral("about"))->trigger();
        QMessageBox *about = nullptr;
        QTRY_VERIFY((about = test::child<QMessageBox>(app.window.get(), QStringLiteral("aboutBox"))));
        QVERIFY(about->text().contains(versionBanner()));
        about->close();

        QApplication::clipboard()->clear();
        test::child<QAction>(app.window.get(), QStringLiteral("copyDiagnostics"))->trigger();
        const QString diag = QApplication::clipboard()->text();
        QVERIFY(diag.startsWith(versionBanner()));
        QVERIFY(diag.contains(QStringLiteral("Platform: offscreen")));
        QVERIFY(diag.contains(QStringLiteral("Connection: Local: ")));
        QVERIFY(diag.contains(QStringLiteral("(connected)")));
        QVERIFY(diag.contains(QStringLiteral("Data directory: ")));
    }

    void centralViewIsReplaceable()
    {
        test::FakeApp app(QSize(1280, 800), false);
        QSignalSpy changed(app.window.get(), &MainWindow::connectionChanged);
        QVERIFY(test::child<QWidget>(app.window.get(), QStringLiteral("timelineArea")));
        auto *view = new QLabel(QStringLiteral("timeline"));
        app.window->setCentralView(view);
        QCOMPARE(app.window->centralWidget(), view);
        QTRY_VERIFY(!test::child<QWidget>(app.window.get(), QStringLiteral("timelineArea")));
        QVERIFY(!app.window->isConnected());
        app.window->connectTo(ConnectionSpec{});
        QTRY_VERIFY(app.window->isConnected());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<AsyncBackend *>(), app.window->asyncBackend());
    }
};

QTEST_MAIN(TestMainWindowSmoke)
#include "tst_mainwindow_smoke.moc"
