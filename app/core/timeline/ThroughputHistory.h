#pragma once

// Rolling throughput and lag series for the charts dock: records/s produced per topic (from
// the sum of its high watermarks), records/s consumed per group (from the sum of its
// committed offsets) and lag per group. Every series is bounded in time (the window) and in
// points, so the charts cost the same after an hour as after a minute.
//
// Thread: a plain value owned by one thread (the GUI thread). Not thread-safe.

#include <QPointF>
#include <QString>

#include <deque>
#include <map>
#include <vector>

namespace tidemark {

class RateSeries {
public:
    RateSeries() = default;
    RateSeries(qint64 windowMs, int maxPoints) : m_windowMs(windowMs), m_maxPoints(maxPoints) {}

    // A cumulative counter at `timeMs`: adds the rate since the previous sample (per second).
    // A counter that went down (topic recreated, offsets reset) starts a new baseline.
    void addCounter(qint64 timeMs, qint64 counter);
    // A plain value at `timeMs` (lag).
    void addValue(qint64 timeMs, double value);

    // (time ms, value), oldest first, all within the window of the newest sample.
    const std::deque<QPointF> &points() const { return m_points; }
    qint64 lastTimeMs() const { return m_lastTime; }
    double maxValue() const;

private:
    void push(qint64 timeMs, double value);

    qint64 m_windowMs = 5 * 60 * 1000;
    int m_maxPoints = 600;
    std::deque<QPointF> m_points;
    qint64 m_lastCounter = -1;
    qint64 m_lastTime = -1;
};

class ThroughputHistory {
public:
    explicit ThroughputHistory(qint64 windowMs = 5 * 60 * 1000, int maxPoints = 600, int maxSeries = 8);

    void addTopicSample(const QString &topic, qint64 timeMs, qint64 totalHighWatermark);
    void addGroupSample(const QString &groupId, qint64 timeMs, qint64 totalCommitted, qint64 totalLag);

    qint64 windowMs() const { return m_windowMs; }
    const std::map<QString, RateSeries> &produced() const { return m_produced; }
    const std::map<QString, RateSeries> &consumed() const { return m_consumed; }
    const std::map<QString, RateSeries> &lag() const { return m_lag; }
    // Total number of points held (bounded by series x maxPoints).
    size_t pointCount() const;

private:
    RateSeries &series(std::map<QString, RateSeries> &map, const QString &key, qint64 timeMs);
    void forgetStale(std::map<QString, RateSeries> &map, qint64 timeMs);

    qint64 m_windowMs;
    int m_maxPoints;
    int m_maxSeries;
    std::map<QString, RateSeries> m_produced;
    std::map<QString, RateSeries> m_consumed;
    std::map<QString, RateSeries> m_lag;
};

} // namespace tidemark
