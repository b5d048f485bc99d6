#pragma once

// The write side of one partition: appends, segment rolls, group commit and the head lock.
//
// Appends (any process): take the in-process write mutex and the flock on partition.head;
// check the head (a previous appender that died mid-write leaves pendingEnd != writtenEnd,
// and PartitionRecovery validates its bytes: whole frames kept, a torn tail truncated);
// write the batch with one pwrite; update the head. In `fsync` durability the data is then
// fdatasynced by group commit (threads of this process that appended meanwhile share one
// fdatasync) and only then made visible to readers.
//
// Keeping the lock: after an append the flock is kept for the next one unless another
// process noted in the head that it wants the lock; the HeadLockReleaser (one thread per
// LogStore) lets go of a lock kept for 2 ms without an append. A single-record append then
// costs one system call (the pwrite) instead of three.
//
// Threading: every public method is thread-safe. m_writeMutex serializes this process's
// appenders, recovery and retention (always taken before the flock) and guards whether the
// flock is held, the active segment's files and the recovery state; m_syncMutex serializes
// fdatasync (group commit). The HeadLockReleaser's thread calls releaseKeptLock().

#include "core/Backend.h"
#include "core/Result.h"

#include "logbroker/PartitionContext.h"
#include "logbroker/PartitionRecovery.h"
#include "logbroker/SegmentFiles.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <span>

namespace tidemark::logbroker {

class PartitionReader;

class PartitionWriter {
public:
    PartitionWriter(PartitionContext &context, PartitionReader &reader);
    ~PartitionWriter();
    PartitionWriter(const PartitionWriter &) = delete;
    PartitionWriter &operator=(const PartitionWriter &) = delete;

    // The handle the HeadLockReleaser watches: shares ownership with whoever owns this
    // writer (PartitionLog sets it right after creating it).
    void setSelf(std::weak_ptr<PartitionWriter> self) { m_self = std::move(self); }

    // Takes the locks (waiting at most `timeout`, then failing with `timeoutMessage`), checks
    // and repairs the partition if needed, and lets go of the locks.
    Result<HeadState> prepare(std::chrono::milliseconds timeout, const QString &timeoutMessage);
    // For opening the partition: recovers it if the head lock is free; if another process
    // holds it (an appender, maybe stopped with SIGSTOP) and the head reads consistently,
    // returns the head without waiting, since readers never lock: recovery then runs before
    // this process's first append. Waits (as prepare) only for a head that must be repaired.
    Result<HeadState> prepareForOpen(std::chrono::milliseconds timeout, const QString &timeoutMessage);

    struct AppendResult {
        qint64 baseOffset = -1; // offsets baseOffset .. baseOffset + count - 1, in input order
    };
    // Appends the records with the given timestamps and encoded frame sizes
    // (encodedFrameSize(); all three the same length). All or nothing.
    Result<AppendResult> append(std::span<const OutgoingRecord *const> records, std::span<const qint64> timestamps,
                                std::span<const qint64> frameSizes, std::chrono::milliseconds timeout);

    // Deletes whole segments beyond retention.bytes / retention.ms (never the active one).
    Status enforceRetention(qint64 nowMs, std::chrono::milliseconds timeout);
    // Marks the head deleted so every process stops using it (before the directory goes).
    Status markDeleted(std::chrono::milliseconds timeout);

    // For the HeadLockReleaser: lets go of the head lock kept since the last append if that
    // was `idle` ago, another process wants it, or `now` (too many partitions keep theirs).
    // Returns true if the lock is still kept (look again later). Never waits: if an append
    // is in progress, it is still kept. The releaser passes its `idle` rather than this taking
    // a reference to the releaser: on the releaser's thread that reference could be the last
    // one (the store gone meanwhile), and the releaser would then join its own thread.
    bool releaseKeptLock(bool now, std::chrono::milliseconds idle);

private:
    // --- the head lock, m_writeMutex held ---
    Status lockHeadLocked(std::chrono::milliseconds timeout); // no-op if kept from the last append
    // keep: keep it for the next append unless another process wants it (appends only).
    void unlockHeadLocked(bool keep);

    // --- m_writeMutex and the flock held ---
    Result<HeadState> prepareLocked();
    Result<HeadState> rollLocked(HeadState h);
    Status groupCommit(const std::shared_ptr<ActiveFiles> &files, qint64 targetNext, qint64 targetEnd,
                       std::chrono::milliseconds timeout);

    PartitionContext &m_context;
    std::weak_ptr<PartitionWriter> m_self; // set once before the writer is shared

    std::timed_mutex m_writeMutex;
    ActiveSegment m_active;                                // guarded by m_writeMutex
    PartitionRecovery m_recovery;                          // used under m_writeMutex and the flock
    bool m_recovered = false;                              // guarded by m_writeMutex
    qint64 m_checkedBase = -1;                             // guarded by m_writeMutex: active segment recovery last saw
    std::atomic<qint64> m_nextOffsetGuess{0};              // writtenNext after this process's last append (a hint)
    bool m_headLocked = false;                             // guarded by m_writeMutex: we hold the flock
    bool m_releaserWatches = false;                        // guarded by m_writeMutex
    std::chrono::steady_clock::time_point m_lockKeptSince; // guarded by m_writeMutex

    std::mutex m_syncMutex;
    qint64 m_syncedNext = -1; // guarded by m_syncMutex
};

} // namespace tidemark::logbroker
