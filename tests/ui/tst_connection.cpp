// Connections: the switcher between the built-in broker and Kafka profiles, errors said in
// words in the status bar and the events pane, the profiles dialog (add, test, password kept
// for the session only and never written to settings), and state restored from QSettings.

#include "AppFixture.h"
#include "ReadableColours.h"
#include "UiTestSupport.h"
#include "ui/ConnectionBar.h"
#include "ui/Style.h"
#include "ui/dialogs/KafkaProfilesDialog.h"
#include "ui/models/EventLogModel.h"
#include "ui/models/TopicListModel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/TopicBrowser.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTimer>

#include <map>
#include <mutex>

using namespace tidemark;

namespace {

// Opens fakes by connection: the local one, a healthy "Kafka" at good:9092, and refuses
// everything else the way an unreachable cluster would. Remembers what it was asked.
struct Brokers {
    std::shared_ptr<test::FakeBackend> local =
        std::make_shared<test::FakeBackend>(QStringLiteral("Local: /home/user/.local/share/Tidemark/data"));
    std::shared_ptr<test::FakeBackend> kafka = std::make_shared<test::FakeBackend>(QStringLiteral("Kafka: good:9092"));
    std::mutex mutex;
    std::vector<ConnectionSpec> asked;

    BackendOpener opener()
    {
        return [this](const ConnectionSpec &spec) -> Result<std::shared_ptr<Backend>> {
            {
                std::lock_guard lock(mutex);
                asked.push_back(spec);
            }
            if (spec.kind == ConnectionSpec::Kind::Local)
                return test::fakeOpener(local)(spec);
            if (spec.kafka.bootstrapServers == QLatin1String("good:9092"))
                return test::fakeOpener(kafka)(spec);
            return Error(ErrorCode::Unavailable,
                         QStringLiteral("no broker answered at %1 within 5000 ms").arg(spec.kafka.bootstrapServers));
        };
    }
    ConnectionSpec last()
    {
        std::lock_guard lock(mutex);
        return asked.back();
    }
};

// The system keychain, in memory: answers on the next event-loop turn, as QtKeychain does;
// `available = false` is a machine with no keychain.
struct FakeSecretStore final : SecretStore {
    bool available = true;
    std::map<QString, ProfileSecret> saved;
    void save(const QString &name, const ProfileSecret &secret, Done done) override
    {
        QTimer::singleShot(0, [this, name, secret, done] {
            if (!available)
                return done(Error(ErrorCode::Unavailable, keychainUnavailableMessage(QStringLiteral("test"))));
            saved[name] = secret;
            done({});
        });
    }
    void load(const QString &name, Loaded done) override
    {
        QTimer::singleShot(0, [this, name, done] {
            if (!available)
                return done(Error(ErrorCode::Unavailable, keychainUnavailableMessage(QStringLiteral("test"))));
            const auto it = saved.find(name);
            done(it == saved.end() ? std::optional<ProfileSecret>() : std::optional<ProfileSecret>(it->second));
        });
    }
    void remove(const QString &name, Done done) override
    {
        QTimer::singleShot(0, [this, name, done] {
            saved.erase(name);
            done({});
        });
    }
};

std::unique_ptr<MainWindow> makeWindow(Brokers &brokers, const QString &settings, const test::ManualClock &clock,
                                       std::shared_ptr<SecretStore> secrets = {})
{
    MainWindowOptions options;
    options.secretStore = std::move(secrets);
    options.opener = brokers.opener();
    options.clock = clock.clock();
    options.seed = 7;
    options.settingsFile = settings;
    auto w = std::make_unique<MainWindow>(options);
    w->resize(1280, 800);
    return w;
}

bool eventsContain(MainWindow &w, const QString &text)
{
    EventLogModel *m = w.eventsPane()->model();
    for (int i = 0; i < m->rowCount(); ++i)
        if (m->entryAt(i).message.contains(text))
            return true;
    return false;
}

} // namespace

class TestConnection final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void profilesErrorsAndSecrets()
    {
        Brokers brokers;
        QVERIFY(brokers.local->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(brokers.kafka->createTopic(TopicSpec{QStringLiteral("payments"), 6, 3, {}}).ok());
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("tidemark.ini"));
        test::ManualClock clock;
        auto w = makeWindow(brokers, settings, clock);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        // A new user lands on the built-in broker in the default data directory.
        QTRY_VERIFY(w->isConnected());
        QCOMPARE(brokers.last().kind, ConnectionSpec::Kind::Local);
        QCOMPARE(brokers.last().dataDirectory, QString());
        QTRY_COMPARE(w->selectedTopic(), QStringLiteral("orders"));

        // Add a profile, with a password, and test it: it fails, and says why.
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        QTest::keyClick(w.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QPointer<KafkaProfilesDialog> dialog;
        QTRY_VERIFY((dialog = test::child<KafkaProfilesDialog>(w.get(), QStringLiteral("kafkaProfilesDialog"))));
        QCOMPARE(test::child<QListWidget>(dialog, QStringLiteral("profileList"))->count(), 1); // the compose default
        QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("addProfileButton")), Qt::LeftButton);
        auto *name = test::child<QLineEdit>(dialog, QStringLiteral("profileName"));
        name->setText(QStringLiteral("staging"));
        auto *servers = test::child<QLineEdit>(dialog, QStringLiteral("profileServers"));
        servers->setText(QStringLiteral("bad:9092"));
        test::child<QComboBox>(dialog, QStringLiteral("profileSecurity"))
            ->setCurrentText(QStringLiteral("SASL_PLAINTEXT"));
        test::child<QLineEdit>(dialog, QStringLiteral("profileUsername"))->setText(QStringLiteral("alice"));
        test::child<QLineEdit>(dialog, QStringLiteral("profilePassword"))->setText(QStringLiteral("s3cret"));
        QVERIFY(test::child<QLabel>(dialog, QStringLiteral("secretNote"))
                    ->text()
                    .contains(QStringLiteral("only for this session")));
        QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("testProfileButton")), Qt::LeftButton);
        QTRY_VERIFY2(dialog->testResult().startsWith(QStringLiteral("Failed: no broker answered at bad:9092")),
                     qPrintable(dialog->testResult()));
        QCOMPARE(brokers.last().kafka.password, QStringLiteral("s3cret"));
        name->setFocus(); // a fixed focus, so the picture does not depend on where it went
        test::flushEvents();
        TIDEMARK_COMPARE_SCREENSHOT(dialog.data(), QStringLiteral("kafka-profiles-dialog"));
        // The result keeps reading after a theme switch (View > Theme), to dark and back: its
        // red followed the theme it was set in (dark red on the dark dialog).
        const QPalette lightPalette = w->palette();
        for (const char *theme : {"theme_dark", "theme_system"}) {
            test::child<QAction>(w.get(), QLatin1String(theme))->trigger();
            QTRY_COMPARE(style::isDark(dialog->palette()), QByteArray(theme) == "theme_dark");
            QVERIFY2(test::faintLabels(dialog).isEmpty(),
                     qPrintable(test::faintLabels(dialog).join(QLatin1Char('\n'))));
        }
        QCOMPARE(w->palette(), lightPalette);
        // TLS: host name verification is on; turning it off is warned about, in red.
        auto *security = test::child<QComboBox>(dialog, QStringLiteral("profileSecurity"));
        security->setCurrentText(QStringLiteral("SSL"));
        auto *verify = test::child<QCheckBox>(dialog, QStringLiteral("profileVerifyHostname"));
        auto *warnings = test::child<QLabel>(dialog, QStringLiteral("profileWarnings"));
        QVERIFY(verify->isEnabled() && verify->isChecked());
        QVERIFY(!warnings->isVisible());
        verify->setChecked(false);
        QVERIFY(warnings->isVisible());
        QVERIFY2(warnings->text().contains(QStringLiteral("test clusters only")), qPrintable(warnings->text()));
        verify->setChecked(true);
        QVERIFY(!warnings->isVisible());
        security->setCurrentText(QStringLiteral("SASL_PLAINTEXT"));
        QVERIFY(!verify->isEnabled());
        // One added by mistake and removed again.
        auto *list = test::child<QListWidget>(dialog, QStringLiteral("profileList"));
        QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("addProfileButton")), Qt::LeftButton);
        QCOMPARE(list->count(), 3);
        QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("removeProfileButton")), Qt::LeftButton);
        QCOMPARE(list->count(), 2);
        QCOMPARE(dialog->profiles().back().name, QStringLiteral("staging"));
        // And a good one.
        QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("addProfileButton")), Qt::LeftButton);
        name->setText(QStringLiteral("dev cluster"));
        servers->setText(QStringLiteral("good:9092"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!dialog);

        // Settings keep the profiles, never the password.
        w->settings().sync();
        QFile ini(settings);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray stored = ini.readAll();
        QVERIFY(stored.contains("staging"));
        QVERIFY(stored.contains("alice"));
        QVERIFY(!stored.contains("s3cret"));

        // Connecting to the bad profile: the error in words, the panels disconnected.
        QComboBox *choice = w->connectionBar()->combo();
        QCOMPARE(choice->count(), 4);
        choice->setCurrentIndex(2);
        emit choice->activated(2);
        QTRY_VERIFY(w->connectionStatusText().contains(
            QStringLiteral("Cannot connect to Kafka: bad:9092: no broker answered")));
        QVERIFY(!w->isConnected());
        QCOMPARE(brokers.last().kafka.password, QStringLiteral("s3cret")); // the session secret was applied
        QCOMPARE(w->topicBrowser()->model()->rowCount(), 0);
        QCOMPARE(w->selectedTopic(), QString());
        QVERIFY(eventsContain(*w, QStringLiteral("Cannot connect to Kafka: bad:9092: no broker answered")));
        QVERIFY(!eventsContain(*w, QStringLiteral("connected to Kafka: bad")));
        QVERIFY(w->connectionStatusText().startsWith(QStringLiteral("● Unreachable · ")));
        QVERIFY(w->diagnostics().contains(QStringLiteral("last error: no broker answered")));

        // The good one.
        choice->setCurrentIndex(3);
        emit choice->activated(3);
        QTRY_VERIFY(w->isConnected());
        QTRY_COMPARE(w->selectedTopic(), QStringLiteral("payments"));
        QCOMPARE(w->windowTitle(), QStringLiteral("Tidemark — Kafka: good:9092"));
        QVERIFY(w->connectionStatusText().contains(QStringLiteral("Connected · Kafka: good:9092")));

        // Next session: same connection, layout kept, the password forgotten.
        w->dock(QStringLiteral("eventsDock"))->hide();
        w->close();
        w.reset();
        w = makeWindow(brokers, settings, clock);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QTRY_VERIFY(w->isConnected());
        QCOMPARE(brokers.last().kafka.name, QStringLiteral("dev cluster"));
        QVERIFY(brokers.last().kafka.password.isEmpty());
        QVERIFY(!w->dock(QStringLiteral("eventsDock"))->isVisible());
    }

    // "Save the password in the system keychain": saved there (never in the settings file),
    // read when the profile connects in a later session, deleted with the profile; with no
    // keychain the app says so and keeps the password for the session.
    void passwordsInTheKeychain()
    {
        Brokers brokers;
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("tidemark.ini"));
        test::ManualClock clock;
        auto keychain = std::make_shared<FakeSecretStore>();
        auto w = makeWindow(brokers, settings, clock, keychain);
        w->show();
        QTRY_VERIFY(w->isConnected());

        const auto addProfile = [&](const QString &profile, const QString &password) {
            w->manageProfiles();
            QPointer<KafkaProfilesDialog> dialog;
            QTRY_VERIFY((dialog = test::child<KafkaProfilesDialog>(w.get(), QStringLiteral("kafkaProfilesDialog"))));
            QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("addProfileButton")), Qt::LeftButton);
            test::child<QLineEdit>(dialog, QStringLiteral("profileName"))->setText(profile);
            test::child<QLineEdit>(dialog, QStringLiteral("profileServers"))->setText(QStringLiteral("good:9092"));
            test::child<QComboBox>(dialog, QStringLiteral("profileSecurity"))
                ->setCurrentText(QStringLiteral("SASL_PLAINTEXT"));
            test::child<QLineEdit>(dialog, QStringLiteral("profileUsername"))->setText(QStringLiteral("alice"));
            test::child<QLineEdit>(dialog, QStringLiteral("profilePassword"))->setText(password);
            auto *remember = test::child<QCheckBox>(dialog, QStringLiteral("profileRemember"));
            QVERIFY(remember->isVisible() && remember->isEnabled() && !remember->isChecked());
            remember->setChecked(true);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            QTRY_VERIFY(!dialog);
        };
        const auto connectProfile = [&](const QString &profile) {
            QComboBox *choice = w->connectionBar()->combo();
            int index = -1;
            for (int i = 0; i < choice->count(); ++i)
                if (choice->itemText(i).contains(profile))
                    index = i;
            QVERIFY(index >= 0);
            choice->setCurrentIndex(index);
            emit choice->activated(index);
            QTRY_VERIFY(w->isConnected() && brokers.last().kafka.name == profile);
        };

        addProfile(QStringLiteral("remembered"), QStringLiteral("kc-secret"));
        QTRY_VERIFY(keychain->saved.count(QStringLiteral("remembered")) == 1);
        QCOMPARE(keychain->saved[QStringLiteral("remembered")].password, QStringLiteral("kc-secret"));
        w->settings().sync();
        {
            QFile ini(settings);
            QVERIFY(ini.open(QIODevice::ReadOnly));
            const QByteArray stored = ini.readAll();
            QVERIFY(stored.contains("rememberPassword=true"));
            QVERIFY(!stored.contains("kc-secret"));
        }

        // A later session reads it from the keychain when the profile connects.
        w->close();
        w.reset();
        w = makeWindow(brokers, settings, clock, keychain);
        w->show();
        QTRY_VERIFY(w->isConnected());
        connectProfile(QStringLiteral("remembered"));
        QCOMPARE(brokers.last().kafka.password, QStringLiteral("kc-secret"));

        // Deleted with the profile.
        w->manageProfiles();
        QPointer<KafkaProfilesDialog> dialog;
        QTRY_VERIFY((dialog = test::child<KafkaProfilesDialog>(w.get(), QStringLiteral("kafkaProfilesDialog"))));
        auto *list = test::child<QListWidget>(dialog, QStringLiteral("profileList"));
        list->setCurrentRow(int(dialog->profiles().size()) - 1);
        QCOMPARE(dialog->profiles().back().name, QStringLiteral("remembered"));
        QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("removeProfileButton")), Qt::LeftButton);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!dialog);
        QTRY_VERIFY(keychain->saved.empty());

        // No keychain: said so, and the password still works for this session.
        keychain->available = false;
        addProfile(QStringLiteral("offline"), QStringLiteral("session-secret"));
        QTRY_VERIFY(eventsContain(*w, QStringLiteral("kept for this session only")));
        connectProfile(QStringLiteral("offline"));
        QCOMPARE(brokers.last().kafka.password, QStringLiteral("session-secret"));
    }

    // The password of an encrypted TLS private key (ssl.key.password) is kept like the SASL
    // password: in the keychain when "remember" is ticked, for the session otherwise, never
    // in the settings file.
    void keyPasswordIsKeptLikeThePassword()
    {
        Brokers brokers;
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("tidemark.ini"));
        test::ManualClock clock;
        auto keychain = std::make_shared<FakeSecretStore>();
        auto w = makeWindow(brokers, settings, clock, keychain);
        w->show();
        QTRY_VERIFY(w->isConnected());

        const auto addProfile = [&](const QString &profile, const QString &keyPassword, bool remember) {
            w->manageProfiles();
            QPointer<KafkaProfilesDialog> dialog;
            QTRY_VERIFY((dialog = test::child<KafkaProfilesDialog>(w.get(), QStringLiteral("kafkaProfilesDialog"))));
            QTest::mouseClick(test::child<QPushButton>(dialog, QStringLiteral("addProfileButton")), Qt::LeftButton);
            test::child<QLineEdit>(dialog, QStringLiteral("profileName"))->setText(profile);
            test::child<QLineEdit>(dialog, QStringLiteral("profileServers"))->setText(QStringLiteral("good:9092"));
            auto *security = test::child<QComboBox>(dialog, QStringLiteral("profileSecurity"));
            auto *keyPasswordField = test::child<QLineEdit>(dialog, QStringLiteral("profileKeyPassword"));
            security->setCurrentText(QStringLiteral("SASL_PLAINTEXT"));
            QVERIFY(!keyPasswordField->isEnabled()); // no TLS, no key
            security->setCurrentText(QStringLiteral("SSL"));
            QVERIFY(keyPasswordField->isEnabled());
            QCOMPARE(keyPasswordField->echoMode(), QLineEdit::Password);
            test::child<QLineEdit>(dialog, QStringLiteral("profileKeyFile"))
                ->setText(QStringLiteral("/nonexistent.key"));
            keyPasswordField->setText(keyPassword);
            auto *rememberBox = test::child<QCheckBox>(dialog, QStringLiteral("profileRemember"));
            QVERIFY(rememberBox->isEnabled()); // TLS alone has a secret to remember
            rememberBox->setChecked(remember);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            QTRY_VERIFY(!dialog);
        };
        const auto connectProfile = [&](const QString &profile) {
            QComboBox *choice = w->connectionBar()->combo();
            int index = -1;
            for (int i = 0; i < choice->count(); ++i)
                if (choice->itemText(i).contains(profile))
                    index = i;
            QVERIFY(index >= 0);
            choice->setCurrentIndex(index);
            emit choice->activated(index);
            QTRY_VERIFY(w->isConnected() && brokers.last().kafka.name == profile);
        };

        addProfile(QStringLiteral("kept"), QStringLiteral("key-secret-1"), true);
        addProfile(QStringLiteral("session"), QStringLiteral("key-secret-2"), false);
        QTRY_VERIFY(keychain->saved.count(QStringLiteral("kept")) == 1);
        QCOMPARE(keychain->saved[QStringLiteral("kept")].keyPassword, QStringLiteral("key-secret-1"));
        QCOMPARE(keychain->saved[QStringLiteral("kept")].password, QString());
        QCOMPARE(keychain->saved.count(QStringLiteral("session")), size_t(0));
        connectProfile(QStringLiteral("session"));
        QCOMPARE(brokers.last().kafka.keyPassword, QStringLiteral("key-secret-2"));
        w->settings().sync();
        {
            QFile ini(settings);
            QVERIFY(ini.open(QIODevice::ReadOnly));
            const QByteArray stored = ini.readAll();
            QVERIFY(stored.contains("nonexistent.key"));
            QVERIFY(!stored.contains("key-secret"));
        }

        // A later session: the remembered one comes from the keychain, the other is gone.
        w->close();
        w.reset();
        w = makeWindow(brokers, settings, clock, keychain);
        w->show();
        QTRY_VERIFY(w->isConnected());
        connectProfile(QStringLiteral("kept"));
        QCOMPARE(brokers.last().kafka.keyPassword, QStringLiteral("key-secret-1"));
        connectProfile(QStringLiteral("session"));
        QCOMPARE(brokers.last().kafka.keyPassword, QString());
    }

    void fallsBackToLocalWhenTheSettingsAreGarbage()
    {
        Brokers brokers;
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("tidemark.ini"));
        {
            QSettings s(settings, QSettings::IniFormat);
            s.setValue(QStringLiteral("connection/kind"), QStringLiteral("kafka"));
            s.setValue(QStringLiteral("connection/profile"), QStringLiteral("no such profile"));
            s.setValue(QStringLiteral("window/state"), QByteArray("not a state"));
        }
        test::ManualClock clock;
        auto w = makeWindow(brokers, settings, clock);
        w->show();
        QTRY_VERIFY(w->isConnected());
        QCOMPARE(brokers.last().kind, ConnectionSpec::Kind::Local);
        QVERIFY(w->dock(QStringLiteral("topicsDock"))->isVisible());
    }
};

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
