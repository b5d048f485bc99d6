// The topic browser: topics with partition counts and record totals; create through the
// dialog (bad names explained inline, broker refusals shown without losing the input),
// delete only after confirmation.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "ui/dialogs/CreateTopicDialog.h"
#include "ui/models/TopicListModel.h"
#include "ui/panels/TopicBrowser.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>

using namespace tidemark;

class TestTopicBrowser final : public QObject {
    Q_OBJECT

    static QPointer<CreateTopicDialog> openCreateDialog(test::FakeApp &app)
    {
        // Shortcuts need the window active (a closed dialog may have left none active).
        app.window->activateWindow();
        if (!QTest::qWaitForWindowActive(app.window.get()))
            return {};
        QTest::keyClick(app.window.get(), Qt::Key_N, Qt::ControlModifier);
        QPointer<CreateTopicDialog> dialog;
        (void)QTest::qWaitFor([&] {
            for (auto *d : app.window->findChildren<CreateTopicDialog *>(QStringLiteral("createTopicDialog")))
                if (d->isVisible())
                    dialog = d;
            return !dialog.isNull();
        });
        return dialog;
    }

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void listsTopicsWithCounts()
    {
        test::FakeApp app;
        for (const auto &[name, parts] :
             {std::pair{QStringLiteral("orders"), 3}, std::pair{QStringLiteral("payments"), 2},
              std::pair{QStringLiteral("audit.log"), 1}})
            QVERIFY(app.backend->createTopic(TopicSpec{name, parts, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 1234, app.clock.now());
        test::produceOrders(*app.backend, QStringLiteral("payments"), 56, app.clock.now());
        QVERIFY(app.showAndConnect());
        TopicListModel *model = app.window->topicBrowser()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, TopicListModel::NameColumn).data().toString(), QStringLiteral("audit.log"));
        const int orders = model->rowOf(QStringLiteral("orders"));
        QCOMPARE(model->index(orders, TopicListModel::PartitionsColumn).data().toInt(), 3);
        QCOMPARE(model->index(orders, TopicListModel::RecordsColumn).data().toString(), QStringLiteral("1,234"));
        // The first topic is selected for a new user, and the panels follow the selection.
        QCOMPARE(app.window->selectedTopic(), QStringLiteral("audit.log"));
        app.window->selectTopic(QStringLiteral("orders"));
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        // Records produced elsewhere show up on the periodic refresh.
        test::produceOrders(*app.backend, QStringLiteral("orders"), 6, app.clock.now());
        QTRY_COMPARE_WITH_TIMEOUT(model->index(orders, TopicListModel::RecordsColumn).data().toString(),
                                  QStringLiteral("1,240"), 5000);
        QCOMPARE(app.window->selectedTopic(), QStringLiteral("orders")); // the refresh kept the selection
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(app.window->dock(QStringLiteral("topicsDock")), QStringLiteral("topics-panel"));
    }

    void createThroughTheDialog()
    {
        test::FakeApp app;
        QVERIFY(app.showAndConnect());
        QCOMPARE(app.window->selectedTopic(), QString());
        QPointer<CreateTopicDialog> dialog = openCreateDialog(app);
        QVERIFY(dialog);
        auto *name = test::child<QLineEdit>(dialog, QStringLiteral("topicName"));
        auto *partitions = test::child<QSpinBox>(dialog, QStringLiteral("topicPartitions"));
        auto *error = test::child<QLabel>(dialog, QStringLiteral("createTopicError"));
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QPushButton *create = buttons->button(QDialogButtonBox::Ok);
        QVERIFY(!create->isEnabled());                                                            // no name yet
        QVERIFY(!test::child<QSpinBox>(dialog, QStringLiteral("topicReplication"))->isEnabled()); // local broker
        QTest::keyClicks(name, QStringLiteral("bad name"));
        QVERIFY(!create->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("letters, digits")));
        TIDEMARK_COMPARE_SCREENSHOT(dialog, QStringLiteral("create-topic-invalid"));

        name->clear();
        QTest::keyClicks(name, QStringLiteral("orders"));
        QVERIFY(create->isEnabled());
        QCOMPARE(partitions->value(), 3);
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        auto info = app.backend->describeTopic(QStringLiteral("orders"));
        QVERIFY(info.ok());
        QCOMPARE(info->partitionCount, 3);

        // A name the broker refuses: the dialog stays, says why, keeps what was typed.
        dialog = openCreateDialog(app);
        QVERIFY(dialog);
        name = test::child<QLineEdit>(dialog, QStringLiteral("topicName"));
        QTest::keyClicks(name, QStringLiteral("orders"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        error = test::child<QLabel>(dialog, QStringLiteral("createTopicError"));
        QTRY_VERIFY(error->isVisible() && error->text().contains(QStringLiteral("already exists")));
        QVERIFY(dialog->isVisible());
        QCOMPARE(name->text(), QStringLiteral("orders"));
        dialog->reject();
    }

    void deleteAsksFirst()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.showAndConnect());
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        auto confirm = [&] {
            app.window->topicBrowser()->confirmDeleteSelected();
            QMessageBox *box = nullptr;
            (void)QTest::qWaitFor([&] {
                return (box = test::child<QMessageBox>(app.window.get(), QStringLiteral("confirmDeleteTopic"))) &&
                       box->isVisible();
            });
            return box;
        };
        QMessageBox *box = confirm();
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("orders")));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTest::qWait(100);
        QVERIFY(app.backend->describeTopic(QStringLiteral("orders")).ok());
        box = confirm();
        QVERIFY(box);
        QTest::mouseClick(test::child<QPushButton>(box, QStringLiteral("confirmDeleteButton")), Qt::LeftButton);
        QTRY_VERIFY(!app.backend->describeTopic(QStringLiteral("orders")).ok());
        QTRY_COMPARE(app.window->topicBrowser()->model()->rowCount(), 0);
        QTRY_COMPARE(app.window->selectedTopic(), QString());
    }
};

QTEST_MAIN(TestTopicBrowser)
#include "tst_topicbrowser.moc"
