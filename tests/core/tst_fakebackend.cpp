// The in-memory fake the UI tests stand on behaves like a broker where the UI can see it:
// offsets are dense per partition, keys land where the real partitioners put them, groups
// split partitions, and an abandoned member keeps its partitions until its session expires.

#include "FakeBackend.h"

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
    void produceAndFetchKeepDenseOffsetsAndPartitionerPlacement_data()
    {
        QTest::addColumn<QString>("partitioner");
        QTest::newRow("murmur2") << QStringLiteral("murmur2");
        QTest::newRow("consistent") << QStringLiteral("consistent");
        QTest::newRow("fnv1a") << QStringLiteral("fnv1a");
    }
    void produceAndFetchKeepDenseOffsetsAndPartitionerPlacement()
    {
        QFETCH(QString, partitioner);
        test::FakeBackend b(QStringLiteral("fake"), [] { return qint64(1000); });
        QVERIFY(b.createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        ProduceOptions opts;
        opts.partitioner = *partitionerFromName(partitioner);
        const QStringList keys{QStringLiteral("00042"), QStringLiteral("00043"), QStringLiteral("00042")};
        auto reports = b.produce(QStringLiteral("orders"), keyed(keys), opts);
        QVERIFY(reports.ok());
        QCOMPARE(reports->size(), size_t(3));
        for (int i = 0; i < 3; ++i) {
            const int expected = *hashPartition(opts.partitioner, keys[i].toUtf8(), 3);
            QCOMPARE((*reports)[size_t(i)].partition, expected);
        }
        QCOMPARE((*reports)[2].partition, (*reports)[0].partition);
        QCOMPARE((*reports)[2].offset, (*reports)[0].offset + 1);
        auto fetched = b.fetch({QStringLiteral("orders"), (*reports)[0].partition}, 0, 10);
        QVERIFY(fetched.ok());
        QCOMPARE(fetched->size(), size_t(2));
        QCOMPARE(fetched->at(1).offset, qint64(1));
        QCOMPARE(fetched->at(1).timestampMs, qint64(1000));
    }

    void errorsNameWhatIsWrong()
    {
        test::FakeBackend b;
        auto missing = b.produce(QStringLiteral("nope"), keyed({QStringLiteral("1")}), {});
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("nope")));
        QCOMPARE(b.createTopic(TopicSpec{QStringLiteral("bad name"), 1, 1, {}}).error().code,
                 ErrorCode::InvalidArgument);
        QVERIFY(b.createTopic(TopicSpec{QStringLiteral("t"), 1, 1, {}}).ok());
        QCOMPARE(b.createTopic(TopicSpec{QStringLiteral("t"), 1, 1, {}}).error().code, ErrorCode::AlreadyExists);
        b.setFailure(Error(ErrorCode::Unavailable, QStringLiteral("broker down")));
        QCOMPARE(b.listTopics().error().code, ErrorCode::Unavailable);
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
};

QTEST_GUILESS_MAIN(TestFakeBackend)
#include "tst_fakebackend.moc"
