#include "core/ConsumerRunner.h"

#include <QElapsedTimer>

#include <algorithm>
#include <climits>
#include <deque>

namespace tidemark {

namespace {

QString offsetsText(const std::map<TopicPartition, qint64> &offsets)
{
    QStringList parts;
    for (const auto &[tp, offset] : offsets)
        parts << tp.toString() + QLatin1Char('@') + QString::number(offset);
    return parts.join(QStringLiteral(", "));
}

QString clientIdFor(const QString &consumerId)
{
    // Kafka client ids are best kept to [A-Za-z0-9._-].
    QString id = QStringLiteral("tidemark-");
    for (const QChar c : consumerId)
        id += (c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-'))
                  ? c
                  : QLatin1Char('-');
    return id;
}

ConsumerEvent makeEvent(ConsumerEvent::Kind kind, const QString &message, std::vector<TopicPartition> partitions = {})
{
    ConsumerEvent e;
    e.kind = kind;
    e.message = message;
    e.partitions = std::move(partitions);
    return e;
}

} // namespace

ConsumerRunner::ConsumerRunner(std::shared_ptr<Backend> backend, ConsumerStatus initial, ConsumerOptions options,
                               QObject *parent)
    : QThread(parent), m_backend(std::move(backend)), m_initial(std::move(initial)), m_options(std::move(options))
{
    setObjectName(QStringLiteral("consumer ") + m_initial.consumerId);
}

ConsumerRunner::~ConsumerRunner()
{
    requestStop(StopMode::Kill);
    wait();
}

void ConsumerRunner::requestStop(StopMode mode)
{
    StopMode current = m_stop.load();
    while (static_cast<int>(mode) > static_cast<int>(current) && !m_stop.compare_exchange_weak(current, mode)) {
    }
    QMutexLocker lock(&m_consumerMutex);
    if (m_consumer)
        m_consumer->wakeup();
}

void ConsumerRunner::setConsumer(std::unique_ptr<Consumer> consumer)
{
    std::unique_ptr<Consumer> old;
    {
        QMutexLocker lock(&m_consumerMutex);
        old = std::exchange(m_consumer, std::move(consumer));
    }
    // `old` is destroyed here, outside the lock: a destructor may block on the network.
}

void ConsumerRunner::run()
{
    ConsumerStatus st = m_initial;
    st.state = ConsumerStatus::State::Starting;
    st.assignment.clear();
    st.positions.clear();
    st.committed.clear();
    st.highWatermarks.clear();
    st.memberId.clear();
    st.generation = -1;
    st.lastError.clear();

    std::vector<ConsumerEvent> events;
    std::map<TopicPartition, std::pair<qint64, qint64>> ranges; // processed since the last update
    QElapsedTimer clock;
    clock.start();
    qint64 lastEmit = -1'000'000;
    qint64 lastCommit = 0;
    qint64 lastWatermarks = -1'000'000;
    ConsumerStatus::State lastEmittedState = st.state;

    auto emitUpdate = [&](bool finished) {
        ConsumerUpdate u;
        u.status = st;
        u.events = std::move(events);
        events.clear();
        for (const auto &[tp, r] : ranges)
            u.processed.push_back({tp, r.first, r.second});
        ranges.clear();
        u.finished = finished;
        lastEmit = clock.elapsed();
        lastEmittedState = st.state;
        emit updated(u);
    };

    ConsumerConfig config;
    config.groupId = st.groupId;
    config.topics = st.topics;
    config.reset = m_options.reset;
    config.clientId = clientIdFor(st.consumerId);
    config.sessionTimeoutMs = m_options.sessionTimeoutMs;
    config.heartbeatIntervalMs = m_options.heartbeatIntervalMs;
    config.assignmentStrategy = m_options.assignmentStrategy;
    if (m_options.maxRecordsPerSecond > 0)
        config.maxPollRecords = std::clamp(m_options.maxRecordsPerSecond / 5, 1, 500);
    if (m_options.maxPollRecords > 0)
        config.maxPollRecords = m_options.maxPollRecords;

    auto created = m_backend->createConsumer(config);
    if (!created) {
        st.state = ConsumerStatus::State::Failed;
        st.lastError = created.error().toString();
        events.push_back(
            makeEvent(ConsumerEvent::Kind::Error, tr("cannot create the consumer: %1").arg(created.error().message)));
        m_backend.reset();
        emitUpdate(true);
        return;
    }
    setConsumer(std::move(created.value()));
    Consumer &consumer = *m_consumer; // only this thread replaces the pointer
    if (m_stop.load() == StopMode::None)
        emitUpdate(false);

    std::map<TopicPartition, qint64> processed; // next offset to process, per assigned partition
    std::map<TopicPartition, qint64> startedAt; // where processing of each partition began
    std::deque<Record> backlog;                 // polled, not yet processed (throttled mode)
    int revokedGeneration = -1;                 // generation at the last revocation
    const double msPerRecord = m_options.maxRecordsPerSecond > 0 ? 1000.0 / m_options.maxRecordsPerSecond : 0.0;
    double nextDueMs = 0.0;

    auto isAssigned = [&](const TopicPartition &tp) {
        return std::find(st.assignment.begin(), st.assignment.end(), tp) != st.assignment.end();
    };
    // Commits the processed offsets of `tps` that advanced past the last known commit.
    auto commitProcessed = [&](const std::vector<TopicPartition> &tps, const QString &why, bool revoked = false) {
        std::vector<std::pair<TopicPartition, qint64>> offsets;
        std::map<TopicPartition, qint64> committedNow;
        for (const TopicPartition &tp : tps) {
            const auto p = processed.find(tp);
            if (p == processed.end() || p->second < 0)
                continue;
            const auto c = st.committed.find(tp);
            if (c != st.committed.end() && c->second >= p->second)
                continue;
            if (c == st.committed.end() && startedAt.count(tp) && startedAt.at(tp) == p->second)
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
                events.push_back(makeEvent(ConsumerEvent::Kind::Info,
                                           tr("could not commit the revoked partitions (%1); their new owner "
                                              "resumes from the last commit")
                                               .arg(s.error().message)));
                return;
            }
            events.push_back(makeEvent(ConsumerEvent::Kind::Error, tr("commit failed: %1").arg(s.error().message)));
            return;
        }
        for (const auto &[tp, offset] : committedNow)
            st.committed[tp] = offset;
        std::vector<TopicPartition> parts;
        for (const auto &entry : committedNow)
            parts.push_back(entry.first);
        events.push_back(makeEvent(ConsumerEvent::Kind::Committed,
                                   why.isEmpty() ? tr("committed %1").arg(offsetsText(committedNow))
                                                 : tr("committed %1 (%2)").arg(offsetsText(committedNow), why),
                                   parts));
    };
    auto syncAssignment = [&](const std::vector<Record> &batch) {
        std::vector<TopicPartition> now = consumer.assignment();
        std::sort(now.begin(), now.end());
        if (now == st.assignment)
            return;
        std::vector<TopicPartition> added;
        for (const TopicPartition &tp : now)
            if (!isAssigned(tp))
                added.push_back(tp);
        for (const TopicPartition &tp : st.assignment) {
            if (std::find(now.begin(), now.end(), tp) == now.end()) {
                processed.erase(tp);
                startedAt.erase(tp);
                st.positions.erase(tp);
                st.committed.erase(tp);
                st.highWatermarks.erase(tp);
            }
        }
        st.assignment = now;
        backlog.erase(std::remove_if(backlog.begin(), backlog.end(),
                                     [&](const Record &r) { return !isAssigned(r.topicPartition()); }),
                      backlog.end());
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
            processed[tp] = start;
            startedAt[tp] = start;
            std::optional<qint64> commit;
            if (committed) {
                const auto c = committed->find(tp);
                if (c != committed->end() && c->second >= 0)
                    commit = c->second;
            }
            if (commit)
                st.committed[tp] = *commit;
            QString message;
            if (commit && start >= 0 && start == *commit)
                message = tr("resumes %1 at offset %2, the committed offset").arg(tp.toString()).arg(start);
            else if (commit)
                message = tr("got %1, committed offset %2").arg(tp.toString()).arg(*commit);
            else if (start >= 0)
                message = tr("starts %1 at offset %2 (nothing committed)").arg(tp.toString()).arg(start);
            else
                message = tr("got %1 (nothing committed yet)").arg(tp.toString());
            events.push_back(makeEvent(ConsumerEvent::Kind::Info, message, {tp}));
        }
        lastWatermarks = -1'000'000; // fetch the new partitions' ends soon
    };

    while (m_stop.load() == StopMode::None) {
        if (backlog.empty()) {
            auto polled = consumer.poll(m_options.pollTimeoutMs);
            if (!polled) {
                st.state = ConsumerStatus::State::Failed;
                st.lastError = polled.error().toString();
                events.push_back(makeEvent(ConsumerEvent::Kind::Error, polled.error().message));
                consumer.abandon();
                setConsumer(nullptr);
                m_backend.reset();
                emitUpdate(true);
                return;
            }
            bool revokedNow = false;
            for (ConsumerEvent &e : polled->events) {
                switch (e.kind) {
                case ConsumerEvent::Kind::Revoked:
                    commitProcessed(e.partitions, tr("partitions revoked"), true);
                    st.state = ConsumerStatus::State::Rebalancing;
                    revokedNow = true;
                    revokedGeneration = consumer.generation();
                    break;
                case ConsumerEvent::Kind::Lost:
                    st.state = ConsumerStatus::State::Rebalancing;
                    revokedNow = true;
                    revokedGeneration = consumer.generation();
                    break;
                case ConsumerEvent::Kind::Assigned: st.state = ConsumerStatus::State::Running; break;
                default: break;
                }
                events.push_back(std::move(e));
            }
            syncAssignment(polled->records);
            if (st.state == ConsumerStatus::State::Starting && !st.assignment.empty())
                st.state = ConsumerStatus::State::Running;
            // Brokers with incremental rebalances revoke some partitions and keep the rest
            // without a new Assigned event: the member is running again once the revocation
            // is behind it (it still holds partitions, or a new generation began).
            if (st.state == ConsumerStatus::State::Rebalancing && !revokedNow &&
                (!st.assignment.empty() || consumer.generation() != revokedGeneration))
                st.state = ConsumerStatus::State::Running;
            st.memberId = consumer.memberId();
            st.generation = consumer.generation();
            for (Record &r : polled->records) {
                const TopicPartition tp = r.topicPartition();
                if (!isAssigned(tp))
                    continue;
                // Where processing of a partition starts is its first record, not the
                // consumer's position: that is past every record fetched, processed or not.
                auto p = processed.find(tp);
                if (p != processed.end() && p->second < 0) {
                    p->second = r.offset;
                    startedAt[tp] = r.offset;
                }
                backlog.push_back(std::move(r));
            }
            if (msPerRecord > 0 && !backlog.empty())
                nextDueMs = std::max(nextDueMs, double(clock.elapsed()));
        }

        // Process the backlog, throttled if asked to.
        while (!backlog.empty() && m_stop.load() == StopMode::None) {
            if (msPerRecord > 0) {
                const qint64 now = clock.elapsed();
                if (now < qint64(nextDueMs)) {
                    QThread::msleep(static_cast<unsigned long>(std::min<qint64>(qint64(nextDueMs) - now, 20)));
                    if (clock.elapsed() - lastEmit >= m_options.statusIntervalMs)
                        break; // let the loop publish a status and commit on time
                    continue;
                }
                nextDueMs += msPerRecord;
            }
            const Record r = std::move(backlog.front());
            backlog.pop_front();
            const TopicPartition tp = r.topicPartition();
            processed[tp] = r.offset + 1;
            ++st.recordsConsumed;
            auto range = ranges.find(tp);
            if (range == ranges.end())
                ranges.emplace(tp, std::make_pair(r.offset, r.offset));
            else
                range->second.second = r.offset;
        }

        for (const TopicPartition &tp : st.assignment) {
            auto p = processed.find(tp);
            if (p != processed.end() && p->second < 0) {
                // Nothing fetched yet: the position is where reading will start.
                p->second = consumer.position(tp).value_or(-1);
                startedAt[tp] = p->second;
            }
            if (p != processed.end() && p->second >= 0)
                st.positions[tp] = p->second;
        }

        const qint64 now = clock.elapsed();
        if (now - lastCommit >= m_options.commitIntervalMs) {
            commitProcessed(st.assignment, QString());
            lastCommit = now;
        }
        if (now - lastWatermarks >= m_options.watermarkIntervalMs) {
            lastWatermarks = now;
            for (const TopicPartition &tp : st.assignment) {
                auto w = m_backend->watermarks(tp);
                if (w)
                    st.highWatermarks[tp] = w->high;
            }
        }
        if (!events.empty() || st.state != lastEmittedState || now - lastEmit >= m_options.statusIntervalMs)
            emitUpdate(false);
    }

    backlog.clear();
    if (m_stop.load() == StopMode::Kill) {
        qint64 uncommitted = 0;
        for (const auto &[tp, offset] : processed) {
            const auto c = st.committed.find(tp);
            const qint64 base = c != st.committed.end() ? c->second : startedAt[tp];
            if (offset >= 0 && base >= 0 && offset > base)
                uncommitted += offset - base;
        }
        consumer.abandon();
        st.state = ConsumerStatus::State::Killed;
        events.push_back(makeEvent(
            ConsumerEvent::Kind::Info,
            tr("killed: no commit, no leave; records processed since the last commit, to be delivered again: %1")
                .arg(uncommitted)));
    } else {
        commitProcessed(st.assignment, tr("clean stop"));
        consumer.close();
        st.state = ConsumerStatus::State::Stopped;
        events.push_back(makeEvent(ConsumerEvent::Kind::Info, tr("stopped and left the group")));
    }
    setConsumer(nullptr);
    // If this is the last reference (the connection was switched meanwhile), the Backend's
    // destructor runs here, before the final update, and never on the GUI thread.
    m_backend.reset();
    emitUpdate(true);
}

} // namespace tidemark
