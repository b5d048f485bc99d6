#include "core/ConsumerManager.h"

#include "core/ThreadReaper.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace tidemark {

namespace {

QString partitionsText(const std::vector<TopicPartition> &tps)
{
    QStringList parts;
    for (const TopicPartition &tp : tps)
        parts << tp.toString();
    return parts.join(QStringLiteral(", "));
}

} // namespace

ConsumerManager::ConsumerManager(Clock clock, QObject *parent) : QObject(parent), m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = systemClock();
}

ConsumerManager::~ConsumerManager()
{
    std::vector<ConsumerRunner *> runners = m_retiring;
    for (Entry &e : m_entries)
        if (e.runner)
            runners.push_back(e.runner);
    // Clean stops first (commit, leave), all at once; whoever is still busy after that gets
    // killed, and whoever still hangs (a commit against a broker that went away) is left to
    // finish on its own rather than freezing the window's close.
    for (ConsumerRunner *r : runners)
        r->requestStop(ConsumerRunner::StopMode::Clean);
    QDeadlineTimer clean(4000);
    for (ConsumerRunner *r : runners) {
        if (!r->wait(clean))
            r->requestStop(ConsumerRunner::StopMode::Kill);
    }
    for (ConsumerRunner *r : runners) {
        if (finishOrDetach(r, 1000))
            delete r;
    }
}

void ConsumerManager::setBackend(std::shared_ptr<Backend> backend)
{
    if (backend == m_backend)
        return;
    std::vector<Entry> old = std::move(m_entries);
    m_entries.clear();
    for (Entry &e : old) {
        if (e.runner) {
            e.runner->requestStop(ConsumerRunner::StopMode::Clean);
            m_retiring.push_back(e.runner);
        }
        emit consumerRemoved(e.status.consumerId);
    }
    m_maxProcessed.clear();
    m_nextNumber.clear();
    m_backend = std::move(backend);
}

QString ConsumerManager::start(const QString &groupId, const QStringList &topics)
{
    return start(groupId, topics, m_defaultOptions);
}

QString ConsumerManager::start(const QString &groupId, const QStringList &topics, const ConsumerOptions &options)
{
    const QString group = groupId.trimmed();
    if (!m_backend) {
        log(LogEntry::Kind::Error, tr("consumers"), tr("cannot start a consumer: not connected to a broker"));
        return {};
    }
    if (group.isEmpty() || topics.isEmpty()) {
        log(LogEntry::Kind::Error, tr("consumers"), tr("cannot start a consumer: a group id and a topic are needed"));
        return {};
    }
    Entry entry;
    entry.status.consumerId = group + QStringLiteral(" #") + QString::number(++m_nextNumber[group]);
    entry.status.groupId = group;
    entry.status.topics = topics;
    entry.status.state = ConsumerStatus::State::Starting;
    entry.options = options;
    m_entries.push_back(std::move(entry));
    Entry &e = m_entries.back();
    launch(e);
    log(LogEntry::Kind::Info, e.status.consumerId,
        tr("starting in group '%1' on %2").arg(group, topics.join(QStringLiteral(", "))));
    return e.status.consumerId;
}

QStringList ConsumerManager::startGroup(const QString &groupId, const QStringList &topics, int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        const QString id = start(groupId, topics);
        if (id.isEmpty())
            break;
        ids << id;
    }
    return ids;
}

void ConsumerManager::launch(Entry &entry)
{
    entry.status.state = ConsumerStatus::State::Starting;
    entry.status.assignment.clear();
    entry.status.positions.clear();
    entry.status.committed.clear();
    entry.status.highWatermarks.clear();
    entry.status.lastError.clear();
    entry.status.updatedAtMs = m_clock();
    auto *runner = new ConsumerRunner(m_backend, entry.status, entry.options);
    entry.runner = runner;
    connect(
        runner, &ConsumerRunner::updated, this, [this, runner](const ConsumerUpdate &u) { onUpdate(runner, u); },
        Qt::QueuedConnection);
    connect(
        runner, &QThread::finished, this, [this, runner] { onRunnerFinished(runner); }, Qt::QueuedConnection);
    runner->start();
    emit statusChanged(entry.status);
}

ConsumerManager::Entry *ConsumerManager::find(const QString &consumerId)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const Entry &e) { return e.status.consumerId == consumerId; });
    return it == m_entries.end() ? nullptr : &*it;
}

const ConsumerManager::Entry *ConsumerManager::find(const QString &consumerId) const
{
    return const_cast<ConsumerManager *>(this)->find(consumerId);
}

bool ConsumerManager::stop(const QString &consumerId)
{
    Entry *e = find(consumerId);
    if (!e || !e->runner)
        return false;
    e->restartPending = false;
    e->runner->requestStop(ConsumerRunner::StopMode::Clean);
    log(LogEntry::Kind::Info, consumerId, tr("stopping: commit, then leave the group"));
    return true;
}

bool ConsumerManager::kill(const QString &consumerId)
{
    Entry *e = find(consumerId);
    if (!e || !e->runner)
        return false;
    e->restartPending = false;
    e->runner->requestStop(ConsumerRunner::StopMode::Kill);
    log(LogEntry::Kind::Info, consumerId, tr("killing: no commit, no leave"));
    return true;
}

bool ConsumerManager::restart(const QString &consumerId)
{
    Entry *e = find(consumerId);
    if (!e || !m_backend)
        return false;
    if (e->runner) {
        e->restartPending = true;
        e->runner->requestStop(ConsumerRunner::StopMode::Clean);
        log(LogEntry::Kind::Info, consumerId, tr("restarting: clean stop first"));
        return true;
    }
    log(LogEntry::Kind::Info, consumerId, tr("restarting in group '%1'").arg(e->status.groupId));
    launch(*e);
    return true;
}

bool ConsumerManager::remove(const QString &consumerId)
{
    Entry *e = find(consumerId);
    if (!e)
        return false;
    if (e->runner) {
        e->removePending = true;
        e->restartPending = false;
        e->runner->requestStop(ConsumerRunner::StopMode::Clean);
        return true;
    }
    m_entries.erase(m_entries.begin() + (e - m_entries.data()));
    emit consumerRemoved(consumerId);
    return true;
}

void ConsumerManager::stopAll()
{
    for (Entry &e : m_entries) {
        if (e.runner) {
            e.restartPending = false;
            e.runner->requestStop(ConsumerRunner::StopMode::Clean);
        }
    }
}

std::vector<ConsumerStatus> ConsumerManager::statuses() const
{
    std::vector<ConsumerStatus> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        out.push_back(e.status);
    return out;
}

std::optional<ConsumerStatus> ConsumerManager::status(const QString &consumerId) const
{
    const Entry *e = find(consumerId);
    if (!e)
        return std::nullopt;
    return e->status;
}

QStringList ConsumerManager::consumerIds() const
{
    QStringList ids;
    for (const Entry &e : m_entries)
        ids << e.status.consumerId;
    return ids;
}

int ConsumerManager::activeCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(), [](const Entry &e) { return e.runner != nullptr; }));
}

void ConsumerManager::onUpdate(ConsumerRunner *runner, const ConsumerUpdate &update)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.runner == runner; });
    if (it == m_entries.end())
        return; // a retired runner of a forgotten consumer
    Entry &e = *it;
    const QString id = e.status.consumerId;
    for (const ConsumerEvent &ev : update.events) {
        LogEntry::Kind kind = LogEntry::Kind::Info;
        QString message = ev.message;
        switch (ev.kind) {
        case ConsumerEvent::Kind::Assigned:
            kind = LogEntry::Kind::Rebalance;
            if (message.isEmpty())
                message = ev.partitions.empty()
                              ? tr("assigned no partitions (generation %1)").arg(ev.generation)
                              : tr("assigned %1 (generation %2)").arg(partitionsText(ev.partitions)).arg(ev.generation);
            break;
        case ConsumerEvent::Kind::Revoked:
            kind = LogEntry::Kind::Rebalance;
            if (message.isEmpty())
                message = tr("revoked %1").arg(partitionsText(ev.partitions));
            break;
        case ConsumerEvent::Kind::Lost:
            kind = LogEntry::Kind::Rebalance;
            if (message.isEmpty())
                message = tr("lost %1 without a chance to commit").arg(partitionsText(ev.partitions));
            break;
        case ConsumerEvent::Kind::Committed: kind = LogEntry::Kind::Commit; break;
        case ConsumerEvent::Kind::Error: kind = LogEntry::Kind::Error; break;
        case ConsumerEvent::Kind::Info: kind = LogEntry::Kind::Info; break;
        }
        if (!message.isEmpty())
            log(kind, id, message);
    }
    const qint64 redelivered = e.status.recordsRedelivered;
    e.status = update.status;
    e.status.recordsRedelivered = redelivered;
    detectRedelivery(e, update);
    publish(e);
}

void ConsumerManager::detectRedelivery(Entry &entry, const ConsumerUpdate &update)
{
    auto &maxima = m_maxProcessed[entry.status.groupId];
    for (const ConsumerUpdate::Range &r : update.processed) {
        auto it = maxima.find(r.tp);
        if (it != maxima.end() && r.first <= it->second) {
            const qint64 last = std::min(r.last, it->second);
            entry.status.recordsRedelivered += last - r.first + 1;
            log(LogEntry::Kind::Rebalance, entry.status.consumerId,
                tr("re-delivered %1 offsets %2-%3: processed before, but never committed")
                    .arg(r.tp.toString())
                    .arg(r.first)
                    .arg(last));
        }
        if (it == maxima.end())
            maxima.emplace(r.tp, r.last);
        else
            it->second = std::max(it->second, r.last);
    }
}

void ConsumerManager::onRunnerFinished(ConsumerRunner *runner)
{
    auto retired = std::find(m_retiring.begin(), m_retiring.end(), runner);
    if (retired != m_retiring.end()) {
        m_retiring.erase(retired);
        runner->wait();
        delete runner;
        return;
    }
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.runner == runner; });
    runner->wait();
    delete runner;
    if (it == m_entries.end())
        return;
    it->runner = nullptr;
    if (it->status.isActive()) {
        // The thread ended without a final update (should not happen); say so rather than
        // showing a consumer that looks alive.
        it->status.state = ConsumerStatus::State::Failed;
        it->status.lastError = tr("the consumer thread ended unexpectedly");
        publish(*it);
    }
    if (it->removePending) {
        const QString id = it->status.consumerId;
        m_entries.erase(it);
        emit consumerRemoved(id);
        return;
    }
    if (it->restartPending) {
        it->restartPending = false;
        if (m_backend) {
            log(LogEntry::Kind::Info, it->status.consumerId, tr("restarting in group '%1'").arg(it->status.groupId));
            launch(*it);
        }
    }
}

void ConsumerManager::publish(Entry &entry)
{
    entry.status.updatedAtMs = m_clock();
    emit statusChanged(entry.status);
}

void ConsumerManager::log(LogEntry::Kind kind, const QString &source, const QString &message)
{
    LogEntry entry;
    entry.timestampMs = m_clock();
    entry.kind = kind;
    entry.source = source;
    entry.message = message;
    emit eventLogged(entry);
}

} // namespace tidemark
