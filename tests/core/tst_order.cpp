#include "core/Order.h"
#include "core/OrderGenerator.h"

#include <QTest>

using namespace tidemark;

class TestOrder final : public QObject {
    Q_OBJECT

private slots:
    void seedExampleRoundTrip()
    {
        // The seed's own line, byte for byte (its total is right for this one).
        const QByteArray seed =
            R"({"order_id":"0001","user_id":"00001","items":[{"product_id":"535","quantity":1,"price":300}],"total_price":300})";
        const auto order = parseOrder(seed);
        QVERIFY2(order.ok(), qPrintable(order.ok() ? QString() : order.error().message));
        QCOMPARE(order->orderId, QStringLiteral("0001"));
        QCOMPARE(order->userId, QStringLiteral("00001"));
        QCOMPARE(order->items.size(), size_t(1));
        QCOMPARE(order->items[0].productId, QStringLiteral("535"));
        QCOMPARE(order->items[0].quantity, 1);
        QCOMPARE(order->items[0].price, 300.0);
        QCOMPARE(orderToJson(*order), seed);
    }

    void generatedOrdersRoundTrip()
    {
        OrderGenerator gen(42);
        for (int i = 0; i < 2000; ++i) {
            const Order original = gen.next();
            const QByteArray json = orderToJson(original);
            const auto parsed = parseOrder(json);
            QVERIFY2(parsed.ok(), json.constData());
            QCOMPARE(*parsed, original);
            QCOMPARE(orderToJson(*parsed), json);
            // Pretty form parses to the same order too.
            const auto pretty = parseOrder(orderToPrettyJson(original));
            QVERIFY(pretty.ok());
            QCOMPARE(*pretty, original);
        }
    }

    void fractionalPricesKeepTheirDigits()
    {
        Order o{QStringLiteral("0007"), QStringLiteral("12345"), {{QStringLiteral("001"), 3, 19.99}}, 59.97};
        QCOMPARE(
            orderToJson(o),
            QByteArray(
                R"({"order_id":"0007","user_id":"12345","items":[{"product_id":"001","quantity":3,"price":19.99}],"total_price":59.97})"));
    }

    void validationErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // a fragment the message must contain

        const auto item = [](const char *rest) {
            return QByteArray(R"({"order_id":"1","user_id":"2","items":[)") + rest;
        };
        QTest::newRow("malformed") << QByteArray(R"({"order_id":"1",)") << QStringLiteral("malformed JSON (byte");
        QTest::newRow("not json at all") << QByteArray("hello") << QStringLiteral("malformed JSON");
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("malformed JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("must be a JSON object, got an array");
        QTest::newRow("missing order_id") << QByteArray(R"({"user_id":"2","items":[],"total_price":0})")
                                          << QStringLiteral("missing the field \"order_id\"");
        QTest::newRow("missing user_id") << QByteArray(R"({"order_id":"1","items":[],"total_price":0})")
                                         << QStringLiteral("missing the field \"user_id\"");
        QTest::newRow("missing items") << QByteArray(R"({"order_id":"1","user_id":"2","total_price":0})")
                                       << QStringLiteral("missing the field \"items\"");
        QTest::newRow("missing total") << item(R"({"product_id":"5","quantity":1,"price":1}]})")
                                       << QStringLiteral("missing the field \"total_price\"");
        QTest::newRow("order_id number") << QByteArray(R"({"order_id":1,"user_id":"2","items":[],"total_price":0})")
                                         << QStringLiteral("\"order_id\" must be a string, got an integer");
        QTest::newRow("items object") << QByteArray(R"({"order_id":"1","user_id":"2","items":{},"total_price":0})")
                                      << QStringLiteral("\"items\" must be an array, got an object");
        QTest::newRow("item not object") << item(R"(7],"total_price":0})")
                                         << QStringLiteral("item 1 must be an object");
        QTest::newRow("item missing product") << item(R"({"quantity":1,"price":1}],"total_price":1})")
                                              << QStringLiteral("item 1 is missing the field \"product_id\"");
        QTest::newRow("item missing quantity") << item(R"({"product_id":"5","price":1}],"total_price":1})")
                                               << QStringLiteral("item 1 is missing the field \"quantity\"");
        QTest::newRow("item missing price") << item(R"({"product_id":"5","quantity":1}],"total_price":1})")
                                            << QStringLiteral("item 1 is missing the field \"price\"");
        QTest::newRow("quantity string") << item(R"({"product_id":"5","quantity":"2","price":1}],"total_price":2})")
                                         << QStringLiteral(
                                                "item 1 field \"quantity\" must be an integer, got a string");
        QTest::newRow("quantity fraction") << item(R"({"product_id":"5","quantity":1.5,"price":1}],"total_price":1.5})")
                                           << QStringLiteral("must be an integer, got a number");
        QTest::newRow("price string") << item(R"({"product_id":"5","quantity":1,"price":"1"}],"total_price":1})")
                                      << QStringLiteral("item 1 field \"price\" must be a number, got a string");
        QTest::newRow("total string") << item(R"({"product_id":"5","quantity":1,"price":1}],"total_price":"1"})")
                                      << QStringLiteral("\"total_price\" must be a number, got a string");
        QTest::newRow("negative quantity")
            << item(
                   R"({"product_id":"5","quantity":1,"price":1},{"product_id":"6","quantity":-2,"price":1}],"total_price":-1})")
            << QStringLiteral("item 2: quantity must be at least 1, got -2");
        QTest::newRow("zero quantity") << item(R"({"product_id":"5","quantity":0,"price":1}],"total_price":0})")
                                       << QStringLiteral("quantity must be at least 1, got 0");
        QTest::newRow("negative price") << item(R"({"product_id":"5","quantity":1,"price":-1}],"total_price":-1})")
                                        << QStringLiteral("item 1: price must not be negative");
        QTest::newRow("no items") << item(R"(],"total_price":0})") << QStringLiteral("at least one item");
        QTest::newRow("empty order id")
            << QByteArray(
                   R"({"order_id":"","user_id":"2","items":[{"product_id":"5","quantity":1,"price":1}],"total_price":1})")
            << QStringLiteral("order_id must not be empty");
        // The seed's introduction shows this very order with a total of 400; its items sum to 500.
        QTest::newRow("wrong total")
            << item(
                   R"({"product_id":"535","quantity":1,"price":300},{"product_id":"125","quantity":2,"price":100}],"total_price":400})")
            << QStringLiteral("total_price 400.00 does not match the items: sum of price x quantity is 500.00");
        QTest::newRow("off by two cents") << item(R"({"product_id":"5","quantity":3,"price":0.1}],"total_price":0.32})")
                                          << QStringLiteral("does not match");
    }

    void validationErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto order = parseOrder(json);
        QVERIFY2(!order.ok(), json.constData());
        QCOMPARE(order.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(order.error().message.contains(expected),
                 qPrintable(QStringLiteral("message '%1' lacks '%2'").arg(order.error().message, expected)));
    }

    void totalWithinACentIsAccepted()
    {
        // 3 x 0.1 = 0.30000000000000004 in binary; a cent of slack either way is fine.
        const QByteArray a =
            R"({"order_id":"1","user_id":"2","items":[{"product_id":"5","quantity":3,"price":0.1}],"total_price":0.3})";
        const QByteArray b =
            R"({"order_id":"1","user_id":"2","items":[{"product_id":"5","quantity":3,"price":0.1}],"total_price":0.31})";
        QVERIFY(parseOrder(a).ok());
        QVERIFY(parseOrder(b).ok());
    }

    void unknownFieldsAreIgnored()
    {
        const QByteArray json =
            R"({"order_id":"1","user_id":"2","note":"gift","items":[{"product_id":"5","quantity":1,"price":2}],"total_price":2})";
        QVERIFY(parseOrder(json).ok());
    }

    void prettyJsonOfAnything()
    {
        QCOMPARE(prettyJson("{\"a\":[1,2]}").value_or(QByteArray()),
                 QByteArray("{\n  \"a\": [\n    1,\n    2\n  ]\n}"));
        QVERIFY(!prettyJson("\x01\x02 not json").has_value());
    }

    void keyField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("string") << QByteArray(R"({"user_id":"00042"})") << QStringLiteral("user_id") << true
                                << QByteArray("00042");
        QTest::newRow("number") << QByteArray(R"({"user_id":42})") << QStringLiteral("user_id") << true
                                << QByteArray("42");
        QTest::newRow("missing") << QByteArray(R"({"x":1})") << QStringLiteral("user_id") << false << QByteArray();
        QTest::newRow("object") << QByteArray(R"({"user_id":{}})") << QStringLiteral("user_id") << false
                                << QByteArray();
        QTest::newRow("not json") << QByteArray("nope") << QStringLiteral("user_id") << false << QByteArray();
    }

    void keyField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(bool, ok);
        QFETCH(QByteArray, key);
        const auto r = extractKeyField(json, field);
        QCOMPARE(r.ok(), ok);
        if (ok)
            QCOMPARE(*r, key);
        else
            QVERIFY(!r.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOrder)
#include "tst_order.moc"
