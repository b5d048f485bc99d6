#include "core/RecordScan.h"

#include "core/JsonLines.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <algorithm>
#include <set>

namespace tidemark {

RecordScan::RecordScan(Backend &backend, Options options) : m_backend(backend), m_options(std::move(options))
{
    m_options.batchSize = std::max(1, m_options.batchSize);
    m_predicate.filter = m_options.filter;
    m_predicate.fromTimeMs = m_options.fromTimeMs;
    m_predicate.toTimeMs = m_options.toTimeMs;
}

Status RecordScan::plan()
{
    m_ranges.clear();
    m_cursor = 0;
    m_progress = {};
    if (!m_options.filter.isValid())
        return Error(ErrorCode::InvalidArgument, m_options.filter.error()->toString());
    const auto info = m_backend.describeTopic(m_options.topic);
    if (!info)
        return info.error();
    std::set<int> wanted;
    if (m_options.partitions.empty()) {
        for (int p = 0; p < info->partitionCount; ++p)
            wanted.insert(p);
    } else {
        for (int p : m_options.partitions) {
            if (p < 0 || p >= info->partitionCount)
                return noSuchPartition(m_options.topic, p, info->partitionCount);
            wanted.insert(p);
        }
    }
    const RecordFilter::Bounds bounds = m_options.filter.bounds();
    if (bounds.partitions) {
        std::set<int> both;
        for (int p : *bounds.partitions)
            if (wanted.count(p))
                both.insert(p);
        wanted = both;
    }
    std::optional<qint64> fromOffset = m_options.fromOffset, toOffset = m_options.toOffset;
    if (bounds.minOffset)
        fromOffset = fromOffset ? std::max(*fromOffset, *bounds.minOffset) : *bounds.minOffset;
    if (bounds.maxOffset)
        toOffset = toOffset ? std::min(*toOffset, *bounds.maxOffset) : *bounds.maxOffset;

    for (int p : wanted) {
        const TopicPartition tp{m_options.topic, p};
        const auto marks = m_backend.watermarks(tp);
        if (!marks)
            return marks.error();
        Range r;
        r.partition = p;
        r.begin = marks->low;
        r.end = marks->high;
        if (fromOffset)
            r.begin = std::max(r.begin, *fromOffset);
        if (toOffset && *toOffset < r.end - 1)
            r.end = *toOffset + 1;
        if (m_options.fromTimeMs && r.begin < r.end) {
            const auto first = m_backend.offsetForTimestamp(tp, *m_options.fromTimeMs);
            if (!first)
                return first.error();
            r.begin = std::max(r.begin, *first);
        }
        if (m_options.toTimeMs && r.begin < r.end && *m_options.toTimeMs < std::numeric_limits<qint64>::max()) {
            const auto after = m_backend.offsetForTimestamp(tp, *m_options.toTimeMs + 1);
            if (!after)
                return after.error();
            r.end = std::min(r.end, *after);
        }
        r.end = std::max(r.end, r.begin);
        r.next = m_options.order == Order::OldestFirst ? r.begin : r.end;
        m_progress.total += r.size();
        m_progress.partitions.push_back(p);
        m_ranges.push_back(r);
    }
    m_progress.done =
        std::all_of(m_ranges.begin(), m_ranges.end(), [this](const Range &r) { return r.done(m_options.order); });
    return {};
}

Result<bool> RecordScan::step(std::vector<Record> &matches)
{
    const Order order = m_options.order;
    // The next partition with records left, round robin.
    size_t tried = 0;
    while (tried < m_ranges.size() && m_ranges[m_cursor].done(order)) {
        m_cursor = (m_cursor + 1) % m_ranges.size();
        ++tried;
    }
    if (m_ranges.empty() || tried == m_ranges.size()) {
        m_progress.done = true;
        return false;
    }
    Range &r = m_ranges[m_cursor];
    const TopicPartition tp{m_options.topic, r.partition};
    const qint64 from = order == Order::OldestFirst ? r.next : std::max(r.begin, r.next - m_options.batchSize);
    const qint64 until = order == Order::OldestFirst ? std::min(r.end, r.next + m_options.batchSize) : r.next;
    // The window [from, until): the backend reads and tests it (the built-in broker where the
    // records lie, without copying those that do not match).
    const size_t firstMatch = matches.size();
    const auto read = scanFiltered(m_backend, tp, from, until, m_predicate, matches);
    if (!read)
        return read.error();
    m_progress.scanned += read->scanned;
    m_progress.matches += qint64(matches.size() - firstMatch);
    if (order == Order::OldestFirst) {
        r.next = read->next;
    } else {
        r.next = from;
        std::reverse(matches.begin() + qsizetype(firstMatch), matches.end());
    }
    m_cursor = (m_cursor + 1) % m_ranges.size();
    m_progress.done = std::all_of(m_ranges.begin(), m_ranges.end(), [order](const Range &x) { return x.done(order); });
    return !m_progress.done;
}

Result<qint64> exportScan(Backend &backend, const RecordScan::Options &options, const QString &path,
                          ExportFormat format, ExportState &state)
{
    RecordScan scan(backend, options);
    if (const Status planned = scan.plan(); !planned)
        return planned.error();
    state.total = scan.progress().total;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(
            ErrorCode::Io,
            QCoreApplication::translate("tidemark::RecordScan", "cannot write %1: %2").arg(path, file.errorString()));
    auto write = [&file](const QByteArray &bytes) { return file.write(bytes) == bytes.size(); };
    if (format == ExportFormat::Csv && !write(csvHeaderLine()))
        return Error(
            ErrorCode::Io,
            QCoreApplication::translate("tidemark::RecordScan", "cannot write %1: %2").arg(path, file.errorString()));
    qint64 written = 0;
    std::vector<Record> matches;
    bool more = !scan.progress().done;
    while (more) {
        if (state.cancel.load())
            return Error(ErrorCode::Cancelled,
                         QCoreApplication::translate("tidemark::RecordScan", "export cancelled; %1 was not written")
                             .arg(path)); // QSaveFile discards what was written
        matches.clear();
        const auto stepped = scan.step(matches);
        if (!stepped)
            return stepped.error();
        more = *stepped;
        QByteArray out;
        for (const Record &r : matches)
            out += format == ExportFormat::Csv ? recordToCsvLine(r) : recordToJsonLine(r);
        if (!write(out))
            return Error(ErrorCode::Io, QCoreApplication::translate("tidemark::RecordScan", "cannot write %1: %2")
                                            .arg(path, file.errorString()));
        written += qint64(matches.size());
        state.scanned = scan.progress().scanned;
        state.written = written;
    }
    if (!file.commit())
        return Error(
            ErrorCode::Io,
            QCoreApplication::translate("tidemark::RecordScan", "cannot write %1: %2").arg(path, file.errorString()));
    return written;
}

} // namespace tidemark
