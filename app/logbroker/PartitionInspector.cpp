#include "logbroker/PartitionInspector.h"

#include "logbroker/FrameFormat.h"
#include "logbroker/LogStore.h"
#include "logbroker/PartitionHead.h"
#include "logbroker/SegmentFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace tidemark::logbroker {

namespace {

// Finds the next position after `from` that holds a whole, CRC-valid frame with an offset
// above `after`; -1 if none.
qint64 resync(const char *data, qint64 size, qint64 from, qint64 after)
{
    for (qint64 p = from; p + kFramePrefixSize + kFrameMinLength <= size; ++p) {
        qint64 offset = 0;
        qint32 length = 0;
        if (peekFrame(data + p, size - p, offset, length) != FrameStatus::Ok || offset <= after)
            continue;
        FrameView frame;
        if (decodeFrame(data + p, size - p, frame) == FrameStatus::Ok)
            return p;
    }
    return -1;
}

void countEntries(const QString &path, qint64 entrySize, qint64 &entries, qint64 &stray)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        entries = -1;
        return;
    }
    entries = info.size() / entrySize;
    stray = info.size() % entrySize;
}

QString siblingPath(const InspectedSegment &segment, const char *extension)
{
    return segment.path.chopped(3) + QLatin1String(extension); // "...42.log" -> "...42.<extension>"
}

} // namespace

Result<PartitionInspector> PartitionInspector::open(const QString &dataDirectory, const QString &topic, int partition)
{
    if (auto s = LogStore::validateTopicName(topic); !s)
        return s.error();
    const QString dir =
        QDir(dataDirectory).absoluteFilePath(QStringLiteral("topics/%1/%1-%2").arg(topic).arg(partition));
    if (!QFileInfo(dir).isDir())
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist (no partition %2 of topic '%3' in %4)")
                                              .arg(dir)
                                              .arg(partition)
                                              .arg(topic, dataDirectory));
    return PartitionInspector(dir);
}

InspectedHead PartitionInspector::head() const
{
    InspectedHead out;
    out.path = m_directory + QStringLiteral("/partition.head");
    QFile f(out.path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = f.errorString();
        return out;
    }
    HeadState h;
    switch (PartitionHead::parse(f.read(4096), h)) {
    case HeadLoad::Uninitialized: out.state = InspectedHead::State::Uninitialized; return out;
    case HeadLoad::Corrupt: out.state = InspectedHead::State::Corrupt; return out;
    case HeadLoad::Busy: out.state = InspectedHead::State::Busy; return out;
    case HeadLoad::Ok: break;
    }
    out.state = InspectedHead::State::Ok;
    out.logStartOffset = h.logStartOffset;
    out.highWatermark = h.visibleNext;
    out.nextOffset = h.writtenNext;
    out.activeSegment = segmentFileName(h.activeBase, "log");
    out.visibleEnd = h.visibleEnd;
    out.writtenEnd = h.writtenEnd;
    out.appendInFlight = h.pendingEnd != h.writtenEnd;
    out.deleted = h.deleted();
    return out;
}

std::vector<InspectedSegment> PartitionInspector::segments() const
{
    std::vector<InspectedSegment> out;
    for (qint64 base : listSegmentBases(m_directory)) {
        InspectedSegment s;
        s.baseOffset = base;
        s.path = segmentPath(m_directory, base, "log");
        s.fileName = segmentFileName(base, "log");
        s.size = QFileInfo(s.path).size();
        countEntries(siblingPath(s, "index"), kIndexEntrySize, s.indexEntries, s.indexStrayBytes);
        countEntries(siblingPath(s, "timeindex"), kTimeIndexEntrySize, s.timeIndexEntries, s.timeIndexStrayBytes);
        out.push_back(std::move(s));
    }
    return out;
}

QStringList PartitionInspector::indexesWithoutSegment() const
{
    QStringList out;
    for (const QString &index : QDir(m_directory).entryList({QStringLiteral("*.index")}, QDir::Files, QDir::Name)) {
        const QString base = index.chopped(6);
        if (!QFileInfo::exists(m_directory + QLatin1Char('/') + base + QStringLiteral(".log")))
            out << base;
    }
    return out;
}

Status PartitionInspector::scan(const InspectedSegment &segment,
                                const std::function<void(const InspectedFrame &)> &onFrame) const
{
    QFile file(segment.path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot be read: %1").arg(file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        return {};
    const uchar *mapped = file.map(0, size);
    if (!mapped)
        return Error(ErrorCode::Io, QStringLiteral("cannot map %1: %2").arg(segment.fileName, file.errorString()));
    const auto *data = reinterpret_cast<const char *>(mapped);
    qint64 pos = 0;
    qint64 expected = segment.baseOffset;
    while (pos < size) {
        FrameView frame;
        const FrameStatus status = decodeFrame(data + pos, size - pos, frame);
        InspectedFrame step;
        step.position = pos;
        if (status == FrameStatus::Ok && frame.offset == expected) {
            step.sound = true;
            step.offset = frame.offset;
            step.size = frame.frameSize();
            step.crc = frame.storedCrc;
            step.timestampMs = frame.timestampMs;
            if (frame.key)
                step.key = QByteArrayView(frame.key, frame.keyLength);
            if (frame.value)
                step.value = QByteArrayView(frame.value, frame.valueLength);
            if (frame.headerCount > 0)
                step.headers = decodeHeaders(frame);
            step.bytes = QByteArrayView(data + pos, frame.frameSize());
            onFrame(step);
            pos += frame.frameSize();
            ++expected;
            continue;
        }
        step.expectedOffset = expected;
        step.problem = frameStatusText(status);
        if (status == FrameStatus::NewerFormat) {
            // Its length is trusted (every format keeps it): show where it is, then go on after it.
            step.newerFormat = true;
            step.problem = newerFrameFormatText(frame.magic);
            step.resumedAt = pos + frame.frameSize() < size ? pos + frame.frameSize() : -1;
            if (step.resumedAt >= 0) {
                qint32 length = 0;
                peekFrame(data + step.resumedAt, size - step.resumedAt, step.resumedOffset, length);
            }
            step.bytes = QByteArrayView(data + pos, frame.frameSize());
            onFrame(step);
            if (step.resumedAt < 0)
                break;
            pos = step.resumedAt;
            expected = frame.offset + 1;
            continue;
        }
        if (status == FrameStatus::BadCrc)
            step.problem += QStringLiteral(" (stored %1, computed %2)")
                                .arg(frame.storedCrc, 8, 16, QLatin1Char('0'))
                                .arg(frame.computedCrc, 8, 16, QLatin1Char('0'));
        else if (status == FrameStatus::Ok)
            step.problem = QStringLiteral("offset field says %1").arg(frame.offset);
        step.resumedAt = resync(data, size, pos + 1, expected - 1);
        if (step.resumedAt >= 0) {
            qint32 length = 0;
            peekFrame(data + step.resumedAt, size - step.resumedAt, step.resumedOffset, length);
        }
        step.bytes = QByteArrayView(data + pos, (step.resumedAt >= 0 ? step.resumedAt : size) - pos);
        onFrame(step);
        if (step.resumedAt < 0)
            break;
        pos = step.resumedAt;
        expected = step.resumedOffset;
    }
    file.unmap(const_cast<uchar *>(mapped));
    return {};
}

std::vector<InspectedIndexEntry> PartitionInspector::indexEntries(const InspectedSegment &segment) const
{
    std::vector<InspectedIndexEntry> out;
    QFile index(siblingPath(segment, "index"));
    if (!index.open(QIODevice::ReadOnly))
        return out;
    const QByteArray bytes = index.readAll();
    for (qsizetype i = 0; i + kIndexEntrySize <= bytes.size(); i += kIndexEntrySize)
        out.push_back({segment.baseOffset + qFromBigEndian<quint32>(bytes.constData() + i),
                       qFromBigEndian<quint32>(bytes.constData() + i + 4)});
    return out;
}

std::vector<InspectedTimeIndexEntry> PartitionInspector::timeIndexEntries(const InspectedSegment &segment) const
{
    std::vector<InspectedTimeIndexEntry> out;
    QFile time(siblingPath(segment, "timeindex"));
    if (!time.open(QIODevice::ReadOnly))
        return out;
    const QByteArray bytes = time.readAll();
    for (qsizetype i = 0; i + kTimeIndexEntrySize <= bytes.size(); i += kTimeIndexEntrySize)
        out.push_back({qFromBigEndian<qint64>(bytes.constData() + i),
                       segment.baseOffset + qFromBigEndian<quint32>(bytes.constData() + i + 8)});
    return out;
}

} // namespace tidemark::logbroker
