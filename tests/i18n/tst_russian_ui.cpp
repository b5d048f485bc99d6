// The UI in Russian: the main window over the fake broker, with a topic, records, a
// selected record and a running consumer group, and the main dialogs (new topic, Kafka
// profiles, About, keyboard shortcuts, delete topic, language restart) are audited for
// untranslated text (UiTextAudit: every widget text, menu, tooltip, item view header and
// cell, and everything painted) and for text that does not fit its widget. The catalogue
// is complete and up to date with the sources (lupdate), the audit is shown to catch
// injected English, the language switch stores the choice and offers a restart, counts of
// orders and records take their Russian plural forms, and the Russian main window is compared
// with its golden.

#include "../timeline/TimelineTestData.h"
#include "AppFixture.h"
#include "RussianAudit.h"
#include "TestPaths.h"
#include "TutorialApp.h"
#include "UiTestSupport.h"
#include "UiTextAudit.h"
#include "core/ConnectionProfile.h"
#include "core/ConsumerManager.h"
#include "core/ServeSwitch.h"
#include "ui/Language.h"
#include "ui/LessonStrip.h"
#include "ui/models/EventLogModel.h"
#include "ui/models/MessageTableModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"
#include "ui/panels/TopicBrowser.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineChromePainter.h"
#include "ui/timeline/TimelinePaintSupport.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QXmlStreamReader>

#include <memory>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initTranslationResources() { Q_INIT_RESOURCE(tidemark_resources_translations); }

using namespace tidemark;

namespace {

const QString kDataDir = QStringLiteral("/home/user/.local/share/Tidemark/data");

QString sourceDir() { return tidemark::test::paths::sourceDir(); }
QString tsPath(const QString &language)
{
    return sourceDir() + QStringLiteral("/resources/translations/tidemark_") + language + QStringLiteral(".ts");
}

// The main window over the fake broker in Russian (test::TutorialApp).
struct RussianApp : test::TutorialApp {
    explicit RussianApp(QSize size = QSize(1280, 800), bool lesson = false)
        : TutorialApp(size, QStringLiteral("ru"), lesson)
    {}
};
using test::populate;
using test::settledAtEnd;

// Pictures for a person to look at (TIDEMARK_I18N_SHOTS=1, or a failing audit), under
// <build>/test-output/ui.
void saveShot(QWidget *w, const QString &name, bool always = false)
{
    if (always || qEnvironmentVariableIntValue("TIDEMARK_I18N_SHOTS") == 1)
        test::grab(w).save(test::outputDirectory() + QLatin1Char('/') + name + QStringLiteral("-actual.png"));
}

struct TsMessage {
    QString context;
    QString source;
    QString comment;
    QString translation;
    QStringList forms; // a plural message's (%n) forms, each a whole translation
    bool unfinished = false;
};

std::vector<TsMessage> readTs(const QString &path)
{
    std::vector<TsMessage> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage m;
            m.context = context;
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("comment")) {
                    m.comment = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                    // A plural message has <numerusform> children (one per form); any empty one
                    // leaves the message untranslated.
                    while (xml.readNext() != QXmlStreamReader::EndElement ||
                           xml.name() != QLatin1String("translation")) {
                        if (xml.atEnd())
                            break;
                        if (xml.isCharacters() && !xml.isWhitespace())
                            m.translation += xml.text();
                        else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            m.forms << xml.readElementText();
                    }
                    if (!m.forms.isEmpty())
                        m.translation = m.forms.contains(QString()) ? QString() : m.forms.first();
                } else {
                    xml.skipCurrentElement();
                }
            }
            out.push_back(m);
        }
    }
    return out;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d|n)"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured();
    out.sort();
    return out;
}

// The accelerator letter of a menu entry ("&Файл" -> "ф"), or an empty string.
QString mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

} // namespace

class TestRussianUi final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::setupDeterministicUi();
        initTranslationResources();
        QCOMPARE(m_translations.install(localeFor(LanguageChoice::Russian)), QStringLiteral("ru"));
        QVERIFY2(m_translations.hasQtTranslation(),
                 qPrintable(QStringLiteral("qtbase_ru.qm not found in %1 (Debian: qt6-translations-l10n): standard "
                                           "buttons would stay English")
                                .arg(m_translations.qtTranslationsDirectory())));
        QCOMPARE(QLocale().language(), QLocale::Russian);
    }

    void languageChoice_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("language");
        QTest::newRow("ru_RU") << QStringLiteral("ru_RU") << QStringLiteral("ru");
        QTest::newRow("ru_UA") << QStringLiteral("ru_UA") << QStringLiteral("ru");
        QTest::newRow("en_GB") << QStringLiteral("en_GB") << QStringLiteral("en");
        QTest::newRow("de_DE: no catalogue, English") << QStringLiteral("de_DE") << QStringLiteral("en");
        QTest::newRow("C") << QStringLiteral("C") << QStringLiteral("en");
    }
    void languageChoice()
    {
        QFETCH(QString, locale);
        QFETCH(QString, language);
        QCOMPARE(languageFor(QLocale(locale)), language);
        for (LanguageChoice c : {LanguageChoice::System, LanguageChoice::English, LanguageChoice::Russian})
            QCOMPARE(languageFromKey(languageKey(c)), c);
        QCOMPARE(languageFor(localeFor(LanguageChoice::English)), QStringLiteral("en"));
        QCOMPARE(languageFor(localeFor(LanguageChoice::Russian)), QStringLiteral("ru"));
    }

    // Every message has a Russian translation with the same placeholders and at most one
    // accelerator; both catalogues are exactly what lupdate makes of today's sources.
    void catalogueIsCompleteAndCurrent()
    {
        const auto ru = readTs(tsPath(QStringLiteral("ru")));
        QVERIFY(ru.size() > 400);
        QStringList problems;
        for (const TsMessage &m : ru) {
            const QString id = m.context + QStringLiteral(" \"") + m.source + QLatin1Char('"');
            if (m.unfinished || m.translation.isEmpty())
                problems << id + QStringLiteral(": not translated");
            else if (placeholders(m.source) != placeholders(m.translation))
                problems << id + QStringLiteral(": placeholders differ in \"") + m.translation + QLatin1Char('"');
            else if (std::any_of(m.forms.begin(), m.forms.end(),
                                 [&m](const QString &f) { return placeholders(f) != placeholders(m.source); }))
                problems << id + QStringLiteral(": placeholders differ in a plural form of \"") + m.translation +
                                QLatin1Char('"');
            else if (!m.forms.isEmpty() && m.forms.size() != 3)
                problems << id + QStringLiteral(": Russian has 3 plural forms, not %1").arg(m.forms.size());
            else if (m.source.count(QLatin1Char('&')) - 2 * m.source.count(QStringLiteral("&&")) == 1 &&
                     mnemonic(m.translation).isEmpty())
                problems << id + QStringLiteral(": the translation lost the accelerator");
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // lupdate over the sources, into copies of the committed files: nothing may change.
        QTemporaryDir dir;
        QStringList args{QStringLiteral("-silent"),    QStringLiteral("-no-obsolete"),
                         QStringLiteral("-locations"), QStringLiteral("none"),
                         QStringLiteral("-I"),         sourceDir(),
                         QStringLiteral("-I"),         sourceDir() + QStringLiteral("/app")};
        for (const QString &sub : {QStringLiteral("/ui"), QStringLiteral("/app/core")}) {
            QDirIterator it(sourceDir() + sub, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                args << it.next();
        }
        args << QStringLiteral("-ts");
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("ru")}) {
            const QString copy = dir.filePath(QStringLiteral("tidemark_") + language + QStringLiteral(".ts"));
            QVERIFY(QFile::copy(tsPath(language), copy));
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
            args << copy;
        }
        QProcess lupdate;
        lupdate.start(QStringLiteral(TIDEMARK_LUPDATE), args);
        QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("ru")}) {
            QFile committed(tsPath(language));
            QFile fresh(dir.filePath(QStringLiteral("tidemark_") + language + QStringLiteral(".ts")));
            QVERIFY(committed.open(QIODevice::ReadOnly) && fresh.open(QIODevice::ReadOnly));
            if (committed.readAll() == fresh.readAll())
                continue;
            QStringList changed;
            const auto before = readTs(tsPath(language));
            for (const TsMessage &m : readTs(fresh.fileName())) {
                const bool known = std::any_of(before.begin(), before.end(), [&](const TsMessage &b) {
                    return b.context == m.context && b.source == m.source && b.comment == m.comment;
                });
                if (!known)
                    changed << m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
            }
            QFAIL(qPrintable(QStringLiteral("resources/translations/tidemark_%1.ts is not what lupdate makes of the "
                                            "sources (new or changed strings below, or strings removed). Run "
                                            "`cmake --build <build> --target update_translations` and translate "
                                            "the new strings in tidemark_ru.ts (Qt Linguist).\n%2")
                                 .arg(language, changed.join(QLatin1Char('\n')))));
        }
    }

    void mainWindowIsRussian()
    {
        RussianApp app;
        QVERIFY(populate(app));
        MainWindow &w = *app.window;
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("Tidemark — Встроенный брокер: ")));
        QCOMPARE(w.connectionStatusText(), QStringLiteral("● Подключено · Встроенный брокер: ") + kDataDir);
        QVERIFY(w.diagnostics().contains(QStringLiteral("Language: ru")));

        test::UiTextAudit audit = test::russianAudit();
        audit.auditWindow(&w);
        // The docks behind tabs: bring each to the front and look again.
        for (const char *name : {"eventsDock", "chartsDock", "inspectorDock"}) {
            w.dock(QLatin1String(name))->raise();
            QVERIFY(app.settle());
            QTRY_VERIFY(w.dock(QLatin1String(name))->isVisible());
            audit.auditWindow(&w);
            saveShot(&w, QStringLiteral("ru-main-") + QLatin1String(name));
        }
        if (!audit.clean())
            saveShot(&w, QStringLiteral("ru-main-audit"), true);
        QVERIFY2(audit.clean(), qPrintable(QStringLiteral("\n") + audit.report()));

        // The painted parts are really looked at: the timeline's lanes and the charts.
        const QStringList painted = audit.paintedTexts(&w);
        const auto paintedBy = [&](const char *name, const QString &text) {
            return std::any_of(painted.begin(), painted.end(), [&](const QString &line) {
                return line.section(QLatin1Char('\t'), 0, 0).contains(QLatin1String(name)) &&
                       line.section(QLatin1Char('\t'), 1).contains(text);
            });
        };
        QVERIFY(paintedBy("TimelineCanvas", QStringLiteral("оффсет")));
        QVERIFY(paintedBy("TimelineCanvas", QStringLiteral("3 партиции")));
        QVERIFY(paintedBy("consumerView", QStringLiteral("работает")));

        w.dock(QStringLiteral("inspectorDock"))->raise();
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(&w, QStringLiteral("mainwindow-ru-1280x800"));
    }

    // The first lesson's strip on an empty broker at 1024x700: Russian, whole, and it moves on
    // in Russian once the topic and its first order exist.
    void lessonStripIsRussian()
    {
        RussianApp app(QSize(1024, 700), true);
        QVERIFY(app.showAndConnect());
        MainWindow &w = *app.window;
        LessonStrip *strip = w.lessonStrip();
        QTRY_VERIFY(strip->isVisible());
        QCOMPARE(test::child<QLabel>(strip, QStringLiteral("lessonTitle"))->text(), QStringLiteral("Урок 1/8"));
        QVERIFY2(strip->text().startsWith(QStringLiteral("Начните одним щелчком")), qPrintable(strip->text()));
        auto *start = test::child<QPushButton>(strip, QStringLiteral("lessonStartButton"));
        QCOMPARE(start->text(), QStringLiteral("Создать «orders» и отправить заказ"));
        QVERIFY(app.settle());
        test::UiTextAudit audit = test::russianAudit();
        audit.auditWindow(strip);
        QVERIFY2(audit.clean(), qPrintable(QStringLiteral("\n") + audit.report()));
        auto *text = test::child<QLabel>(strip, QStringLiteral("lessonText"));
        QVERIFY2(text->fontMetrics().horizontalAdvance(strip->text()) <= text->contentsRect().width(),
                 qPrintable(QStringLiteral("the line is cut at 1024 px: %1").arg(strip->text())));

        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE(strip->lesson()->step(), Lesson::Step::Generate);
        QCOMPARE(test::child<QLabel>(strip, QStringLiteral("lessonTitle"))->text(), QStringLiteral("Урок 3/8"));
        QVERIFY2(strip->text().startsWith(QStringLiteral("Дальше: сгенерируйте заказы (Ctrl+G)")),
                 qPrintable(strip->text()));
        QVERIFY2(text->fontMetrics().horizontalAdvance(strip->text()) <= text->contentsRect().width(),
                 qPrintable(QStringLiteral("the line is cut at 1024 px: %1").arg(strip->text())));
    }

    // The consumer events of both brokers as the Events pane words them (the brokers report
    // data, ConsumerManager words it): Russian, with no English left, whichever broker said it.
    void consumerEventsAreRussian_data()
    {
        using Kind = ConsumerEvent::Kind;
        using Reason = ConsumerEvent::Reason;
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("reason");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("generation");
        QTest::addColumn<QString>("startsWith");
        QTest::newRow("assigned, manual") << int(Kind::Assigned) << int(Reason::Manual) << 2 << -1
                                          << QStringLiteral("вручную назначены orders[0], orders[1]");
        QTest::newRow("assigned none, manual")
            << int(Kind::Assigned) << int(Reason::Manual) << 0 << -1 << QStringLiteral("вручную не назначено");
        QTest::newRow("assigned") << int(Kind::Assigned) << int(Reason::Rebalance) << 2 << 3
                                  << QStringLiteral("назначены orders[0], orders[1] (поколение 3)");
        QTest::newRow("assigned none") << int(Kind::Assigned) << int(Reason::Rebalance) << 0 << 3
                                       << QStringLiteral("партиции не назначены (поколение 3)");
        QTest::newRow("assigned, no generation")
            << int(Kind::Assigned) << int(Reason::Rebalance) << 1 << -1 << QStringLiteral("назначены orders[0]");
        QTest::newRow("revoked") << int(Kind::Revoked) << int(Reason::Rebalance) << 1 << 4
                                 << QStringLiteral("отозваны orders[0] (поколение 4)");
        QTest::newRow("revoked, no generation")
            << int(Kind::Revoked) << int(Reason::Rebalance) << 1 << -1 << QStringLiteral("отозваны orders[0]");
        QTest::newRow("lost") << int(Kind::Lost) << int(Reason::Rebalance) << 1 << 4
                              << QStringLiteral("потеряны orders[0]");
        QTest::newRow("evicted") << int(Kind::Lost) << int(Reason::Evicted) << 2 << 4
                                 << QStringLiteral("потеряны orders[0], orders[1]: исключён из группы");
        QTest::newRow("evicted, nothing held")
            << int(Kind::Lost) << int(Reason::Evicted) << 0 << 4 << QStringLiteral("исключён из группы");
        QTest::newRow("takeover") << int(Kind::Info) << int(Reason::Takeover) << 1 << 4
                                  << QStringLiteral("подхватил orders[0] у участника billing-2");
        QTest::newRow("topic missing") << int(Kind::Info) << int(Reason::TopicMissing) << 0 << 1
                                       << QStringLiteral("топика «orders» ещё нет");
    }

    void consumerEventsAreRussian()
    {
        QFETCH(int, kind);
        QFETCH(int, reason);
        QFETCH(int, partitions);
        QFETCH(int, generation);
        QFETCH(QString, startsWith);
        ConsumerEvent e;
        e.kind = ConsumerEvent::Kind(kind);
        e.reason = ConsumerEvent::Reason(reason);
        for (int p = 0; p < partitions; ++p)
            e.partitions.push_back({QStringLiteral("orders"), p});
        e.generation = generation;
        e.groupId = QStringLiteral("billing");
        e.previousOwner = QStringLiteral("billing-2");
        e.topic = QStringLiteral("orders");
        e.sessionTimeoutMs = 2000;
        const QString text = ConsumerManager::eventText(e);
        QVERIFY2(text.startsWith(startsWith), qPrintable(text));
        test::UiTextAudit audit = test::russianAudit();
        audit.checkText(QStringLiteral("eventsView"), text);
        QVERIFY2(audit.clean(), qPrintable(audit.report()));
    }

    // A broker's name ("Встроенный брокер: /путь", "Kafka: host:port") is a nominative noun
    // phrase: the connection's lines never put a preposition before it ("подключено к
    // Встроенный брокер", "отключилось от Встроенный брокер"): it is set apart instead. Seen
    // when connecting, asking before a switch with consumers running, staying, disconnecting.
    void brokerNamesStayNominative()
    {
        RussianApp app;
        QVERIFY(populate(app));
        MainWindow &w = *app.window;
        ConnectionSpec other;
        other.kind = ConnectionSpec::Kind::Local;
        other.dataDirectory = QStringLiteral("/tmp/other");
        w.connectTo(other);
        QPointer<QMessageBox> box;
        QTRY_VERIFY((box = test::child<QMessageBox>(&w, QStringLiteral("switchConnectionBox"))));
        QStringList texts{box->text(), box->informativeText()};
        test::child<QPushButton>(box, QStringLiteral("keepConnectionButton"))->click();
        w.disconnectBackend();
        QTRY_COMPARE(w.consumerManager()->activeCount(), 0);
        const EventLogModel *events = w.eventsPane()->model();
        for (int row = 0; row < events->rowCount(); ++row)
            texts << events->data(events->index(row, EventLogModel::MessageColumn)).toString();
        const QString all = texts.join(QLatin1Char('\n'));
        // The lines this is about are there (the test is not vacuous).
        QCOMPARE(texts.filter(QStringLiteral("Встроенный брокер: ")).size() >= 5, true);
        static const QRegularExpression preposition(
            QStringLiteral("(^|\\s)(к|от|на|с|в|из|до|о|по)\\s+(Встроенный брокер|Kafka:)"),
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!preposition.match(all).hasMatch(), qPrintable(all));
    }

    // Numbers and names the reviewer found English or half-English: seconds with the locale's
    // decimal comma (as "300,00" elsewhere), the default Kafka profile's name shown in Russian
    // but saved as it always was (it keys the profile's secrets and the last connection), no
    // capital after a colon in the failed connection test.
    void numbersAndNamesAreRussian()
    {
        ConsumerEvent e;
        e.kind = ConsumerEvent::Kind::Lost;
        e.reason = ConsumerEvent::Reason::Evicted;
        e.groupId = QStringLiteral("billing");
        e.sessionTimeoutMs = 1500;
        const QString evicted = ConsumerManager::eventText(e);
        QVERIFY2(evicted.contains(QStringLiteral("(1,5 с)")), qPrintable(evicted));

        QCOMPARE(shownProfileName(defaultKafkaProfileName()), QStringLiteral("Локальный кластер (compose)"));
        QCOMPARE(savedProfileName(QStringLiteral("Локальный кластер (compose)")), defaultKafkaProfileName());
        QCOMPARE(shownProfileName(QStringLiteral("prod")), QStringLiteral("prod"));
        QCOMPARE(savedProfileName(QStringLiteral("prod")), QStringLiteral("prod"));

        const QString failed = QCoreApplication::translate("tidemark::KafkaProfilesDialog", "Failed: %1")
                                   .arg(QStringLiteral("На 127.0.0.1:9099 никто не слушает."));
        QVERIFY2(!failed.contains(QRegularExpression(QStringLiteral(": \\p{Lu}"))), qPrintable(failed));
    }

    // Compact counts in Russian (reviewer F10: the timeline footer read "22k записей"): the
    // units are Russian words ("тыс.", "млн", "млрд") and the decimal point is the locale's comma.
    void compactNumbersAreRussian()
    {
        QCOMPARE(timelinepaint::formatCompact(22000), QStringLiteral("22 тыс."));
        QCOMPARE(timelinepaint::formatCompact(12345), QStringLiteral("12,3 тыс."));
        QCOMPARE(timelinepaint::formatCompact(1500000), QStringLiteral("1,5 млн"));
        QCOMPARE(timelinepaint::formatCompact(2000000000), QStringLiteral("2 млрд"));
        QCOMPARE(timelinepaint::formatCompact(9999), QLocale().toString(9999));
        QCOMPARE(TimelineChromePainter::summaryText(3, 22000), QStringLiteral("3 партиции · 22 тыс. записей"));
    }

    // The connection row at 1024 px: the Russian serve switch's text does not fit, so it shows
    // its icon alone and nothing goes behind "»" (before: the switch, New Topic and Refresh
    // did); at 1600 px its text is back.
    void connectionRowKeepsEveryItem_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("textShown");
        QTest::newRow("1024x700") << QSize(1024, 700) << false;
        QTest::newRow("1600x1000") << QSize(1600, 1000) << true;
    }
    void connectionRowKeepsEveryItem()
    {
        QFETCH(QSize, size);
        QFETCH(bool, textShown);
        test::ManualClock clock;
        QTemporaryDir settings;
        auto backend =
            std::make_shared<test::FakeBackend>(QStringLiteral("Local: ") + test::shownDataDirectory(), clock.clock());
        test::WindowSetup setup{test::fakeOpener(backend), size, true, test::fastConsumerOptions(),
                                QStringLiteral("ru")};
        setup.serveStarter = [](const ConnectionSpec &, const ServeAddress &,
                                std::function<void(const ServeEvent &)>) -> Result<std::unique_ptr<ServedListener>> {
            return Error(ErrorCode::Unknown, QStringLiteral("not in this test"));
        };
        std::unique_ptr<MainWindow> w = test::makeMainWindow(setup, clock, settings);
        QVERIFY(test::showAndConnect(*w));
        QVERIFY(test::settleWindow(*w));
        auto *bar = test::child<QToolBar>(w.get(), QStringLiteral("connectionToolbar"));
        auto *serve = test::child<QToolButton>(w.get(), QStringLiteral("serveKafkaButton"));
        QVERIFY(bar && serve);
        for (QAction *action : bar->actions())
            if (QWidget *item = bar->widgetForAction(action); item && action->isVisible())
                QVERIFY2(item->isVisible(),
                         qPrintable(QLatin1String(item->metaObject()->className()) + QStringLiteral(" ") +
                                    item->objectName() + QStringLiteral(" ") + action->text()));
        QCOMPARE(serve->toolButtonStyle() == Qt::ToolButtonTextBesideIcon, textShown);
        QVERIFY(serve->toolTip().contains(QStringLiteral("Kafka")));
    }

    void dialogsAreRussian_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("dialog");
        QTest::newRow("new topic") << QStringLiteral("newTopic") << QStringLiteral("createTopicDialog");
        QTest::newRow("delete topic") << QStringLiteral("deleteTopic") << QStringLiteral("confirmDeleteTopic");
        QTest::newRow("Kafka profiles") << QStringLiteral("kafkaProfiles") << QStringLiteral("kafkaProfilesDialog");
        QTest::newRow("about") << QStringLiteral("about") << QStringLiteral("aboutBox");
        QTest::newRow("shortcuts") << QStringLiteral("shortcuts") << QStringLiteral("shortcutsDialog");
        QTest::newRow("language") << QStringLiteral("language_en") << QStringLiteral("languageRestartBox");
    }
    void dialogsAreRussian()
    {
        QFETCH(QString, action);
        QFETCH(QString, dialog);
        RussianApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.showAndConnect());
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        auto *trigger = test::child<QAction>(app.window.get(), action);
        QVERIFY(trigger);
        trigger->trigger();
        QDialog *shown = nullptr;
        QTRY_VERIFY((shown = test::child<QDialog>(app.window.get(), dialog)) && shown->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(shown));
        if (dialog == QLatin1String("createTopicDialog")) // show its validation message too
            test::child<QLineEdit>(shown, QStringLiteral("topicName"))->setText(QStringLiteral("заказы 2024"));
        test::flushEvents();
        test::UiTextAudit audit = test::russianAudit();
        audit.auditWindow(shown);
        saveShot(shown, QStringLiteral("ru-") + dialog, !audit.clean());
        QVERIFY2(audit.clean(), qPrintable(QStringLiteral("\n") + audit.report()));
        if (auto *box = qobject_cast<QMessageBox *>(shown))
            for (QAbstractButton *b : box->buttons())
                QVERIFY2(b->text() == QLatin1String("OK") ||
                             !b->text().contains(QRegularExpression(QStringLiteral("[A-Za-z]{2}"))),
                         qPrintable(b->text())); // Qt's own buttons come from qtbase_ru
        shown->close();
    }

    // The audit is not blind: English put into each kind of place is reported there.
    void auditCatchesEnglish_data()
    {
        QTest::addColumn<QString>("place");
        QTest::newRow("status bar label") << QStringLiteral("label");
        QTest::newRow("status message") << QStringLiteral("message");
        QTest::newRow("button") << QStringLiteral("button");
        QTest::newRow("tooltip") << QStringLiteral("tooltip");
        QTest::newRow("placeholder") << QStringLiteral("placeholder");
        QTest::newRow("combo item") << QStringLiteral("combo");
        QTest::newRow("menu action") << QStringLiteral("action");
        QTest::newRow("dock title") << QStringLiteral("dock");
        QTest::newRow("painted only") << QStringLiteral("painted");
        QTest::newRow("English source text of a label") << QStringLiteral("source");
        QTest::newRow("clipped label") << QStringLiteral("clipped");
    }
    void auditCatchesEnglish()
    {
        QFETCH(QString, place);
        RussianApp app;
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.showAndConnect());
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        MainWindow &w = *app.window;
        QVERIFY(app.settle());
        {
            test::UiTextAudit before = test::russianAudit();
            before.auditWindow(&w);
            QVERIFY2(before.clean(), qPrintable(before.report()));
        }
        const QString english = QStringLiteral("Untranslated words");
        QString expected = QStringLiteral("Latin word 'Untranslated'");
        if (place == QLatin1String("label")) {
            w.statusBar()->addWidget(new QLabel(english));
        } else if (place == QLatin1String("message")) {
            w.statusBar()->showMessage(english);
        } else if (place == QLatin1String("button")) {
            w.consumersPanel()->findChild<QPushButton *>(QStringLiteral("stopConsumerButton"))->setText(english);
        } else if (place == QLatin1String("tooltip")) {
            w.topicBrowser()->findChild<QToolButton *>(QStringLiteral("refreshTopicsButton"))->setToolTip(english);
        } else if (place == QLatin1String("placeholder")) {
            w.topicBrowser()->findChild<QLineEdit *>(QStringLiteral("topicFilter"))->setPlaceholderText(english);
        } else if (place == QLatin1String("combo")) {
            w.messagesPanel()->findChild<QComboBox *>(QStringLiteral("partitionChoice"))->addItem(english);
        } else if (place == QLatin1String("action")) {
            w.menuBar()->actions().constLast()->menu()->addAction(english);
        } else if (place == QLatin1String("dock")) {
            w.dock(QStringLiteral("chartsDock"))->setWindowTitle(english);
        } else if (place == QLatin1String("painted")) {
            // A widget that paints English and exposes no property with it.
            class Painter final : public QWidget {
            public:
                using QWidget::QWidget;

            protected:
                void paintEvent(QPaintEvent *) override
                {
                    QPainter p(this);
                    p.drawText(rect(), Qt::AlignCenter, QStringLiteral("Untranslated words"));
                }
            };
            auto *painter = new Painter;
            painter->setMinimumSize(160, 16);
            w.statusBar()->addWidget(painter);
        } else if (place == QLatin1String("source")) {
            w.statusBar()->addWidget(new QLabel(QStringLiteral("Not connected")));
            expected = QStringLiteral("English source text");
        } else if (place == QLatin1String("clipped")) {
            auto *label = new QLabel(QStringLiteral("очень длинная надпись, которой не хватает места"));
            label->setFixedWidth(40);
            w.statusBar()->addWidget(label);
            expected = QStringLiteral("clipped: needs");
        }
        QCoreApplication::processEvents();
        QVERIFY(app.settle());
        test::UiTextAudit after = test::russianAudit();
        after.auditWindow(&w);
        QVERIFY2(!after.clean(), "the audit missed the injected text");
        QVERIFY2(after.report().contains(expected), qPrintable(after.report()));
    }

    // View > Language: System, English, Русский; the choice is stored and a restart offered.
    void languageSwitch()
    {
        RussianApp app;
        QVERIFY(app.showAndConnect());
        MainWindow &w = *app.window;
        QMenu *menu = w.menuBar()->findChild<QMenu *>(QStringLiteral("languageMenu"));
        QVERIFY(menu);
        QCOMPARE(menu->title(), QStringLiteral("&Язык"));
        QStringList texts;
        for (QAction *a : menu->actions())
            texts << a->text();
        QCOMPARE(texts, (QStringList{QStringLiteral("&Системный язык"), QStringLiteral("English"),
                                     QStringLiteral("Русский")}));
        QVERIFY(test::child<QAction>(&w, QStringLiteral("language_system"))->isChecked());

        // Russian while Russian is shown: stored, nothing to restart.
        test::child<QAction>(&w, QStringLiteral("language_ru"))->trigger();
        QCOMPARE(languageSetting(w.settings()), LanguageChoice::Russian);
        // No wait: trigger() runs MainWindow::setLanguage(), which builds the box right there
        // when it offers a restart, so no box now means none is coming.
        QVERIFY(!test::child<QMessageBox>(&w, QStringLiteral("languageRestartBox")));

        // English: stored, and the window offers to restart; "Later" keeps running.
        QSignalSpy restart(&w, &MainWindow::restartRequested);
        test::child<QAction>(&w, QStringLiteral("language_en"))->trigger();
        QCOMPARE(languageSetting(w.settings()), LanguageChoice::English);
        QCOMPARE(QSettings(w.settings().fileName(), QSettings::IniFormat).value(QStringLiteral("view/language")),
                 QVariant(QStringLiteral("en")));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = test::child<QMessageBox>(&w, QStringLiteral("languageRestartBox"))));
        QPointer<QMessageBox> closing(box);
        QTest::mouseClick(test::child<QPushButton>(box, QStringLiteral("restartLaterButton")), Qt::LeftButton);
        // Wait until the box is gone (deleted on close). "Restart now" asks through a 0 ms timer
        // posted by the click, before the box's deferred deletion, so a restart asked for by
        // mistake would have been signalled by then.
        QTRY_VERIFY(closing.isNull());
        QCOMPARE(restart.count(), 0);
        QVERIFY(test::child<QAction>(&w, QStringLiteral("language_en"))->isChecked());

        // System: the setting is removed; "Restart now" asks main() to restart.
        test::child<QAction>(&w, QStringLiteral("language_system"))->trigger();
        QVERIFY(!w.settings().contains(QStringLiteral("view/language")));
        if (languageFor(QLocale::system()) != QLatin1String("ru")) {
            QTRY_VERIFY((box = test::child<QMessageBox>(&w, QStringLiteral("languageRestartBox"))));
            QTest::mouseClick(test::child<QPushButton>(box, QStringLiteral("restartNowButton")), Qt::LeftButton);
            QTRY_COMPARE(restart.count(), 1);
        }
    }

    // In every menu of the Russian UI each accelerator letter is used once.
    void menuAcceleratorsAreUnique()
    {
        RussianApp app;
        QVERIFY(app.showAndConnect());
        QStringList clashes;
        std::function<void(const QList<QAction *> &, const QString &)> walk = [&](const QList<QAction *> &actions,
                                                                                  const QString &where) {
            QMap<QString, QString> used;
            for (QAction *a : actions) {
                if (a->isSeparator())
                    continue;
                const QString m = mnemonic(a->text());
                if (!m.isEmpty() && used.contains(m))
                    clashes << QStringLiteral("%1: '%2' in \"%3\" and \"%4\"").arg(where, m, used[m], a->text());
                used[m] = a->text();
                if (a->menu())
                    walk(a->menu()->actions(), where + QLatin1Char('/') + a->text());
            }
        };
        walk(app.window->menuBar()->actions(), QStringLiteral("menu bar"));
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    // Counts in Russian plural forms (1, 21: the first form; 2: the second; 5: the third): the
    // producer's job line and its event while it generates orders ("Генерация: 21 заказ…",
    // "генерация: 21 заказ в «orders»"), and the hover card of a group's committed offset on the
    // timeline ("Лаг: 21 запись").
    void countsInPluralForms_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("orders");
        QTest::addColumn<QString>("records");
        QTest::newRow("1") << 1 << QStringLiteral("1 заказ") << QStringLiteral("1 запись");
        QTest::newRow("2") << 2 << QStringLiteral("2 заказа") << QStringLiteral("2 записи");
        QTest::newRow("5") << 5 << QStringLiteral("5 заказов") << QStringLiteral("5 записей");
        QTest::newRow("21") << 21 << QStringLiteral("21 заказ") << QStringLiteral("21 запись");
    }
    void countsInPluralForms()
    {
        QFETCH(int, count);
        QFETCH(QString, orders);
        QFETCH(QString, records);

        // Generate `count` orders, as fast as possible and then at a rate.
        RussianApp app(QSize(1280, 800));
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.showAndConnect());
        MainWindow &w = *app.window;
        QTRY_COMPARE(w.selectedTopic(), QStringLiteral("orders"));
        ProducerPanel *producer = w.producerPanel();
        auto *status = test::child<QLabel>(producer, QStringLiteral("jobStatus"));
        QSignalSpy finished(producer, &ProducerPanel::jobFinished);
        for (const int rate : {0, 1000}) {
            test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(count);
            test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(rate);
            const int before = int(finished.count());
            QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
            // Said when the job starts (the job reports its end through the event loop).
            QCOMPARE(status->text(), QStringLiteral("Генерация: %1…").arg(orders));
            QTRY_COMPARE_WITH_TIMEOUT(int(finished.count()), before + 1, 20000);
        }
        QStringList events;
        EventLogModel *log = w.eventsPane()->model();
        for (int row = 0; row < log->rowCount(); ++row)
            events << log->entryAt(row).message;
        QVERIFY2(events.contains(QStringLiteral("генерация: %1 в «orders»").arg(orders)),
                 qPrintable(events.join(QLatin1Char('\n'))));
        QVERIFY2(
            events.contains(
                QStringLiteral("генерация: %1, по %2 в секунду, в «orders»").arg(orders, QLocale().toString(1000))),
            qPrintable(events.join(QLatin1Char('\n'))));

        // The pointer on the committed offset of a group `count` records behind the end.
        constexpr qint64 end = 40;
        TimelineView view;
        view.resize(960, 440);
        view.setTopic(QStringLiteral("orders"));
        view.model()->setPartitions({test::partitionInfo(0, 0, end)});
        view.model()->addSummaries(0, test::summaries(0, 0, end));
        view.model()->setGroups(
            {test::groupInfo(QStringLiteral("billing"), QStringLiteral("orders"), {end - count}, {end})});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint at(int(view.xForOffset(double(end - count))), view.stripRect(0).bottom() + 4);
        QMouseEvent move(QEvent::MouseMove, QPointF(at), view.canvas()->mapToGlobal(QPointF(at)), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(view.canvas(), &move);
        const QStringList painted = test::russianAudit().paintedTexts(view.canvas());
        const QString lag = QStringLiteral("Лаг: ") + records;
        QVERIFY2(std::any_of(painted.begin(), painted.end(),
                             [&](const QString &line) { return line.section(QLatin1Char('\t'), 1) == lag; }),
                 qPrintable(painted.join(QLatin1Char('\n'))));
    }

private:
    Translations m_translations;
};

QTEST_MAIN(TestRussianUi)
#include "tst_russian_ui.moc"
