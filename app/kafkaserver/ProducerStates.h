#pragma once

// Idempotent producers (KIP-98 without transactions), as Kafka keeps them:
//  - InitProducerId hands out producer ids unique across every process sharing the data
//    directory: <data>/kafka/producer-ids holds the next id and is flock'd while one is taken.
//  - Per partition and producer id, the epoch and the last five batches (first and last
//    sequence, first and last offset) are kept. A batch whose sequences equal a remembered
//    one is a duplicate (a retry): it is acknowledged with the original base offset and not
//    written again; one that does not follow the last sequence is OUT_OF_ORDER_SEQUENCE_NUMBER;
//    an older epoch is INVALID_PRODUCER_EPOCH.
//  - The state survives a restart: every idempotent append is journalled to
//    <data>/kafka/producers/<topic id>-<partition>.state (48-byte entries with a CRC-32C,
//    compacted to the last five batches per producer), replayed on first use. Entries for
//    offsets the log no longer has (a tail lost in a power cut) are dropped on replay.
//    The journal entry is written right after the append returns, before the produce is
//    acknowledged; a kill -9 in the microseconds between the two lets a retry of that one
//    batch be written twice (Kafka derives the state from the log itself; our frames do not
//    carry producer ids).
//
// Threading: thread-safe. m_mutex guards the map of partitions; each partition's state has
// its own mutex, held across check, append and journal write so two requests of one
// producer for one partition never interleave.

#include "core/Result.h"

#include "kafkaserver/protocol/RecordBatch.h"

#include <QString>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace tidemark::kafkaserver {

class ProducerStates {
public:
    explicit ProducerStates(QString dataDirectory);

    // A new producer id (epoch 0), or the next epoch of `producerId` if one is given.
    Result<std::pair<qint64, qint16>> initProducerId(qint64 producerId, qint16 producerEpoch);

    struct Outcome {
        qint16 errorCode = 0; // Kafka error code; 0 on success
        QString message;
        qint64 baseOffset = -1;
        bool duplicate = false;
    };
    // Checks the batch's sequence for (topicId, partition); if it is new, calls `append`
    // (which returns the base offset written) and journals it. `highWatermark` is the log's,
    // for dropping journal entries beyond a lost tail on first use.
    Outcome append(const QString &topicId, int partition, qint64 highWatermark, const protocol::BatchHeader &batch,
                   const std::function<Result<qint64>()> &append);

    static constexpr int kRememberedBatches = 5;

private:
    struct BatchEntry {
        qint32 firstSeq = 0;
        qint32 lastSeq = 0;
        qint64 baseOffset = 0;
        qint64 lastOffset = 0;
    };
    struct Producer {
        qint16 epoch = 0;
        std::deque<BatchEntry> batches; // oldest first
    };
    struct Partition {
        std::mutex mutex;
        bool loaded = false;                  // guarded by mutex
        std::map<qint64, Producer> producers; // guarded by mutex
        qint64 journalBytes = 0;              // guarded by mutex
        QString path;
    };
    Status load(Partition &p, qint64 highWatermark);
    Status journal(Partition &p, qint64 producerId, const Producer &producer, const BatchEntry &entry);
    Status compact(Partition &p);

    QString m_directory; // <data>/kafka
    std::mutex m_mutex;
    std::map<std::pair<QString, int>, std::shared_ptr<Partition>> m_partitions; // guarded by m_mutex
};

} // namespace tidemark::kafkaserver
