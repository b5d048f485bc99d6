// The message table and the inspector: a big topic opens at once and only visible pages are
// fetched; text, offset and time filters; live tail; the inspector's JSON, text and hex
// views, copy and "produce again"; and MainWindow::selectRecord().

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/JsonLines.h"
#include "core/NextOrderId.h"
#include "core/RecordFilter.h"
#include "core/RecordFormat.h"
#include "ui/ElidedLabel.h"
#include "ui/Language.h"
#include "ui/Style.h"
#include "ui/Theme.h"
#include "ui/dialogs/ReplayDialog.h"
#include "ui/models/MessageTableModel.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"
#include "ui/timeline/TimelineChromePainter.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFont>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

// The compiled catalogues (:/i18n), for the plural forms. Q_INIT_RESOURCE must be used
// outside any namespace.
static void initTranslationResources() { Q_INIT_RESOURCE(tidemark_resources_translations); }

using namespace tidemark;

class TestMessagesPanel final : public QObject {
    Q_OBJECT

    static bool selectOrders(test::FakeApp &app)
    {
        if (!app.showAndConnect())
            return false;
        app.window->selectTopic(QStringLiteral("orders"));
        return QTest::qWaitFor([&] { return app.window->selectedTopic() == QLatin1String("orders"); });
    }
    static MessageTableModel *model(test::FakeApp &app) { return app.window->messagesPanel()->model(); }
    template <typename T>
    static T *w(test::FakeApp &app, const char *name)
    {
        return test::child<T>(app.window.get(), QLatin1String(name));
    }

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void bigTopicOpensAtOnceAndFetchesOnlyVisiblePages()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 2, 1, {}}).ok());
        std::vector<OutgoingRecord> records(100000);
        for (int p = 0; p < 2; ++p) {
            for (size_t i = 0; i < records.size(); ++i) {
                records[i].partition = p;
                records[i].value = "{\"n\":" + QByteArray::number(qulonglong(i)) + "}";
                records[i].timestampMs = app.clock.now() + qint64(i);
            }
            QVERIFY(app.backend->produce(QStringLiteral("orders"), records, {}).ok());
        }
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 200000);
        QVERIFY(app.settle());
        auto *view = app.window->messagesPanel()->view();
        QTRY_VERIFY(model(app)->recordAt(0).has_value());
        // The table's pages, told apart from the producer's one look at the last records of
        // each partition (the next order id, core/NextOrderId.h), which reads 16 records at
        // the end of each partition once per topic.
        const auto pageFetches = [&] {
            qint64 pages = 0, tails = 0;
            for (const test::FakeBackend::FetchCall &f : app.backend->fetches()) {
                if (f.maxRecords == kNextOrderIdTail && f.offset == 100000 - kNextOrderIdTail)
                    ++tails;
                else
                    ++pages;
            }
            return std::make_pair(pages, tails);
        };
        const qint64 fetchesAtTop = pageFetches().first;
        QVERIFY2(fetchesAtTop <= 2, qPrintable(QString::number(fetchesAtTop))); // one page on screen
        QVERIFY2(pageFetches().second <= 2, qPrintable(QString::number(pageFetches().second)));
        view->scrollToBottom();
        QTRY_VERIFY(model(app)->recordAt(199999).has_value());
        const auto last = model(app)->recordAt(199999);
        QCOMPARE(last->partition, 1);
        QCOMPARE(last->offset, qint64(99999));
        QVERIFY2(pageFetches().first - fetchesAtTop <= 2, qPrintable(QString::number(pageFetches().first)));
        QVERIFY2(pageFetches().second <= 2, qPrintable(QString::number(pageFetches().second)));
        QCOMPARE(model(app)->statusText(), QStringLiteral("Records: 200,000"));
        // One partition only.
        auto *partition = w<QComboBox>(app, "partitionChoice");
        QCOMPARE(partition->count(), 3);
        partition->setCurrentIndex(2);
        emit partition->activated(2);
        QTRY_COMPARE(model(app)->rowCount(), 100000);
        QTRY_VERIFY(model(app)->recordAt(0).has_value());
        QCOMPARE(model(app)->recordAt(0)->partition, 1);
    }

    void filtersByTextOffsetsAndTime()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 300, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 300);
        auto *text = w<QLineEdit>(app, "messageFilter");
        auto *from = w<QLineEdit>(app, "rangeFrom");
        auto *to = w<QLineEdit>(app, "rangeTo");

        // Text: every match contains it, in key or value; none is missed.
        QTRY_VERIFY(model(app)->recordAt(0).has_value());
        const QString key = QString::fromUtf8(*model(app)->recordAt(0)->key);
        QTest::keyClicks(text, QLatin1Char('"') + key + QLatin1Char('"')); // the language's shorthand
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_VERIFY(!model(app)->isLoading());
        int expected = 0;
        for (int p = 0; p < 3; ++p) {
            const auto records = app.backend->fetch({QStringLiteral("orders"), p}, 0, 1000);
            QVERIFY(records.ok());
            for (const Record &r : *records)
                expected += (r.key && r.key->contains(key.toUtf8())) || r.value->contains(key.toUtf8());
        }
        QCOMPARE(model(app)->rowCount(), expected);
        QVERIFY(expected >= 1);
        QVERIFY2(
            model(app)->statusText().startsWith(
                QStringLiteral("Done: Scanned 300 of 300 records in partitions 0, 1, 2, %1 matches, ").arg(expected)),
            qPrintable(model(app)->statusText()));
        text->clear();
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE(model(app)->rowCount(), 300);

        // Offsets: 10..19 inclusive, per partition.
        QTest::keyClicks(from, QStringLiteral("10"));
        QTest::keyClicks(to, QStringLiteral("19"));
        QTest::keyClick(to, Qt::Key_Return);
        QTRY_COMPARE(model(app)->rowCount(), 30);
        QTRY_VERIFY(model(app)->recordAt(0).has_value());
        QCOMPARE(model(app)->recordAt(0)->offset, qint64(10));

        // Time: records are one second apart from 12:00:00; 12:00:05 to 12:00:09 is five.
        from->clear();
        to->clear();
        QTest::keyClicks(from, QStringLiteral("2024-05-01 12:00:05"));
        QTest::keyClicks(to, QStringLiteral("12:00:09"));
        QTest::keyClick(to, Qt::Key_Return);
        QTRY_COMPARE(model(app)->rowCount(), 5);

        // Nonsense is explained and keeps the previous filter.
        to->clear();
        QTest::keyClicks(to, QStringLiteral("yesterday-ish"));
        QTest::keyClick(to, Qt::Key_Return);
        QVERIFY(to->toolTip().contains(QStringLiteral("is not an offset")));
        QCOMPARE(model(app)->rowCount(), 5);
    }

    // An invalid filter and an invalid range bound are written in the theme's red; after a switch
    // from light to dark, in the dark theme's red (a colour read once kept the light one's, dark
    // red on a dark field). Made valid again, the text takes the theme's own colour, and keeps
    // following it.
    void invalidFieldsAreRedInTheCurrentTheme()
    {
        struct RestorePalette {
            ~RestorePalette() { QApplication::setPalette(QApplication::style()->standardPalette()); }
        } restore;
        applyTheme(ThemeChoice::Light);
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 30, app.clock.now());
        QVERIFY(selectOrders(app));
        auto *text = w<QLineEdit>(app, "messageFilter");
        auto *to = w<QLineEdit>(app, "rangeTo");
        QTest::keyClicks(to, QStringLiteral("yesterday-ish"));
        QTest::keyClick(to, Qt::Key_Return);
        QTRY_VERIFY(to->toolTip().contains(QStringLiteral("is not an offset")));
        QTest::keyClicks(text, QStringLiteral("value =="));
        QTest::keyClick(text, Qt::Key_Return); // checked now, nothing left to check after the switch
        QVERIFY(text->toolTip().startsWith(QStringLiteral("Filter: ")));
        const auto ink = [](QLineEdit *edit) { return edit->palette().color(QPalette::Text).name(); };
        const QString lightBad = style::toneColor(style::Tone::Bad, lightPalette()).name();
        const QString darkBad = style::toneColor(style::Tone::Bad, darkPalette()).name();
        QVERIFY(lightBad != darkBad);
        QCOMPARE(ink(text), lightBad);
        QCOMPARE(ink(to), lightBad);

        applyTheme(ThemeChoice::Dark);
        QTRY_COMPARE(ink(text), darkBad);
        QTRY_COMPARE(ink(to), darkBad);

        // Valid again: the theme's text colour, the next theme's after the next switch.
        text->clear();
        to->clear();
        QTest::keyClick(to, Qt::Key_Return);
        QTRY_VERIFY(!to->toolTip().contains(QStringLiteral("is not an offset")));
        QCOMPARE(ink(text), darkPalette().color(QPalette::Text).name());
        QCOMPARE(ink(to), darkPalette().color(QPalette::Text).name());
        applyTheme(ThemeChoice::Light);
        QTRY_COMPARE(ink(text), lightPalette().color(QPalette::Text).name());
        QTRY_COMPARE(ink(to), lightPalette().color(QPalette::Text).name());
    }

    // Issue 15: one filter language; a syntax error shows at once, with its column; the search
    // is complete, counts matches beyond the rows it keeps, and can be paused and cancelled.
    void filterLanguageSearch()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 300, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 300);
        auto *text = w<QLineEdit>(app, "messageFilter");
        auto *status = w<QLabel>(app, "messageStatus");

        // Broken: shown while typing (no Return, no delay), the rows stay as they were.
        QTest::keyClicks(text, QStringLiteral("value.total_price 1000"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Filter: column 19: expected an operator")),
                 qPrintable(status->text()));
        QVERIFY(text->toolTip().contains(QStringLiteral("column 19")));
        QTest::keyClick(text, Qt::Key_Return);
        QCOMPARE(model(app)->rowCount(), 300);
        QCOMPARE(model(app)->searchState(), MessageTableModel::SearchState::Idle);

        // A JSON comparison: the rows are exactly the matching records.
        int expected = 0;
        for (int p = 0; p < 3; ++p) {
            const auto records = app.backend->fetch({QStringLiteral("orders"), p}, 0, 1000);
            QVERIFY(records.ok());
            for (const Record &r : *records)
                expected += RecordFilter::parse(QStringLiteral("value.total_price > 2000")).matches(r);
        }
        QVERIFY(expected > 3 && expected < 300);
        model(app)->setSearchLimits(3, 50); // keep 3 rows, 50 records per step
        text->clear();
        QTest::keyClicks(text, QStringLiteral("value.total_price > 2000"));
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        QCOMPARE(model(app)->rowCount(), 3);
        QCOMPARE(model(app)->searchProgress().matches, qint64(expected)); // counted beyond the rows kept
        QCOMPARE(model(app)->searchProgress().scanned, qint64(300));
        QVERIFY2(status->text().contains(QStringLiteral("(the first 3 are listed")), qPrintable(status->text()));
        for (int row = 0; row < 3; ++row)
            QVERIFY(model(app)->recordAt(row)->value->contains("total_price"));

        // Export: every match, not only the rows kept, as JSON lines produce reads back, and CSV.
        QTemporaryDir dir;
        auto *panel = app.window->messagesPanel();
        QSignalSpy finished(panel, &MessagesPanel::exportFinished);
        QVERIFY(panel->exportRecords(dir.filePath(QStringLiteral("m.jsonl")), ExportFormat::JsonLines));
        QVERIFY(!panel->exportRecords(dir.filePath(QStringLiteral("other.jsonl")),
                                      ExportFormat::JsonLines)); // one at a time
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toLongLong(), qint64(expected));
        QCOMPARE(finished.at(0).at(2).toString(), QString());
        QFile jsonl(dir.filePath(QStringLiteral("m.jsonl")));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = jsonl.readAll().split('\n');
        QCOMPARE(lines.size(), expected + 1); // the last line ends in '\n'
        for (int i = 0; i < expected; ++i) {
            const auto read = outgoingRecordFromJsonLine(lines[i]);
            QVERIFY(read.ok());
            Record r;
            r.value = read->value;
            QVERIFY(RecordFilter::parse(QStringLiteral("value.total_price > 2000")).matches(r));
        }
        QVERIFY(status->text().startsWith(QStringLiteral("Exported %1 records to ").arg(expected)));
        QVERIFY(panel->exportRecords(dir.filePath(QStringLiteral("m.csv")), ExportFormat::Csv));
        QTRY_COMPARE(finished.count(), 2);
        QFile csv(dir.filePath(QStringLiteral("m.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count("\r\n"), expected + 1);

        // Newest first: the first row is the last matching record of a partition.
        auto *order = w<QComboBox>(app, "searchOrder");
        order->setCurrentIndex(1);
        emit order->activated(1);
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        QVERIFY(model(app)->recordAt(0)->offset > model(app)->recordAt(1)->offset ||
                model(app)->recordAt(0)->partition != model(app)->recordAt(1)->partition);

        // Pause: no step starts while paused (counted, not timed); resume finishes; cancel stops.
        model(app)->setSearchLimits(1000, 10);
        model(app)->reload();
        QCOMPARE(model(app)->searchState(), MessageTableModel::SearchState::Running);
        model(app)->pauseSearch();
        QVERIFY(w<QToolButton>(app, "searchPause")->isVisible());
        QCOMPARE(w<QToolButton>(app, "searchPause")->text(), QStringLiteral("Resume"));
        QVERIFY(app.settle());
        const qint64 pausedAt = model(app)->searchProgress().scanned;
        QVERIFY(pausedAt < 300);
        QVERIFY(app.settle());
        QCOMPARE(model(app)->searchProgress().scanned, pausedAt);
        QVERIFY(status->text().startsWith(QStringLiteral("Paused: ")));
        w<QToolButton>(app, "searchPause")->click();
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        QCOMPARE(model(app)->rowCount(), expected);
        model(app)->reload();
        w<QToolButton>(app, "searchCancel")->click();
        QCOMPARE(model(app)->searchState(), MessageTableModel::SearchState::Cancelled);
        QVERIFY(app.settle());
        QVERIFY(model(app)->searchProgress().scanned < 300);
        QVERIFY(status->text().startsWith(QStringLiteral("Cancelled: Scanned ")));
        QVERIFY(!w<QToolButton>(app, "searchCancel")->isVisible());
    }

    // The scan's status line counts matches in the language's plural forms: "1 match" (not
    // "1 matches"), "2 matches"; Russian "1 совпадение", "2 совпадения", "5 совпадений".
    void searchStatusSaysMatchesInPluralForms_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("never");
        QTest::newRow("en 1") << QStringLiteral("en") << QStringLiteral("offset == 5") << QStringLiteral(", 1 match, ")
                              << QStringLiteral("1 matches");
        QTest::newRow("en 2") << QStringLiteral("en") << QStringLiteral("offset in (5, 7)")
                              << QStringLiteral(", 2 matches, ") << QString();
        QTest::newRow("ru 1") << QStringLiteral("ru") << QStringLiteral("offset == 5")
                              << QStringLiteral(", 1 совпадение, ") << QString();
        QTest::newRow("ru 2") << QStringLiteral("ru") << QStringLiteral("offset in (5, 7)")
                              << QStringLiteral(", 2 совпадения, ") << QString();
        QTest::newRow("ru 5") << QStringLiteral("ru") << QStringLiteral("offset < 5")
                              << QStringLiteral(", 5 совпадений, ") << QString();
        QTest::newRow("ru 21") << QStringLiteral("ru") << QStringLiteral("offset < 21")
                               << QStringLiteral(", 21 совпадение, ") << QString();
    }
    // Record counts in the language's plural forms too (the timeline's summary "3 partitions ·
    // 1 record", the status bar's "orders: 1 record"; three forms in Russian).
    void countsSayRecordsInPluralForms_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("status");
        QTest::newRow("en 1") << QStringLiteral("en") << 1 << QStringLiteral("3 partitions · 1 record")
                              << QStringLiteral("orders: 1 record");
        QTest::newRow("en 2") << QStringLiteral("en") << 2 << QStringLiteral("3 partitions · 2 records")
                              << QStringLiteral("orders: 2 records");
        QTest::newRow("ru 1") << QStringLiteral("ru") << 1 << QStringLiteral("3 партиции · 1 запись")
                              << QStringLiteral("orders: 1 запись");
        QTest::newRow("ru 3") << QStringLiteral("ru") << 3 << QStringLiteral("3 партиции · 3 записи")
                              << QStringLiteral("orders: 3 записи");
        QTest::newRow("ru 5") << QStringLiteral("ru") << 5 << QStringLiteral("3 партиции · 5 записей")
                              << QStringLiteral("orders: 5 записей");
        QTest::newRow("ru 21") << QStringLiteral("ru") << 21 << QStringLiteral("3 партиции · 21 запись")
                               << QStringLiteral("orders: 21 запись");
    }
    void countsSayRecordsInPluralForms()
    {
        QFETCH(QString, language);
        QFETCH(int, records);
        QFETCH(QString, summary);
        QFETCH(QString, status);
        initTranslationResources();
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        QCOMPARE(TimelineChromePainter::summaryText(3, records), summary);
        QCOMPARE(TimelineChromePainter::summaryText(1, 1).section(QStringLiteral(" · "), 0, 0),
                 language == QLatin1String("ru") ? QStringLiteral("1 партиция") : QStringLiteral("1 partition"));
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), records, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(w<QLabel>(app, "recordCountStatus")->text(), status);
    }

    // The timeline's count picks its plural form from the number it shows: all the digits up to
    // 9,999 (the form of that number), a short count of thousands ("12.3k") as many.
    void summaryAgreesWithTheNumberShown_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<qint64>("records");
        QTest::addColumn<QString>("summary");
        const QString nbsp(QChar(0x00a0)); // Russian groups digits with a no-break space
        QTest::newRow("ru 1 000") << QStringLiteral("ru") << qint64(1000)
                                  << QStringLiteral("3 партиции · 1") + nbsp + QStringLiteral("000 записей");
        QTest::newRow("ru 1 001") << QStringLiteral("ru") << qint64(1001)
                                  << QStringLiteral("3 партиции · 1") + nbsp + QStringLiteral("001 запись");
        QTest::newRow("ru 2 002") << QStringLiteral("ru") << qint64(2002)
                                  << QStringLiteral("3 партиции · 2") + nbsp + QStringLiteral("002 записи");
        QTest::newRow("ru 9 999") << QStringLiteral("ru") << qint64(9999)
                                  << QStringLiteral("3 партиции · 9") + nbsp + QStringLiteral("999 записей");
        QTest::newRow("ru 10 001") << QStringLiteral("ru") << qint64(10001)
                                   << QStringLiteral("3 партиции · 10 тыс. записей");
        QTest::newRow("ru 12 345") << QStringLiteral("ru") << qint64(12345)
                                   << QStringLiteral("3 партиции · 12,3 тыс. записей");
        QTest::newRow("ru 21 001") << QStringLiteral("ru") << qint64(21001)
                                   << QStringLiteral("3 партиции · 21 тыс. записей");
        QTest::newRow("ru 1 234 567") << QStringLiteral("ru") << qint64(1234567)
                                      << QStringLiteral("3 партиции · 1,23 млн записей");
        QTest::newRow("en 1,001") << QStringLiteral("en") << qint64(1001)
                                  << QStringLiteral("3 partitions · 1,001 records");
        QTest::newRow("en 12,345") << QStringLiteral("en") << qint64(12345)
                                   << QStringLiteral("3 partitions · 12.3k records");
    }
    void summaryAgreesWithTheNumberShown()
    {
        QFETCH(QString, language);
        QFETCH(qint64, records);
        QFETCH(QString, summary);
        initTranslationResources();
        Translations translations;
        // The language's own digits too, as the app shows them ("1 001").
        const auto restore = qScopeGuard([before = QLocale()] { QLocale::setDefault(before); });
        QCOMPARE(translations.install(QLocale(language)), language);
        QCOMPARE(TimelineChromePainter::summaryText(3, records), summary);
    }

    void searchStatusSaysMatchesInPluralForms()
    {
        QFETCH(QString, language);
        QFETCH(QString, filter);
        QFETCH(QString, says);
        QFETCH(QString, never);
        initTranslationResources();
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 1, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 30, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 30);
        auto *text = w<QLineEdit>(app, "messageFilter");
        QTest::keyClicks(text, filter);
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        const QString status = model(app)->statusText();
        QVERIFY2(status.contains(says), qPrintable(status));
        if (!never.isEmpty())
            QVERIFY2(!status.contains(never), qPrintable(status));
    }

    // A search's status line ("Done: Scanned 2,001 of 2,001 records in partitions 0, 1, 2, 241
    // matches, 117,705 records/s") is cut to the panel's width, whole in its tooltip: it never
    // widens the panel, nor the window past a 1024 px screen (it once made it 1302 px wide).
    void aLongStatusNeverWidensTheWindow()
    {
        test::FakeApp app(QSize(1024, 700));
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 300, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 300);
        const int before = app.window->minimumSizeHint().width();
        QVERIFY2(before <= 1024, qPrintable(QString::number(before)));
        auto *status = w<QLabel>(app, "messageStatus");
        const QString longStatus = QStringLiteral("Done: Scanned 2,001 of 2,001 records in partitions 0, 1, 2, "
                                                  "241 matches, 117,705 records/s, and then some more words");
        QVERIFY(status->fontMetrics().horizontalAdvance(longStatus) > status->width());
        status->setText(longStatus);
        QTRY_COMPARE(status->text(), longStatus); // and the layouts have heard of it:
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        QCOMPARE(app.window->minimumSizeHint().width(), before);
        QCOMPARE(app.window->width(), 1024);
        QVERIFY(status->minimumSizeHint().width() < status->fontMetrics().horizontalAdvance(longStatus) / 4);
        auto *elided = qobject_cast<ElidedLabel *>(status);
        QVERIFY(elided && elided->isElided()); // its tooltip has the whole line
        QCOMPARE(app.window->width(), 1024);
    }

    // Saved filters: a filter saved under a name for "orders" is offered again (Edit > Saved
    // Filters, and the filter box's context menu), applies in one click, is replaced by
    // saving the same name, is not offered for another topic, and can be deleted.
    void savedFiltersPerTopic()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("payments"), 1, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 300, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 300);
        auto *panel = app.window->messagesPanel();
        auto *text = w<QLineEdit>(app, "messageFilter");
        auto *status = w<QLabel>(app, "messageStatus");
        const auto menuTexts = [&] {
            QMenu menu;
            panel->fillSavedFiltersMenu(&menu);
            QStringList texts;
            for (QAction *a : menu.actions())
                if (!a->isSeparator())
                    texts << (a->menu() ? QStringLiteral("[%1]").arg(a->text()) : a->text()) +
                                 (a->isEnabled() ? QString() : QStringLiteral(" (off)"));
            return texts;
        };
        // Nothing saved, and a blank filter cannot be saved.
        QCOMPARE(menuTexts(),
                 (QStringList{QStringLiteral("No saved filters for orders yet (off)"),
                              QStringLiteral("Save filter as… (off)"), QStringLiteral("[Delete saved filter] (off)")}));

        // Type a filter, save it through the menu and the name dialog.
        QTest::keyClicks(text, QStringLiteral("value.total_price > 2000"));
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        const int expected = model(app)->rowCount();
        QVERIFY(expected > 3 && expected < 300);
        {
            QMenu menu;
            panel->fillSavedFiltersMenu(&menu);
            QAction *save = menu.actions().at(2);
            QCOMPARE(save->text(), QStringLiteral("Save filter as…"));
            QVERIFY(save->isEnabled());
            save->trigger();
        }
        auto *dialog = test::child<QInputDialog>(panel, QStringLiteral("saveFilterDialog"));
        QVERIFY(dialog->isVisible());
        dialog->setTextValue(QStringLiteral("big orders"));
        dialog->accept();
        QCOMPARE(status->text(), QStringLiteral("Saved the filter \"big orders\" for orders"));
        QCOMPARE(menuTexts().first(), QStringLiteral("big orders: value.total_price > 2000"));
        // The Edit menu shows the same, filled when it opens.
        auto *editMenu = test::child<QMenu>(app.window.get(), QStringLiteral("savedFiltersMenu"));
        QVERIFY(editMenu);
        emit editMenu->aboutToShow();
        QCOMPARE(editMenu->actions().first()->text(), QStringLiteral("big orders: value.total_price > 2000"));
        QCOMPARE(editMenu->actions().size(), 4); // the filter, a separator, save, delete

        // Clear it; the saved filter brings it back in one click.
        text->clear();
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE(model(app)->rowCount(), 300);
        {
            QMenu menu;
            panel->fillSavedFiltersMenu(&menu);
            QVERIFY(!menu.actions().first()->isChecked());
            menu.actions().first()->trigger();
        }
        QCOMPARE(text->text(), QStringLiteral("value.total_price > 2000"));
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        QCOMPARE(model(app)->rowCount(), expected);

        // A filter that does not parse is never saved; the reason is shown.
        text->setText(QStringLiteral("value.total_price >"));
        QVERIFY(!panel->saveFilterAs(QStringLiteral("broken")));
        QVERIFY2(status->text().startsWith(QStringLiteral("Not saved: The filter does not parse")),
                 qPrintable(status->text()));
        // The same name again replaces it.
        text->setText(QStringLiteral("value.total_price > 4000"));
        QVERIFY(panel->saveFilterAs(QStringLiteral("big orders")));
        QCOMPARE(menuTexts().first(), QStringLiteral("big orders: value.total_price > 4000"));
        QCOMPARE(menuTexts().size(), 3);

        // Another topic has its own (none).
        app.window->selectTopic(QStringLiteral("payments"));
        QTRY_COMPARE(model(app)->topic(), QStringLiteral("payments"));
        QCOMPARE(menuTexts().first(), QStringLiteral("No saved filters for payments yet (off)"));

        // Back on orders, delete it.
        app.window->selectTopic(QStringLiteral("orders"));
        QTRY_COMPARE(model(app)->topic(), QStringLiteral("orders"));
        {
            QMenu menu;
            panel->fillSavedFiltersMenu(&menu);
            QMenu *remove = menu.actions().last()->menu();
            QVERIFY(remove && remove->isEnabled());
            QCOMPARE(remove->actions().size(), 1);
            remove->actions().first()->trigger();
        }
        QCOMPARE(status->text(), QStringLiteral("Deleted the saved filter \"big orders\" of orders"));
        QCOMPARE(menuTexts().first(), QStringLiteral("No saved filters for orders yet (off)"));
    }

    // Produce Again for a range: the preview (a dry run) says what goes where and writes
    // nothing; Produce writes exactly that, byte for byte; changing an option needs a new
    // preview; the Events pane says what was done.
    void produceTheMatchesAgain()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("big-orders"), 1, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 300, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 300);
        auto *panel = app.window->messagesPanel();
        panel->setFilterText(QStringLiteral("value.total_price > 2000"));
        QTRY_COMPARE(model(app)->searchState(), MessageTableModel::SearchState::Done);
        const int expected = model(app)->rowCount();
        QVERIFY(expected > 3 && expected < 300);

        test::child<QAction>(app.window.get(), QStringLiteral("replayRecords"))->trigger();
        auto *dialog = test::child<ReplayDialog>(panel, QStringLiteral("replayDialog"));
        QVERIFY(dialog && dialog->isVisible());
        auto *target = test::child<QComboBox>(dialog, QStringLiteral("replayTarget"));
        QTRY_COMPARE(target->count(), 2); // orders, then the other topics
        auto *produce = test::child<QPushButton>(dialog, QStringLiteral("replayProduceButton"));
        auto *preview = test::child<QPlainTextEdit>(dialog, QStringLiteral("replayPreview"));
        auto *status = test::child<QLabel>(dialog, QStringLiteral("replayStatus"));
        QVERIFY(!produce->isEnabled()); // preview first

        // Into big-orders (one partition): keeping partitions is refused, before anything is written.
        target->setCurrentText(QStringLiteral("big-orders"));
        dialog->preview();
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Not done: ")));
        QVERIFY2(status->text().contains(QStringLiteral("place them by key instead")), qPrintable(status->text()));
        QVERIFY(!produce->isEnabled());
        auto *placement = test::child<QComboBox>(dialog, QStringLiteral("replayPlacement"));
        placement->setCurrentIndex(1); // by key
        dialog->preview();
        QTRY_VERIFY(produce->isEnabled());
        QCOMPARE(produce->text(), QStringLiteral("P&roduce %1 records").arg(expected));
        QVERIFY2(preview->toPlainText().startsWith(QStringLiteral("%1 records").arg(expected)),
                 qPrintable(preview->toPlainText()));
        QVERIFY(preview->toPlainText().contains(QStringLiteral("partition 0 → partition 0: ")));
        QVERIFY(app.backend->fetch({QStringLiteral("big-orders"), 0}, 0, 1000)->empty()); // a dry run

        // An option changed: the preview no longer stands for it.
        test::child<QCheckBox>(dialog, QStringLiteral("replayKeepTimestamps"))->setChecked(false);
        QVERIFY(!produce->isEnabled());
        test::child<QCheckBox>(dialog, QStringLiteral("replayKeepTimestamps"))->setChecked(true);
        dialog->preview();
        QTRY_VERIFY(produce->isEnabled());
        produce->click();
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Produced ")));
        QCOMPARE(status->text(), QStringLiteral("Produced %1 records to big-orders.").arg(expected));

        // Byte for byte, in the source's order within each partition.
        const auto copied = app.backend->fetch({QStringLiteral("big-orders"), 0}, 0, 1000);
        QVERIFY(copied.ok());
        QCOMPARE(int(copied->size()), expected);
        std::vector<Record> matches;
        for (int p = 0; p < 3; ++p) {
            const auto source = app.backend->fetch({QStringLiteral("orders"), p}, 0, 1000);
            QVERIFY(source.ok());
            for (const Record &r : *source)
                if (RecordFilter::parse(QStringLiteral("value.total_price > 2000")).matches(r))
                    matches.push_back(r);
        }
        for (const Record &r : *copied) {
            const auto it = std::find_if(matches.begin(), matches.end(), [&](const Record &m) {
                return m.key == r.key && m.value == r.value && m.headers == r.headers && m.timestampMs == r.timestampMs;
            });
            QVERIFY(it != matches.end());
            matches.erase(it);
        }
        QVERIFY(matches.empty());
        QVERIFY(app.logged(QStringLiteral("produced %1 records again to big-orders").arg(expected)));
    }

    void liveTailAppendsAndFollows()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 200, app.clock.now());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 200);
        QTest::keyClick(app.window.get(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(w<QCheckBox>(app, "liveTail")->isChecked());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 50, app.clock.now() + 500000, 99);
        QTRY_COMPARE(model(app)->rowCount(), 250);
        auto *bar = app.window->messagesPanel()->view()->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void inspectorShowsJsonTextAndHex()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        test::produceOrders(*app.backend, QStringLiteral("orders"), 30, app.clock.now());
        OutgoingRecord binary;
        binary.partition = 2;
        binary.key = QByteArray("\x01\x02", 2);
        binary.value = QByteArray::fromHex("00ff10204142434445464748494a4b4c4d4e4f50");
        binary.headers.push_back(Header{"trace-id", QByteArray("abc123")});
        binary.timestampMs = app.clock.now() + 60000;
        QVERIFY(app.backend->produce(QStringLiteral("orders"), {binary}, {}).ok());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 31);

        // MainWindow::selectRecord selects the row and the inspector follows.
        auto first = app.backend->fetch({QStringLiteral("orders"), 1}, 3, 1);
        QVERIFY(first.ok() && !first->empty());
        app.window->selectRecord(QStringLiteral("orders"), 1, 3);
        auto *inspector = app.window->inspector();
        QTRY_VERIFY(inspector->record().has_value());
        QCOMPARE(inspector->record()->partition, 1);
        QCOMPARE(inspector->record()->offset, qint64(3));
        QCOMPARE(inspector->valueKind(), QStringLiteral("json"));
        QVERIFY(inspector->valueText().contains(QStringLiteral("\"items\": [")));
        const auto current = app.window->messagesPanel()->currentRecord();
        QVERIFY(current && current->offset == 3 && current->partition == 1);
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(app.window->dock(QStringLiteral("messagesDock")), QStringLiteral("messages-panel"));
        TIDEMARK_COMPARE_SCREENSHOT(app.window->dock(QStringLiteral("inspectorDock")),
                                    QStringLiteral("inspector-json"));

        QApplication::clipboard()->clear();
        QTest::mouseClick(test::child<QToolButton>(inspector, QStringLiteral("copyValueButton")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text().toUtf8(), first->front().value);

        QTest::mouseClick(test::child<QToolButton>(inspector, QStringLiteral("produceAgainButton")), Qt::LeftButton);
        QCOMPARE(w<QTabWidget>(app, "producerTabs")->currentIndex(), 1);
        QCOMPARE(compactJson(w<QPlainTextEdit>(app, "jsonEditor")->toPlainText().toUtf8()),
                 std::optional(first->front().value));

        // Binary: hex dump, the header listed.
        app.window->selectRecord(QStringLiteral("orders"), 2,
                                 app.backend->watermarks({QStringLiteral("orders"), 2})->high - 1);
        QTRY_COMPARE(inspector->valueKind(), QStringLiteral("binary"));
        QVERIFY(inspector->valueText().startsWith(QStringLiteral("00000000  00 ff 10 20 41 42 43 44  45 46")));
        QCOMPARE(test::child<QLabel>(inspector, QStringLiteral("inspectorHeaders"))->text(),
                 QStringLiteral("trace-id: abc123"));
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(app.window->dock(QStringLiteral("inspectorDock")),
                                    QStringLiteral("inspector-binary"));
    }

    // Issue 10 item 2: the table shows a tombstone as an italic "null (tombstone)", an empty
    // value as an empty cell.
    void tombstoneRowIsShownDistinctly()
    {
        test::FakeApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 1, 1, {}}).ok());
        OutgoingRecord tombstone;
        tombstone.partition = 0;
        tombstone.key = QByteArray("gone");
        tombstone.value = std::nullopt;
        tombstone.timestampMs = app.clock.now();
        OutgoingRecord empty = tombstone;
        empty.value = QByteArray();
        QVERIFY(app.backend->produce(QStringLiteral("orders"), {tombstone, empty}, {}).ok());
        QVERIFY(selectOrders(app));
        QTRY_COMPARE(model(app)->rowCount(), 2);
        int tombstones = 0;
        int empties = 0;
        for (int row = 0; row < 2; ++row) {
            const QModelIndex value = model(app)->index(row, MessageTableModel::ValueColumn);
            QTRY_VERIFY(model(app)->data(value, MessageTableModel::LoadedRole).toBool());
            const QString text = model(app)->data(value, Qt::DisplayRole).toString();
            const bool italic = model(app)->data(value, Qt::FontRole).value<QFont>().italic();
            if (text == MessageTableModel::tombstoneText() && italic)
                ++tombstones;
            else if (text.isEmpty() && !italic)
                ++empties;
        }
        QCOMPARE(tombstones, 1);
        QCOMPARE(empties, 1);
    }
};

QTEST_MAIN(TestMessagesPanel)
#include "tst_messagespanel.moc"
