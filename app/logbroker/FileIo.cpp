#include "logbroker/FileIo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tidemark::logbroker {

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

MappedFile &MappedFile::operator=(MappedFile &&other) noexcept
{
    if (this != &other) {
        reset();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

Result<MappedFile> MappedFile::map(int fd, size_t size, const QString &path, bool writable)
{
    void *p = ::mmap(nullptr, size, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return ioError(QStringLiteral("cannot map"), path, errno);
    MappedFile m;
    m.m_data = static_cast<unsigned char *>(p);
    m.m_size = size;
    return m;
}

void MappedFile::reset()
{
    if (m_data)
        ::munmap(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

QByteArray encodePath(const QString &path) { return QFile::encodeName(path); }

Error ioError(const QString &what, const QString &path, int err)
{
    ErrorCode code = ErrorCode::Io;
    if (err == ENOENT)
        code = ErrorCode::NotFound;
    else if (err == EEXIST || err == ENOTEMPTY)
        code = ErrorCode::AlreadyExists;
    else if (err == EMFILE || err == ENFILE) {
        // A resource error, never data loss: the file is there, the process cannot open it.
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("%1 '%2': %3 (the %4 is out of file descriptors: raise `ulimit -n` or open "
                                    "fewer partitions at once; nothing on disk is lost)")
                         .arg(what, path, QString::fromLocal8Bit(std::strerror(err)),
                              err == EMFILE ? QStringLiteral("process") : QStringLiteral("system")));
    }
    return Error(code, QStringLiteral("%1 '%2': %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err))));
}

Result<UniqueFd> openFile(const QString &path, OpenMode mode)
{
    int flags = O_CLOEXEC;
    switch (mode) {
    case ReadOnly: flags |= O_RDONLY; break;
    case ReadWrite: flags |= O_RDWR; break;
    case ReadWriteCreate: flags |= O_RDWR | O_CREAT; break;
    }
    int fd;
    do {
        fd = ::open(encodePath(path).constData(), flags, 0644);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return ioError(QStringLiteral("cannot open"), path, errno);
    return UniqueFd(fd);
}

bool pathExists(const QString &path)
{
    struct stat st;
    return ::stat(encodePath(path).constData(), &st) == 0;
}

Result<qint64> fileSize(int fd, const QString &path)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return ioError(QStringLiteral("cannot stat"), path, errno);
    return static_cast<qint64>(st.st_size);
}

Result<qint64> linkCount(int fd, const QString &path)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return ioError(QStringLiteral("cannot stat"), path, errno);
    return static_cast<qint64>(st.st_nlink);
}

Result<qint64> readAt(int fd, void *buffer, qint64 length, qint64 position, const QString &path)
{
    qint64 done = 0;
    auto *out = static_cast<char *>(buffer);
    while (done < length) {
        const ssize_t n = ::pread(fd, out + done, static_cast<size_t>(length - done), position + done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("cannot read at byte %1 of").arg(position + done), path, errno);
        }
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

Status writeAt(int fd, const void *data, qint64 length, qint64 position, const QString &path)
{
    qint64 done = 0;
    const auto *in = static_cast<const char *>(data);
    while (done < length) {
        const ssize_t n = ::pwrite(fd, in + done, static_cast<size_t>(length - done), position + done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("cannot write at byte %1 of").arg(position + done), path, errno);
        }
        done += n;
    }
    return {};
}

Status truncateFile(int fd, qint64 size, const QString &path)
{
    int rc;
    do {
        rc = ::ftruncate(fd, size);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0)
        return ioError(QStringLiteral("cannot truncate to %1 bytes").arg(size), path, errno);
    return {};
}

Status allocateFile(int fd, qint64 size, const QString &path)
{
    int rc;
    do {
        rc = ::posix_fallocate(fd, 0, size);
    } while (rc == EINTR);
    if (rc != 0)
        return ioError(QStringLiteral("cannot allocate %1 bytes (the disk may be full) for").arg(size), path, rc);
    return {};
}

Status syncData(int fd, const QString &path)
{
#if defined(__APPLE__)
    const int rc = ::fsync(fd);
#else
    const int rc = ::fdatasync(fd);
#endif
    if (rc != 0)
        return ioError(QStringLiteral("cannot sync"), path, errno);
    return {};
}

Status syncDirectory(const QString &directory)
{
    const int fd = ::open(encodePath(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError(QStringLiteral("cannot open directory"), directory, errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) // some file systems cannot sync directories; nothing to do then
        return ioError(QStringLiteral("cannot sync directory"), directory, err);
    return {};
}

Status touchFile(int fd, const QString &path)
{
    if (::futimens(fd, nullptr) != 0)
        return ioError(QStringLiteral("cannot touch"), path, errno);
    return {};
}

Status touchPath(const QString &path)
{
    if (::utimensat(AT_FDCWD, encodePath(path).constData(), nullptr, 0) != 0)
        return ioError(QStringLiteral("cannot touch"), path, errno);
    return {};
}

Result<qint64> modifiedTimeMs(int fd, const QString &path)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return ioError(QStringLiteral("cannot stat"), path, errno);
#if defined(__APPLE__)
    return static_cast<qint64>(st.st_mtimespec.tv_sec) * 1000 + st.st_mtimespec.tv_nsec / 1000000;
#else
    return static_cast<qint64>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
#endif
}

Result<LockAttempt> tryLockExclusive(int fd, const QString &path)
{
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return LockAttempt::Acquired;
        if (errno == EWOULDBLOCK)
            return LockAttempt::Busy;
        if (errno != EINTR)
            return ioError(QStringLiteral("cannot lock"), path, errno);
    }
}

Status lockExclusive(int fd, const QString &path, std::chrono::milliseconds timeout,
                     const std::function<void()> &beforeRetry, std::chrono::microseconds maxPause)
{
    using clock = std::chrono::steady_clock;
    auto r = tryLockExclusive(fd, path); // the common case: free, no clock reading needed
    if (!r)
        return r.error();
    if (*r == LockAttempt::Acquired)
        return {};
    const auto deadline = clock::now() + timeout;
    auto pause = std::chrono::microseconds(20);
    for (int attempt = 0;; ++attempt) {
        if (beforeRetry)
            beforeRetry();
        r = tryLockExclusive(fd, path);
        if (!r)
            return r.error();
        if (*r == LockAttempt::Acquired)
            return {};
        if (clock::now() >= deadline)
            return Error(ErrorCode::Unavailable,
                         QStringLiteral("timed out after %1 ms waiting for the lock on '%2' (held by another process)")
                             .arg(timeout.count())
                             .arg(path));
        // A few yields first: lock holders only do short writes, so the lock is usually free
        // again within microseconds. Then sleep with backoff so a stopped holder costs no CPU.
        if (attempt < 8) {
            std::this_thread::yield();
        } else {
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, maxPause);
        }
    }
}

void unlock(int fd) { ::flock(fd, LOCK_UN); }

Result<QByteArray> readWholeFile(const QString &path, qint64 maxBytes)
{
    auto fd = openFile(path, ReadOnly);
    if (!fd)
        return fd.error();
    auto size = fileSize(fd->get(), path);
    if (!size)
        return size.error();
    if (*size > maxBytes)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("'%1' is %2 bytes, more than the %3 expected").arg(path).arg(*size).arg(maxBytes));
    QByteArray bytes(static_cast<qsizetype>(*size), Qt::Uninitialized);
    auto n = readAt(fd->get(), bytes.data(), *size, 0, path);
    if (!n)
        return n.error();
    bytes.truncate(static_cast<qsizetype>(*n));
    return bytes;
}

Status writeFileAtomically(const QString &path, const QByteArray &bytes, bool sync)
{
    const QString temp = path + QStringLiteral(".tmp-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const int fd = ::open(encodePath(temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                          0644); // NOLINT(hicpp-signed-bitwise)
    if (fd < 0)
        return ioError(QStringLiteral("cannot create"), temp, errno);
    UniqueFd holder(fd);
    if (auto s = writeAt(fd, bytes.constData(), bytes.size(), 0, temp); !s) {
        ::unlink(encodePath(temp).constData());
        return s;
    }
    if (sync) {
        if (auto s = syncData(fd, temp); !s) {
            ::unlink(encodePath(temp).constData());
            return s;
        }
    }
    holder.reset();
    if (::rename(encodePath(temp).constData(), encodePath(path).constData()) != 0) {
        const int err = errno;
        ::unlink(encodePath(temp).constData());
        return ioError(QStringLiteral("cannot rename a temp file over"), path, err);
    }
    return {};
}

Status makeDirectories(const QString &path)
{
    if (!QDir().mkpath(path))
        return Error(ErrorCode::Io, QStringLiteral("cannot create directory '%1'").arg(path));
    return {};
}

Status removeTree(const QString &path)
{
    // QDir would delete the contents of a linked directory, not the link.
    if (QFileInfo(path).isSymLink())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("'%1' is a symbolic link; refusing to delete what it points at").arg(path));
    QDir dir(path);
    if (!dir.exists())
        return {};
    if (!dir.removeRecursively())
        return Error(ErrorCode::Io, QStringLiteral("cannot delete '%1' completely").arg(path));
    return {};
}

Status renamePath(const QString &from, const QString &to)
{
    if (::rename(encodePath(from).constData(), encodePath(to).constData()) != 0)
        return ioError(QStringLiteral("cannot rename '%1' to").arg(from), to, errno);
    return {};
}

Status removeFile(const QString &path)
{
    if (::unlink(encodePath(path).constData()) != 0 && errno != ENOENT)
        return ioError(QStringLiteral("cannot delete"), path, errno);
    return {};
}

} // namespace tidemark::logbroker
