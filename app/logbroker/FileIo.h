#pragma once

// Thin, error-reporting wrappers over the POSIX calls the broker needs: positional reads and
// writes, fdatasync, flock, mmap, atomic replace (temp + fsync + rename). Every failure
// comes back as an Error naming the file and the operation.
//
// Threading: free functions and RAII holders with no shared state. A UniqueFd may be used
// by several threads at once for pread/pwrite (positional I/O needs no shared file offset);
// closing it is the owner's job.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <cstddef>
#include <functional>
#include <utility>

namespace tidemark::logbroker {

// Owns a file descriptor; closes it (and so drops any flock taken through it) on destruction.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(UniqueFd &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    UniqueFd &operator=(UniqueFd &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset(int fd = -1);
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd = -1;
};

// A shared, read-write mapping of a whole file (the partition head).
class MappedFile {
public:
    MappedFile() = default;
    MappedFile(MappedFile &&other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
    {}
    MappedFile &operator=(MappedFile &&other) noexcept;
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    ~MappedFile() { reset(); }

    // Shared; read-write unless `writable` is false (then the fd may be read-only).
    static Result<MappedFile> map(int fd, size_t size, const QString &path, bool writable = true);
    unsigned char *data() const { return m_data; }
    size_t size() const { return m_size; }
    void reset();

private:
    unsigned char *m_data = nullptr;
    size_t m_size = 0;
};

QByteArray encodePath(const QString &path);
Error ioError(const QString &what, const QString &path, int err);

enum OpenMode { ReadOnly, ReadWrite, ReadWriteCreate };
Result<UniqueFd> openFile(const QString &path, OpenMode mode);
// True if the file exists (any type).
bool pathExists(const QString &path);

Result<qint64> fileSize(int fd, const QString &path);
// Hard-link count; 0 means the file was deleted while we held it open.
Result<qint64> linkCount(int fd, const QString &path);

// Reads up to `length` bytes at `position`; returns how many were read (fewer at EOF).
Result<qint64> readAt(int fd, void *buffer, qint64 length, qint64 position, const QString &path);
Status writeAt(int fd, const void *data, qint64 length, qint64 position, const QString &path);
Status truncateFile(int fd, qint64 size, const QString &path);
// Allocates the first `size` bytes of the file (posix_fallocate): a file written through a
// shared mapping must have its blocks before it is touched, or a full disk is a SIGBUS.
Status allocateFile(int fd, qint64 size, const QString &path);
Status syncData(int fd, const QString &path);   // fdatasync (fsync where unavailable)
Status syncDirectory(const QString &directory); // makes creates/renames/unlinks in it durable
Status touchFile(int fd, const QString &path);  // sets atime/mtime to now (heartbeats, wakeups)
Status touchPath(const QString &path);          // the same by name (a directory, too)
Result<qint64> modifiedTimeMs(int fd, const QString &path);

// flock(2): advisory, per open file description, released when the fd closes or the process
// dies. Two fds opened separately (even in one process) exclude each other.
enum class LockAttempt { Acquired, Busy };
Result<LockAttempt> tryLockExclusive(int fd, const QString &path);
// Retries until `timeout` passes (a few yields, then sleeps with backoff up to `maxPause`);
// Unavailable after that. `beforeRetry`, if set, runs before every retry.
Status lockExclusive(int fd, const QString &path, std::chrono::milliseconds timeout,
                     const std::function<void()> &beforeRetry = {},
                     std::chrono::microseconds maxPause = std::chrono::microseconds(2000));
void unlock(int fd);

Result<QByteArray> readWholeFile(const QString &path, qint64 maxBytes = 16 * 1024 * 1024);
// Writes `bytes` to a temp file beside `path`, optionally fdatasyncs it, and renames it over
// `path`: a reader (or a crash) sees the old or the new content, never a mix.
Status writeFileAtomically(const QString &path, const QByteArray &bytes, bool sync);

Status makeDirectories(const QString &path);
// Deletes a directory tree (best effort for what is already gone). Refuses a symbolic link:
// it never deletes what a link points at.
Status removeTree(const QString &path);
Status renamePath(const QString &from, const QString &to);
Status removeFile(const QString &path);

// Marks a call whose failure changes nothing for the caller (cleaning up a temp file, a
// heartbeat touch that the next check repeats, an informational write): dropped on purpose.
inline void bestEffort(const Status &) {}

} // namespace tidemark::logbroker
