#include "kafka/KafkaConnection.h"

#include "core/ConnectionLifecycle.h"
#include "kafka/KafkaProbe.h"
#include "kafka/KafkaSecurity.h"

#include <openssl/x509.h>

#include <QLoggingCategory>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace tidemark::kafka {

Q_LOGGING_CATEGORY(lcKafka, "tidemark.kafka")

int msLeft(SteadyClock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
    return static_cast<int>(std::max<qint64>(0, left));
}

KafkaConnection::KafkaConnection(const KafkaProfile &profile)
    : m_profile(profile),
      m_errors(std::make_shared<BrokerErrorLog>(profile)),
      m_debugLog(profile.extraConfig.contains(QStringLiteral("debug")))
{}

Result<std::unique_ptr<KafkaConnection>> KafkaConnection::open(const KafkaProfile &profile, HandleSetup setup)
{
    std::unique_ptr<KafkaConnection> connection(new KafkaConnection(profile));
    if (auto s = checkClientCertificate(profile); !s)
        return s.error();
    if (auto s = checkClientKey(profile); !s)
        return s.error();
    auto confResult = makeConf(profile);
    if (!confResult)
        return confResult.error();
    ConfPtr conf = std::move(confResult.value());
    if (setup) {
        if (auto s = setup(conf.get(), profile); !s)
            return s.error();
    }
    rd_kafka_conf_set_opaque(conf.get(), connection.get());
    rd_kafka_conf_set_error_cb(conf.get(), &KafkaConnection::errorCallback);
    rd_kafka_conf_set_log_cb(conf.get(), &KafkaConnection::logCallback);
    rd_kafka_conf_set_ssl_cert_verify_cb(conf.get(), &KafkaConnection::certificateCallback);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
    if (!rk)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("cannot set up a Kafka client for %1: %2")
                                                     .arg(connection->clusterName(), QString::fromUtf8(errstr)));
    (void)conf.release();
    connection->m_handle.reset(rk);
    connection->m_poller = std::thread([c = connection.get()] {
        while (!c->m_stop.load())
            rd_kafka_poll(c->m_handle.get(), 100);
    });
    return connection;
}

KafkaConnection::~KafkaConnection()
{
    if (!m_handle)
        return;
    m_stop.store(true);
    if (m_poller.joinable())
        m_poller.join();
    // Records still queued belong to produce() calls that gave up waiting: fail them now
    // and serve their reports, which frees their batches.
    if (rd_kafka_outq_len(m_handle.get()) > 0) {
        rd_kafka_purge(m_handle.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_flush(m_handle.get(), 2000);
    }
    m_handle.reset();
}

// ---------------------------------------------------------------------------- callbacks

void KafkaConnection::errorCallback(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    auto *self = static_cast<KafkaConnection *>(opaque);
    self->m_errors->add(fromUtf8(reason));
    if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        self->m_healthy.store(false);
}

void KafkaConnection::logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    // librdkafka's internal threads. Level 4 = warning and worse; connection failures come
    // through the error callback already.
    auto *self = static_cast<KafkaConnection *>(rd_kafka_opaque(rk));
    if (self && self->m_debugLog)
        qCDebug(lcKafka, "%d %s %s", level, facility, message);
    if (level > 4 || std::strcmp(facility, "FAIL") == 0)
        return;
    if (self)
        self->m_errors->add(QStringLiteral("%1: %2").arg(fromUtf8(facility), fromUtf8(message)));
}

void KafkaConnection::forwardErrors(rd_kafka_conf_t *conf) const
{
    rd_kafka_conf_set_opaque(conf, m_errors.get());
    rd_kafka_conf_set_error_cb(conf, &KafkaConnection::forwardedErrorCallback);
    rd_kafka_conf_set_log_cb(conf, &KafkaConnection::forwardedLogCallback);
    rd_kafka_conf_set_ssl_cert_verify_cb(conf, &KafkaConnection::forwardedCertificateCallback);
}

// OpenSSL's verdict on each certificate of the broker's chain: passed through unchanged
// (we never accept what OpenSSL refused), but noted, so a failed handshake can say whether the
// CA, the host name or the dates were wrong (librdkafka only says "certificate verify failed").
static int passThroughCertificate(BrokerErrorLog &log, int *x509Error, char *errstr, size_t errstrSize)
{
    if (*x509Error == 0)
        return 1;
    log.noteX509Error(*x509Error);
    std::snprintf(errstr, errstrSize, "%s", X509_verify_cert_error_string(*x509Error));
    return 0;
}

int KafkaConnection::certificateCallback(rd_kafka_t *, const char *, int32_t, int *x509Error, int, const char *, size_t,
                                         char *errstr, size_t errstrSize, void *opaque)
{
    return passThroughCertificate(*static_cast<KafkaConnection *>(opaque)->m_errors, x509Error, errstr, errstrSize);
}

int KafkaConnection::forwardedCertificateCallback(rd_kafka_t *, const char *, int32_t, int *x509Error, int,
                                                  const char *, size_t, char *errstr, size_t errstrSize, void *opaque)
{
    return passThroughCertificate(*static_cast<BrokerErrorLog *>(opaque), x509Error, errstr, errstrSize);
}

void KafkaConnection::forwardedErrorCallback(rd_kafka_t *, int, const char *reason, void *opaque)
{
    static_cast<BrokerErrorLog *>(opaque)->add(fromUtf8(reason));
}

void KafkaConnection::forwardedLogCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    if (level > 4 || std::strcmp(facility, "FAIL") == 0)
        return;
    if (auto *log = static_cast<BrokerErrorLog *>(rd_kafka_opaque(rk)))
        log->add(QStringLiteral("%1: %2").arg(fromUtf8(facility), fromUtf8(message)));
}

// ------------------------------------------------------------------------------ errors

int KafkaConnection::metadataTimeout() const
{
    return m_healthy.load() ? m_profile.requestTimeoutMs
                            : std::min(m_profile.connectTimeoutMs, m_profile.requestTimeoutMs);
}

Error KafkaConnection::unreachable(rd_kafka_resp_err_t err, int timeoutMs, const QString &what,
                                   quint64 errorsSince) const
{
    if (const auto security = m_errors->security())
        return securityError(security->problem, m_profile, security->reason);
    const QStringList recent = m_errors->recent(errorsSince);
    ErrorCode code = mapErrorCode(err);
    QString message;
    if (code == ErrorCode::Timeout || code == ErrorCode::Unavailable) {
        message = QStringLiteral("%1: the Kafka cluster at %2 did not answer within %3 ms")
                      .arg(what, clusterName())
                      .arg(timeoutMs);
        if (code == ErrorCode::Timeout && !recent.isEmpty())
            code = ErrorCode::Unavailable; // the brokers said why: they are not reachable
    } else {
        message = QStringLiteral("%1 on the Kafka cluster at %2 failed: %3").arg(what, clusterName(), errorText(err));
        if (err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE)
            message +=
                QStringLiteral(" (is that a broker's client listener? a controller-only port answers like this)");
    }
    if (!recent.isEmpty())
        message += QStringLiteral(": ") + recent.join(QStringLiteral("; "));
    else if (code == ErrorCode::Timeout || code == ErrorCode::Unavailable)
        message += QStringLiteral(" (") + errorText(err) + QLatin1Char(')');
    if (code == ErrorCode::Unknown)
        code = ErrorCode::Unavailable;
    return Error(code, message);
}

std::optional<Error> KafkaConnection::nothingListening(const QString &what, int timeoutMs) const
{
    const ProbeOutcome probe = probeBootstrapServers(parseBootstrapServers(m_profile.bootstrapServers), timeoutMs);
    QString message;
    switch (probe.kind) {
    case ProbeOutcome::Kind::SomeoneListens: return std::nullopt;
    case ProbeOutcome::Kind::AllRefused:
        message = QStringLiteral("%1: %2 %3 (connection refused)")
                      .arg(what, kNothingListeningMarker, probe.refused.join(QStringLiteral(", ")));
        break;
    case ProbeOutcome::Kind::HostsNotFound:
        message =
            QStringLiteral("%1: %2: %3").arg(what, kHostNotFoundMarker, probe.notFound.join(QStringLiteral(", ")));
        if (!probe.refused.isEmpty())
            message += QStringLiteral("; connection refused by %1").arg(probe.refused.join(QStringLiteral(", ")));
        break;
    }
    if (const QStringList recent = m_errors->recent(); !recent.isEmpty())
        message += QStringLiteral(": ") + recent.join(QStringLiteral("; "));
    return Error(ErrorCode::Unavailable, message);
}

Error KafkaConnection::topicMissing(const QString &topic) const
{
    return Error(ErrorCode::NotFound,
                 QStringLiteral("topic '%1' does not exist on the Kafka cluster at %2").arg(topic, clusterName()));
}

// ---------------------------------------------------------------------------- metadata

Result<MetadataPtr> KafkaConnection::metadata(const QString *topic, const QString &what)
{
    TopicPtr rkt;
    if (topic)
        rkt.reset(rd_kafka_topic_new(m_handle.get(), utf8(*topic).constData(), nullptr));
    const int timeout = metadataTimeout();
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout);
    // librdkafka sends the request to one broker it believes is up; if that broker has just
    // died, the request waits for it until the timeout. Shorter attempts let the next one go
    // to a broker that answers.
    const int attemptTimeout = std::max(1000, std::min(timeout, m_profile.connectTimeoutMs));
    // Until the cluster has answered once, the first attempts are short (250 ms, doubling): a
    // refused password or certificate, which librdkafka retries forever, stops the wait soon
    // after it is reported instead of at the timeout.
    const bool answeredBefore = m_answered.load();
    int shortAttempt = answeredBefore ? attemptTimeout : 250;
    int missing = 0;
    bool probed = false;
    for (;;) {
        const rd_kafka_metadata_t *md = nullptr;
        const int thisAttempt = std::min(attemptTimeout, shortAttempt);
        shortAttempt = std::min(attemptTimeout, shortAttempt * 2);
        const rd_kafka_resp_err_t err = rd_kafka_metadata(m_handle.get(), topic ? 0 : 1, rkt.get(), &md,
                                                          std::max(1, std::min(thisAttempt, msLeft(deadline))));
        if (err) {
            if (const auto security = m_errors->security(); security && !answeredBefore)
                return securityError(security->problem, m_profile, security->reason);
            const bool transient = err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT;
            // Never answered and the first attempt failed: if nothing listens on any bootstrap
            // server, say so now instead of at the timeout (librdkafka keeps retrying).
            if (transient && !answeredBefore && !probed && msLeft(deadline) > 0) {
                probed = true;
                if (auto refused = nothingListening(what, std::min(msLeft(deadline), 2000)))
                    return *refused;
            }
            if (transient && msLeft(deadline) > 0)
                continue;
            return unreachable(err, timeout, what);
        }
        m_healthy.store(true);
        if (!m_answered.exchange(true))
            m_errors->clearSecurity();
        MetadataPtr result(md);
        // Brokers learn about new topics from the controller one after the other: a topic
        // created a moment ago (by someone else) may still be unknown to the broker that
        // answered. Ask twice more (350 ms) before calling it missing.
        if (!topic || missing >= 2 || findTopic(md, *topic).ok())
            return result;
        std::this_thread::sleep_for(std::chrono::milliseconds(missing == 0 ? 100 : 250));
        ++missing;
    }
}

Result<const rd_kafka_metadata_topic_t *> KafkaConnection::findTopic(const rd_kafka_metadata_t *md,
                                                                     const QString &topic) const
{
    const QByteArray name = utf8(topic);
    for (int i = 0; i < md->topic_cnt; ++i) {
        const rd_kafka_metadata_topic_t &t = md->topics[i];
        if (name != t.topic)
            continue;
        if (t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || t.err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
            return topicMissing(topic);
        if (t.err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
            return makeKafkaError(t.err, QStringLiteral("topic '%1' on %2").arg(topic, clusterName()));
        if (t.partition_cnt == 0)
            return topicMissing(topic);
        return &t;
    }
    return topicMissing(topic);
}

Result<const rd_kafka_metadata_topic_t *> KafkaConnection::checkPartition(const rd_kafka_metadata_t *md,
                                                                          const TopicPartition &tp) const
{
    auto t = findTopic(md, tp.topic);
    if (!t)
        return t.error();
    if (tp.partition < 0 || tp.partition >= (*t)->partition_cnt)
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                              .arg(tp.topic)
                                              .arg(tp.partition)
                                              .arg((*t)->partition_cnt));
    return t;
}

Result<EventPtr> KafkaConnection::runAdmin(rd_kafka_admin_op_t op, const QString &what, const AdminStart &start)
{
    // Admin requests wait the full request timeout on a dead cluster: check it answers first.
    if (auto md = metadata(nullptr, what); !md)
        return md.error();
    const int timeout = m_profile.requestTimeoutMs;
    QueuePtr queue(rd_kafka_queue_new(m_handle.get()));
    AdminOptionsPtr options(rd_kafka_AdminOptions_new(m_handle.get(), op));
    char errstr[256];
    rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout, errstr, sizeof errstr);
    if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS)
        rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout, errstr, sizeof errstr);
    const quint64 errorsBefore = m_errors->sequence();
    start(m_handle.get(), options.get(), queue.get());
    EventPtr event(rd_kafka_queue_poll(queue.get(), timeout + 5000));
    if (!event)
        return unreachable(RD_KAFKA_RESP_ERR__TIMED_OUT, timeout + 5000, what, errorsBefore);
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
        const QString detail = fromUtf8(rd_kafka_event_error_string(event.get()));
        const ErrorCode code = mapErrorCode(err);
        if (code == ErrorCode::Timeout || code == ErrorCode::Unavailable)
            return unreachable(err, timeout, what, errorsBefore);
        return Error(code, QStringLiteral("%1 on %2: %3").arg(what, clusterName(), detail));
    }
    return event;
}

} // namespace tidemark::kafka
