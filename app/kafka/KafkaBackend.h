#pragma once

// Real Kafka mode: a Backend over librdkafka (the only code in Tidemark that includes
// librdkafka's headers lives next to this file; this header does not include them).
//
// KafkaBackend is a thin facade: each Backend call goes to one of its parts, which share
// one KafkaConnection (the client handle, its poll thread, the broker error log, metadata
// and error helpers):
//   KafkaAdmin     cluster, topics (list, describe, configs, create, delete)
//   KafkaProducer  produce and delivery reports
//   KafkaReader    watermarks, fetch by offset, timestamp lookup (a pool of reader handles)
//   KafkaGroups    consumers, groups (list, describe with lag, all of them in bulk, reset offsets)
//   KafkaScanner   a search's windows (core/FilteredScan.h): a consumer kept per partition
//   KafkaSummaryReader  the timeline's reads (core/SummaryReads.h): about one record batch
//                  per probe, no prefetch, the cost measured from librdkafka's statistics
//
// Threading: thread-safe, as core/Backend.h requires; every part is, and says how in its
// header. The connection's one poll thread serves delivery reports and error callbacks;
// consumers from createConsumer() have their own handles and follow the Consumer contract.
//
// Errors say what failed and where: the broker address and librdkafka's reason ("127.0.0.1:
// 9099/bootstrap: Connect to ipv4#127.0.0.1:9099 failed: Connection refused"). Until the
// cluster has answered once, calls wait at most the profile's connect timeout.

#include "core/Backend.h"
#include "core/ConnectionProfile.h"
#include "core/FilteredScan.h"
#include "core/GroupsInBulk.h"
#include "core/SummaryReads.h"

#include <memory>

namespace tidemark {

namespace kafka {

class KafkaConnection;
class KafkaAdmin;
class KafkaProducer;
class KafkaReader;
class KafkaGroups;
class KafkaSummaryReader;
class KafkaScanner;

class KafkaBackend final : public Backend, public GroupsInBulk, public CostedSummaryReader, public FilteredScanner {
public:
    // Validates the profile and creates the client handles. Does not contact the cluster:
    // connection problems surface from the first call, within profile.connectTimeoutMs.
    static Result<std::shared_ptr<KafkaBackend>> open(const KafkaProfile &profile);
    ~KafkaBackend() override;
    KafkaBackend(const KafkaBackend &) = delete;
    KafkaBackend &operator=(const KafkaBackend &) = delete;

    QString kind() const override;
    QString displayName() const override;

    Result<ClusterInfo> clusterInfo() override;
    Result<std::vector<TopicInfo>> listTopics() override;
    Result<TopicInfo> describeTopic(const QString &topic) override;
    Status createTopic(const TopicSpec &spec) override;
    Status deleteTopic(const QString &topic) override;
    Result<Watermarks> watermarks(const TopicPartition &tp) override;
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override;
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override;
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override;
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override;
    Result<std::vector<GroupInfo>> listGroups() override;
    Result<GroupInfo> describeGroup(const QString &groupId) override;
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override;
    // GroupsInBulk: every group with its committed offsets and log ends in one call (the lag
    // history's sample), cheaper than listGroups() and a describeGroup() per group.
    Result<std::vector<GroupInfo>> describeGroups() override;

    // FilteredScanner: a search's window read by a consumer kept on the partition between
    // windows (KafkaScanner.h), each message tested in librdkafka's buffer, matches copied.
    Result<FilteredRead> scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                      const ScanPredicate &predicate, std::vector<Record> &matches) override;
    // The scan's consumer handles alive now, and how long an unused one is kept (tests).
    int scanHandles() const;
    void setScanIdleTimeout(int ms);

    Result<SummaryFetch> readSummaries(const TopicPartition &tp, qint64 offset, int maxRecords,
                                       SummaryRead how) override;
    // Every byte the summary reads received from the brokers so far (librdkafka's rxbytes),
    // after waiting up to `waitMs` for fresh statistics. For tests and benchmarks.
    qint64 summaryBytesReceived(int waitMs);
    // The same, with the records those reads' fetches brought and the fetches wasted (see
    // KafkaSummaryReader::counters()).
    struct SummaryCounters {
        qint64 bytes = 0;
        qint64 records = 0;
        qint64 droppedResponses = 0;
        qint64 kicks = 0; // reads that waited for a batch and assigned again
        qint64 wakes = 0; // probes that woke the leader's broker thread (a ListOffsets request)
    };
    SummaryCounters summaryCounters(int waitMs);

private:
    explicit KafkaBackend(std::unique_ptr<KafkaConnection> connection);

    // Declared first, destroyed last: the parts below refer to it.
    const std::unique_ptr<KafkaConnection> m_connection;
    const std::unique_ptr<KafkaReader> m_reader;
    const std::unique_ptr<KafkaAdmin> m_admin;
    const std::unique_ptr<KafkaProducer> m_producer;
    const std::unique_ptr<KafkaGroups> m_groups;
    const std::unique_ptr<KafkaSummaryReader> m_summaries;
    const std::unique_ptr<KafkaScanner> m_scanner;
};

} // namespace kafka

// KafkaBackend::open as a Backend, for the backend factory.
Result<std::shared_ptr<Backend>> openKafkaBackend(const KafkaProfile &profile);

} // namespace tidemark
