#pragma once

// The topic list of a data directory (names, topic.json, record counts) without opening a
// single partition, and at idle for one stat(2) per listing, however many topics there are.
//
// How it stays cheap:
//  - Names and metadata are cached, keyed by a stamp of the topics directory (inode, mtime,
//    ctime, link count, size): creating or deleting a topic renames a directory in or out of
//    topics/, and LogStore::addPartitions touches topics/ after replacing topic.json, so any
//    change of the list or of a topic's metadata changes that stamp. When it changed, the
//    directory is read again and each topic's own directory is stat'ed; topic.json is read
//    again only for a topic whose directory stamp changed. A stamp younger than
//    kRacyStampMs is not trusted (two changes within one tick of the file system's clock
//    leave the same mtime), so right after a change the directory is read again each time.
//  - Record counts come from the partition heads, each mapped read-only once (HeadView.h):
//    reading the watermarks of every partition is then a memory read, no system call. A
//    partition this process already opened is asked directly instead.
//  - No partition is opened (recovered) to be listed. A head that does not load (new,
//    damaged, a writer died mid-update) is the exception: that partition is opened through
//    the store, which repairs it, as any read of it would. Recovery still runs before this
//    process reads or writes any partition (PartitionLog::open); listing shows only what
//    the heads say readers may read.
//
// Not seen until something else changes topics/: a topic.json edited by hand (one that does
// not load is read again at every listing, so repairing a broken one is seen at once).
//
// Threading: thread-safe; m_mutex guards the cache and the counters, and list() holds it
// throughout (one listing at a time per store; a partition it must open may wait for that
// partition's lock, as opening it anywhere would).

#include "core/Result.h"

#include "logbroker/HeadView.h"
#include "logbroker/LogStore.h"

#include <QString>

#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace tidemark::logbroker {

class TopicCatalog {
public:
    explicit TopicCatalog(LogStore &store) : m_store(store) {}
    TopicCatalog(const TopicCatalog &) = delete;
    TopicCatalog &operator=(const TopicCatalog &) = delete;

    static constexpr qint64 kRacyStampMs = 2000;

    struct Listed {
        QString name;
        // Unset if topic.json is unreadable and no partition directory exists (listed so it
        // can be deleted); metadataError set if it was counted from the directories.
        std::optional<TopicMetadata> metadata;
        qint64 recordCount = -1; // sum over partitions of (visible end - log start)
    };
    // Every topic, sorted by name. Topics deleted meanwhile are left out. An error if the
    // topics directory is gone or a partition that had to be opened could not be (never a
    // made-up count).
    Result<std::vector<Listed>> list();

    // Drops what is cached of a topic (its head mappings too, so a deleted topic's files do
    // not stay allocated until the next listing). LogStore::deleteTopic calls it.
    void forget(const QString &name);

    // What listing cost so far: for tests and benchmarks that count instead of timing.
    struct Counters {
        qint64 listings = 0;
        qint64 directoryScans = 0;   // topics/ read again
        qint64 metadataReads = 0;    // topic.json read
        qint64 headsMapped = 0;      // HeadView::open
        qint64 partitionsOpened = 0; // heads that did not load: opened (recovered) through the store
    };
    Counters counters() const;

private:
    struct Stamp {
        qint64 device = 0, inode = 0, mtimeNs = 0, ctimeNs = 0, links = 0, size = 0;
        friend bool operator==(const Stamp &, const Stamp &) = default;
        bool racy() const; // too young to trust (kRacyStampMs)
    };
    static std::optional<Stamp> stampOf(const QString &path);

    struct Cached {
        Stamp stamp;
        Result<TopicMetadata> metadata = Error(ErrorCode::NotFound, QString());
        std::vector<HeadView> heads; // per partition; mapped on first use
        std::vector<bool> headMapped;
    };
    // Re-reads topics/ and the metadata of the topics whose directory changed.
    Status rescan(const Stamp &topicsStamp);
    void refreshMetadata(const QString &name, Cached &cached, const Stamp &stamp);
    // Watermarks of one partition. NotFound with markedDeleted set: its head says the topic
    // was deleted.
    Result<Watermarks> watermarks(const QString &name, int partition, Cached &cached, bool &markedDeleted);

    LogStore &m_store;
    mutable std::mutex m_mutex;
    std::optional<Stamp> m_topicsStamp; // of the last scan; guarded by m_mutex
    std::map<QString, Cached> m_topics; // guarded by m_mutex
    Counters m_counters;                // guarded by m_mutex
};

} // namespace tidemark::logbroker
