#include "ui/charts/ThroughputCharts.h"

#include "core/timeline/ThroughputSampler.h"
#include "ui/charts/ChartLegend.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QResizeEvent>
#include <QScopedValueRollback>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace tidemark {

namespace {

// Calm colours that read on light and dark backgrounds.
constexpr std::array<QRgb, 8> kColours = {0xff2f7fa8, 0xffd9773a, 0xff3f9a6b, 0xff8862b5,
                                          0xffc24d67, 0xffb08d2a, 0xff3d8ac0, 0xff62953c};

// The top of a value axis from 0 that shows `max` with at most `maxTicks` ticks, each at a
// round step (1, 2, 2.5 or 5 times a power of ten, whole numbers): {top, ticks}. Up to 10 the
// axis stays 0..10, so a quiet topic shows whole-number ticks.
std::pair<double, int> valueScale(double max, int maxTicks)
{
    const int intervals = std::max(1, maxTicks - 1);
    const double shown = std::max(max, 10.0);
    const double wanted = shown / intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(wanted)));
    double step = 10 * magnitude;
    for (double f : {1.0, 2.0, 2.5, 5.0}) {
        if (f == 2.5 && magnitude < 10)
            continue; // 2.5 would need a decimal
        if (f * magnitude >= wanted) {
            step = f * magnitude;
            break;
        }
    }
    const double top = step * std::ceil(shown / step - 1e-9);
    return {top, int(std::lround(top / step)) + 1};
}

QChart *makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    // A small dock (228 x 140 px a chart at 1024x700) has no pixel to spare: no frame around
    // the chart, only room for the last time label's tail on the right. The legend is a
    // ChartLegend under the view: Qt Charts' own keeps one row and cuts every name to "...".
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(2, 2, 10, 0));
    chart->legend()->hide();
    // Axis labels through QLocale rather than printf, which drops non-Latin-1 text such as
    // the translated unit ("-30 с"); the C locale keeps the numbers as printf writes them.
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale::c());
    return chart;
}

} // namespace

ThroughputCharts::ThroughputCharts(QWidget *parent)
    : QWidget(parent),
      m_sampler(new ThroughputSampler(&m_history, this)),
      m_rateView(new QChartView(this)),
      m_lagView(new QChartView(this)),
      m_rateLegend(new ChartLegend(this)),
      m_lagLegend(new ChartLegend(this)),
      m_rateX(new QValueAxis),
      m_rateY(new QValueAxis),
      m_lagX(new QValueAxis),
      m_lagY(new QValueAxis)
{
    setObjectName(QStringLiteral("throughputCharts"));
    m_rateView->setObjectName(QStringLiteral("throughputChart"));
    m_lagView->setObjectName(QStringLiteral("lagChart"));
    m_rateLegend->setObjectName(QStringLiteral("throughputLegend"));
    m_lagLegend->setObjectName(QStringLiteral("lagLegend"));
    QChart *rate = makeChart(tr("Throughput (records/s)"));
    QChart *lag = makeChart(tr("Lag (records)"));
    const double window = double(m_history.windowMs()) / 1000.0;
    for (auto [chart, x, y] : {std::tuple{rate, m_rateX, m_rateY}, std::tuple{lag, m_lagX, m_lagY}}) {
        x->setRange(-window, 0);
        x->setTickCount(6);
        //: Axis labels in seconds before now, e.g. "-30 s"; printf format
        x->setLabelFormat(tr("%.0f s"));
        y->setRange(0, 10);
        y->setTickCount(5);
        y->setLabelFormat(QStringLiteral("%.0f"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
    }
    m_rateView->setChart(rate);
    m_lagView->setChart(lag);
    m_layout = new QBoxLayout(QBoxLayout::TopToBottom, this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    for (auto [v, legend] : {std::pair{m_rateView, m_rateLegend}, std::pair{m_lagView, m_lagLegend}}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setFrameShape(QFrame::NoFrame);
        v->setMinimumHeight(80);
        // The chart above its legend. Two of them stacked fit the dock's least height under
        // its tab bar (280 px for the dock's contents, MainWindow).
        auto *pane = new QWidget(this);
        pane->setMinimumHeight(127);
        pane->setBackgroundRole(QPalette::Base); // the chart's background between chart and legend
        pane->setAutoFillBackground(true);
        auto *column = new QVBoxLayout(pane);
        column->setContentsMargins(0, 0, 0, 2);
        column->setSpacing(2);
        column->addWidget(v, 1);
        column->addWidget(legend);
        m_layout->addWidget(pane, 1);
        // The ticks follow the plot's size, known once Qt Charts has laid the chart out (at
        // once, so the first frame already has them; fitTicks does not re-enter itself).
        connect(v->chart(), &QChart::plotAreaChanged, this, &ThroughputCharts::fitTicks);
    }
    applyTheme();
    connect(m_sampler, &ThroughputSampler::sampled, this, &ThroughputCharts::refresh);
    connect(m_sampler, &ThroughputSampler::errorOccurred, this, &ThroughputCharts::statusMessage);
}

ThroughputCharts::~ThroughputCharts() = default;

void ThroughputCharts::setBackend(AsyncBackend *backend, int intervalMs)
{
    m_sampler->setInterval(intervalMs);
    m_sampler->setBackend(backend);
}

void ThroughputCharts::addTopicSample(const QString &topic, qint64 timeMs, qint64 totalHighWatermark)
{
    m_history.addTopicSample(topic, timeMs, totalHighWatermark);
    refresh();
}

void ThroughputCharts::addGroupSample(const QString &groupId, qint64 timeMs, qint64 totalCommitted, qint64 totalLag)
{
    m_history.addGroupSample(groupId, timeMs, totalCommitted, totalLag);
    refresh();
}

int ThroughputCharts::pointCount() const
{
    int n = 0;
    for (const auto &[key, series] : m_series)
        n += series->count();
    return n;
}

QLineSeries *ThroughputCharts::seriesFor(const QString &key, QChart *chart, QValueAxis *x, QValueAxis *y,
                                         const QString &name, int colourIndex, bool dashed)
{
    auto it = m_series.find(key);
    if (it != m_series.end())
        return it->second;
    auto *series = new QLineSeries;
    series->setName(name);
    QPen pen(QColor::fromRgba(kColours[size_t(colourIndex) % kColours.size()]), 2);
    if (dashed)
        pen.setStyle(Qt::DashLine);
    series->setPen(pen);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    m_series.emplace(key, series);
    return series;
}

void ThroughputCharts::refresh()
{
    qint64 latest = 0;
    for (const auto *map : {&m_history.produced(), &m_history.consumed(), &m_history.lag()})
        for (const auto &[k, s] : *map)
            latest = std::max(latest, s.lastTimeMs());
    auto colourOf = [this](const QString &name) {
        auto it = m_colours.find(name);
        if (it == m_colours.end())
            it = m_colours.emplace(name, int(m_colours.size())).first;
        return it->second;
    };
    std::map<QString, bool> alive;
    double rateMax = 0, lagMax = 0;
    auto fill = [&](QLineSeries *series, const RateSeries &data, double &max) {
        QList<QPointF> points;
        points.reserve(qsizetype(data.points().size()));
        for (const QPointF &p : data.points())
            points.append(QPointF((p.x() - double(latest)) / 1000.0, p.y()));
        series->replace(points);
        max = std::max(max, data.maxValue());
    };
    QChart *rate = m_rateView->chart();
    QChart *lag = m_lagView->chart();
    for (const auto &[topic, data] : m_history.produced()) {
        const QString key = QStringLiteral("p:") + topic;
        alive[key] = true;
        fill(seriesFor(key, rate, m_rateX, m_rateY, tr("%1 produced").arg(topic), colourOf(topic), false), data,
             rateMax);
    }
    for (const auto &[group, data] : m_history.consumed()) {
        const QString key = QStringLiteral("c:") + group;
        alive[key] = true;
        fill(seriesFor(key, rate, m_rateX, m_rateY, tr("%1 consumed").arg(group), colourOf(group), true), data,
             rateMax);
    }
    for (const auto &[group, data] : m_history.lag()) {
        const QString key = QStringLiteral("l:") + group;
        alive[key] = true;
        fill(seriesFor(key, lag, m_lagX, m_lagY, group, colourOf(group), false), data, lagMax);
    }
    // Series whose topic or group fell out of the window go away.
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (!alive.count(it->first)) {
            it->second->chart()->removeSeries(it->second);
            delete it->second;
            it = m_series.erase(it);
        } else {
            ++it;
        }
    }
    m_rateMax = rateMax;
    m_lagMax = lagMax;
    for (auto [chart, legend] : {std::pair{rate, m_rateLegend}, std::pair{lag, m_lagLegend}}) {
        std::vector<ChartLegend::Entry> entries;
        for (QAbstractSeries *s : chart->series())
            if (auto *line = qobject_cast<QLineSeries *>(s))
                entries.push_back({line->name(), line->pen()});
        legend->setEntries(std::move(entries));
    }
    fitTicks();
}

void ThroughputCharts::scheduleFitTicks()
{
    if (std::exchange(m_fitQueued, true))
        return; // one pass for the plot areas as they end up
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_fitQueued = false;
            fitTicks();
        },
        Qt::QueuedConnection);
}

void ThroughputCharts::fitTicks()
{
    // Qt Charts lays a chart out again inside a range change whose labels change width, and
    // tells the new plot area from in there. An axis changed from that call, while the range
    // before it was still being handed between the axis and its domain, had the two hand both
    // back and forth until the GUI thread ran out of stack. The plot area as it ends up is
    // fitted once this pass is over.
    if (m_fitting) {
        scheduleFitTicks();
        return;
    }
    const QScopedValueRollback fitting(m_fitting, true);
    const QFontMetrics fm(font());
    // Time: as many labels as fit side by side ("-300 s" and a gap), at round steps of the window.
    const int window = int(m_history.windowMs() / 1000);
    const int timeLabel =
        fm.horizontalAdvance(QString(m_rateX->labelFormat()).replace(QStringLiteral("%.0f"), QString::number(-window)));
    // Values: as many as fit one above the other with a line's gap between them.
    const int valueLabel = fm.height() * 3 / 2;
    for (auto [view, x, y, max] :
         {std::tuple{m_rateView, m_rateX, m_rateY, m_rateMax}, std::tuple{m_lagView, m_lagX, m_lagY, m_lagMax}}) {
        const QRectF plot = view->chart()->plotArea();
        int timeTicks = 2;
        for (int n : {7, 6, 5, 4, 3}) {
            if (window % (n - 1) != 0 || (window / (n - 1)) % 5 != 0)
                continue;
            if (plot.width() / (n - 1) >= timeLabel + 12) {
                timeTicks = n;
                break;
            }
        }
        if (x->tickCount() != timeTicks)
            x->setTickCount(timeTicks);
        const int maxTicks = std::clamp(int(plot.height()) / valueLabel + 1, 2, 6);
        const auto [top, ticks] = valueScale(max * 1.05, maxTicks);
        if (y->max() != top || y->min() != 0)
            y->setRange(0, top);
        if (y->tickCount() != ticks)
            y->setTickCount(ticks);
    }
}

void ThroughputCharts::applyTheme()
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Base).lightnessF() < 0.5;
    for (QChartView *v : {m_rateView, m_lagView}) {
        QChart *chart = v->chart();
        chart->setBackgroundBrush(pal.color(QPalette::Base));
        chart->setTitleBrush(pal.color(QPalette::Text));
        QFont titleFont = font();
        titleFont.setBold(true);
        chart->setTitleFont(titleFont);
        chart->legend()->setLabelColor(pal.color(QPalette::Text));
        chart->legend()->setFont(font());
        const QColor grid = pal.color(QPalette::Text);
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsColor(pal.color(QPalette::Text));
            axis->setLabelsFont(font());
            QColor g = grid;
            g.setAlphaF(dark ? 0.18f : 0.12f);
            axis->setGridLineColor(g);
            QColor line = grid;
            line.setAlphaF(0.35f);
            axis->setLinePenColor(line);
        }
        v->setBackgroundBrush(pal.color(QPalette::Base));
    }
}

void ThroughputCharts::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A short, wide dock (its default place, under the timeline) puts the charts side by
    // side, so each keeps the height for its title, legend and axis labels; a tall one stacks
    // them. The titles always stay: without them two line charts cannot be told apart.
    const bool sideBySide = width() >= 2 * height();
    m_layout->setDirection(sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

void ThroughputCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyTheme();
    if (event->type() == QEvent::FontChange)
        fitTicks();
    QWidget::changeEvent(event);
}

} // namespace tidemark
