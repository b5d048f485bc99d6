// What only the in-memory fake (tests/common/FakeBackend) has: its injected clock, its failure
// switch, and group members that, abandoned, keep their partitions until their session expires.
// That it behaves like the real brokers otherwise is the Backend contract suite (tests/contract).

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
};

QTEST_GUILESS_MAIN(TestFakeBackend)
#include "tst_fakebackend.moc"
