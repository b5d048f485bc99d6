#include "ui/charts/ThroughputCharts.h"

#include "core/timeline/ThroughputSampler.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QResizeEvent>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace tidemark {

namespace {

// Calm colours that read on light and dark backgrounds.
constexpr std::array<QRgb, 8> kColours = {0xff2f7fa8, 0xffd9773a, 0xff3f9a6b, 0xff8862b5,
                                          0xffc24d67, 0xffb08d2a, 0xff3d8ac0, 0xff62953c};

double niceCeiling(double v)
{
    if (v <= 10)
        return 10; // whole-number ticks even before there is any traffic
    const double m = std::pow(10.0, std::floor(std::log10(v)));
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * m >= v)
            return f * m;
    return 10 * m;
}

QChart *makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    chart->setMargins(QMargins(6, 4, 6, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
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
      m_rateX(new QValueAxis),
      m_rateY(new QValueAxis),
      m_lagX(new QValueAxis),
      m_lagY(new QValueAxis)
{
    setObjectName(QStringLiteral("throughputCharts"));
    m_rateView->setObjectName(QStringLiteral("throughputChart"));
    m_lagView->setObjectName(QStringLiteral("lagChart"));
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
    for (QChartView *v : {m_rateView, m_lagView}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setFrameShape(QFrame::NoFrame);
        v->setMinimumHeight(140);
    }
    m_layout = new QBoxLayout(QBoxLayout::TopToBottom, this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addWidget(m_rateView, 1);
    m_layout->addWidget(m_lagView, 1);
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
    m_rateY->setRange(0, niceCeiling(rateMax * 1.1));
    m_lagY->setRange(0, niceCeiling(lagMax * 1.1));
    m_rateY->applyNiceNumbers();
    m_lagY->applyNiceNumbers();
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
    // As many time labels as fit ("-300 s" is about 60 px wide).
    const int chartWidth = sideBySide ? width() / 2 : width();
    const int ticks = std::clamp(chartWidth / 90, 2, 6);
    m_rateX->setTickCount(ticks);
    m_lagX->setTickCount(ticks);
    // Value labels need about 40 px each; more ticks than fit and Qt Charts elides every
    // label to "…".
    const int chartHeight = sideBySide ? height() : height() / 2;
    const int valueTicks = std::clamp(chartHeight / 40, 2, 5);
    m_rateY->setTickCount(valueTicks);
    m_lagY->setTickCount(valueTicks);
}

void ThroughputCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyTheme();
    QWidget::changeEvent(event);
}

} // namespace tidemark
