#pragma once

// The partition head: a 4 KiB file (<topic>-<p>/partition.head) that every process maps
// shared. It says where the log ends, for readers (the high watermark) and for appenders
// (where the next frame goes), and it is the file appenders flock to take turns.
//
// Layout (big-endian, bytes 0..127; the rest of the page is zero):
//    0  magic "TMKHEAD1"
//    8  seq               seqlock counter: odd while a writer is updating the fields
//   16  logStartOffset    first offset still on disk (retention moves it)
//   24  activeBase        base offset of the segment being appended to
//   32  writtenNext       next offset an appender assigns
//   40  writtenEnd        bytes used in the active segment
//   48  visibleNext       high watermark: readers return offsets below it
//   56  visibleEnd        bytes of the active segment readers may read
//   64  activeMaxTimestamp  largest record timestamp in the active segment, -1 if none
//   72  indexEntries      entries in the active segment's .index
//   80  timeIndexEntries  entries in the active segment's .timeindex
//   88  lastIndexedEnd    position of the last index entry (0: segment start)
//   96  pendingEnd        != writtenEnd while an append is in flight; still different
//                         when an appender finds it, the previous one died mid-append
//  104  flags             bit 0: topic deleted
//  112  lastTimeIndexTimestamp
//  120  crc               CRC-32C of bytes 16..119 (uint32), then 4 zero bytes
//  128  lockWantedAt      when a process last waited for the appenders' lock (ms on the
//                         system's monotonic clock; not covered by the crc or the seqlock)
//
// In `os` durability visible == written after every append. In `fsync` durability the
// visible end only moves after fdatasync, so readers never see a record that a power loss
// could take back.
//
// Threading: writers (appenders, recovery, retention) hold the flock on the head file and
// the owning PartitionLog's write mutex; readers never lock: they use the seqlock (retry
// while seq is odd or changed; check the CRC). lockWantedAt is a lone atomic word that any
// process may store to at any time.

#include "core/Result.h"

#include "logbroker/FileIo.h"

#include <QString>

#include <chrono>

namespace tidemark::logbroker {

inline constexpr qint64 kHeadFileSize = 4096;

struct HeadState {
    qint64 logStartOffset = 0;
    qint64 activeBase = 0;
    qint64 writtenNext = 0;
    qint64 writtenEnd = 0;
    qint64 visibleNext = 0;
    qint64 visibleEnd = 0;
    qint64 activeMaxTimestamp = -1;
    qint64 indexEntries = 0;
    qint64 timeIndexEntries = 0;
    qint64 lastIndexedEnd = 0;
    qint64 pendingEnd = 0;
    qint64 flags = 0;
    qint64 lastTimeIndexTimestamp = -1;

    static constexpr qint64 kDeleted = 1;
    bool deleted() const { return (flags & kDeleted) != 0; }
    // The relations every head a writer stores satisfies: offsets, byte counts and entry
    // counts never negative, log start <= active segment base <= next offset, readers never
    // ahead of the next offset. (pendingEnd is -1 while a roll is in flight.) A head that
    // breaks one was damaged in a way its CRC does not show: recovery rebuilds it.
    bool consistent() const
    {
        return logStartOffset >= 0 && logStartOffset <= activeBase && activeBase <= writtenNext && visibleNext >= 0 &&
               visibleNext <= writtenNext && writtenEnd >= 0 && visibleEnd >= 0 && indexEntries >= 0 &&
               timeIndexEntries >= 0 && lastIndexedEnd >= 0;
    }
    friend bool operator==(const HeadState &, const HeadState &) = default;
};

enum class HeadLoad {
    Ok,
    Uninitialized, // no magic: a new or zeroed file
    Corrupt,       // magic present but the CRC fails on a stable read
    Busy,          // seq stayed odd: a writer died while updating, or is very slow
};

class PartitionHead {
public:
    PartitionHead() = default;
    PartitionHead(PartitionHead &&) = default;
    PartitionHead &operator=(PartitionHead &&) = default;

    // Opens (creating if needed) and maps `path`. A file shorter than 4 KiB is extended
    // (zero-filled, so it reads as Uninitialized) under its lock.
    static Result<PartitionHead> open(const QString &path);

    HeadLoad load(HeadState &out) const;
    // The same seqlock read of a head mapped elsewhere (HeadView: 4 KiB, read-only).
    static HeadLoad loadMapped(const unsigned char *base, HeadState &out);
    // Decodes a copy of the file's bytes (read-only inspection, e.g. `tidemark-cli dump`).
    static HeadLoad parse(const QByteArray &bytes, HeadState &out);
    // Only with the flock held.
    void store(const HeadState &state);

    // The appenders' lock (flock on the file). While it waits, lockForWrite() keeps noting
    // in lockWantedAt that the lock is wanted, so a process that keeps the lock between its
    // appends (PartitionLog) lets go of it at once.
    // The descriptor is open only while the lock is held or wanted (opened by the lock calls,
    // closed by unlockWrite), so an open partition costs no descriptor between appends.
    Status lockForWrite(std::chrono::milliseconds timeout);
    Result<LockAttempt> tryLockForWrite(); // never waits
    void unlockWrite();
    // Touches the file (wakes inotify watchers of the partition directory).
    void touch() const;
    void noteLockWanted();
    // True if some process waited for the lock within the last kLockWantedFreshMs.
    bool lockWanted() const;
    static constexpr qint64 kLockWantedFreshMs = 100;

    const QString &path() const { return m_path; }

private:
    Status openForLock(); // opens m_fd if closed, checking it is still the mapped file

    QString m_path;
    UniqueFd m_fd; // open only while locking or locked
    MappedFile m_map;
    quint64 m_device = 0; // of the mapped file
    quint64 m_inode = 0;
};

} // namespace tidemark::logbroker
