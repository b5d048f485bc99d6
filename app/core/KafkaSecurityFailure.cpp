#include "core/KafkaSecurityFailure.h"

#include "core/ConnectionProfile.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace tidemark {

QString kafkaSecurityMessage(const KafkaSecurityProblem &p)
{
    switch (p.kind) {
    case KafkaSecurityFailure::CredentialsRejected:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The Kafka broker %1 refused the user name or password (SASL %2): check the user name and the "
                   "password of the profile (the broker does not say which of the two is wrong).")
            .arg(p.broker, p.detail);
    case KafkaSecurityFailure::MechanismNotEnabled:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The Kafka broker %1 does not accept the SASL mechanism %2 (it offers: %3): choose one of "
                   "those in the profile.")
            .arg(p.broker, p.detail, p.extra);
    case KafkaSecurityFailure::ServerCertificateUntrusted:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The certificate of the Kafka broker %1 is not signed by a CA the profile trusts: check the "
                   "profile's CA certificate file (%2).")
            .arg(p.broker, p.detail);
    case KafkaSecurityFailure::HostnameMismatch:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The certificate of the Kafka broker %1 is not made for the host name %2: connect with a host "
                   "name the certificate names, or (on a test cluster only) turn off host name verification in "
                   "the profile.")
            .arg(p.broker, p.detail);
    case KafkaSecurityFailure::ServerCertificateExpired:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The certificate of the Kafka broker %1 has expired or is not valid yet: check the broker's "
                   "certificate and this computer's clock.")
            .arg(p.broker);
    case KafkaSecurityFailure::ClientCertificateRejected:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The Kafka broker %1 refused the client certificate of the profile (%2): check that the "
                   "certificate and key files belong together, have not expired and are signed by a CA the "
                   "broker trusts.")
            .arg(p.broker, p.detail);
    case KafkaSecurityFailure::ClientCertificateExpired:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The client certificate %1 of the profile expired on %2: the broker will refuse it; get a new "
                   "certificate.")
            .arg(p.detail, p.extra);
    case KafkaSecurityFailure::TlsToPlaintextPort:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The Kafka broker %1 did not answer the TLS handshake: the port is probably a PLAINTEXT or "
                   "SASL_PLAINTEXT listener; check the profile's security protocol and port.")
            .arg(p.broker);
    case KafkaSecurityFailure::PlaintextToTlsPort:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The Kafka broker %1 closed the connection before answering: the port probably expects TLS; "
                   "check the profile's security protocol (SSL or SASL_SSL) and port.")
            .arg(p.broker);
    }
    return {};
}

QString hostnameVerificationOffWarning(const QString &profileName)
{
    return QCoreApplication::translate(
               "tidemark::KafkaSecurity",
               "Warning: the profile %1 does not check that the broker's certificate names the broker's host: "
               "anyone who can intercept the connection can pretend to be the broker. Use this on test "
               "clusters only.")
        .arg(profileName);
}

QStringList kafkaProfileWarnings(const KafkaProfile &profile)
{
    QStringList out;
    const QString protocol = profile.securityProtocol.trimmed().toUpper();
    if (!protocol.endsWith(QLatin1String("SSL")))
        return out;
    if (!profile.verifyHostname)
        out << hostnameVerificationOffWarning(profile.name);
    const std::pair<QString, bool> files[] = {
        {profile.caFile, false}, {profile.certFile, false}, {profile.keyFile, true}};
    for (const auto &[path, secret] : files) {
        if (path.isEmpty())
            continue;
        const QFileInfo info(path);
        if (!info.exists() || !info.isReadable()) {
            out << QCoreApplication::translate("tidemark::KafkaSecurity",
                                               "The file %1 of the profile cannot be read: check its name and "
                                               "permissions.")
                       .arg(path);
        } else if (secret && (info.permissions() & QFile::ReadOther)) {
            out << QCoreApplication::translate("tidemark::KafkaSecurity",
                                               "Warning: the private key %1 can be read by every user of this "
                                               "computer: make it readable by you only (chmod 600).")
                       .arg(path);
        }
    }
    return out;
}

QString scramOnKafka4Hint(const QString &librdkafkaVersion)
{
    return QCoreApplication::translate(
               "tidemark::KafkaSecurity",
               "Note: librdkafka %1 cannot log in with SCRAM to Kafka 4.0 or newer brokers (fixed in "
               "librdkafka 2.6.1); with such a broker use PLAIN over SASL_SSL or a newer librdkafka.")
        .arg(librdkafkaVersion);
}

} // namespace tidemark
