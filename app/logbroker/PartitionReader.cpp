#include "logbroker/PartitionReader.h"

#include "logbroker/FileIo.h"
#include "logbroker/SegmentFiles.h"

#include <QtEndian>

#include <algorithm>
#include <limits>

namespace tidemark::logbroker {

PartitionReader::PartitionReader(PartitionContext &context, std::function<Result<HeadState>()> repairHead)
    : m_context(context),
      m_repairHead(std::move(repairHead)),
      m_fds(context.options.fdCache ? context.options.fdCache : std::make_shared<FdCache>(8))
{}

PartitionReader::~PartitionReader() { m_fds->forget(this); }

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

struct PartitionReader::Segment {
    qint64 base = 0;
    QString logPath;
    QString indexPath;
    QString timeIndexPath;

    std::mutex mutex; // guards everything below
    bool missing = false;
    qint64 sealedSize = -1;
    std::vector<std::pair<qint64, qint64>> index; // (absolute offset, position)
    bool indexBroken = false;
    std::vector<std::pair<qint64, qint64>> timeIndex; // (max timestamp so far, absolute offset)
    bool timeBroken = false;
    bool reportedMissing = false;
};

Result<HeadState> PartitionReader::loadHead()
{
    HeadState h;
    HeadLoad load = m_context.head.load(h);
    if (load != HeadLoad::Ok) {
        // Repair under the lock (a writer died mid-update, or the file was damaged).
        auto r = m_repairHead();
        if (!r)
            return r.error();
        h = *r;
    }
    if (h.deleted()) {
        m_context.deleted = true;
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' was deleted").arg(m_context.options.topic));
    }
    return h;
}

Result<std::vector<std::shared_ptr<PartitionReader::Segment>>> PartitionReader::segmentsFor(const HeadState &h)
{
    {
        std::lock_guard lock(m_segmentsMutex);
        const bool fresh = !m_segments.empty() && m_segments.back()->base == h.activeBase &&
                           m_segments.front()->base >= h.logStartOffset;
        if (fresh)
            return m_segments;
    }
    auto bases = readSegmentBases(m_context.options.directory); // an error is never "no segments"
    if (!bases)
        return bases.error();
    std::lock_guard lock(m_segmentsMutex);
    std::vector<std::shared_ptr<Segment>> next;
    for (qint64 base : *bases) {
        if (base < h.logStartOffset || base > h.activeBase)
            continue;
        auto it = std::find_if(m_segments.begin(), m_segments.end(), [&](const auto &s) { return s->base == base; });
        if (it != m_segments.end()) {
            next.push_back(*it);
            continue;
        }
        auto seg = std::make_shared<Segment>();
        seg->base = base;
        seg->logPath = m_context.path(base, "log");
        seg->indexPath = m_context.path(base, "index");
        seg->timeIndexPath = m_context.path(base, "timeindex");
        next.push_back(std::move(seg));
    }
    for (const auto &old : m_segments) {
        if (std::find(next.begin(), next.end(), old) == next.end())
            m_fds->forget(this, old->logPath); // deleted by retention, or gone
    }
    m_segments = next;
    return next;
}

std::shared_ptr<PartitionReader::Segment>
PartitionReader::findSegment(const std::vector<std::shared_ptr<Segment>> &segments, qint64 offset) const
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

std::pair<qint64, qint64> PartitionReader::indexLookup(Segment &seg, const HeadState &h, qint64 target)
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
                m_context.report(
                    QStringLiteral("%1 has out-of-order entries; reads of %2 scan from the segment start until the "
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

std::pair<qint64, qint64> PartitionReader::timeIndexLookup(Segment &seg, const HeadState &h, qint64 timestampMs)
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
                m_context.report(
                    QStringLiteral("%1 has out-of-order entries; timestamp lookups in %2 scan the whole segment")
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

Corruption PartitionReader::describeDamage(Segment &seg, int fd, qint64 position, qint64 expectedOffset,
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

Result<ScanOutcome> PartitionReader::scan(qint64 offset, int maxFrames, qint64 maxBytes, ReadHint *hint,
                                          const FrameVisitor &visitor)
{
    auto loaded = loadHead();
    if (!loaded)
        return loaded.error();
    const HeadState h = *loaded;
    if (offset < h.logStartOffset)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is below the log start offset %3")
                                                     .arg(offset)
                                                     .arg(m_context.name())
                                                     .arg(h.logStartOffset));
    if (offset > h.visibleNext)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is beyond the high watermark %3")
                                                     .arg(offset)
                                                     .arg(m_context.name())
                                                     .arg(h.visibleNext));
    ScanOutcome out;
    out.nextOffset = offset;
    qint64 bytes = 0;
    bool stop = false;
    auto listed = segmentsFor(h);
    if (!listed)
        return listed.error();
    const std::vector<std::shared_ptr<Segment>> segments = *listed;
    while (!stop && out.frames < maxFrames && bytes < maxBytes && offset < h.visibleNext) {
        std::shared_ptr<Segment> seg = findSegment(segments, offset);
        if (!seg) {
            const qint64 first = segments.empty() ? h.visibleNext : segments.front()->base;
            Corruption c;
            // The first missing file starts at the log start offset.
            c.file = m_context.path(h.logStartOffset, "log");
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
            if (!seg->missing) {
                auto opened = m_fds->open(this, seg->logPath);
                if (opened)
                    fdHolder = *opened;
                else if (opened.error().code == ErrorCode::NotFound)
                    seg->missing = true; // only ENOENT is a missing file; EMFILE is Unavailable
                else
                    return opened.error();
            }
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
                const QString missing = m_context.path(expected, "log");
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
            if (status == FrameStatus::NewerFormat) {
                // Not damage: never reported as a corrupt range to skip. What was read before it
                // is returned; a read that starts at it is an error until Tidemark is upgraded.
                if (out.frames > 0) {
                    stop = true;
                    break;
                }
                return Error(ErrorCode::Unsupported, QStringLiteral("%1: the frame at byte %2 (offset %3) was %4")
                                                         .arg(seg->logPath)
                                                         .arg(cursor.position())
                                                         .arg(frameOffset)
                                                         .arg(newerFrameFormatText(frame.magic)));
            }
            if (status != FrameStatus::Ok) {
                if (!retried) {
                    // A stale hint or a bad index entry: scan again from the segment start.
                    if (!fromHint)
                        m_context.report(
                            QStringLiteral("%1: index entry for offset %2 points at byte %3 which does not hold "
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
    return out;
}

Result<std::vector<Record>> PartitionReader::read(qint64 offset, int maxRecords, qint64 maxBytes, ReadHint *hint,
                                                  std::optional<Corruption> *corruption)
{
    std::vector<Record> records;
    auto outcome = scan(offset, maxRecords, maxBytes, hint, [&](const FrameView &frame) {
        records.push_back(toRecord(frame, m_context.options.topic, m_context.options.partition));
        return true;
    });
    if (!outcome)
        return outcome.error();
    if (corruption)
        *corruption = outcome->corruption;
    return records;
}

Result<qint64> PartitionReader::offsetForTimestamp(qint64 timestampMs)
{
    auto loaded = loadHead();
    if (!loaded)
        return loaded.error();
    const HeadState h = *loaded;
    auto listed = segmentsFor(h);
    if (!listed)
        return listed.error();
    const auto segments = *listed;
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

void PartitionReader::forgetIndexes(qint64 base)
{
    std::lock_guard lock(m_segmentsMutex);
    for (auto &seg : m_segments) {
        if (seg->base == base) {
            std::lock_guard sl(seg->mutex);
            seg->index.clear();
            seg->timeIndex.clear();
            seg->indexBroken = false;
            seg->timeBroken = false;
        }
    }
}

void PartitionReader::forgetSegments()
{
    std::lock_guard lock(m_segmentsMutex);
    m_segments.clear(); // drop cached indexes
    m_fds->forget(this);
}

} // namespace tidemark::logbroker
