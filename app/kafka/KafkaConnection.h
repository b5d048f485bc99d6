#pragma once

// One Kafka backend's connection to its cluster: the librdkafka client handle that every
// part of KafkaBackend shares (metadata, admin requests, offset queries and produce), the
// thread that serves its callbacks, the log of recent broker errors, and the helpers that
// turn a failed call into an Error that names the cluster and says what the brokers did.
// KafkaAdmin, KafkaProducer, KafkaReader and KafkaGroups each hold a reference to it.
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: thread-safe. Any caller thread may use every method at once: librdkafka handles
// are thread-safe, the error log has its own mutex, m_healthy and m_stop are atomics, the
// rest is set in open() and read-only afterwards. The handle's callbacks run on
// m_poller (delivery reports and error_cb, served by rd_kafka_poll) and on librdkafka's
// internal threads (log_cb, the certificate verification callback); they touch only
// m_errors and m_healthy.

#include "kafka/KafkaCommon.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace tidemark::kafka {

using SteadyClock = std::chrono::steady_clock;

// Milliseconds from now until `deadline`, 0 if it has passed.
int msLeft(SteadyClock::time_point deadline);

class KafkaConnection final {
public:
    // Adds the settings of the one role the shared handle has besides metadata and admin
    // (producing: defaults and the delivery report callback) to its configuration.
    using HandleSetup = Status (*)(rd_kafka_conf_t *conf, const KafkaProfile &profile);

    // Creates the handle and starts its poll thread. Does not contact the cluster.
    static Result<std::unique_ptr<KafkaConnection>> open(const KafkaProfile &profile, HandleSetup setup);
    // Stops the poll thread, then fails what is still queued (see the .cpp) and destroys the
    // handle. Every user of the connection must be gone.
    ~KafkaConnection();
    KafkaConnection(const KafkaConnection &) = delete;
    KafkaConnection &operator=(const KafkaConnection &) = delete;

    const KafkaProfile &profile() const { return m_profile; }
    rd_kafka_t *handle() const { return m_handle.get(); }
    BrokerErrorLog &errors() const { return *m_errors; }
    const std::shared_ptr<BrokerErrorLog> &sharedErrors() const { return m_errors; }
    QString clusterName() const { return m_profile.bootstrapServers; }

    // How long a metadata request may wait: the connect timeout until the cluster has
    // answered (and again after all brokers went down), then the request timeout.
    int metadataTimeout() const;

    // "<what>: the Kafka cluster at <servers> did not answer within N ms: <broker errors>",
    // or "<what> on the Kafka cluster at <servers> failed: <reason>"; the broker errors are
    // those logged after `errorsSince` (a BrokerErrorLog::sequence()).
    Error unreachable(rd_kafka_resp_err_t err, int timeoutMs, const QString &what, quint64 errorsSince = 0) const;
    Error topicMissing(const QString &topic) const;
    // Probes the bootstrap servers (KafkaProbe.h): an Unavailable error that says "nothing is
    // listening on ..." (or "host not found") when no server takes a TCP connection, else
    // none. Blocks for at most `timeoutMs`.
    std::optional<Error> nothingListening(const QString &what, int timeoutMs) const;

    // Metadata of one topic (`topic` non-null) or of all topics. Retries a broker that does
    // not answer within the connect timeout, and a topic that one broker does not know yet.
    Result<MetadataPtr> metadata(const QString *topic, const QString &what);
    // The metadata entry of `topic`, or NotFound.
    Result<const rd_kafka_metadata_topic_t *> findTopic(const rd_kafka_metadata_t *md, const QString &topic) const;
    // The entry of tp.topic if it has partition tp.partition, or NotFound.
    Result<const rd_kafka_metadata_topic_t *> checkPartition(const rd_kafka_metadata_t *md,
                                                             const TopicPartition &tp) const;

    // Runs one admin request on the shared handle and waits for its result event (at most
    // the request timeout), after checking that the cluster answers at all. The error of the
    // request as a whole is mapped; per-item errors in the event are the caller's.
    using AdminStart = std::function<void(rd_kafka_t *, const rd_kafka_AdminOptions_t *, rd_kafka_queue_t *)>;
    Result<EventPtr> runAdmin(rd_kafka_admin_op_t op, const QString &what, const AdminStart &start);

    // Sends the error_cb and warning-level log lines of another handle (a reader's consumer)
    // to this connection's error log. The handle must not outlive the connection.
    void forwardErrors(rd_kafka_conf_t *conf) const;

private:
    explicit KafkaConnection(const KafkaProfile &profile);

    static void errorCallback(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    static void logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message);
    static void forwardedErrorCallback(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    static void forwardedLogCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message);
    static int certificateCallback(rd_kafka_t *rk, const char *broker, int32_t brokerId, int *x509Error, int depth,
                                   const char *der, size_t size, char *errstr, size_t errstrSize, void *opaque);
    static int forwardedCertificateCallback(rd_kafka_t *rk, const char *broker, int32_t brokerId, int *x509Error,
                                            int depth, const char *der, size_t size, char *errstr, size_t errstrSize,
                                            void *opaque);

    const KafkaProfile m_profile;
    const std::shared_ptr<BrokerErrorLog> m_errors;
    bool m_debugLog = false; // the profile sets librdkafka's "debug": forward its log lines
    HandlePtr m_handle;
    std::thread m_poller; // serves m_handle's callbacks until m_stop
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_healthy{false};  // the cluster answered and not all brokers are down since
    std::atomic<bool> m_answered{false}; // the cluster has answered once (security failures are final before)
};

} // namespace tidemark::kafka
