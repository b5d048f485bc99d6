#include "logbroker/PartitionRecovery.h"

#include "logbroker/FileIo.h"
#include "logbroker/PartitionReader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <algorithm>
#include <cerrno>

#include <dirent.h>

namespace tidemark::logbroker {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// A frame of a newer format stops recovery: cutting or sealing there would destroy records
// that a newer Tidemark wrote and can read.
Error newerFrameError(const QString &path, qint64 position, qint64 offset, qint8 magic)
{
    return Error(ErrorCode::Unsupported, QStringLiteral("%1: the frame at byte %2 (offset %3) was %4")
                                             .arg(path)
                                             .arg(position)
                                             .arg(offset)
                                             .arg(newerFrameFormatText(magic)));
}

} // namespace

PartitionRecovery::PartitionRecovery(PartitionContext &context, ActiveSegment &active, PartitionReader &reader)
    : m_context(context), m_active(active), m_reader(reader)
{}

Result<PartitionRecovery::TailScan> PartitionRecovery::validateTail(qint64 from, qint64 expectedOffset, bool truncate)
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
        if (*st == FrameStatus::NewerFormat)
            return newerFrameError(m_active->logPath, cursor.position(), frame.offset, frame.magic);
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
    if (truncate && out.droppedBytes > 0) {
        if (auto s = truncateFile(m_active->log.get(), out.validEnd, m_active->logPath); !s)
            return s.error();
    }
    return out;
}

Status PartitionRecovery::rebuildActiveIndexes(HeadState &h)
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
    m_reader.forgetIndexes(h.activeBase);
    return {};
}

Result<std::optional<PartitionRecovery::TailScan>> PartitionRecovery::checkActiveTail(const HeadState &h)
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
            if (*st == FrameStatus::NewerFormat)
                return newerFrameError(m_active->logPath, cursor.position(), frame.offset, frame.magic);
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
        return std::optional<TailScan>();
    const qint64 bad = cursor.position();
    // A valid frame further on means damage in the middle: reads report and skip it.
    for (qint64 p = bad + 1; p + kFramePrefixSize + kFrameMinLength <= h.writtenEnd; ++p) {
        cursor.seek(p);
        FrameView frame;
        auto st = cursor.peek(frame, true);
        if (st && *st == FrameStatus::NewerFormat && frame.offset > expected && frame.offset < h.writtenNext)
            return newerFrameError(m_active->logPath, p, frame.offset, frame.magic);
        if (st && *st == FrameStatus::Ok && frame.offset > expected && frame.offset < h.writtenNext)
            return std::optional<TailScan>();
    }
    // Acknowledged bytes are never cut: they stay on disk for whoever wants to look.
    m_context.report(QStringLiteral("%1: corrupt tail at byte %2 (offset %3): %4; the %5 bytes from there (offsets %3 "
                                    "to %6) are left in place")
                         .arg(m_active->logPath)
                         .arg(bad)
                         .arg(expected)
                         .arg(reason)
                         .arg(h.writtenEnd - bad)
                         .arg(h.writtenNext - 1));
    TailScan out;
    out.validEnd = bad;
    out.next = expected;
    out.droppedBytes = h.writtenEnd - bad;
    out.reason = reason;
    return std::optional<TailScan>(out);
}

PartitionRecovery::DurableFloor PartitionRecovery::groupFloor() const
{
    DurableFloor out;
    const PartitionOptions &o = m_context.options;
    if (o.groupsDirectory.isEmpty())
        return out;
    const QString file = QStringLiteral("/offsets/%1-%2.offset").arg(o.topic).arg(o.partition);
    QStringList groups;
    if (DIR *dir = ::opendir(QFile::encodeName(o.groupsDirectory).constData())) {
        while (const dirent *entry = ::readdir(dir)) {
            const QString name = QFile::decodeName(entry->d_name);
            if (!name.startsWith(QLatin1Char('.')) && (entry->d_type == DT_DIR || entry->d_type == DT_UNKNOWN))
                groups.append(name); // group directories (encoded names never start with '.')
        }
        ::closedir(dir);
    } else if (errno != ENOENT) {
        // Never silent: without the groups the next offset rests on the head and frames alone.
        m_context.report(
            QStringLiteral("%1: %2; the next offset is not checked against the groups' commits")
                .arg(m_context.name(), ioError(QStringLiteral("cannot list"), o.groupsDirectory, errno).message));
    }
    for (const QString &group : groups) {
        const QString path = o.groupsDirectory + QLatin1Char('/') + group + file;
        auto bytes = readWholeFile(path, 1 << 16);
        if (!bytes) {
            if (bytes.error().code != ErrorCode::NotFound)
                m_context.report(QStringLiteral("%1: %2; that group's commit is not part of the next offset's floor")
                                     .arg(m_context.name(), bytes.error().message));
            continue; // none (the usual case), or unreadable (reported)
        }
        const QJsonObject c = QJsonDocument::fromJson(*bytes).object();
        const qint64 offset = static_cast<qint64>(c.value(QStringLiteral("offset")).toDouble(-1));
        const qint64 at = static_cast<qint64>(c.value(QStringLiteral("committedAtMs")).toDouble(0));
        if (o.topicCreatedAtMs > 0 && at < o.topicCreatedAtMs)
            continue; // committed for an earlier topic of the same name
        if (offset > out.offset) {
            out.offset = offset;
            out.source = QStringLiteral("group '%1' committed offset %2 (%3)").arg(group).arg(offset).arg(path);
        }
    }
    return out;
}

Status PartitionRecovery::restartAt(HeadState &h, qint64 validEnd, qint64 validNext, qint64 next, const QString &why)
{
    const qint64 sealedBase = h.activeBase;
    h.writtenEnd = validEnd;
    h.writtenNext = validNext;
    if (auto s = rebuildActiveIndexes(h); !s)
        return s;
    if (h.activeMaxTimestamp > h.lastTimeIndexTimestamp) {
        // The closing entry of a sealed segment (as a roll writes it).
        IndexBuilder ib;
        ib.base = h.activeBase;
        ib.addTimeEntry(h.activeMaxTimestamp, validNext);
        if (auto s = writeAt(m_active->timeIndex.get(), ib.timeIndex.constData(), ib.timeIndex.size(),
                             h.timeIndexEntries * kTimeIndexEntrySize, m_active->timeIndexPath);
            !s)
            return s;
    }
    if (m_context.options.config.fsync) {
        if (auto s = syncData(m_active->timeIndex.get(), m_active->timeIndexPath); !s)
            return s;
    }
    m_active.reset();
    if (auto s = m_active.ensure(next, true); !s)
        return s;
    for (auto [fd, path] :
         {std::pair{m_active->log.get(), m_active->logPath}, std::pair{m_active->index.get(), m_active->indexPath},
          std::pair{m_active->timeIndex.get(), m_active->timeIndexPath}}) {
        if (auto s = truncateFile(fd, 0, path); !s)
            return s;
    }
    if (m_context.options.config.fsync) {
        if (auto s = syncDirectory(m_context.options.directory); !s)
            return s;
    }
    HeadState n;
    n.logStartOffset = h.logStartOffset;
    n.activeBase = next;
    n.writtenNext = next;
    n.flags = h.flags;
    h = n;
    m_reader.forgetSegments();
    m_context.report(QStringLiteral("%1: offsets %2 to %3 are lost (%4); %5 is sealed after offset %6 and appending "
                                    "continues in a new segment at offset %7; reads report the gap")
                         .arg(m_context.name())
                         .arg(validNext)
                         .arg(next - 1)
                         .arg(why, segmentFileName(sealedBase, "log"))
                         .arg(validNext - 1)
                         .arg(next));
    return {};
}

Result<HeadState> PartitionRecovery::rebuildHead(const QString &why)
{
    auto listed = readSegmentBases(m_context.options.directory);
    if (!listed)
        return listed.error(); // never mistaken for "no segments"
    const std::vector<qint64> bases = *listed;
    const DurableFloor floor = groupFloor();
    HeadState h;
    if (bases.empty()) {
        // Offsets start at 0, or past every offset a group committed (never hand one out twice).
        const qint64 start = std::max<qint64>(0, floor.offset);
        h.logStartOffset = h.activeBase = h.writtenNext = h.visibleNext = start;
        if (!why.isEmpty() || start > 0)
            m_context.report(QStringLiteral("%1: %2; no segment files found, starting an empty log at offset %3%4")
                                 .arg(m_context.head.path(), why.isEmpty() ? QStringLiteral("a new head") : why)
                                 .arg(start)
                                 .arg(start > 0 ? QStringLiteral(" (%1)").arg(floor.source) : QString()));
        m_active.reset();
        if (auto s = m_active.ensure(start, true); !s)
            return s.error();
        m_context.head.store(h);
        return h;
    }
    h.logStartOffset = bases.front();
    h.activeBase = bases.back();
    h.writtenNext = h.activeBase;
    m_active.reset();
    if (auto s = m_active.ensure(h.activeBase, true); !s)
        return s.error();
    auto tail = validateTail(0, h.activeBase, false);
    if (!tail)
        return tail.error();
    const qint64 surviving = tail->next;
    QString extra;
    if (floor.offset > surviving) {
        // The commit proves offsets the files no longer hold: they are a hole, never reused.
        if (auto s = restartAt(h, tail->validEnd, surviving, floor.offset, floor.source); !s)
            return s.error();
    } else {
        // Garbage after the last valid frame that nothing proves acknowledged: a torn write.
        if (tail->droppedBytes > 0) {
            if (auto s = truncateFile(m_active->log.get(), tail->validEnd, m_active->logPath); !s)
                return s.error();
            extra = QStringLiteral("; truncated %1 bytes of bad data at byte %2 of %3 (%4)")
                        .arg(tail->droppedBytes)
                        .arg(tail->validEnd)
                        .arg(m_active->logPath, tail->reason);
        }
        h.writtenNext = surviving;
        h.writtenEnd = tail->validEnd;
        if (auto s = rebuildActiveIndexes(h); !s)
            return s.error();
    }
    if (m_context.options.config.fsync) {
        if (auto s = syncData(m_active->log.get(), m_active->logPath); !s)
            return s.error();
    }
    h.pendingEnd = h.writtenEnd;
    h.visibleNext = h.writtenNext;
    h.visibleEnd = h.writtenEnd;
    m_context.report(QStringLiteral("%1: %2; rebuilt it from the segment files (log start %3, active segment %4, "
                                    "next offset %5)%6")
                         .arg(m_context.head.path(), why)
                         .arg(h.logStartOffset)
                         .arg(segmentFileName(h.activeBase, "log"))
                         .arg(h.writtenNext)
                         .arg(extra));
    m_context.head.store(h);
    return h;
}

Result<HeadState> PartitionRecovery::recover(std::optional<HeadState> head, bool firstTime)
{
    QString why; // why the head is rebuilt from the files
    if (head && !head->consistent()) {
        why = QStringLiteral("partition.head holds impossible values (log start %1, active segment %2, next offset "
                             "%3, high watermark %4, %5 bytes written)")
                  .arg(head->logStartOffset)
                  .arg(head->activeBase)
                  .arg(head->writtenNext)
                  .arg(head->visibleNext)
                  .arg(head->writtenEnd);
        head.reset();
    }
    if (head) {
        auto newer = removeFilesPastActive(head->activeBase);
        if (!newer)
            return newer.error();
        if (*newer >= 0) {
            why = QStringLiteral("segment %1 is newer than the head's active segment %2")
                      .arg(segmentFileName(*newer, "log"), segmentFileName(head->activeBase, "log"));
            head.reset();
        }
    }
    if (!head) {
        if (why.isEmpty()) {
            HeadState probe;
            const HeadLoad load = m_context.head.load(probe);
            if (load == HeadLoad::Corrupt)
                why = QStringLiteral("partition.head is corrupt (CRC mismatch)");
            else if (load == HeadLoad::Busy)
                why = QStringLiteral("partition.head was left half-updated by a process that died");
            else if (!readSegmentBases(m_context.options.directory).valueOr({}).empty())
                why = QStringLiteral("partition.head is missing or empty");
        }
        auto h = rebuildHead(why);
        if (!h)
            return h;
        HeadState state = *h;
        // As after any first recovery: else the next open (with this head) would remove index
        // files of segments past the active one and repair the sealed segments' missing or
        // torn indexes, and recovery would not be idempotent. (The active segment is the
        // newest .log here, so no file past it holds data.)
        if (auto newer = removeFilesPastActive(state.activeBase); !newer)
            return newer.error();
        if (auto listed = readSegmentBases(m_context.options.directory))
            repairSealedIndexes(*listed, state);
        if (auto s = enforceRetention(state, nowMs()); !s)
            return s.error();
        return state;
    }
    HeadState h = *head;
    auto listed = readSegmentBases(m_context.options.directory);
    if (!listed)
        return listed.error();
    const std::vector<qint64> bases = *listed;
    const QString activeLog = m_context.path(h.activeBase, "log");
    std::optional<DurableFloor> floorRead; // read at most once, and only when needed
    auto floor = [&] {
        if (!floorRead)
            floorRead = groupFloor();
        return *floorRead;
    };
    bool restarted = false;
    if (!pathExists(activeLog)) {
        const qint64 next = std::max(h.writtenNext, floor().offset);
        if (next > h.activeBase)
            m_context.report(
                QStringLiteral("%1 is missing: offsets %2 to %3 are lost; appending continues in a new segment "
                               "at offset %4")
                    .arg(activeLog)
                    .arg(h.activeBase)
                    .arg(next - 1)
                    .arg(next));
        else
            m_context.report(QStringLiteral("%1 is missing; recreated it empty").arg(activeLog));
        h.writtenNext = next;
        h.activeBase = next;
        h.writtenEnd = h.visibleEnd = h.pendingEnd = 0;
        h.visibleNext = next;
        h.indexEntries = h.timeIndexEntries = h.lastIndexedEnd = 0;
        h.activeMaxTimestamp = h.lastTimeIndexTimestamp = -1;
        m_active.reset();
        if (auto s = m_active.ensure(next, true); !s)
            return s.error();
        if (auto s = truncateFile(m_active->log.get(), 0, m_active->logPath); !s)
            return s.error();
        if (auto s = truncateFile(m_active->index.get(), 0, m_active->indexPath); !s)
            return s.error();
        if (auto s = truncateFile(m_active->timeIndex.get(), 0, m_active->timeIndexPath); !s)
            return s.error();
    }
    if (auto s = m_active.ensure(h.activeBase, false); !s)
        return s.error();
    auto size = fileSize(m_active->log.get(), m_active->logPath);
    if (!size)
        return size.error();
    bool rebuildIndexes = false;
    if (*size < h.writtenEnd || *size < h.visibleEnd) {
        m_context.report(
            QStringLiteral("%1 is %2 bytes but the head says %3 were written; data was lost (power loss or an "
                           "outside change); checking the whole segment")
                .arg(m_active->logPath)
                .arg(*size)
                .arg(h.writtenEnd));
        auto tail = validateTail(0, h.activeBase, false);
        if (!tail)
            return tail.error();
        const DurableFloor f = floor();
        const qint64 next = std::max(h.writtenNext, f.offset);
        if (tail->next < next) {
            const QString why =
                f.offset > h.writtenNext
                    ? f.source
                    : QStringLiteral("the head counted them as written; %1 ends at byte %2%3")
                          .arg(segmentFileName(h.activeBase, "log"))
                          .arg(*size)
                          .arg(tail->droppedBytes > 0 ? QStringLiteral(" after %1 bytes of bad data at byte %2: %3")
                                                            .arg(tail->droppedBytes)
                                                            .arg(tail->validEnd)
                                                            .arg(tail->reason)
                                                      : QString());
            if (auto s = restartAt(h, tail->validEnd, tail->next, next, why); !s)
                return s.error();
            restarted = true;
        } else {
            if (tail->droppedBytes > 0) {
                if (auto s = truncateFile(m_active->log.get(), tail->validEnd, m_active->logPath); !s)
                    return s.error();
                m_context.report(QStringLiteral("%1: truncated %2 bytes of bad data at byte %3 (offset %4): %5")
                                     .arg(m_active->logPath)
                                     .arg(tail->droppedBytes)
                                     .arg(tail->validEnd)
                                     .arg(tail->next)
                                     .arg(tail->reason));
            }
            h.writtenNext = tail->next;
            h.writtenEnd = tail->validEnd;
            rebuildIndexes = true;
        }
    } else if (*size > h.writtenEnd) {
        auto tail = validateTail(h.writtenEnd, h.writtenNext, true);
        if (!tail)
            return tail.error();
        if (tail->next > h.writtenNext)
            m_context.report(
                QStringLiteral("%1: kept offsets %2 to %3 found complete beyond the head (written by an appender "
                               "that died before acknowledging them)")
                    .arg(m_active->logPath)
                    .arg(h.writtenNext)
                    .arg(tail->next - 1));
        if (tail->droppedBytes > 0)
            m_context.report(QStringLiteral("%1: truncated a torn tail of %2 bytes at byte %3 (offset %4): %5")
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
    if (firstTime && !restarted && !rebuildIndexes && h.writtenEnd > 0) {
        auto bad = checkActiveTail(h);
        if (!bad)
            return bad.error();
        if (*bad) {
            const qint64 next = std::max(h.writtenNext, floor().offset);
            if (auto s = restartAt(h, (*bad)->validEnd, (*bad)->next, next,
                                   QStringLiteral("a corrupt tail at byte %1 of %2: %3")
                                       .arg((*bad)->validEnd)
                                       .arg(segmentFileName(h.activeBase, "log"), (*bad)->reason));
                !s)
                return s.error();
            restarted = true;
        }
    }
    if (firstTime && !restarted) {
        // The head and the log may have rolled back together (`os` durability, a power cut):
        // then only a group's fsynced commit still proves how far offsets were handed out.
        const DurableFloor f = floor();
        if (f.offset > h.writtenNext) {
            if (rebuildIndexes) {
                if (auto s = rebuildActiveIndexes(h); !s)
                    return s.error();
            }
            if (auto s = restartAt(h, h.writtenEnd, h.writtenNext, f.offset, f.source); !s)
                return s.error();
            restarted = true;
        }
    }
    if (restarted)
        rebuildIndexes = false; // the new active segment is empty and so are its indexes
    if (!rebuildIndexes) {
        // The active indexes must hold at least what the head counts, and the last entry must
        // point inside the written data.
        auto indexSize = fileSize(m_active->index.get(), m_active->indexPath);
        auto timeSize = fileSize(m_active->timeIndex.get(), m_active->timeIndexPath);
        if (!indexSize || !timeSize || *indexSize < h.indexEntries * kIndexEntrySize ||
            *timeSize < h.timeIndexEntries * kTimeIndexEntrySize) {
            m_context.report(QStringLiteral("%1 or its .timeindex is shorter than the head says; rebuilding both")
                                 .arg(m_active->indexPath));
            rebuildIndexes = true;
        } else if (h.indexEntries > 0) {
            char e[8];
            auto n = readAt(m_active->index.get(), e, 8, (h.indexEntries - 1) * kIndexEntrySize, m_active->indexPath);
            if (!n || *n != 8 || qFromBigEndian<quint32>(e + 4) >= h.writtenEnd ||
                qFromBigEndian<quint32>(e) >= h.writtenNext - h.activeBase) {
                m_context.report(QStringLiteral("%1: the last entry points beyond the data; rebuilding the indexes")
                                     .arg(m_active->indexPath));
                rebuildIndexes = true;
            }
        }
    }
    if (rebuildIndexes) {
        if (auto s = rebuildActiveIndexes(h); !s)
            return s.error();
    }
    if (m_context.options.config.fsync && (h.visibleNext != h.writtenNext || h.visibleEnd != h.writtenEnd)) {
        if (auto s = syncData(m_active->log.get(), m_active->logPath); !s)
            return s.error();
    }
    h.pendingEnd = h.writtenEnd;
    h.visibleNext = h.writtenNext;
    h.visibleEnd = h.writtenEnd;
    if (firstTime) {
        repairSealedIndexes(bases, h);
        if (auto s = enforceRetention(h, nowMs()); !s)
            return s.error();
    }
    m_context.head.store(h);
    return h;
}

Result<qint64> PartitionRecovery::removeFilesPastActive(qint64 activeBase)
{
    // Files of segments past the active one come from a roll that died before storing the
    // head (all empty: nothing is appended to a segment before the head names it).
    for (const QString &name :
         QDir(m_context.options.directory)
             .entryList({QStringLiteral("*.log"), QStringLiteral("*.index"), QStringLiteral("*.timeindex")},
                        QDir::Files)) {
        bool ok = false;
        const qint64 base = name.left(20).toLongLong(&ok);
        if (!ok || name.size() < 21 || name.at(20) != QLatin1Char('.') || base <= activeBase)
            continue;
        if (statSize(m_context.path(base, "log")) > 0)
            return base;
        if (auto s = removeFile(m_context.options.directory + QLatin1Char('/') + name); !s)
            return s.error();
    }
    return qint64(-1);
}

void PartitionRecovery::repairSealedIndexes(const std::vector<qint64> &bases, const HeadState &h)
{
    for (qint64 base : bases) {
        if (base >= h.activeBase || base < h.logStartOffset)
            continue;
        const QString log = m_context.path(base, "log");
        const QString index = m_context.path(base, "index");
        const QString timeIndex = m_context.path(base, "timeindex");
        const qint64 indexSize = statSize(index);
        const qint64 timeSize = statSize(timeIndex);
        if (indexSize >= 0 && indexSize % kIndexEntrySize == 0 && timeSize >= 0 && timeSize % kTimeIndexEntrySize == 0)
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
        std::optional<Error> newer;
        while (!cursor.atEnd()) {
            FrameView frame;
            auto st = cursor.peek(frame, false);
            if (st && *st == FrameStatus::NewerFormat) {
                newer = newerFrameError(log, cursor.position(), frame.offset, frame.magic);
                break;
            }
            if (!st || *st != FrameStatus::Ok || frame.offset != expected)
                break;
            ib.onFrame(frame.offset, cursor.position(), frame.timestampMs);
            ++expected;
            cursor.seek(cursor.position() + frame.frameSize());
        }
        if (newer) {
            // Indexes that stop before the newer frame would hide what follows it: leave them.
            m_context.report(QStringLiteral("%1; the indexes of that segment are not rebuilt").arg(newer->message));
            continue;
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
        m_context.report(QStringLiteral("%1; rebuilt the indexes of %2 (%3 + %4 entries)")
                             .arg(what, log)
                             .arg(ib.indexAdded)
                             .arg(ib.timeAdded));
        for (const auto &[path, bytes] : {std::pair{index, ib.index}, std::pair{timeIndex, ib.timeIndex}}) {
            if (auto s = writeFileAtomically(path, bytes, m_context.options.config.fsync); !s)
                m_context.report(QStringLiteral("could not write the rebuilt index: %1").arg(s.error().message));
        }
        m_reader.forgetSegments(); // drop cached indexes
    }
}

Status PartitionRecovery::enforceRetention(HeadState &h, qint64 now)
{
    const TopicConfig &c = m_context.options.config;
    if (c.retentionBytes < 0 && c.retentionMs < 0)
        return {};
    auto listed = readSegmentBases(m_context.options.directory);
    if (!listed)
        return listed.error();
    const std::vector<qint64> bases = *listed;
    std::vector<std::pair<qint64, qint64>> sealed; // (base, size)
    qint64 total = h.writtenEnd;
    for (qint64 base : bases) {
        if (base < h.logStartOffset || base >= h.activeBase)
            continue;
        const qint64 size = std::max<qint64>(0, statSize(m_context.path(base, "log")));
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
            const QString ti = m_context.path(base, "timeindex");
            if (auto fd = openFile(ti, ReadOnly)) {
                auto tsize = fileSize(fd->get(), ti);
                if (tsize && *tsize >= kTimeIndexEntrySize && *tsize % kTimeIndexEntrySize == 0) {
                    char e[12];
                    if (auto n = readAt(fd->get(), e, 12, *tsize - 12, ti); n && *n == 12)
                        maxTs = qFromBigEndian<qint64>(e);
                }
            }
            if (maxTs < 0) { // no time index: the file's modification time stands in
                if (auto fd = openFile(m_context.path(base, "log"), ReadOnly))
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
    m_context.head.store(h);
    for (qint64 base : doomed) {
        for (const char *ext : {"log", "index", "timeindex"}) {
            if (auto s = removeFile(m_context.path(base, ext)); !s)
                return s;
        }
    }
    return {};
}

} // namespace tidemark::logbroker
