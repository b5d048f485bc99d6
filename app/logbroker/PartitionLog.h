#pragma once

// One partition of the built-in broker: a directory <topic>-<p>/ with
//
//   partition.head                         where the log ends (see PartitionHead.h); also
//                                          the file appenders flock to take turns
//   00000000000000000000.log               frames (RecordFormat.h), named by base offset
//   00000000000000000000.index             sparse offset index: (relative offset uint32,
//                                          byte position uint32), one per 4 KiB of log
//   00000000000000000000.timeindex         (max timestamp so far int64, relative offset
//                                          uint32): all records before that offset have
//                                          timestamps <= that timestamp
//   00000000000000012345.log ...           later segments
//
// Appends (any process): take the in-process write mutex and the flock on partition.head;
// check the head (a previous appender that died mid-write leaves pendingEnd != writtenEnd,
// and its bytes are validated: whole frames kept, a torn tail truncated); write the batch
// with one pwrite; update the head. In `fsync` durability the data is then fdatasynced by
// group commit (threads of this process that appended meanwhile share one fdatasync) and
// only then made visible to readers.
//
// Reads never lock: they take the head through its seqlock and read frames below the
// visible end, verifying every CRC. A bad frame is reported (file, byte position, offset)
// and skipped, never returned.
//
// Recovery: the first time a process touches a partition (and whenever the head looks
// wrong) it validates the bytes beyond the head's end under the flock, truncates a torn or
// corrupt tail to the last valid frame, rebuilds the active segment's indexes if needed,
// and deletes segments past retention.
//
// Keeping the lock: after an append the flock is kept for the next one unless another
// process noted in the head that it wants the lock; the HeadLockReleaser (one thread per
// LogStore) lets go of a lock kept for 2 ms without an append. A single-record append then
// costs one system call (the pwrite) instead of three.
//
// Threading: every public method is thread-safe. m_writeMutex serializes this process's
// appenders, recovery and retention (always taken before the flock) and guards whether the
// flock is held; m_syncMutex serializes fdatasync (group commit); m_segmentsMutex guards the
// reader's segment cache. The HeadLockReleaser's thread calls releaseKeptLock().

#include "core/Backend.h"
#include "core/Result.h"

#include "logbroker/Diagnostics.h"
#include "logbroker/FileIo.h"
#include "logbroker/PartitionHead.h"
#include "logbroker/RecordFormat.h"
#include "logbroker/TopicConfig.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace tidemark::logbroker {

inline constexpr qint64 kIndexIntervalBytes = 4096;
inline constexpr qint64 kIndexEntrySize = 8;
inline constexpr qint64 kTimeIndexEntrySize = 12;

QString segmentFileName(qint64 baseOffset, const char *extension); // "00000000000000000042.log"
// Base offsets of the *.log files in `directory`, ascending.
std::vector<qint64> listSegmentBases(const QString &directory);

// What a read stopped at when it met bad data.
struct Corruption {
    QString file;               // the segment file (or the missing one)
    qint64 position = -1;       // byte position in that file, -1 for a missing file
    qint64 offset = -1;         // the offset that should have been there
    QString reason;             // "CRC mismatch", "file is missing", ...
    qint64 resumeOffset = -1;   // first offset after the damage that can be read
    qint64 resumePosition = -1; // its byte position in `file`, if it is in the same file
    QString message() const;    // one sentence naming all of the above
};

// Where the next read can start without an index lookup (consumers keep one per partition).
struct ReadHint {
    qint64 offset = -1;
    qint64 segmentBase = -1;
    qint64 position = -1;
};

struct ScanOutcome {
    qint64 nextOffset = 0; // offset after the last frame visited (or resumeOffset)
    int frames = 0;
    std::optional<Corruption> corruption; // set if the scan stopped at bad data
};

// Called for each frame in offset order; return false to stop after this frame.
using FrameVisitor = std::function<bool(const FrameView &frame)>;

class HeadLockReleaser;

class PartitionLog : public std::enable_shared_from_this<PartitionLog> {
public:
    struct Options {
        QString topic;
        int partition = 0;
        QString directory; // .../topics/<topic>/<topic>-<p>
        TopicConfig config;
        std::shared_ptr<Diagnostics> diagnostics;
        // Lets go of the head lock this log keeps between appends; without one (or once it
        // is gone) every append takes and releases the lock.
        std::weak_ptr<HeadLockReleaser> lockReleaser;
    };

    // Creates the files of a brand-new, empty partition (the directory is not yet visible
    // to other processes, so no locking).
    static Status initialize(const QString &directory);
    // Opens and recovers.
    static Result<std::shared_ptr<PartitionLog>> open(const Options &options,
                                                      std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~PartitionLog();
    PartitionLog(const PartitionLog &) = delete;
    PartitionLog &operator=(const PartitionLog &) = delete;

    const QString &topic() const { return m_options.topic; }
    int partition() const { return m_options.partition; }
    const QString &directory() const { return m_options.directory; }
    const TopicConfig &config() const { return m_options.config; }
    QString name() const; // "orders[3]"

    struct AppendResult {
        qint64 baseOffset = -1; // offsets baseOffset .. baseOffset + count - 1, in input order
    };
    // Appends the records with the given timestamps and encoded frame sizes
    // (encodedFrameSize(); all three the same length). All or nothing.
    Result<AppendResult> append(std::span<const OutgoingRecord *const> records, std::span<const qint64> timestamps,
                                std::span<const qint64> frameSizes, std::chrono::milliseconds timeout);

    // A consistent copy of the head (repairs it first if it is unreadable).
    Result<HeadState> head();
    Result<Watermarks> watermarks();

    // Visits frames from `offset` up to the high watermark, at most maxFrames of them and
    // about maxBytes. Errors: offset below the log start or above the high watermark,
    // deleted topic, I/O. Bad data ends the scan with ScanOutcome::corruption set.
    Result<ScanOutcome> scan(qint64 offset, int maxFrames, qint64 maxBytes, ReadHint *hint,
                             const FrameVisitor &visitor);
    // scan() into Records.
    Result<std::vector<Record>> read(qint64 offset, int maxRecords, qint64 maxBytes, ReadHint *hint,
                                     std::optional<Corruption> *corruption);

    Result<qint64> offsetForTimestamp(qint64 timestampMs);

    // Deletes whole segments beyond retention.bytes / retention.ms (never the active one).
    Status enforceRetention(qint64 nowMs, std::chrono::milliseconds timeout);
    // Marks the head deleted so every process stops using it (before the directory goes).
    Status markDeleted(std::chrono::milliseconds timeout);
    // True once this process saw the deleted mark.
    bool isDeleted() const { return m_deleted.load(); }

    // For the HeadLockReleaser: lets go of the head lock kept since the last append if that
    // was `idle` ago or another process wants it. Returns true if the lock is still kept
    // (look again later). Never waits: if an append is in progress, it is still kept.
    bool releaseKeptLock();

    struct SegmentInfo {
        qint64 baseOffset = 0;
        QString logPath;
        qint64 logBytes = -1; // -1: missing
        qint64 indexBytes = -1;
        qint64 timeIndexBytes = -1;
        bool active = false;
    };
    std::vector<SegmentInfo> segmentFiles() const;

private:
    struct ActiveFiles;
    struct Segment;
    explicit PartitionLog(const Options &options);

    // --- the head lock, m_writeMutex held ---
    Status lockHeadLocked(std::chrono::milliseconds timeout); // no-op if kept from the last append
    // keep: keep it for the next append unless another process wants it (appends only).
    void unlockHeadLocked(bool keep);

    // --- writer side: m_writeMutex and the flock held ---
    Result<HeadState> prepareLocked();
    Result<HeadState> recoverLocked(std::optional<HeadState> head);
    Result<HeadState> rebuildHeadLocked(const QString &why);
    Result<HeadState> rollLocked(HeadState h);
    Status ensureActiveFilesLocked(qint64 base, bool create);
    Status enforceRetentionLocked(HeadState &h, qint64 nowMs);
    // Validates frames of the active segment from `from` (expecting `expectedOffset`),
    // truncates anything after the last good frame, and returns the new end state.
    struct TailScan {
        qint64 validEnd = 0;
        qint64 next = 0;
        qint64 droppedBytes = 0;
        QString reason;
    };
    Result<TailScan> validateTailLocked(qint64 from, qint64 expectedOffset);
    Status rebuildActiveIndexesLocked(HeadState &h);
    // First open in this process: checks the last frames below the written end; a corrupt
    // tail (bad frames with nothing valid after them) is truncated. Returns true if it did.
    Result<bool> checkActiveTailLocked(HeadState &h);
    Status groupCommit(const std::shared_ptr<ActiveFiles> &files, qint64 targetNext, qint64 targetEnd,
                       std::chrono::milliseconds timeout);

    // --- reader side ---
    Result<HeadState> loadHeadForRead();
    std::vector<std::shared_ptr<Segment>> segmentsFor(const HeadState &h);
    std::shared_ptr<Segment> findSegment(const std::vector<std::shared_ptr<Segment>> &segments, qint64 offset) const;
    // Greatest indexed (offset, position) <= target in `seg`; (base, 0) if none.
    std::pair<qint64, qint64> indexLookup(Segment &seg, const HeadState &h, qint64 target);
    qint64 segmentMaxTimestamp(Segment &seg, const HeadState &h);
    std::pair<qint64, qint64> timeIndexLookup(Segment &seg, const HeadState &h, qint64 timestampMs);
    // Closes the least recently read segment files beyond a few per partition.
    void trimOpenFiles();
    Corruption describeDamage(Segment &seg, int fd, qint64 position, qint64 expectedOffset, const QString &reason,
                              qint64 limit, qint64 upper);

    void report(const QString &message) const;

    Options m_options;
    PartitionHead m_head; // the mapping is read by any thread; stores only under the flock
    std::atomic<bool> m_deleted{false};

    std::timed_mutex m_writeMutex;
    std::shared_ptr<ActiveFiles> m_active;                 // guarded by m_writeMutex
    bool m_recovered = false;                              // guarded by m_writeMutex
    std::atomic<qint64> m_nextOffsetGuess{0};              // writtenNext after this process's last append (a hint)
    bool m_headLocked = false;                             // guarded by m_writeMutex: we hold the flock
    bool m_releaserWatches = false;                        // guarded by m_writeMutex
    std::chrono::steady_clock::time_point m_lockKeptSince; // guarded by m_writeMutex

    std::mutex m_syncMutex;
    qint64 m_syncedNext = -1; // guarded by m_syncMutex

    mutable std::mutex m_segmentsMutex;
    std::vector<std::shared_ptr<Segment>> m_segments; // guarded by m_segmentsMutex
    std::atomic<quint64> m_useClock{0};               // orders segment reads for trimOpenFiles
};

} // namespace tidemark::logbroker
