// A Kafka profile whose port is closed (issue 14 item 1), through the real Kafka backend:
// the state is never "Connected" at any point of the attempt (checked on every state
// change), the failure leads with one human sentence with librdkafka's text behind
// "Details", the events pane never says "connected to Kafka", running consumers are only
// given up after the user said so, and "Test connection" answers without widening the
// profiles dialog.

#include "../common/ClosedPort.h"
#include "AppFixture.h"
#include "UiTestSupport.h"
#include "backends/BackendFactory.h"
#include "core/ConsumerManager.h"
#include "ui/ConnectionBar.h"
#include "ui/ConnectionNotice.h"
#include "ui/Style.h"
#include "ui/dialogs/KafkaProfilesDialog.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QToolButton>

using namespace tidemark;

namespace {

using test::closedPort;

QStringList events(MainWindow &w)
{
    QStringList out;
    EventLogModel *m = w.eventsPane()->model();
    for (int i = 0; i < m->rowCount(); ++i)
        out << m->entryAt(i).message;
    return out;
}

} // namespace

class TestConnectionRefused final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void aClosedPortIsNeverConnected()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const KafkaProfile profile = test::kafkaProfileOnPort(port, QStringLiteral("closed")); // 5-minute timeout

        test::ManualClock clock;
        QTemporaryDir settingsDir;
        auto local = std::make_shared<test::FakeBackend>(QStringLiteral("Local: /data"), clock.clock());
        QVERIFY(local->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        // The built-in broker is the fake; Kafka profiles open the real Kafka backend.
        BackendOpener opener = [localOpener = test::fakeOpener(local)](const ConnectionSpec &spec) {
            return spec.kind == ConnectionSpec::Kind::Local ? localOpener(spec) : openBackend(spec);
        };
        auto w = test::makeMainWindow(test::WindowSetup{opener, QSize(1280, 800), true, test::fastConsumerOptions()},
                                      clock, settingsDir);
        QVERIFY(test::showAndConnect(*w));
        ConnectionLifecycle *lifecycle = w->connectionLifecycle();
        QCOMPARE(lifecycle->state(), ConnectionState::Connected);

        // Consumers running on the built-in broker.
        QVERIFY(!w->consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());
        QVERIFY(!w->consumerManager()->start(QStringLiteral("billing"), {QStringLiteral("orders")}).isEmpty());
        QTRY_COMPARE(w->consumerManager()->activeCount(), 2);

        // Every state change, with what the views said at that moment.
        QList<ConnectionState> seen;
        QStringList saidConnected;
        connect(lifecycle, &ConnectionLifecycle::stateChanged, this, [&](ConnectionState state) {
            seen << state;
            if (w->isConnected() && lifecycle->spec()->kind == ConnectionSpec::Kind::Kafka)
                saidConnected << QStringLiteral("isConnected()");
            if (w->connectionBar()->stateText().contains(QStringLiteral("Connected")))
                saidConnected << w->connectionBar()->stateText();
            if (w->connectionStatusText().contains(QStringLiteral("Connected")))
                saidConnected << w->connectionStatusText();
        });
        QSignalSpy spy(lifecycle, &ConnectionLifecycle::stateChanged);

        ConnectionBar *bar = w->connectionBar();
        bar->setProfiles({profile});
        QComboBox *choice = bar->combo();
        const auto chooseKafka = [&] {
            choice->setCurrentIndex(1);
            emit choice->activated(1);
        };

        // Choosing the profile asks first: the consumers would stop. Keeping the connection
        // keeps them and puts the switcher back.
        chooseKafka();
        QPointer<QMessageBox> box;
        QTRY_VERIFY((box = test::child<QMessageBox>(w.get(), QStringLiteral("switchConnectionBox"))));
        QVERIFY2(box->text().startsWith(QStringLiteral("2 consumers are running on ")), qPrintable(box->text()));
        // While it asks, the switcher still shows the broker in use (whose state is "Connected").
        QCOMPARE(choice->currentIndex(), 0);
        test::child<QPushButton>(box, QStringLiteral("keepConnectionButton"))->click();
        QTRY_VERIFY(!box);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(w->consumerManager()->activeCount(), 2);
        QCOMPARE(choice->currentIndex(), 0);
        QVERIFY(w->isConnected());

        // Now for real.
        chooseKafka();
        QTRY_VERIFY((box = test::child<QMessageBox>(w.get(), QStringLiteral("switchConnectionBox"))));
        test::child<QPushButton>(box, QStringLiteral("switchConnectionButton"))->click();
        QTRY_COMPARE(lifecycle->state(), ConnectionState::Unreachable);
        QCOMPARE(seen, (QList<ConnectionState>{ConnectionState::Connecting, ConnectionState::Unreachable}));
        QVERIFY2(saidConnected.isEmpty(), qPrintable(saidConnected.join(QStringLiteral(" | "))));
        QVERIFY(!w->isConnected());
        QCOMPARE(w->consumerManager()->activeCount(), 0);

        // One sentence first, the library's words behind "Details".
        const QString sentence = QStringLiteral("Nothing is listening on 127.0.0.1:%1. Is Kafka running").arg(port);
        ConnectionNotice *notice = w->connectionNotice();
        QTRY_VERIFY(notice->isVisible());
        QVERIFY2(notice->headline().startsWith(sentence), qPrintable(notice->headline()));
        // The advice fits the address: this port is not the compose cluster's, whose
        // "docker compose up -d" would start brokers on 9094-9096 and leave this one closed.
        QCOMPARE(notice->headline(), QStringLiteral("Nothing is listening on 127.0.0.1:%1. Is Kafka running there? Or "
                                                    "switch back to the built-in broker.")
                                         .arg(port));
        // The same refusal on the compose cluster's addresses (the default profile) does say
        // how to start that cluster.
        ConnectionSpec compose;
        compose.kind = ConnectionSpec::Kind::Kafka;
        const ConnectionFailure composeFailure =
            explainConnectionFailure(compose, Error(ErrorCode::Unavailable, lifecycle->failure()->details));
        QCOMPARE(composeFailure.kind, ConnectionFailure::Kind::Refused);
        QVERIFY2(composeFailure.headline.startsWith(
                     QStringLiteral("Nothing is listening on 127.0.0.1:9094, 127.0.0.1:9095, 127.0.0.1:9096. Is Kafka "
                                    "running? Start it (the cluster of packaging/compose starts with “docker compose "
                                    "up -d”)")),
                 qPrintable(composeFailure.headline));
        QVERIFY(!notice->detailsShown());
        // The banner is as tall as its wrapped sentence needs, and the window keeps its size:
        // a word-wrapped label's own hints once made the row, and the window, grow to 1,255 px.
        test::flushEvents();
        QCOMPARE(w->height(), 800);
        const auto fitsItsText = [notice] {
            const int need = notice->layout()->totalHeightForWidth(notice->width());
            return notice->height() <= need + 8 ? QString() : QStringLiteral("%1 > %2").arg(notice->height()).arg(need);
        };
        QVERIFY2(fitsItsText().isEmpty(), qPrintable(fitsItsText()));
        auto *details = test::child<QToolButton>(notice, QStringLiteral("connectionNoticeDetailsButton"));
        QVERIFY(details->isVisible());
        details->click();
        QVERIFY(notice->detailsShown());
        QVERIFY2(notice->details().contains(QStringLiteral("Connection refused")), qPrintable(notice->details()));
        QVERIFY(w->connectionStatusText().contains(QStringLiteral("Unreachable · ") + sentence));
        QCOMPARE(bar->stateText(), QStringLiteral("● Unreachable"));
        // Open, the details add their own few lines and nothing more. (At 800 px the docks'
        // minimum heights leave no room to spare, so the window may grow by that much.)
        test::flushEvents();
        QVERIFY2(fitsItsText().isEmpty(), qPrintable(fitsItsText()));
        const int detailsHeight =
            test::child<QPlainTextEdit>(notice, QStringLiteral("connectionNoticeDetails"))->height();
        QVERIFY2(w->height() <= 800 + detailsHeight + 8, qPrintable(QString::number(w->height())));
        // The notice wraps inside the window.
        QVERIFY(notice->window() == w.get());
        QVERIFY(notice->mapTo(w.get(), QPoint(notice->width(), 0)).x() <= w->width());
        // Its sentence is in the theme's red (in the role the label draws with, ButtonText in a
        // tool bar), in the light theme, in the dark one (View > Theme) and back in the light.
        auto *headline = test::child<QLabel>(notice, QStringLiteral("connectionNoticeText"));
        const auto red = [headline] {
            const QPalette p = headline->palette();
            return p.color(headline->foregroundRole()) == style::toneColor(style::Tone::Bad, p);
        };
        QVERIFY2(red(), qPrintable(headline->palette().color(headline->foregroundRole()).name()));
        const QPalette lightPalette = w->palette();
        test::child<QAction>(w.get(), QStringLiteral("theme_dark"))->trigger();
        QTRY_VERIFY(style::isDark(headline->palette()));
        QVERIFY2(red(), qPrintable(headline->palette().color(headline->foregroundRole()).name()));
        test::child<QAction>(w.get(), QStringLiteral("theme_system"))->trigger();
        QTRY_COMPARE(w->palette(), lightPalette);
        QTRY_VERIFY(!style::isDark(headline->palette()));
        QVERIFY2(red(), qPrintable(headline->palette().color(headline->foregroundRole()).name()));

        const QStringList log = events(*w);
        QVERIFY2(!log.join(QLatin1Char('\n')).contains(QStringLiteral("connected to Kafka")),
                 qPrintable(log.join(QLatin1Char('\n'))));
        QVERIFY(std::any_of(log.begin(), log.end(), [&](const QString &e) { return e.startsWith(sentence); }));
        QVERIFY(w->diagnostics().contains(QStringLiteral("(unreachable); last error: ")));

        // Back to the built-in broker from the notice.
        test::child<QPushButton>(notice, QStringLiteral("connectionNoticeBuiltIn"))->click();
        QTRY_COMPARE(lifecycle->state(), ConnectionState::Connected);
        QTRY_VERIFY(!notice->isVisible());
        QCOMPARE(lifecycle->spec()->kind, ConnectionSpec::Kind::Local);
    }

    // "Test connection" on the closed port: the same sentence, the raw text behind Details,
    // and the dialog keeps its width (Cancel stays on screen).
    void testConnectionKeepsTheDialogWidth()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const KafkaProfile profile = test::kafkaProfileOnPort(port, QStringLiteral("closed")); // 5-minute timeout
        BackendConnector connector([](const ConnectionSpec &spec) { return openBackend(spec); });
        KafkaProfilesDialog dialog({profile}, &connector, false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const int width = dialog.width();
        test::child<QPushButton>(&dialog, QStringLiteral("testProfileButton"))->click();
        QTRY_VERIFY(dialog.testResult().startsWith(QStringLiteral("Failed: ")));
        QVERIFY2(dialog.testResult().contains(QStringLiteral("Nothing is listening on 127.0.0.1:%1").arg(port)),
                 qPrintable(dialog.testResult()));
        QVERIFY2(dialog.testResult().contains(QStringLiteral("Is Kafka running there? Or switch back")) &&
                     !dialog.testResult().contains(QStringLiteral("docker compose")),
                 qPrintable(dialog.testResult()));
        QVERIFY(dialog.testDetails().contains(QStringLiteral("Connection refused")));
        test::flushEvents();
        QCOMPARE(dialog.width(), width);
        // The whole sentence is visible, not cut at the bottom of a narrow cell.
        auto *result = test::child<QLabel>(&dialog, QStringLiteral("testResult"));
        QVERIFY2(
            result->height() >= result->heightForWidth(result->width()),
            qPrintable(QStringLiteral("%1 < %2").arg(result->height()).arg(result->heightForWidth(result->width()))));
        QPushButton *cancel = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel);
        QVERIFY(dialog.rect().contains(QRect(cancel->mapTo(&dialog, QPoint(0, 0)), cancel->size())));
        QVERIFY(result->mapTo(&dialog, QPoint(result->width(), 0)).x() <= dialog.width());
    }
};

QTEST_MAIN(TestConnectionRefused)
#include "tst_connection_refused.moc"
