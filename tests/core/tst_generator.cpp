#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <map>

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace tidemark;

class TestGenerator final : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameOrders()
    {
        OrderGenerator a(7), b(7);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(orderToJson(a.next()), orderToJson(b.next()));
    }

    void differentSeedDifferentOrders()
    {
        OrderGenerator a(1), b(2);
        int same = 0;
        for (int i = 0; i < 100; ++i)
            same += orderToJson(a.next()) == orderToJson(b.next());
        QCOMPARE(same, 0);
    }

    void pinnedFirstOrder()
    {
        // Pins the algorithm: a change here changes every user's reproducible data set.
        OrderGenerator gen(0);
        const QByteArray first = orderToJson(gen.next());
        QCOMPARE(
            first,
            QByteArray(
                R"({"order_id":"0001","user_id":"07535","items":[{"product_id":"679","quantity":5,"price":747.9}],"total_price":3739.5})"));
    }

    void shapeOfEveryOrder()
    {
        OrderGenerator gen(123, 1);
        static const QRegularExpression fourDigits(QStringLiteral("^\\d{4,}$"));
        static const QRegularExpression fiveDigits(QStringLiteral("^\\d{5}$"));
        static const QRegularExpression threeDigits(QStringLiteral("^\\d{3}$"));
        QSet<int> itemCounts, quantities;
        for (int i = 0; i < 5000; ++i) {
            const Order o = gen.next();
            QCOMPARE(o.orderId, QStringLiteral("%1").arg(i + 1, 4, 10, QLatin1Char('0')));
            QVERIFY(fourDigits.match(o.orderId).hasMatch());
            QVERIFY(fiveDigits.match(o.userId).hasMatch());
            QVERIFY(o.items.size() >= 1 && o.items.size() <= 5);
            itemCounts.insert(int(o.items.size()));
            for (const Item &item : o.items) {
                QVERIFY(threeDigits.match(item.productId).hasMatch());
                QVERIFY(item.quantity >= 1 && item.quantity <= 10);
                quantities.insert(int(item.quantity));
                QVERIFY(item.price >= 0 && item.price < 1000);
            }
            // Totals are exact, never the seed's hand-made mistakes.
            QCOMPARE(validateOrder(o), QString());
            QCOMPARE(o.totalPrice, o.computedTotal());
        }
        QCOMPARE(itemCounts.size(), 5);
        QCOMPARE(quantities.size(), 10);
    }

    void startIdIsHonoured()
    {
        OrderGenerator gen(0, 9999);
        QCOMPARE(gen.next().orderId, QStringLiteral("9999"));
        QCOMPARE(gen.next().orderId, QStringLiteral("10000"));
    }

    void fewUsersGiveFewKeys()
    {
        // The lesson's generator: every user id is one of 8, all of them occur, so each key's
        // orders form a visible pattern on the timeline; and murmur2 spreads them over every
        // partition of the lesson's 3 (and of 2 and 4): no lane stays empty.
        OrderGenerator gen(3, 1, OrderGenerator::kFewUsers);
        QSet<QString> users;
        for (int i = 0; i < 400; ++i) {
            const Order o = gen.next();
            QCOMPARE(o.userId.size(), 5);
            QCOMPARE(validateOrder(o), QString());
            users.insert(o.userId);
        }
        QCOMPARE(users.size(), OrderGenerator::kFewUsers);
        for (const int partitions : {2, 3, 4}) {
            std::map<int, int> perPartition;
            for (const QString &user : users)
                ++perPartition[*hashPartition(PartitionerKind::Murmur2, user.toUtf8(), partitions)];
            QCOMPARE(int(perPartition.size()), partitions);
            for (const auto &[partition, count] : perPartition)
                QVERIFY2(count >= 8 / partitions - 1,
                         qPrintable(QStringLiteral("%1 of %2").arg(partition).arg(partitions)));
        }
        // Fewer: a subset of the same ids.
        OrderGenerator two(3, 1, 2);
        QSet<QString> twoUsers;
        for (int i = 0; i < 100; ++i)
            twoUsers.insert(two.next().userId);
        QCOMPARE(twoUsers, (QSet<QString>{QStringLiteral("00001"), QStringLiteral("00002")}));
        // The default stays the seed's: any of 100,000 ids.
        OrderGenerator any(3);
        QSet<QString> many;
        for (int i = 0; i < 400; ++i)
            many.insert(any.next().userId);
        QVERIFY(many.size() > 390);
    }

    void belowIsUniformEnough()
    {
        SplitMix64 rng(99);
        int counts[7] = {};
        for (int i = 0; i < 70000; ++i)
            ++counts[rng.below(7)];
        for (int c : counts)
            QVERIFY2(c > 9500 && c < 10500, qPrintable(QString::number(c)));
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
