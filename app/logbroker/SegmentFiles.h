#pragma once

// The files of one segment and how the parts of a partition walk them: file names, the
// sparse index rule (IndexBuilder), a buffered frame-by-frame cursor over a .log file
// (FrameCursor) and the per-thread scratch buffers both reuse. Used by PartitionWriter,
// PartitionRecovery and PartitionReader; see PartitionLog.h for the files themselves.
//
// Threading: free functions and values owned by one thread at a time. ScratchBuffer keeps a
// few idle buffers per thread (thread_local), so nothing here is shared between threads.

#include "core/Result.h"

#include "logbroker/FileIo.h"
#include "logbroker/FrameFormat.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <memory>
#include <vector>

namespace tidemark::logbroker {

inline constexpr qint64 kIndexIntervalBytes = 4096;
inline constexpr qint64 kIndexEntrySize = 8;
inline constexpr qint64 kTimeIndexEntrySize = 12;
inline constexpr qint64 kReadChunk = 256 * 1024;

QString segmentFileName(qint64 baseOffset, const char *extension); // "00000000000000000042.log"
// <directory>/<segmentFileName(base, extension)>
QString segmentPath(const QString &directory, qint64 base, const char *extension);
// Base offsets of the segments in `directory`, sorted; an error (e.g. out of descriptors) is
// an error, never "no segments". A missing directory has none.
Result<std::vector<qint64>> readSegmentBases(const QString &directory);
// The same, empty on any error (read-only inspection only: `tidemark-cli dump`).
std::vector<qint64> listSegmentBases(const QString &directory);
// Size of the file at `path` (stat: no descriptor), -1 if it cannot be read.
qint64 statSize(const QString &path);

// Buffers reused by the threads of this process, so that a small read or append does not
// allocate (and page-fault in) a large buffer every time. Each thread keeps a few idle
// buffers of up to 4 MiB; this caches memory only, nothing is shared between threads.
class ScratchBuffer {
public:
    ScratchBuffer();
    ~ScratchBuffer();
    ScratchBuffer(const ScratchBuffer &) = delete;
    ScratchBuffer &operator=(const ScratchBuffer &) = delete;
    // At least `size` bytes, uninitialized; earlier contents are not kept.
    char *reserve(size_t size);
    char *data() const { return m_block.data.get(); }
    size_t capacity() const { return m_block.capacity; }

private:
    struct Block {
        std::unique_ptr<char[]> data;
        size_t capacity = 0;
    };
    static std::vector<Block> &pool();
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
    // (Inline, with the two below: they run for every frame a scan visits.)
    Result<qint64> ensure(qint64 pos, qint64 len)
    {
        len = std::min(len, m_limit - pos);
        if (len <= 0)
            return qint64(0);
        if (pos >= m_bufStart && pos + len <= m_bufStart + m_bufLen)
            return len;
        return fill(pos, len);
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
    Result<qint64> fill(qint64 pos, qint64 len); // reads at least `len` bytes at `pos`

    int m_fd;
    QString m_path;
    qint64 m_pos;
    qint64 m_limit;
    qint64 m_chunk;
    ScratchBuffer m_buf;
    qint64 m_bufStart = 0;
    qint64 m_bufLen = 0;
};

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

    void onFrame(qint64 offset, qint64 position, qint64 timestampMs);
    void addTimeEntry(qint64 timestamp, qint64 offset);
};

// The open files of the segment being appended to.
struct ActiveFiles {
    qint64 base = -1;
    QString logPath;
    QString indexPath;
    QString timeIndexPath;
    UniqueFd log;
    UniqueFd index;
    UniqueFd timeIndex;
};

// The active segment's files as the writer keeps them open between appends (PartitionWriter
// owns one; PartitionRecovery works on it under the writer's locks). Shared so that a group
// commit can still fdatasync a segment that a roll meanwhile replaced.
class ActiveSegment {
public:
    explicit ActiveSegment(QString directory) : m_directory(std::move(directory)) {}

    // Opens the files of segment `base` unless they are open already. `create`: the .log may
    // be created (the indexes always may).
    Status ensure(qint64 base, bool create);
    void reset() { m_files.reset(); }
    explicit operator bool() const { return m_files != nullptr; }
    ActiveFiles *operator->() const { return m_files.get(); }
    const std::shared_ptr<ActiveFiles> &shared() const { return m_files; }

private:
    QString m_directory;
    std::shared_ptr<ActiveFiles> m_files;
};

} // namespace tidemark::logbroker
