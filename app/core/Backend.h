#pragma once

// The one interface both brokers implement: the built-in file-log broker (app/logbroker)
// and Apache Kafka through librdkafka (app/kafka). The UI and tidemark-cli see only this.
//
// Threading contract (read this before calling anything):
//  - Every Backend method may block on disk or network for up to its timeout. Never call
//    one on the GUI thread. tidemark-cli calls them directly; the GUI goes through
//    AsyncBackend (core/AsyncBackend.h), which runs calls on worker threads and delivers
//    results on the GUI thread.
//  - Backend methods are thread-safe: any number of threads may call them concurrently on
//    one instance. Implementations guard their shared state themselves and say how in
//    their headers.
//  - A Consumer is NOT thread-safe: it belongs to one thread at a time (like a Kafka
//    consumer). Create it anywhere, then use it from exactly one thread, typically a
//    dedicated QThread (see core/ConsumerRunner.h). wakeup() is the one method that may be
//    called from any thread.
//  - Nothing throws. Every failure comes back as an Error with a message a person can act
//    on (which topic, which broker, which file and offset).
//
// Offsets follow Kafka: dense per partition, starting at the log start offset; a committed
// offset is the offset of the NEXT record to read; the high watermark is one past the last
// record.

#include "core/Partitioner.h"
#include "core/Record.h"
#include "core/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tidemark {

struct BrokerInfo {
    int id = -1;
    QString host;
    int port = 0;
    bool isController = false;
};

struct ClusterInfo {
    QString kind;      // "local" or "kafka"
    QString clusterId; // Kafka cluster id, or the local data directory
    int controllerId = -1;
    std::vector<BrokerInfo> brokers;
};

struct PartitionInfo {
    int partition = -1;
    int leader = -1;
    std::vector<int> replicas;
    std::vector<int> isr;
    qint64 logStartOffset = 0;
    qint64 highWatermark = 0;
    QString error; // non-empty if this partition is unhealthy (e.g. "leader not available")
};

struct TopicInfo {
    QString name;
    int partitionCount = 0;
    int replicationFactor = 1;
    qint64 recordCount = -1;               // sum of (high watermark - log start); -1 if unknown
    QMap<QString, QString> configs;        // describeTopic fills this
    std::vector<PartitionInfo> partitions; // describeTopic fills this; listTopics may leave it empty
};

// Topic creation. Configs use Kafka's names where one exists: "retention.ms",
// "retention.bytes", "segment.bytes"; the local broker also knows "durability" = "fsync" | "os".
struct TopicSpec {
    QString name;
    int partitions = 1;
    int replicationFactor = 1; // the local broker ignores it
    QMap<QString, QString> configs;
};

struct Watermarks {
    qint64 low = 0;  // log start offset
    qint64 high = 0; // one past the last record
};

struct ProduceOptions {
    PartitionerKind partitioner = PartitionerKind::Murmur2;
    int timeoutMs = 30000;
};

// One per produced record, in input order.
struct DeliveryReport {
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = 0;
    std::optional<Error> error; // set if this record was not acknowledged
};

enum class OffsetReset { Earliest, Latest };

struct ConsumerConfig {
    QString groupId;    // required for subscribe and commit
    QStringList topics; // subscribe with group management when non-empty
    // Manual assignment instead of subscribe: partitions and the offset to start from
    // (-1: committed offset, else `reset`). No group membership, commits still allowed.
    std::vector<std::pair<TopicPartition, qint64>> assignment;
    OffsetReset reset = OffsetReset::Earliest; // where a group with no commit starts
    QString clientId = QStringLiteral("tidemark");
    int sessionTimeoutMs = 10000; // a member silent this long is considered dead
    int heartbeatIntervalMs = 1000;
    int maxPollRecords = 500;
    QString assignmentStrategy = QStringLiteral("range"); // "range" or "roundrobin"
};

struct ConsumerEvent {
    enum class Kind {
        Assigned,  // partitions given to this member (after a rebalance)
        Revoked,   // partitions taken away in an orderly rebalance
        Lost,      // partitions lost without a chance to commit (session expired, fenced)
        Committed, // offsets committed
        Error,     // a non-fatal problem (a corrupt record skipped, a broker down)
        Info,
    };
    // What happened, as data: the brokers' layers are not translated, so they report the
    // story (assigned, revoked, lost, taken over) through these fields and the app words it
    // in the user's language (ConsumerManager). None: `message` is the whole text (an error
    // in the broker's words, or a line the runner wrote with tr()).
    enum class Reason {
        None,
        Rebalance,    // Assigned, Revoked or Lost in a rebalance of the group (`generation`)
        Manual,       // Assigned: a manual assignment, no group
        Evicted,      // Lost: this member did not poll within `sessionTimeoutMs`; it rejoins
        Takeover,     // Info: took `partitions` over from `previousOwner`, which left the group
                      // (died, or stopped polling) without letting go of them
        TopicMissing, // Info: the subscribed `topic` does not exist (yet); waiting for it
    };
    Kind kind = Kind::Info;
    Reason reason = Reason::None;
    std::vector<TopicPartition> partitions;
    int generation = -1;
    QString groupId;           // the group, for events of a member of one
    QString memberId;          // this member's id when the event happened (Evicted: the old one)
    QString previousOwner;     // Takeover: the member id that held the partitions
    QString topic;             // TopicMissing
    int sessionTimeoutMs = -1; // Evicted
    // Reason::None: the text. Otherwise an optional technical detail in the broker's own
    // words (English, not translated), never the sentence a user reads.
    QString message;
    qint64 timestampMs = 0;
};

struct PollResult {
    std::vector<Record> records;
    std::vector<ConsumerEvent> events;
};

class Consumer {
public:
    virtual ~Consumer() = default; // closes (leaves the group) if not closed or abandoned

    // Waits up to timeoutMs for records or events. A fatal error (group fenced beyond
    // repair, broker gone for good) comes back as an Error; recoverable problems are
    // ConsumerEvent::Kind::Error events and polling goes on.
    virtual Result<PollResult> poll(int timeoutMs) = 0;

    // Commits, synchronously, the current position (next offset to read) of every assigned
    // partition that advanced since the last commit.
    virtual Status commit() = 0;
    // Commits explicit offsets (each the next offset to read).
    virtual Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) = 0;

    virtual std::vector<TopicPartition> assignment() const = 0;
    // Next offset this consumer will read from `tp`, if assigned and known.
    virtual std::optional<qint64> position(const TopicPartition &tp) const = 0;
    // Committed offsets of the group for the partitions currently assigned.
    virtual Result<std::map<TopicPartition, qint64>> committed() = 0;
    virtual Status seek(const TopicPartition &tp, qint64 offset) = 0;

    virtual QString memberId() const = 0;
    virtual int generation() const = 0;

    // Makes a blocking poll() return early. The only method callable from any thread.
    virtual void wakeup() = 0;

    // Leaves the group cleanly so the others rebalance at once. Does not commit.
    virtual void close() = 0;
    // Hard stop, as if the process were killed: no commit, no leave. The group notices
    // through the session timeout (Kafka) or the dropped lease (local broker).
    virtual void abandon() = 0;
};

struct GroupMember {
    QString memberId;
    QString clientId;
    QString host;
    std::vector<TopicPartition> assignment;
    // Known gone: its process died (killed) without leaving, and the group keeps it, with its
    // partitions unread, until its session expires (the built-in broker sees that its lease is
    // no longer held). False where that cannot be known (Kafka, which cannot tell a dead client
    // from a slow one until the session times out).
    bool vanished = false;
    // When a vanished member's session expires, in ms since the epoch (wall clock: the
    // broker's); 0 when unknown or not vanished. It does not move: nobody heartbeats for it.
    qint64 sessionExpiresAtMs = 0;
};

struct GroupPartitionState {
    TopicPartition tp;
    qint64 committed = -1; // -1: nothing committed
    qint64 logStartOffset = -1;
    qint64 highWatermark = -1;
    qint64 lag = -1; // high watermark - committed; -1 if unknown
    QString ownerMemberId;
};

struct GroupInfo {
    QString groupId;
    QString state; // "Stable", "Empty", "PreparingRebalance", "CompletingRebalance", "Dead"
    int generation = -1;
    QString protocol; // assignment strategy
    std::vector<GroupMember> members;
    std::vector<GroupPartitionState> partitions; // describeGroup fills this
};

// The summary of one record, as Backend::fetchSummaries returns it.
RecordSummary summarize(const Record &record);

class Backend {
public:
    virtual ~Backend() = default;

    virtual QString kind() const = 0;        // "local" or "kafka"
    virtual QString displayName() const = 0; // "Local: /path" or "Kafka: host:port,..."

    virtual Result<ClusterInfo> clusterInfo() = 0;

    virtual Result<std::vector<TopicInfo>> listTopics() = 0;
    virtual Result<TopicInfo> describeTopic(const QString &topic) = 0;
    virtual Status createTopic(const TopicSpec &spec) = 0;
    virtual Status deleteTopic(const QString &topic) = 0;
    virtual Result<Watermarks> watermarks(const TopicPartition &tp) = 0;

    // Produces records and waits until every one is acknowledged or failed. Records with
    // partition -1 are placed by `options.partitioner` (null keys go to a random partition,
    // as in the real clients). The overall Error is for failures of the whole call (topic
    // missing, a record for a partition the topic does not have, broker unreachable), and
    // then nothing was written; partial failures (a record too large, a timeout) are
    // per-record in the reports.
    virtual Result<std::vector<DeliveryReport>>
    produce(const QString &topic, const std::vector<OutgoingRecord> &records, const ProduceOptions &options) = 0;

    // Reads the records of `tp` at offsets [offset, offset + maxRecords), without any group.
    // Returns fewer (possibly none) at the end of the log (none at the high watermark) and
    // where offsets hold no record (Kafka's transaction markers and aborted records: the
    // records of the next offsets are the next call's). An offset
    // below the log start or beyond the high watermark is an InvalidArgument error naming
    // that bound (Kafka's OFFSET_OUT_OF_RANGE). Corrupt records are never returned: the read
    // stops before them with an Error naming file and offset if nothing valid came first.
    virtual Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) = 0;

    // The same, reduced to what the timeline needs. The default uses fetch(); a backend
    // that can do it cheaper overrides it.
    virtual Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords);

    // First offset whose timestamp is >= timestampMs; the high watermark if none.
    virtual Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) = 0;

    // A consumer of `config`. A subscribed or assigned topic or partition that does not
    // exist is a NotFound error now (both brokers), not a consumer that waits for it; a topic
    // deleted while a consumer reads it is reported by poll() as an Error event.
    virtual Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) = 0;

    virtual Result<std::vector<GroupInfo>> listGroups() = 0;
    virtual Result<GroupInfo> describeGroup(const QString &groupId) = 0;
    // Sets committed offsets of an inactive group (no live members, as Kafka requires).
    virtual Status resetGroupOffsets(const QString &groupId,
                                     const std::vector<std::pair<TopicPartition, qint64>> &offsets) = 0;
};

// For Backend::produce implementations: the InvalidArgument error for a record that names a
// partition `topic` (of `partitions` partitions) does not have, and the check of them all.
Error noSuchPartition(const QString &topic, int partition, int partitions);
Status checkExplicitPartitions(const QString &topic, const std::vector<OutgoingRecord> &records, int partitions);

} // namespace tidemark
