// The picture for the README: the whole window at 1600x900 on the real built-in broker,
// with a group of two consumers that read 1,001 orders and committed them, a record open in
// the inspector and the events pane saying what happened. Every pixel is deterministic
// (manual clock; the second consumer joins before any order exists, so each member reads
// exactly its partitions), and it is a golden like any other, so it cannot go stale.

#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace tidemark;

namespace {
// Running on exactly `partitions`, read and committed to the end of each.
bool caughtUp(MainWindow &w, Backend &b, const QString &id, size_t partitions)
{
    const auto s = w.consumerManager()->status(id);
    if (!s || s->state != ConsumerStatus::State::Running || s->assignment.size() != partitions)
        return false;
    for (const TopicPartition &tp : s->assignment) {
        const qint64 end = b.watermarks(tp).valueOr({}).high;
        if (s->positions.count(tp) == 0 || s->positions.at(tp) != end || s->committed.count(tp) == 0 ||
            s->committed.at(tp) != end)
            return false;
    }
    return true;
}
} // namespace

class TestReadme final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void readmeScreenshot()
    {
        test::LocalApp app(QSize(1600, 900));
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        w.selectTopic(QStringLiteral("orders"));
        QTRY_COMPARE(w.selectedTopic(), QStringLiteral("orders"));
        // Commit the empty partitions once so every member shows a committed offset.
        QVERIFY(app.backend()
                    .resetGroupOffsets(QStringLiteral("billing"), {{{QStringLiteral("orders"), 0}, 0},
                                                                   {{QStringLiteral("orders"), 1}, 0},
                                                                   {{QStringLiteral("orders"), 2}, 0}})
                    .ok());
        const QString one = w.consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")});
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(w, app.backend(), one, 3), 10000);
        const QString two = w.consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")});
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(w, app.backend(), one, 2) && caughtUp(w, app.backend(), two, 1), 10000);
        w.eventsPane()->clear(); // which thread joined first is not part of the picture

        app.clock.advance(60000);
        ProducerPanel *producer = w.producerPanel();
        QSignalSpy produced(producer, &ProducerPanel::produced);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("sendButton")), Qt::LeftButton);
        QTRY_COMPARE(produced.count(), 1);
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(1000);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(0);
        QSignalSpy finished(producer, &ProducerPanel::jobFinished);
        app.clock.advance(2000);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(w, app.backend(), one, 2) && caughtUp(w, app.backend(), two, 1), 20000);
        QCOMPARE(w.consumerManager()->status(one)->recordsConsumed + w.consumerManager()->status(two)->recordsConsumed,
                 qint64(1001));
        // Commit lines arrive at thread-timed moments: hide them with the pane's own filter.
        test::child<QAction>(w.eventsPane(),
                             QStringLiteral("eventFilter") + QString::number(int(LogEntry::Kind::Commit)))
            ->setChecked(false);
        w.selectRecord(QStringLiteral("orders"), 0, 0);
        QTRY_VERIFY(w.inspector()->record().has_value());
        w.messagesPanel()->view()->setFocus();
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(&w, QStringLiteral("readme-main-window"));
    }
};

QTEST_MAIN(TestReadme)
#include "tst_readme.moc"
