// Profile passwords in the system keychain, for real: KeychainSecretStore against
// gnome-keyring's Secret Service in a private D-Bus session (ctest runs this test under
// dbus-run-session and tests/secrets/with-keyring.sh), and the same calls with no keychain
// reachable (no session bus at all), which must fail with the message the app shows.
// TIDEMARK_EXPECT_KEYCHAIN=1 or 0 says which of the two this run is.

#include "secrets/KeychainSecretStore.h"

#include <QTest>

#include <optional>

using namespace tidemark;

namespace {

// The callback's value, waited for; fails the test if it never comes.
#define AWAIT(T, call)                                                                                                 \
    [&] {                                                                                                              \
        std::optional<T> out_;                                                                                         \
        call([&out_](T value) { out_ = std::move(value); });                                                           \
        (void)QTest::qWaitFor([&] { return out_.has_value(); }, 30000);                                                \
        return out_;                                                                                                   \
    }()

} // namespace

class TestKeychain final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QByteArray expect = qgetenv("TIDEMARK_EXPECT_KEYCHAIN");
        QVERIFY2(expect == "1" || expect == "0", "TIDEMARK_EXPECT_KEYCHAIN must be 1 or 0 (see tests/secrets)");
        m_expectKeychain = expect == "1";
    }

    // With a keychain: saved, read back by a new store, deleted. Without one: every call
    // fails at once with the message the app shows, and no password in it.
    void saveReadDelete()
    {
        if (!m_expectKeychain) {
            noKeychainIsReported();
            return;
        }
        KeychainSecretStore store(QStringLiteral("Tidemark test"));
        const QString profile = QStringLiteral("team cluster");
        const ProfileSecret secret{QStringLiteral("s3cr\u00e9t with spaces"), QStringLiteral("key-pass")};

        auto saved = AWAIT(Status, [&](auto done) { store.save(profile, secret, done); });
        QVERIFY(saved);
        QVERIFY2(saved->ok(), qPrintable(saved->ok() ? QString() : saved->error().toString()));

        // A new store object (a new session of the app) reads it back.
        KeychainSecretStore later(QStringLiteral("Tidemark test"));
        auto loaded = AWAIT(Result<std::optional<ProfileSecret>>, [&](auto done) { later.load(profile, done); });
        QVERIFY(loaded && loaded->ok());
        QVERIFY(loaded->value().has_value());
        QCOMPARE(*loaded->value(), secret);

        auto other = AWAIT(Result<std::optional<ProfileSecret>>,
                           [&](auto done) { later.load(QStringLiteral("another profile"), done); });
        QVERIFY(other && other->ok());
        QVERIFY(!other->value().has_value());

        auto removed = AWAIT(Status, [&](auto done) { later.remove(profile, done); });
        QVERIFY(removed && removed->ok());
        auto gone = AWAIT(Result<std::optional<ProfileSecret>>, [&](auto done) { later.load(profile, done); });
        QVERIFY(gone && gone->ok());
        QVERIFY(!gone->value().has_value());
        auto removedAgain = AWAIT(Status, [&](auto done) { later.remove(profile, done); });
        QVERIFY(removedAgain && removedAgain->ok()); // nothing saved is not an error
    }

private:
    void noKeychainIsReported()
    {
        KeychainSecretStore store(QStringLiteral("Tidemark test"));
        auto saved = AWAIT(Status, [&](auto done) {
            store.save(QStringLiteral("p"), ProfileSecret{QStringLiteral("never-in-a-message"), {}}, done);
        });
        QVERIFY(saved);
        QVERIFY(!saved->ok());
        QCOMPARE(saved->error().code, ErrorCode::Unavailable);
        QVERIFY2(saved->error().message.contains(QLatin1String("kept for this session only")),
                 qPrintable(saved->error().message));
        QVERIFY(!saved->error().message.contains(QLatin1String("never-in-a-message")));
        auto loaded =
            AWAIT(Result<std::optional<ProfileSecret>>, [&](auto done) { store.load(QStringLiteral("p"), done); });
        QVERIFY(loaded && !loaded->ok());
        QCOMPARE(loaded->error().code, ErrorCode::Unavailable);
    }

    bool m_expectKeychain = false;
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
