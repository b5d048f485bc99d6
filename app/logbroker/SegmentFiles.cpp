#include "logbroker/SegmentFiles.h"

#include "logbroker/FileIo.h"

#include <QDir>
#include <QFile>
#include <QtEndian>

#include <algorithm>
#include <cerrno>

#include <dirent.h>
#include <sys/stat.h>

namespace tidemark::logbroker {

QString segmentFileName(qint64 baseOffset, const char *extension)
{
    return QStringLiteral("%1.%2").arg(baseOffset, 20, 10, QLatin1Char('0')).arg(QLatin1String(extension));
}

QString segmentPath(const QString &directory, qint64 base, const char *extension)
{
    return directory + QLatin1Char('/') + segmentFileName(base, extension);
}

Result<std::vector<qint64>> readSegmentBases(const QString &directory)
{
    std::vector<qint64> bases;
    DIR *dir = ::opendir(QFile::encodeName(directory).constData());
    if (!dir) {
        if (errno == ENOENT)
            return bases;
        return ioError(QStringLiteral("cannot list"), directory, errno);
    }
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const QLatin1String name(entry->d_name);
        if (name.size() != 24 || !name.endsWith(QLatin1String(".log")))
            continue;
        bool ok = false;
        const qint64 base = QString(name.left(20)).toLongLong(&ok);
        if (ok && base >= 0)
            bases.push_back(base);
    }
    const int err = errno;
    ::closedir(dir);
    if (err != 0)
        return ioError(QStringLiteral("cannot list"), directory, err);
    std::sort(bases.begin(), bases.end());
    return bases;
}

std::vector<qint64> listSegmentBases(const QString &directory) { return readSegmentBases(directory).valueOr({}); }

qint64 statSize(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return st.st_size;
}

ScratchBuffer::ScratchBuffer()
{
    if (!pool().empty()) {
        m_block = std::move(pool().back());
        pool().pop_back();
    }
}

ScratchBuffer::~ScratchBuffer()
{
    if (m_block.capacity <= (4u << 20) && pool().size() < 4)
        pool().push_back(std::move(m_block));
}

char *ScratchBuffer::reserve(size_t size)
{
    if (m_block.capacity < size) {
        m_block.capacity = std::max(size, m_block.capacity * 2);
        m_block.data = std::make_unique_for_overwrite<char[]>(m_block.capacity);
    }
    return m_block.data.get();
}

std::vector<ScratchBuffer::Block> &ScratchBuffer::pool()
{
    thread_local std::vector<Block> blocks;
    return blocks;
}

Result<qint64> FrameCursor::fill(qint64 pos, qint64 len)
{
    const qint64 want = std::min(std::max(len, m_chunk), m_limit - pos);
    char *buffer = m_buf.reserve(static_cast<size_t>(want));
    auto n = readAt(m_fd, buffer, want, pos, m_path);
    if (!n)
        return n.error();
    m_bufStart = pos;
    m_bufLen = *n;
    return std::min(len, *n);
}

void IndexBuilder::onFrame(qint64 offset, qint64 position, qint64 timestampMs)
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

void IndexBuilder::addTimeEntry(qint64 timestamp, qint64 offset)
{
    char t[12];
    qToBigEndian(static_cast<qint64>(timestamp), t);
    qToBigEndian(static_cast<quint32>(offset - base), t + 8);
    timeIndex.append(t, 12);
    ++timeAdded;
    lastTimeIndexTimestamp = timestamp;
}

Status ActiveSegment::ensure(qint64 base, bool create)
{
    if (m_files && m_files->base == base)
        return {};
    auto files = std::make_shared<ActiveFiles>();
    files->base = base;
    files->logPath = segmentPath(m_directory, base, "log");
    files->indexPath = segmentPath(m_directory, base, "index");
    files->timeIndexPath = segmentPath(m_directory, base, "timeindex");
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
    m_files = std::move(files);
    return {};
}

} // namespace tidemark::logbroker
