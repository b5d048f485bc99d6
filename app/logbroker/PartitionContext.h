#pragma once

// What the three parts of one partition share (PartitionWriter, PartitionRecovery,
// PartitionReader; PartitionLog owns them and this): its options, its mapped head, and
// whether this process has seen it deleted.
//
// Threading: `options` never changes after construction. `head` is opened once by
// PartitionLog::open() before the log is shared; from then on its mapping is read by any
// thread (seqlock) and stored to only under the flock (PartitionWriter). `deleted` is
// atomic.

#include "logbroker/Diagnostics.h"
#include "logbroker/PartitionHead.h"
#include "logbroker/TopicConfig.h"

#include <QString>

#include <atomic>
#include <memory>

namespace tidemark::logbroker {

class FdCache;
class HeadLockReleaser;

struct PartitionOptions {
    QString topic;
    int partition = 0;
    QString directory; // .../topics/<topic>/<topic>-<p>
    TopicConfig config;
    // <data>/groups: the groups' committed offsets are the durable floor of the next offset
    // after a lost tail (PartitionRecovery.h); empty: no floor from groups.
    QString groupsDirectory;
    // When this incarnation of the topic was created (topic.json; 0: unknown): commits made
    // before it belong to a deleted topic of the same name and are no floor.
    qint64 topicCreatedAtMs = 0;
    std::shared_ptr<Diagnostics> diagnostics;
    // The store's bounded cache of segment descriptors (FdCache.h); without one the
    // partition's reader keeps a small one of its own.
    std::shared_ptr<FdCache> fdCache;
    // Lets go of the head lock this log keeps between appends; without one (or once it
    // is gone) every append takes and releases the lock.
    std::weak_ptr<HeadLockReleaser> lockReleaser;
};

struct PartitionContext {
    explicit PartitionContext(const PartitionOptions &opts);
    PartitionContext(const PartitionContext &) = delete;
    PartitionContext &operator=(const PartitionContext &) = delete;

    QString name() const; // "orders[3]"
    // <directory>/<base as 20 digits>.<extension>
    QString path(qint64 base, const char *extension) const;
    void report(const QString &message) const; // to the diagnostics (and the log category)

    const PartitionOptions options;
    PartitionHead head; // set by PartitionLog::open() before the log is shared
    std::atomic<bool> deleted{false};
};

} // namespace tidemark::logbroker
