#pragma once

// The data directory of the built-in broker:
//
//   <data>/topics/<topic>/topic.json            name, id, partition count, configs, created-at
//   <data>/topics/<topic>/<topic>-<p>/...       one PartitionLog per partition
//   <data>/groups/<group>/...                   consumer groups (GroupDirectory.h)
//
// Topic names follow Kafka's rule ([A-Za-z0-9._-], 1..249 characters, not "." or ".."),
// so they are safe file names; new ones are at most kMaxTopicNameLength (226) characters, so
// every file name made from them fits 255 bytes. Topics are created in a scratch directory
// (topics/~creating-<uuid>) and renamed into place, so another process sees a whole topic or
// none; deletion first marks every partition head deleted (processes that have it open stop
// using it), then renames the directory to topics/~deleted-<uuid> and removes it. A topic
// whose directory, partition directories or head files are symbolic links (or lead out of
// the data directory) is not deleted: that would empty the links' targets.
//
// Descriptors: an open partition holds none while nobody appends to it (its head is a
// mapping; segment files come from the store's bounded FdCache; a writer's files are open
// only while it holds the head lock, and the HeadLockReleaser bounds how many keep it), so a
// process can open thousands of partitions at `ulimit -n 128`.
//
// Threading: thread-safe. m_mutex guards the cache of open topics; PartitionLogs are
// thread-safe themselves. The HeadLockReleaser runs one thread (see its header).

#include "core/Backend.h"
#include "core/Result.h"

#include "logbroker/Diagnostics.h"
#include "logbroker/FdCache.h"
#include "logbroker/HeadLockReleaser.h"
#include "logbroker/PartitionLog.h"
#include "logbroker/TopicConfig.h"

#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace tidemark::logbroker {

struct TopicMetadata {
    QString name;
    QString id; // a UUID, new for every creation of the name
    int partitions = 0;
    TopicConfig config;
    qint64 createdAtMs = 0;
    // Non-empty if topic.json could not be read: the partitions were counted from the
    // directories instead, and producing is refused until the file is repaired.
    QString metadataError;
};

class Topic {
public:
    explicit Topic(TopicMetadata metadata, QString directory, std::shared_ptr<Diagnostics> diagnostics,
                   std::weak_ptr<HeadLockReleaser> lockReleaser = {}, std::shared_ptr<FdCache> fdCache = {},
                   std::atomic<qint64> *openCounter = nullptr);
    const TopicMetadata &metadata() const { return m_metadata; }
    const QString &directory() const { return m_directory; }
    // Opens (and recovers) the partition on first use.
    Result<std::shared_ptr<PartitionLog>> partition(int partition);
    // The partition if this process opened it already; null otherwise (never opens it).
    std::shared_ptr<PartitionLog> openedPartition(int partition) const;
    bool deleted() const;

private:
    TopicMetadata m_metadata;
    QString m_directory;
    std::shared_ptr<Diagnostics> m_diagnostics;
    std::weak_ptr<HeadLockReleaser> m_lockReleaser;
    std::shared_ptr<FdCache> m_fdCache;
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<PartitionLog>> m_partitions; // guarded by m_mutex
    std::atomic<qint64> *m_openCounter; // counts PartitionLog::open calls (the store's); may be null
};

class TopicCatalog;

class LogStore {
public:
    static Result<std::shared_ptr<LogStore>> open(const QString &dataDirectory);
    ~LogStore();
    LogStore(const LogStore &) = delete;
    LogStore &operator=(const LogStore &) = delete;

    const QString &dataDirectory() const { return m_dataDirectory; }
    QString topicsDirectory() const;
    QString groupsDirectory() const;
    QString topicDirectory(const QString &topic) const;
    QString partitionDirectory(const QString &topic, int partition) const;
    const std::shared_ptr<Diagnostics> &diagnostics() const { return m_diagnostics; }

    static Status validateTopicName(const QString &name);
    // Kafka allows 249 characters; here the longest file name made from a topic's name must
    // fit 255 bytes: a group's committed offset being replaced,
    // groups/<g>/offsets/<topic>-<partition>.offset.tmp-<12 characters> (partitions < 10000).
    // Names up to 249 are still read (topics made before this limit); new ones are refused.
    static constexpr int kMaxTopicNameLength = 255 - (1 + 4 + 7 + 5 + 12);

    Result<std::vector<QString>> topicNames() const;
    // Reads topic.json; if it is unreadable but partition directories exist, returns what
    // they show with metadataError set. NotFound if the topic does not exist.
    Result<TopicMetadata> readMetadata(const QString &topic) const;

    Status createTopic(const TopicSpec &spec);
    Status deleteTopic(const QString &topic);
    // Grows a topic to `partitions` partitions (Kafka's CreatePartitions; never shrinks): the
    // new partition directories are created under scratch names and renamed into place, then
    // topic.json is replaced atomically. Processes that cached the topic see the new
    // partitions when they next miss one (partition() re-reads the metadata); their
    // partitioners use the old count until then, as Kafka clients do until their next
    // metadata refresh.
    Status addPartitions(const QString &topic, int partitions);

    // A cached open topic; reopened if another process deleted (and maybe recreated) it.
    Result<std::shared_ptr<Topic>> topic(const QString &name);
    Result<std::shared_ptr<PartitionLog>> partition(const TopicPartition &tp);
    // The partition if this process has it open already, else null; never opens anything.
    std::shared_ptr<PartitionLog> openedPartition(const TopicPartition &tp) const;
    // Forgets a cached topic (after it was found deleted).
    void evict(const QString &name);

    // The topic list with record counts, without opening partitions (TopicCatalog.h).
    TopicCatalog &catalog() { return *m_catalog; }
    // Partitions opened (and so recovered, if needed) by this store so far: for tests and
    // benchmarks that count what listing or watching costs.
    qint64 partitionsOpened() const { return m_partitionsOpened.load(); }

private:
    explicit LogStore(QString dataDirectory);
    // Takes the flock on a topic scratch directory (~creating-*, or a topic about to become
    // ~deleted-*) without waiting: held by whoever works in it, free once that process died.
    static Result<UniqueFd> lockScratch(const QString &directory);
    // Removes ~creating-* and ~deleted-* directories whose process died (their lock is free).
    void removeAbandonedScratch();
    // An error unless `path` is a real entry directly inside `parent` (no symbolic link, nothing
    // that resolves elsewhere).
    Status checkOwnDirectory(const QString &path, const QString &parent) const;

    QString m_dataDirectory;
    std::shared_ptr<Diagnostics> m_diagnostics;
    // Lets go of head locks the partitions keep between appends (its thread lives as long
    // as the store).
    std::shared_ptr<HeadLockReleaser> m_lockReleaser;
    // Segment descriptors of every partition of the store, bounded (FdCache.h).
    std::shared_ptr<FdCache> m_fdCache;
    std::atomic<qint64> m_partitionsOpened{0};
    std::unique_ptr<TopicCatalog> m_catalog; // made in the constructor, never replaced
    mutable std::mutex m_mutex;
    std::map<QString, std::shared_ptr<Topic>> m_topics; // guarded by m_mutex
};

} // namespace tidemark::logbroker
