#pragma once

// Recovery of one partition: makes the head and the files agree again after a crash, a
// power cut or an outside change, and enforces retention.
//
// - bytes beyond the head's written end (an appender died mid-write): whole valid frames
//   are kept, a torn tail is truncated (validateTail);
// - on the first open in this process, a corrupt tail below the written end (bad frames with
//   nothing valid after them) is truncated (checkActiveTail);
// - a .log shorter than the head says: the segment is scanned again from its start;
// - a missing, zeroed or corrupt head: rebuilt from the segment files (rebuildHead);
// - a missing active segment: recreated empty at the next offset (the lost range reported);
// - missing, torn or inconsistent indexes: rebuilt from the .log;
// - segments past retention.bytes / retention.ms: deleted (enforceRetention).
// Every repair is reported (file, byte position, offset) through the context's diagnostics.
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
    Result<TailScan> validateTail(qint64 from, qint64 expectedOffset);
    Result<HeadState> rebuildHead(const QString &why);
    Status rebuildActiveIndexes(HeadState &h);
    // First open in this process: checks the last frames below the written end; a corrupt
    // tail (bad frames with nothing valid after them) is truncated. Returns true if it did.
    Result<bool> checkActiveTail(HeadState &h);
    // Rebuilds the indexes of sealed segments that are missing or torn.
    void repairSealedIndexes(const std::vector<qint64> &bases, const HeadState &h);

    PartitionContext &m_context;
    ActiveSegment &m_active; // the writer's; guarded by its locks
    PartitionReader &m_reader;
};

} // namespace tidemark::logbroker
