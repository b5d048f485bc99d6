// The window opens, offscreen, at a fixed size, and looks like its golden.

#include "UiTestSupport.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QTest>

using namespace tidemark;

class TestMainWindowSmoke final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void opens()
    {
        MainWindow window;
        window.resize(800, 500);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Tidemark"));
        TIDEMARK_COMPARE_SCREENSHOT(&window, QStringLiteral("mainwindow-smoke"));
    }
};

QTEST_MAIN(TestMainWindowSmoke)
#include "tst_mainwindow_smoke.moc"
