// Lag, the key number of the lesson, is never cut ("3,…") in the Consumers dock at the
// design sizes, light and dark: checked from the views' geometry and font metrics (every
// lag cell's text fits its visual rectangle), not from pixels. The charts at their default
// size keep their titles, and the axis labels fit. Each case also writes the whole window
// to the test output directory (lag-<size>-<theme>.png) for a person to look at.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/ConsumerManager.h"
#include "ui/Theme.h"
#include "ui/charts/ThroughputCharts.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/GroupTreeModel.h"
#include "ui/panels/ConsumersPanel.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QDockWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTreeView>

using namespace tidemark;

namespace {

bool hasLag(QTreeView *view, int column, qint64 atLeast)
{
    QAbstractItemModel *m = view->model();
    for (int row = 0; row < m->rowCount(); ++row) {
        const QString text = m->index(row, column).data().toString();
        bool ok = false;
        if (QLocale().toLongLong(text, &ok) >= atLeast && ok)
            return true;
    }
    return false;
}

} // namespace

class TestLagVisible final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }
    void cleanup() { applyTheme(ThemeChoice::Light); }

    void lagIsNeverCut_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("dark");
        QTest::newRow("1280x800 light") << QSize(1280, 800) << false;
        QTest::newRow("1280x800 dark") << QSize(1280, 800) << true;
        QTest::newRow("1600x1000 light") << QSize(1600, 1000) << false;
        QTest::newRow("1600x1000 dark") << QSize(1600, 1000) << true;
    }

    void lagIsNeverCut()
    {
        QFETCH(QSize, size);
        QFETCH(bool, dark);
        applyTheme(dark ? ThemeChoice::Dark : ThemeChoice::Light);
        test::ManualClock clock;
        QTemporaryDir settingsDir;
        auto backend = std::make_shared<test::FakeBackend>(QStringLiteral("Fake: in memory"), clock.clock());
        QVERIFY(backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        // Lag in the tens of thousands per partition ("13,334"), more for the group.
        test::produceOrders(*backend, QStringLiteral("orders"), 40000, 1714564800000);
        ConsumerOptions slow = test::fastConsumerOptions();
        slow.maxRecordsPerSecond = 1; // the lag stays
        auto w =
            test::makeMainWindow(test::WindowSetup{test::fakeOpener(backend), size, true, slow}, clock, settingsDir);
        QVERIFY(test::showAndConnect(*w));
        QTRY_COMPARE(w->selectedTopic(), QStringLiteral("orders"));
        QVERIFY(!w->consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());
        QVERIFY(!w->consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());

        ConsumersPanel *panel = w->consumersPanel();
        QTreeView *members = panel->view();
        QTRY_VERIFY_WITH_TIMEOUT(hasLag(members, ConsumerTreeModel::LagColumn, 10000), 10000);
        QTRY_VERIFY2(test::cutCells(members, ConsumerTreeModel::LagColumn).isEmpty(),
                     qPrintable(test::cutCells(members, ConsumerTreeModel::LagColumn).join(QStringLiteral("; "))));
        // A narrow dock hides the Consumed column rather than cut the names (ConsumersPanel);
        // the lag and the offsets are never hidden.
        QVERIFY(!members->isColumnHidden(ConsumerTreeModel::LagColumn));
        for (int column : {int(ConsumerTreeModel::PositionColumn), int(ConsumerTreeModel::CommittedColumn),
                           int(ConsumerTreeModel::ConsumedColumn)}) {
            if (column == ConsumerTreeModel::ConsumedColumn && members->isColumnHidden(column))
                continue;
            QVERIFY(!members->isColumnHidden(column));
            QVERIFY2(test::cutCells(members, column).isEmpty(),
                     qPrintable(test::cutCells(members, column).join(QStringLiteral("; "))));
        }
        const QImage membersShot = test::grab(w.get());

        // The groups tab: the group's total lag (40,000) too.
        auto *tabs = panel->findChild<QTabWidget *>(QStringLiteral("consumerTabs"));
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
        QTreeView *groups = panel->groupView();
        QTRY_VERIFY_WITH_TIMEOUT(hasLag(groups, GroupTreeModel::LagColumn, 10000), 10000);
        groups->expandAll();
        QTRY_VERIFY2(test::cutCells(groups, GroupTreeModel::LagColumn).isEmpty(),
                     qPrintable(test::cutCells(groups, GroupTreeModel::LagColumn).join(QStringLiteral("; "))));

        // The charts at their default size: titles shown, in the text colour.
        QDockWidget *chartsDock = w->dock(QStringLiteral("chartsDock"));
        chartsDock->show();
        chartsDock->raise();
        test::flushEvents();
        for (auto *view : w->charts()->findChildren<QChartView *>()) {
            QVERIFY2(!view->chart()->title().isEmpty(), qPrintable(view->objectName()));
            QCOMPARE(view->chart()->titleBrush().color(), w->charts()->palette().color(QPalette::Text));
        }

        const QString dir = test::outputDirectory();
        QDir().mkpath(dir);
        const QString tag = QStringLiteral("%1x%2-%3")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"));
        membersShot.save(dir + QStringLiteral("/lag-%1-members.png").arg(tag));
        test::grab(w.get()).save(dir + QStringLiteral("/lag-%1-groups-charts.png").arg(tag));
        w->consumerManager()->stopAll();
    }
};

QTEST_MAIN(TestLagVisible)
#include "tst_lag_visible.moc"
