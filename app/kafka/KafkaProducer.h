#pragma once

// The producing part of KafkaBackend: sends records over the connection's shared handle
// and waits for their delivery reports. Keyed records are placed by Tidemark's own
// partitioner (the Java client's murmur2 and the others of core/Partitioner.h); null keys
// use librdkafka's sticky choice, as the real clients do.
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: thread-safe; produce() runs on any Backend caller's thread, any number at once.
// Each call owns a batch of delivery slots (KafkaProducer.cpp); the connection's poll
// thread fills a slot from the delivery report and publishes it through the slot's atomic
// `done` (release/acquire); the batch's mutex and condition variable wake the waiting call,
// and a reference count keeps the batch alive for reports that come after the call gave up
// waiting. m_seedCounter is atomic.

#include "core/Backend.h"
#include "kafka/KafkaCommon.h"

#include <atomic>

namespace tidemark::kafka {

class KafkaConnection;

class KafkaProducer final {
public:
    explicit KafkaProducer(KafkaConnection &connection) : m_connection(connection) {}
    KafkaProducer(const KafkaProducer &) = delete;
    KafkaProducer &operator=(const KafkaProducer &) = delete;

    // The producer's part of the shared handle's configuration (a KafkaConnection::
    // HandleSetup): throughput defaults that a profile's extraConfig overrides, and the
    // delivery report callback.
    static Status configureHandle(rd_kafka_conf_t *conf, const KafkaProfile &profile);

    // Backend::produce.
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options);

private:
    KafkaConnection &m_connection;
    std::atomic<quint64> m_seedCounter{0}; // makes each call's random partitioner seed distinct
};

} // namespace tidemark::kafka
