#pragma once

// The timeline's reads on Kafka (core/SummaryReads.h), at the cost of what the screen shows:
// a probe costs about one record batch, a range read the batches that hold the range, and the
// cost is what the brokers really sent, measured by librdkafka, not counted from the records.
//
// KafkaReader's fetcher is built for throughput: it prefetches up to 8 MB per partition
// (queued.max.messages.kbytes) and asks for 1 MB per partition per fetch, so a 16-record
// probe there moves megabytes. This reader has two consumer handles of its own, one for
// probes and one for range reads, both set up so that a fetch brings one batch:
//  - max.partition.fetch.bytes=fetch.max.bytes=message.max.bytes=kFetchBytes (16 KB): Apache
//    Kafka answers with the batches at the offset that fit, and always with the first whole
//    (a soft limit, KIP-74), so a fetch brings one producer batch of a busy topic (batch.size
//    is 16 KB by default) or several small ones; a broker that cuts at records (the built-in
//    broker's listener) sends 16 KB of records rather than one;
//  - probes: queued.min.messages=1, queued.max.messages.kbytes=1: nothing is fetched ahead; a
//    probe takes every record of the batch it got (from its offset on: the bytes are paid
//    anyway) but the last one queued, so the queue never runs dry and nothing more is
//    fetched, and the handle is unassigned right after each read, which drops whatever it
//    queued;
//  - range reads: librdkafka decides whether to fetch again when a batch comes in (and
//    otherwise only when its broker thread wakes, up to a second later in 2.0): with
//    queued.max.messages.kbytes=kRangeQueueKBytes (about a batch and a third of values) and no
//    record limit, the next batch is fetched while one is consumed, one fetch under way at a
//    time. Near the end, when the batch under way should bring the last records the read
//    needs, the read keeps a few records of the current batch queued until it comes in (at
//    most kHoldMs): the queue is then over its limit and nothing more is fetched. So a range
//    costs its batches and nothing beyond (measured: 10,000 records per lane in 0.3 s each,
//    against 5 s a lane when every batch waited for an assign; the same bytes).
// librdkafka 2.0 sends the next Fetch for a partition whose queue ran dry only when the
// broker's thread wakes up, up to a second later (measured: a 1,200-record range took 8 s,
// a probe now and then 1 s). A read that waits longer than kKickMs for a batch assigns the
// partition again at its next offset, which starts a fetch at once. A fetch already under way
// then is wasted (and counted): rare on an idle machine, a few per window under load.
// Probes meet a second form of it at every assign: librdkafka 2.0 compares
// queued.min.messages with the length of the consumer queue (every partition's fetch queue is
// forwarded to it), and each assign, unassign or pause puts a version barrier op on that queue
// from librdkafka's main thread, after rd_kafka_assign() has returned. The leader's broker
// thread, woken by the assign, often finds such a barrier still queued (one "message", so
// queued.min.messages=1 is reached), decides the partition is not fetchable, and looks again
// only when something wakes it: the kick, or its one-second timer (debug=fetch shows no Fetch
// sent until then). Consuming the barrier does not wake it. So a probe that has nothing after
// kWakeMs, its queue empty (the barriers consumed), asks the partition's leader for its
// watermarks (rd_kafka_query_watermark_offsets(): two ListOffsets requests, one round trip, a
// few hundred bytes): the requests wake the leader's broker thread, which then sees an empty
// queue and fetches. If a Fetch was already under way, nothing changes (no version change,
// nothing dropped).
// The cost: librdkafka's statistics (statistics.interval.ms, delivered as events on the
// handle's main queue to this reader's own thread), the sum over the handle's brokers of
// `rxbytes` (every byte received from them: batches, protocol framing, metadata). A read
// returns the bytes received since the previous read returned, as of the latest statistics:
// the counts lag the reads by at most one statistics interval (kStatsIntervalMs), and the next
// read (or bytesReceived()) takes in what was left over, so the sum over all reads is exact.
//
// Internal to app/kafka (includes librdkafka).
//
// Threads: read() and bytesReceived() may be called from any thread (never the GUI thread:
// they block on the network); m_readMutex makes reads take turns (the timeline has one read
// in flight at a time anyway). Each handle's statistics thread polls its main queue and
// writes the counters under m_statsMutex; m_statsChanged wakes a bytesReceived() waiting for
// fresh emissions. A handle is created by the first read that needs it; the reader's
// destructor stops the statistics threads and hands each handle to a detached thread that
// closes and destroys it (librdkafka 2.0's destroy can hang: see the .cpp).

#include "core/SummaryReads.h"
#include "kafka/KafkaCommon.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace tidemark::kafka {

class KafkaConnection;

class KafkaSummaryReader final {
public:
    static constexpr int kStatsIntervalMs = 100;
    static constexpr int kFetchBytes = 16384;
    // How long a read waits for a batch before it assigns again (the waits double up to
    // 500 ms): long enough for a loaded broker to answer, short against librdkafka's second.
    static constexpr int kKickMs = 50;
    // Probes: how long a probe waits for its batch before it wakes the leader's broker thread
    // with a ListOffsets request (see above); a batch usually comes in 1 to 10 ms.
    static constexpr int kWakeMs = 5;
    // Range reads: librdkafka fetches the next batch as soon as one comes in while its queue
    // holds less than this (about one batch and a third of values: the batch under way is
    // fetched while the previous one is consumed) ...
    static constexpr int kRangeQueueKBytes = 20;
    // ... and a read near its end waits at most this long with records held back.
    static constexpr int kHoldMs = 200;

    explicit KafkaSummaryReader(KafkaConnection &connection) : m_connection(connection) {}
    ~KafkaSummaryReader();
    KafkaSummaryReader(const KafkaSummaryReader &) = delete;
    KafkaSummaryReader &operator=(const KafkaSummaryReader &) = delete;

    // CostedSummaryReader::readSummaries. A probe returns the records of `offset`'s batch from
    // `offset` on (all but the last queued, up to maxRecords: the batch is paid for), a range read up to
    // maxRecords in as many batches as it takes. Errors as Backend::fetch() (an offset out of
    // range is InvalidArgument).
    Result<SummaryFetch> read(const TopicPartition &tp, qint64 offset, int maxRecords, SummaryRead how);

    // Every byte the reader's handle received from the brokers so far, after waiting up to
    // `waitMs` for a statistics emission that came after this call (so it includes what
    // earlier reads received; 0 takes the latest statistics as they are).
    qint64 bytesReceived(int waitMs);

    // What the handle's fetches brought, from the same statistics (waits as bytesReceived()):
    // every byte, the records librdkafka queued for the reads (the partitions' `rxmsgs`: the
    // records of a batch before the offset asked for are not counted, those of a fetch that
    // came back after its read ended are) and the fetch responses dropped because they came
    // back after the partition was assigned again (`rx_ver_drops`: a batch paid for nothing).
    struct Counters {
        qint64 bytes = 0;
        qint64 records = 0;
        qint64 droppedResponses = 0;
        // Reads that waited kKickMs or more for a batch and assigned again (exact, not from
        // the statistics).
        qint64 kicks = 0;
        // Probes that had nothing after kWakeMs and sent a ListOffsets request to wake the
        // leader's broker thread (exact).
        qint64 wakes = 0;
    };
    Counters counters(int waitMs);

private:
    // One consumer handle and the thread that serves its statistics.
    struct Handle {
        HandlePtr rk;
        std::thread stats;
        std::atomic<quint64> emissions{0};
    };
    enum HandleKind { ProbeHandle, RangeHandle, HandleKinds };
    Result<rd_kafka_t *> handle(HandleKind kind); // under m_readMutex
    void serveStatistics(HandleKind kind);        // the statistics thread of `kind`
    void noteStatistics(HandleKind kind, const char *json, size_t size);
    bool everyHandleEmittedSince(const quint64 (&seen)[HandleKinds]) const; // under m_statsMutex
    Result<SummaryFetch> readRange(rd_kafka_t *rk, const TopicPartition &tp, qint64 offset, int maxRecords);

    KafkaConnection &m_connection;

    std::mutex m_readMutex;
    Handle m_handles[HandleKinds]; // rk: m_readMutex (created once, then read-only)
    qint64 m_reportedBytes = 0;    // m_readMutex: bytes already returned by reads
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_started[HandleKinds]{}; // the handle exists (bytesReceived() may wait for it)

    std::mutex m_statsMutex;
    std::condition_variable m_statsChanged;
    std::map<QString, qint64> m_brokerRx; // m_statsMutex: latest rxbytes per handle and broker name
    qint64 m_rxBytes = 0;                 // m_statsMutex: the sum of every increase seen
    // m_statsMutex: latest rxmsgs and rx_ver_drops per "topic/partition", and the sums of
    // every increase seen (a partition's counters start over if librdkafka drops it).
    std::map<QString, std::pair<qint64, qint64>> m_partitionRx;
    qint64 m_rxRecords = 0;
    qint64 m_droppedResponses = 0;
    std::atomic<qint64> m_kicks{0};
    std::atomic<qint64> m_wakes{0};
};

} // namespace tidemark::kafka
