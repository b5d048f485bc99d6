#pragma once

// What every request handler of one listener shares: the storage, the listener's options and
// identity (node id 0, cluster id, advertised address), counters, the event sink, the fetch
// waiters and the idempotent producers' state.
//
// Threading: created before the listener's threads start and destroyed after they stop.
// Options and identity are immutable after start; counters are atomics; LogStore,
// FetchWaiters, ProducerStates and GroupCoordinator guard themselves (see their headers); emit() may be called
// from any thread (onEvent must be thread-safe).

#include "kafkaserver/KafkaListener.h"

#include "logbroker/LogStore.h"

#include <QLoggingCategory>

#include <atomic>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcKafkaServer)

namespace tidemark::kafkaserver {

class FetchWaiters;
class GroupCoordinator;
class ProducerStates;

class BrokerContext {
public:
    BrokerContext(ListenerOptions options, std::shared_ptr<logbroker::LogStore> store);
    ~BrokerContext();

    const ListenerOptions &options() const { return m_options; }
    logbroker::LogStore &store() const { return *m_store; }
    const std::shared_ptr<logbroker::LogStore> &storePtr() const { return m_store; }
    FetchWaiters &fetchWaiters() const { return *m_fetchWaiters; }
    ProducerStates &producerStates() const { return *m_producerStates; }
    GroupCoordinator &groupCoordinator() const { return *m_groupCoordinator; }

    static constexpr int kNodeId = 0;
    QString clusterId() const { return m_clusterId; }
    QString advertisedHost() const { return m_advertisedHost; }
    quint16 advertisedPort() const { return m_advertisedPort.load(); }
    void setBoundAddress(const QString &host, quint16 port);

    void emitEvent(ListenerEvent event);
    void emitEvent(ListenerEvent::Kind kind, const QString &client, const QString &message);

    std::atomic<int> connected{0};
    std::atomic<qint64> connectionsAccepted{0};
    std::atomic<qint64> requests{0};
    std::atomic<qint64> producedRecords{0};
    std::atomic<qint64> fetchedRecords{0};
    std::array<std::atomic<qint64>, 5> batchesByCodec{};
    std::atomic<qint64> largestUnsentBytes{0}; // see ListenerStats
    void noteUnsentBytes(qint64 bytes)
    {
        qint64 seen = largestUnsentBytes.load(std::memory_order_relaxed);
        while (bytes > seen && !largestUnsentBytes.compare_exchange_weak(seen, bytes, std::memory_order_relaxed)) {
        }
    }

private:
    ListenerOptions m_options;
    std::shared_ptr<logbroker::LogStore> m_store;
    std::unique_ptr<FetchWaiters> m_fetchWaiters;
    std::unique_ptr<ProducerStates> m_producerStates;
    std::unique_ptr<GroupCoordinator> m_groupCoordinator;
    QString m_clusterId;
    QString m_advertisedHost;
    std::atomic<quint16> m_advertisedPort{0};
};

} // namespace tidemark::kafkaserver
