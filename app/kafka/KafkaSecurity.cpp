#include "kafka/KafkaSecurity.h"

#include <librdkafka/rdkafka.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>
#include <ctime>
#include <memory>

namespace tidemark::kafka {

namespace {

bool usesTls(const KafkaProfile &profile)
{
    return profile.securityProtocol.trimmed().toUpper().endsWith(QLatin1String("SSL"));
}

// "sasl_ssl://127.0.0.1:9195/bootstrap: ..." -> "127.0.0.1:9195"; empty if not of that form.
QString brokerOf(const QString &reason)
{
    static const QRegularExpression re(QStringLiteral(R"(^(?:[a-z_]+://)?([^/\s]+)/(?:bootstrap|-?\d+):\s)"));
    const auto m = re.match(reason);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString hostOf(const QString &broker)
{
    const qsizetype colon = broker.lastIndexOf(QLatin1Char(':'));
    QString host = colon > 0 ? broker.left(colon) : broker;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

// librdkafka before 2.6.1 repeats the client nonce in SCRAM's client-final message; Kafka 4
// checks it strictly (RFC 5802) and refuses the login as if the password were wrong.
bool scramBrokenOnKafka4() { return rd_kafka_version() < 0x020601ff; }

} // namespace

bool isHostnameMismatch(int x509Error)
{
    return x509Error == X509_V_ERR_HOSTNAME_MISMATCH || x509Error == X509_V_ERR_IP_ADDRESS_MISMATCH;
}

bool isCertificateDateError(int x509Error)
{
    return x509Error == X509_V_ERR_CERT_HAS_EXPIRED || x509Error == X509_V_ERR_CERT_NOT_YET_VALID;
}

std::optional<KafkaSecurityProblem> classifySecurityFailure(const QString &reason, const KafkaProfile &profile,
                                                            int x509Error)
{
    KafkaSecurityProblem p;
    p.broker = brokerOf(reason);
    if (p.broker.isEmpty())
        p.broker = profile.bootstrapServers;
    const auto has = [&](const char *text) { return reason.contains(QLatin1String(text), Qt::CaseInsensitive); };
    const bool tls = usesTls(profile);

    if (has("Unsupported SASL mechanism")) {
        p.kind = KafkaSecurityFailure::MechanismNotEnabled;
        p.detail = profile.saslMechanism.trimmed().toUpper();
        static const QRegularExpression offered(QStringLiteral(R"(supported mechanisms:\s*([^\s(]+))"));
        const auto m = offered.match(reason);
        p.extra = m.hasMatch() ? m.captured(1) : QStringLiteral("?");
        return p;
    }
    if (has("SASL authentication error") || has("Authentication failed")) {
        p.kind = KafkaSecurityFailure::CredentialsRejected;
        p.detail = profile.saslMechanism.trimmed().toUpper();
        return p;
    }
    if (tls && has("certificate verify failed")) {
        if (isHostnameMismatch(x509Error)) {
            p.kind = KafkaSecurityFailure::HostnameMismatch;
            p.detail = hostOf(p.broker);
        } else if (isCertificateDateError(x509Error)) {
            p.kind = KafkaSecurityFailure::ServerCertificateExpired;
        } else {
            p.kind = KafkaSecurityFailure::ServerCertificateUntrusted;
            p.detail = profile.caFile.isEmpty() ? QStringLiteral("-") : profile.caFile;
        }
        return p;
    }
    // The broker's TLS alerts about our certificate (Java sends "certificate unknown" for an
    // expired or untrusted one, "bad certificate" when none came).
    if (tls && (has("alert bad certificate") || has("alert certificate unknown") || has("alert certificate expired") ||
                has("alert unknown ca") || has("alert certificate required") || has("alert unsupported certificate") ||
                has("alert certificate revoked"))) {
        p.kind = KafkaSecurityFailure::ClientCertificateRejected;
        p.detail = profile.certFile.isEmpty() ? QStringLiteral("-") : profile.certFile;
        return p;
    }
    // A TLS client hello to a plaintext listener: Kafka reads it as a request, finds it
    // malformed and closes the connection in the middle of the handshake.
    if (tls && has("SSL_HANDSHAKE") &&
        (has("unexpected eof") || has("wrong version number") || has("packet length too long") ||
         has("record layer failure") || has("Disconnected"))) {
        p.kind = KafkaSecurityFailure::TlsToPlaintextPort;
        return p;
    }
    // A Kafka request to a TLS listener: the broker drops it; librdkafka names the suspicion.
    if (!tls && has("Disconnected while requesting ApiVersion") && has("security.protocol")) {
        p.kind = KafkaSecurityFailure::PlaintextToTlsPort;
        return p;
    }
    return std::nullopt;
}

Error securityError(const KafkaSecurityProblem &problem, const KafkaProfile &profile, const QString &reason)
{
    QString message = kafkaSecurityMessage(problem);
    if (problem.kind == KafkaSecurityFailure::CredentialsRejected &&
        profile.saslMechanism.trimmed().toUpper().startsWith(QLatin1String("SCRAM")) && scramBrokenOnKafka4())
        message += QLatin1Char(' ') + scramOnKafka4Hint(QString::fromLatin1(rd_kafka_version_str()));
    if (!reason.isEmpty())
        message += QStringLiteral(" [librdkafka: %1]").arg(reason);
    return Error(ErrorCode::InvalidArgument, message);
}

Status checkClientCertificate(const KafkaProfile &profile)
{
    if (!usesTls(profile) || profile.certFile.isEmpty() || profile.certFile == QLatin1String("probe"))
        return {};
    const QByteArray path = QFile::encodeName(profile.certFile);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(path.constData(), "r"), &BIO_free);
    if (!bio)
        return {}; // makeConf names a missing or unreadable file
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                     &X509_free);
    if (!cert)
        return {}; // not PEM: librdkafka says what it makes of it
    const ASN1_TIME *notAfter = X509_get0_notAfter(cert.get());
    if (!notAfter || X509_cmp_current_time(notAfter) >= 0)
        return {};
    std::tm tm{};
    QString when = QStringLiteral("?");
    if (ASN1_TIME_to_tm(notAfter, &tm) == 1)
        when = QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                         Qt::UTC)
                   .toString(Qt::ISODate);
    KafkaSecurityProblem p;
    p.kind = KafkaSecurityFailure::ClientCertificateExpired;
    p.broker = profile.bootstrapServers;
    p.detail = profile.certFile;
    p.extra = when;
    return securityError(p, profile, {});
}

Status checkClientKey(const KafkaProfile &profile)
{
    if (!usesTls(profile) || profile.keyFile.isEmpty())
        return {};
    const QByteArray path = QFile::encodeName(profile.keyFile);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(path.constData(), "r"), &BIO_free);
    if (!bio)
        return {}; // makeConf names a missing or unreadable file
    struct Password {
        QByteArray text;
        bool asked = false; // OpenSSL asks only for an encrypted key
    } password{profile.keyPassword.toUtf8()};
    // Our own callback: OpenSSL's default one would prompt on the terminal.
    const auto callback = [](char *buffer, int size, int, void *user) -> int {
        auto *pw = static_cast<Password *>(user);
        pw->asked = true;
        if (pw->text.isEmpty() || pw->text.size() > size)
            return -1;
        std::memcpy(buffer, pw->text.constData(), size_t(pw->text.size()));
        return int(pw->text.size());
    };
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, callback, &password), &EVP_PKEY_free);
    ERR_clear_error(); // what failed is said below; leave librdkafka a clean error queue
    if (key || !password.asked)
        return {}; // opened, or not an encrypted PEM key: librdkafka says what it makes of it
    KafkaSecurityProblem p;
    p.kind = profile.keyPassword.isEmpty() ? KafkaSecurityFailure::ClientKeyPasswordMissing
                                           : KafkaSecurityFailure::ClientKeyPasswordWrong;
    p.broker = profile.bootstrapServers;
    p.detail = profile.keyFile;
    return securityError(p, profile, {});
}

} // namespace tidemark::kafka
