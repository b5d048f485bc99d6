#include "core/RecordScan.h"

#include "core/JsonLines.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

namespace tidemark {

// The workers of a scan with threads > 1 and the batches they read ahead. Lives on the scan's
// thread; `m_mutex` guards the job queue, each batch's outcome and `m_stop`; the workers call
// only scanFiltered() (thread-safe) with the scan's backend, topic and predicate, which
// outlive them (the scan destroys this first).
class RecordScan::ReadAhead {
public:
    struct Batch {
        Window window;
        bool ready = false;                       // guarded by m_mutex
        std::optional<Result<FilteredRead>> read; // guarded by m_mutex until ready
        std::vector<Record> matches;              // likewise
    };

    ReadAhead(Backend &backend, const QString &topic, const ScanPredicate &predicate, int threads)
        : m_backend(backend), m_topic(topic), m_predicate(predicate)
    {
        for (int i = 0; i < threads; ++i)
            m_workers.emplace_back([this] { work(); });
    }
    ~ReadAhead()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_jobs.clear();
        }
        m_wake.notify_all();
        for (std::thread &t : m_workers)
            t.join(); // each finishes the batch it is reading, at most
    }

    // Reads `w` of `partition` on a worker.
    std::shared_ptr<Batch> start(const Window &w, int partition)
    {
        auto batch = std::make_shared<Batch>();
        batch->window = w;
        {
            std::lock_guard lock(m_mutex);
            m_jobs.push_back({batch, partition});
        }
        m_wake.notify_one();
        return batch;
    }
    void waitFor(Batch &batch)
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [&batch] { return batch.ready; });
    }
    // Forgets the batches not started yet (those being read finish unseen).
    void dropQueued()
    {
        std::lock_guard lock(m_mutex);
        m_jobs.clear();
    }

    int readCount()
    {
        std::lock_guard lock(m_mutex);
        return int(std::count_if(inFlight.begin(), inFlight.end(), [](const auto &b) { return b->ready; }));
    }

    std::deque<std::shared_ptr<Batch>> inFlight; // in scan order; the scan's thread only
    std::vector<Range> planned;                  // the ranges as they will be once inFlight is read
    size_t plannedCursor = 0;

private:
    struct Job {
        std::shared_ptr<Batch> batch;
        int partition;
    };
    void work()
    {
        for (;;) {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_stop)
                return;
            const Job job = m_jobs.front();
            m_jobs.pop_front();
            lock.unlock();
            std::vector<Record> found;
            auto read = scanFiltered(m_backend, TopicPartition{m_topic, job.partition}, job.batch->window.from,
                                     job.batch->window.until, m_predicate, found);
            lock.lock();
            job.batch->read = std::move(read);
            job.batch->matches = std::move(found);
            job.batch->ready = true;
            lock.unlock();
            m_done.notify_all();
        }
    }

    Backend &m_backend;
    const QString m_topic;
    const ScanPredicate &m_predicate;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    std::deque<Job> m_jobs; // guarded by m_mutex
    bool m_stop = false;    // guarded by m_mutex
    std::vector<std::thread> m_workers;
};

RecordScan::RecordScan(Backend &backend, Options options) : m_backend(backend), m_options(std::move(options))
{
    m_options.batchSize = std::max(1, m_options.batchSize);
    m_predicate.filter = m_options.filter;
    m_predicate.fromTimeMs = m_options.fromTimeMs;
    m_predicate.toTimeMs = m_options.toTimeMs;
}

RecordScan::~RecordScan() { m_readAhead.reset(); }

RecordScan::ReadAheadState RecordScan::readAhead() const
{
    if (!m_readAhead)
        return {};
    return {int(m_readAhead->inFlight.size()), m_readAhead->readCount()};
}

Status RecordScan::plan()
{
    m_readAhead.reset();
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
    m_threads = m_options.threads;
    if (m_threads <= 0) {
        const QString kind = m_backend.kind();
        const int partitions = int(m_ranges.size());
        if (kind == QLatin1String("local")) // CPU-bound: no more threads than cores
            m_threads = std::clamp(std::min(partitions, QThread::idealThreadCount()), 1, 4);
        else if (kind == QLatin1String("kafka")) // waits on each partition's fetches, not on the cores
            m_threads = std::clamp(partitions, 1, 4);
        else
            m_threads = 1;
    }
    if (m_threads > 1 && !m_progress.done) {
        m_readAhead = std::make_unique<ReadAhead>(m_backend, m_options.topic, m_predicate, m_threads);
        m_readAhead->planned = m_ranges;
    }
    return {};
}

std::optional<RecordScan::Window> RecordScan::nextWindow(std::vector<Range> &ranges, size_t &cursor) const
{
    const Order order = m_options.order;
    // The next partition with records left, round robin.
    size_t tried = 0;
    while (tried < ranges.size() && ranges[cursor].done(order)) {
        cursor = (cursor + 1) % ranges.size();
        ++tried;
    }
    if (ranges.empty() || tried == ranges.size())
        return std::nullopt;
    Range &r = ranges[cursor];
    Window w;
    w.range = cursor;
    w.from = order == Order::OldestFirst ? r.next : std::max(r.begin, r.next - m_options.batchSize);
    w.until = order == Order::OldestFirst ? std::min(r.end, r.next + m_options.batchSize) : r.next;
    // As a read of the whole window leaves it (FilteredRead::next is `until`).
    r.next = order == Order::OldestFirst ? w.until : w.from;
    cursor = (cursor + 1) % ranges.size();
    return w;
}

Result<bool> RecordScan::finish(const Window &w, const Result<FilteredRead> &read, std::vector<Record> &matches,
                                size_t firstMatch)
{
    if (!read)
        return read.error();
    const Order order = m_options.order;
    Range &r = m_ranges[w.range];
    m_progress.scanned += read->scanned;
    m_progress.matches += qint64(matches.size() - firstMatch);
    // Offsets the window passed that held no record (Kafka's transaction markers, aborted or
    // compacted records) leave the total: it was planned in offsets, and a scan that has read
    // everything says "N of N", never stops short of its total.
    const qint64 covered = order == Order::OldestFirst ? read->next - w.from : w.until - w.from;
    if (covered > read->scanned)
        m_progress.total -= covered - read->scanned;
    if (order == Order::OldestFirst) {
        r.next = read->next;
    } else {
        r.next = w.from;
        std::reverse(matches.begin() + qsizetype(firstMatch), matches.end());
    }
    m_cursor = (w.range + 1) % m_ranges.size();
    m_progress.done = std::all_of(m_ranges.begin(), m_ranges.end(), [order](const Range &x) { return x.done(order); });
    return !m_progress.done;
}

Result<bool> RecordScan::step(std::vector<Record> &matches)
{
    if (!m_readAhead) {
        std::vector<Range> ranges = m_ranges; // changed only once the batch is read
        size_t cursor = m_cursor;
        const auto w = nextWindow(ranges, cursor);
        if (!w) {
            m_progress.done = true;
            return false;
        }
        // The window [from, until): the backend reads and tests it (the built-in broker where
        // the records lie, without copying those that do not match).
        const size_t firstMatch = matches.size();
        const auto read = scanFiltered(m_backend, TopicPartition{m_options.topic, m_ranges[w->range].partition},
                                       w->from, w->until, m_predicate, matches);
        return finish(*w, read, matches, firstMatch);
    }

    ReadAhead &ahead = *m_readAhead;
    auto fill = [this, &ahead] {
        while (ahead.inFlight.size() < size_t(m_threads)) {
            const auto w = nextWindow(ahead.planned, ahead.plannedCursor);
            if (!w)
                break;
            ahead.inFlight.push_back(ahead.start(*w, m_ranges[w->range].partition));
        }
    };
    fill();
    if (ahead.inFlight.empty()) {
        m_progress.done = true;
        return false;
    }
    const std::shared_ptr<ReadAhead::Batch> batch = ahead.inFlight.front();
    ahead.inFlight.pop_front();
    ahead.waitFor(*batch);
    const size_t firstMatch = matches.size();
    const Result<FilteredRead> &read = *batch->read;
    if (read)
        matches.insert(matches.end(), std::make_move_iterator(batch->matches.begin()),
                       std::make_move_iterator(batch->matches.end()));
    const auto stepped = finish(batch->window, read, matches, firstMatch);
    const bool asPlanned = read && (m_options.order == Order::NewestFirst || read->next == batch->window.until);
    if (!asPlanned) {
        // An error (the scan stays where it was) or a window read short: what was read ahead
        // is dropped and planned again from where the scan is.
        ahead.dropQueued();
        ahead.inFlight.clear();
        ahead.planned = m_ranges;
        ahead.plannedCursor = m_cursor;
    }
    fill(); // the workers read on while the caller handles this batch
    return stepped;
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
        state.total = scan.progress().total; // less the offsets without records found so far
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
