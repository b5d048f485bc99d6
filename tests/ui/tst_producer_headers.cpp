// Headers on a record sent from the Producer panel (issue 14, item 9), into the real built-in
// broker and read back through the Backend: typed in the collapsed-by-default editor with the
// keyboard, they arrive byte-exact (a repeated name keeps its order, an empty value stays
// empty, a null value stays null, non-ASCII UTF-8 names and values), a header without a name
// is refused inline and blocks Send, "produce again" brings the headers back (also bytes that
// are not UTF-8), and a tombstone carries them too.

#include "LocalAppFixture.h"
#include "ui/panels/ProducerPanel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QToolButton>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

std::vector<Record> allRecords(Backend &backend)
{
    std::vector<Record> out;
    for (int p = 0; p < 3; ++p) {
        auto records = backend.fetch({kTopic, p}, 0, 1000);
        if (records)
            out.insert(out.end(), records->begin(), records->end());
    }
    return out;
}

QByteArray describe(const std::vector<Header> &headers)
{
    QByteArray out;
    for (const Header &h : headers)
        out += h.key.toHex() + '=' + (h.value ? h.value->toHex() : QByteArray("null")) + ' ';
    return out;
}

} // namespace

class TestProducerHeaders final : public QObject {
    Q_OBJECT

    struct Fixture {
        bool start()
        {
            if (!app.showAndConnect() || !app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok())
                return false;
            app.window->topicBrowser()->selectTopic(kTopic);
            app.window->activateWindow(); // the keyboard goes to the active window only
            return QTest::qWaitForWindowActive(app.window.get()) &&
                   QTest::qWaitFor([this] { return panel()->topic() == kTopic; });
        }
        ProducerPanel *panel() const { return app.window->producerPanel(); }
        template <typename T>
        T *w(const char *name) const
        {
            return test::child<T>(panel(), QLatin1String(name));
        }
        // Types `text` into the cell being edited (the table's open editor), as a keyboard
        // would (characters QTest has no key for arrive as key events with their text).
        bool typeIntoEditor(QTableWidget *table, const QString &text)
        {
            auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
            if (!editor || !table->isAncestorOf(editor)) {
                qWarning() << "no cell editor has the focus:" << QApplication::focusWidget();
                return false;
            }
            for (const QChar c : text) {
                if (c.unicode() < 0x80)
                    QTest::keyClick(editor, char(c.unicode()));
                else
                    QTest::sendKeyEvent(QTest::Click, editor, Qt::Key_unknown, QString(c), Qt::NoModifier);
            }
            return true;
        }
        // Sends and returns the record the broker stored.
        std::optional<Record> sendAndReadBack()
        {
            QSignalSpy produced(panel(), &ProducerPanel::produced);
            QTest::mouseClick(w<QPushButton>("sendButton"), Qt::LeftButton);
            if (!QTest::qWaitFor([&] { return produced.count() == 1; }))
                return std::nullopt;
            const int partition = produced.at(0).at(1).toInt();
            const qint64 offset = produced.at(0).at(2).toLongLong();
            auto records = app.backend().fetch({kTopic, partition}, offset, 1);
            if (!records || records->empty())
                return std::nullopt;
            return records->front();
        }
        test::LocalApp app{QSize(1024, 700)};
    };

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void typedHeadersArriveExactly()
    {
        Fixture f;
        QVERIFY(f.start());
        auto *toggle = f.w<QToolButton>("headersToggle");
        auto *table = f.w<QTableWidget>("headersTable");
        // Collapsed by default: it takes no height until asked for.
        QVERIFY(!table->isVisible());
        QCOMPARE(toggle->text(), QStringLiteral("Hea&ders"));

        // Keyboard only: open it (Space on the toggle; the focus moves to "Add header"), Space
        // adds a row and edits its name, Tab moves to the value, Return commits; then Insert in
        // the table adds the next row.
        toggle->setFocus();
        QTest::keyClick(toggle, Qt::Key_Space);
        QVERIFY(table->isVisible());
        QVERIFY(f.panel()->headersShown());
        QCOMPARE(QApplication::focusWidget(), f.w<QPushButton>("addHeaderButton"));
        struct Typed {
            QString name;
            QString value;
        };
        const std::vector<Typed> typed = {
            {QStringLiteral("trace-id"), QStringLiteral("abc-1")},
            {QStringLiteral("trace-id"), QStringLiteral("abc-2")}, // the same name again, in order
            {QStringLiteral("empty"), QString()},                  // an empty value, not a null one
            {QStringLiteral("страна"), QStringLiteral("Россия · 東京 ✓")},
        };
        for (const Typed &t : typed) {
            QTest::keyClick(QApplication::focusWidget(),
                            t.name == typed.front().name && table->rowCount() == 0 ? Qt::Key_Space : Qt::Key_Insert);
            QVERIFY(f.typeIntoEditor(table, t.name));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            if (!t.value.isEmpty())
                QVERIFY(f.typeIntoEditor(table, t.value));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            QTRY_COMPARE(QApplication::focusWidget(), table); // the editor commits and closes (queued)
        }
        // A fifth header with a null value: Insert, a name, then Null checked.
        QCOMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(table, Qt::Key_Insert);
        QVERIFY(f.typeIntoEditor(table, QStringLiteral("gone")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), table);
        table->item(4, 2)->setCheckState(Qt::Checked);
        QCOMPARE(table->rowCount(), 5);
        QCOMPARE(toggle->text(), QStringLiteral("Hea&ders (5)"));

        QVERIFY(f.w<QPushButton>("sendButton")->isEnabled());
        const auto record = f.sendAndReadBack();
        QVERIFY(record);
        const std::vector<Header> expected = {
            {QByteArray("trace-id"), QByteArray("abc-1")},
            {QByteArray("trace-id"), QByteArray("abc-2")},
            {QByteArray("empty"), QByteArray("")},
            {QStringLiteral("страна").toUtf8(), QStringLiteral("Россия · 東京 ✓").toUtf8()},
            {QByteArray("gone"), std::nullopt},
        };
        QCOMPARE(describe(record->headers), describe(expected));
        QVERIFY(record->headers[2].value.has_value());  // empty stays empty
        QVERIFY(!record->headers[4].value.has_value()); // null stays null
        QCOMPARE(*record->key, QByteArray("00042"));    // the value and key as before

        // Collapsed again, the count stays on the toggle and the headers still go with Send.
        QTest::keyClick(toggle, Qt::Key_Space);
        QVERIFY(!table->isVisible());
        QCOMPARE(toggle->text(), QStringLiteral("Hea&ders (5)"));
        const auto again = f.sendAndReadBack();
        QVERIFY(again);
        QCOMPARE(describe(again->headers), describe(expected));
    }

    void headerWithoutNameIsRefusedInline()
    {
        Fixture f;
        QVERIFY(f.start());
        f.panel()->setHeadersShown(true);
        auto *table = f.w<QTableWidget>("headersTable");
        QTest::mouseClick(f.w<QPushButton>("addHeaderButton"), Qt::LeftButton);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // no name
        QVERIFY(f.typeIntoEditor(table, QStringLiteral("orphan")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), table);
        auto *error = f.w<QLabel>("orderError");
        QCOMPARE(error->text(), QStringLiteral("Header 1 has no name: type one, or remove the row."));
        QVERIFY(error->isVisible());
        QVERIFY(!f.w<QPushButton>("sendButton")->isEnabled());
        QVERIFY(!f.panel()->currentRecord());
        // Send anyway (Ctrl+Return reaches send()): nothing is written.
        f.panel()->send();
        QCOMPARE(f.w<QLabel>("sendResult")->text(), error->text());
        QVERIFY(allRecords(f.app.backend()).empty());
        // The preview still says where the key goes: the value is fine.
        QVERIFY2(f.panel()->previewText().contains(QStringLiteral("partition")), qPrintable(f.panel()->previewText()));
        // Removing the row (Delete in the table) makes it sendable again; the value typed is kept.
        table->setCurrentCell(0, 0);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(error->text(), QStringLiteral("Valid order."));
        QVERIFY(f.w<QPushButton>("sendButton")->isEnabled());
        const auto record = f.sendAndReadBack();
        QVERIFY(record);
        QVERIFY(record->headers.empty());
    }

    // "Produce again" loads the record's headers exactly, bytes that are not UTF-8 too, and
    // opens the editor to show them; a tombstone is sent with its headers.
    void produceAgainKeepsHeaderBytes()
    {
        Fixture f;
        QVERIFY(f.start());
        QVERIFY(!f.panel()->headersShown());
        Record r;
        r.topic = kTopic;
        r.partition = 0;
        r.offset = 3;
        r.key = QByteArray("k1");
        r.value = std::nullopt;
        r.headers = {{QByteArray("bin\xff\x00", 5), QByteArray("\xc3\x28\x00z", 4)},
                     {QByteArray("bin\xff\x00", 5), std::nullopt},
                     {QByteArray("e"), QByteArray()}};
        f.panel()->loadRecord(r);
        QVERIFY(f.panel()->headersShown());
        QCOMPARE(f.w<QToolButton>("headersToggle")->text(), QStringLiteral("Hea&ders (3)"));
        const auto record = f.sendAndReadBack();
        QVERIFY(record);
        QVERIFY(!record->value.has_value());
        QCOMPARE(*record->key, QByteArray("k1"));
        QCOMPARE(describe(record->headers), describe(r.headers));
        // Editing a cell sends what it now says.
        auto *table = f.w<QTableWidget>("headersTable");
        table->item(0, 1)->setText(QStringLiteral("now text"));
        const auto edited = f.sendAndReadBack();
        QVERIFY(edited);
        QCOMPARE(edited->headers[0].value, QByteArray("now text"));
        QCOMPARE(edited->headers[0].key, QByteArray("bin\xff\x00", 5));
    }
};

QTEST_MAIN(TestProducerHeaders)
#include "tst_producer_headers.moc"
