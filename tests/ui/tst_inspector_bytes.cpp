// The message inspector shows every byte of a record truthfully (issue 10): repeated header
// keys all shown, in order; non-UTF-8 keys and header keys as hex, never as U+FFFD; any
// value shown within bounded memory.

#include "ui/panels/MessageInspector.h"
#include "ui/panels/ProducerPanel.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace tidemark;

class TestInspectorBytes final : public QObject {
    Q_OBJECT

    static QString labelText(MessageInspector &inspector, const QString &name)
    {
        auto *label = inspector.findChild<QLabel *>(name);
        return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
    }

private slots:
    void repeatedHeaderKeysAreAllShownInOrder()
    {
        MessageInspector inspector;
        Record r;
        r.topic = QStringLiteral("t");
        r.partition = 0;
        r.offset = 0;
        r.key = QByteArray("\xff\xfe");
        r.value = QByteArray("v");
        r.headers = {{"dup", QByteArray("1")},
                     {"dup", QByteArray("2")},
                     {QByteArray("\xc3\x28"), QByteArray("x")},
                     {"n", std::nullopt}};
        inspector.showRecord(r);
        QCOMPARE(labelText(inspector, QStringLiteral("inspectorHeaders")),
                 QStringLiteral("dup: 1\ndup: 2\n0x c3 28: x\nn: (null)"));
        QCOMPARE(labelText(inspector, QStringLiteral("inspectorKey")), QStringLiteral("0x ff fe"));
        QVERIFY(!labelText(inspector, QStringLiteral("inspectorHeaders")).contains(QChar(0xfffd)));
    }

    // Issue 10 item 8: selecting a record whose value is 200 KB of "[[[...]]]" froze or
    // crashed the GUI. Counted in characters shown, not time.
    void deeplyNestedJsonShowsAsBoundedText()
    {
        MessageInspector inspector;
        Record r;
        r.topic = QStringLiteral("t");
        r.value = QByteArray(100000, '[') + QByteArray(100000, ']');
        inspector.showRecord(r);
        QCOMPARE(inspector.valueKind(), QStringLiteral("text"));
        QCOMPARE(inspector.valueText().size(), r.value->size());
    }

    // Issue 10 item 2: a tombstone is shown as one (italic "null (tombstone)"), never as an
    // empty text, and "Produce again" sends a tombstone again, not an empty value.
    void tombstoneIsShownAndProducedAgainAsNull()
    {
        MessageInspector inspector;
        Record r;
        r.topic = QStringLiteral("t");
        r.key = QByteArray("gone");
        r.value = std::nullopt;
        inspector.showRecord(r);
        QCOMPARE(inspector.valueKind(), QStringLiteral("null"));
        QCOMPARE(inspector.valueText(), QStringLiteral("null (tombstone)"));
        auto *value = inspector.findChild<QPlainTextEdit *>(QStringLiteral("inspectorValue"));
        QVERIFY(value && value->font().italic());
        QVERIFY(labelText(inspector, QStringLiteral("inspectorValueInfo")).contains(QStringLiteral("tombstone")));
        QVERIFY(!inspector.findChild<QToolButton *>(QStringLiteral("copyValueButton"))->isEnabled());

        ProducerPanel producer([] { return qint64(1700000000000); }, 1);
        QObject::connect(&inspector, &MessageInspector::produceAgainRequested, &producer, &ProducerPanel::loadRecord);
        QTest::mouseClick(inspector.findChild<QToolButton *>(QStringLiteral("produceAgainButton")), Qt::LeftButton);
        QVERIFY(producer.findChild<QCheckBox *>(QStringLiteral("tombstoneCheck"))->isChecked());
        auto again = producer.currentRecord();
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QVERIFY(!again->value.has_value());
        QCOMPARE(again->key, r.key);

        // An empty value is an empty text, upright, and produced again as empty.
        r.value = QByteArray();
        inspector.showRecord(r);
        QVERIFY(inspector.valueKind() != QStringLiteral("null"));
        QCOMPARE(inspector.valueText(), QString());
        QVERIFY(!value->font().italic());
        producer.loadRecord(r);
        QVERIFY(!producer.findChild<QCheckBox *>(QStringLiteral("tombstoneCheck"))->isChecked());
    }
};

QTEST_MAIN(TestInspectorBytes)
#include "tst_inspector_bytes.moc"
