// The producer panel: type an order, watch the total and the partition preview, pick a
// partitioner, Send, and find the record where the preview said; the JSON editor's inline
// errors; generating orders with progress; importing a JSON-lines file; "produce again".

#include "AppFixture.h"
#include "ReadableColours.h"
#include "UiTestSupport.h"
#include "core/OrderGenerator.h"
#include "ui/Style.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

#include <algorithm>
#include <map>
#include <set>

using namespace tidemark;

namespace {

std::vector<Record> allRecords(test::FakeBackend &backend, const QString &topic, int partitions)
{
    std::vector<Record> out;
    for (int p = 0; p < partitions; ++p) {
        auto records = backend.fetch({topic, p}, 0, 100000);
        if (records)
            out.insert(out.end(), records->begin(), records->end());
    }
    return out;
}

void setCell(QTableWidget *table, int row, int column, const QVariant &value)
{
    table->item(row, column)->setData(Qt::EditRole, value);
}

} // namespace

class TestProducerPanel final : public QObject {
    Q_OBJECT

    struct Fixture {
        Fixture()
        {
            if (!app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok())
                qFatal("createTopic");
        }
        bool start()
        {
            if (!app.showAndConnect())
                return false;
            return QTest::qWaitFor([this] { return app.window->selectedTopic() == QLatin1String("orders"); });
        }
        template <typename T>
        T *w(const char *name) const
        {
            return test::child<T>(app.window->producerPanel(), QLatin1String(name));
        }
        test::FakeApp app;
    };

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void typedOrderLandsWhereThePreviewSays_data()
    {
        QTest::addColumn<QString>("partitioner");
        QTest::newRow("murmur2") << QStringLiteral("murmur2");
        QTest::newRow("consistent") << QStringLiteral("consistent");
        QTest::newRow("fnv1a") << QStringLiteral("fnv1a");
    }
    void typedOrderLandsWhereThePreviewSays()
    {
        QFETCH(QString, partitioner);
        Fixture f;
        QVERIFY(f.start());
        auto *user = f.w<QLineEdit>("userId");
        auto *items = f.w<QTableWidget>("itemsTable");
        auto *preview = f.w<QLabel>("partitionPreview");
        auto *total = f.w<QLabel>("orderTotal");
        user->clear();
        QTest::keyClicks(user, QStringLiteral("00077"));
        QTest::mouseClick(f.w<QPushButton>("addItemButton"), Qt::LeftButton);
        QCOMPARE(items->rowCount(), 2);
        setCell(items, 1, 0, QStringLiteral("117"));
        setCell(items, 1, 1, 3);
        setCell(items, 1, 2, 19.99);
        QCOMPARE(total->text(), QStringLiteral("Total: 359.97"));
        auto *choice = f.w<QComboBox>("partitioner");
        choice->setCurrentText(partitioner);
        const PartitionerKind kind = *partitionerFromName(partitioner);
        const int expected = *hashPartition(kind, QByteArray("00077"), 3);
        QCOMPARE(preview->text(), QStringLiteral("key 00077 → %1 → partition %2").arg(partitioner).arg(expected));
        QVERIFY(f.app.settle());
        if (partitioner == QLatin1String("murmur2"))
            TIDEMARK_COMPARE_SCREENSHOT(f.app.window->dock(QStringLiteral("producerDock")),
                                        QStringLiteral("producer-order"));

        QSignalSpy produced(f.app.window->producerPanel(), &ProducerPanel::produced);
        QTest::keyClick(f.w<QPushButton>("sendButton"), Qt::Key_Return, Qt::ControlModifier); // the Send shortcut
        QTRY_COMPARE(produced.count(), 1);
        QCOMPARE(produced.at(0).at(1).toInt(), expected);
        const auto records = allRecords(*f.app.backend, QStringLiteral("orders"), 3);
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(records[0].partition, expected);
        QCOMPARE(*records[0].key, QByteArray("00077"));
        QCOMPARE(records[0].timestampMs, test::ManualClock::storyStartMs());
        auto order = parseOrder(*records[0].value);
        QVERIFY(order.ok());
        QCOMPARE(order->orderId, QStringLiteral("0001"));
        QCOMPARE(order->items.size(), size_t(2));
        QCOMPARE(order->totalPrice, 359.97);
        // The order id moves on, and the result says where the record went.
        QCOMPARE(f.w<QLineEdit>("orderId")->text(), QStringLiteral("0002"));
        QCOMPARE(f.w<QLabel>("sendResult")->text(), QStringLiteral("Sent to orders[%1] at offset 0").arg(expected));
    }

    // A topic that already holds orders (another session, another client) continues their ids:
    // the form, a send and a generate job start after the highest order id of the topic.
    void orderIdsContinueFromTheTopic()
    {
        Fixture f;
        test::produceOrders(*f.app.backend, QStringLiteral("orders"), 41, test::ManualClock::storyStartMs());
        QVERIFY(f.app.backend->createTopic(TopicSpec{QStringLiteral("payments"), 2, 1, {}}).ok());
        QVERIFY(f.start());
        auto *orderId = f.w<QLineEdit>("orderId");
        QTRY_COMPARE(orderId->text(), QStringLiteral("0042"));
        QSignalSpy produced(f.app.window->producerPanel(), &ProducerPanel::produced);
        QTest::mouseClick(f.w<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE(produced.count(), 1);
        const auto sent = f.app.backend->fetch({QStringLiteral("orders"), produced.at(0).at(1).toInt()},
                                               produced.at(0).at(2).toLongLong(), 1);
        QVERIFY(sent.ok() && sent->size() == 1);
        QCOMPARE(parseOrder(*sent->front().value)->orderId, QStringLiteral("0042"));
        QCOMPARE(orderId->text(), QStringLiteral("0043"));

        // Generated orders go on from there.
        f.w<QSpinBox>("generateCount")->setValue(5);
        f.w<QSpinBox>("generateRate")->setValue(0);
        QSignalSpy finished(f.app.window->producerPanel(), &ProducerPanel::jobFinished);
        QTest::mouseClick(f.w<QPushButton>("generateButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QStringList ids;
        for (const Record &r : allRecords(*f.app.backend, QStringLiteral("orders"), 3))
            ids << parseOrder(*r.value)->orderId;
        ids.sort();
        QCOMPARE(ids.size(), 47);
        QCOMPARE(ids.mid(41), (QStringList{QStringLiteral("0042"), QStringLiteral("0043"), QStringLiteral("0044"),
                                           QStringLiteral("0045"), QStringLiteral("0046"), QStringLiteral("0047")}));
        QCOMPARE(ids.removeDuplicates(), qsizetype(0));
        QCOMPARE(orderId->text(), QStringLiteral("0048"));

        // A topic without orders starts at 0001; back on orders, the ids continue again.
        f.app.window->selectTopic(QStringLiteral("payments"));
        QTRY_COMPARE(orderId->text(), QStringLiteral("0001"));
        f.app.window->selectTopic(QStringLiteral("orders"));
        QTRY_COMPARE(orderId->text(), QStringLiteral("0048"));
    }

    // The send line tells the panel's newest send: a generate run after a Send, or records
    // produced again from the Messages panel, take the old "Sent to orders[0] at offset 0"
    // away. And the producer's Events lines go on after "producer: " in lower case ("producer:
    // sent 5 of 5", not "producer: Sent 5 of 5").
    void sendLineAndEventsTellTheNewest()
    {
        Fixture f;
        QVERIFY(f.start());
        ProducerPanel *producer = f.app.window->producerPanel();
        auto *result = f.w<QLabel>("sendResult");
        QSignalSpy produced(producer, &ProducerPanel::produced);
        QTest::mouseClick(f.w<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE(produced.count(), 1);
        QVERIFY2(result->text().startsWith(QStringLiteral("Sent to orders[")), qPrintable(result->text()));

        f.w<QSpinBox>("generateCount")->setValue(5);
        f.w<QSpinBox>("generateRate")->setValue(0);
        QSignalSpy finished(producer, &ProducerPanel::jobFinished);
        QTest::mouseClick(f.w<QPushButton>("generateButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(f.w<QLabel>("jobStatus")->text().startsWith(QStringLiteral("Sent 5 of 5")),
                 qPrintable(f.w<QLabel>("jobStatus")->text()));
        QCOMPARE(result->text(), QString());

        // A Send says where it went again; then records produced again elsewhere take it away.
        QTRY_VERIFY(f.w<QPushButton>("sendButton")->isEnabled());
        QTest::mouseClick(f.w<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE(produced.count(), 3); // the run's and this one
        QVERIFY2(result->text().startsWith(QStringLiteral("Sent to orders[")), qPrintable(result->text()));
        // Its green, and the run's, read after a theme switch, to dark and back.
        const QPalette lightPalette = f.app.window->palette();
        for (const char *theme : {"theme_dark", "theme_system"}) {
            test::child<QAction>(f.app.window.get(), QLatin1String(theme))->trigger();
            QTRY_COMPARE(style::isDark(result->palette()), QByteArray(theme) == "theme_dark");
            QVERIFY2(test::faintLabels(producer).isEmpty(),
                     qPrintable(test::faintLabels(producer).join(QLatin1Char('\n'))));
        }
        QCOMPARE(f.app.window->palette(), lightPalette);
        emit f.app.window->messagesPanel()->replayed(QStringLiteral("orders"), 2, QString());
        QCOMPARE(result->text(), QString());

        QStringList lines;
        bool summarised = false;
        const EventLogModel *events = f.app.window->eventsPane()->model();
        for (int row = 0; row < events->rowCount(); ++row) {
            const LogEntry &e = events->entryAt(row);
            if (e.source != QLatin1String("producer"))
                continue;
            lines << e.message;
            summarised = summarised || e.message.startsWith(QStringLiteral("sent 5 of 5 ("));
        }
        QVERIFY2(summarised, qPrintable(lines.join(QLatin1Char('\n'))));
        for (const QString &line : lines)
            QVERIFY2(!line.isEmpty() && !line.front().isUpper(), qPrintable(line));
    }

    void jsonEditorExplainsMistakes_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("malformed") << QStringLiteral("{\n  \"user_id\": \"00042\",\n  \"x\" 1\n}")
                                   << QStringLiteral("Not valid JSON at line 3, column ");
        QTest::newRow("wrong total")
            << QStringLiteral(
                   R"({"order_id":"0001","user_id":"00042","items":[{"product_id":"535","quantity":2,"price":300}],"total_price":300})")
            << QStringLiteral("Not a valid order: ");
        QTest::newRow("no key field") << QStringLiteral(R"({"hello":"world"})")
                                      << QStringLiteral("No key: the key field \"user_id\" is missing");
        QTest::newRow("valid free JSON") << QStringLiteral(R"({"user_id":"00042","note":"hi"})")
                                         << QStringLiteral("Valid JSON.");
    }
    void jsonEditorExplainsMistakes()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        Fixture f;
        QVERIFY(f.start());
        f.w<QTabWidget>("producerTabs")->setCurrentIndex(1);
        auto *editor = f.w<QPlainTextEdit>("jsonEditor");
        editor->setPlainText(json);
        auto *label = f.w<QLabel>("jsonError");
        QVERIFY2(label->text().startsWith(error), qPrintable(label->text()));
        const bool valid = error.startsWith(QLatin1String("Valid"));
        QCOMPARE(f.w<QPushButton>("sendButton")->isEnabled(), valid);
        if (QByteArray(QTest::currentDataTag()) == "malformed") {
            QVERIFY(f.app.settle());
            TIDEMARK_COMPARE_SCREENSHOT(f.app.window->dock(QStringLiteral("producerDock")),
                                        QStringLiteral("producer-json-error"));
        }
    }

    void generateWithProgressThenImport()
    {
        Fixture f;
        QVERIFY(f.start());
        f.w<QSpinBox>("generateCount")->setValue(300);
        f.w<QSpinBox>("generateRate")->setValue(0); // as fast as possible
        QSignalSpy finished(f.app.window->producerPanel(), &ProducerPanel::jobFinished);
        QTest::mouseClick(f.w<QPushButton>("generateButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        const auto result = finished.at(0).at(0).value<ProducerJobResult>();
        QCOMPARE(result.sent, qint64(300));
        QCOMPARE(f.w<QProgressBar>("jobProgress")->value(), 300);
        QVERIFY(f.w<QLabel>("jobStatus")->text().startsWith(QStringLiteral("Sent 300 of 300")));
        const auto records = allRecords(*f.app.backend, QStringLiteral("orders"), 3);
        QCOMPARE(records.size(), size_t(300));
        // The lesson's default: 8 users, so every key's orders sit together on one lane.
        QCOMPARE(f.app.window->producerPanel()->generatedUserCount(), 8);
        std::map<QByteArray, std::set<int>> partitionsOfKey;
        for (const Record &r : records) {
            QCOMPARE(r.partition, *hashPartition(PartitionerKind::Murmur2, r.key, 3));
            partitionsOfKey[r.key.value_or(QByteArray())].insert(r.partition);
        }
        QCOMPARE(partitionsOfKey.size(), size_t(8));
        // ... and every lane gets some.
        std::set<int> lanes;
        for (const Record &r : records)
            lanes.insert(r.partition);
        QCOMPARE(lanes.size(), size_t(3));
        for (const auto &[key, partitions] : partitionsOfKey) {
            QVERIFY2(std::count(std::begin(OrderGenerator::kFewUserIds), std::end(OrderGenerator::kFewUserIds), key) ==
                         1,
                     key.constData());
            QCOMPARE(partitions.size(), size_t(1));
        }
        // Order ids continue after the generated ones.
        QCOMPARE(f.w<QLineEdit>("orderId")->text(), QStringLiteral("0301"));
        QTRY_VERIFY(f.w<QPushButton>("generateButton")->isEnabled());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("more.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"user_id\":\"00001\",\"n\":1}\n{\"user_id\":\"00002\",\"n\":2}\n");
        file.close();
        f.app.window->producerPanel()->importFile(path);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).value<ProducerJobResult>().sent, qint64(2));
        QCOMPARE(allRecords(*f.app.backend, QStringLiteral("orders"), 3).size(), size_t(302));

        // "any user": the seed's 100,000 ids.
        auto *users = f.w<QComboBox>("generateUsers");
        users->setCurrentIndex(users->findData(0));
        QCOMPARE(f.app.window->producerPanel()->generatedUserCount(), 0);
        f.w<QSpinBox>("generateCount")->setValue(100);
        QTest::mouseClick(f.w<QPushButton>("generateButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        std::set<QByteArray> keys;
        for (const Record &r : allRecords(*f.app.backend, QStringLiteral("orders"), 3))
            keys.insert(r.key.value_or(QByteArray()));
        QVERIFY2(keys.size() > 90, qPrintable(QString::number(keys.size())));

        // A bad file sends nothing and says which line.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"user_id\":\"00001\"}\nnot json\n");
        file.close();
        f.app.window->producerPanel()->importFile(path);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(3).at(0).value<ProducerJobResult>().sent, qint64(0));
        QVERIFY(f.w<QLabel>("jobStatus")->text().contains(QStringLiteral("more.jsonl line 2: malformed JSON")));
        QCOMPARE(allRecords(*f.app.backend, QStringLiteral("orders"), 3).size(), size_t(402));
    }

    void produceAgainLoadsTheRecord()
    {
        Fixture f;
        QVERIFY(f.start());
        Record r;
        r.topic = QStringLiteral("orders");
        r.partition = 1;
        r.offset = 7;
        r.key = QByteArray("special-key");
        r.value = QByteArray(R"({"user_id":"00009","note":"again"})");
        f.app.window->producerPanel()->loadRecord(r);
        QCOMPARE(f.w<QTabWidget>("producerTabs")->currentIndex(), 1);
        QCOMPARE(f.w<QComboBox>("keyMode")->currentIndex(), 1); // explicit: the key was not user_id's value
        QCOMPARE(f.w<QLineEdit>("keyText")->text(), QStringLiteral("special-key"));
        QVERIFY(f.w<QPlainTextEdit>("jsonEditor")->toPlainText().contains(QStringLiteral("\"note\": \"again\"")));
        QSignalSpy produced(f.app.window->producerPanel(), &ProducerPanel::produced);
        QTest::mouseClick(f.w<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE(produced.count(), 1);
        const auto records = allRecords(*f.app.backend, QStringLiteral("orders"), 3);
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(*records[0].key, QByteArray("special-key"));
        QCOMPARE(records[0].value, QByteArray(R"({"user_id":"00009","note":"again"})"));
    }
};

QTEST_MAIN(TestProducerPanel)
#include "tst_producerpanel.moc"
