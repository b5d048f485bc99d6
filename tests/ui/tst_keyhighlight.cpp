// Keys and the Messages filter, linked both ways in the main window: the Messages filter's
// matches are highlighted on the timeline's lanes (from a scan: exactly the records the filter
// matches); "highlight this key" on the timeline (K over a record) and in the inspector sets
// the Messages filter; selecting a key cell in the table highlights that key without touching
// the filter; Esc on the timeline clears the highlight and the filter it set.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/OrderGenerator.h"
#include "core/timeline/TimelineHighlight.h"
#include "ui/models/MessageTableModel.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/timeline/TimelineView.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>

#include <functional>
#include <set>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

// 200 seeded orders of 8 users (the lesson's generator), keyed by user id.
void produceFewUserOrders(test::FakeBackend &backend)
{
    OrderGenerator generator(5, 1, OrderGenerator::kFewUsers);
    std::vector<OutgoingRecord> records;
    for (int i = 0; i < 200; ++i) {
        const Order order = generator.next();
        OutgoingRecord r;
        r.key = order.userId.toUtf8();
        r.value = orderToJson(order);
        records.push_back(std::move(r));
    }
    if (!backend.produce(kTopic, records, {}).ok())
        qFatal("produce failed");
}

std::set<std::pair<int, qint64>> recordsWhere(test::FakeBackend &backend,
                                              const std::function<bool(const Record &)> &match)
{
    std::set<std::pair<int, qint64>> out;
    for (int p = 0; p < 3; ++p) {
        const auto records = backend.fetch({kTopic, p}, 0, 1000);
        if (records)
            for (const Record &r : *records)
                if (match(r))
                    out.emplace(r.partition, r.offset);
    }
    return out;
}

std::set<std::pair<int, qint64>> highlighted(const TimelineView &view)
{
    const auto matches = view.highlight()->matches();
    return {matches.begin(), matches.end()};
}

} // namespace

class TestKeyHighlight final : public QObject {
    Q_OBJECT

    static bool openOrders(test::FakeApp &app)
    {
        if (!app.backend->createTopic(TopicSpec{kTopic, 3, 1, {}}).ok())
            return false;
        produceFewUserOrders(*app.backend);
        if (!app.showAndConnect())
            return false;
        app.window->selectTopic(kTopic);
        return QTest::qWaitFor(
            [&] {
                return app.window->selectedTopic() == kTopic &&
                       app.window->messagesPanel()->model()->rowCount() == 200 &&
                       app.window->timeline()->model()->laneCount() == 3;
            },
            10000);
    }

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void messagesFilterHighlightsItsMatchesOnTheLanes()
    {
        test::FakeApp app;
        QVERIFY(openOrders(app));
        TimelineView *timeline = app.window->timeline();
        auto *filter = test::child<QLineEdit>(app.window.get(), QStringLiteral("messageFilter"));
        QTest::keyClicks(filter, QStringLiteral("value.total_price > 2000"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE(timeline->highlight()->filterText(), QStringLiteral("value.total_price > 2000"));
        QTRY_VERIFY_WITH_TIMEOUT(timeline->highlight()->isComplete(), 10000);
        const auto expected = recordsWhere(*app.backend, [](const Record &r) {
            return RecordFilter::parse(QStringLiteral("value.total_price > 2000")).matches(r);
        });
        QVERIFY(expected.size() > 10 && expected.size() < 190);
        QCOMPARE(highlighted(*timeline), expected);
        QTRY_VERIFY(!timeline->canvas()->highlightTicks().empty());
        QVERIFY(timeline->canvas()->highlightText().contains(QStringLiteral("%1 matches").arg(expected.size())));
        // The Messages table shows the same records.
        QTRY_VERIFY(!app.window->messagesPanel()->model()->isLoading());
        QCOMPARE(app.window->messagesPanel()->model()->rowCount(), int(expected.size()));

        // Clearing the filter clears the highlight.
        filter->clear();
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_VERIFY(!timeline->highlight()->isActive());
        QVERIFY(timeline->canvas()->highlightTicks().empty());
    }

    void keyChosenOnTheTimelineSetsTheMessagesFilter()
    {
        test::FakeApp app;
        QVERIFY(openOrders(app));
        TimelineView *timeline = app.window->timeline();
        TimelineCanvas *canvas = timeline->canvas();
        canvas->fit();
        QVERIFY(test::waitForNextPaint(canvas)); // fit() takes effect on the next frame
        // K over a record of lane 0.
        const QRect strip = canvas->stripRect(0);
        TimelineHit hit;
        QPoint at;
        for (int x = strip.left() + 10; x < strip.right() && hit.kind != TimelineHit::Kind::Record; x += 3) {
            at = QPoint(x, strip.center().y());
            hit = canvas->hitTest(at);
        }
        QCOMPARE(hit.kind, TimelineHit::Kind::Record);
        const auto record = app.backend->fetch({kTopic, hit.partition}, hit.offset, 1);
        QVERIFY(record.ok() && !record->empty());
        const QByteArray key = *record->front().key;
        QTest::mouseMove(canvas, at);
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_K);

        const QString text = QStringLiteral("key == \"%1\"").arg(QString::fromUtf8(key));
        auto *filter = test::child<QLineEdit>(app.window.get(), QStringLiteral("messageFilter"));
        QTRY_COMPARE(filter->text(), text);
        QTRY_VERIFY_WITH_TIMEOUT(timeline->highlight()->isComplete(), 10000);
        QCOMPARE(timeline->highlight()->filterText(), text);
        const auto expected = recordsWhere(*app.backend, [&](const Record &r) { return r.key == key; });
        QCOMPARE(highlighted(*timeline), expected);
        for (const auto &[partition, offset] : expected)
            QCOMPARE(partition, hit.partition); // all on one lane
        auto *model = app.window->messagesPanel()->model();
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(model->rowCount(), int(expected.size()));

        // Esc on the timeline clears the highlight and the filter it set.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Escape);
        QVERIFY(!timeline->highlight()->isActive());
        QCOMPARE(filter->text(), QString());
        QTRY_COMPARE(model->rowCount(), 200);
    }

    void keyCellAndInspectorHighlightTheKey()
    {
        test::FakeApp app;
        QVERIFY(openOrders(app));
        TimelineView *timeline = app.window->timeline();
        MessagesPanel *messages = app.window->messagesPanel();
        QTableView *table = messages->view();
        QTRY_VERIFY(messages->model()->recordAt(5).has_value());
        const QByteArray key = *messages->model()->recordAt(5)->key;

        // Selecting the key cell of row 5: that key is highlighted, the filter stays empty.
        table->setCurrentIndex(messages->model()->index(5, MessageTableModel::KeyColumn));
        QTRY_COMPARE(timeline->highlight()->filterText(), QStringLiteral("key == \"%1\"").arg(QString::fromUtf8(key)));
        QTRY_VERIFY_WITH_TIMEOUT(timeline->highlight()->isComplete(), 10000);
        QCOMPARE(highlighted(*timeline), recordsWhere(*app.backend, [&](const Record &r) { return r.key == key; }));
        QCOMPARE(messages->filterText(), QString());
        // Another column of another row highlights nothing new.
        table->setCurrentIndex(messages->model()->index(6, MessageTableModel::ValueColumn));
        QCOMPARE(timeline->highlight()->filterText(), QStringLiteral("key == \"%1\"").arg(QString::fromUtf8(key)));

        // The inspector's "Highlight This Key on the Timeline": highlighted and filtered.
        QTRY_VERIFY(app.window->inspector()->record().has_value());
        const QByteArray inspected = *app.window->inspector()->record()->key;
        app.window->inspector()->highlightKey();
        const QString text = QStringLiteral("key == \"%1\"").arg(QString::fromUtf8(inspected));
        QCOMPARE(timeline->highlight()->filterText(), text);
        QCOMPARE(messages->filterText(), text);
    }
};

QTEST_MAIN(TestKeyHighlight)
#include "tst_keyhighlight.moc"
