#include "core/timeline/TimelineLoader.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tidemark {

TimelineLoader::TimelineLoader(TimelineModel *model, QObject *parent) : QObject(parent), m_model(model) {}

TimelineLoader::~TimelineLoader()
{
    if (m_state) {
        m_state->unwatch(m_topicWatch);
        m_state->unwatch(m_groupsWatch);
    }
}

void TimelineLoader::setBackend(AsyncBackend *backend)
{
    if (backend == m_backend)
        return;
    m_backend = backend;
    setTopic(m_topic);
}

void TimelineLoader::setTopic(const QString &topic)
{
    m_requests.renew();
    m_topic = topic;
    m_fetchInFlight = false;
    m_emptyAnswers.clear();
    m_probed.clear();
    m_probeCursors.clear();
    m_lastError.clear();
    m_bytesFetched = 0;
    m_recordsFetched = 0;
    m_reads = 0;
    m_probeReads = 0;
    m_probeBytes = m_probeRecords = m_probeRecordBytes = m_viewProbeBytes = 0;
    const bool ranging = m_rangeActive;
    m_rangeActive = false;
    m_model->setTopic(topic);
    if (ranging)
        emit rangeLoadFinished(false);
    emit fetchedChanged(m_bytesFetched, m_budgetBytes);
    watch();
    updateIdle();
}

void TimelineLoader::watch()
{
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        m_state->unwatch(m_topicWatch);
        m_state->unwatch(m_groupsWatch);
        m_topicWatch = m_groupsWatch = 0;
    }
    m_state = m_backend ? BrokerState::of(m_backend) : nullptr;
    if (!m_state || m_topic.isEmpty())
        return;
    connect(m_state, &BrokerState::topicChanged, this, [this](const QString &topic) {
        if (topic == m_topic)
            applyTopic();
    });
    connect(m_state, &BrokerState::groupsChanged, this, [this](const QString &topic) {
        if (topic == m_topic)
            applyGroups();
    });
    m_topicWatch = m_state->watchTopic(m_topic, m_pollIntervalMs);
    m_groupsWatch = m_state->watchGroups(m_topic, m_pollIntervalMs);
    if (m_state->isTopicLoaded(m_topic))
        applyTopic();
    if (m_state->areGroupsLoaded(m_topic))
        applyGroups();
}

void TimelineLoader::setPollInterval(int msecs)
{
    m_pollIntervalMs = qMax(50, msecs);
    watch();
}

void TimelineLoader::setVisibleRange(double from, double to, int columns)
{
    if (from != m_visibleFrom || to != m_visibleTo || std::max(1, columns) != m_columns) {
        m_probeCursors.clear();
        m_viewProbeBytes = 0;
    }
    m_visibleFrom = from;
    m_visibleTo = to;
    m_columns = std::max(1, columns);
    scheduleFetch();
}

void TimelineLoader::setFetchBudget(qint64 bytes)
{
    m_budgetBytes = std::max<qint64>(0, bytes);
    emit fetchedChanged(m_bytesFetched, m_budgetBytes);
    scheduleFetch();
    updateIdle();
}

bool TimelineLoader::budgetApplies() const
{
    // The built-in broker reads the user's own disk; every other backend is someone's cluster.
    return !m_backend || m_backend->kind() != QLatin1String("local");
}

void TimelineLoader::setCompleteLoadLimit(qint64 records)
{
    m_completeLimit = std::max<qint64>(0, records);
    scheduleFetch();
    updateIdle();
}

void TimelineLoader::refresh()
{
    if (m_state)
        m_state->refresh();
    updateIdle();
}

void TimelineLoader::applyTopic()
{
    if (const auto error = m_state->topicError(m_topic)) {
        reportError(tr("Cannot read topic '%1' from %2: %3")
                        .arg(m_topic, m_backend ? m_backend->displayName() : QString(), error->message));
        if (error->code == ErrorCode::NotFound)
            m_model->setPartitions({});
    } else if (const auto info = m_state->topic(m_topic)) {
        m_model->setPartitions(info->partitions);
        clearError();
    }
    scheduleFetch();
    updateIdle();
}

void TimelineLoader::applyGroups()
{
    const QString error = m_state->groupsError(m_topic);
    if (!error.isEmpty()) {
        if (!m_state->topicError(m_topic))
            reportError(tr("Cannot list consumer groups: %1").arg(error));
    } else {
        m_model->setGroups(m_state->groups(m_topic));
    }
    updateIdle();
}

qint64 TimelineLoader::topicRecordCount() const { return m_model->recordCount(); }

bool TimelineLoader::isCovered(int lane, qint64 from, qint64 to) const
{
    const LaneSummary &s = m_model->summary(lane);
    if (s.samples().hasRecordIn(from, to))
        return true;
    const qint64 firstMissing = s.firstMissing(from, to);
    if (firstMissing < 0 || firstMissing > from)
        return true;
    return s.lastMissing(from, to) < to - 1;
}

bool TimelineLoader::pickDense(int lane, qint64 lo, qint64 hi, PlannedRead &read, int batch) const
{
    if (lo >= hi)
        return false;
    batch = batch > 0 ? batch : m_batchSize;
    const LaneSummary &s = m_model->summary(lane);
    const qint64 last = s.lastMissing(lo, hi);
    if (last < 0)
        return false;
    const qint64 windowStart = std::max(lo, last - batch + 1);
    const qint64 first = s.firstMissing(windowStart, last + 1);
    const qint64 from = first >= 0 ? first : last;
    // Up to the last missing record, never past it: a zoomed-in window costs the window, not
    // a batch beyond it, and records already loaded above are not read again.
    const int records = int(last + 1 - from);
    read = PlannedRead{m_model->partitionOfLane(lane), from, records, SummaryRead::Range, 0};
    return true;
}

double TimelineLoader::recordsPerProbe() const
{
    return m_probeReads > 0 ? std::max(double(kProbeRecords), double(m_probeRecords) / m_probeReads)
                            : double(kProbeRecords);
}

bool TimelineLoader::isDenseRange(qint64 records, int columns) const
{
    // Few records per column, or so few that probes every 2 columns would read them all anyway.
    return records <= qint64(kDenseRecordsPerColumn) * columns ||
           double(records) <= recordsPerProbe() * std::max(1.0, columns / 2.0);
}

qint64 TimelineLoader::levelCell(qint64 records, int columns, int level)
{
    const double probes = std::max(1.0, double(columns) / kColumnsPerProbe[level]);
    qint64 cell = 1;
    while (double(cell) * probes < double(records))
        cell <<= 1;
    return cell;
}

TimelineLoader::ProbeLimits TimelineLoader::probeLimits(qint64 visibleRecords) const
{
    // Nothing known of what probes cost before the first ones: the coarse pass only.
    ProbeLimits limits;
    if (m_probeReads == 0 || m_probeRecords == 0 || visibleRecords <= 0)
        return limits;
    const double perProbe = std::max(1.0, double(m_probeBytes) / m_probeReads);
    const double perRecord = double(m_probeRecordBytes) / double(m_probeRecords);
    const double allowance = std::max(kOverviewShare * perRecord * double(visibleRecords), double(kRefineFloorBytes));
    // At most allowance / perProbe probes over the visible records of every lane, on the
    // power-of-two grid that every level shares.
    const double minCell = double(visibleRecords) * perProbe / allowance;
    limits.minCell = 1;
    while (double(limits.minCell) < minCell)
        limits.minCell <<= 1;
    limits.spent = double(m_viewProbeBytes) >= allowance;
    return limits;
}

bool TimelineLoader::pickProbe(int lane, qint64 lo, qint64 hi, int columns, int level, const ProbeLimits &limits,
                               PlannedRead &read) const
{
    const int partition = m_model->partitionOfLane(lane);
    qint64 cell = levelCell(hi - lo, columns, level);
    if (level > 0) {
        // Finer than the coarse pass only within the view's allowance; a level that the limit
        // makes as coarse as the one before it has nothing to add.
        if (limits.spent)
            return false;
        cell = std::max(cell, limits.minCell);
        if (cell >= levelCell(hi - lo, columns, level - 1))
            return false;
    }
    // Newest first, on a grid aligned to multiples of `cell` (shared by every zoom). The cursor
    // remembers how far down this level is covered, so a pick does not rescan it.
    const qint64 start = (lo / cell) * cell;
    const qint64 top = ((hi - 1) / cell) * cell;
    ProbeCursor &cursor = m_probeCursors[{lane, cell}];
    if (cursor.top != top || cursor.start != start)
        cursor = ProbeCursor{top, start, top};
    for (qint64 p = cursor.next; p >= start; p -= cell) {
        const qint64 a = std::max(p, lo), b = std::min(p + cell, hi);
        cursor.next = p;
        if (m_probed.count({partition, p}) || isCovered(lane, a, b))
            continue;
        read = PlannedRead{partition, a, kProbeMaxRecords, SummaryRead::Probe, cell};
        return true;
    }
    cursor.next = start - cell;
    return false;
}

bool TimelineLoader::isCoarsePassDone() const
{
    double from = 0, to = 0;
    visibleSpan(from, to);
    for (int lane = 0; lane < m_model->laneCount(); ++lane) {
        const LaneSummary &s = m_model->summary(lane);
        const qint64 lo = std::max(s.logStart(), qint64(std::floor(from)));
        const qint64 hi = std::min(s.highWatermark(), qint64(std::ceil(to)));
        if (lo >= hi)
            continue;
        const int columns = std::max(1, int(std::lround(m_columns * double(hi - lo) / (to - from))));
        if (topicRecordCount() <= m_completeLimit || isDenseRange(hi - lo, columns)) {
            if (s.lastMissing(lo, hi) >= 0)
                return false;
            continue;
        }
        const int partition = m_model->partitionOfLane(lane);
        const qint64 cell = levelCell(hi - lo, columns, 0);
        for (qint64 p = (lo / cell) * cell; p < hi; p += cell) {
            if (!m_probed.count({partition, p}) && !isCovered(lane, std::max(p, lo), std::min(p + cell, hi)))
                return false;
        }
    }
    return m_model->laneCount() > 0;
}

void TimelineLoader::visibleSpan(double &from, double &to) const
{
    from = m_visibleFrom;
    to = m_visibleTo;
    if (to > from)
        return;
    from = double(std::numeric_limits<qint64>::max());
    to = 0;
    for (int lane = 0; lane < m_model->laneCount(); ++lane) {
        from = std::min(from, double(m_model->summary(lane).logStart()));
        to = std::max(to, double(m_model->summary(lane).highWatermark()));
    }
}

bool TimelineLoader::pickFetch(PlannedRead &read) const
{
    const int lanes = m_model->laneCount();
    if (lanes == 0 || !m_backend || m_topic.isEmpty())
        return false;
    // 0: a range the user asked to load completely, budget or not.
    if (m_rangeActive) {
        for (int i = 0; i < lanes; ++i) {
            const int lane = (m_nextLane + i) % lanes;
            const LaneSummary &s = m_model->summary(lane);
            if (pickDense(lane, std::max(s.logStart(), qint64(std::floor(m_rangeFrom))),
                          std::min(s.highWatermark(), qint64(std::ceil(m_rangeTo))), read))
                return true;
        }
    }
    if (isBudgetSpent())
        return false;
    const bool complete = topicRecordCount() <= m_completeLimit;
    // 1: the visible range at the screen's resolution (no view yet: everything, as an overview).
    double from = 0, to = 0;
    visibleSpan(from, to);
    if (to > from) {
        struct LaneRange {
            int lane;
            qint64 lo, hi;
            int columns;
            bool dense;
        };
        std::vector<LaneRange> ranges;
        qint64 sampledRecords = 0;
        for (int i = 0; i < lanes; ++i) {
            const int lane = (m_nextLane + i) % lanes;
            const LaneSummary &s = m_model->summary(lane);
            const qint64 lo = std::max(s.logStart(), qint64(std::floor(from)));
            const qint64 hi = std::min(s.highWatermark(), qint64(std::ceil(to)));
            if (lo >= hi)
                continue;
            const int columns = std::max(1, int(std::lround(m_columns * double(hi - lo) / (to - from))));
            const bool dense = complete || isDenseRange(hi - lo, columns);
            ranges.push_back(LaneRange{lane, lo, hi, columns, dense});
            if (!dense)
                sampledRecords += hi - lo;
        }
        // Lanes read completely and every lane's coarse pass first, then level by level.
        const ProbeLimits limits = probeLimits(sampledRecords);
        for (int level = 0; level < kProbeLevels; ++level) {
            for (const LaneRange &r : ranges) {
                if (r.dense
                        ? level == 0 && pickDense(r.lane, r.lo, r.hi, read,
                                                  complete ? m_batchSize : std::max(m_batchSize, kWindowReadRecords))
                        : pickProbe(r.lane, r.lo, r.hi, r.columns, level, limits, read))
                    return true;
            }
        }
    }
    // 2: the rest of a small topic, newest first.
    if (complete) {
        for (int i = 0; i < lanes; ++i) {
            const int lane = (m_nextLane + i) % lanes;
            const LaneSummary &s = m_model->summary(lane);
            if (pickDense(lane, s.logStart(), s.highWatermark(), read))
                return true;
        }
    }
    return false;
}

void TimelineLoader::scheduleFetch()
{
    if (!m_backend || m_topic.isEmpty() || m_fetchInFlight)
        return;
    PlannedRead read;
    if (!pickFetch(read)) {
        updateIdle();
        return;
    }
    if (const int lane = m_model->laneOfPartition(read.partition); lane >= 0)
        m_nextLane = (lane + 1) % std::max(1, m_model->laneCount());
    m_fetchInFlight = true;
    updateIdle();
    const TopicPartition tp{m_topic, read.partition};
    m_backend->run(
        m_requests.context(),
        [tp, read](Backend &backend) { return readSummaries(backend, tp, read.from, read.maxRecords, read.how); },
        [this, read](Result<SummaryFetch> result) {
            m_fetchInFlight = false;
            const int partition = read.partition;
            const qint64 from = read.from;
            if (!result && result.error().code == ErrorCode::Corrupt) {
                // The record at `from` failed its check and will never be returned: show it as
                // a hole and load on past it instead of asking for it again forever.
                reportError(tr("%1[%2]: the record at offset %3 is damaged and skipped: %4")
                                .arg(m_topic)
                                .arg(partition)
                                .arg(from)
                                .arg(result.error().message));
                m_model->addGap(partition, from, from + 1);
                scheduleFetch();
                updateIdle();
                return;
            }
            if (!result) {
                // Most often the log start moved (retention): the next poll says where it is.
                reportError(tr("Cannot read %1[%2] at offset %3: %4")
                                .arg(m_topic)
                                .arg(partition)
                                .arg(from)
                                .arg(result.error().message));
                QTimer::singleShot(1000, m_requests.context(), [this] { refresh(); });
                updateIdle();
                return;
            }
            m_bytesFetched += result->bytesFetched;
            m_recordsFetched += qint64(result->records.size());
            ++m_reads;
            if (m_rangeActive)
                m_rangeBytes += result->bytesFetched;
            emit fetchedChanged(m_bytesFetched, m_budgetBytes);
            std::vector<RecordSummary> &records = result->records;
            std::sort(records.begin(), records.end(),
                      [](const RecordSummary &a, const RecordSummary &b) { return a.offset < b.offset; });
            if (read.how == SummaryRead::Probe) {
                ++m_probeReads;
                m_probeBytes += result->bytesFetched;
                m_viewProbeBytes += result->bytesFetched;
                m_probeRecords += qint64(records.size());
                for (const RecordSummary &r : records)
                    m_probeRecordBytes += qint64(r.size) + kRecordOverheadBytes;
                // A sample: it colours the lane, never moves a watermark.
                const qint64 cellStart = (from / read.probeCell) * read.probeCell;
                if (!records.empty())
                    m_model->addSamples(partition, records,
                                        std::max<qint64>(1, cellStart + read.probeCell - records.front().offset));
                if (records.empty() || records.front().offset >= cellStart + read.probeCell)
                    m_probed.insert({partition, cellStart}); // nothing there: do not ask again
                scheduleFetch();
                updateIdle();
                return;
            }
            onRangeAnswer(read, records);
        });
}

void TimelineLoader::onRangeAnswer(const PlannedRead &read, std::vector<RecordSummary> &records)
{
    const int partition = read.partition;
    const qint64 from = read.from;
    if (records.empty()) {
        // Nothing at `from` although the watermark says there is: a hole that a fetch
        // skips (compaction, aborted transactions). Mark it after it happens twice.
        const int lane = m_model->laneOfPartition(partition);
        if (lane >= 0 && from < m_model->highWatermark(lane) && ++m_emptyAnswers[{partition, from}] >= 2) {
            m_model->addGap(partition, from, std::min(m_model->highWatermark(lane), from + read.maxRecords));
            m_emptyAnswers.erase({partition, from});
        }
        updateRangeProgress();
        updateIdle();
        return; // the next poll or visible-range change picks loading up again
    }
    m_emptyAnswers.erase({partition, from});
    // Records past the high watermark every view shows: the broker state learns of
    // them first (and every panel with it), then the lane gets them.
    if (const int lane = m_model->laneOfPartition(partition);
        m_state && lane >= 0 && records.back().offset + 1 > m_model->highWatermark(lane))
        m_state->noteDelivered(m_topic, {{partition, records.back().offset + 1}});
    m_model->addSummaries(partition, records);
    // Offsets skipped inside the answer hold no record.
    qint64 expected = from;
    for (const RecordSummary &r : records) {
        if (r.offset > expected)
            m_model->addGap(partition, expected, r.offset);
        expected = std::max(expected, r.offset + 1);
    }
    updateRangeProgress();
    scheduleFetch();
    updateIdle();
}

qint64 TimelineLoader::missingRecordsIn(double from, double to) const
{
    qint64 missing = 0;
    for (int lane = 0; lane < m_model->laneCount(); ++lane) {
        const LaneSummary &s = m_model->summary(lane);
        const qint64 lo = std::max(s.logStart(), qint64(std::floor(from)));
        const qint64 hi = std::min(s.highWatermark(), qint64(std::ceil(to)));
        if (lo < hi)
            missing += (hi - lo) - s.loadedCountIn(lo, hi);
    }
    return missing;
}

qint64 TimelineLoader::estimateRangeBytes(double from, double to) const
{
    // What records cost so far here; before any read, a typical small record.
    const double perRecord =
        m_recordsFetched > 0 ? double(m_bytesFetched) / double(m_recordsFetched) : 300.0 + kRecordOverheadBytes;
    return qint64(std::llround(perRecord * double(missingRecordsIn(from, to))));
}

void TimelineLoader::loadRangeCompletely(double from, double to)
{
    if (!(to > from))
        return;
    m_rangeActive = true;
    m_rangeFrom = from;
    m_rangeTo = to;
    m_rangeBytes = 0;
    m_rangeTotal = 0;
    for (int lane = 0; lane < m_model->laneCount(); ++lane) {
        const LaneSummary &s = m_model->summary(lane);
        m_rangeTotal += std::max<qint64>(0, std::min(s.highWatermark(), qint64(std::ceil(to))) -
                                                std::max(s.logStart(), qint64(std::floor(from))));
    }
    updateRangeProgress();
    scheduleFetch();
    updateIdle();
}

void TimelineLoader::cancelRangeLoad()
{
    if (!m_rangeActive)
        return;
    m_rangeActive = false;
    emit rangeLoadFinished(false);
    updateIdle();
}

void TimelineLoader::updateRangeProgress()
{
    if (!m_rangeActive)
        return;
    const qint64 missing = missingRecordsIn(m_rangeFrom, m_rangeTo);
    emit rangeLoadProgress(std::max<qint64>(0, m_rangeTotal - missing), m_rangeTotal, m_rangeBytes);
    if (missing == 0) {
        m_rangeActive = false;
        emit rangeLoadFinished(true);
    }
}

bool TimelineLoader::isFullyLoaded() const
{
    for (int lane = 0; lane < m_model->laneCount(); ++lane) {
        const LaneSummary &s = m_model->summary(lane);
        if (s.firstMissing(s.logStart(), s.highWatermark()) >= 0)
            return false;
    }
    return true;
}

bool TimelineLoader::isLoading() const
{
    PlannedRead read;
    return m_fetchInFlight || pickFetch(read);
}

bool TimelineLoader::isIdle() const { return (!m_state || m_state->isIdle()) && !isLoading(); }

void TimelineLoader::updateIdle()
{
    const bool idle = isIdle();
    if (idle != m_idle) {
        m_idle = idle;
        emit idleChanged(idle);
    }
}
void TimelineLoader::requestRecord(int partition, qint64 offset)
{
    if (!m_backend || m_topic.isEmpty() || offset < 0)
        return;
    const qint64 serial = ++m_recordSerial;
    const TopicPartition tp{m_topic, partition};
    m_backend->run(
        m_requests.context(), [tp, offset](Backend &backend) { return backend.fetch(tp, offset, 1); },
        [this, serial, partition, offset](Result<std::vector<Record>> result) {
            // Only the latest hover matters.
            if (serial != m_recordSerial || !result || result->empty())
                return;
            if (result->front().offset == offset)
                emit recordReady(partition, offset, result->front());
        });
}

void TimelineLoader::resetOffset(const QString &groupId, int partition, qint64 offset)
{
    if (!m_backend) {
        emit resetFinished(groupId, partition, offset, tr("Not connected to a broker."));
        return;
    }
    const TopicPartition tp{m_topic, partition};
    m_backend->run(
        m_requests.context(),
        [groupId, tp, offset](Backend &backend) -> Result<qint64> {
            // The committed offset it moves from, as the broker has it: what the group read up
            // to there is replayed, whether or not this process saw it read (an app restarted
            // since knows it only from here). Unknown (-1) if the group cannot be described.
            qint64 before = -1;
            if (const Result<GroupInfo> group = backend.describeGroup(groupId))
                for (const GroupPartitionState &s : group->partitions)
                    if (s.tp == tp)
                        before = s.committed;
            if (const Status status = backend.resetGroupOffsets(groupId, {std::make_pair(tp, offset)}); !status)
                return status.error();
            return before;
        },
        [this, groupId, tp, offset](Result<qint64> before) {
            if (!before) {
                emit resetFinished(groupId, tp.partition, offset, before.error().message);
                return;
            }
            m_model->applyCommitted(groupId, tp.partition, offset, *before);
            if (m_state) // every view of the connection (the app's consumers) learns it at once
                m_state->noteOffsetReset(groupId, tp, *before, offset);
            emit resetFinished(groupId, tp.partition, offset, QString());
            refresh();
        });
}

void TimelineLoader::reportError(const QString &message)
{
    if (message == m_lastError)
        return;
    m_lastError = message;
    emit errorOccurred(message);
}

void TimelineLoader::clearError() { m_lastError.clear(); }

} // namespace tidemark
