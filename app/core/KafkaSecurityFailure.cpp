#include "core/KafkaSecurityFailure.h"

#include "core/ConnectionProfile.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <optional>

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
    case KafkaSecurityFailure::ClientKeyPasswordMissing:
        return QCoreApplication::translate(
                   "tidemark::KafkaSecurity",
                   "The private key %1 is encrypted and the profile has no key password: enter the key's password "
                   "in the profile.")
            .arg(p.detail);
    case KafkaSecurityFailure::ClientKeyPasswordWrong:
        return QCoreApplication::translate("tidemark::KafkaSecurity",
                                           "The key password of the profile does not decrypt the private key %1: "
                                           "check the key password.")
            .arg(p.detail);
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

bool isSecretKafkaSetting(const QString &propertyName)
{
    const QString name = propertyName.trimmed().toLower();
    return name.contains(QLatin1String("password")) || name.contains(QLatin1String("secret")) ||
           name.contains(QLatin1String("jaas")) || name == QLatin1String("ssl.key.pem") ||
           name == QLatin1String("sasl.oauthbearer.config");
}

QStringList kafkaProfileWarnings(const KafkaProfile &profile, ProfileOrigin origin)
{
    QStringList out;
    // A secret among the extra settings is exposed whatever the protocol.
    for (auto it = profile.extraConfig.cbegin(); it != profile.extraConfig.cend(); ++it) {
        if (!isSecretKafkaSetting(it.key()))
            continue;
        out << (origin == ProfileOrigin::CommandLine
                    ? QCoreApplication::translate("tidemark::KafkaSecurity",
                                                  "Warning: -X %1=... puts a secret on the command line (the process "
                                                  "list and the shell history show it); prefer --password-env VAR "
                                                  "for the SASL password and --key-password-env VAR for the key's.")
                          .arg(it.key())
                    : QCoreApplication::translate("tidemark::KafkaSecurity",
                                                  "Warning: the profile %1 keeps a secret in its extra librdkafka "
                                                  "setting %2, which the settings file holds in plain text; use the "
                                                  "profile's password fields instead.")
                          .arg(profile.name, it.key()));
    }
    const QString protocol = profile.securityProtocol.trimmed().toUpper();
    if (!protocol.endsWith(QLatin1String("SSL")))
        return out;
    // The extra settings override the profile's own (KafkaCommon's makeConf sets them last).
    const auto extra = [&](const char *name) -> std::optional<QString> {
        const auto it = profile.extraConfig.constFind(QLatin1String(name));
        if (it == profile.extraConfig.cend())
            return std::nullopt;
        return it.value().trimmed().toLower();
    };
    const auto algorithm = extra("ssl.endpoint.identification.algorithm");
    const bool hostnameOff = algorithm ? *algorithm != QLatin1String("https") : !profile.verifyHostname;
    const auto verification = extra("enable.ssl.certificate.verification");
    if (verification && (*verification == QLatin1String("false") || *verification == QLatin1String("0"))) {
        out << QCoreApplication::translate("tidemark::KafkaSecurity",
                                           "Warning: the profile %1 does not verify the broker's certificate at all "
                                           "(enable.ssl.certificate.verification=false): anyone who can intercept "
                                           "the connection can pretend to be the broker. Use this on test clusters "
                                           "only.")
                   .arg(profile.name);
    } else if (hostnameOff) {
        out << hostnameVerificationOffWarning(profile.name);
    }
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
