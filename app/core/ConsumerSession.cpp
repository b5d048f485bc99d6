#include "core/ConsumerSession.h"

#include "core/MemberNames.h"

#include <QThread>

#include <algorithm>

// Texts are translated as ConsumerRunner::tr, the context they have always had (resources/translations).

namespace tidemark {

namespace {

QString offsetsText(const std::map<TopicPartition, qint64> &offsets)
{
    QStringList parts;
    for (const auto &[tp, offset] : offsets)
        parts << tp.toString() + QLatin1Char('@') + QString::number(offset);
    return parts.join(QStringLiteral(", "));
}

ConsumerEvent makeEvent(ConsumerEvent::Kind kind, const QString &message, std::vector<TopicPartition> partitions = {})
{
    ConsumerEvent e;
    e.kind = kind;
    e.message = message;
    e.partitions = std::move(partitions);
    return e;
}

ConsumerStatus startingStatus(const ConsumerStatus &initial)
{
    ConsumerStatus st = initial;
    st.state = ConsumerStatus::State::Starting;
    st.assignment.clear();
    st.positions.clear();
    st.committed.clear();
    st.highWatermarks.clear();
    st.memberId.clear();
    st.generation = -1;
    st.lastError.clear();
    return st;
}

} // namespace

ConsumerSession::ConsumerSession(const ConsumerStatus &initial, const ConsumerOptions &options, Publish publish)
    : m_options(options),
      m_publish(std::move(publish)),
      m_msPerRecord(options.maxRecordsPerSecond > 0 ? 1000.0 / options.maxRecordsPerSecond : 0.0),
      m_status(startingStatus(initial)),
      m_lastEmittedState(m_status.state)
{
    m_clock.start();
}

ConsumerConfig ConsumerSession::consumerConfig() const
{
    ConsumerConfig config;
    config.groupId = m_status.groupId;
    config.topics = m_status.topics;
    config.reset = m_options.reset;
    config.clientId = m_status.clientId.isEmpty() ? consumerClientId(m_status.consumerId) : m_status.clientId;
    config.sessionTimeoutMs = m_options.sessionTimeoutMs;
    config.heartbeatIntervalMs = m_options.heartbeatIntervalMs;
    config.assignmentStrategy = m_options.assignmentStrategy;
    if (m_options.maxRecordsPerSecond > 0)
        config.maxPollRecords = std::clamp(m_options.maxRecordsPerSecond / 5, 1, 500);
    if (m_options.maxPollRecords > 0)
        config.maxPollRecords = m_options.maxPollRecords;
    return config;
}

void ConsumerSession::failedToStart(const Error &error)
{
    m_status.state = ConsumerStatus::State::Failed;
    m_status.lastError = error.toString();
    m_events.push_back(
        makeEvent(ConsumerEvent::Kind::Error, ConsumerRunner::tr("cannot create the consumer: %1").arg(error.message)));
}

void ConsumerSession::publish(bool finished)
{
    ConsumerUpdate u;
    u.status = m_status;
    u.events = std::move(m_events);
    m_events.clear();
    for (const auto &[tp, r] : m_ranges)
        u.processed.push_back({tp, r.first, r.second});
    m_ranges.clear();
    u.finished = finished;
    m_lastEmit = m_clock.elapsed();
    m_lastEmittedState = m_status.state;
    m_publish(u);
}

bool ConsumerSession::isAssigned(const TopicPartition &tp) const
{
    return std::find(m_status.assignment.begin(), m_status.assignment.end(), tp) != m_status.assignment.end();
}

void ConsumerSession::commitProcessed(Consumer &consumer, const std::vector<TopicPartition> &tps, const QString &why,
                                      bool revoked)
{
    std::vector<std::pair<TopicPartition, qint64>> offsets;
    std::map<TopicPartition, qint64> committedNow;
    for (const TopicPartition &tp : tps) {
        const auto p = m_processed.find(tp);
        if (p == m_processed.end() || p->second < 0)
            continue;
        const auto c = m_status.committed.find(tp);
        if (c != m_status.committed.end() && c->second >= p->second)
            continue;
        if (c == m_status.committed.end() && m_startedAt.count(tp) && m_startedAt.at(tp) == p->second)
            continue; // nothing processed yet: nothing worth committing
        offsets.emplace_back(tp, p->second);
        committedNow[tp] = p->second;
    }
    if (offsets.empty())
        return;
    const Status s = consumer.commit(offsets);
    if (!s) {
        if (revoked && s.error().code == ErrorCode::Conflict) {
            // Some brokers hand partitions over before reporting the revocation; then the
            // new owner starts from the last commit, which is exactly at-least-once.
            m_events.push_back(makeEvent(ConsumerEvent::Kind::Info,
                                         ConsumerRunner::tr("could not commit the revoked partitions (%1); their new "
                                                            "owner resumes from the last commit")
                                             .arg(s.error().message)));
            return;
        }
        m_events.push_back(
            makeEvent(ConsumerEvent::Kind::Error, ConsumerRunner::tr("commit failed: %1").arg(s.error().message)));
        return;
    }
    for (const auto &[tp, offset] : committedNow)
        m_status.committed[tp] = offset;
    std::vector<TopicPartition> parts;
    for (const auto &entry : committedNow)
        parts.push_back(entry.first);
    m_events.push_back(makeEvent(ConsumerEvent::Kind::Committed,
                                 why.isEmpty()
                                     ? ConsumerRunner::tr("committed %1").arg(offsetsText(committedNow))
                                     : ConsumerRunner::tr("committed %1 (%2)").arg(offsetsText(committedNow), why),
                                 parts));
}

void ConsumerSession::syncAssignment(Consumer &consumer, const std::vector<Record> &batch, bool leaving)
{
    std::vector<TopicPartition> now = consumer.assignment();
    if (leaving)
        now.erase(std::remove_if(now.begin(), now.end(), [this](const TopicPartition &tp) { return !isAssigned(tp); }),
                  now.end());
    std::sort(now.begin(), now.end());
    if (now == m_status.assignment)
        return;
    std::vector<TopicPartition> added;
    for (const TopicPartition &tp : now)
        if (!isAssigned(tp))
            added.push_back(tp);
    for (const TopicPartition &tp : m_status.assignment) {
        if (std::find(now.begin(), now.end(), tp) == now.end()) {
            m_processed.erase(tp);
            m_startedAt.erase(tp);
            m_status.positions.erase(tp);
            m_status.committed.erase(tp);
        }
    }
    m_status.assignment = now;
    m_backlog.erase(std::remove_if(m_backlog.begin(), m_backlog.end(),
                                   [this](const Record &r) { return !isAssigned(r.topicPartition()); }),
                    m_backlog.end());
    if (added.empty())
        return;
    auto committed = consumer.committed();
    for (const TopicPartition &tp : added) {
        qint64 start = -1;
        for (const Record &r : batch) {
            if (r.topicPartition() == tp) {
                start = r.offset;
                break;
            }
        }
        if (start < 0)
            start = consumer.position(tp).value_or(-1);
        m_processed[tp] = start;
        m_startedAt[tp] = start;
        std::optional<qint64> commit;
        if (committed) {
            const auto c = committed->find(tp);
            if (c != committed->end() && c->second >= 0)
                commit = c->second;
        }
        if (commit)
            m_status.committed[tp] = *commit;
        QString message;
        if (commit && start >= 0 && start == *commit)
            message = ConsumerRunner::tr("resumes %1 at offset %2, the committed offset").arg(tp.toString()).arg(start);
        else if (commit)
            message = ConsumerRunner::tr("got %1, committed offset %2").arg(tp.toString()).arg(*commit);
        else if (start >= 0)
            message = ConsumerRunner::tr("starts %1 at offset %2 (nothing committed)").arg(tp.toString()).arg(start);
        else
            message = ConsumerRunner::tr("got %1 (nothing committed yet)").arg(tp.toString());
        m_events.push_back(makeEvent(ConsumerEvent::Kind::Info, message, {tp}));
    }
}

bool ConsumerSession::pollOnce(Consumer &consumer, const std::function<bool()> &stopRequested)
{
    auto polled = consumer.poll(m_options.pollTimeoutMs);
    const bool leaving = stopRequested();
    if (!polled) {
        m_status.state = ConsumerStatus::State::Failed;
        m_status.lastError = polled.error().toString();
        m_events.push_back(makeEvent(ConsumerEvent::Kind::Error, polled.error().message));
        consumer.abandon();
        return false;
    }
    bool revokedNow = false;
    for (ConsumerEvent &e : polled->events) {
        if (leaving && (e.kind == ConsumerEvent::Kind::Assigned || e.reason == ConsumerEvent::Reason::Takeover))
            continue; // it leaves: what it was given meanwhile is not its story (see pollOnce)
        switch (e.kind) {
        case ConsumerEvent::Kind::Revoked:
            commitProcessed(consumer, e.partitions, ConsumerRunner::tr("partitions revoked"), true);
            m_status.state = ConsumerStatus::State::Rebalancing;
            revokedNow = true;
            m_revokedGeneration = consumer.generation();
            break;
        case ConsumerEvent::Kind::Lost:
            m_status.state = ConsumerStatus::State::Rebalancing;
            revokedNow = true;
            m_revokedGeneration = consumer.generation();
            break;
        case ConsumerEvent::Kind::Assigned: m_status.state = ConsumerStatus::State::Running; break;
        default: break;
        }
        m_events.push_back(std::move(e));
    }
    syncAssignment(consumer, polled->records, leaving);
    if (m_status.state == ConsumerStatus::State::Starting && !m_status.assignment.empty())
        m_status.state = ConsumerStatus::State::Running;
    // Brokers with incremental rebalances revoke some partitions and keep the rest without a
    // new Assigned event: the member is running again once the revocation is behind it (it
    // still holds partitions, or a new generation began).
    if (m_status.state == ConsumerStatus::State::Rebalancing && !revokedNow &&
        (!m_status.assignment.empty() || consumer.generation() != m_revokedGeneration))
        m_status.state = ConsumerStatus::State::Running;
    m_status.memberId = consumer.memberId();
    m_status.generation = consumer.generation();
    for (Record &r : polled->records) {
        const TopicPartition tp = r.topicPartition();
        if (!isAssigned(tp))
            continue;
        // Where processing of a partition starts is its first record, not the consumer's
        // position: that is past every record fetched, processed or not.
        auto p = m_processed.find(tp);
        if (p != m_processed.end() && p->second < 0) {
            p->second = r.offset;
            m_startedAt[tp] = r.offset;
        }
        m_backlog.push_back(std::move(r));
    }
    if (m_msPerRecord > 0 && !m_backlog.empty())
        m_nextDueMs = std::max(m_nextDueMs, double(m_clock.elapsed()));
    return true;
}

void ConsumerSession::processBacklog(const std::function<bool()> &stopRequested)
{
    while (!m_backlog.empty() && !stopRequested()) {
        if (m_msPerRecord > 0) {
            const qint64 now = m_clock.elapsed();
            if (now < qint64(m_nextDueMs)) {
                QThread::msleep(static_cast<unsigned long>(std::min<qint64>(qint64(m_nextDueMs) - now, 20)));
                if (m_clock.elapsed() - m_lastEmit >= m_options.statusIntervalMs)
                    break; // let the loop publish a status and commit on time
                continue;
            }
            m_nextDueMs += m_msPerRecord;
        }
        const Record r = std::move(m_backlog.front());
        m_backlog.pop_front();
        const TopicPartition tp = r.topicPartition();
        m_processed[tp] = r.offset + 1;
        ++m_status.recordsConsumed;
        auto range = m_ranges.find(tp);
        if (range == m_ranges.end())
            m_ranges.emplace(tp, std::make_pair(r.offset, r.offset));
        else
            range->second.second = r.offset;
    }
}

void ConsumerSession::updatePositions(Consumer &consumer)
{
    for (const TopicPartition &tp : m_status.assignment) {
        auto p = m_processed.find(tp);
        if (p != m_processed.end() && p->second < 0) {
            // Nothing fetched yet: the position is where reading will start.
            p->second = consumer.position(tp).value_or(-1);
            m_startedAt[tp] = p->second;
        }
        if (p != m_processed.end() && p->second >= 0)
            m_status.positions[tp] = p->second;
    }
}

bool ConsumerSession::consume(Consumer &consumer, const std::function<bool()> &stopRequested)
{
    while (!stopRequested()) {
        if (m_backlog.empty() && !pollOnce(consumer, stopRequested))
            return false;
        processBacklog(stopRequested);
        updatePositions(consumer);

        const qint64 now = m_clock.elapsed();
        if (now - m_lastCommit >= m_options.commitIntervalMs) {
            commitProcessed(consumer, m_status.assignment, QString());
            m_lastCommit = now;
        }
        if (!m_events.empty() || m_status.state != m_lastEmittedState || now - m_lastEmit >= m_options.statusIntervalMs)
            publish(false);
    }
    return true;
}

void ConsumerSession::kill(Consumer &consumer)
{
    m_backlog.clear();
    qint64 uncommitted = 0;
    for (const auto &[tp, offset] : m_processed) {
        const auto c = m_status.committed.find(tp);
        const qint64 base = c != m_status.committed.end() ? c->second : m_startedAt[tp];
        if (offset >= 0 && base >= 0 && offset > base)
            uncommitted += offset - base;
    }
    consumer.abandon();
    m_status.state = ConsumerStatus::State::Killed;
    m_events.push_back(makeEvent(ConsumerEvent::Kind::Info,
                                 ConsumerRunner::tr("killed: no commit, no leave; records processed since the last "
                                                    "commit, to be delivered again: %1")
                                     .arg(uncommitted)));
}

void ConsumerSession::stopCleanly(Consumer &consumer)
{
    m_backlog.clear();
    commitProcessed(consumer, m_status.assignment, ConsumerRunner::tr("clean stop"));
    consumer.close();
    m_status.state = ConsumerStatus::State::Stopped;
    m_events.push_back(makeEvent(ConsumerEvent::Kind::Info, ConsumerRunner::tr("stopped and left the group")));
}

} // namespace tidemark
