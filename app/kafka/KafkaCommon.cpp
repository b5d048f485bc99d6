#include "kafka/KafkaCommon.h"

#include "kafka/KafkaSecurity.h"

#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace tidemark::kafka {

namespace {
constexpr size_t kErrorLogCapacity = 32;
}

BrokerErrorLog::BrokerErrorLog(KafkaProfile profile) : m_profile(std::move(profile)) {}

void BrokerErrorLog::add(const QString &message)
{
    auto problem = classifySecurityFailure(message, m_profile, m_x509Error.load());
    std::lock_guard lock(m_mutex);
    m_entries.push_back({++m_sequence, std::chrono::steady_clock::now(), message});
    while (m_entries.size() > kErrorLogCapacity)
        m_entries.pop_front();
    if (!problem || m_security)
        return;
    // A port that speaks the other protocol is told by a disconnect, which a broker going
    // down could also cause once: believe it the second time.
    const bool needsTwo = problem->kind == KafkaSecurityFailure::TlsToPlaintextPort ||
                          problem->kind == KafkaSecurityFailure::PlaintextToTlsPort;
    if (needsTwo && !(m_candidate && m_candidate->problem.kind == problem->kind)) {
        m_candidate = SecurityEntry{*problem, message};
        return;
    }
    m_security = SecurityEntry{*problem, message};
}

std::optional<BrokerErrorLog::SecurityEntry> BrokerErrorLog::security() const
{
    std::lock_guard lock(m_mutex);
    return m_security;
}

void BrokerErrorLog::clearSecurity()
{
    std::lock_guard lock(m_mutex);
    m_security.reset();
    m_candidate.reset();
    m_x509Error.store(0);
}

QStringList BrokerErrorLog::recent(quint64 sinceSequence, int max) const
{
    std::lock_guard lock(m_mutex);
    QStringList out;
    const auto oldest = std::chrono::steady_clock::now() - std::chrono::seconds(30);
    for (auto it = m_entries.rbegin(); it != m_entries.rend() && out.size() < max; ++it) {
        if (it->sequence <= sinceSequence || it->when < oldest)
            break;
        if (!out.contains(it->message))
            out.prepend(it->message);
    }
    return out;
}

quint64 BrokerErrorLog::sequence() const
{
    std::lock_guard lock(m_mutex);
    return m_sequence;
}

ErrorCode mapErrorCode(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR_NO_ERROR: return ErrorCode::Unknown;
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR__NODE_UPDATE:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_NOT_CONTROLLER:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR: return ErrorCode::Unavailable;
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT: return ErrorCode::Timeout;
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
    case RD_KAFKA_RESP_ERR__NOENT: return ErrorCode::NotFound;
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: return ErrorCode::AlreadyExists;
    case RD_KAFKA_RESP_ERR__BAD_MSG:
    case RD_KAFKA_RESP_ERR_INVALID_MSG: return ErrorCode::Corrupt;
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR__INVALID_TYPE:
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
    case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT:
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
    case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
    case RD_KAFKA_RESP_ERR_INVALID_GROUP_ID:
    case RD_KAFKA_RESP_ERR_INVALID_SESSION_TIMEOUT:
    case RD_KAFKA_RESP_ERR_INVALID_COMMIT_OFFSET_SIZE:
    case RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP:
    case RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS:
    case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL: return ErrorCode::InvalidArgument;
    case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION:
    case RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP:
    case RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID:
    case RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC:
    case RD_KAFKA_RESP_ERR__FENCED:
    case RD_KAFKA_RESP_ERR__STATE:
    case RD_KAFKA_RESP_ERR__CONFLICT:
    case RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST:
    case RD_KAFKA_RESP_ERR_INCONSISTENT_GROUP_PROTOCOL: return ErrorCode::Conflict;
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
    case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
    case RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_FOR_MESSAGE_FORMAT:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_COMPRESSION_TYPE: return ErrorCode::Unsupported;
    case RD_KAFKA_RESP_ERR__DESTROY:
    case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT: return ErrorCode::Cancelled;
    default: return ErrorCode::Unknown;
    }
}

QString errorText(rd_kafka_resp_err_t err) { return QString::fromUtf8(rd_kafka_err2str(err)); }

Error makeKafkaError(rd_kafka_resp_err_t err, const QString &what)
{
    return Error(mapErrorCode(err), what + QStringLiteral(": ") + errorText(err));
}

Record toRecord(const rd_kafka_message_t *m, const QString &topic)
{
    Record r;
    r.topic = topic;
    r.partition = m->partition;
    r.offset = m->offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    const int64_t ts = rd_kafka_message_timestamp(m, &type);
    r.timestampMs = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? 0 : ts;
    if (m->key)
        r.key = QByteArray(static_cast<const char *>(m->key), static_cast<qsizetype>(m->key_len));
    if (m->payload)
        r.value = QByteArray(static_cast<const char *>(m->payload), static_cast<qsizetype>(m->len));
    else
        r.value = std::nullopt; // a tombstone (an empty value has a non-null payload)
    rd_kafka_headers_t *headers = nullptr;
    // rd_kafka_message_headers() takes a non-const message: it parses lazily into it.
    if (rd_kafka_message_headers(const_cast<rd_kafka_message_t *>(m), &headers) == RD_KAFKA_RESP_ERR_NO_ERROR &&
        headers) {
        const char *name = nullptr;
        const void *value = nullptr;
        size_t size = 0;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
             ++i) {
            Header h;
            h.key = QByteArray(name);
            if (value)
                h.value = QByteArray(static_cast<const char *>(value), static_cast<qsizetype>(size));
            r.headers.push_back(std::move(h));
        }
    }
    return r;
}

void addOffset(rd_kafka_topic_partition_list_t *list, const TopicPartition &tp, qint64 offset)
{
    rd_kafka_topic_partition_list_add(list, utf8(tp.topic).constData(), tp.partition)->offset = offset;
}

Status setConf(rd_kafka_conf_t *conf, const char *name, const QByteArray &value)
{
    char errstr[512];
    if (rd_kafka_conf_set(conf, name, value.constData(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK)
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("Kafka setting %1=%2: %3")
                .arg(QString::fromUtf8(name),
                     QString::fromUtf8(strcmp(name, "sasl.password") == 0 || strcmp(name, "ssl.key.password") == 0
                                           ? QByteArray("***")
                                           : value),
                     QString::fromUtf8(errstr)));
    return {};
}

Result<ConfPtr> makeConf(const KafkaProfile &profile)
{
    const QString bootstrap = profile.bootstrapServers.trimmed();
    if (bootstrap.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no Kafka bootstrap servers given (HOST:PORT,...)"));
    for (const QString &server : bootstrap.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString s = server.trimmed();
        const qsizetype colon = s.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int port = colon > 0 ? s.mid(colon + 1).toInt(&ok) : 0;
        if (!ok || port <= 0 || port > 65535)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("bootstrap server '%1' is not HOST:PORT with a port from 1 to 65535").arg(s));
    }

    const QString protocol = profile.securityProtocol.trimmed().toUpper();
    static const QStringList protocols = {QStringLiteral("PLAINTEXT"), QStringLiteral("SSL"),
                                          QStringLiteral("SASL_PLAINTEXT"), QStringLiteral("SASL_SSL")};
    if (!protocols.contains(protocol))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("security protocol '%1' is not one of %2")
                         .arg(profile.securityProtocol, protocols.join(QStringLiteral(", "))));
    const bool sasl = protocol.startsWith(QLatin1String("SASL"));
    const bool ssl = protocol.endsWith(QLatin1String("SSL"));
    const QString mechanism = profile.saslMechanism.trimmed().toUpper();
    if (sasl) {
        static const QStringList mechanisms = {QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"),
                                               QStringLiteral("SCRAM-SHA-512")};
        if (!mechanisms.contains(mechanism))
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("SASL mechanism '%1' is not one of %2")
                             .arg(profile.saslMechanism, mechanisms.join(QStringLiteral(", "))));
        if (profile.username.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("security protocol %1 needs a SASL user name").arg(protocol));
    }

    if (ssl) {
        const std::pair<QString, QString> files[] = {{QStringLiteral("CA certificate"), profile.caFile},
                                                     {QStringLiteral("client certificate"), profile.certFile},
                                                     {QStringLiteral("client key"), profile.keyFile}};
        for (const auto &[what, path] : files) {
            if (path.isEmpty() || path == QLatin1String("probe"))
                continue;
            const QFileInfo info(path);
            if (!info.exists())
                return Error(ErrorCode::NotFound, QStringLiteral("%1 file '%2' does not exist").arg(what, path));
            if (!info.isReadable())
                return Error(ErrorCode::Io, QStringLiteral("%1 file '%2' is not readable").arg(what, path));
        }
    }

    ConfPtr conf(rd_kafka_conf_new());
    auto set = [&](const char *name, const QString &value) { return setConf(conf.get(), name, utf8(value)); };
    std::vector<std::pair<const char *, QString>> settings = {
        {"bootstrap.servers", bootstrap},
        {"client.id", profile.clientId.isEmpty() ? QStringLiteral("tidemark") : profile.clientId},
        {"security.protocol", protocol.toLower()},
        // An unreachable broker must fail within the connect timeout, not the OS default.
        {"socket.connection.setup.timeout.ms", QString::number(std::max(1000, profile.connectTimeoutMs))},
        {"socket.timeout.ms", QString::number(std::max(100, profile.requestTimeoutMs))},
        {"reconnect.backoff.max.ms", QStringLiteral("2000")},
        // Never create topics as a side effect of a lookup: the cluster refuses it anyway.
        {"allow.auto.create.topics", QStringLiteral("false")},
    };
    if (sasl) {
        settings.emplace_back("sasl.mechanisms", mechanism);
        settings.emplace_back("sasl.username", profile.username);
        settings.emplace_back("sasl.password", profile.password);
    }
    if (ssl) {
        if (!profile.caFile.isEmpty())
            settings.emplace_back("ssl.ca.location", profile.caFile);
        if (!profile.certFile.isEmpty())
            settings.emplace_back("ssl.certificate.location", profile.certFile);
        if (!profile.keyFile.isEmpty())
            settings.emplace_back("ssl.key.location", profile.keyFile);
        if (!profile.keyPassword.isEmpty())
            settings.emplace_back("ssl.key.password", profile.keyPassword);
        settings.emplace_back("ssl.endpoint.identification.algorithm",
                              profile.verifyHostname ? QStringLiteral("https") : QStringLiteral("none"));
    }
    for (const auto &[name, value] : settings) {
        if (auto s = set(name, value); !s)
            return s.error();
    }
    for (auto it = profile.extraConfig.cbegin(); it != profile.extraConfig.cend(); ++it) {
        const QByteArray name = utf8(it.key());
        if (auto s = setConf(conf.get(), name.constData(), utf8(it.value())); !s)
            return s.error();
    }
    return conf;
}

} // namespace tidemark::kafka
