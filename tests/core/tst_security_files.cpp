// Connection details on disk and the texts of secured-connection failures, without a broker:
//  - the settings file is created user-only (0600) whatever the umask, an existing one loses
//    group and other permissions, and a settings write keeps it that way;
//  - a profile's private key readable by everyone, an unreadable file and host name
//    verification turned off are warned about;
//  - librdkafka's failure texts (as librdkafka 2.0.2 prints them against Kafka 3.7 and 4.4)
//    are classified into the problems the user can act on, and nothing else is.

#include "core/ConnectionProfile.h"
#include "core/KafkaSecurityFailure.h"
#include "core/UserOnlyFiles.h"
#include "kafka/KafkaSecurity.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tidemark;
using namespace tidemark::kafka;

Q_DECLARE_METATYPE(tidemark::KafkaSecurityFailure)

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0777;
    return st.st_mode & 0777;
}

// Sets the umask for one scope.
struct Umask {
    explicit Umask(mode_t m) : old(::umask(m)) {}
    ~Umask() { ::umask(old); }
    mode_t old;
};

KafkaProfile tlsProfile(const QString &keyFile)
{
    KafkaProfile p;
    p.name = QStringLiteral("team cluster");
    p.securityProtocol = QStringLiteral("SSL");
    p.keyFile = keyFile;
    return p;
}

// An EC P-256 key, encrypted (openssl pkey -aes256 -passout pass:key-pw), and in the clear.
constexpr char kEncryptedKey[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                                 "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAibKotZWgcrsQICCAAw\n"
                                 "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEDuArSIyQWsQk2feeLNWCf4EgZCe\n"
                                 "Ao442bJs4GQvgKf6A7sQodFtz+oMWAsYlnd9Br3yO+t3FDq1MnWXRISGj0kim/c0\n"
                                 "pCw9BCMfLGF1z8YX3KyHjohyqY4DbZ9M3jRtSDGp1QxHQDy2isuGPjrsl5KtPk+0\n"
                                 "QvdEFNPqquRqDsQzVGoyWuFTkrflJu5KU4FedstX2pHwBYum8rM/vWNe/sHHcJQ=\n"
                                 "-----END ENCRYPTED PRIVATE KEY-----\n";
constexpr char kPlainKey[] = "-----BEGIN PRIVATE KEY-----\n"
                             "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgE9OIY19hyNg52g/X\n"
                             "GAUs2a9SJ5dSMFczLoa98FaSrC+hRANCAAQCebdH1b8YkrkqTJn756JgHqD4KStD\n"
                             "4H0ITRPb+NVrM8PIZ9N0SEua60xgJ+J0Gqv5khq5jEndQHPTRPFY4DPJ\n"
                             "-----END PRIVATE KEY-----\n";

} // namespace

class TestSecurityFiles final : public QObject {
    Q_OBJECT

private slots:
    void settingsFileIsUserOnlyWhateverTheUmask()
    {
        QTemporaryDir dir;
        const Umask open(0); // the worst case: everything would be world-writable
        const QString path = dir.filePath(QStringLiteral("config/tidemark.ini"));
        {
            auto settings = openUserOnlySettings(path);
            settings->setValue(QStringLiteral("kafkaProfiles/1/bootstrapServers"), QStringLiteral("kafka:9093"));
            settings->sync();
            QCOMPARE(settings->status(), QSettings::NoError);
        }
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("config"))), mode_t(0700));
        {
            auto settings = openUserOnlySettings(path); // a rewrite (QSaveFile) keeps the mode
            settings->setValue(QStringLiteral("x"), 2);
            settings->sync();
        }
        QCOMPARE(modeOf(path), mode_t(0600));
        QVERIFY(QSettings(path, QSettings::IniFormat).contains(QStringLiteral("x")));
    }

    void existingSettingsFileLosesOtherUsersAccess()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tidemark.ini"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[ui]\nlanguage=ru\n");
        }
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        auto settings = openUserOnlySettings(path);
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(settings->value(QStringLiteral("ui/language")).toString(), QStringLiteral("ru"));
    }

    void profileWarnings()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("client.key"));
        {
            QFile f(key);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("-----BEGIN PRIVATE KEY-----\n");
        }
        QVERIFY(::chmod(QFile::encodeName(key).constData(), 0600) == 0);
        QCOMPARE(kafkaProfileWarnings(tlsProfile(key)), QStringList());

        QVERIFY(::chmod(QFile::encodeName(key).constData(), 0644) == 0);
        QStringList warnings = kafkaProfileWarnings(tlsProfile(key));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains(QLatin1String("can be read by every user")) && warnings[0].contains(key),
                 qPrintable(warnings[0]));

        warnings = kafkaProfileWarnings(tlsProfile(dir.filePath(QStringLiteral("missing.key"))));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains(QLatin1String("cannot be read")), qPrintable(warnings[0]));

        KafkaProfile p = tlsProfile({});
        p.verifyHostname = false;
        warnings = kafkaProfileWarnings(p);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains(QLatin1String("team cluster")) &&
                     warnings[0].contains(QLatin1String("test clusters only")),
                 qPrintable(warnings[0]));

        // The extra librdkafka settings override the profile's option, both ways.
        p.extraConfig.insert(QStringLiteral("ssl.endpoint.identification.algorithm"), QStringLiteral("https"));
        QCOMPARE(kafkaProfileWarnings(p), QStringList());
        p.verifyHostname = true;
        p.extraConfig.insert(QStringLiteral("ssl.endpoint.identification.algorithm"), QStringLiteral("none"));
        QCOMPARE(kafkaProfileWarnings(p).size(), 1);
        QVERIFY(kafkaProfileWarnings(p)[0].contains(QLatin1String("certificate names the broker's host")));
        p.extraConfig.insert(QStringLiteral("enable.ssl.certificate.verification"), QStringLiteral("false"));
        QCOMPARE(kafkaProfileWarnings(p).size(), 1); // the stronger warning says it all
        QVERIFY(kafkaProfileWarnings(p)[0].contains(QLatin1String("does not verify the broker's certificate at all")));

        p.securityProtocol = QStringLiteral("SASL_PLAINTEXT"); // no TLS: no certificate to verify
        QCOMPARE(kafkaProfileWarnings(p), QStringList());

        // A secret among the extra settings, whatever the protocol; never its value.
        p.extraConfig.insert(QStringLiteral("sasl.password"), QStringLiteral("hunter2"));
        warnings = kafkaProfileWarnings(p);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains(QLatin1String("sasl.password")) && warnings[0].contains(p.name) &&
                     !warnings[0].contains(QLatin1String("hunter2")),
                 qPrintable(warnings[0]));
        warnings = kafkaProfileWarnings(p, ProfileOrigin::CommandLine);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains(QLatin1String("-X sasl.password=... puts a secret on the command line")),
                 qPrintable(warnings[0]));
        for (const char *name : {"ssl.key.password", "SASL.JAAS.CONFIG", "sasl.oauthbearer.client.secret"})
            QVERIFY2(isSecretKafkaSetting(QLatin1String(name)), name);
        QVERIFY(!isSecretKafkaSetting(QStringLiteral("ssl.key.location")));
    }

    // An encrypted client key opens with the profile's key password before librdkafka is
    // asked (its own error names neither the file nor the password).
    void encryptedClientKeyNeedsItsPassword_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("keyPassword");
        QTest::addColumn<QString>("expected"); // empty: no problem
        QTest::newRow("encrypted, right password")
            << QByteArray(kEncryptedKey) << QStringLiteral("key-pw") << QString();
        QTest::newRow("encrypted, wrong password") << QByteArray(kEncryptedKey) << QStringLiteral("nope")
                                                   << QStringLiteral("does not decrypt the private key");
        QTest::newRow("encrypted, no password") << QByteArray(kEncryptedKey) << QString()
                                                << QStringLiteral("is encrypted and the profile has no key password");
        QTest::newRow("plain key, no password") << QByteArray(kPlainKey) << QString() << QString();
        QTest::newRow("plain key, a password anyway") << QByteArray(kPlainKey) << QStringLiteral("x") << QString();
        QTest::newRow("not a key at all")
            << QByteArray("hello\n") << QStringLiteral("x") << QString(); // librdkafka's to say
    }

    void encryptedClientKeyNeedsItsPassword()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, keyPassword);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("client.key"));
        {
            QFile f(key);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(pem);
        }
        KafkaProfile p = tlsProfile(key);
        p.keyPassword = keyPassword;
        const Status s = kafka::checkClientKey(p);
        if (expected.isEmpty()) {
            QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
            return;
        }
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(expected) && s.error().message.contains(key),
                 qPrintable(s.error().message));
        QVERIFY(keyPassword.isEmpty() || !s.error().message.contains(keyPassword));
        p.securityProtocol = QStringLiteral("SASL_PLAINTEXT"); // no TLS: the key is not used
        QVERIFY(kafka::checkClientKey(p).ok());
    }

    void librdkafkaFailuresAreClassified_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("x509Error");
        QTest::addColumn<int>("kind"); // -1: not a security failure
        QTest::addColumn<QString>("broker");

        const auto row = [](const char *name, const char *protocol, const char *reason, int x509, int kind,
                            const char *broker) {
            QTest::newRow(name) << QString::fromLatin1(protocol) << QString::fromLatin1(reason) << x509 << kind
                                << QString::fromLatin1(broker);
        };
        const int none = -1;
        row("SCRAM invalid credentials", "SASL_SSL",
            "sasl_ssl://127.0.0.1:9195/bootstrap: SASL authentication error: Authentication failed during "
            "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 389ms in state "
            "AUTH_REQ)",
            0, int(KafkaSecurityFailure::CredentialsRejected), "127.0.0.1:9195");
        row("PLAIN invalid user or password", "SASL_PLAINTEXT",
            "sasl_plaintext://127.0.0.1:9196/bootstrap: SASL authentication error: Authentication failed: Invalid "
            "username or password (after 301ms in state AUTH_REQ)",
            0, int(KafkaSecurityFailure::CredentialsRejected), "127.0.0.1:9196");
        row("mechanism not offered", "SASL_SSL",
            "sasl_ssl://127.0.0.1:9195/bootstrap: SASL SCRAM-SHA-256 mechanism handshake failed: Broker: "
            "Unsupported SASL mechanism: broker's supported mechanisms: SCRAM-SHA-512 (after 312ms in state "
            "AUTH_HANDSHAKE)",
            0, int(KafkaSecurityFailure::MechanismNotEnabled), "127.0.0.1:9195");
        row("untrusted CA", "SSL",
            "ssl://127.0.0.1:9194/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify "
            "failed: broker certificate could not be verified, verify that ssl.ca.location is correctly configured "
            "or root CA certificates are installed (install ca-certificates package) (after 13ms in state "
            "SSL_HANDSHAKE)",
            19, int(KafkaSecurityFailure::ServerCertificateUntrusted), "127.0.0.1:9194");
        row("hostname mismatch", "SSL",
            "ssl://localhost:9194/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify "
            "failed: broker certificate could not be verified (after 104ms in state SSL_HANDSHAKE)",
            62, int(KafkaSecurityFailure::HostnameMismatch), "localhost:9194");
        row("server certificate expired", "SASL_SSL",
            "sasl_ssl://b1:9093/1: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed", 10,
            int(KafkaSecurityFailure::ServerCertificateExpired), "b1:9093");
        row("client certificate refused", "SSL",
            "ssl://127.0.0.1:9194/bootstrap: Receive failed: error:0A000416:SSL routines::sslv3 alert certificate "
            "unknown: SSL alert number 46 (after 26ms in state APIVERSION_QUERY)",
            0, int(KafkaSecurityFailure::ClientCertificateRejected), "127.0.0.1:9194");
        row("no client certificate", "SSL",
            "ssl://127.0.0.1:9194/bootstrap: Receive failed: error:0A000412:SSL routines::sslv3 alert bad "
            "certificate: SSL alert number 42 (after 30ms in state APIVERSION_QUERY)",
            0, int(KafkaSecurityFailure::ClientCertificateRejected), "127.0.0.1:9194");
        row("TLS to a plaintext port", "SSL",
            "ssl://127.0.0.1:9197/bootstrap: error:0A000126:SSL routines::unexpected eof while reading (after 34ms "
            "in state SSL_HANDSHAKE)",
            0, int(KafkaSecurityFailure::TlsToPlaintextPort), "127.0.0.1:9197");
        row("plaintext to a TLS port", "PLAINTEXT",
            "127.0.0.1:9194/bootstrap: Disconnected while requesting ApiVersion: might be caused by incorrect "
            "security.protocol configuration (connecting to a SSL listener?) or broker version is < 0.10 (see "
            "api.version.request) (after 5ms in state APIVERSION_QUERY)",
            0, int(KafkaSecurityFailure::PlaintextToTlsPort), "127.0.0.1:9194");
        // Retrying can fix these: never a security failure.
        row("connection refused", "SASL_SSL",
            "sasl_ssl://127.0.0.1:9195/bootstrap: Connect to ipv4#127.0.0.1:9195 failed: Connection refused (after "
            "0ms in state CONNECT)",
            0, none, "");
        row("broker went down", "PLAINTEXT", "127.0.0.1:9095/1: Disconnected (after 2012ms in state UP)", 0, none, "");
        row("all brokers down", "SSL", "3/3 brokers are down", 0, none, "");
        row("plaintext disconnect on a TLS profile", "SSL",
            "ssl://127.0.0.1:9194/0: Disconnected while requesting ApiVersion: might be caused by incorrect "
            "security.protocol configuration (connecting to a SSL listener?) (after 5ms in state APIVERSION_QUERY)",
            0, none, "");
    }

    void librdkafkaFailuresAreClassified()
    {
        QFETCH(QString, protocol);
        QFETCH(QString, reason);
        QFETCH(int, x509Error);
        QFETCH(int, kind);
        QFETCH(QString, broker);
        KafkaProfile p;
        p.bootstrapServers = QStringLiteral("127.0.0.1:9194");
        p.securityProtocol = protocol;
        p.saslMechanism = QStringLiteral("SCRAM-SHA-256");
        const auto problem = classifySecurityFailure(reason, p, x509Error);
        if (kind < 0) {
            QVERIFY2(!problem, qPrintable(kafkaSecurityMessage(problem.value_or(KafkaSecurityProblem{}))));
            return;
        }
        QVERIFY(problem);
        QCOMPARE(int(problem->kind), kind);
        QCOMPARE(problem->broker, broker);
        const QString message = kafkaSecurityMessage(*problem);
        QVERIFY2(message.contains(broker) || problem->kind == KafkaSecurityFailure::ClientCertificateExpired,
                 qPrintable(message));
        if (problem->kind == KafkaSecurityFailure::MechanismNotEnabled)
            QCOMPARE(problem->extra, QStringLiteral("SCRAM-SHA-512"));
        if (problem->kind == KafkaSecurityFailure::HostnameMismatch)
            QCOMPARE(problem->detail, QStringLiteral("localhost"));
    }
};

QTEST_GUILESS_MAIN(TestSecurityFiles)
#include "tst_security_files.moc"
