#include "core/timeline/ThroughputHistory.h"

#include <algorithm>

namespace tidemark {

void RateSeries::addCounter(qint64 timeMs, qint64 counter)
{
    if (m_lastCounter >= 0 && counter >= m_lastCounter && timeMs > m_lastTime)
        push(timeMs, double(counter - m_lastCounter) * 1000.0 / double(timeMs - m_lastTime));
    else if (timeMs >= m_lastTime)
        m_lastTime = timeMs;
    m_lastCounter = counter;
}

void RateSeries::addValue(qint64 timeMs, double value) { push(timeMs, value); }

void RateSeries::push(qint64 timeMs, double value)
{
    if (timeMs < m_lastTime)
        return; // out of order: a late answer
    m_lastTime = timeMs;
    m_points.emplace_back(double(timeMs), value);
    while (!m_points.empty() &&
           (m_points.front().x() < double(timeMs - m_windowMs) || int(m_points.size()) > m_maxPoints))
        m_points.pop_front();
}

double RateSeries::maxValue() const
{
    double m = 0;
    for (const QPointF &p : m_points)
        m = std::max(m, p.y());
    return m;
}

ThroughputHistory::ThroughputHistory(qint64 windowMs, int maxPoints, int maxSeries)
    : m_windowMs(windowMs), m_maxPoints(maxPoints), m_maxSeries(maxSeries)
{}

RateSeries &ThroughputHistory::series(std::map<QString, RateSeries> &map, const QString &key, qint64 timeMs)
{
    forgetStale(map, timeMs);
    auto it = map.find(key);
    if (it == map.end()) {
        if (int(map.size()) >= m_maxSeries) {
            // Make room: drop the series that was updated least recently.
            auto oldest = std::min_element(map.begin(), map.end(), [](const auto &a, const auto &b) {
                return a.second.lastTimeMs() < b.second.lastTimeMs();
            });
            map.erase(oldest);
        }
        it = map.emplace(key, RateSeries(m_windowMs, m_maxPoints)).first;
    }
    return it->second;
}

void ThroughputHistory::forgetStale(std::map<QString, RateSeries> &map, qint64 timeMs)
{
    for (auto it = map.begin(); it != map.end();) {
        if (it->second.lastTimeMs() >= 0 && it->second.lastTimeMs() < timeMs - m_windowMs)
            it = map.erase(it);
        else
            ++it;
    }
}

void ThroughputHistory::addTopicSample(const QString &topic, qint64 timeMs, qint64 totalHighWatermark)
{
    series(m_produced, topic, timeMs).addCounter(timeMs, totalHighWatermark);
}

void ThroughputHistory::addGroupSample(const QString &groupId, qint64 timeMs, qint64 totalCommitted, qint64 totalLag)
{
    series(m_consumed, groupId, timeMs).addCounter(timeMs, totalCommitted);
    series(m_lag, groupId, timeMs).addValue(timeMs, double(totalLag));
}

size_t ThroughputHistory::pointCount() const
{
    size_t n = 0;
    for (const auto *map : {&m_produced, &m_consumed, &m_lag})
        for (const auto &[k, s] : *map)
            n += s.points().size();
    return n;
}

} // namespace tidemark
