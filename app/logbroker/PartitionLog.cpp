#include "logbroker/PartitionLog.h"

#include <QDir>

#include <algorithm>

namespace tidemark::logbroker {

using namespace std::chrono;

PartitionLog::PartitionLog(const Options &options)
    : m_context(options),
      m_reader(m_context,
               [this] {
                   return m_writer.prepare(seconds(10),
                                           QStringLiteral("timed out repairing %1").arg(m_context.head.path()));
               }),
      m_writer(m_context, m_reader)
{}

PartitionLog::~PartitionLog() = default;

Status PartitionLog::initialize(const QString &directory)
{
    if (auto s = makeDirectories(directory); !s)
        return s;
    for (const char *ext : {"log", "index", "timeindex"}) {
        auto fd = openFile(segmentPath(directory, 0, ext), ReadWriteCreate);
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
    log->m_context.head = std::move(*head);
    // The HeadLockReleaser holds the writer through the log's ownership.
    log->m_writer.setSelf(std::shared_ptr<PartitionWriter>(log, &log->m_writer));
    auto h = log->m_writer.prepareForOpen(timeout, QStringLiteral("timed out opening %1").arg(log->name()));
    if (!h)
        return h.error();
    return log;
}

Result<PartitionLog::AppendResult> PartitionLog::append(std::span<const OutgoingRecord *const> records,
                                                        std::span<const qint64> timestamps,
                                                        std::span<const qint64> frameSizes, milliseconds timeout)
{
    return m_writer.append(records, timestamps, frameSizes, timeout);
}

Result<HeadState> PartitionLog::head() { return m_reader.loadHead(); }

Result<Watermarks> PartitionLog::watermarks()
{
    auto h = m_reader.loadHead();
    if (!h)
        return h.error();
    return Watermarks{h->logStartOffset, h->visibleNext};
}

Result<ScanOutcome> PartitionLog::scan(qint64 offset, int maxFrames, qint64 maxBytes, ReadHint *hint,
                                       const FrameVisitor &visitor)
{
    return m_reader.scan(offset, maxFrames, maxBytes, hint, visitor);
}

Result<std::vector<Record>> PartitionLog::read(qint64 offset, int maxRecords, qint64 maxBytes, ReadHint *hint,
                                               std::optional<Corruption> *corruption)
{
    return m_reader.read(offset, maxRecords, maxBytes, hint, corruption);
}

Result<qint64> PartitionLog::offsetForTimestamp(qint64 timestampMs) { return m_reader.offsetForTimestamp(timestampMs); }

Status PartitionLog::enforceRetention(qint64 nowMs, milliseconds timeout)
{
    return m_writer.enforceRetention(nowMs, timeout);
}

Status PartitionLog::markDeleted(milliseconds timeout) { return m_writer.markDeleted(timeout); }

std::vector<PartitionLog::SegmentInfo> PartitionLog::segmentFiles() const
{
    std::vector<qint64> bases = listSegmentBases(m_context.options.directory);
    const QStringList indexes = QDir(m_context.options.directory).entryList({QStringLiteral("*.index")}, QDir::Files);
    for (const QString &name : indexes) {
        bool ok = false;
        const qint64 base = name.left(20).toLongLong(&ok);
        if (ok && std::find(bases.begin(), bases.end(), base) == bases.end())
            bases.push_back(base);
    }
    std::sort(bases.begin(), bases.end());
    HeadState h;
    const bool haveHead = m_context.head.load(h) == HeadLoad::Ok;
    std::vector<SegmentInfo> out;
    for (qint64 base : bases) {
        SegmentInfo info;
        info.baseOffset = base;
        info.logPath = m_context.path(base, "log");
        info.logBytes = statSize(info.logPath);
        info.indexBytes = statSize(m_context.path(base, "index"));
        info.timeIndexBytes = statSize(m_context.path(base, "timeindex"));
        info.active = haveHead && base == h.activeBase;
        out.push_back(info);
    }
    return out;
}

} // namespace tidemark::logbroker
