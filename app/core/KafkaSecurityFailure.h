#pragma once

// Why a secured Kafka connection failed, as a person can act on it. app/kafka classifies
// librdkafka's errors (its error text, TLS verification codes, the certificate files of the
// profile) into one of these kinds and stops with the message instead of letting librdkafka
// retry until the timeout; the texts live here, in core, so they are translated with the
// rest of the app (resources/translations, context "tidemark::KafkaSecurity").
//
// Threads: plain values and pure functions; any thread.

#include <QString>
#include <QStringList>

namespace tidemark {

enum class KafkaSecurityFailure {
    CredentialsRejected,        // SASL: wrong password or unknown user (Kafka does not say which)
    MechanismNotEnabled,        // SASL: the listener does not offer the profile's mechanism
    ServerCertificateUntrusted, // TLS: the broker's certificate is not signed by a CA the profile trusts
    HostnameMismatch,           // TLS: the broker's certificate does not name the host connected to
    ServerCertificateExpired,   // TLS: the broker's certificate is outside its validity dates
    ClientCertificateRejected,  // mTLS: the broker refused the client certificate (or none was given)
    ClientCertificateExpired,   // mTLS: the profile's client certificate is past its end date
    ClientKeyPasswordMissing,   // mTLS: the private key is encrypted and the profile has no key password
    ClientKeyPasswordWrong,     // mTLS: the profile's key password does not decrypt the private key
    TlsToPlaintextPort,         // the profile speaks TLS, the port does not
    PlaintextToTlsPort,         // the profile speaks plaintext, the port expects TLS
};

struct KafkaSecurityProblem {
    KafkaSecurityFailure kind = KafkaSecurityFailure::CredentialsRejected;
    QString broker; // "127.0.0.1:9195"
    QString detail; // kind-specific: mechanism, offered mechanisms, CA file, host, certificate file...
    QString extra;  // kind-specific second argument (offered mechanisms, expiry date...)
};

// The message for a problem: what failed, at which broker, and what to check, in the
// current application language.
QString kafkaSecurityMessage(const KafkaSecurityProblem &problem);

// Printed once when a profile turns host name verification off.
QString hostnameVerificationOffWarning(const QString &profileName);

struct KafkaProfile;

// Where a profile came from, for the wording of a secret found in its extra librdkafka
// settings: the settings file (the app's profiles) or tidemark-cli's -X options.
enum class ProfileOrigin { Saved, CommandLine };

// What is risky about a profile without being an error, in the current language: host name
// verification turned off (the profile's option, or ssl.endpoint.identification.algorithm=none
// in its extra settings), certificate verification turned off
// (enable.ssl.certificate.verification=false), a private key file that other users of the
// machine can read, a certificate or key file that cannot be read, a secret among the extra
// librdkafka settings (which are stored and shown in plain text). The one list both front
// ends use: the profile dialog shows it, tidemark-cli prints it on stderr before connecting.
QStringList kafkaProfileWarnings(const KafkaProfile &profile, ProfileOrigin origin = ProfileOrigin::Saved);

// librdkafka's sensitive properties (sasl.password, ssl.key.password, ssl.keystore.password,
// sasl.oauthbearer.client.secret, ssl.key.pem, a Java-style sasl.jaas.config...).
bool isSecretKafkaSetting(const QString &propertyName);

// The sentence added to a SCRAM login failure when the librdkafka in use (`version`, e.g.
// "2.0.2") is older than 2.6.1: it cannot log in with SCRAM to Kafka 4.0 or newer brokers.
QString scramOnKafka4Hint(const QString &librdkafkaVersion);

} // namespace tidemark
