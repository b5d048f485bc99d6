#include "ui/charts/LagHistoryChart.h"

#include "core/BrokerState.h"
#include "core/LagRecorder.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QStandardPaths>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tidemark {

namespace {

constexpr qint64 kHourMs = 3600'000;
constexpr qint64 kRanges[] = {kHourMs, 6 * kHourMs, 24 * kHourMs, 7 * 24 * kHourMs};

double niceCeiling(double v)
{
    if (v <= 10)
        return 10;
    const double m = std::pow(10.0, std::floor(std::log10(v)));
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * m >= v)
            return f * m;
    return 10 * m;
}

QString durationText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return LagHistoryChart::tr("%1 s").arg(s);
    if (s < 3600)
        return LagHistoryChart::tr("%1 min").arg(s / 60);
    if (s < 48 * 3600)
        return LagHistoryChart::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return LagHistoryChart::tr("%1 days").arg(s / 86400);
}

} // namespace

LagHistoryChart::LagHistoryChart(QWidget *parent)
    : QWidget(parent),
      m_group(new QComboBox(this)),
      m_range(new QComboBox(this)),
      m_unit(new QComboBox(this)),
      m_export(new QToolButton(this)),
      m_summary(new QLabel(this)),
      m_view(new QChartView(this)),
      m_series(new QLineSeries),
      m_trendSeries(new QLineSeries),
      m_x(new QDateTimeAxis),
      m_y(new QValueAxis)
{
    setObjectName(QStringLiteral("lagHistory"));
    m_group->setObjectName(QStringLiteral("lagHistoryGroup"));
    m_range->setObjectName(QStringLiteral("lagHistoryRange"));
    m_unit->setObjectName(QStringLiteral("lagHistoryUnit"));
    m_export->setObjectName(QStringLiteral("lagHistoryExport"));
    m_summary->setObjectName(QStringLiteral("lagHistorySummary"));
    m_view->setObjectName(QStringLiteral("lagHistoryChartView"));
    m_group->setMinimumContentsLength(12);
    m_group->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    for (int i = 0; i < 4; ++i)
        m_range->addItem(QString(), QVariant::fromValue(kRanges[i]));
    m_unit->addItem(QString(), int(Unit::Records));
    m_unit->addItem(QString(), int(Unit::Time));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    chart->setMargins(QMargins(6, 4, 6, 4));
    chart->legend()->hide();
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale::c());
    m_x->setFormat(QStringLiteral("HH:mm"));
    m_x->setTickCount(5);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setTickCount(5);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    QPen pen(QColor(0x2f, 0x7f, 0xa8), 2);
    m_series->setPen(pen);
    QPen dashed(QColor(0xd9, 0x77, 0x3a), 1.5);
    dashed.setStyle(Qt::DashLine);
    m_trendSeries->setPen(dashed);
    for (QLineSeries *s : {m_series, m_trendSeries}) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMinimumHeight(140);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 4, 4, 0);
    bar->addWidget(m_group, 1);
    bar->addWidget(m_range);
    bar->addWidget(m_unit);
    bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    retranslate();

    auto refreshNow = [this] { refresh(); };
    connect(m_group, &QComboBox::currentIndexChanged, this, refreshNow);
    connect(m_range, &QComboBox::currentIndexChanged, this, refreshNow);
    connect(m_unit, &QComboBox::currentIndexChanged, this, refreshNow);
    connect(m_export, &QToolButton::clicked, this, &LagHistoryChart::chooseExport);
    refresh();
}

LagHistoryChart::~LagHistoryChart() { setConnection(nullptr, {}, {}); }

QString LagHistoryChart::historyDirectory(const QString &settingsFile)
{
    const QString base = !settingsFile.isEmpty() ? QFileInfo(settingsFile).absolutePath()
                                                 : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(base).filePath(QStringLiteral("lag-history"));
}

void LagHistoryChart::setConnection(AsyncBackend *async, const QString &path, Clock clock)
{
    setHistory(nullptr);
    delete m_owned; // the recorder with it; waits for its last append (a few bytes)
    m_owned = nullptr;
    if (!async)
        return;
    // The file is read and created by the history's worker, never on this thread.
    m_owned = new LagHistory(path, std::move(clock), LagLimits{}, this);
    new LagRecorder(BrokerState::of(async), m_owned, LagRecorder::kIntervalMs, m_owned);
    connect(m_owned, &LagHistory::problem, this, &LagHistoryChart::historyProblem);
    setHistory(m_owned);
}

void LagHistoryChart::retranslate()
{
    const QString ranges[] = {tr("Last hour"), tr("Last 6 hours"), tr("Last day"), tr("Last week")};
    for (int i = 0; i < 4; ++i)
        m_range->setItemText(i, ranges[i]);
    m_unit->setItemText(0, tr("Records"));
    m_unit->setItemText(1, tr("Time"));
    m_unit->setToolTip(tr("Time: the age of the oldest unconsumed record, estimated from the recorded log ends "
                          "(to the sampling interval, 10 s; coarser for older history)."));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the lag history of every group as CSV or JSON lines"));
    m_group->setToolTip(tr("Consumer group (every group on the broker is recorded, also those this app does not run)"));
    refresh();
}

void LagHistoryChart::setHistory(LagHistory *history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (history) {
        connect(history, &LagHistory::changed, this, &LagHistoryChart::refresh);
        connect(history, &LagHistory::problem, this, &LagHistoryChart::statusMessage);
    }
    refresh();
}

void LagHistoryChart::setGroup(const QString &group)
{
    updateGroups();
    const int i = m_group->findText(group);
    if (i >= 0)
        m_group->setCurrentIndex(i);
}

QString LagHistoryChart::group() const { return m_group->currentText(); }

void LagHistoryChart::setRangeMs(qint64 ms)
{
    const int i = m_range->findData(QVariant::fromValue(ms));
    if (i >= 0)
        m_range->setCurrentIndex(i);
}

qint64 LagHistoryChart::rangeMs() const { return m_range->currentData().toLongLong(); }

void LagHistoryChart::setUnit(Unit unit) { m_unit->setCurrentIndex(m_unit->findData(int(unit))); }

int LagHistoryChart::pointCount() const { return int(m_series->count()); }

QString LagHistoryChart::summary() const { return m_summary->text(); }

void LagHistoryChart::updateGroups()
{
    std::vector<QString> groups = m_history ? m_history->data().groups() : std::vector<QString>{};
    QStringList now;
    for (const QString &g : groups)
        now << g;
    QStringList shown;
    for (int i = 0; i < m_group->count(); ++i)
        shown << m_group->itemText(i);
    if (now == shown)
        return;
    const QString current = m_group->currentText();
    const QSignalBlocker block(m_group);
    m_group->clear();
    m_group->addItems(now);
    const int i = m_group->findText(current);
    m_group->setCurrentIndex(i >= 0 ? i : (now.isEmpty() ? -1 : 0));
}

void LagHistoryChart::refresh()
{
    updateGroups();
    m_rows.clear();
    m_trend = {};
    const qint64 now = m_history ? m_history->now() : 0;
    m_toMs = now;
    m_fromMs = now - rangeMs();
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    m_x->setFormat(rangeMs() > 24 * kHourMs ? QStringLiteral("dd.MM HH:mm") : QStringLiteral("HH:mm"));
    const bool time = m_unit->currentData().toInt() == int(Unit::Time);
    if (!m_history || group().isEmpty()) {
        m_series->clear();
        m_trendSeries->clear();
        m_y->setRange(0, 10);
        m_summary->setText(!m_history ? tr("Not connected.")
                           : !m_history->isLoaded()
                               ? tr("Loading the lag history…")
                               : tr("No consumer group recorded yet. Every group on the broker is sampled every "
                                    "10 s and kept for 7 days."));
        return;
    }
    m_rows = m_history->data().rows(group(), m_fromMs, m_toMs);
    m_trend = lagTrend(m_rows, kTrendWindowMs);
    QList<QPointF> points;
    points.reserve(qsizetype(m_rows.size()));
    double max = 0;
    for (const LagRow &r : m_rows) {
        const double y = time ? double(r.ageMs) / 1000.0 : double(r.lag);
        points.append(QPointF(double(r.timeMs), y));
        max = std::max(max, y);
    }
    m_series->replace(points);
    // The trend: the fitted line over its window, drawn to where it reaches zero (or to now).
    QList<QPointF> trend;
    if (m_trend.known && !time && !m_rows.empty()) {
        const qint64 end = m_rows.back().timeMs;
        const qint64 start = std::max(m_fromMs, end - kTrendWindowMs);
        double sumY = 0, sumX = 0;
        int n = 0;
        for (const LagRow &r : m_rows)
            if (r.timeMs >= end - kTrendWindowMs) {
                sumY += double(r.lag);
                sumX += double(r.timeMs - end) / 1000.0;
                ++n;
            }
        const double intercept = (sumY - m_trend.recordsPerSecond * sumX) / std::max(1, n); // at `end`
        auto at = [&](qint64 t) { return intercept + m_trend.recordsPerSecond * double(t - end) / 1000.0; };
        trend.append(QPointF(double(start), std::max(0.0, at(start))));
        const qint64 stop = m_trend.catchUpAtMs ? std::min(*m_trend.catchUpAtMs, m_toMs) : end;
        trend.append(QPointF(double(std::max(stop, end)), std::max(0.0, at(std::max(stop, end)))));
    }
    m_trendSeries->replace(trend);
    m_y->setRange(0, niceCeiling(max * 1.1));
    m_y->setLabelFormat(time ? tr("%.0f s") : QStringLiteral("%.0f"));
    m_y->applyNiceNumbers();

    if (m_rows.empty()) {
        m_summary->setText(tr("No samples of %1 in this range.").arg(group()));
        return;
    }
    const LagRow &last = m_rows.back();
    const QLocale locale;
    QStringList parts;
    parts << tr("Lag now: %1 records").arg(locale.toString(last.lag));
    if (last.lag > 0)
        parts << (last.ageIsLowerBound ? tr("oldest unconsumed record at least %1 old")
                                       : tr("oldest unconsumed record about %1 old"))
                     .arg(durationText(last.ageMs));
    if (!m_trend.known) {
        parts << tr("trend: not enough samples yet");
    } else if (last.lag == 0) {
        parts << tr("caught up");
    } else if (m_trend.recordsPerSecond < -0.01) {
        parts << tr("falling %1 records/s").arg(locale.toString(-m_trend.recordsPerSecond, 'f', 1));
        parts << tr("caught up in about %1 (at %2) at this rate")
                     .arg(durationText(*m_trend.catchUpAtMs - last.timeMs),
                          QDateTime::fromMSecsSinceEpoch(*m_trend.catchUpAtMs).toString(QStringLiteral("HH:mm")));
    } else if (m_trend.recordsPerSecond > 0.01) {
        parts << tr("rising %1 records/s: not catching up").arg(locale.toString(m_trend.recordsPerSecond, 'f', 1));
    } else {
        parts << tr("steady: not catching up");
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void LagHistoryChart::chooseExport()
{
    if (!m_history)
        return;
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Lag History"), QStringLiteral("lag-history.csv"),
                                                      tr("CSV (*.csv);;JSON lines (*.jsonl)"), &filter);
    if (!path.isEmpty())
        exportTo(path);
}

void LagHistoryChart::exportTo(const QString &path)
{
    if (!m_history)
        return;
    const LagData::Format format =
        path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? LagData::Format::Csv : LagData::Format::JsonLines;
    QPointer<LagHistoryChart> self(this);
    QThreadPool::globalInstance()->start([self, path, format, data = m_history->data()] {
        QFile file(path);
        qint64 lines = 0;
        QString error;
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            error = tr("cannot write %1: %2").arg(path, file.errorString());
        } else {
            auto written = data.exportTo(file, format);
            if (!written || !file.flush())
                error = tr("cannot write %1: %2").arg(path, written ? file.errorString() : written.error().message);
            else
                lines = *written;
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, path, lines, error] {
                if (!self)
                    return;
                emit self->exportFinished(path, lines, error);
                emit self->statusMessage(
                    error.isEmpty() ? tr("Lag history exported: %1 lines to %2").arg(lines).arg(path) : error);
            },
            Qt::QueuedConnection);
    });
}

void LagHistoryChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::PaletteChange) {
        const QPalette pal = palette();
        QChart *chart = m_view->chart();
        chart->setBackgroundBrush(pal.color(QPalette::Base));
        for (QAbstractAxis *axis : chart->axes())
            axis->setLabelsColor(pal.color(QPalette::Text));
        m_view->setBackgroundBrush(pal.color(QPalette::Base));
    }
    QWidget::changeEvent(event);
}

} // namespace tidemark
