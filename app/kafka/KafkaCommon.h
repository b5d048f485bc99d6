#pragma once

// Plumbing shared by the Kafka backend and its consumers: owning wrappers for librdkafka
// handles, the profile-to-configuration mapping, error mapping, and the log of recent
// broker errors that makes "timed out" errors say which broker failed and how.
//
// Internal to app/kafka (includes librdkafka).

#include "core/ConnectionProfile.h"
#include "core/KafkaSecurityFailure.h"
#include "core/Record.h"
#include "core/Result.h"

#include <librdkafka/rdkafka.h>

#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace tidemark::kafka {

struct ConfDeleter {
    void operator()(rd_kafka_conf_t *c) const { rd_kafka_conf_destroy(c); }
};
struct HandleDeleter {
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
struct TopicDeleter {
    void operator()(rd_kafka_topic_t *t) const { rd_kafka_topic_destroy(t); }
};
struct ListDeleter {
    void operator()(rd_kafka_topic_partition_list_t *l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct QueueDeleter {
    void operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
    void operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); }
};
struct AdminOptionsDeleter {
    void operator()(rd_kafka_AdminOptions_t *o) const { rd_kafka_AdminOptions_destroy(o); }
};
struct MetadataDeleter {
    void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
};
struct ErrorDeleter {
    void operator()(rd_kafka_error_t *e) const { rd_kafka_error_destroy(e); }
};
struct MessageDeleter {
    void operator()(rd_kafka_message_t *m) const { rd_kafka_message_destroy(m); }
};

using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, TopicDeleter>;
using ListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;
using KErrorPtr = std::unique_ptr<rd_kafka_error_t, ErrorDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

inline ListPtr newList(int size = 1) { return ListPtr(rd_kafka_topic_partition_list_new(size)); }

// The most recent problems librdkafka reported (error_cb and warning-level logs), newest
// last, so an error about a timeout can say what the brokers actually did ("127.0.0.1:9099/
// bootstrap: Connect to ipv4#127.0.0.1:9099 failed: Connection refused").
// Each message is also classified (KafkaSecurity.h): the first failure no retry can fix (a
// refused password or certificate, the wrong protocol for the port) is kept, so a connection
// can stop with it instead of waiting for its timeout.
// Thread: written from librdkafka's internal threads and the poll threads, read from any
// caller; guarded by m_mutex (m_x509Error is an atomic).
class BrokerErrorLog {
public:
    // `profile`: the connection's, to classify failures against (what it tried to speak).
    explicit BrokerErrorLog(KafkaProfile profile = {});
    void add(const QString &message);
    // A classified failure and librdkafka's text for it: the first one since the last
    // clearSecurity() that happened often enough to be sure (a wrong protocol for the port
    // twice, everything else once).
    struct SecurityEntry {
        KafkaSecurityProblem problem;
        QString reason;
    };
    std::optional<SecurityEntry> security() const;
    void clearSecurity();
    // From the certificate verification callback: OpenSSL's code for the broker's certificate.
    void noteX509Error(int x509Error) { m_x509Error.store(x509Error); }
    // The distinct messages recorded since `sinceSequence` (all if 0) and within the last
    // 30 seconds, newest last, at most `max`.
    QStringList recent(quint64 sinceSequence = 0, int max = 3) const;
    quint64 sequence() const;

private:
    struct Entry {
        quint64 sequence;
        std::chrono::steady_clock::time_point when;
        QString message;
    };
    const KafkaProfile m_profile;
    mutable std::mutex m_mutex;
    std::deque<Entry> m_entries;
    quint64 m_sequence = 0;
    std::optional<SecurityEntry> m_security;  // confirmed
    std::optional<SecurityEntry> m_candidate; // seen once, needs a second sighting
    std::atomic<int> m_x509Error{0};
};

// Maps librdkafka/Kafka error codes to ours.
ErrorCode mapErrorCode(rd_kafka_resp_err_t err);
QString errorText(rd_kafka_resp_err_t err);
Error makeKafkaError(rd_kafka_resp_err_t err, const QString &what);

// Builds the configuration common to every handle of a profile: bootstrap servers,
// client id, security, timeouts, then `extraConfig` as is. The error names the property.
Result<ConfPtr> makeConf(const KafkaProfile &profile);
// Sets one property; the error names it and the value's problem.
Status setConf(rd_kafka_conf_t *conf, const char *name, const QByteArray &value);

// Copies a consumed message (key, value, headers, timestamp) into a Record. `topic` is the
// caller's cached name of m->rkt, to avoid a string conversion per record.
Record toRecord(const rd_kafka_message_t *m, const QString &topic);

// Adds `offset` for `tp` to a partition list.
void addOffset(rd_kafka_topic_partition_list_t *list, const TopicPartition &tp, qint64 offset);

inline QByteArray utf8(const QString &s) { return s.toUtf8(); }
inline QString fromUtf8(const char *s) { return s ? QString::fromUtf8(s) : QString(); }

} // namespace tidemark::kafka
