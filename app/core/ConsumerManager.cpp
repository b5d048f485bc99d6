#include "core/ConsumerManager.h"

#include "core/MemberNames.h"
#include "core/ThreadReaper.h"

#include <QDeadlineTimer>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

namespace tidemark {

namespace {

// Four letters or digits, "k3x9": a token of this run for its consumers' client ids.
QString newRunToken()
{
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString token;
    for (int i = 0; i < 4; ++i)
        token += QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(36)]);
    return token;
}

QString partitionsText(const std::vector<TopicPartition> &tps)
{
    QStringList parts;
    for (const TopicPartition &tp : tps)
        parts << tp.toString();
    return parts.join(QStringLiteral(", "));
}

// `sentence` (the app's words), then the broker's technical detail, if any, in parentheses.
QString withDetail(const QString &sentence, const QString &detail)
{
    return detail.isEmpty() ? sentence : sentence + QStringLiteral(" (") + detail + QLatin1Char(')');
}

} // namespace

qint64 GroupMoment::totalRedelivered() const
{
    qint64 sum = 0;
    for (const auto &[id, n] : redelivered)
        sum += n;
    return sum;
}

qint64 GroupMoment::totalReplayed() const
{
    qint64 sum = 0;
    for (const auto &[id, n] : replayed)
        sum += n;
    return sum;
}

QString ConsumerManager::memberName(const QString &memberId)
{
    return tr("member %1", "took <partitions> over from member <id>").arg(memberId);
}

QString ConsumerManager::takeoverText(const ConsumerEvent &ev, const std::vector<TopicPartition> &partitions,
                                      const QString &from)
{
    return withDetail(tr("took %1 over from %2, which left the group without letting go of it (it died, or did not "
                         "poll within its session timeout)")
                          .arg(partitionsText(partitions), from),
                      ev.message);
}

QString ConsumerManager::eventText(const ConsumerEvent &ev)
{
    const QString parts = partitionsText(ev.partitions);
    using Reason = ConsumerEvent::Reason;
    switch (ev.kind) {
    case ConsumerEvent::Kind::Assigned: {
        QString text;
        if (ev.reason == Reason::Manual)
            text = ev.partitions.empty() ? tr("assigned no partitions by hand (no group)")
                                         : tr("assigned %1 by hand (no group)").arg(parts);
        else if (ev.generation < 0)
            text = ev.partitions.empty() ? tr("assigned no partitions") : tr("assigned %1").arg(parts);
        else
            text = ev.partitions.empty() ? tr("assigned no partitions (generation %1)").arg(ev.generation)
                                         : tr("assigned %1 (generation %2)").arg(parts).arg(ev.generation);
        return withDetail(text, ev.message);
    }
    case ConsumerEvent::Kind::Revoked:
        return withDetail(ev.generation < 0 ? tr("revoked %1").arg(parts)
                                            : tr("revoked %1 (generation %2)").arg(parts).arg(ev.generation),
                          ev.message);
    case ConsumerEvent::Kind::Lost:
        if (ev.reason == Reason::Evicted) {
            const QString seconds = QLocale().toString(ev.sessionTimeoutMs / 1000.0, 'g', 3);
            return withDetail(
                ev.partitions.empty()
                    ? tr("evicted from the group for not polling within its session timeout of %1 s; joining again")
                          .arg(seconds)
                    : tr("lost %1: evicted from the group for not polling within its session timeout of %2 s; "
                         "joining again")
                          .arg(parts, seconds),
                ev.message);
        }
        return withDetail(tr("lost %1 without a chance to commit").arg(parts), ev.message);
    case ConsumerEvent::Kind::Info:
    case ConsumerEvent::Kind::Error:
    case ConsumerEvent::Kind::Committed:
        switch (ev.reason) {
        case Reason::TopicMissing:
            return withDetail(tr("topic '%1' does not exist yet; waiting for it to be created").arg(ev.topic),
                              ev.message);
        case Reason::Takeover: {
            // Another program's member by its client id ("tidemark-cli"), never by its UUID.
            const QString client = clientIdOfMember(ev.previousOwner);
            return takeoverText(ev, ev.partitions, client.isEmpty() ? memberName(ev.previousOwner) : client);
        }
        default: break;
        }
        return ev.message;
    }
    return ev.message;
}

ConsumerManager::ConsumerManager(Clock clock, QObject *parent)
    : QObject(parent), m_clock(std::move(clock)), m_runToken(newRunToken()), m_commitTimer(new QTimer(this))
{
    if (!m_clock)
        m_clock = systemClock();
    // Held-back commit lines come out at most kCommitSummaryMs after the previous line of
    // their consumer (the timer is armed only while one is held back).
    m_commitTimer->setSingleShot(true);
    connect(m_commitTimer, &QTimer::timeout, this, &ConsumerManager::flushDueCommits);
    m_sessionTimer = new QTimer(this);
    m_sessionTimer->setInterval(200);
    connect(m_sessionTimer, &QTimer::timeout, this, &ConsumerManager::tickSessions);
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

void ConsumerManager::setBackend(std::shared_ptr<Backend> backend, const QString &why)
{
    if (backend == m_backend)
        return;
    std::vector<Entry> old = std::move(m_entries);
    m_entries.clear();
    for (Entry &e : old) {
        if (e.status.isActive())
            log(LogEntry::Kind::Info, e.status.consumerId,
                why.isEmpty()
                    ? tr("stopped with its connection (a clean stop: it commits what it processed and "
                         "leaves its group)")
                    : tr("stopped: %1 (a clean stop: it commits what it processed and leaves its group)").arg(why),
                true);
        if (e.runner) {
            e.runner->requestStop(ConsumerRunner::StopMode::Clean);
            m_retiring.push_back(e.runner);
        }
        emit consumerRemoved(e.status.consumerId);
    }
    m_maxProcessed.clear();
    m_lastCommitted.clear();
    m_readUpTo.clear();
    m_replays.clear();
    m_rereading.clear();
    m_commitSummaries.clear();
    m_moments.clear();
    m_nextNumber.clear();
    m_groupStops.clear();
    m_backend = std::move(backend);
    updateWatches();
}

void ConsumerManager::setBrokerState(BrokerState *state)
{
    if (state == m_state)
        return;
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        for (const auto &[topic, watch] : m_watches)
            m_state->unwatch(watch.first);
    }
    m_watches.clear();
    m_state = state;
    if (m_state) {
        connect(m_state, &BrokerState::topicChanged, this, &ConsumerManager::onTopicChanged);
        connect(m_state, &BrokerState::offsetReset, this, &ConsumerManager::onOffsetReset);
    }
    updateWatches();
}

void ConsumerManager::onOffsetReset(const QString &groupId, const TopicPartition &tp, qint64 before, qint64 offset)
{
    // The one way a reset reaches the manager (BrokerState::offsetReset, whoever made it).
    const auto running = [&](bool holdingTp) {
        return std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &e) {
            return e.status.groupId == groupId && e.status.isActive() && (!holdingTp || e.status.committed.count(tp));
        });
    };
    if (before >= 0 && offset > before) {
        // Forward: the records from `before` on are skipped, not read (reviewer F4). The group
        // had read up to the first of a chain of such resets.
        m_readUpTo[groupId].try_emplace(tp, before);
    }
    if (before >= 0 && offset < before && !running(true)) {
        // The group had read and committed everything below `before`, whether or not this
        // process saw it (the app may have restarted since), but what a reset forward skipped:
        // the member that gets `tp` next finds the commit moved back (detectReset) and what it
        // reads up to there is a replay. Also when one of ours has started and not got `tp` yet
        // (a poll saw the reset while it joined). One that holds it read its committed offset
        // already (and found the reset).
        auto &last = m_lastCommitted[groupId];
        if (auto it = last.find(tp); it == last.end() || it->second < before)
            last[tp] = before;
        const qint64 read = readUpTo(groupId, tp, before);
        auto &maxima = m_maxProcessed[groupId];
        if (auto it = maxima.find(tp); it == maxima.end() || it->second < read - 1)
            maxima[tp] = read - 1;
    }
    // The brokers reset only a group none of whose members runs: one told while a member of
    // ours runs again was seen late, or found by that member, which tells it (detectReset).
    if (running(false))
        return;
    log(LogEntry::Kind::Commit, groupId, tr("offset of %1 reset to %2").arg(tp.toString()).arg(offset));
    // The group's latest moment until a member starts again (the Consumers dock tells it).
    GroupMoment moment;
    moment.kind = GroupMoment::Kind::OffsetsReset;
    moment.groupId = groupId;
    moment.partitions = {tp};
    moment.forwardOnly = before >= 0 && offset >= before;
    noteMoment(std::move(moment));
}

void ConsumerManager::updateWatches()
{
    std::map<QString, int> wanted; // topic -> fastest interval
    if (m_state) {
        for (const Entry &e : m_entries) {
            if (!e.runner && !e.status.holdsPartitions()) // a killed one's lag grows until the takeover
                continue;
            for (const QString &topic : e.status.topics) {
                const auto it = wanted.find(topic);
                wanted[topic] = it == wanted.end() ? e.options.watermarkIntervalMs
                                                   : std::min(it->second, e.options.watermarkIntervalMs);
            }
        }
    }
    for (auto it = m_watches.begin(); it != m_watches.end();) {
        const auto w = wanted.find(it->first);
        if (w != wanted.end() && w->second == it->second.second) {
            ++it;
            continue;
        }
        if (m_state)
            m_state->unwatch(it->second.first);
        it = m_watches.erase(it);
    }
    for (const auto &[topic, interval] : wanted)
        if (!m_watches.count(topic))
            m_watches[topic] = {m_state->watchTopic(topic, interval), interval};
}

bool ConsumerManager::fillWatermarks(Entry &entry)
{
    bool changed = false;
    std::map<TopicPartition, qint64> known;
    std::map<QString, std::map<int, qint64>> readPast; // records the state did not know yet
    if (m_state) {
        for (const TopicPartition &tp : entry.status.assignment) {
            const std::optional<TopicInfo> topic = m_state->topic(tp.topic);
            if (!topic)
                continue;
            const auto p = std::find_if(topic->partitions.begin(), topic->partitions.end(),
                                        [&](const PartitionInfo &info) { return info.partition == tp.partition; });
            if (p == topic->partitions.end() || p->highWatermark < 0)
                continue;
            qint64 high = p->highWatermark;
            const auto pos = entry.status.positions.find(tp);
            if (pos != entry.status.positions.end() && pos->second > high) {
                readPast[tp.topic][tp.partition] = pos->second;
                high = pos->second;
            }
            known[tp] = high;
        }
    }
    changed = known != entry.status.highWatermarks;
    entry.status.highWatermarks = std::move(known);
    for (const auto &[topic, next] : readPast)
        m_state->noteDelivered(topic, next);
    return changed;
}

void ConsumerManager::onTopicChanged(const QString &topic)
{
    for (Entry &e : m_entries) {
        if ((!e.runner && !e.status.holdsPartitions()) || !e.status.topics.contains(topic))
            continue;
        if (fillWatermarks(e))
            publish(e);
    }
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
    entry.status.clientId = consumerClientId(entry.status.consumerId, m_runToken);
    entry.status.topics = topics;
    entry.status.state = ConsumerStatus::State::Starting;
    entry.options = options;
    m_entries.push_back(std::move(entry));
    Entry &e = m_entries.back();
    launch(e);
    log(LogEntry::Kind::Info, e.status.consumerId,
        tr("starting in group '%1' on %2").arg(group, topics.join(QStringLiteral(", "))), true);
    noteMoment(GroupMoment::Kind::Joined, e);
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
    // Its membership so far is over (the group may keep it until its session expires): it
    // joins again as a new member, and the old one is named after it (core/MemberNames.h).
    if (!entry.status.memberId.isEmpty() && !entry.status.earlierMemberIds.contains(entry.status.memberId))
        entry.status.earlierMemberIds << entry.status.memberId;
    // Killed and started again before its session ran out: the group still counts the killed
    // membership, which keeps its partitions until then. Its countdown goes on (tickSessions),
    // and whoever gets them next takes them over from it (detectTakeover).
    if (entry.status.state == ConsumerStatus::State::Killed && entry.status.holdsPartitions() &&
        !entry.status.memberId.isEmpty()) {
        EarlierSession earlier;
        earlier.memberId = entry.status.memberId;
        earlier.kept = entry.status.assignment;
        earlier.sessionTimeoutMs = entry.status.sessionTimeoutMs;
        earlier.sessionExpiresAtMs = entry.status.sessionExpiresAtMs;
        earlier.sessionRemainingMs = entry.status.sessionRemainingMs;
        entry.status.earlierSessions.push_back(std::move(earlier));
        if (!m_sessionTimer->isActive())
            m_sessionTimer->start();
    }
    entry.status.state = ConsumerStatus::State::Starting;
    entry.status.memberId.clear();
    entry.status.sessionTimeoutMs = 0;
    entry.status.sessionExpiresAtMs = 0;
    entry.status.sessionRemainingMs = -1;
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
    updateWatches();
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
    log(LogEntry::Kind::Info, consumerId, tr("stopping: commit, then leave the group"), true);
    return true;
}

bool ConsumerManager::kill(const QString &consumerId)
{
    Entry *e = find(consumerId);
    if (!e || !e->runner)
        return false;
    e->restartPending = false;
    e->runner->requestStop(ConsumerRunner::StopMode::Kill);
    log(LogEntry::Kind::Info, consumerId, tr("killing: no commit, no leave"), true);
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
        log(LogEntry::Kind::Info, consumerId, tr("restarting: clean stop first"), true);
        return true;
    }
    log(LogEntry::Kind::Info, consumerId, tr("restarting in group '%1'").arg(e->status.groupId), true);
    launch(*e);
    noteMoment(GroupMoment::Kind::Restarted, *e);
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
    noteMoment(GroupMoment::Kind::Removed, *e);
    m_entries.erase(m_entries.begin() + (e - m_entries.data()));
    emit consumerRemoved(consumerId);
    return true;
}

int ConsumerManager::stopGroup(const QString &groupId)
{
    QStringList members;
    std::vector<ConsumerRunner *> stopping;
    for (Entry &e : m_entries) {
        if (e.status.groupId != groupId || !e.runner || e.runner->requestedStop() != ConsumerRunner::StopMode::None)
            continue;
        e.restartPending = false;
        e.runner->markStop(ConsumerRunner::StopMode::Clean);
        stopping.push_back(e.runner);
        members << e.status.consumerId;
    }
    // Woken once every member knows it leaves: the first one woken may leave before this loop
    // goes on, and a member still polling unaware would take its partitions over.
    for (ConsumerRunner *runner : stopping)
        runner->wake();
    if (members.isEmpty())
        return 0;
    m_groupStops[groupId] = {members, int(members.size())};
    log(LogEntry::Kind::Info, groupId,
        tr("stopping the group: %n member(s) commit what they processed, then leave", nullptr, int(members.size())));
    return int(members.size());
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
    std::vector<const ConsumerEvent *> takeovers; // told after detectTakeover, unless it told them
    for (const ConsumerEvent &ev : update.events) {
        if (ev.kind == ConsumerEvent::Kind::Committed) {
            // Folded into one summary line: both the runner and the broker report a commit,
            // and a commit every second per consumer would bury the story.
            noteCommit(e, ev, update);
            continue;
        }
        if (ev.reason == ConsumerEvent::Reason::Takeover) {
            takeovers.push_back(&ev);
            continue;
        }
        const LogEntry::Kind kind = ev.kind == ConsumerEvent::Kind::Error  ? LogEntry::Kind::Error
                                    : ev.kind == ConsumerEvent::Kind::Info ? LogEntry::Kind::Info
                                                                           : LogEntry::Kind::Rebalance;
        const QString message = eventText(ev);
        if (message.isEmpty())
            continue;
        if (update.finished && update.status.state == ConsumerStatus::State::Stopped &&
            m_groupStops.count(e.status.groupId) && ev.kind == ConsumerEvent::Kind::Info && ev.partitions.empty() &&
            ev.message == ConsumerRunner::tr("stopped and left the group"))
            continue;     // the group's line tells it, once for all its members (stopGroup)
        flushCommits(id); // what was committed before this event is told before it
        // Joins, hand-overs, resumes, kills and stops are the story; errors have their colour.
        log(kind, id, message, kind != LogEntry::Kind::Error);
    }
    // Before e.status is replaced: it compares with the previous one.
    const std::vector<FoundReset> resetsFound = detectReset(e, update);
    // Likewise. A partition taken over from a consumer this app killed is told with the time
    // its session took; one the broker says was taken from another member, here.
    const std::set<TopicPartition> told = detectTakeover(e, update);
    for (const ConsumerEvent *ev : takeovers) {
        std::vector<TopicPartition> rest;
        for (const TopicPartition &tp : ev->partitions)
            if (!told.count(tp))
                rest.push_back(tp);
        if (rest.empty())
            continue;
        // Named as the app knows it ("billing #1 (before its restart)", "tidemark-cli"), never by its UUID.
        const QString named = memberDisplayName(statuses(), e.status.groupId, ev->previousOwner);
        flushCommits(id);
        const QString from = named.isEmpty() || named == ev->previousOwner ? memberName(ev->previousOwner) : named;
        log(LogEntry::Kind::Rebalance, id, takeoverText(*ev, rest, from), true);
        // A member that is none of this run's consumers, found holding partitions after the
        // group's offsets were reset, is a leftover whose session was over before the reset
        // (both brokers reset only a group without members): an earlier run's member, left
        // when the app was killed. The replay the learner asked for is the story, not this.
        const bool ours = std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &other) {
            return other.status.groupId == e.status.groupId &&
                   (other.status.memberId == ev->previousOwner ||
                    other.status.earlierMemberIds.contains(ev->previousOwner));
        });
        if (!ours && m_moments[e.status.groupId].resetToReplay)
            continue;
        GroupMoment moment;
        moment.kind = GroupMoment::Kind::TakenOver;
        moment.groupId = e.status.groupId;
        moment.consumerId = id;
        moment.takers = QStringList{id};
        moment.previousOwner = from;
        moment.partitions = rest;
        for (const TopicPartition &tp : rest)
            moment.uncommitted = moment.uncommitted || hasUncommitted(e.status.groupId, tp, update.status.committed);
        noteMoment(std::move(moment));
    }
    const qint64 redelivered = e.status.recordsRedelivered;
    const qint64 replayed = e.status.recordsReplayed;
    std::vector<EarlierSession> earlierSessions = std::move(e.status.earlierSessions); // the runner's copy is stale
    e.status = update.status;
    e.status.recordsRedelivered = redelivered;
    e.status.recordsReplayed = replayed;
    e.status.earlierSessions = std::move(earlierSessions);
    // The connection's picture learns a reset this member found before a poll saw it, before
    // the member's status is published: the timeline's groups then show the committed offset
    // moved back, and the member's first move flashes as the replay it is.
    if (m_state)
        for (const FoundReset &r : resetsFound)
            m_state->noteOffsetReset(e.status.groupId, r.tp, r.before, r.offset);
    fillWatermarks(e);
    if (update.finished && update.status.state == ConsumerStatus::State::Killed)
        startSessionCountdown(e);
    detectRedelivery(e, update);
    // What it read on its way out belongs to the moment before.
    if (update.finished && update.status.state == ConsumerStatus::State::Killed)
        noteMoment(GroupMoment::Kind::Killed, e);
    else if (update.finished && update.status.state == ConsumerStatus::State::Stopped)
        noteMoment(GroupMoment::Kind::Stopped, e);
    else if (update.finished && update.status.state == ConsumerStatus::State::Failed)
        noteMoment(GroupMoment::Kind::Failed, e);
    if (update.finished)
        flushCommits(id);
    else if (auto c = m_commitSummaries.find(id); c != m_commitSummaries.end() && c->second.commits > 0) {
        const qint64 left = c->second.lastLoggedMs + kCommitSummaryMs - m_clock();
        if (left <= 0)
            flushCommits(id);
        else if (!m_commitTimer->isActive() || m_commitTimer->remainingTime() > left)
            m_commitTimer->start(int(std::clamp<qint64>(left, 10, kCommitSummaryMs)));
    }
    if (auto g = m_groupStops.find(e.status.groupId);
        update.finished && g != m_groupStops.end() && g->second.first.removeOne(id) && g->second.first.isEmpty()) {
        const int members = g->second.second;
        m_groupStops.erase(g);
        log(LogEntry::Kind::Info, e.status.groupId,
            members == 1   ? tr("the group stopped: its member committed and left")
            : members == 2 ? tr("the group stopped: both members committed and left together")
                           : tr("the group stopped: all %n members committed and left together", nullptr, members),
            true);
    }
    publish(e);
}

void ConsumerManager::noteCommit(Entry &entry, const ConsumerEvent &event, const ConsumerUpdate &update)
{
    CommitSummary &summary = m_commitSummaries[entry.status.consumerId];
    bool any = false;
    for (const TopicPartition &tp : event.partitions) {
        const auto c = update.status.committed.find(tp);
        if (c == update.status.committed.end())
            continue;
        const auto known = summary.known.find(tp);
        if (known != summary.known.end() && known->second == c->second)
            continue;
        summary.known[tp] = c->second;
        summary.offsets[tp] = c->second;
        any = true;
    }
    if (!any)
        return; // the broker's echo of a commit the runner already reported
    ++summary.commits;
    // The runner says why a commit was not a routine one: "committed ... (partitions revoked)".
    if (event.message.endsWith(QLatin1Char(')'))) {
        const qsizetype open = event.message.lastIndexOf(QStringLiteral(" ("));
        if (open > 0)
            summary.reason = event.message.mid(open + 2).chopped(1);
    }
}

void ConsumerManager::flushCommits(const QString &consumerId)
{
    auto it = m_commitSummaries.find(consumerId);
    if (it == m_commitSummaries.end() || it->second.commits == 0)
        return;
    CommitSummary &summary = it->second;
    LogEntry entry;
    entry.timestampMs = m_clock();
    entry.kind = LogEntry::Kind::Commit;
    entry.source = consumerId;
    entry.message = commitLineText(summary.offsets, summary.commits, summary.reason);
    // A routine line says what the events pane needs to fold it with the group's next ones; a
    // commit with a reason (partitions revoked, clean stop) is told on its own.
    if (const Entry *e = find(consumerId); e && summary.reason.isEmpty()) {
        entry.group = e->status.groupId;
        entry.committed = summary.offsets;
        entry.commits = summary.commits;
    }
    emit eventLogged(entry);
    summary.offsets.clear();
    summary.commits = 0;
    summary.reason.clear();
    summary.lastLoggedMs = m_clock();
}

void ConsumerManager::flushDueCommits()
{
    // Lines whose kCommitSummaryMs (by the clock) have passed come out; the timer is armed
    // again for the earliest of the others.
    const qint64 now = m_clock();
    QStringList due;
    qint64 wait = -1;
    for (const auto &[id, summary] : m_commitSummaries) {
        if (summary.commits == 0)
            continue;
        const qint64 left = summary.lastLoggedMs + kCommitSummaryMs - now;
        if (left <= 0)
            due << id;
        else
            wait = wait < 0 ? left : std::min(wait, left);
    }
    for (const QString &id : due)
        flushCommits(id);
    if (wait > 0)
        m_commitTimer->start(int(std::clamp<qint64>(wait, 10, kCommitSummaryMs)));
}

void ConsumerManager::startSessionCountdown(Entry &entry)
{
    ConsumerStatus &s = entry.status;
    if (s.assignment.empty())
        return;
    // The brokers' floor (the built-in broker's and librdkafka's): at least a second.
    s.sessionTimeoutMs = std::max(1000, entry.options.sessionTimeoutMs);
    s.sessionExpiresAtMs = m_clock() + s.sessionTimeoutMs;
    s.sessionRemainingMs = s.sessionTimeoutMs;
    log(LogEntry::Kind::Rebalance, s.consumerId,
        tr("keeps %1 until its session timeout of %2 s runs out: the group cannot tell a dead member from a slow "
           "one, so nobody reads them meanwhile and their lag grows")
            .arg(partitionsText(s.assignment))
            .arg(QLocale().toString(s.sessionTimeoutMs / 1000.0, 'g', 3)),
        true);
    if (!m_sessionTimer->isActive())
        m_sessionTimer->start();
}

void ConsumerManager::tickSessions()
{
    const qint64 now = m_clock();
    bool running = false;
    bool released = false;
    for (Entry &e : m_entries) {
        ConsumerStatus &s = e.status;
        bool changed = false;
        if (s.sessionRemainingMs > 0) {
            const int before = s.sessionSecondsLeft();
            s.sessionRemainingMs = std::max<qint64>(0, s.sessionExpiresAtMs - now);
            changed = s.sessionSecondsLeft() != before;
        }
        // Expired, the takeover not seen yet: the group is rebalancing, unless no member of it
        // is left in the app to take the partitions (then they wait for the next one).
        const auto survivor = [&](bool countSelf) {
            return std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &other) {
                return (countSelf || &other != &e) && other.status.groupId == s.groupId && other.status.isActive();
            });
        };
        if (s.sessionTimedOut() && !survivor(false)) {
            s.assignment.clear();
            released = true;
            noteMoment(GroupMoment::Kind::SessionExpired, e);
            changed = true;
        }
        // Its earlier memberships' sessions (restarted too soon) count down alike; the consumer
        // itself, as it is now, may be the one that takes their partitions over.
        for (auto it = s.earlierSessions.begin(); it != s.earlierSessions.end();) {
            if (it->sessionRemainingMs > 0) {
                const int before = it->sessionSecondsLeft();
                it->sessionRemainingMs = std::max<qint64>(0, it->sessionExpiresAtMs - now);
                changed = changed || it->sessionSecondsLeft() != before;
            }
            if (it->sessionTimedOut() && !survivor(true)) {
                it->kept.clear(); // nobody in the app to take them: they wait for the next one
                released = true;
            }
            if (it->kept.empty()) {
                it = s.earlierSessions.erase(it);
                changed = true;
                continue;
            }
            running = running || it->sessionRemainingMs > 0 || it->sessionTimedOut();
            ++it;
        }
        if (changed)
            publish(e);
        running = running || s.sessionRemainingMs > 0 || s.sessionTimedOut();
    }
    if (released)
        updateWatches();
    if (!running)
        m_sessionTimer->stop();
}

std::set<TopicPartition> ConsumerManager::detectTakeover(Entry &entry, const ConsumerUpdate &update)
{
    std::set<TopicPartition> told;
    const ConsumerStatus &now = update.status;
    const auto holds = [](const std::vector<TopicPartition> &held, const TopicPartition &tp) {
        return std::find(held.begin(), held.end(), tp) != held.end();
    };
    // `from` let `tp` go only when `now` got it: the takeover moment, told with the time its
    // session took since the kill.
    const auto tell = [&](const TopicPartition &tp, const QString &from, qint64 killedAtMs, int sessionTimeoutMs) {
        log(LogEntry::Kind::Rebalance, now.consumerId,
            tr("took %1 over from %2, %3 s after it was killed (its session timeout: %4 s)")
                .arg(tp.toString(), from)
                .arg(QLocale().toString((m_clock() - killedAtMs) / 1000.0, 'f', 1)) // "7,0" in Russian
                .arg(QLocale().toString(sessionTimeoutMs / 1000.0, 'g', 3)),
            true);
        told.insert(tp);
        GroupMoment moment;
        moment.kind = GroupMoment::Kind::TakenOver;
        moment.groupId = now.groupId;
        moment.consumerId = now.consumerId;
        moment.takers = QStringList{now.consumerId};
        moment.previousOwner = from;
        moment.partitions = {tp};
        moment.uncommitted = hasUncommitted(now.groupId, tp, now.committed);
        noteMoment(std::move(moment));
    };
    for (const TopicPartition &tp : now.assignment) {
        if (holds(entry.status.assignment, tp))
            continue; // not new
        for (Entry &other : m_entries) {
            ConsumerStatus &k = other.status;
            if (k.groupId != now.groupId)
                continue;
            bool changed = false;
            if (&other != &entry && k.state == ConsumerStatus::State::Killed && k.sessionRemainingMs >= 0 &&
                holds(k.assignment, tp)) {
                tell(tp, k.consumerId, k.sessionExpiresAtMs - k.sessionTimeoutMs, k.sessionTimeoutMs);
                k.assignment.erase(std::remove(k.assignment.begin(), k.assignment.end(), tp), k.assignment.end());
                if (k.assignment.empty()) {
                    k.sessionRemainingMs = 0; // everything it kept has moved: the countdown is over
                    updateWatches();
                }
                changed = true;
            }
            // A membership of one of them before its restart (this one's too: its new membership
            // may be the one that gets them), "billing #1 (before its restart)".
            for (auto it = k.earlierSessions.begin(); it != k.earlierSessions.end();) {
                if (!holds(it->kept, tp)) {
                    ++it;
                    continue;
                }
                tell(tp, memberDisplayName(statuses(), k.groupId, it->memberId),
                     it->sessionExpiresAtMs - it->sessionTimeoutMs, it->sessionTimeoutMs);
                it->kept.erase(std::remove(it->kept.begin(), it->kept.end(), tp), it->kept.end());
                it = it->kept.empty() ? k.earlierSessions.erase(it) : std::next(it);
                changed = true;
            }
            if (changed && &other != &entry) // the entry is published with its update
                publish(other);
        }
    }
    return told;
}

std::vector<ConsumerManager::FoundReset> ConsumerManager::detectReset(Entry &entry, const ConsumerUpdate &update)
{
    const QString &group = entry.status.groupId;
    auto &last = m_lastCommitted[group];
    auto &maxima = m_maxProcessed[group];
    std::vector<FoundReset> unknownToState;
    for (const auto &[tp, offset] : update.status.committed) {
        const bool justGot = entry.status.committed.count(tp) == 0; // read from the broker on assignment
        const auto known = last.find(tp);
        qint64 before = known != last.end() ? known->second : -1;
        if (const qint64 seen = justGot && m_state ? m_state->knownCommitted(group, tp).value_or(-1) : -1;
            seen > offset) {
            // The connection's picture saw the group further on than this process saw its members
            // commit (the app restarted since they read; another process read): a reset made
            // elsewhere (`tidemark-cli groups reset`) that no poll has seen yet, about a second
            // after it. The group had read and committed everything below it, as onOffsetReset
            // says of a reset a poll sees.
            const qint64 read = readUpTo(group, tp, seen);
            if (const auto max = maxima.find(tp); max == maxima.end() || max->second < read - 1)
                maxima[tp] = read - 1;
            before = std::max(before, seen);
            unknownToState.push_back(FoundReset{tp, before, offset});
        }
        if (justGot && before >= 0 && offset < before) {
            // Members only ever commit forward: a commit below the group's last one was moved
            // back by hand (the timeline's drag-to-reset, `tidemark-cli group reset`).
            if (auto r = m_readUpTo.find(group); r != m_readUpTo.end())
                r->second.erase(tp); // told: what is read from here on counts again
            const auto max = maxima.find(tp);
            if (max != maxima.end() && max->second >= offset) {
                m_replays[group][tp] = {offset, max->second};
                log(LogEntry::Kind::Rebalance, entry.status.consumerId,
                    tr("replays %1 offsets %2-%3: the group's committed offset was reset from %4 to %2 (a "
                       "replay you asked for, not a redelivery)")
                        .arg(tp.toString())
                        .arg(offset)
                        .arg(max->second)
                        .arg(before),
                    true);
                GroupMoment moment;
                moment.kind = GroupMoment::Kind::Reset;
                moment.groupId = group;
                moment.consumerId = entry.status.consumerId;
                moment.partitions = {tp};
                noteMoment(std::move(moment));
            }
        }
        last[tp] = offset;
    }
    return unknownToState;
}

qint64 ConsumerManager::readUpTo(const QString &groupId, const TopicPartition &tp, qint64 committed) const
{
    const auto group = m_readUpTo.find(groupId);
    if (group == m_readUpTo.end())
        return committed;
    const auto it = group->second.find(tp);
    return it == group->second.end() ? committed : std::min(committed, it->second);
}

void ConsumerManager::detectRedelivery(Entry &entry, const ConsumerUpdate &update)
{
    const QString &group = entry.status.groupId;
    auto &maxima = m_maxProcessed[group];
    auto &replays = m_replays[group];
    for (const ConsumerUpdate::Range &r : update.processed) {
        const auto key = std::make_pair(entry.status.consumerId, r.tp);
        auto it = maxima.find(r.tp);
        if (it != maxima.end() && r.first <= it->second) {
            const qint64 last = std::min(r.last, it->second);
            // The part inside a reset's window is a replay; anything else read again is a
            // redelivery (at-least-once after a member died without committing).
            qint64 replayedHere = 0;
            if (auto w = replays.find(r.tp); w != replays.end()) {
                const qint64 from = std::max(r.first, w->second.first);
                const qint64 to = std::min(last, w->second.second);
                replayedHere = to >= from ? to - from + 1 : 0;
            }
            const qint64 redeliveredHere = last - r.first + 1 - replayedHere;
            entry.status.recordsReplayed += replayedHere;
            entry.status.recordsRedelivered += redeliveredHere;
            if (redeliveredHere > 0 && !m_rereading.count(key)) {
                m_rereading.insert(key); // one line per stretch; the count is in the status
                log(LogEntry::Kind::Rebalance, entry.status.consumerId,
                    tr("re-delivered %1 from offset %2: processed before by a member that was killed or crashed "
                       "before committing them (at-least-once)")
                        .arg(r.tp.toString())
                        .arg(r.first),
                    true);
            }
        }
        if (it == maxima.end() || r.last > it->second)
            m_rereading.erase(key); // caught up: a later stretch is told again
        if (auto w = replays.find(r.tp); w != replays.end() && r.last >= w->second.second)
            replays.erase(w); // the replay is done
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
    updateWatches();
    if (it->status.isActive()) {
        // The thread ended without a final update (should not happen); say so rather than
        // showing a consumer that looks alive.
        it->status.state = ConsumerStatus::State::Failed;
        it->status.lastError = tr("the consumer thread ended unexpectedly");
        noteMoment(GroupMoment::Kind::Failed, *it);
        publish(*it);
    }
    if (it->removePending) {
        const QString id = it->status.consumerId;
        noteMoment(GroupMoment::Kind::Removed, *it);
        m_entries.erase(it);
        emit consumerRemoved(id);
        return;
    }
    if (it->restartPending) {
        it->restartPending = false;
        if (m_backend) {
            log(LogEntry::Kind::Info, it->status.consumerId, tr("restarting in group '%1'").arg(it->status.groupId),
                true);
            launch(*it);
            noteMoment(GroupMoment::Kind::Restarted, *it);
        }
    }
}

GroupMoment ConsumerManager::latestMoment(const QString &groupId) const
{
    const MomentState *latest = nullptr;
    for (const auto &[group, state] : m_moments)
        if ((groupId.isEmpty() || group == groupId) && (!latest || state.moment.sequence > latest->moment.sequence))
            latest = &state;
    if (!latest) {
        GroupMoment none;
        none.groupId = groupId;
        return none;
    }
    GroupMoment out = latest->moment;
    for (const Entry &e : m_entries) {
        const ConsumerStatus &s = e.status;
        if (s.groupId != out.groupId)
            continue;
        const auto b = latest->baselines.find(s.consumerId);
        // A member without a baseline came after the moment (its start is a moment too, but
        // not if it joined the group in another way): all of its counts are since.
        const qint64 redelivered = b == latest->baselines.end() ? 0 : b->second.first;
        const qint64 replayed = b == latest->baselines.end() ? 0 : b->second.second;
        if (s.recordsRedelivered > redelivered)
            out.redelivered[s.consumerId] = s.recordsRedelivered - redelivered;
        if (s.recordsReplayed > replayed)
            out.replayed[s.consumerId] = s.recordsReplayed - replayed;
    }
    return out;
}

void ConsumerManager::noteMoment(GroupMoment::Kind kind, const Entry &entry)
{
    GroupMoment moment;
    moment.kind = kind;
    moment.groupId = entry.status.groupId;
    moment.consumerId = entry.status.consumerId;
    noteMoment(std::move(moment));
}

void ConsumerManager::noteMoment(GroupMoment moment)
{
    MomentState &state = m_moments[moment.groupId];
    GroupMoment &last = state.moment;
    // One killed member's partitions taken over (in one update or several, by one member or
    // more), or one reset found (or made) partition by partition: one moment, its counts from
    // its start.
    const bool continues =
        last.kind == moment.kind &&
        ((moment.kind == GroupMoment::Kind::TakenOver && last.previousOwner == moment.previousOwner) ||
         moment.kind == GroupMoment::Kind::Reset || moment.kind == GroupMoment::Kind::OffsetsReset);
    // A reset back stays the story through the members' (re)starts that replay it, until another
    // change of a member's state. One that only moved forward replays nothing: a takeover that
    // follows (from a leftover member) is the story then.
    if (moment.kind == GroupMoment::Kind::Reset)
        state.resetToReplay = true;
    else if (moment.kind == GroupMoment::Kind::OffsetsReset)
        state.resetToReplay = !moment.forwardOnly || (continues && !last.forwardOnly);
    else if (moment.kind != GroupMoment::Kind::Joined && moment.kind != GroupMoment::Kind::Restarted)
        state.resetToReplay = false;
    if (continues) {
        last.forwardOnly = last.forwardOnly && moment.forwardOnly;
        for (const QString &taker : moment.takers)
            if (!last.takers.contains(taker))
                last.takers << taker;
        for (const TopicPartition &tp : moment.partitions)
            if (std::find(last.partitions.begin(), last.partitions.end(), tp) == last.partitions.end())
                last.partitions.push_back(tp);
        std::sort(last.partitions.begin(), last.partitions.end());
        last.uncommitted = last.uncommitted || moment.uncommitted;
        last.sequence = ++m_momentSequence;
        emit momentChanged(last.groupId);
        return;
    }
    moment.redelivered.clear();
    moment.replayed.clear();
    moment.sequence = ++m_momentSequence;
    state.moment = std::move(moment);
    state.baselines.clear();
    for (const Entry &e : m_entries)
        if (e.status.groupId == state.moment.groupId)
            state.baselines[e.status.consumerId] = {e.status.recordsRedelivered, e.status.recordsReplayed};
    emit momentChanged(state.moment.groupId);
}

bool ConsumerManager::hasUncommitted(const QString &group, const TopicPartition &tp,
                                     const std::map<TopicPartition, qint64> &committed) const
{
    const auto processed = m_maxProcessed.find(group);
    if (processed == m_maxProcessed.end())
        return false;
    const auto max = processed->second.find(tp);
    if (max == processed->second.end())
        return false; // nobody read it: nothing to read twice
    // Nothing committed: it starts from the beginning, below what was processed.
    const auto c = committed.find(tp);
    return c == committed.end() || c->second <= max->second;
}

void ConsumerManager::publish(Entry &entry)
{
    entry.status.updatedAtMs = m_clock();
    emit statusChanged(entry.status);
}

void ConsumerManager::log(LogEntry::Kind kind, const QString &source, const QString &message, bool milestone)
{
    LogEntry entry;
    entry.timestampMs = m_clock();
    entry.kind = kind;
    entry.source = source;
    entry.message = message;
    entry.milestone = milestone;
    emit eventLogged(entry);
}

} // namespace tidemark
