#include "core/timeline/ThroughputSampler.h"

#include <tuple>

namespace tidemark {

ThroughputSampler::ThroughputSampler(ThroughputHistory *history, QObject *parent) : QObject(parent), m_history(history)
{
    m_clock.start();
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &ThroughputSampler::sampleNow);
}

void ThroughputSampler::setBackend(AsyncBackend *backend)
{
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        m_state->unwatch(m_watch);
        m_state->unwatch(m_groupsWatch);
        for (const auto &[topic, watch] : m_topicWatches)
            m_state->unwatch(watch);
    }
    m_watch = m_groupsWatch = 0;
    m_topicWatches.clear();
    m_backend = backend;
    m_state = backend ? BrokerState::of(backend) : nullptr;
    if (m_state) {
        connect(m_state, &BrokerState::topicsChanged, this, &ThroughputSampler::rewatch);
        m_watch = m_state->watchTopics(m_timer.interval());
        m_groupsWatch = m_state->watchGroups(QString(), watchInterval());
        rewatch();
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

void ThroughputSampler::rewatch()
{
    if (!m_state)
        return;
    std::map<QString, BrokerState::Watch> next;
    for (const TopicInfo &t : m_state->topics()) {
        if (t.name.startsWith(QLatin1String("__")))
            continue; // internal topics (__consumer_offsets) are not interesting here
        if (next.size() >= size_t(kMaxTopics))
            break;
        const auto known = m_topicWatches.find(t.name);
        if (known != m_topicWatches.end()) {
            next[t.name] = known->second;
            m_topicWatches.erase(known);
        } else {
            next[t.name] = m_state->watchTopic(t.name, watchInterval());
        }
    }
    for (const auto &[topic, watch] : m_topicWatches)
        m_state->unwatch(watch);
    m_topicWatches = std::move(next);
}

void ThroughputSampler::setInterval(int msecs)
{
    m_timer.setInterval(qMax(100, msecs));
    if (m_state)
        setBackend(m_backend); // watches again at the new rate
}

void ThroughputSampler::sampleNow()
{
    if (!m_state)
        return;
    const qint64 now = m_clock.elapsed();
    for (const auto &[topic, watch] : m_topicWatches) {
        if (const qint64 records = m_state->recordCount(topic); records >= 0)
            m_history->addTopicSample(topic, now, records);
    }
    int n = 0;
    for (const GroupInfo &g : m_state->groups(QString())) {
        if (++n > kMaxGroups)
            break;
        qint64 committed = 0, lag = 0;
        for (const GroupPartitionState &p : g.partitions) {
            committed += qMax<qint64>(0, p.committed);
            lag += qMax<qint64>(0, p.lag);
        }
        m_history->addGroupSample(g.groupId, now, committed, lag);
    }
    if (!m_state->topicsError().isEmpty())
        emit errorOccurred(tr("Charts: %1").arg(m_state->topicsError()));
    emit sampled();
}

} // namespace tidemark
