#pragma once

// One partition of the built-in broker: a directory <topic>-<p>/ with
//
//   partition.head                         where the log ends (see PartitionHead.h); also
//                                          the file appenders flock to take turns
//   00000000000000000000.log               frames (FrameFormat.h), named by base offset
//   00000000000000000000.index             sparse offset index: (relative offset uint32,
//                                          byte position uint32), one per 4 KiB of log
//   00000000000000000000.timeindex         (max timestamp so far int64, relative offset
//                                          uint32): all records before that offset have
//                                          timestamps <= that timestamp
//   00000000000000012345.log ...           later segments
//
// Appends take the head's flock, write a batch with one pwrite and update the head; readers
// never lock and read below the head's visible end; recovery repairs what a crash left
// behind. The engine is three parts, each in its own class and header, which say how; the
// PartitionLog owns them and is the one face the rest of the broker (LogStore, LocalBackend, LocalConsumer) uses:
//   PartitionWriter    append, segment roll, group commit, the head lock (PartitionWriter.h)
//   PartitionRecovery  tail validation, index rebuild, head rebuild, retention; run by the
//                      writer under its locks (PartitionRecovery.h)
//   PartitionReader    segment cache, index lookups, scan/read, offsetForTimestamp
//                      (PartitionReader.h)
// They share a PartitionContext (options, the mapped head, the deleted flag); the files they
// walk and the index rule are in SegmentFiles.h.
//
// Threading: every public method is thread-safe; each part says what guards its state.
// m_context, m_reader and m_writer are set in the constructor and never replaced.

#include "core/Backend.h"
#include "core/Result.h"

#include "logbroker/PartitionContext.h"
#include "logbroker/PartitionHead.h"
#include "logbroker/PartitionReader.h"
#include "logbroker/PartitionWriter.h"
#include "logbroker/SegmentFiles.h"

#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace tidemark::logbroker {

class PartitionLog {
public:
    using Options = PartitionOptions;

    // Creates the files of a brand-new, empty partition (the directory is not yet visible
    // to other processes, so no locking).
    static Status initialize(const QString &directory);
    // Opens, and recovers unless another process holds the head lock (readers never wait for
    // it: PartitionWriter::prepareForOpen).
    static Result<std::shared_ptr<PartitionLog>> open(const Options &options,
                                                      std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~PartitionLog();
    PartitionLog(const PartitionLog &) = delete;
    PartitionLog &operator=(const PartitionLog &) = delete;

    const QString &topic() const { return m_context.options.topic; }
    int partition() const { return m_context.options.partition; }
    const QString &directory() const { return m_context.options.directory; }
    const TopicConfig &config() const { return m_context.options.config; }
    QString name() const { return m_context.name(); } // "orders[3]"

    // Writes: PartitionWriter.h says how. All or nothing; offsets in input order.
    using AppendResult = PartitionWriter::AppendResult;
    Result<AppendResult> append(std::span<const OutgoingRecord *const> records, std::span<const qint64> timestamps,
                                std::span<const qint64> frameSizes, std::chrono::milliseconds timeout);
    Status enforceRetention(qint64 nowMs, std::chrono::milliseconds timeout);
    Status markDeleted(std::chrono::milliseconds timeout);

    // Reads: PartitionReader.h says how. head() is a consistent copy of the head (repaired
    // first if it is unreadable).
    Result<HeadState> head();
    Result<Watermarks> watermarks();
    Result<ScanOutcome> scan(qint64 offset, int maxFrames, qint64 maxBytes, ReadHint *hint,
                             const FrameVisitor &visitor);
    Result<std::vector<Record>> read(qint64 offset, int maxRecords, qint64 maxBytes, ReadHint *hint,
                                     std::optional<Corruption> *corruption);
    Result<qint64> offsetForTimestamp(qint64 timestampMs);

    // True once this process saw the deleted mark.
    bool isDeleted() const { return m_context.deleted.load(); }

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
    explicit PartitionLog(const Options &options);

    PartitionContext m_context;
    PartitionReader m_reader; // repairs an unreadable head through m_writer
    PartitionWriter m_writer;
};

} // namespace tidemark::logbroker
