#pragma once

// Recovery of one partition: makes the head and the files agree again after a crash, a
// power cut or an outside change, and enforces retention.
//
// - bytes beyond the head's written end (an appender died mid-write): whole valid frames
//   are kept, a torn tail is truncated (validateTail);
// - on the first open in this process, a corrupt tail below the written end (bad frames with
//   nothing valid after them) is reported and left in place (checkActiveTail): the segment
//   is sealed there and appends continue in a new one (restartAt);
// - a .log shorter than the head says: the segment is scanned again from its start, sealed
//   after its last valid frame, and appends continue in a new segment;
// - a missing, zeroed or corrupt head: rebuilt from the segment files (rebuildHead);
// - a missing active segment: recreated empty at the next offset (the lost range reported);
//
// Offsets are never handed out twice. After a loss the next offset is the greatest of what
// the head proves (writtenNext), what the surviving frames prove, and the durable floor:
// the highest committed offset of any group (commits are fsynced, the head and the log may
// not be, in `os` durability). The offsets between the surviving frames and that next offset
// are a hole at a segment boundary, which reads report like a missing segment. Recovery
// never truncates bytes the head counts as written; it only cuts a torn tail beyond them
// (an appender that died before acknowledging) or, with the head lost, garbage after the
// last valid frame that no commit proves acknowledged.
// - missing, torn or inconsistent indexes: rebuilt from the .log;
// - segments past retention.bytes / retention.ms: deleted (enforceRetention).
// Every repair is reported (file, byte position, offset) through the context's diagnostics.
// - a CRC-valid frame of a format newer than this build knows (FrameStatus::NewerFormat) is
//   never damage: recovery stops with an error that says to upgrade and changes nothing of
//   the segment (no truncation, no seal, no hole, no index rebuilt past it).
//
// Threading: no state of its own beyond references; every method runs with the owning
// PartitionWriter's write mutex and the flock on the head held (the "Locked" of the
// writer's callers), which also guard the ActiveSegment it works on.

#include "core/Result.h"

#include "logbroker/PartitionContext.h"
#include "logbroker/SegmentFiles.h"

#include <QString>

#include <optional>

namespace tidemark::logbroker {

class PartitionReader;

class PartitionRecovery {
public:
    PartitionRecovery(PartitionContext &context, ActiveSegment &active, PartitionReader &reader);
    PartitionRecovery(const PartitionRecovery &) = delete;
    PartitionRecovery &operator=(const PartitionRecovery &) = delete;

    // Repairs the partition and stores the repaired head. `head`: the head as loaded, or
    // nullopt if it could not be read (then it is rebuilt from the segment files).
    // `firstTime`: this process has not recovered the partition yet (its tail and sealed
    // indexes are checked too).
    Result<HeadState> recover(std::optional<HeadState> head, bool firstTime);

    // Deletes whole segments beyond retention.bytes / retention.ms (never the active one)
    // and moves the head's log start past them.
    Status enforceRetention(HeadState &h, qint64 nowMs);

private:
    // Validates frames of the active segment from `from` (expecting `expectedOffset`),
    // truncates anything after the last good frame, and returns the new end state.
    struct TailScan {
        qint64 validEnd = 0;
        qint64 next = 0;
        qint64 droppedBytes = 0;
        QString reason;
    };
    // `truncate`: cut the file after the last good frame (else only report where it is).
    Result<TailScan> validateTail(qint64 from, qint64 expectedOffset, bool truncate);
    // The highest offset committed by any group for this partition (-1: none) and a phrase
    // naming the group, for messages.
    struct DurableFloor {
        qint64 offset = -1;
        QString source;
    };
    DurableFloor groupFloor() const;
    // Seals the active segment after its valid frames [activeBase, validNext) ending at
    // validEnd (its indexes rebuilt, a closing time-index entry; bytes after validEnd are
    // left as they are) and starts an empty active segment at `next` > validNext. The
    // offsets between are lost: reported with `why`.
    Status restartAt(HeadState &h, qint64 validEnd, qint64 validNext, qint64 next, const QString &why);
    Result<HeadState> rebuildHead(const QString &why);
    Status rebuildActiveIndexes(HeadState &h);
    // First open in this process: checks the last frames below the written end. A corrupt
    // tail (bad frames with nothing valid after them) is reported and returned (its start
    // and the offset expected there); nothing is truncated.
    Result<std::optional<TailScan>> checkActiveTail(const HeadState &h);
    // Removes the (empty) files of segments past `activeBase`, left by a roll that died before
    // storing the head. Returns the base of one past it that holds data (then the head is
    // behind the files and nothing is removed after it), or -1.
    Result<qint64> removeFilesPastActive(qint64 activeBase);
    // Rebuilds the indexes of sealed segments that are missing or torn.
    void repairSealedIndexes(const std::vector<qint64> &bases, const HeadState &h);

    PartitionContext &m_context;
    ActiveSegment &m_active; // the writer's; guarded by its locks
    PartitionReader &m_reader;
};

} // namespace tidemark::logbroker
