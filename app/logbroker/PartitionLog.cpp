#include "logbroker/PartitionLog.h"

#include "logbroker/Crc32c.h"
#include "logbroker/HeadLockReleaser.h"

#include <QDateTime>
#include <QDir>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace tidemark::logbroker {

namespace {

using namespace std::chrono;

constexpr qint64 kReadChunk = 256 * 1024;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// Buffers reused by the threads of this process, so that a small read or append does not
// allocate (and page-fault in) a large buffer every time. Each thread keeps a few idle
// buffers of up to 4 MiB; this caches memory only, nothing is shared between threads.
class ScratchBuffer {
public:
    ScratchBuffer()
    {
        if (!pool().empty()) {
            m_block = std::move(pool().back());
            pool().pop_back();
        }
    }
    ~ScratchBuffer()
    {
        if (m_block.capacity <= (4u << 20) && pool().size() < 4)
            pool().push_back(std::move(m_block));
    }
    ScratchBuffer(const ScratchBuffer &) = delete;
    ScratchBuffer &operator=(const ScratchBuffer &) = delete;
    // At least `size` bytes, uninitialized; earlier contents are not kept.
    char *reserve(size_t size)
    {
        if (m_block.capacity < size) {
            m_block.capacity = std::max(size, m_block.capacity * 2);
            m_block.data = std::make_unique_for_overwrite<char[]>(m_block.capacity);
        }
        return m_block.data.get();
    }
    char *data() const { return m_block.data.get(); }
    size_t capacity() const { return m_block.capacity; }

private:
    struct Block {
        std::unique_ptr<char[]> data;
        size_t capacity = 0;
    };
    static std::vector<Block> &pool()
    {
        thread_local std::vector<Block> blocks;
        return blocks;
    }
    Block m_block;
};

// Reads frames sequentially from a file between `position` and `limit`, through a buffer of
// about `chunk` bytes.
class FrameCursor {
public:
    FrameCursor(int fd, const QString &path, qint64 position, qint64 limit, qint64 chunk = kReadChunk)
        : m_fd(fd), m_path(path), m_pos(position), m_limit(limit), m_chunk(chunk)
    {}

    qint64 position() const { return m_pos; }
    qint64 limit() const { return m_limit; }
    bool atEnd() const { return m_pos >= m_limit; }
    void seek(qint64 position) { m_pos = position; }

    // Makes [pos, pos + len) available (clipped at the limit); returns the bytes available.
    Result<qint64> ensure(qint64 pos, qint64 len)
    {
        len = std::min(len, m_limit - pos);
        if (len <= 0)
            return qint64(0);
        if (pos >= m_bufStart && pos + len <= m_bufStart + m_bufLen)
            return len;
        const qint64 want = std::min(std::max(len, m_chunk), m_limit - pos);
        char *buffer = m_buf.reserve(static_cast<size_t>(want));
        auto n = readAt(m_fd, buffer, want, pos, m_path);
        if (!n)
            return n.error();
        m_bufStart = pos;
        m_bufLen = *n;
        return std::min(len, *n);
    }
    const char *at(qint64 pos) const { return m_buf.data() + (pos - m_bufStart); }

    // Parses the frame at position(); does not advance.
    Result<FrameStatus> peek(FrameView &frame, bool verifyCrc)
    {
        auto head = ensure(m_pos, kFramePrefixSize);
        if (!head)
            return head.error();
        qint64 offset = 0;
        qint32 length = 0;
        const FrameStatus s = peekFrame(at(m_pos), *head, offset, length);
        if (s != FrameStatus::Ok)
            return s;
        auto all = ensure(m_pos, kFramePrefixSize + length);
        if (!all)
            return all.error();
        return decodeFrame(at(m_pos), *all, frame, verifyCrc);
    }
    // Reads only offset and length of the frame at position().
    Result<FrameStatus> peekHeader(qint64 &offset, qint32 &length)
    {
        auto head = ensure(m_pos, kFramePrefixSize);
        if (!head)
            return head.error();
        const FrameStatus s = peekFrame(at(m_pos), *head, offset, length);
        if (s == FrameStatus::Ok && m_pos + kFramePrefixSize + length > m_limit)
            return FrameStatus::Incomplete;
        return s;
    }

private:
    int m_fd;
    QString m_path;
    qint64 m_pos;
    qint64 m_limit;
    qint64 m_chunk;
    ScratchBuffer m_buf;
    qint64 m_bufStart = 0;
    qint64 m_bufLen = 0;
};

// Frames encoded, then sealed (their CRCs computed), per group: about 25 KB of 260-byte
// records, which stay in the L1 cache between the two steps.
constexpr size_t kSealGroup = 96;

// Frame start positions of the batch being appended, reused by each thread.
std::vector<qint64> &appendStarts()
{
    thread_local std::vector<qint64> starts;
    return starts;
}

// Decides where index entries go; the same rule for appends and rebuilds.
struct IndexBuilder {
    qint64 base = 0;
    qint64 lastIndexedEnd = 0;
    qint64 maxTimestamp = -1;
    qint64 lastTimeIndexTimestamp = -1;
    QByteArray index;
    QByteArray timeIndex;
    qint64 indexAdded = 0;
    qint64 timeAdded = 0;

    void onFrame(qint64 offset, qint64 position, qint64 timestampMs)
    {
        if (position - lastIndexedEnd >= kIndexIntervalBytes) {
            char e[8];
            qToBigEndian(static_cast<quint32>(offset - base), e);
            qToBigEndian(static_cast<quint32>(position), e + 4);
            index.append(e, 8);
            ++indexAdded;
            lastIndexedEnd = position;
            if (maxTimestamp > lastTimeIndexTimestamp) {
                addTimeEntry(maxTimestamp, offset);
            }
        }
        maxTimestamp = std::max(maxTimestamp, timestampMs);
    }
    void addTimeEntry(qint64 timestamp, qint64 offset)
    {
        char t[12];
        qToBigEndian(static_cast<qint64>(timestamp), t);
        qToBigEndian(static_cast<quint32>(offset - base), t + 8);
        timeIndex.append(t, 12);
        ++timeAdded;
        lastTimeIndexTimestamp = timestamp;
    }
};

QString extensionPath(const QString &dir, qint64 base, const char *ext)
{
    return dir + QLatin1Char('/') + segmentFileName(base, ext);
}

qint64 statSize(const QString &path)
{
    auto fd = openFile(path, ReadOnly);
    if (!fd)
        return -1;
    auto size = fileSize(fd->get(), path);
    return size ? *size : -1;
}

} // namespace

QString segmentFileName(qint64 baseOffset, const char *extension)
{
    return QStringLiteral("%1.%2").arg(baseOffset, 20, 10, QLatin1Char('0')).arg(QLatin1String(extension));
}

std::vector<qint64> listSegmentBases(const QString &directory)
{
    std::vector<qint64> bases;
    const QStringList names = QDir(directory).entryList({QStringLiteral("*.log")}, QDir::Files);
    for (const QString &name : names) {
        if (name.size() != 24)
            continue;
        bool ok = false;
        const qint64 base = name.left(20).toLongLong(&ok);
        if (ok && base >= 0)
            bases.push_back(base);
    }
    std::sort(bases.begin(), bases.end());
    return bases;
}

QString Corruption::message() const
{
    if (position < 0)
        return QStringLiteral("%1: %2 (offset %3 unreadable; reading resumes at offset %4)")
            .arg(file, reason)
            .arg(offset)
            .arg(resumeOffset);
    return QStringLiteral("%1 is corrupt at byte %2 (offset %3): %4; reading resumes at offset %5")
        .arg(file)
        .arg(position)
        .arg(offset)
        .arg(reason)
        .arg(resumeOffset);
}

struct PartitionLog::ActiveFiles {
    qint64 base = -1;
    QString logPath;
    QString indexPath;
    QString timeIndexPath;
    UniqueFd log;
    UniqueFd index;
    UniqueFd timeIndex;
};

struct PartitionLog::Segment {
    qint64 base = 0;
    QString logPath;
    QString indexPath;
    QString timeIndexPath;

    std::mutex mutex; // guards everything below
    // Shared so that a scan keeps using it while the cache closes it (see trimOpenFiles).
    std::shared_ptr<UniqueFd> logFd;
    quint64 lastUse = 0;
    bool missing = false;
    qint64 sealedSize = -1;
    std::vector<std::pair<qint64, qint64>> index; // (absolute offset, position)
    bool indexBroken = false;
    std::vector<std::pair<qint64, qint64>> timeIndex; // (max timestamp so far, absolute offset)
    bool timeBroken = false;
    bool reportedMissing = false;
};

PartitionLog::PartitionLog(const Options &options) : m_options(options)
{
    if (!m_options.diagnostics)
        m_options.diagnostics = std::make_shared<Diagnostics>();
}

PartitionLog::~PartitionLog() = default;

QString PartitionLog::name() const
{
    return m_options.topic + QLatin1Char('[') + QString::number(m_options.partition) + QLatin1Char(']');
}

void PartitionLog::report(const QString &message) const { m_options.diagnostics->report(message); }

Status PartitionLog::initialize(const QString &directory)
{
    if (auto s = makeDirectories(directory); !s)
        return s;
    for (const char *ext : {"log", "index", "timeindex"}) {
        auto fd = openFile(extensionPath(directory, 0, ext), ReadWriteCreate);
        if (!fd)
            return fd.error();
    }
    auto head = PartitionHead::open(directory + QStringLiteral("/partition.head"));
    if (!head)
        return head.error();
    head->store(HeadState{});
    return {};
}

Result<std::shared_ptr<PartitionLog>> PartitionLog::open(const Options &options, milliseconds timeout)
{
    if (!QDir(options.directory).exists())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("partition directory '%1' does not exist").arg(options.directory));
    std::shared_ptr<PartitionLog> log(new PartitionLog(options));
    auto head = PartitionHead::open(options.directory + QStringLiteral("/partition.head"));
    if (!head)
        return head.error();
    log->m_head = std::move(*head);
    std::unique_lock wl(log->m_writeMutex, std::defer_lock);
    if (!wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, QStringLiteral("timed out opening %1").arg(log->name()));
    if (auto s = log->lockHeadLocked(timeout); !s)
        return s.error();
    auto h = log->prepareLocked();
    log->unlockHeadLocked(false);
    if (!h)
        return h.error();
    return log;
}

// ---------------------------------------------------------------------------------------
// Writer side

Status PartitionLog::lockHeadLocked(milliseconds timeout)
{
    if (m_headLocked)
        return {}; // kept since the last append
    if (auto s = m_head.lockForWrite(timeout); !s)
        return s;
    m_headLocked = true;
    return {};
}

void PartitionLog::unlockHeadLocked(bool keep)
{
    if (!m_headLocked)
        return;
    if (keep && !m_head.lockWanted()) {
        if (auto releaser = m_options.lockReleaser.lock()) {
            m_lockKeptSince = steady_clock::now();
            if (!m_releaserWatches) {
                releaser->watch(weak_from_this());
                m_releaserWatches = true;
            }
            return;
        }
    }
    m_head.unlockWrite();
    m_headLocked = false;
}

bool PartitionLog::releaseKeptLock()
{
    std::unique_lock wl(m_writeMutex, std::try_to_lock);
    if (!wl.owns_lock())
        return true; // an append is running; it decides at its end
    auto releaser = m_options.lockReleaser.lock();
    if (m_headLocked &&
        (!releaser || m_head.lockWanted() || steady_clock::now() - m_lockKeptSince >= releaser->idle())) {
        m_head.unlockWrite();
        m_headLocked = false;
    }
    if (!m_headLocked)
        m_releaserWatches = false;
    return m_headLocked;
}

Status PartitionLog::ensureActiveFilesLocked(qint64 base, bool create)
{
    if (m_active && m_active->base == base)
        return {};
    auto files = std::make_shared<ActiveFiles>();
    files->base = base;
    files->logPath = extensionPath(m_options.directory, base, "log");
    files->indexPath = extensionPath(m_options.directory, base, "index");
    files->timeIndexPath = extensionPath(m_options.directory, base, "timeindex");
    const OpenMode mode = create ? ReadWriteCreate : ReadWrite;
    auto log = openFile(files->logPath, mode);
    if (!log)
        return log.error();
    auto index = openFile(files->indexPath, ReadWriteCreate);
    if (!index)
        return index.error();
    auto timeIndex = openFile(files->timeIndexPath, ReadWriteCreate);
    if (!timeIndex)
        return timeIndex.error();
    files->log = std::move(*log);
    files->index = std::move(*index);
    files->timeIndex = std::move(*timeIndex);
    m_active = std::move(files);
    return {};
}

Result<HeadState> PartitionLog::prepareLocked()
{
    HeadState h;
    const HeadLoad load = m_head.load(h);
    if (load == HeadLoad::Ok && h.deleted()) {
        m_deleted = true;
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(m_options.topic));
    }
    if (load != HeadLoad::Ok) {
        m_recovered = false;
        auto r = recoverLocked(std::nullopt);
        if (r)
            m_recovered = true;
        if (!r || load == HeadLoad::Uninitialized)
            return r;
        return r;
    }
    if (!m_recovered || h.pendingEnd != h.writtenEnd || !m_active || m_active->base != h.activeBase) {
        auto r = recoverLocked(h);
        if (r)
            m_recovered = true;
        return r;
    }
    return h;
}

Result<PartitionLog::TailScan> PartitionLog::validateTailLocked(qint64 from, qint64 expectedOffset)
{
    auto size = fileSize(m_active->log.get(), m_active->logPath);
    if (!size)
        return size.error();
    TailScan out;
    out.validEnd = from;
    out.next = expectedOffset;
    FrameCursor cursor(m_active->log.get(), m_active->logPath, from, *size);
    while (!cursor.atEnd()) {
        FrameView frame;
        auto st = cursor.peek(frame, true);
        if (!st)
            return st.error();
        if (*st != FrameStatus::Ok || frame.offset != out.next) {
            out.reason = *st != FrameStatus::Ok
                             ? frameStatusText(*st)
                             : QStringLiteral("offset %1 where %2 was expected").arg(frame.offset).arg(out.next);
            break;
        }
        ++out.next;
        cursor.seek(cursor.position() + frame.frameSize());
        out.validEnd = cursor.position();
    }
    out.droppedBytes = *size - out.validEnd;
    if (out.droppedBytes > 0) {
        if (auto s = truncateFile(m_active->log.get(), out.validEnd, m_active->logPath); !s)
            return s.error();
    }
    return out;
}

Status PartitionLog::rebuildActiveIndexesLocked(HeadState &h)
{
    IndexBuilder ib;
    ib.base = h.activeBase;
    FrameCursor cursor(m_active->log.get(), m_active->logPath, 0, h.writtenEnd);
    qint64 expected = h.activeBase;
    while (!cursor.atEnd()) {
        qint64 offset = 0;
        qint32 length = 0;
        FrameView frame;
        auto st = cursor.peek(frame, false);
        if (!st)
            return st.error();
        if (*st != FrameStatus::Ok || frame.offset != expected)
            break; // validated just before; cannot happen unless the disk changes under us
        ib.onFrame(frame.offset, cursor.position(), frame.timestampMs);
        Q_UNUSED(offset);
        Q_UNUSED(length);
        ++expected;
        cursor.seek(cursor.position() + frame.frameSize());
    }
    if (auto s = writeAt(m_active->index.get(), ib.index.constData(), ib.index.size(), 0, m_active->indexPath); !s)
        return s;
    if (auto s = truncateFile(m_active->index.get(), ib.index.size(), m_active->indexPath); !s)
        return s;
    if (auto s = writeAt(m_active->timeIndex.get(), ib.timeIndex.constData(), ib.timeIndex.size(), 0,
                         m_active->timeIndexPath);
        !s)
        return s;
    if (auto s = truncateFile(m_active->timeIndex.get(), ib.timeIndex.size(), m_active->timeIndexPath); !s)
        return s;
    h.indexEntries = ib.indexAdded;
    h.timeIndexEntries = ib.timeAdded;
    h.lastIndexedEnd = ib.lastIndexedEnd;
    h.activeMaxTimestamp = ib.maxTimestamp;
    h.lastTimeIndexTimestamp = ib.lastTimeIndexTimestamp;
    // Readers of this process drop what they cached of the old index.
    std::lock_guard lock(m_segmentsMutex);
    for (auto &seg : m_segments) {
        if (seg->base == h.activeBase) {
            std::lock_guard sl(seg->mutex);
            seg->index.clear();
            seg->timeIndex.clear();
            seg->indexBroken = false;
            seg->timeBroken = false;
        }
    }
    return {};
}

Result<bool> PartitionLog::checkActiveTailLocked(HeadState &h)
{
    qint64 from = 0;
    qint64 expected = h.activeBase;
    if (h.indexEntries > 0) {
        char e[8];
        auto n = readAt(m_active->index.get(), e, 8, (h.indexEntries - 1) * kIndexEntrySize, m_active->indexPath);
        if (n && *n == 8 && qFromBigEndian<quint32>(e + 4) < h.writtenEnd) {
            from = qFromBigEndian<quint32>(e + 4);
            expected = h.activeBase + qFromBigEndian<quint32>(e);
        }
    }
    FrameCursor cursor(m_active->log.get(), m_active->logPath, from, h.writtenEnd);
    QString reason;
    for (;;) {
        while (!cursor.atEnd()) {
            FrameView frame;
            auto st = cursor.peek(frame, true);
            if (!st)
                return st.error();
            if (*st != FrameStatus::Ok || frame.offset != expected) {
                reason = *st != FrameStatus::Ok
                             ? frameStatusText(*st)
                             : QStringLiteral("offset %1 where %2 was expected").arg(frame.offset).arg(expected);
                break;
            }
            ++expected;
            cursor.seek(cursor.position() + frame.frameSize());
        }
        if (cursor.atEnd() || cursor.position() != from || from == 0)
            break;
        // The index entry itself points at no frame: do not trust it, start from the top.
        from = 0;
        expected = h.activeBase;
        cursor.seek(0);
    }
    if (cursor.atEnd())
        return false;
    const qint64 bad = cursor.position();
    // A valid frame further on means damage in the middle: reads report and skip it.
    for (qint64 p = bad + 1; p + kFramePrefixSize + kFrameMinLength <= h.writtenEnd; ++p) {
        cursor.seek(p);
        FrameView frame;
        auto st = cursor.peek(frame, true);
        if (st && *st == FrameStatus::Ok && frame.offset > expected && frame.offset < h.writtenNext)
            return false;
    }
    report(QStringLiteral("%1: corrupt tail at byte %2 (offset %3): %4; truncated %5 bytes (offsets %3 to %6)")
               .arg(m_active->logPath)
               .arg(bad)
               .arg(expected)
               .arg(reason)
               .arg(h.writtenEnd - bad)
               .arg(h.writtenNext - 1));
    if (auto s = truncateFile(m_active->log.get(), bad, m_active->logPath); !s)
        return s.error();
    h.writtenNext = expected;
    h.writtenEnd = bad;
    return true;
}

Result<HeadState> PartitionLog::rebuildHeadLocked(const QString &why)
{
    const std::vector<qint64> bases = listSegmentBases(m_options.directory);
    HeadState h;
    if (bases.empty()) {
        if (!why.isEmpty())
            report(QStringLiteral("%1: %2; no segment files found, starting an empty log at offset 0")
                       .arg(m_head.path(), why));
        if (auto s = ensureActiveFilesLocked(0, true); !s)
            return s.error();
        m_head.store(h);
        return h;
    }
    h.logStartOffset = bases.front();
    h.activeBase = bases.back();
    h.writtenNext = h.activeBase;
    m_active.reset();
    if (auto s = ensureActiveFilesLocked(h.activeBase, true); !s)
        return s.error();
    auto tail = validateTailLocked(0, h.activeBase);
    if (!tail)
        return tail.error();
    h.writtenNext = tail->next;
    h.writtenEnd = tail->validEnd;
    if (auto s = rebuildActiveIndexesLocked(h); !s)
        return s.error();
    if (m_options.config.fsync) {
        if (auto s = syncData(m_active->log.get(), m_active->logPath); !s)
            return s.error();
    }
    h.pendingEnd = h.writtenEnd;
    h.visibleNext = h.writtenNext;
    h.visibleEnd = h.writtenEnd;
    QString message = QStringLiteral("%1: %2; rebuilt it from the segment files (log start %3, active segment %4, "
                                     "next offset %5)")
                          .arg(m_head.path(), why)
                          .arg(h.logStartOffset)
                          .arg(segmentFileName(h.activeBase, "log"))
                          .arg(h.writtenNext);
    if (tail->droppedBytes > 0)
        message += QStringLiteral("; truncated %1 bytes of bad data at byte %2 of %3 (%4)")
                       .arg(tail->droppedBytes)
                       .arg(tail->validEnd)
                       .arg(m_active->logPath, tail->reason);
    report(message);
    m_head.store(h);
    return h;
}

Result<HeadState> PartitionLog::recoverLocked(std::optional<HeadState> head)
{
    if (!head) {
        HeadState probe;
        const HeadLoad load = m_head.load(probe);
        QString why;
        if (load == HeadLoad::Corrupt)
            why = QStringLiteral("partition.head is corrupt (CRC mismatch)");
        else if (load == HeadLoad::Busy)
            why = QStringLiteral("partition.head was left half-updated by a process that died");
        else if (!listSegmentBases(m_options.directory).empty())
            why = QStringLiteral("partition.head is missing or empty");
        auto h = rebuildHeadLocked(why);
        if (!h)
            return h;
        HeadState state = *h;
        if (auto s = enforceRetentionLocked(state, nowMs()); !s)
            return s.error();
        return state;
    }
    HeadState h = *head;
    // Files of segments past the active one come from a roll that died before storing the
    // head (all empty: nothing is appended to a segment before the head names it).
    for (const QString &name :
         QDir(m_options.directory)
             .entryList({QStringLiteral("*.log"), QStringLiteral("*.index"), QStringLiteral("*.timeindex")},
                        QDir::Files)) {
        bool ok = false;
        const qint64 base = name.left(20).toLongLong(&ok);
        if (!ok || name.size() < 21 || name.at(20) != QLatin1Char('.') || base <= h.activeBase)
            continue;
        const qint64 logSize = statSize(extensionPath(m_options.directory, base, "log"));
        if (logSize > 0)
            return rebuildHeadLocked(QStringLiteral("segment %1 is newer than the head's active segment %2")
                                         .arg(segmentFileName(base, "log"), segmentFileName(h.activeBase, "log")));
        if (auto s = removeFile(m_options.directory + QLatin1Char('/') + name); !s)
            return s.error();
    }
    const std::vector<qint64> bases = listSegmentBases(m_options.directory);
    const QString activeLog = extensionPath(m_options.directory, h.activeBase, "log");
    if (!pathExists(activeLog)) {
        if (h.writtenNext > h.activeBase)
            report(QStringLiteral("%1 is missing: offsets %2 to %3 are lost; appending continues in a new segment "
                                  "at offset %4")
                       .arg(activeLog)
                       .arg(h.activeBase)
                       .arg(h.writtenNext - 1)
                       .arg(h.writtenNext));
        else
            report(QStringLiteral("%1 is missing; recreated it empty").arg(activeLog));
        const qint64 next = h.writtenNext;
        h.activeBase = next;
        h.writtenEnd = h.visibleEnd = h.pendingEnd = 0;
        h.visibleNext = next;
        h.indexEntries = h.timeIndexEntries = h.lastIndexedEnd = 0;
        h.activeMaxTimestamp = h.lastTimeIndexTimestamp = -1;
        m_active.reset();
        if (auto s = ensureActiveFilesLocked(next, true); !s)
            return s.error();
        if (auto s = truncateFile(m_active->log.get(), 0, m_active->logPath); !s)
            return s.error();
        if (auto s = truncateFile(m_active->index.get(), 0, m_active->indexPath); !s)
            return s.error();
        if (auto s = truncateFile(m_active->timeIndex.get(), 0, m_active->timeIndexPath); !s)
            return s.error();
    }
    if (auto s = ensureActiveFilesLocked(h.activeBase, false); !s)
        return s.error();
    auto size = fileSize(m_active->log.get(), m_active->logPath);
    if (!size)
        return size.error();
    bool rebuildIndexes = false;
    if (*size < h.writtenEnd || *size < h.visibleEnd) {
        report(QStringLiteral("%1 is %2 bytes but the head says %3 were written; data was lost (power loss or an "
                              "outside change); checking the whole segment")
                   .arg(m_active->logPath)
                   .arg(*size)
                   .arg(h.writtenEnd));
        auto tail = validateTailLocked(0, h.activeBase);
        if (!tail)
            return tail.error();
        if (tail->droppedBytes > 0)
            report(QStringLiteral("%1: truncated %2 bytes of bad data at byte %3 (offset %4): %5")
                       .arg(m_active->logPath)
                       .arg(tail->droppedBytes)
                       .arg(tail->validEnd)
                       .arg(tail->next)
                       .arg(tail->reason));
        h.writtenNext = tail->next;
        h.writtenEnd = tail->validEnd;
        rebuildIndexes = true;
    } else if (*size > h.writtenEnd) {
        auto tail = validateTailLocked(h.writtenEnd, h.writtenNext);
        if (!tail)
            return tail.error();
        if (tail->next > h.writtenNext)
            report(QStringLiteral("%1: kept offsets %2 to %3 found complete beyond the head (written by an appender "
                                  "that died before acknowledging them)")
                       .arg(m_active->logPath)
                       .arg(h.writtenNext)
                       .arg(tail->next - 1));
        if (tail->droppedBytes > 0)
            report(QStringLiteral("%1: truncated a torn tail of %2 bytes at byte %3 (offset %4): %5")
                       .arg(m_active->logPath)
                       .arg(tail->droppedBytes)
                       .arg(tail->validEnd)
                       .arg(tail->next)
                       .arg(tail->reason));
        if (tail->next != h.writtenNext) {
            h.writtenNext = tail->next;
            h.writtenEnd = tail->validEnd;
            rebuildIndexes = true;
        }
    }
    if (!m_recovered && !rebuildIndexes && h.writtenEnd > 0) {
        auto truncated = checkActiveTailLocked(h);
        if (!truncated)
            return truncated.error();
        rebuildIndexes = *truncated;
    }
    if (!rebuildIndexes) {
        // The active indexes must hold at least what the head counts, and the last entry must
        // point inside the written data.
        auto indexSize = fileSize(m_active->index.get(), m_active->indexPath);
        auto timeSize = fileSize(m_active->timeIndex.get(), m_active->timeIndexPath);
        if (!indexSize || !timeSize || *indexSize < h.indexEntries * kIndexEntrySize ||
            *timeSize < h.timeIndexEntries * kTimeIndexEntrySize) {
            report(QStringLiteral("%1 or its .timeindex is shorter than the head says; rebuilding both")
                       .arg(m_active->indexPath));
            rebuildIndexes = true;
        } else if (h.indexEntries > 0) {
            char e[8];
            auto n = readAt(m_active->index.get(), e, 8, (h.indexEntries - 1) * kIndexEntrySize, m_active->indexPath);
            if (!n || *n != 8 || qFromBigEndian<quint32>(e + 4) >= h.writtenEnd ||
                qFromBigEndian<quint32>(e) >= h.writtenNext - h.activeBase) {
                report(QStringLiteral("%1: the last entry points beyond the data; rebuilding the indexes")
                           .arg(m_active->indexPath));
                rebuildIndexes = true;
            }
        }
    }
    if (rebuildIndexes) {
        if (auto s = rebuildActiveIndexesLocked(h); !s)
            return s.error();
    }
    if (m_options.config.fsync && (h.visibleNext != h.writtenNext || h.visibleEnd != h.writtenEnd)) {
        if (auto s = syncData(m_active->log.get(), m_active->logPath); !s)
            return s.error();
    }
    h.pendingEnd = h.writtenEnd;
    h.visibleNext = h.writtenNext;
    h.visibleEnd = h.writtenEnd;
    if (!m_recovered) {
        // Sealed segments: an index with a torn entry (size not a multiple of the entry size)
        // or a missing index is rebuilt from its log.
        for (qint64 base : bases) {
            if (base >= h.activeBase || base < h.logStartOffset)
                continue;
            const QString log = extensionPath(m_options.directory, base, "log");
            const QString index = extensionPath(m_options.directory, base, "index");
            const QString timeIndex = extensionPath(m_options.directory, base, "timeindex");
            const qint64 indexSize = statSize(index);
            const qint64 timeSize = statSize(timeIndex);
            if (indexSize >= 0 && indexSize % kIndexEntrySize == 0 && timeSize >= 0 &&
                timeSize % kTimeIndexEntrySize == 0)
                continue;
            auto fd = openFile(log, ReadOnly);
            if (!fd)
                continue;
            auto logSize = fileSize(fd->get(), log);
            if (!logSize)
                continue;
            IndexBuilder ib;
            ib.base = base;
            FrameCursor cursor(fd->get(), log, 0, *logSize);
            qint64 expected = base;
            while (!cursor.atEnd()) {
                FrameView frame;
                auto st = cursor.peek(frame, false);
                if (!st || *st != FrameStatus::Ok || frame.offset != expected)
                    break;
                ib.onFrame(frame.offset, cursor.position(), frame.timestampMs);
                ++expected;
                cursor.seek(cursor.position() + frame.frameSize());
            }
            if (ib.maxTimestamp > ib.lastTimeIndexTimestamp)
                ib.addTimeEntry(ib.maxTimestamp, expected);
            QString what;
            if (indexSize < 0)
                what = QStringLiteral("%1 is missing").arg(index);
            else if (indexSize % kIndexEntrySize != 0)
                what = QStringLiteral("%1 is truncated at byte %2 (not a whole number of 8-byte entries)")
                           .arg(index)
                           .arg(indexSize);
            else if (timeSize < 0)
                what = QStringLiteral("%1 is missing").arg(timeIndex);
            else
                what = QStringLiteral("%1 is truncated at byte %2 (not a whole number of 12-byte entries)")
                           .arg(timeIndex)
                           .arg(timeSize);
            report(QStringLiteral("%1; rebuilt the indexes of %2 (%3 + %4 entries)")
                       .arg(what, log)
                       .arg(ib.indexAdded)
                       .arg(ib.timeAdded));
            for (const auto &[path, bytes] : {std::pair{index, ib.index}, std::pair{timeIndex, ib.timeIndex}}) {
                if (auto s = writeFileAtomically(path, bytes, m_options.config.fsync); !s)
                    report(QStringLiteral("could not write the rebuilt index: %1").arg(s.error().message));
            }
            std::lock_guard lock(m_segmentsMutex);
            m_segments.clear(); // drop cached indexes
        }
        if (auto s = enforceRetentionLocked(h, nowMs()); !s)
            return s.error();
    }
    m_head.store(h);
    return h;
}

Result<HeadState> PartitionLog::rollLocked(HeadState h)
{
    if (auto s = ensureActiveFilesLocked(h.activeBase, false); !s)
        return s.error();
    // Announce the roll: if this process dies before the new head is stored, the next
    // appender sees pendingEnd != writtenEnd and removes the half-made segment files.
    const qint64 pendingBefore = h.pendingEnd;
    h.pendingEnd = -1;
    m_head.store(h);
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
    if (m_options.config.fsync) {
        if (auto s = syncData(m_active->log.get(), m_active->logPath); !s)
            return s.error();
    }
    const qint64 newBase = h.writtenNext;
    m_active.reset();
    if (auto s = ensureActiveFilesLocked(newBase, true); !s)
        return s.error();
    for (auto [fd, path] :
         {std::pair{m_active->log.get(), m_active->logPath}, std::pair{m_active->index.get(), m_active->indexPath},
          std::pair{m_active->timeIndex.get(), m_active->timeIndexPath}}) {
        if (auto s = truncateFile(fd, 0, path); !s)
            return s.error();
    }
    if (m_options.config.fsync) {
        if (auto s = syncDirectory(m_options.directory); !s)
            return s.error();
    }
    HeadState n;
    n.logStartOffset = h.logStartOffset;
    n.activeBase = newBase;
    n.writtenNext = newBase;
    n.visibleNext = newBase;
    n.flags = h.flags;
    m_head.store(n);
    if (auto s = enforceRetentionLocked(n, nowMs()); !s)
        report(QStringLiteral("%1: retention failed: %2").arg(name(), s.error().message));
    return n;
}

Status PartitionLog::enforceRetentionLocked(HeadState &h, qint64 now)
{
    const TopicConfig &c = m_options.config;
    if (c.retentionBytes < 0 && c.retentionMs < 0)
        return {};
    std::vector<qint64> bases = listSegmentBases(m_options.directory);
    std::vector<std::pair<qint64, qint64>> sealed; // (base, size)
    qint64 total = h.writtenEnd;
    for (qint64 base : bases) {
        if (base < h.logStartOffset || base >= h.activeBase)
            continue;
        const qint64 size = std::max<qint64>(0, statSize(extensionPath(m_options.directory, base, "log")));
        sealed.emplace_back(base, size);
        total += size;
    }
    qint64 newStart = h.logStartOffset;
    std::vector<qint64> doomed;
    for (size_t i = 0; i < sealed.size(); ++i) {
        const auto [base, size] = sealed[i];
        bool bySize = c.retentionBytes >= 0 && total - size >= c.retentionBytes;
        bool byTime = false;
        if (c.retentionMs >= 0) {
            qint64 maxTs = -1;
            const QString ti = extensionPath(m_options.directory, base, "timeindex");
            if (auto fd = openFile(ti, ReadOnly)) {
                auto tsize = fileSize(fd->get(), ti);
                if (tsize && *tsize >= kTimeIndexEntrySize && *tsize % kTimeIndexEntrySize == 0) {
                    char e[12];
                    if (auto n = readAt(fd->get(), e, 12, *tsize - 12, ti); n && *n == 12)
                        maxTs = qFromBigEndian<qint64>(e);
                }
            }
            if (maxTs < 0) { // no time index: the file's modification time stands in
                if (auto fd = openFile(extensionPath(m_options.directory, base, "log"), ReadOnly))
                    maxTs = modifiedTimeMs(fd->get(), QString()).valueOr(-1);
            }
            byTime = maxTs >= 0 && maxTs < now - c.retentionMs;
        }
        if (!bySize && !byTime)
            break;
        doomed.push_back(base);
        total -= size;
        newStart = i + 1 < sealed.size() ? sealed[i + 1].first : h.activeBase;
    }
    if (doomed.empty())
        return {};
    h.logStartOffset = newStart;
    m_head.store(h);
    for (qint64 base : doomed) {
        for (const char *ext : {"log", "index", "timeindex"}) {
            if (auto s = removeFile(extensionPath(m_options.directory, base, ext)); !s)
                return s;
        }
    }
    return {};
}

Result<PartitionLog::AppendResult> PartitionLog::append(std::span<const OutgoingRecord *const> records,
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
        return Error(ErrorCode::Timeout, QStringLiteral("timed out waiting to append to %1").arg(name()));
    if (auto s = lockHeadLocked(remaining()); !s)
        return s.error();
    struct HeadLockGuard { // on an error: let go of the lock (nothing is kept)
        PartitionLog *log;
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
    if (h.writtenEnd > 0 && h.writtenEnd + batchSize > m_options.config.segmentBytes) {
        auto rolled = rollLocked(h);
        if (!rolled)
            return rolled.error();
        h = *rolled;
    }
    if (auto s = ensureActiveFilesLocked(h.activeBase, false); !s)
        return s.error();
    if (h.writtenEnd + batchSize > std::numeric_limits<quint32>::max())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("batch too large for one segment of %1").arg(name()));

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
    m_head.store(h);
    if (auto s = writeAt(m_active->log.get(), frames, batchSize, position, m_active->logPath); !s) {
        // Undo what part of the batch reached the file; if even that fails, pendingEnd stays
        // set and the next appender validates and truncates these bytes.
        if (truncateFile(m_active->log.get(), position, m_active->logPath))
            h.pendingEnd = h.writtenEnd;
        m_head.store(h);
        return s.error();
    }
    bool indexed = true;
    if (ib.indexAdded > 0) {
        if (auto s = writeAt(m_active->index.get(), ib.index.constData(), ib.index.size(),
                             h.indexEntries * kIndexEntrySize, m_active->indexPath);
            !s) {
            report(QStringLiteral("%1: %2 (the index is rebuilt at the next open)").arg(name(), s.error().message));
            indexed = false;
        }
    }
    if (indexed && ib.timeAdded > 0) {
        if (auto s = writeAt(m_active->timeIndex.get(), ib.timeIndex.constData(), ib.timeIndex.size(),
                             h.timeIndexEntries * kTimeIndexEntrySize, m_active->timeIndexPath);
            !s) {
            report(QStringLiteral("%1: %2").arg(name(), s.error().message));
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
    if (!m_options.config.fsync) {
        h.visibleNext = h.writtenNext;
        h.visibleEnd = h.writtenEnd;
    }
    m_head.store(h);
    m_nextOffsetGuess.store(h.writtenNext, std::memory_order_relaxed);
    const std::shared_ptr<ActiveFiles> files = m_active;
    const qint64 targetNext = h.writtenNext;
    const qint64 targetEnd = h.writtenEnd;
    headLockGuard.log = nullptr;
    unlockHeadLocked(true); // kept for the next append unless another process wants it
    wl.unlock();

    if (m_options.config.fsync) {
        if (auto s = groupCommit(files, targetNext, targetEnd, remaining()); !s)
            return s.error();
    }
    return AppendResult{base};
}

Status PartitionLog::groupCommit(const std::shared_ptr<ActiveFiles> &files, qint64 targetNext, qint64 targetEnd,
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
    if (m_head.load(now) != HeadLoad::Ok)
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
            return Error(ErrorCode::Timeout, QStringLiteral("timed out publishing synced records of %1").arg(name()));
        if (auto s = lockHeadLocked(remaining()); !s)
            return s;
        HeadState h;
        if (m_head.load(h) == HeadLoad::Ok && h.activeBase == files->base && h.visibleNext < syncNext &&
            h.writtenNext >= syncNext) {
            h.visibleNext = syncNext;
            h.visibleEnd = syncEnd;
            m_head.store(h);
        }
        unlockHeadLocked(true);
    }
    // Wakes inotify watchers (stores through the mapping make no event); they also poll.
    bestEffort(touchFile(m_head.fd(), m_head.path()));
    m_syncedNext = std::max(m_syncedNext, syncNext);
    return {};
}

Status PartitionLog::enforceRetention(qint64 now, milliseconds timeout)
{
    std::unique_lock wl(m_writeMutex, std::defer_lock);
    if (!wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, QStringLiteral("timed out waiting for %1").arg(name()));
    if (auto s = lockHeadLocked(timeout); !s)
        return s;
    Status result;
    auto h = prepareLocked();
    if (!h) {
        result = h.error();
    } else {
        HeadState state = *h;
        result = enforceRetentionLocked(state, now);
    }
    unlockHeadLocked(false);
    return result;
}

Status PartitionLog::markDeleted(milliseconds timeout)
{
    std::unique_lock wl(m_writeMutex, std::defer_lock);
    if (!wl.try_lock_for(timeout))
        return Error(ErrorCode::Timeout, QStringLiteral("timed out waiting for %1").arg(name()));
    if (auto s = lockHeadLocked(timeout); !s)
        return s;
    HeadState h;
    if (m_head.load(h) != HeadLoad::Ok)
        h = HeadState{};
    h.flags |= HeadState::kDeleted;
    m_head.store(h);
    m_deleted = true;
    unlockHeadLocked(false);
    bestEffort(touchFile(m_head.fd(), m_head.path())); // wakes watchers; they also poll
    return {};
}

// ---------------------------------------------------------------------------------------
// Reader side

Result<HeadState> PartitionLog::loadHeadForRead()
{
    HeadState h;
    HeadLoad load = m_head.load(h);
    if (load != HeadLoad::Ok) {
        // Repair under the lock (a writer died mid-update, or the file was damaged).
        std::unique_lock wl(m_writeMutex, std::defer_lock);
        if (!wl.try_lock_for(seconds(10)))
            return Error(ErrorCode::Timeout, QStringLiteral("timed out repairing %1").arg(m_head.path()));
        if (auto s = lockHeadLocked(seconds(10)); !s)
            return s.error();
        auto r = prepareLocked();
        unlockHeadLocked(false);
        if (!r)
            return r.error();
        h = *r;
    }
    if (h.deleted()) {
        m_deleted = true;
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(m_options.topic));
    }
    return h;
}

Result<HeadState> PartitionLog::head() { return loadHeadForRead(); }

Result<Watermarks> PartitionLog::watermarks()
{
    auto h = loadHeadForRead();
    if (!h)
        return h.error();
    return Watermarks{h->logStartOffset, h->visibleNext};
}

std::vector<std::shared_ptr<PartitionLog::Segment>> PartitionLog::segmentsFor(const HeadState &h)
{
    std::lock_guard lock(m_segmentsMutex);
    const bool fresh =
        !m_segments.empty() && m_segments.back()->base == h.activeBase && m_segments.front()->base >= h.logStartOffset;
    if (fresh)
        return m_segments;
    std::vector<std::shared_ptr<Segment>> next;
    for (qint64 base : listSegmentBases(m_options.directory)) {
        if (base < h.logStartOffset || base > h.activeBase)
            continue;
        auto it = std::find_if(m_segments.begin(), m_segments.end(), [&](const auto &s) { return s->base == base; });
        if (it != m_segments.end()) {
            next.push_back(*it);
            continue;
        }
        auto seg = std::make_shared<Segment>();
        seg->base = base;
        seg->logPath = extensionPath(m_options.directory, base, "log");
        seg->indexPath = extensionPath(m_options.directory, base, "index");
        seg->timeIndexPath = extensionPath(m_options.directory, base, "timeindex");
        next.push_back(std::move(seg));
    }
    m_segments = next;
    return next;
}

void PartitionLog::trimOpenFiles()
{
    constexpr size_t kMaxOpenSegments = 8; // per partition; old segments are rarely reread
    std::lock_guard lock(m_segmentsMutex);
    std::vector<std::pair<quint64, Segment *>> open;
    for (const auto &seg : m_segments) {
        std::lock_guard sl(seg->mutex);
        if (seg->logFd)
            open.emplace_back(seg->lastUse, seg.get());
    }
    if (open.size() <= kMaxOpenSegments)
        return;
    std::sort(open.begin(), open.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (size_t i = 0; i + kMaxOpenSegments < open.size(); ++i) {
        std::lock_guard sl(open[i].second->mutex);
        open[i].second->logFd.reset(); // closes once no scan uses it any more
    }
}

std::shared_ptr<PartitionLog::Segment> PartitionLog::findSegment(const std::vector<std::shared_ptr<Segment>> &segments,
                                                                 qint64 offset) const
{
    auto it = std::upper_bound(segments.begin(), segments.end(), offset,
                               [](qint64 o, const std::shared_ptr<Segment> &s) { return o < s->base; });
    if (it == segments.begin())
        return nullptr;
    return *(it - 1);
}

namespace {

// Loads entries [have, want) of an index file into `entries`; checks order.
template <typename Parse>
bool loadEntries(int fd, const QString &path, qint64 entrySize, qint64 want, qint64 &have, Parse parse)
{
    if (want <= have)
        return true;
    QByteArray bytes(static_cast<qsizetype>((want - have) * entrySize), Qt::Uninitialized);
    auto n = readAt(fd, bytes.data(), bytes.size(), have * entrySize, path);
    if (!n)
        return false;
    const qint64 got = *n / entrySize;
    for (qint64 i = 0; i < got; ++i) {
        if (!parse(bytes.constData() + i * entrySize))
            return false;
    }
    have += got;
    return true;
}

} // namespace

std::pair<qint64, qint64> PartitionLog::indexLookup(Segment &seg, const HeadState &h, qint64 target)
{
    std::lock_guard lock(seg.mutex);
    const bool active = seg.base == h.activeBase;
    if (!seg.indexBroken) {
        qint64 want = 0;
        if (active) {
            want = h.indexEntries;
            if (want < static_cast<qint64>(seg.index.size()))
                seg.index.clear();
        } else {
            want = std::max<qint64>(0, statSize(seg.indexPath)) / kIndexEntrySize;
        }
        qint64 have = static_cast<qint64>(seg.index.size());
        if (want > have) {
            auto fd = openFile(seg.indexPath, ReadOnly);
            const qint64 limit = active ? h.visibleEnd : std::numeric_limits<qint64>::max();
            bool ok = fd.ok() && loadEntries(fd->get(), seg.indexPath, kIndexEntrySize, want, have, [&](const char *e) {
                          const qint64 off = seg.base + qFromBigEndian<quint32>(e);
                          const qint64 pos = qFromBigEndian<quint32>(e + 4);
                          if (!seg.index.empty() && (off <= seg.index.back().first || pos <= seg.index.back().second))
                              return false;
                          if (pos >= limit && active)
                              return true; // entry for data not yet visible: harmless, skip its use
                          seg.index.emplace_back(off, pos);
                          return true;
                      });
            if (!ok) {
                seg.indexBroken = true;
                seg.index.clear();
                report(QStringLiteral("%1 has out-of-order entries; reads of %2 scan from the segment start until the "
                                      "index is rebuilt")
                           .arg(seg.indexPath, seg.logPath));
            }
        }
    }
    auto it = std::upper_bound(seg.index.begin(), seg.index.end(), target,
                               [](qint64 t, const std::pair<qint64, qint64> &e) { return t < e.first; });
    if (it == seg.index.begin())
        return {seg.base, 0};
    return *(it - 1);
}

std::pair<qint64, qint64> PartitionLog::timeIndexLookup(Segment &seg, const HeadState &h, qint64 timestampMs)
{
    // Returns (offset to start scanning at, max timestamp of the segment or -1 if unknown).
    std::lock_guard lock(seg.mutex);
    const bool active = seg.base == h.activeBase;
    if (!seg.timeBroken) {
        qint64 want =
            active ? h.timeIndexEntries : std::max<qint64>(0, statSize(seg.timeIndexPath)) / kTimeIndexEntrySize;
        if (active && want < static_cast<qint64>(seg.timeIndex.size()))
            seg.timeIndex.clear();
        qint64 have = static_cast<qint64>(seg.timeIndex.size());
        if (want > have) {
            auto fd = openFile(seg.timeIndexPath, ReadOnly);
            bool ok = fd.ok() &&
                      loadEntries(fd->get(), seg.timeIndexPath, kTimeIndexEntrySize, want, have, [&](const char *e) {
                          const qint64 ts = qFromBigEndian<qint64>(e);
                          const qint64 off = seg.base + qFromBigEndian<quint32>(e + 8);
                          if (!seg.timeIndex.empty() &&
                              (ts <= seg.timeIndex.back().first || off < seg.timeIndex.back().second))
                              return false;
                          seg.timeIndex.emplace_back(ts, off);
                          return true;
                      });
            if (!ok) {
                seg.timeBroken = true;
                seg.timeIndex.clear();
                report(QStringLiteral("%1 has out-of-order entries; timestamp lookups in %2 scan the whole segment")
                           .arg(seg.timeIndexPath, seg.logPath));
            }
        }
    }
    qint64 start = seg.base;
    for (const auto &[ts, off] : seg.timeIndex) {
        if (ts < timestampMs)
            start = off;
        else
            break;
    }
    qint64 maxTs = -1;
    if (active)
        maxTs = h.activeMaxTimestamp;
    else if (!seg.timeBroken && !seg.timeIndex.empty())
        maxTs = seg.timeIndex.back().first;
    return {start, maxTs};
}

Corruption PartitionLog::describeDamage(Segment &seg, int fd, qint64 position, qint64 expectedOffset,
                                        const QString &reason, qint64 limit, qint64 upper)
{
    Corruption c;
    c.file = seg.logPath;
    c.position = position;
    c.offset = expectedOffset;
    c.reason = reason;
    c.resumeOffset = upper;
    // Resynchronize: the first later position holding a whole, CRC-valid frame with an
    // offset between the damaged one and the next segment's base.
    FrameCursor cursor(fd, seg.logPath, position, limit);
    for (qint64 p = position + 1; p + kFramePrefixSize + kFrameMinLength <= limit; ++p) {
        cursor.seek(p);
        qint64 offset = 0;
        qint32 length = 0;
        auto hdr = cursor.peekHeader(offset, length);
        if (!hdr)
            break;
        if (*hdr != FrameStatus::Ok || offset <= expectedOffset || offset >= upper)
            continue;
        FrameView frame;
        auto st = cursor.peek(frame, true);
        if (st && *st == FrameStatus::Ok) {
            c.resumeOffset = frame.offset;
            c.resumePosition = p;
            break;
        }
    }
    return c;
}

Result<ScanOutcome> PartitionLog::scan(qint64 offset, int maxFrames, qint64 maxBytes, ReadHint *hint,
                                       const FrameVisitor &visitor)
{
    auto loaded = loadHeadForRead();
    if (!loaded)
        return loaded.error();
    const HeadState h = *loaded;
    if (offset < h.logStartOffset)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is below the log start offset %3")
                                                     .arg(offset)
                                                     .arg(name())
                                                     .arg(h.logStartOffset));
    if (offset > h.visibleNext)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is beyond the high watermark %3")
                                                     .arg(offset)
                                                     .arg(name())
                                                     .arg(h.visibleNext));
    ScanOutcome out;
    out.nextOffset = offset;
    qint64 bytes = 0;
    bool stop = false;
    const std::vector<std::shared_ptr<Segment>> segments = segmentsFor(h);
    while (!stop && out.frames < maxFrames && bytes < maxBytes && offset < h.visibleNext) {
        std::shared_ptr<Segment> seg = findSegment(segments, offset);
        if (!seg) {
            const qint64 first = segments.empty() ? h.visibleNext : segments.front()->base;
            Corruption c;
            // The first missing file starts at the log start offset.
            c.file = extensionPath(m_options.directory, h.logStartOffset, "log");
            c.offset = offset;
            c.reason = QStringLiteral("segment file is missing (offsets %1 to %2 are lost)")
                           .arg(h.logStartOffset)
                           .arg(first - 1);
            c.resumeOffset = first;
            out.corruption = c;
            break;
        }
        const auto idx = std::find(segments.begin(), segments.end(), seg) - segments.begin();
        const qint64 upper = idx + 1 < static_cast<qsizetype>(segments.size())
                                 ? segments[static_cast<size_t>(idx + 1)]->base
                                 : h.visibleNext;
        const bool active = seg->base == h.activeBase;
        int fd = -1;
        qint64 limit = 0;
        std::shared_ptr<UniqueFd> fdHolder; // keeps the descriptor open for this scan
        {
            std::lock_guard lock(seg->mutex);
            if (!seg->logFd && !seg->missing) {
                auto opened = openFile(seg->logPath, ReadOnly);
                if (opened)
                    seg->logFd = std::make_shared<UniqueFd>(std::move(*opened));
                else if (opened.error().code == ErrorCode::NotFound)
                    seg->missing = true;
                else
                    return opened.error();
            }
            fdHolder = seg->logFd;
            seg->lastUse = ++m_useClock;
            fd = fdHolder ? fdHolder->get() : -1;
            if (fd >= 0 && !active) {
                if (seg->sealedSize < 0) {
                    auto size = fileSize(fd, seg->logPath);
                    if (!size)
                        return size.error();
                    seg->sealedSize = *size;
                }
                limit = seg->sealedSize;
            } else {
                limit = h.visibleEnd;
            }
        }
        if (fd < 0) {
            Corruption c;
            c.file = seg->logPath;
            c.offset = offset;
            c.reason =
                QStringLiteral("segment file is missing (offsets %1 to %2 are lost)").arg(seg->base).arg(upper - 1);
            c.resumeOffset = upper;
            out.corruption = c;
            break;
        }
        qint64 startOffset;
        qint64 startPos;
        bool fromHint = false;
        if (hint && hint->offset == offset && hint->segmentBase == seg->base && hint->position >= 0 &&
            hint->position <= limit) {
            startOffset = offset;
            startPos = hint->position;
            fromHint = true;
        } else {
            std::tie(startOffset, startPos) = indexLookup(*seg, h, offset);
            if (startPos > limit) {
                startOffset = seg->base;
                startPos = 0;
            }
        }
        // Small reads (a fetch of one record) read a few KiB, large ones 256 KiB at a time.
        const qint64 chunk = std::clamp<qint64>(std::min<qint64>(qint64(maxFrames) * 512, maxBytes), 8192, kReadChunk);
        FrameCursor cursor(fd, seg->logPath, startPos, limit, chunk);
        qint64 expected = startOffset;
        bool retried = startPos == 0;
        bool nextSegment = false;
        while (!stop) {
            if (expected >= upper) {
                nextSegment = true;
                break;
            }
            if (cursor.atEnd()) {
                if (expected >= upper) {
                    nextSegment = true;
                    break;
                }
                Corruption c;
                const QString missing = extensionPath(m_options.directory, expected, "log");
                if (!active && !pathExists(missing)) {
                    c.file = missing;
                    c.reason = QStringLiteral("segment file is missing (offsets %1 to %2 are lost)")
                                   .arg(expected)
                                   .arg(upper - 1);
                } else {
                    c.file = seg->logPath;
                    c.position = cursor.position();
                    c.reason = QStringLiteral("the segment ends at offset %1 but the next one starts at %2")
                                   .arg(expected)
                                   .arg(upper);
                }
                c.offset = expected;
                c.resumeOffset = upper;
                if (expected < offset) {
                    // The damage lies before the wanted offset; it is inside the lost range.
                    c.offset = offset;
                }
                out.corruption = c;
                stop = true;
                break;
            }
            qint64 frameOffset = 0;
            qint32 length = 0;
            auto hdr = cursor.peekHeader(frameOffset, length);
            if (!hdr)
                return hdr.error();
            FrameStatus status = *hdr;
            FrameView frame;
            if (status == FrameStatus::Ok && frameOffset != expected)
                status = FrameStatus::BadLayout;
            const bool wanted = status == FrameStatus::Ok && frameOffset >= offset;
            if (wanted) {
                auto st = cursor.peek(frame, true);
                if (!st)
                    return st.error();
                status = *st;
            }
            if (status != FrameStatus::Ok) {
                if (!retried) {
                    // A stale hint or a bad index entry: scan again from the segment start.
                    if (!fromHint)
                        report(QStringLiteral("%1: index entry for offset %2 points at byte %3 which does not hold "
                                              "it; scanning from the segment start")
                                   .arg(seg->indexPath)
                                   .arg(startOffset)
                                   .arg(startPos));
                    retried = true;
                    cursor.seek(0);
                    expected = seg->base;
                    continue;
                }
                QString reason = frameStatusText(status);
                if (*hdr == FrameStatus::Ok && frameOffset != expected)
                    reason =
                        QStringLiteral("offset field says %1 where %2 was expected").arg(frameOffset).arg(expected);
                Corruption c = describeDamage(*seg, fd, cursor.position(), expected, reason, limit, upper);
                if (expected < offset && c.resumeOffset <= offset && c.resumePosition >= 0) {
                    // Damage before the wanted offset, and the wanted one is readable after it.
                    cursor.seek(c.resumePosition);
                    expected = c.resumeOffset;
                    continue;
                }
                if (c.offset < offset)
                    c.offset = offset;
                if (hint)
                    *hint = c.resumePosition >= 0 ? ReadHint{c.resumeOffset, seg->base, c.resumePosition} : ReadHint{};
                out.corruption = c;
                stop = true;
                break;
            }
            if (wanted) {
                if (!visitor(frame))
                    stop = true;
                ++out.frames;
                bytes += frame.frameSize();
            }
            cursor.seek(cursor.position() + kFramePrefixSize + length);
            ++expected;
            offset = std::max(offset, expected);
            if (hint) {
                hint->offset = expected;
                hint->segmentBase = seg->base;
                hint->position = cursor.position();
            }
            if (out.frames >= maxFrames || bytes >= maxBytes || offset >= h.visibleNext)
                stop = true;
        }
        if (nextSegment)
            offset = upper;
    }
    out.nextOffset = out.corruption ? out.corruption->resumeOffset : offset;
    trimOpenFiles();
    return out;
}

Result<std::vector<Record>> PartitionLog::read(qint64 offset, int maxRecords, qint64 maxBytes, ReadHint *hint,
                                               std::optional<Corruption> *corruption)
{
    std::vector<Record> records;
    auto outcome = scan(offset, maxRecords, maxBytes, hint, [&](const FrameView &frame) {
        records.push_back(toRecord(frame, m_options.topic, m_options.partition));
        return true;
    });
    if (!outcome)
        return outcome.error();
    if (corruption)
        *corruption = outcome->corruption;
    return records;
}

Result<qint64> PartitionLog::offsetForTimestamp(qint64 timestampMs)
{
    auto loaded = loadHeadForRead();
    if (!loaded)
        return loaded.error();
    const HeadState h = *loaded;
    const auto segments = segmentsFor(h);
    for (size_t i = 0; i < segments.size(); ++i) {
        Segment &seg = *segments[i];
        const qint64 upper = i + 1 < segments.size() ? segments[i + 1]->base : h.visibleNext;
        auto [start, maxTs] = timeIndexLookup(seg, h, timestampMs);
        if (maxTs >= 0 && maxTs < timestampMs)
            continue;
        start = std::max({start, seg.base, h.logStartOffset});
        if (start >= upper)
            continue;
        std::optional<qint64> found;
        qint64 cursor = start;
        while (!found && cursor < upper) {
            auto outcome = scan(cursor, 4096, 16 << 20, nullptr, [&](const FrameView &frame) {
                if (frame.timestampMs >= timestampMs) {
                    found = frame.offset;
                    return false;
                }
                return frame.offset + 1 < upper;
            });
            if (!outcome)
                return outcome.error();
            if (outcome->nextOffset <= cursor)
                break;
            cursor = outcome->nextOffset;
            if (outcome->frames == 0 && !outcome->corruption)
                break;
        }
        if (found)
            return *found;
    }
    return h.visibleNext;
}

std::vector<PartitionLog::SegmentInfo> PartitionLog::segmentFiles() const
{
    std::vector<qint64> bases = listSegmentBases(m_options.directory);
    const QStringList indexes = QDir(m_options.directory).entryList({QStringLiteral("*.index")}, QDir::Files);
    for (const QString &name : indexes) {
        bool ok = false;
        const qint64 base = name.left(20).toLongLong(&ok);
        if (ok && std::find(bases.begin(), bases.end(), base) == bases.end())
            bases.push_back(base);
    }
    std::sort(bases.begin(), bases.end());
    HeadState h;
    const bool haveHead = m_head.load(h) == HeadLoad::Ok;
    std::vector<SegmentInfo> out;
    for (qint64 base : bases) {
        SegmentInfo info;
        info.baseOffset = base;
        info.logPath = extensionPath(m_options.directory, base, "log");
        info.logBytes = statSize(info.logPath);
        info.indexBytes = statSize(extensionPath(m_options.directory, base, "index"));
        info.timeIndexBytes = statSize(extensionPath(m_options.directory, base, "timeindex"));
        info.active = haveHead && base == h.activeBase;
        out.push_back(info);
    }
    return out;
}

} // namespace tidemark::logbroker
