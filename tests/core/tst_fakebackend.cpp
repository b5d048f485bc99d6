// What only the in-memory fake (tests/common/FakeBackend) has: its injected clock, its failure
// switch, group members that, abandoned, keep their partitions until their session expires,
// and computed topics (records computed from their offsets) with the reads they served.
// That it behaves like the real brokers otherwise is the Backend contract suite (tests/contract).

#include "FakeBackend.h"

#include "core/SummaryReads.h"

#include <QElapsedTimer>
#include <QTest>

using namespace tidemark;

class TestFakeBackend final : public QObject {
    Q_OBJECT

private:
    static std::vector<OutgoingRecord> keyed(const QStringList &keys)
    {
        std::vector<OutgoingRecord> out;
        for (const QString &k : keys) {
            OutgoingRecord r;
            r.key = k.toUtf8();
            r.value = "{\"user_id\":\"" + k.toUtf8() + "\"}";
            out.push_back(r);
        }
        return out;
    }
    static std::vector<TopicPartition> pollUntilAssigned(Consumer &c, int timeoutMs = 3000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            auto r = c.poll(50);
            if (!r)
                return {};
            if (!c.assignment().empty())
                return c.assignment();
        }
        return {};
    }

private slots:
    // What only the fake has: the injected clock stamps records, and setFailure() fails every
    // call. The rest of what it must do like the real brokers is the Backend contract suite
    // (tests/contract, tst_contract_fake).
    void injectedClockStampsRecords()
    {
        test::FakeBackend b(QStringLiteral("fake"), [] { return qint64(1000); });
        QVERIFY(b.createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        auto reports = b.produce(QStringLiteral("orders"), keyed({QStringLiteral("00042")}), {});
        QVERIFY(reports.ok());
        QCOMPARE(reports->front().timestampMs, qint64(1000));
        auto fetched = b.fetch({QStringLiteral("orders"), reports->front().partition}, 0, 10);
        QVERIFY(fetched.ok());
        QCOMPARE(fetched->size(), size_t(1));
        QCOMPARE(fetched->front().timestampMs, qint64(1000));
    }

    void setFailureFailsEveryCall()
    {
        test::FakeBackend b;
        QVERIFY(b.createTopic(TopicSpec{QStringLiteral("t"), 1, 1, {}}).ok());
        b.setFailure(Error(ErrorCode::Unavailable, QStringLiteral("broker down")));
        QCOMPARE(b.listTopics().error().code, ErrorCode::Unavailable);
        QCOMPARE(b.describeTopic(QStringLiteral("t")).error().code, ErrorCode::Unavailable);
        b.setFailure(std::nullopt);
        QVERIFY(b.listTopics().ok());
    }

    void groupSplitsPartitionsAndExpiresAbandonedMembers()
    {
        test::FakeBackend b;
        QVERIFY(b.createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(b.produce(QStringLiteral("orders"),
                          keyed({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}), {})
                    .ok());
        ConsumerConfig cfg;
        cfg.groupId = QStringLiteral("g");
        cfg.topics = {QStringLiteral("orders")};
        cfg.sessionTimeoutMs = 300;
        auto c1 = b.createConsumer(cfg);
        QVERIFY(c1.ok());
        QCOMPARE(pollUntilAssigned(**c1).size(), size_t(3));
        auto c2 = b.createConsumer(cfg);
        QVERIFY(c2.ok());
        pollUntilAssigned(**c2);
        // After the rebalance the two members share the three partitions.
        auto pollBoth = [&] {
            const bool ok = (*c1)->poll(10).ok() && (*c2)->poll(10).ok();
            return ok ? (*c1)->assignment().size() + (*c2)->assignment().size() : size_t(0);
        };
        QTRY_COMPARE(pollBoth(), size_t(3));
        QVERIFY(!(*c2)->assignment().empty());
        QVERIFY(!(*c1)->assignment().empty());
        QCOMPARE(b.memberCount(QStringLiteral("g")), 2);
        // Abandon c2: it stays a member until its session expires, then c1 gets everything.
        (*c2)->abandon();
        QCOMPARE(b.memberCount(QStringLiteral("g")), 2);
        auto pollOne = [&] { return (*c1)->poll(20).ok() ? (*c1)->assignment().size() : size_t(0); };
        QTRY_COMPARE(pollOne(), size_t(3));
        QCOMPARE(b.memberCount(QStringLiteral("g")), 1);
        // Commits land in the group; describeGroup reports them with the lag.
        QVERIFY((*c1)->commit({{TopicPartition{QStringLiteral("orders"), 0}, 0}}).ok());
        auto info = b.describeGroup(QStringLiteral("g"));
        QVERIFY(info.ok());
        QCOMPARE(info->members.size(), size_t(1));
        (*c1)->close();
        QCOMPARE(b.memberCount(QStringLiteral("g")), 0);
    }

    // A 3 x 1,000,000-record topic that stores nothing: listed and described like any topic,
    // its records computed from their offsets, read-only, and every record read counted.
    void computedTopicServesRecordsFromOffsetsAndCountsThem()
    {
        test::FakeBackend b;
        QVERIFY(b.createTopic(TopicSpec{QStringLiteral("small"), 1, 1, {}}).ok());
        QVERIFY(b.addComputedTopic(QStringLiteral("big"), 3, 1'000'000, 100));
        QVERIFY(!b.addComputedTopic(QStringLiteral("small"), 1, 10)); // the name is taken
        QCOMPARE(b.createTopic(TopicSpec{QStringLiteral("big"), 1, 1, {}}).error().code, ErrorCode::AlreadyExists);
        auto topics = b.listTopics();
        QVERIFY(topics.ok());
        QCOMPARE(topics->size(), size_t(2));
        QCOMPARE(topics->front().name, QStringLiteral("big")); // sorted by name, as stored topics
        QCOMPARE(topics->front().recordCount, qint64(3'000'000));
        auto described = b.describeTopic(QStringLiteral("big"));
        QVERIFY(described.ok());
        QCOMPARE(described->partitions.size(), size_t(3));
        QCOMPARE(described->partitions[2].highWatermark, qint64(1'000'000));
        QCOMPARE(b.watermarks({QStringLiteral("big"), 1})->high, qint64(1'000'000));
        QCOMPARE(b.watermarks({QStringLiteral("big"), 3}).error().code, ErrorCode::NotFound);

        // Record 250,000: key index (250,000 / 100,000) % 7 = 2, timestamp epoch + offset.
        const TopicPartition tp{QStringLiteral("big"), 1};
        auto records = b.fetch(tp, 250'000, 3);
        QVERIFY(records.ok());
        QCOMPARE(records->size(), size_t(3));
        QCOMPARE(records->front().offset, qint64(250'000));
        QCOMPARE(records->front().partition, 1);
        QCOMPARE(*records->front().key, QByteArray("key-0002"));
        QCOMPARE(records->front().value->size(), 100);
        QCOMPARE(records->front().timestampMs, test::FakeBackend::kComputedEpochMs + 250'000);
        QCOMPARE(b.recordBytes(QStringLiteral("big")), qint64(8 + 100 + kRecordOverheadBytes));
        QCOMPARE(b.topicBytes(QStringLiteral("big")), 3'000'000 * b.recordBytes(QStringLiteral("big")));
        QCOMPARE(b.recordsServed(), qint64(3));
        QCOMPARE(b.bytesServed(), 3 * b.recordBytes(QStringLiteral("big")));
        QCOMPARE(b.reads(), qint64(1));

        // Summaries describe the same records; the last read stops at the high watermark.
        auto summaries = b.fetchSummaries(tp, 999'998, 10);
        QVERIFY(summaries.ok());
        QCOMPARE(summaries->size(), size_t(2));
        QCOMPARE(summaries->back().offset, qint64(999'999));
        QCOMPARE(summaries->back().size, quint32(8 + 100));
        QVERIFY(!summaries->back().keyIsNull);
        QCOMPARE(b.recordsServed(), qint64(5));
        QCOMPARE(b.reads(), qint64(2));
        QCOMPARE(b.fetchSummaries(tp, 1'000'001, 10).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(b.offsetForTimestamp(tp, test::FakeBackend::kComputedEpochMs + 42).value(), qint64(42));

        // Read-only: no produce, no consumers; the stored topic is untouched.
        QCOMPARE(b.produce(QStringLiteral("big"), keyed({QStringLiteral("a")}), {}).error().code,
                 ErrorCode::Unsupported);
        ConsumerConfig cfg;
        cfg.groupId = QStringLiteral("g");
        cfg.topics = {QStringLiteral("big")};
        QCOMPARE(b.createConsumer(cfg).error().code, ErrorCode::Unsupported);
        QVERIFY(b.produce(QStringLiteral("small"), keyed({QStringLiteral("a")}), {}).ok());
        QCOMPARE(b.watermarks({QStringLiteral("small"), 0})->high, qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestFakeBackend)
#include "tst_fakebackend.moc"
