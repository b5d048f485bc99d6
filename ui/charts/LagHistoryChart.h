#pragma once

// The lag history of one consumer group (core/LagHistory.h), kept across restarts: lag in
// records, or in time (the estimated age of the oldest unconsumed record, from the recorded
// log ends, to the sampling interval), over the last hour, 6 hours, day or week; a dashed
// trend line (least squares over the last 10 minutes) and a sentence with the lag now, its
// rate and when the group catches up at that rate; export of the history as CSV or JSON lines.
//
// It owns the connection's LagHistory and its LagRecorder (setConnection), so the main window
// only tells it which connection is current.
//
// Child objects for tests: "lagHistoryGroup", "lagHistoryRange", "lagHistoryUnit" (combo
// boxes), "lagHistoryChartView" (QChartView), "lagHistorySummary" (QLabel), "lagHistoryExport"
// (QToolButton).
// Thread: GUI thread. The export runs on a worker over a copy of the history.

#include "core/LagHistory.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QToolButton;
class QValueAxis;
QT_END_NAMESPACE

namespace tidemark {

class AsyncBackend;

class LagHistoryChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagHistoryChart)

public:
    static constexpr qint64 kTrendWindowMs = 10 * 60'000;

    explicit LagHistoryChart(QWidget *parent = nullptr);
    ~LagHistoryChart() override;

    // Records and shows the connection of `async` (null: none) into the history file `path`,
    // stamped by `clock`: a LagHistory and a LagRecorder on the connection's BrokerState, owned
    // by this widget until the next call.
    void setConnection(AsyncBackend *async, const QString &path, Clock clock);
    // Shows `history` (null: none) without recording. Not owned.
    void setHistory(LagHistory *history);
    LagHistory *history() const { return m_history; }
    // "lag-history" beside the settings file (or in the platform's app-data location when
    // `settingsFile` is empty): where the main window keeps every connection's history.
    static QString historyDirectory(const QString &settingsFile);

    void setGroup(const QString &group);
    QString group() const;
    void setRangeMs(qint64 ms); // one of the range choices: 1 h, 6 h, 24 h, 7 d
    qint64 rangeMs() const;
    enum class Unit { Records, Time };
    void setUnit(Unit unit);

    // What is drawn (for tests): the rows of the shown range, the trend and the x range.
    const std::vector<LagRow> &shownRows() const { return m_rows; }
    const LagTrend &trend() const { return m_trend; }
    std::pair<qint64, qint64> shownRangeMs() const { return {m_fromMs, m_toMs}; }
    int pointCount() const;
    QString summary() const;

    // Writes the history (all groups) to `path`: CSV if it ends in .csv, else JSON lines. On a
    // worker; exportFinished tells the result.
    void exportTo(const QString &path);

public slots:
    void refresh();

signals:
    void exportFinished(const QString &path, qint64 lines, const QString &error);
    void statusMessage(const QString &message);
    void historyProblem(const QString &message); // a torn tail dropped, a write that failed

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateGroups();
    void chooseExport();
    void retranslate();

    QPointer<LagHistory> m_history;
    LagHistory *m_owned = nullptr; // made by setConnection, with its recorder as a child
    QComboBox *m_group;
    QComboBox *m_range;
    QComboBox *m_unit;
    QToolButton *m_export;
    QLabel *m_summary;
    QChartView *m_view;
    QLineSeries *m_series;
    QLineSeries *m_trendSeries;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    std::vector<LagRow> m_rows;
    LagTrend m_trend;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace tidemark
