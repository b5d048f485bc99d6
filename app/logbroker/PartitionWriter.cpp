#include "logbroker/PartitionWriter.h"

#include "logbroker/FileIo.h"
#include "logbroker/HeadLockReleaser.h"
#include "logbroker/PartitionReader.h"

#include <QDateTime>

#include <algorithm>
#include <limits>
#include <vector>

namespace tidemark::logbroker {

namespace {

using namespace std::chrono;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// Frames encoded, then sealed (their CRCs computed), per group: about 25 KB of 260-byte
// records, which stay in the L1 cache between the two steps.
constexpr size_t kSealGroup = 96;

// Frame start positions of the batch being appended, reused by each thread.
std::vector<qint64> &appendStarts()
{
    thread_local std::vector<qint64> starts;
    return starts;
}

} // namespace

PartitionWriter::PartitionWriter(PartitionContext &context, PartitionReader &reader)
    : m_context(context), m_active(context.options.directory), m_recovery(context, m_active, reader)
{}

PartitionWriter::~PartitionWriter() = default;

Result<HeadState> PartitionWriter::prepare(milliseconds timeout, const QString &timeoutMessage)
{
    std::unique_lock wl(m_writeMutex, std::defer_lock);
    if (!wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, timeoutMessage);
    if (auto s = lockHeadLocked(timeout); !s)
        return s.error();
    auto h = prepareLocked();
    unlockHeadLocked(false);
    return h;
}

Result<HeadState> PartitionWriter::prepareForOpen(milliseconds timeout, const QString &timeoutMessage)
{
    {
        std::unique_lock wl(m_writeMutex, std::try_to_lock);
        if (wl.owns_lock() && !m_headLocked) {
            auto attempt = m_context.head.tryLockForWrite();
            if (!attempt)
                return attempt.error();
            if (*attempt == LockAttempt::Acquired) {
                m_headLocked = true;
                auto h = prepareLocked();
                unlockHeadLocked(false);
                return h;
            }
        }
    }
    HeadState h;
    if (m_context.head.load(h) == HeadLoad::Ok) {
        if (h.deleted()) {
            m_context.deleted = true;
            return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(m_context.options.topic));
        }
        return h; // readable as it is; m_recovered stays false, so the first append recovers
    }
    return prepare(timeout, timeoutMessage);
}

Status PartitionWriter::lockHeadLocked(milliseconds timeout)
{
    if (m_headLocked)
        return {}; // kept since the last append
    if (auto s = m_context.head.lockForWrite(timeout); !s)
        return s;
    m_headLocked = true;
    return {};
}

void PartitionWriter::unlockHeadLocked(bool keep)
{
    if (!m_headLocked)
        return;
    if (keep && !m_context.head.lockWanted()) {
        if (auto releaser = m_context.options.lockReleaser.lock()) {
            m_lockKeptSince = steady_clock::now();
            if (!m_releaserWatches) {
                releaser->watch(m_self);
                m_releaserWatches = true;
            }
            return;
        }
    }
    m_context.head.unlockWrite();
    m_headLocked = false;
    m_active.reset(); // descriptors only while appending (an in-flight group commit keeps its own)
}

bool PartitionWriter::releaseKeptLock(bool now, std::chrono::milliseconds idle)
{
    std::unique_lock wl(m_writeMutex, std::try_to_lock);
    if (!wl.owns_lock())
        return true; // an append is running; it decides at its end
    if (m_headLocked && (now || m_context.head.lockWanted() || steady_clock::now() - m_lockKeptSince >= idle)) {
        m_context.head.unlockWrite();
        m_headLocked = false;
        m_active.reset();
    }
    if (!m_headLocked)
        m_releaserWatches = false;
    return m_headLocked;
}

Result<HeadState> PartitionWriter::prepareLocked()
{
    HeadState h;
    const HeadLoad load = m_context.head.load(h);
    if (load == HeadLoad::Ok && h.deleted()) {
        m_context.deleted = true;
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(m_context.options.topic));
    }
    if (load != HeadLoad::Ok) {
        m_recovered = false;
        auto r = m_recovery.recover(std::nullopt, true);
        if (r) {
            m_recovered = true;
            m_checkedBase = r->activeBase;
        }
        return r;
    }
    if (m_recovered && h.pendingEnd == h.writtenEnd && m_checkedBase == h.activeBase) {
        // The files were closed when the lock was last let go: open them again. A missing
        // .log (deleted by hand meanwhile) is for recovery to report, not an I/O error.
        auto s = m_active.ensure(h.activeBase, false);
        if (s)
            return h;
        if (s.error().code != ErrorCode::NotFound)
            return s.error();
    }
    auto r = m_recovery.recover(h, !m_recovered);
    if (r) {
        m_recovered = true;
        m_checkedBase = r->activeBase;
    }
    return r;
}

Result<HeadState> PartitionWriter::rollLocked(HeadState h)
{
    if (auto s = m_active.ensure(h.activeBase, false); !s)
        return s.error();
    // Announce the roll: if this process dies before the new head is stored, the next
    // appender sees pendingEnd != writtenEnd and removes the half-made segment files.
    const qint64 pendingBefore = h.pendingEnd;
    h.pendingEnd = -1;
    m_context.head.store(h);
    h.pendingEnd = pendingBefore;
    if (h.activeMaxTimestamp > h.lastTimeIndexTimestamp) {
        // The closing entry: every record of the segment has a timestamp <= activeMaxTimestamp.
        IndexBuilder ib;
        ib.base = h.activeBase;
        ib.addTimeEntry(h.activeMaxTimestamp, h.writtenNext);
        if (auto s = writeAt(m_active->timeIndex.get(), ib.timeIndex.constData(), ib.timeIndex.size(),
                             h.timeIndexEntries * kTimeIndexEntrySize, m_active->timeIndexPath);
            !s)
            return s.error();
        ++h.timeIndexEntries;
        h.lastTimeIndexTimestamp = h.activeMaxTimestamp;
    }
    if (auto s = truncateFile(m_active->index.get(), h.indexEntries * kIndexEntrySize, m_active->indexPath); !s)
        return s.error();
    if (auto s =
            truncateFile(m_active->timeIndex.get(), h.timeIndexEntries * kTimeIndexEntrySize, m_active->timeIndexPath);
        !s)
        return s.error();
    if (auto s = truncateFile(m_active->log.get(), h.writtenEnd, m_active->logPath); !s)
        return s.error();
    if (m_context.options.config.fsync) {
        if (auto s = syncData(m_active->log.get(), m_active->logPath); !s)
            return s.error();
    }
    const qint64 newBase = h.writtenNext;
    m_active.reset();
    if (auto s = m_active.ensure(newBase, true); !s)
        return s.error();
    for (auto [fd, path] :
         {std::pair{m_active->log.get(), m_active->logPath}, std::pair{m_active->index.get(), m_active->indexPath},
          std::pair{m_active->timeIndex.get(), m_active->timeIndexPath}}) {
        if (auto s = truncateFile(fd, 0, path); !s)
            return s.error();
    }
    if (m_context.options.config.fsync) {
        if (auto s = syncDirectory(m_context.options.directory); !s)
            return s.error();
    }
    HeadState n;
    n.logStartOffset = h.logStartOffset;
    n.activeBase = newBase;
    n.writtenNext = newBase;
    n.visibleNext = newBase;
    n.flags = h.flags;
    m_context.head.store(n);
    m_checkedBase = newBase;
    if (auto s = m_recovery.enforceRetention(n, nowMs()); !s)
        m_context.report(QStringLiteral("%1: retention failed: %2").arg(m_context.name(), s.error().message));
    return n;
}

Result<PartitionWriter::AppendResult> PartitionWriter::append(std::span<const OutgoingRecord *const> records,
                                                              std::span<const qint64> timestamps,
                                                              std::span<const qint64> frameSizes, milliseconds timeout)
{
    if (records.empty())
        return AppendResult{};
    const auto started = steady_clock::now();
    auto remaining = [&] {
        return std::max(milliseconds(0), duration_cast<milliseconds>(started + timeout - steady_clock::now()));
    };
    // Encode outside the locks, with the offsets that follow this process's last append; if
    // another appender got in meanwhile, the offsets are patched under the lock (the CRC does
    // not cover them). Each group of frames gets its CRCs right after it is encoded, while
    // its bytes are still in the L1 cache: one pass over the batch, not two.
    const size_t count = records.size();
    std::vector<qint64> &starts = appendStarts();
    starts.resize(count + 1);
    starts[0] = 0;
    for (size_t i = 0; i < count; ++i)
        starts[i + 1] = starts[i] + frameSizes[i];
    const qint64 batchSize = starts[count];
    const qint64 guessedBase = m_nextOffsetGuess.load(std::memory_order_relaxed);
    ScratchBuffer scratch;
    char *frames = scratch.reserve(static_cast<size_t>(batchSize));
    for (size_t at = 0; at < count; at += kSealGroup) {
        const size_t groupEnd = std::min(count, at + kSealGroup);
        for (size_t i = at; i < groupEnd; ++i)
            encodeFrame(frames + starts[i], frameSizes[i], guessedBase + static_cast<qint64>(i), timestamps[i],
                        *records[i], false);
        sealFrames(frames, starts.data() + at, groupEnd - at);
    }

    std::unique_lock wl(m_writeMutex, std::defer_lock);
    if (!wl.try_lock() && !wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, QStringLiteral("timed out waiting to append to %1").arg(m_context.name()));
    if (auto s = lockHeadLocked(remaining()); !s)
        return s.error();
    struct HeadLockGuard { // on an error: let go of the lock (nothing is kept)
        PartitionWriter *log;
        ~HeadLockGuard()
        {
            if (log)
                log->unlockHeadLocked(false);
        }
    } headLockGuard{this};

    auto prepared = prepareLocked();
    if (!prepared)
        return prepared.error();
    HeadState h = *prepared;
    if (h.writtenEnd > 0 && h.writtenEnd + batchSize > m_context.options.config.segmentBytes) {
        auto rolled = rollLocked(h);
        if (!rolled)
            return rolled.error();
        h = *rolled;
    }
    if (auto s = m_active.ensure(h.activeBase, false); !s)
        return s.error();
    if (h.writtenEnd + batchSize > std::numeric_limits<quint32>::max())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("batch too large for one segment of %1").arg(m_context.name()));

    IndexBuilder ib;
    ib.base = h.activeBase;
    ib.lastIndexedEnd = h.lastIndexedEnd;
    ib.maxTimestamp = h.activeMaxTimestamp;
    ib.lastTimeIndexTimestamp = h.lastTimeIndexTimestamp;
    const qint64 base = h.writtenNext;
    const qint64 position = h.writtenEnd;
    if (base != guessedBase) {
        for (size_t i = 0; i < count; ++i)
            patchFrameOffset(frames + starts[i], base + static_cast<qint64>(i));
    }
    for (size_t i = 0; i < count; ++i)
        ib.onFrame(base + static_cast<qint64>(i), position + starts[i], timestamps[i]);

    // pendingEnd announces the write: if this process dies before the head says it is done,
    // the next appender validates these bytes.
    h.pendingEnd = position + batchSize;
    m_context.head.store(h);
    if (auto s = writeAt(m_active->log.get(), frames, batchSize, position, m_active->logPath); !s) {
        // Undo what part of the batch reached the file; if even that fails, pendingEnd stays
        // set and the next appender validates and truncates these bytes.
        if (truncateFile(m_active->log.get(), position, m_active->logPath))
            h.pendingEnd = h.writtenEnd;
        m_context.head.store(h);
        return s.error();
    }
    bool indexed = true;
    if (ib.indexAdded > 0) {
        if (auto s = writeAt(m_active->index.get(), ib.index.constData(), ib.index.size(),
                             h.indexEntries * kIndexEntrySize, m_active->indexPath);
            !s) {
            m_context.report(QStringLiteral("%1: %2 (the index is rebuilt at the next open)")
                                 .arg(m_context.name(), s.error().message));
            indexed = false;
        }
    }
    if (indexed && ib.timeAdded > 0) {
        if (auto s = writeAt(m_active->timeIndex.get(), ib.timeIndex.constData(), ib.timeIndex.size(),
                             h.timeIndexEntries * kTimeIndexEntrySize, m_active->timeIndexPath);
            !s) {
            m_context.report(QStringLiteral("%1: %2").arg(m_context.name(), s.error().message));
            indexed = false;
        }
    }
    h.writtenNext = base + static_cast<qint64>(count);
    h.writtenEnd = position + batchSize;
    h.pendingEnd = h.writtenEnd;
    h.activeMaxTimestamp = ib.maxTimestamp;
    if (indexed) {
        h.indexEntries += ib.indexAdded;
        h.timeIndexEntries += ib.timeAdded;
        h.lastIndexedEnd = ib.lastIndexedEnd;
        h.lastTimeIndexTimestamp = ib.lastTimeIndexTimestamp;
    }
    if (!m_context.options.config.fsync) {
        h.visibleNext = h.writtenNext;
        h.visibleEnd = h.writtenEnd;
    }
    m_context.head.store(h);
    m_nextOffsetGuess.store(h.writtenNext, std::memory_order_relaxed);
    const std::shared_ptr<ActiveFiles> files = m_active.shared();
    const qint64 targetNext = h.writtenNext;
    const qint64 targetEnd = h.writtenEnd;
    headLockGuard.log = nullptr;
    unlockHeadLocked(true); // kept for the next append unless another process wants it
    wl.unlock();

    if (m_context.options.config.fsync) {
        if (auto s = groupCommit(files, targetNext, targetEnd, remaining()); !s)
            return s.error();
    }
    return AppendResult{base};
}

Status PartitionWriter::groupCommit(const std::shared_ptr<ActiveFiles> &files, qint64 targetNext, qint64 targetEnd,
                                    milliseconds timeout)
{
    const auto deadline = steady_clock::now() + timeout;
    auto remaining = [&] {
        return std::max(milliseconds(0), duration_cast<milliseconds>(deadline - steady_clock::now()));
    };
    std::unique_lock sl(m_syncMutex);
    if (m_syncedNext >= targetNext)
        return {}; // an fdatasync that started after our write covered it
    HeadState now;
    if (m_context.head.load(now) != HeadLoad::Ok)
        now = HeadState{};
    if (now.visibleNext >= targetNext && now.activeBase >= files->base) {
        m_syncedNext = std::max(m_syncedNext, now.visibleNext);
        return {};
    }
    // Sync everything written to this segment so far, by any thread or process: one
    // fdatasync covers the whole file.
    qint64 syncNext = targetNext;
    qint64 syncEnd = targetEnd;
    if (now.activeBase == files->base && now.writtenNext > targetNext) {
        syncNext = now.writtenNext;
        syncEnd = now.writtenEnd;
    }
    if (auto s = syncData(files->log.get(), files->logPath); !s)
        return s;
    {
        std::unique_lock wl(m_writeMutex, std::defer_lock);
        if (!wl.try_lock_for(remaining()))
            return Error(ErrorCode::Timeout,
                         QStringLiteral("timed out publishing synced records of %1").arg(m_context.name()));
        if (auto s = lockHeadLocked(remaining()); !s)
            return s;
        HeadState h;
        if (m_context.head.load(h) == HeadLoad::Ok && h.activeBase == files->base && h.visibleNext < syncNext &&
            h.writtenNext >= syncNext) {
            h.visibleNext = syncNext;
            h.visibleEnd = syncEnd;
            m_context.head.store(h);
        }
        unlockHeadLocked(true);
    }
    // Wakes inotify watchers (stores through the mapping make no event); they also poll.
    m_context.head.touch();
    m_syncedNext = std::max(m_syncedNext, syncNext);
    return {};
}

Status PartitionWriter::enforceRetention(qint64 now, milliseconds timeout)
{
    std::unique_lock wl(m_writeMutex, std::defer_lock);
    if (!wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, QStringLiteral("timed out waiting for %1").arg(m_context.name()));
    if (auto s = lockHeadLocked(timeout); !s)
        return s;
    Status result;
    auto h = prepareLocked();
    if (!h) {
        result = h.error();
    } else {
        HeadState state = *h;
        result = m_recovery.enforceRetention(state, now);
    }
    unlockHeadLocked(false);
    return result;
}

Status PartitionWriter::markDeleted(milliseconds timeout)
{
    std::unique_lock wl(m_writeMutex, std::defer_lock);
    if (!wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, QStringLiteral("timed out waiting for %1").arg(m_context.name()));
    if (auto s = lockHeadLocked(timeout); !s)
        return s;
    HeadState h;
    if (m_context.head.load(h) != HeadLoad::Ok)
        h = HeadState{};
    h.flags |= HeadState::kDeleted;
    m_context.head.store(h);
    m_context.deleted = true;
    unlockHeadLocked(false);
    m_context.head.touch(); // wakes watchers; they also poll
    return {};
}

} // namespace tidemark::logbroker
