#pragma once

// The reading half of KafkaBackend: watermarks of one partition or of many at once (the
// summaries that topic and group listings show), records by offset, and the offset of a
// timestamp. Offsets come from the connection's shared handle (ListOffsets requests);
// records from a small pool of group-less consumer handles that are assigned one
// partition per fetch() and never join their group nor commit. Every reader reads
// read_committed (librdkafka's default; the offsets come from the same isolation level):
// aborted records are never returned, and the offsets of transaction markers and aborted
// records hold no record (docs/kafka.md, "Transactions").
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: thread-safe; called on any Backend caller's thread. Each fetch() takes a handle
// out of the pool for its duration, so no two threads share one; m_fetchersMutex guards the
// pool (m_fetchers). Pooled handles send their errors to the connection's error log from
// librdkafka's internal threads (BrokerErrorLog has its own mutex).

#include "core/Backend.h"
#include "kafka/KafkaCommon.h"

#include <map>
#include <mutex>
#include <vector>

namespace tidemark::kafka {

class KafkaConnection;

// A group-less consumer handle of `connection`'s profile for reading by offset with assign():
// never joins its group nor commits; partition EOF events on; an offset out of range is an
// error (never a silent reset); then the `more` settings (how much to prefetch). Its errors go
// to the connection's error log.
Result<HandlePtr> newReaderHandle(const KafkaConnection &connection,
                                  const std::vector<std::pair<const char *, QByteArray>> &more);

class KafkaReader final {
public:
    explicit KafkaReader(KafkaConnection &connection) : m_connection(connection) {}
    KafkaReader(const KafkaReader &) = delete;
    KafkaReader &operator=(const KafkaReader &) = delete;

    // Backend's calls of the same names.
    Result<Watermarks> watermarks(const TopicPartition &tp);
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords);
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs);

    // Low and high watermarks of many partitions in two ListOffsets rounds (one request
    // per leader each). Partitions whose query failed are missing from the map. The topics
    // must be in the handle's metadata cache (ask for their metadata first).
    std::map<TopicPartition, Watermarks> watermarksOf(const std::vector<TopicPartition> &tps, int timeoutMs);

private:
    // An idle pooled handle, or a new one.
    Result<HandlePtr> takeFetcher();
    // Unassigns the handle and keeps it for the next fetch (at most two are kept).
    void returnFetcher(HandlePtr fetcher);

    KafkaConnection &m_connection;
    std::mutex m_fetchersMutex;
    std::vector<HandlePtr> m_fetchers; // idle group-less consumers for fetch(); m_fetchersMutex
};

} // namespace tidemark::kafka
