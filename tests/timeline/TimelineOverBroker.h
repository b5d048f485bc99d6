#pragma once

// The timeline over a real broker, the same steps for the built-in one
// (tests/timeline/tst_timeline_localbroker) and Kafka (tests/kafka/tst_timeline_kafka): it
// shows what was produced, picks up records produced later, shows a group's committed
// offsets, and its drag-to-reset changes the group's offsets on the broker.
// QVERIFY and friends return from this function; callers check QTest::currentTestFailed().

#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <map>
#include <memory>
#include <vector>

namespace tidemark::test {

inline std::vector<OutgoingRecord> timelineKeyedRecords(int count, int first)
{
    std::vector<OutgoingRecord> out;
    for (int i = first; i < first + count; ++i) {
        OutgoingRecord r;
        r.key = QByteArray("user-") + QByteArray::number(i % 7);
        r.value = QByteArray("{\"order_id\":\"") + QByteArray::number(i) + QByteArray("\"}");
        out.push_back(r);
    }
    return out;
}

inline void timelineOverBroker(const std::shared_ptr<Backend> &backend, const QString &kTopic, const QString &kGroup)
{
    const Status created = backend->createTopic(TopicSpec{kTopic, 3, 1, {}});
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().toString()));
    auto produced = backend->produce(kTopic, timelineKeyedRecords(300, 0), ProduceOptions{});
    QVERIFY2(produced.ok(), produced.ok() ? "" : qPrintable(produced.error().toString()));

    // A group reads and commits, then leaves (so its offsets may be reset).
    {
        ConsumerConfig config;
        config.groupId = kGroup;
        config.topics = {kTopic};
        auto consumer = backend->createConsumer(config);
        QVERIFY2(consumer.ok(), consumer.ok() ? "" : qPrintable(consumer.error().toString()));
        int read = 0; // joining a Kafka group takes a few seconds
        QDeadlineTimer deadline(30000);
        while (read < 120 && !deadline.hasExpired()) {
            auto polled = (*consumer)->poll(100);
            QVERIFY2(polled.ok(), polled.ok() ? "" : qPrintable(polled.error().toString()));
            read += int(polled->records.size());
        }
        QVERIFY(read > 0);
        QVERIFY((*consumer)->commit().ok());
        (*consumer)->close();
    }
    auto group = backend->describeGroup(kGroup);
    QVERIFY2(group.ok(), group.ok() ? "" : qPrintable(group.error().toString()));

    AsyncBackend async(backend);
    TimelineView view;
    view.resize(900, 400);
    view.loader()->setPollInterval(100);
    view.setBackend(&async);
    view.setTopic(kTopic);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimelineModel &model = *view.model();
    QTRY_VERIFY_WITH_TIMEOUT(view.loader()->isIdle() && model.laneCount() == 3, 15000);
    qint64 loaded = 0;
    for (int lane = 0; lane < 3; ++lane)
        loaded += model.summary(lane).loadedCount();
    QCOMPARE(loaded, qint64(300));
    QCOMPARE(model.recordCount(), qint64(300));
    for (const GroupPartitionState &p : group->partitions)
        if (p.tp.topic == kTopic && p.committed >= 0)
            QTRY_COMPARE(model.committed(kGroup, p.tp.partition), std::optional<qint64>(p.committed));

    // Records with the same key land on the same partition and share a colour there.
    const auto reports = *produced;
    std::map<int, std::map<QByteArray, quint8>> colours;
    const auto records = timelineKeyedRecords(300, 0);
    for (size_t i = 0; i < reports.size(); ++i) {
        const int lane = model.laneOfPartition(reports[i].partition);
        const quint8 colour = model.summary(lane).at(reports[i].offset).colour;
        auto [it, inserted] = colours[lane].emplace(*records[i].key, colour);
        QCOMPARE(it->second, colour);
    }

    // Another producer appends: the view notices by itself.
    QVERIFY(backend->produce(kTopic, timelineKeyedRecords(60, 300), ProduceOptions{}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(model.recordCount() == 360 && view.loader()->isIdle(), 15000);

    // Reset partition 0 of the group to offset 1 through the view.
    int partition = -1;
    qint64 committed = -1;
    for (int p = 0; p < 3 && partition < 0; ++p) {
        if (auto c = model.committed(kGroup, p); c && *c >= 3) {
            partition = p;
            committed = *c;
        }
    }
    QVERIFY2(partition >= 0, "the group committed nothing beyond offset 3");
    view.showRange(0, double(model.contentEnd())); // applies at once
    const QRect strip = view.stripRect(partition);
    const QPoint from(int(view.xForOffset(double(committed))), strip.bottom() + 4);
    QCOMPARE(view.hitTest(from).kind, TimelineHit::Kind::Committed);
    const QPoint to(int(view.xForOffset(1.0)), strip.bottom() + 4);
    QTest::mousePress(view.canvas(), Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), view.canvas()->mapToGlobal(QPointF(to)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.canvas(), &move);
    QTest::mouseRelease(view.canvas(), Qt::LeftButton, {}, to);
    QVERIFY(view.isResetPending());
    QSignalSpy finished(&view, &TimelineView::offsetResetFinished);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("offsetResetConfirm")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY2(finished.at(0).at(3).toString().isEmpty(), qPrintable(finished.at(0).at(3).toString()));
    const qint64 target = finished.at(0).at(2).toLongLong();
    QVERIFY(target <= 2);
    auto after = backend->describeGroup(kGroup);
    QVERIFY(after.ok());
    bool found = false;
    for (const GroupPartitionState &p : after->partitions) {
        if (p.tp == TopicPartition{kTopic, partition}) {
            QCOMPARE(p.committed, target);
            found = true;
        }
    }
    QVERIFY(found);
    view.setBackend(nullptr);
    QVERIFY(async.waitForIdle(5000));
}

} // namespace tidemark::test
