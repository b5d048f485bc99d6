#pragma once

// An in-memory Backend for fast UI and core tests: topics, partitions, produce and fetch,
// watermarks, offsetForTimestamp, and consumer groups inside one process (range or
// round-robin assignment, commits, clean leave, and session-timeout expiry of members that
// were abandoned, which is what "kill" shows). Not a broker: no retention, no replication,
// no persistence.
//
// Threads: every method is thread-safe, as Backend.h requires. One mutex (State::mutex)
// guards all state; a condition variable wakes polling consumers when records arrive, the
// group changes or wakeup() is called. A FakeConsumer belongs to one thread at a time
// (except wakeup()), as the Consumer contract says.
//
// Test knobs: setLatencyMs() (every call sleeps, like a slow network), setFailure() (every
// call fails with that Error while set), and an injectable clock for record timestamps.
// Knobs for the timeline's tests (not counted as calls): ensurePartitions() (a topic grows
// partitions), setCommitted() (a group's offset, as another client would commit it),
// setCorrupt() (a damaged record: a fetch stops before it, one starting at it fails with
// Corrupt, as the built-in broker's check does), setGroupActive() (the group has members
// elsewhere: Stable, and an offset reset is refused), addListedOnlyGroup() (listed, NotFound
// when described), and logs of what was asked:
// offsetResets() and summaryFetches().
//
// Computed topics (addComputedTopic): a huge topic whose records are computed from their
// offsets, nothing stored, for tests of how much the timeline reads (30M records cost no
// memory). Record o of any partition has timestamp kComputedEpochMs + o, key "key-000K" with
// K = (o / 100,000) % 7 (long runs of one key, so a sample shows bands) and a value of
// valueBytes 'v's. It is read-only: produce and consumers are refused (Unsupported).
// Every record fetch() and fetchSummaries() serve, of any topic, is counted in
// recordsServed(), with its bytes in bytesServed() (key + value + kRecordOverheadBytes, as
// readSummaries() estimates), and every successful call in reads().
//
// This is the tests' one fake backend: the contract suite runs it (tests/contract), and the
// core, timeline and UI tests use it.

#include "core/Backend.h"
#include "core/GroupsInBulk.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace tidemark::test {

class FakeBackend final : public Backend, public GroupsInBulk {
public:
    using Clock = std::function<qint64()>;
    explicit FakeBackend(QString displayName = QStringLiteral("Fake: in memory"), Clock clock = {});
    ~FakeBackend() override;

    void setLatencyMs(int ms);
    // Every consumer commit first blocks this long, ignoring wakeups (a coordinator gone silent).
    void setCommitHangMs(int ms);
    void setFailure(std::optional<Error> error);
    void setClock(Clock clock);
    // Number of live members of a group (abandoned members count until they expire).
    int memberCount(const QString &groupId) const;
    // Total calls made, for tests that check what the UI asked for.
    qint64 calls() const;
    qint64 fetchCalls() const;
    struct FetchCall {
        int partition;
        qint64 offset;
        int maxRecords;
    };
    // Every fetch call, in call order (counted in fetchCalls()).
    std::vector<FetchCall> fetches() const;
    // Consumers report no position for a partition until poll() returned records of it, as
    // librdkafka does before its first fetch.
    void setPositionsUnknownUntilFetched(bool unknown);
    // Creates `topic` with `count` partitions, or adds partitions up to `count`.
    void ensurePartitions(const QString &topic, int count);
    void setCommitted(const QString &groupId, const TopicPartition &tp, qint64 offset);
    void setCorrupt(const TopicPartition &tp, qint64 offset);
    void setGroupActive(const QString &groupId, bool active);
    // A group listGroups() lists and describeGroup() says is not there (NotFound), as Kafka lists
    // an Empty group whose offsets went with their deleted topic until the group expires.
    void addListedOnlyGroup(const QString &groupId);
    // Every offset reset that was applied: (group, (partition, offset)), in call order.
    std::vector<std::pair<QString, std::pair<TopicPartition, qint64>>> offsetResets() const;
    // Every fetchSummaries call's (partition, offset), in call order.
    std::vector<std::pair<int, qint64>> summaryFetches() const;
    qint64 summaryFetchCalls() const;

    // A read-only topic of `partitions` x `recordsPerPartition` records computed from their
    // offsets (see the top of this file). Returns false if a topic of that name exists.
    static constexpr qint64 kComputedEpochMs = 1'700'000'000'000;
    bool addComputedTopic(const QString &topic, int partitions, qint64 recordsPerPartition, int valueBytes = 200);
    // Bytes one record of a computed topic is counted as, and a whole computed topic.
    qint64 recordBytes(const QString &computedTopic) const;
    qint64 topicBytes(const QString &computedTopic) const;
    // What fetch() and fetchSummaries() served, of every topic (see the top of this file).
    qint64 recordsServed() const;
    qint64 bytesServed() const;
    qint64 reads() const;

    QString kind() const override { return QStringLiteral("fake"); }
    QString displayName() const override { return m_displayName; }

    Result<ClusterInfo> clusterInfo() override;
    Result<std::vector<TopicInfo>> listTopics() override;
    Result<TopicInfo> describeTopic(const QString &topic) override;
    Status createTopic(const TopicSpec &spec) override;
    Status deleteTopic(const QString &topic) override;
    Result<Watermarks> watermarks(const TopicPartition &tp) override;
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override;
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override;
    // Not counted in fetchCalls(): the timeline's background loading is not the message table's paging.
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override;
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override;
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override;
    Result<std::vector<GroupInfo>> listGroups() override;
    Result<GroupInfo> describeGroup(const QString &groupId) override;
    Result<std::vector<GroupInfo>> describeGroups() override; // counts one call
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override;

    struct State; // shared with consumers, which may outlive the backend object

private:
    Result<std::vector<Record>> fetchRecords(const TopicPartition &tp, qint64 offset, int maxRecords);
    std::optional<Error> enter(); // counts the call, sleeps the latency, returns the failure
    Result<GroupInfo> describeLocked(const QString &groupId) const; // State::mutex held

    QString m_displayName;
    std::shared_ptr<State> m_state;
};

} // namespace tidemark::test
