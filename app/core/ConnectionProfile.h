#pragma once

// Where to connect: the built-in broker's data directory, or a Kafka cluster profile.
// Plain values; the UI edits them, the backend factory (app/backends) turns them into a
// Backend.

#include <QMap>
#include <QString>

namespace tidemark {

// The default profile's name, as it is saved (in English: it keys the profile's secrets and
// the last connection); shown in the UI language by shownProfileName().
inline QString defaultKafkaProfileName() { return QStringLiteral("Local cluster (compose)"); }

struct KafkaProfile {
    QString name = defaultKafkaProfileName();
    QString bootstrapServers = QStringLiteral("127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096");
    QString clientId = QStringLiteral("tidemark");
    QString securityProtocol = QStringLiteral("PLAINTEXT"); // PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
    QString saslMechanism = QStringLiteral("PLAIN");        // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
    QString username;
    QString password;              // never written to plain settings by the UI
    bool rememberPassword = false; // keep password and key password in the system keychain (SecretStore)
    QString caFile;
    QString certFile;
    QString keyFile;
    QString keyPassword;
    // TLS: check that the broker's certificate names the host connected to (librdkafka's
    // ssl.endpoint.identification.algorithm=https). Off only on purpose, and warned about.
    bool verifyHostname = true;
    int connectTimeoutMs = 5000; // how long to wait for the first broker answer
    int requestTimeoutMs = 15000;
    QMap<QString, QString> extraConfig; // passed to librdkafka as is

    friend bool operator==(const KafkaProfile &, const KafkaProfile &) = default;
};

struct ConnectionSpec {
    enum class Kind { Local, Kafka };
    Kind kind = Kind::Local;
    QString dataDirectory; // Local: empty means defaultDataDirectory()
    KafkaProfile kafka;    // Kafka

    QString describe() const;
};

// A profile's name as the UI shows it: the default profile's in the UI language, any other as
// the user wrote it. savedProfileName() maps a shown name back (what a dialog saves), so the
// default profile keeps its saved name whatever the language it was edited in.
QString shownProfileName(const QString &name);
QString savedProfileName(const QString &shown);

// The platform's app-data location for the built-in broker, e.g.
// ~/.local/share/Tidemark/data on Linux. Overridden by $TIDEMARK_DATA.
QString defaultDataDirectory();

} // namespace tidemark
