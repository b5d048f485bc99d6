#include "logbroker/PartitionHead.h"

#include "logbroker/Crc32c.h"

#include <QFile>
#include <QtEndian>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>

namespace tidemark::logbroker {

namespace {

constexpr char kMagic[8] = {'T', 'M', 'K', 'H', 'E', 'A', 'D', '1'};
constexpr int kFieldCount = 13; // 16..119
constexpr size_t kSeqAt = 8;
constexpr size_t kFieldsAt = 16;
constexpr size_t kCrcAt = 120;
constexpr size_t kLockWantedAt = 128;

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch())
        .count(); // CLOCK_MONOTONIC: one clock for every process
}

quint64 loadWord(unsigned char *base, size_t at, std::memory_order order)
{
    std::atomic_ref<quint64> ref(*reinterpret_cast<quint64 *>(base + at));
    return qFromBigEndian(ref.load(order));
}

void storeWord(unsigned char *base, size_t at, quint64 value, std::memory_order order)
{
    std::atomic_ref<quint64> ref(*reinterpret_cast<quint64 *>(base + at));
    ref.store(qToBigEndian(value), order);
}

void toWords(const HeadState &s, quint64 *w)
{
    w[0] = static_cast<quint64>(s.logStartOffset);
    w[1] = static_cast<quint64>(s.activeBase);
    w[2] = static_cast<quint64>(s.writtenNext);
    w[3] = static_cast<quint64>(s.writtenEnd);
    w[4] = static_cast<quint64>(s.visibleNext);
    w[5] = static_cast<quint64>(s.visibleEnd);
    w[6] = static_cast<quint64>(s.activeMaxTimestamp);
    w[7] = static_cast<quint64>(s.indexEntries);
    w[8] = static_cast<quint64>(s.timeIndexEntries);
    w[9] = static_cast<quint64>(s.lastIndexedEnd);
    w[10] = static_cast<quint64>(s.pendingEnd);
    w[11] = static_cast<quint64>(s.flags);
    w[12] = static_cast<quint64>(s.lastTimeIndexTimestamp);
    static_assert(kFieldCount == 13);
}

HeadState fromWords(const quint64 *w)
{
    HeadState s;
    s.logStartOffset = static_cast<qint64>(w[0]);
    s.activeBase = static_cast<qint64>(w[1]);
    s.writtenNext = static_cast<qint64>(w[2]);
    s.writtenEnd = static_cast<qint64>(w[3]);
    s.visibleNext = static_cast<qint64>(w[4]);
    s.visibleEnd = static_cast<qint64>(w[5]);
    s.activeMaxTimestamp = static_cast<qint64>(w[6]);
    s.indexEntries = static_cast<qint64>(w[7]);
    s.timeIndexEntries = static_cast<qint64>(w[8]);
    s.lastIndexedEnd = static_cast<qint64>(w[9]);
    s.pendingEnd = static_cast<qint64>(w[10]);
    s.flags = static_cast<qint64>(w[11]);
    s.lastTimeIndexTimestamp = static_cast<qint64>(w[12]);
    return s;
}

// The CRC of the fields as they are on disk (bytes 16-119, big-endian words).
quint32 wordsCrc(const quint64 *w) { return crc32cOfBigEndianWords(w, kFieldCount); }

} // namespace

Result<PartitionHead> PartitionHead::open(const QString &path)
{
    auto fd = openFile(path, ReadWriteCreate);
    if (!fd)
        return fd.error();
    auto size = fileSize(fd->get(), path);
    if (!size)
        return size.error();
    if (*size < kHeadFileSize) {
        if (auto s = lockExclusive(fd->get(), path, std::chrono::milliseconds(10000)); !s)
            return s.error();
        auto again = fileSize(fd->get(), path);
        Status grown;
        if (again && *again < kHeadFileSize)
            grown = allocateFile(fd->get(), kHeadFileSize, path); // zero-filled, never sparse
        unlock(fd->get());
        if (!again)
            return again.error();
        if (!grown)
            return grown.error();
    }
    auto map = MappedFile::map(fd->get(), static_cast<size_t>(kHeadFileSize), path);
    if (!map)
        return map.error();
    struct stat st;
    if (::fstat(fd->get(), &st) != 0)
        return ioError(QStringLiteral("cannot stat"), path, errno);
    PartitionHead head;
    head.m_path = path;
    head.m_map = std::move(*map);
    head.m_device = st.st_dev;
    head.m_inode = st.st_ino;
    // The mapping stays; the descriptor closes here and is opened again only to take the
    // lock, so an open partition holds no descriptor while nobody appends.
    return head;
}

Status PartitionHead::openForLock()
{
    if (m_fd.valid())
        return {};
    auto fd = openFile(m_path, ReadWrite);
    if (!fd)
        return fd.error();
    struct stat st;
    if (::fstat(fd->get(), &st) != 0)
        return ioError(QStringLiteral("cannot stat"), m_path, errno);
    if (st.st_dev != m_device || st.st_ino != m_inode)
        return Error(ErrorCode::NotFound,
                     QStringLiteral("'%1' was replaced (the topic was deleted and created again)").arg(m_path));
    m_fd = std::move(*fd);
    return {};
}

HeadLoad PartitionHead::load(HeadState &out) const { return loadMapped(m_map.data(), out); }

HeadLoad PartitionHead::loadMapped(const unsigned char *mapped, HeadState &out)
{
    // Only loaded from (atomic_ref needs a non-const object; a read-only mapping is fine).
    auto *base = const_cast<unsigned char *>(mapped);
    if (std::memcmp(base, kMagic, sizeof kMagic) != 0)
        return HeadLoad::Uninitialized;
    bool sawStable = false;
    for (int attempt = 0; attempt < 20000; ++attempt) {
        const quint64 seq1 = loadWord(base, kSeqAt, std::memory_order_acquire);
        if ((seq1 & 1u) == 0) {
            quint64 w[kFieldCount];
            for (int i = 0; i < kFieldCount; ++i)
                w[i] = loadWord(base, kFieldsAt + static_cast<size_t>(i) * 8, std::memory_order_relaxed);
            const quint64 crcWord = loadWord(base, kCrcAt, std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
            const quint64 seq2 = loadWord(base, kSeqAt, std::memory_order_relaxed);
            if (seq1 == seq2) {
                sawStable = true;
                if (static_cast<quint32>(crcWord >> 32) == wordsCrc(w)) {
                    out = fromWords(w);
                    return HeadLoad::Ok;
                }
                // A stable read with a bad CRC: real corruption (retry a few times anyway, in
                // case the page was being written by something that bypasses the seqlock).
                if (attempt > 3)
                    return HeadLoad::Corrupt;
            }
        }
        if (attempt > 64)
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        else
            std::this_thread::yield();
        if (attempt > 2000 && !sawStable)
            break; // ~0.1 s of an odd seq: the writer died mid-update
    }
    return sawStable ? HeadLoad::Corrupt : HeadLoad::Busy;
}

HeadLoad PartitionHead::parse(const QByteArray &bytes, HeadState &out)
{
    if (bytes.size() < 128 || std::memcmp(bytes.constData(), kMagic, sizeof kMagic) != 0)
        return HeadLoad::Uninitialized;
    if (qFromBigEndian<quint64>(bytes.constData() + kSeqAt) & 1u)
        return HeadLoad::Busy;
    quint64 w[kFieldCount];
    for (int i = 0; i < kFieldCount; ++i)
        w[i] = qFromBigEndian<quint64>(bytes.constData() + kFieldsAt + static_cast<size_t>(i) * 8);
    if (qFromBigEndian<quint32>(bytes.constData() + kCrcAt) != wordsCrc(w))
        return HeadLoad::Corrupt;
    out = fromWords(w);
    return HeadLoad::Ok;
}

void PartitionHead::store(const HeadState &state)
{
    unsigned char *base = m_map.data();
    if (std::memcmp(base, kMagic, sizeof kMagic) != 0) {
        storeWord(base, kSeqAt, 0, std::memory_order_relaxed);
        std::memcpy(base, kMagic, sizeof kMagic);
    }
    quint64 seq = loadWord(base, kSeqAt, std::memory_order_relaxed);
    if (seq & 1u)
        ++seq; // a previous writer died mid-update; start a fresh even/odd pair
    storeWord(base, kSeqAt, seq + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    quint64 w[kFieldCount];
    toWords(state, w);
    for (int i = 0; i < kFieldCount; ++i)
        storeWord(base, kFieldsAt + static_cast<size_t>(i) * 8, w[i], std::memory_order_relaxed);
    storeWord(base, kCrcAt, static_cast<quint64>(wordsCrc(w)) << 32, std::memory_order_relaxed);
    storeWord(base, kSeqAt, seq + 2, std::memory_order_release);
}

void PartitionHead::noteLockWanted()
{
    storeWord(m_map.data(), kLockWantedAt, static_cast<quint64>(monotonicMs()), std::memory_order_relaxed);
}

bool PartitionHead::lockWanted() const
{
    const qint64 at = static_cast<qint64>(loadWord(m_map.data(), kLockWantedAt, std::memory_order_relaxed));
    const qint64 age = monotonicMs() - at;
    return at > 0 && age >= -kLockWantedFreshMs && age < kLockWantedFreshMs;
}

Status PartitionHead::lockForWrite(std::chrono::milliseconds timeout)
{
    if (auto s = openForLock(); !s)
        return s;
    // While it waits it notes so in the head: a holder that keeps the lock between appends
    // lets go of it.
    auto locked = lockExclusive(
        m_fd.get(), m_path, timeout, [this] { noteLockWanted(); }, std::chrono::microseconds(1000));
    if (!locked)
        m_fd.reset();
    return locked;
}

Result<LockAttempt> PartitionHead::tryLockForWrite()
{
    if (auto s = openForLock(); !s)
        return s.error();
    auto attempt = tryLockExclusive(m_fd.get(), m_path);
    if (!attempt || *attempt != LockAttempt::Acquired)
        m_fd.reset();
    return attempt;
}

void PartitionHead::unlockWrite()
{
    if (!m_fd.valid())
        return;
    unlock(m_fd.get());
    m_fd.reset(); // closing also drops the lock; the mapping stays
}

void PartitionHead::touch() const
{
    // Wakes inotify watchers of the partition directory (IN_ATTRIB); no descriptor needed.
    ::utimensat(AT_FDCWD, QFile::encodeName(m_path).constData(), nullptr, 0);
}

} // namespace tidemark::logbroker
