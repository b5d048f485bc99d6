#pragma once

// "Produce again" for a range: the records a RecordScan finds (a selection, a filter's
// matches, an offset or time range) produced once more, to the same topic or another, byte
// for byte (key, value or tombstone, headers, and the original timestamps unless asked not
// to). A dry run does the same scan and says what would go where (per source partition and
// target partition: records and bytes, and the first records one by one) without producing.
//
// Placement is decided here, not by the producer, so the dry run is exactly what the real run
// does: the same partition as the source (the target must have it), or by key with a
// partitioner (null keys spread by a seeded chooser, the same in both runs).
//
// The scan's ranges are fixed when it is planned, so replaying into the source topic never
// reads its own output. Blocking (Backend calls): run it on a worker thread; `state` is shared
// with the thread that shows progress and may cancel. A cancelled or failed real run may
// have produced part of the records: the report counts what was acknowledged.

#include "core/Backend.h"
#include "core/RecordScan.h"

#include <atomic>
#include <map>
#include <utility>
#include <vector>

namespace tidemark {

struct ReplayOptions {
    enum class Placement { SamePartition, ByKey };
    RecordScan::Options source;
    QString targetTopic;
    Placement placement = Placement::SamePartition;
    PartitionerKind partitioner = PartitionerKind::Murmur2Random; // for ByKey
    bool keepTimestamps = true;                                   // false: the producer stamps the time of the replay
    bool dryRun = true;
    int batchRecords = 500; // records per produce call
};

struct ReplayReport {
    struct Route {
        qint64 records = 0;
        qint64 bytes = 0; // key + value
        bool operator==(const Route &) const = default;
    };
    struct Sample {
        int sourcePartition = -1;
        qint64 sourceOffset = -1;
        int targetPartition = -1;
        qint64 targetOffset = -1; // -1 in a dry run
    };
    static constexpr size_t kSamples = 20;

    bool dryRun = true;
    int targetPartitions = 0;
    qint64 scanned = 0;  // records read from the source
    qint64 selected = 0; // records that match (produced, or to be produced)
    qint64 produced = 0; // acknowledged by the broker (0 in a dry run)
    qint64 failed = 0;   // refused one by one (too large, timed out)
    qint64 bytes = 0;
    std::map<std::pair<int, int>, Route> routes; // (source partition, target partition)
    std::vector<Sample> samples;                 // the first kSamples records, in scan order
    QString firstFailure;                        // the first per-record refusal, if any
};

struct ReplayState {
    std::atomic<qint64> scanned{0};
    std::atomic<qint64> total{0};
    std::atomic<qint64> produced{0};
    std::atomic<bool> cancel{false};
};

// Errors before anything is produced: the source or target topic does not exist, a source
// partition the target lacks (same partition), an invalid filter, the broker unreachable.
// Cancelled (with what was produced so far in the message) if `state.cancel` was set.
Result<ReplayReport> replayScan(Backend &backend, const ReplayOptions &options, ReplayState &state);

} // namespace tidemark
