#include "core/timeline/TimelineLoader.h"

#include <algorithm>
#include <cmath>

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
    ++m_generation;
    m_topic = topic;
    m_fetchInFlight = false;
    m_emptyAnswers.clear();
    m_lastError.clear();
    m_model->setTopic(topic);
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

void TimelineLoader::setVisibleRange(double from, double to)
{
    m_visibleFrom = from;
    m_visibleTo = to;
    scheduleFetch();
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

bool TimelineLoader::pickFetch(int &partition, qint64 &from) const
{
    const int lanes = m_model->laneCount();
    if (lanes == 0)
        return false;
    // Pass 0: the visible range; pass 1: everything. Newest first within each, lanes in turn.
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < lanes; ++i) {
            const int lane = (m_nextLane + i) % lanes;
            const LaneSummary &s = m_model->summary(lane);
            qint64 lo = s.logStart();
            qint64 hi = s.highWatermark();
            if (pass == 0) {
                if (!(m_visibleTo > m_visibleFrom))
                    continue;
                lo = std::max(lo, qint64(std::floor(m_visibleFrom)));
                hi = std::min(hi, qint64(std::ceil(m_visibleTo)));
            }
            if (lo >= hi)
                continue;
            const qint64 last = s.lastMissing(lo, hi);
            if (last < 0)
                continue;
            const qint64 windowStart = std::max(lo, last - m_batchSize + 1);
            const qint64 first = s.firstMissing(windowStart, last + 1);
            partition = m_model->partitionOfLane(lane);
            from = first >= 0 ? first : last;
            m_nextLane = (lane + 1) % lanes;
            return true;
        }
    }
    return false;
}

void TimelineLoader::scheduleFetch()
{
    if (!m_backend || m_topic.isEmpty() || m_fetchInFlight)
        return;
    int partition = -1;
    qint64 from = 0;
    if (!pickFetch(partition, from)) {
        updateIdle();
        return;
    }
    m_fetchInFlight = true;
    updateIdle();
    const quint64 generation = m_generation;
    const TopicPartition tp{m_topic, partition};
    const int batch = m_batchSize;
    m_backend->run(
        this, [tp, from, batch](Backend &backend) { return backend.fetchSummaries(tp, from, batch); },
        [this, generation, partition, from, batch](Result<std::vector<RecordSummary>> result) {
            if (generation != m_generation)
                return;
            m_fetchInFlight = false;
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
                QTimer::singleShot(1000, this, [this, generation] {
                    if (generation == m_generation)
                        refresh();
                });
                updateIdle();
                return;
            }
            std::vector<RecordSummary> &records = *result;
            std::sort(records.begin(), records.end(),
                      [](const RecordSummary &a, const RecordSummary &b) { return a.offset < b.offset; });
            if (records.empty()) {
                // Nothing at `from` although the watermark says there is: a hole that a fetch
                // skips (compaction, aborted transactions). Mark it after it happens twice.
                const int lane = m_model->laneOfPartition(partition);
                if (lane >= 0 && from < m_model->highWatermark(lane) && ++m_emptyAnswers[{partition, from}] >= 2) {
                    m_model->addGap(partition, from, std::min(m_model->highWatermark(lane), from + batch));
                    m_emptyAnswers.erase({partition, from});
                }
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
            scheduleFetch();
            updateIdle();
        });
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

bool TimelineLoader::isIdle() const { return (!m_state || m_state->isIdle()) && !m_fetchInFlight && isFullyLoaded(); }

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
    const quint64 generation = m_generation;
    const TopicPartition tp{m_topic, partition};
    m_backend->run(
        this, [tp, offset](Backend &backend) { return backend.fetch(tp, offset, 1); },
        [this, serial, generation, partition, offset](Result<std::vector<Record>> result) {
            // Only the latest hover matters.
            if (generation != m_generation || serial != m_recordSerial || !result || result->empty())
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
    const quint64 generation = m_generation;
    const TopicPartition tp{m_topic, partition};
    m_backend->run(
        this,
        [groupId, tp, offset](Backend &backend) {
            return backend.resetGroupOffsets(groupId, {std::make_pair(tp, offset)});
        },
        [this, generation, groupId, partition, offset](Status status) {
            if (generation != m_generation)
                return;
            if (!status) {
                emit resetFinished(groupId, partition, offset, status.error().message);
                return;
            }
            m_model->applyCommitted(groupId, partition, offset);
            emit resetFinished(groupId, partition, offset, QString());
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
