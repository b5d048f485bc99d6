// OwnershipHistory: who owned which partition when, sampled from group descriptions. A kill
// and takeover as the built-in broker describes it (two members; one's partitions without an
// owner while the group prepares a rebalance; the survivor owning everything in the next
// generation), the bound on spans, other topics, forgetting groups.

#include "core/timeline/OwnershipHistory.h"

#include <QTest>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

GroupMember member(const QString &id, const QString &client, std::vector<int> partitions, const QString &topic = kTopic)
{
    GroupMember m;
    m.memberId = id;
    m.clientId = client;
    m.host = QStringLiteral("/127.0.0.1");
    for (int p : partitions)
        m.assignment.push_back(TopicPartition{topic, p});
    return m;
}

GroupInfo group(int generation, const QString &state, std::vector<GroupMember> members)
{
    GroupInfo g;
    g.groupId = QStringLiteral("pair");
    g.generation = generation;
    g.state = state;
    g.members = std::move(members);
    return g;
}

} // namespace

class TestOwnershipHistory final : public QObject {
    Q_OBJECT

private slots:
    void killAndTakeover()
    {
        OwnershipHistory h;
        h.setTopic(kTopic);
        const std::vector<int> parts{0, 1, 2, 3};
        const auto a = member(QStringLiteral("a-1"), QStringLiteral("kcat-a"), {0, 1});
        const auto b = member(QStringLiteral("b-1"), QStringLiteral("kcat-b"), {2, 3});
        QVERIFY(h.sample(group(1, QStringLiteral("Stable"), {a, b}), parts, 1000));
        QVERIFY(!h.sample(group(1, QStringLiteral("Stable"), {a, b}), parts, 2000)); // nothing new
        // a was killed; its session ran out: b alone, still with its old partitions.
        QVERIFY(h.sample(group(1, QStringLiteral("PreparingRebalance"), {b}), parts, 5000));
        const auto b2 = member(QStringLiteral("b-1"), QStringLiteral("kcat-b"), {0, 1, 2, 3});
        QVERIFY(h.sample(group(2, QStringLiteral("Stable"), {b2}), parts, 8000));

        const auto p0 = h.spans(QStringLiteral("pair"), 0);
        QCOMPARE(p0.size(), size_t(3));
        QCOMPARE(p0[0].label, QStringLiteral("kcat-a"));
        QCOMPARE(p0[0].fromMs, qint64(1000));
        QCOMPARE(p0[0].toMs, qint64(5000));
        QVERIFY(!p0[1].owned()); // the gap: revoked, not yet assigned
        QCOMPARE(p0[1].fromMs, qint64(5000));
        QCOMPARE(p0[1].toMs, qint64(8000));
        QCOMPARE(p0[2].label, QStringLiteral("kcat-b"));
        QCOMPARE(p0[2].generation, 2);
        QCOMPARE(p0[2].toMs, qint64(-1));
        // b kept partition 2 through the new generation: one span, no hand-over.
        const auto p2 = h.spans(QStringLiteral("pair"), 2);
        QCOMPARE(p2.size(), size_t(1));
        QCOMPARE(p2[0].memberId, QStringLiteral("b-1"));
        QCOMPARE(p2[0].generation, 1);
        QCOMPARE(h.current(QStringLiteral("pair"), 1).memberId, QStringLiteral("b-1"));

        const auto gens = h.generations(QStringLiteral("pair"));
        QCOMPARE(gens.size(), size_t(2));
        QCOMPARE(gens[0].generation, 1);
        QCOMPARE(gens[1].generation, 2);
        QCOMPARE(gens[1].atMs, qint64(8000));
    }

    void ownerFromPartitionStateAndUnownedFromTheStart()
    {
        OwnershipHistory h;
        h.setTopic(kTopic);
        GroupInfo g = group(3, QStringLiteral("Stable"), {member(QStringLiteral("m"), QString(), {})});
        g.partitions.push_back(GroupPartitionState{TopicPartition{kTopic, 1}, 5, 0, 9, 4, QStringLiteral("m")});
        h.sample(g, {0, 1}, 100);
        QVERIFY(!h.current(QStringLiteral("pair"), 0).owned());
        QCOMPARE(h.current(QStringLiteral("pair"), 1).label, QStringLiteral("m")); // no client id: member id
    }

    void otherTopicsIgnoredAndBounded()
    {
        OwnershipHistory h(8, 4);
        h.setTopic(kTopic);
        for (int i = 0; i < 100; ++i) {
            const auto m = member(QStringLiteral("m%1").arg(i % 2), QStringLiteral("c"), {0});
            auto g = group(i, QStringLiteral("Stable"),
                           {m, member(QStringLiteral("x"), QStringLiteral("x"), {7}, QStringLiteral("payments"))});
            h.sample(g, {0}, i * 10);
        }
        QCOMPARE(h.spans(QStringLiteral("pair"), 0).size(), size_t(8));
        QCOMPARE(h.spans(QStringLiteral("pair"), 0).back().toMs, qint64(-1));
        QCOMPARE(h.spans(QStringLiteral("pair"), 0).back().fromMs, qint64(990));
        QVERIFY(h.spans(QStringLiteral("pair"), 7).empty());
        QCOMPARE(h.generations(QStringLiteral("pair")).size(), size_t(4));

        h.forgetOthers({QStringLiteral("other")});
        QVERIFY(h.isEmpty());
        h.sample(group(1, QStringLiteral("Stable"), {}), {0}, 0);
        h.setTopic(QStringLiteral("payments"));
        QVERIFY(h.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOwnershipHistory)
#include "tst_ownershiphistory.moc"
