#include "core/timeline/ThroughputSampler.h"

#include <tuple>

namespace tidemark {

namespace {

struct Sample {
    std::vector<std::pair<QString, qint64>> topics;          // topic, sum of high watermarks
    std::vector<std::tuple<QString, qint64, qint64>> groups; // group, sum committed, sum lag
    QString error;
};

} // namespace

ThroughputSampler::ThroughputSampler(ThroughputHistory *history, QObject *parent) : QObject(parent), m_history(history)
{
    m_clock.start();
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &ThroughputSampler::sampleNow);
}

void ThroughputSampler::setBackend(AsyncBackend *backend)
{
    ++m_generation;
    m_inFlight = false;
    m_backend = backend;
    if (backend) {
        m_timer.start();
        sampleNow();
    } else {
        m_timer.stop();
    }
}

void ThroughputSampler::sampleNow()
{
    if (!m_backend || m_inFlight)
        return;
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_backend->run(
        this,
        [](Backend &backend) {
            Sample sample;
            if (auto topics = backend.listTopics()) {
                int n = 0;
                for (const TopicInfo &t : *topics) {
                    if (t.name.startsWith(QLatin1String("__")) || ++n > kMaxTopics)
                        continue; // internal topics (__consumer_offsets) are not interesting here
                    auto info = backend.describeTopic(t.name);
                    if (!info)
                        continue;
                    qint64 sum = 0;
                    for (const PartitionInfo &p : info->partitions)
                        sum += p.highWatermark;
                    sample.topics.emplace_back(t.name, sum);
                }
            } else {
                sample.error = topics.error().message;
            }
            if (auto groups = backend.listGroups()) {
                int n = 0;
                for (const GroupInfo &g : *groups) {
                    if (++n > kMaxGroups)
                        break;
                    auto info = backend.describeGroup(g.groupId);
                    if (!info)
                        continue;
                    qint64 committed = 0, lag = 0;
                    for (const GroupPartitionState &p : info->partitions) {
                        committed += qMax<qint64>(0, p.committed);
                        lag += qMax<qint64>(0, p.lag);
                    }
                    sample.groups.emplace_back(g.groupId, committed, lag);
                }
            } else if (sample.error.isEmpty()) {
                sample.error = groups.error().message;
            }
            return sample;
        },
        [this, generation](Sample sample) {
            if (generation != m_generation)
                return;
            m_inFlight = false;
            const qint64 now = m_clock.elapsed();
            for (const auto &[topic, sum] : sample.topics)
                m_history->addTopicSample(topic, now, sum);
            for (const auto &[group, committed, lag] : sample.groups)
                m_history->addGroupSample(group, now, committed, lag);
            if (!sample.error.isEmpty())
                emit errorOccurred(tr("Charts: %1").arg(sample.error));
            emit sampled();
        });
}

} // namespace tidemark
