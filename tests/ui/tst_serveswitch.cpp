// The app's "Serve Kafka clients" switch (Broker menu, connection bar, Ctrl+Shift+L) over the
// real listener and the real built-in broker: it serves the directory the app is connected
// to, the status bar shows the bound address and the number of connected clients, clients'
// connects, disconnects and errors land in the Events pane, a second listener on the same
// directory is reported with who holds it, another address than loopback needs an explicit
// setting and comes with a warning, and only the built-in broker offers the switch. The GUI
// thread never starts or stops the listener itself (GuiThreadWatch counts).

#include "ServingAppFixture.h"
#include "kafkaserver/KafkaListener.h"

#include <QCoreApplication>
#include <QDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QToolButton>
#include <QTreeWidget>

using namespace tidemark;

namespace {

QLabel *serveStatus(const test::ServingApp &app)
{
    return test::child<QLabel>(app.window.get(), QStringLiteral("serveStatus"));
}

std::unique_ptr<QTcpSocket> connectClient(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), port);
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

} // namespace

class TestServeSwitch final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void servesCountsAndLogsClients()
    {
        test::ServingApp app;
        QVERIFY(app.showAndConnect());
        QAction *serve = app.serveAction();
        QVERIFY(serve);
        QVERIFY(serve->isCheckable());
        QTRY_VERIFY(serve->isEnabled());
        QVERIFY(!serve->isChecked());
        QCOMPARE(serve->text(), QStringLiteral("&Serve Kafka Clients on 127.0.0.1:0"));
        // In the Broker menu and as a button of the connection bar.
        auto *menu = test::child<QMenu>(app.window.get(), QStringLiteral("brokerMenu"));
        QVERIFY(menu && menu->actions().contains(serve));
        QVERIFY(app.window->menuBar()->actions().contains(menu->menuAction()));
        auto *button = test::child<QToolButton>(app.window.get(), QStringLiteral("serveKafkaButton"));
        QVERIFY(button && button->defaultAction() == serve && button->isVisible());
        QVERIFY(!serveStatus(app)->isVisible());

        test::GuiThreadWatch::instance().arm();
        serve->trigger();
        QVERIFY(serve->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(app.window->serveSwitch()->isServing(), 10000);
        const quint16 port = app.port();
        QVERIFY(port != 0);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        QVERIFY(serve->text().endsWith(address));
        QVERIFY(serveStatus(app)->isVisible());
        QCOMPARE(serveStatus(app)->text(), QStringLiteral("Kafka clients: %1 · connected: 0").arg(address));
        QVERIFY(app.logged(QStringLiteral("serving Kafka clients on %1").arg(address)));

        // Three clients; one of them sends a request of a negative size (closed, an error).
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(connectClient(port));
            QVERIFY(clients.back());
        }
        QTRY_COMPARE(serveStatus(app)->text(), QStringLiteral("Kafka clients: %1 · connected: 3").arg(address));
        QCOMPARE(app.window->serveSwitch()->connectedClients(), 3);
        const QString first = QStringLiteral("127.0.0.1:%1").arg(clients[0]->localPort());
        QVERIFY(app.logged(QStringLiteral("client %1 connected").arg(first)));
        clients[0]->write(QByteArray("\xff\xff\xff\xff", 4));
        QTRY_VERIFY(app.logged(QStringLiteral("client %1: request size -1 is negative").arg(first)));
        QTRY_VERIFY(app.logged(QStringLiteral("client %1 disconnected").arg(first)));
        QTRY_COMPARE(app.window->serveSwitch()->connectedClients(), 2);
        clients.clear();
        QTRY_COMPARE(serveStatus(app)->text(), QStringLiteral("Kafka clients: %1 · connected: 0").arg(address));

        // Off from the keyboard.
        QTest::keyClick(app.window.get(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(app.window->serveSwitch()->state(), ServeSwitch::State::Off);
        QVERIFY(!serve->isChecked());
        QVERIFY(!serveStatus(app)->isVisible());
        QVERIFY(app.logged(QStringLiteral("stopped serving Kafka clients")));
        QTcpSocket late;
        late.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(!late.waitForConnected(5000)); // refused: nobody listens any more
        QCOMPARE(test::GuiThreadWatch::instance().disarm(), QStringList());
    }

    // What a Kafka client produces is the app's: the topic appears in the topic list.
    void clientsTopicsAppearInTheApp()
    {
        test::ServingApp app;
        QVERIFY(app.showAndConnect());
        app.serveAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(app.window->serveSwitch()->isServing(), 10000);
        QVERIFY(app.window->serveSwitch()->dataDirectory().size() > 0);
        // A listener of the same directory opened by someone else sees the app's topics, and
        // the app sees what arrives through the listener (one storage).
        QVERIFY(app.backend().createTopic(TopicSpec{QStringLiteral("orders"), 2, 1, {}}).ok());
        app.window->topicBrowser()->refresh();
        QTRY_VERIFY(app.window->topicBrowser()->topicInfo(QStringLiteral("orders")).has_value());
    }

    void secondListenerIsReportedWithItsHolder()
    {
        test::ServingApp app;
        QVERIFY(app.showAndConnect());
        // Someone else (as `tidemark-cli serve` would) already serves the directory.
        kafkaserver::ListenerOptions options;
        options.dataDirectory = app.dataDir.path();
        options.port = 0;
        auto other = kafkaserver::KafkaListener::start(options);
        QVERIFY2(other.ok(), other ? "" : qPrintable(other.error().message));
        QSignalSpy failed(app.window->serveSwitch(), &ServeSwitch::failed);
        app.serveAction()->trigger();
        QTRY_COMPARE(failed.size(), 1);
        const QString holder =
            QStringLiteral("pid %1, 127.0.0.1:%2").arg(QCoreApplication::applicationPid()).arg((*other)->port());
        QVERIFY2(failed.at(0).at(0).toString().contains(holder), qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(app.logged(QStringLiteral("cannot serve Kafka clients: another Kafka listener already serves")));
        QVERIFY(app.logged(holder));
        QCOMPARE(app.window->serveSwitch()->state(), ServeSwitch::State::Off);
        QVERIFY(!app.serveAction()->isChecked());
        QVERIFY(app.serveAction()->isEnabled()); // can be tried again once the other stops
        (*other)->stop();
        app.serveAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(app.window->serveSwitch()->isServing(), 10000);
    }

    void otherThanLoopbackNeedsTheSettingAndWarns()
    {
        test::ServingApp app;
        QVERIFY(app.showAndConnect());
        app.window->settings().setValue(QStringLiteral("kafkaServer/listen"), QStringLiteral("0.0.0.0:0"));
        QSignalSpy states(app.window->serveSwitch(), &ServeSwitch::stateChanged);
        app.serveAction()->trigger();
        QVERIFY(app.logged(QStringLiteral("cannot serve Kafka clients on 0.0.0.0:0: it is not a loopback address")));
        QVERIFY(!app.serveAction()->isChecked());
        QCOMPARE(states.size(), 0); // never started

        app.window->settings().setValue(QStringLiteral("kafkaServer/allowRemote"), true);
        app.serveAction()->trigger();
        QVERIFY(app.logged(QStringLiteral("warning: serving 0.0.0.0:0 without authentication")));
        QTRY_VERIFY_WITH_TIMEOUT(app.window->serveSwitch()->isServing(), 10000);
        QVERIFY(app.port() != 0);
    }

    // Only the built-in broker serves, and only the directory the app shows: leaving it
    // stops the listener.
    void onlyOnTheBuiltInBroker()
    {
        test::ServingApp app;
        QVERIFY(app.showAndConnect());
        app.serveAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(app.window->serveSwitch()->isServing(), 10000);
        app.window->disconnectBackend();
        QTRY_COMPARE(app.window->serveSwitch()->state(), ServeSwitch::State::Off);
        QVERIFY(!app.serveAction()->isChecked());
        QVERIFY(!app.serveAction()->isEnabled());

        app.window->connectTo(ConnectionSpec{ConnectionSpec::Kind::Kafka, {}, KafkaProfile{}});
        QTRY_VERIFY(app.window->isConnected());
        QVERIFY(!app.serveAction()->isEnabled());
        app.serveAction()->trigger(); // a disabled action does nothing
        QCOMPARE(app.window->serveSwitch()->state(), ServeSwitch::State::Off);
    }

    // F1's list names the Broker menu's switch with its key (the README names Ctrl+Shift+L):
    // the list walked only the menus that are the menu bar's children, and this one is not.
    void shortcutListNamesTheServeSwitch()
    {
        test::ServingApp app;
        QVERIFY(app.showAndConnect());
        app.window->showShortcuts();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = test::child<QDialog>(app.window.get(), QStringLiteral("shortcutsDialog"))));
        auto *list = test::child<QTreeWidget>(dialog, QStringLiteral("shortcutList"));
        QVERIFY(list);
        const QString key = QKeySequence(QStringLiteral("Ctrl+Shift+L")).toString(QKeySequence::NativeText);
        const QString name = app.serveAction()->text().remove(QLatin1Char('&'));
        QStringList rows;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            rows << list->topLevelItem(i)->text(0) + QStringLiteral(" = ") + list->topLevelItem(i)->text(1);
        QVERIFY2(rows.contains(name + QStringLiteral(" = ") + key), qPrintable(rows.join(QLatin1Char('\n'))));
        dialog->reject();
    }

    // Without a starter (a build without the built-in broker) there is no switch at all.
    void absentWithoutAStarter()
    {
        MainWindowOptions options;
        QTemporaryDir settings;
        options.settingsFile = settings.filePath(QStringLiteral("t.ini"));
        options.connectOnStart = false;
        MainWindow w(options);
        QVERIFY(!test::child<QAction>(&w, QStringLiteral("serveKafka")));
        QVERIFY(!test::child<QMenu>(&w, QStringLiteral("brokerMenu")));
        QVERIFY(!w.serveSwitch()->isAvailable());
    }

    void addressParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("default") << "127.0.0.1:9092" << true << "127.0.0.1:9092" << true;
        QTest::newRow("localhost") << "localhost:9093" << true << "localhost:9093" << true;
        QTest::newRow("v6") << "[::1]:9092" << true << "[::1]:9092" << true;
        QTest::newRow("any") << "0.0.0.0:9092" << true << "0.0.0.0:9092" << false;
        QTest::newRow("no port") << "127.0.0.1" << false << "" << false;
        QTest::newRow("bad port") << "127.0.0.1:70000" << false << "" << false;
        QTest::newRow("v6 without brackets") << "::1:9092" << false << "" << false;
    }
    void addressParsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, shown);
        QFETCH(bool, loopback);
        const auto a = ServeAddress::parse(text);
        QCOMPARE(a.has_value(), valid);
        if (a) {
            QCOMPARE(a->toString(), shown);
            QCOMPARE(a->isLoopback(), loopback);
        }
    }
};

QTEST_MAIN(TestServeSwitch)
#include "tst_serveswitch.moc"
