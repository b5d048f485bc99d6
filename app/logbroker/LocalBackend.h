#pragma once

// The built-in file-log broker behind core's Backend interface. See docs/on-disk-format.md
// for the files it writes and PartitionLog.h / GroupDirectory.h for how processes share them.
//
// Threading: every method is thread-safe (the Backend contract). State shared between
// threads lives in the LogStore (its own mutex) and the PartitionLogs (theirs); this class
// adds only an atomic seed counter. Consumers keep the store alive, so they may outlive the backend.

#include "core/Backend.h"
#include "core/FilteredScan.h"
#include "core/GroupIdListing.h"
#include "core/GroupsInBulk.h"

#include <QString>

#include <atomic>
#include <memory>

namespace tidemark {

namespace logbroker {
class LogStore;
}

// Opens (creating if needed) the data directory of the built-in broker.
Result<std::shared_ptr<Backend>> openLocalBackend(const QString &dataDirectory);

class LocalBackend final : public Backend, public GroupIdListing, public GroupsInBulk, public FilteredScanner {
public:
    explicit LocalBackend(std::shared_ptr<logbroker::LogStore> store);
    ~LocalBackend() override;
    LocalBackend(const LocalBackend &) = delete;
    LocalBackend &operator=(const LocalBackend &) = delete;

    QString kind() const override { return QStringLiteral("local"); }
    QString displayName() const override;
    QString dataDirectory() const;

    Result<ClusterInfo> clusterInfo() override;
    Result<std::vector<TopicInfo>> listTopics() override;
    Result<TopicInfo> describeTopic(const QString &topic) override;
    Status createTopic(const TopicSpec &spec) override;
    Status deleteTopic(const QString &topic) override;
    Result<Watermarks> watermarks(const TopicPartition &tp) override;
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override;
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override;
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override;
    // FilteredScanner: the predicate pushed down to storage. Each frame is tested where it
    // lies in the segment read buffer (key and value as views, headers decoded only for a
    // filter on headers), after the same CRC, offset and length checks as fetch(); only
    // matches become Records.
    Result<FilteredRead> scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                      const ScanPredicate &predicate, std::vector<Record> &matches) override;
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override;
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override;
    Result<std::vector<GroupInfo>> listGroups() override;
    Result<std::vector<QString>> listGroupIds() override; // GroupIdListing: one directory listing
    Result<GroupInfo> describeGroup(const QString &groupId) override;
    // Every group in one call (the lag history's sample): the group directories, read once.
    Result<std::vector<GroupInfo>> describeGroups() override;
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override;

    // What recovery repaired and reads skipped so far (also logged to tidemark.logbroker).
    QStringList diagnostics() const;
    // Deletes segments past retention in every partition of every topic now (it also runs
    // when a segment rolls and when a partition is first opened).
    Status enforceRetention();
    const std::shared_ptr<logbroker::LogStore> &store() const { return m_store; }

private:
    std::shared_ptr<logbroker::LogStore> m_store;
    std::atomic<quint64> m_chooserSeed; // seeds of the per-call partition choosers
};

} // namespace tidemark
