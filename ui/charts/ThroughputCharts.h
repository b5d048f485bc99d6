#pragma once

// The charts dock's content (Qt Charts): records/s produced per topic and consumed per group
// on one chart, lag per group on another, over the last minutes. Windows are bounded in time
// and points (core/timeline/ThroughputHistory.h), so the charts cost the same after an hour
// as after a minute.
//
// Fed by its own background sampler (setBackend) or by explicit samples (addTopicSample,
// addGroupSample: tests, or a caller that already polls). The x axis is "seconds before the
// latest sample", so the picture depends only on the samples.
//
// Child objects: "throughputChart" and "lagChart" (QChartView), each above its legend,
// "throughputLegend" and "lagLegend" (ChartLegend).
// Thread: GUI thread only.

#include "core/timeline/ThroughputHistory.h"

#include <QWidget>

#include <map>

QT_BEGIN_NAMESPACE
class QBoxLayout;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace tidemark {

class AsyncBackend;
class ChartLegend;
class ThroughputSampler;

class ThroughputCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputCharts)

public:
    explicit ThroughputCharts(QWidget *parent = nullptr);
    ~ThroughputCharts() override;

    // Samples the backend every `intervalMs` in the background (nullptr stops).
    void setBackend(AsyncBackend *backend, int intervalMs = 2000);

    void addTopicSample(const QString &topic, qint64 timeMs, qint64 totalHighWatermark);
    void addGroupSample(const QString &groupId, qint64 timeMs, qint64 totalCommitted, qint64 totalLag);
    const ThroughputHistory &history() const { return m_history; }
    // For bulk feeding: add samples here, then call refresh() once.
    ThroughputHistory &history() { return m_history; }

    // Series currently drawn and the points they hold (for tests of boundedness).
    int seriesCount() const { return int(m_series.size()); }
    int pointCount() const;

public slots:
    // Redraws the series from the history (called after every sample).
    void refresh();

signals:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QLineSeries *seriesFor(const QString &key, QChart *chart, QValueAxis *x, QValueAxis *y, const QString &name,
                           int colourIndex, bool dashed);
    void applyTheme();
    // Time and value ticks for the plots' current sizes: as many labels as fit whole.
    void fitTicks();
    // fitTicks again once control is back in the event loop (one pass however often asked).
    void scheduleFitTicks();

    ThroughputHistory m_history;
    ThroughputSampler *m_sampler;
    QBoxLayout *m_layout = nullptr;
    QChartView *m_rateView;
    QChartView *m_lagView;
    ChartLegend *m_rateLegend;
    ChartLegend *m_lagLegend;
    double m_rateMax = 0;
    double m_lagMax = 0;
    bool m_fitting = false;   // inside fitTicks: a call back from Qt Charts is deferred
    bool m_fitQueued = false; // a fitTicks is posted (scheduleFitTicks)
    QValueAxis *m_rateX;
    QValueAxis *m_rateY;
    QValueAxis *m_lagX;
    QValueAxis *m_lagY;
    std::map<QString, QLineSeries *> m_series; // "p:topic", "c:group", "l:group"
    std::map<QString, int> m_colours;          // topic/group -> palette slot, first come
};

} // namespace tidemark
