#pragma once

// The read side of one partition: reads frames below the head's visible end, verifying
// every CRC, offset and length, and finds offsets through the sparse indexes.
//
// Reads never lock: the head is taken through its seqlock, frames are read with pread. A
// bad frame is never returned: scan() stops before it (or reports it, naming the file, byte
// position and offset, if it is the first one asked for) and says where reading can resume.
// A missing segment file is reported the same way, with the offsets it held.
//
// The segment cache keeps, per segment, the index entries read so far; the .log descriptors
// come from the store's bounded FdCache (opened on demand, least recently used closed), so
// an open partition holds no descriptor of its own. Out of descriptors (EMFILE) is an
// Unavailable error, never a missing segment.
// PartitionRecovery tells the reader when it rewrote indexes (forgetIndexes,
// forgetSegments).
//
// Threading: every public method is thread-safe. m_segmentsMutex guards the list of
// segments; each Segment's own mutex guards its cached indexes (taken after m_segmentsMutex
// when both are needed). A scan keeps its segment's descriptor alive through a shared_ptr,
// so the FdCache may evict it meanwhile.

#include "core/Result.h"

#include "logbroker/FdCache.h"
#include "logbroker/FrameFormat.h"
#include "logbroker/PartitionContext.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace tidemark::logbroker {

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

class PartitionReader {
public:
    // `repairHead` is called when the head cannot be read (a writer died mid-update, or the
    // file was damaged): it repairs it under the writer's locks and returns it.
    PartitionReader(PartitionContext &context, std::function<Result<HeadState>()> repairHead);
    ~PartitionReader();
    PartitionReader(const PartitionReader &) = delete;
    PartitionReader &operator=(const PartitionReader &) = delete;

    // A consistent copy of the head (repaired first if it is unreadable); NotFound once the
    // topic was deleted.
    Result<HeadState> loadHead();

    // Visits frames from `offset` up to the high watermark, at most maxFrames of them and
    // about maxBytes. Errors: offset below the log start or above the high watermark,
    // deleted topic, I/O. Bad data ends the scan with ScanOutcome::corruption set.
    Result<ScanOutcome> scan(qint64 offset, int maxFrames, qint64 maxBytes, ReadHint *hint,
                             const FrameVisitor &visitor);
    // scan() into Records.
    Result<std::vector<Record>> read(qint64 offset, int maxRecords, qint64 maxBytes, ReadHint *hint,
                                     std::optional<Corruption> *corruption);
    Result<qint64> offsetForTimestamp(qint64 timestampMs);

    // For PartitionRecovery, after it rewrote the indexes of the active segment `base`.
    void forgetIndexes(qint64 base);
    // For PartitionRecovery, after it rewrote the indexes of sealed segments.
    void forgetSegments();

private:
    struct Segment;

    Result<std::vector<std::shared_ptr<Segment>>> segmentsFor(const HeadState &h);
    std::shared_ptr<Segment> findSegment(const std::vector<std::shared_ptr<Segment>> &segments, qint64 offset) const;
    // Greatest indexed (offset, position) <= target in `seg`; (base, 0) if none.
    std::pair<qint64, qint64> indexLookup(Segment &seg, const HeadState &h, qint64 target);
    // (offset to start scanning at for timestampMs, max timestamp of the segment or -1).
    std::pair<qint64, qint64> timeIndexLookup(Segment &seg, const HeadState &h, qint64 timestampMs);
    Corruption describeDamage(Segment &seg, int fd, qint64 position, qint64 expectedOffset, const QString &reason,
                              qint64 limit, qint64 upper);

    PartitionContext &m_context;
    const std::function<Result<HeadState>()> m_repairHead;

    mutable std::mutex m_segmentsMutex;
    std::vector<std::shared_ptr<Segment>> m_segments; // guarded by m_segmentsMutex
    std::shared_ptr<FdCache> m_fds;                   // set in the constructor; thread-safe itself
};

} // namespace tidemark::logbroker
