#include "ui/timeline/TimelineCanvas.h"

#include "core/RecordFormat.h"
#include "core/timeline/TimelineLoader.h"

#include <QApplication>
#include <QDateTime>
#include <QGestureEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPinchGesture>
#include <QScrollBar>
#include <QWheelEvent>
#include <QWindow>

#include <algorithm>
#include <cmath>

namespace tidemark {

namespace {

constexpr int kGutter = 112;
constexpr int kRightPad = 16;
constexpr int kMinLaneHeight = 38;
constexpr int kMaxLaneHeight = 124;
constexpr int kMarkerHitPx = 5;

// Keeps labels of one row from overlapping.
struct LabelRow {
    std::vector<std::pair<int, int>> taken;
    bool take(int from, int to)
    {
        for (const auto &[a, b] : taken)
            if (from < b + 6 && a < to + 6)
                return false;
        taken.emplace_back(from, to);
        return true;
    }
};

// 1, 2, 5 x 10^k, at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 1))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw)
            return m * magnitude;
    return 10 * magnitude;
}

QString stateName(ConsumerStatus::State state)
{
    using S = ConsumerStatus::State;
    switch (state) {
    case S::Starting: return TimelineCanvas::tr("starting");
    case S::Running: return TimelineCanvas::tr("running");
    case S::Rebalancing: return TimelineCanvas::tr("rebalancing");
    case S::Stopped: return TimelineCanvas::tr("stopped");
    case S::Killed: return TimelineCanvas::tr("killed");
    case S::Failed: return TimelineCanvas::tr("failed");
    }
    return {};
}

// Direct pixel access for the lane raster: one column segment in one colour.
struct PixelTarget {
    uchar *bits;
    qsizetype bytesPerLine;
    int width;
    int height;

    explicit PixelTarget(QImage &image)
        : bits(image.bits()), bytesPerLine(image.bytesPerLine()), width(image.width()), height(image.height())
    {}
    void column(int x, int y0, int y1, QRgb colour) const
    {
        y0 = std::max(0, y0);
        y1 = std::min(height, y1);
        if (x < 0 || x >= width)
            return;
        uchar *p = bits + y0 * bytesPerLine + qsizetype(x) * 4;
        for (int y = y0; y < y1; ++y, p += bytesPerLine)
            *reinterpret_cast<QRgb *>(p) = colour;
    }
};

} // namespace

TimelineCanvas::TimelineCanvas(TimelineModel *model, TimelineLoader *loader, QWidget *parent)
    : QWidget(parent), m_model(model), m_loader(loader), m_scrollBar(new QScrollBar(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("timelineCanvas"));
    setAccessibleName(tr("Partition timelines"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 160);
    grabGesture(Qt::PinchGesture);
    m_palette = TimelinePalette::fromPalette(palette());
    m_scrollBar->setObjectName(QStringLiteral("timelineScrollBar"));
    m_scrollBar->hide();
    connect(m_scrollBar, &QScrollBar::valueChanged, this, [this] {
        updateLayout();
        update();
    });

    m_frameTimer.setInterval(kFrameIntervalMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &TimelineCanvas::onFrameTick);
    m_historyTimer.setInterval(1000);
    connect(&m_historyTimer, &QTimer::timeout, this, [this] {
        if (m_model->ownership().isEmpty())
            m_historyTimer.stop();
        update();
    });
    m_hoverTimer.setSingleShot(true);
    m_hoverTimer.setInterval(120);
    connect(&m_hoverTimer, &QTimer::timeout, this, &TimelineCanvas::requestHoverRecord);

    connect(m_model, &TimelineModel::changed, this, &TimelineCanvas::onModelChanged);
    connect(m_model, &TimelineModel::lanesChanged, this, &TimelineCanvas::onLanesChanged);
    if (m_loader) {
        connect(m_loader, &TimelineLoader::recordReady, this,
                [this](int partition, qint64 offset, const Record &record) {
                    m_hoverRecord = HoverRecord{partition, offset, record};
                    update();
                });
    }
    updateLayout();
}

TimelineCanvas::~TimelineCanvas() = default;

void TimelineCanvas::setColourMode(TimelineColourMode mode)
{
    if (mode == m_colourMode)
        return;
    m_colourMode = mode;
    update();
}

void TimelineCanvas::setFollowHead(bool follow)
{
    if (follow == m_viewport.isFollowingHead())
        return;
    m_viewport.setFollowHead(follow);
    emit followHeadChanged(follow);
    update();
    kick();
}

void TimelineCanvas::fit()
{
    m_autoFit = true;
    m_needFit = true;
    update();
}

void TimelineCanvas::clearProposal()
{
    m_dragOffset = -1;
    m_dragHit = TimelineHit{};
    update();
}

void TimelineCanvas::zoomBy(double factor)
{
    const double x = m_hoverPos ? m_hoverPos->x() - plotRect().left() : m_viewport.width() / 2;
    m_viewport.zoomAt(x, factor);
    m_autoFit = false;
    update();
}

void TimelineCanvas::showRange(double from, double to)
{
    const bool follow = m_viewport.isFollowingHead();
    m_autoFit = false;
    m_viewport.showRange(from, to);
    if (follow)
        emit followHeadChanged(false);
    update();
}

void TimelineCanvas::onModelChanged()
{
    update();
    kick();
}

void TimelineCanvas::onLanesChanged()
{
    if (m_model->laneCount() == 0) {
        m_autoFit = true;
        m_needFit = true;
    } else {
        m_problem.clear();
    }
    m_hoverRecord.reset();
    m_selection.reset();
    updateLayout();
    update();
}

void TimelineCanvas::kick()
{
    if (isVisible() && !m_frameTimer.isActive())
        m_frameTimer.start();
}

void TimelineCanvas::onFrameTick()
{
    // Paused while hidden or minimised; time-based animations catch up when shown again.
    if (!isVisible() || (window() && window()->isMinimized())) {
        m_frameTimer.stop();
        return;
    }
    update();
}

void TimelineCanvas::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    kick();
}

void TimelineCanvas::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_frameTimer.stop();
    m_historyTimer.stop();
}

void TimelineCanvas::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_palette = TimelinePalette::fromPalette(palette());
        update();
    } else if (event->type() == QEvent::FontChange) {
        updateLayout();
    }
    QWidget::changeEvent(event);
}

void TimelineCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateLayout();
}

void TimelineCanvas::updateLayout()
{
    const QFontMetrics fm(font());
    m_layout.gutter = kGutter;
    m_layout.axisHeight = fm.height() + 14;
    m_layout.legendHeight = fm.height() + 16;
    m_layout.lanesTop = m_layout.axisHeight;
    m_layout.lanesBottom = std::max(m_layout.lanesTop + 1, height() - m_layout.legendHeight);
    const int available = m_layout.lanesBottom - m_layout.lanesTop;
    const int lanes = m_model->laneCount();
    m_layout.laneHeight = lanes > 0 ? std::clamp(available / lanes, kMinLaneHeight, kMaxLaneHeight) : 0;
    const int total = m_layout.laneHeight * lanes;
    const bool scroll = total > available;
    m_scrollBar->setVisible(scroll);
    if (scroll) {
        const int w = m_scrollBar->sizeHint().width();
        m_scrollBar->setGeometry(width() - w, m_layout.lanesTop, w, available);
        m_scrollBar->setRange(0, total - available);
        m_scrollBar->setPageStep(available);
        m_scrollBar->setSingleStep(m_layout.laneHeight);
    }
    m_layout.scroll = scroll ? m_scrollBar->value() : 0;
    m_viewport.setWidth(plotRect().width());
}

QRect TimelineCanvas::plotRect() const
{
    const int right = width() - kRightPad - (m_scrollBar->isVisible() ? m_scrollBar->width() : 0);
    return QRect(QPoint(m_layout.gutter, m_layout.lanesTop),
                 QPoint(std::max(m_layout.gutter + 1, right) - 1, m_layout.lanesBottom - 1));
}

QRect TimelineCanvas::laneRect(int lane) const
{
    if (lane < 0 || lane >= m_model->laneCount())
        return {};
    return QRect(0, m_layout.lanesTop + lane * m_layout.laneHeight - m_layout.scroll, plotRect().right() + kRightPad,
                 m_layout.laneHeight);
}

QRect TimelineCanvas::stripRect(int lane) const
{
    const QRect r = laneRect(lane);
    if (r.isNull())
        return {};
    const int h = r.height();
    const int top = std::clamp(int(h * 0.31), 9, 32);
    const int bottom = std::clamp(int(h * 0.29), 9, 28);
    const QRect plot = plotRect();
    return QRect(QPoint(plot.left(), r.top() + top), QPoint(plot.right(), r.bottom() - bottom));
}

double TimelineCanvas::xForOffset(double offset) const { return plotRect().left() + m_viewport.xForOffset(offset); }
double TimelineCanvas::offsetAtX(double x) const { return m_viewport.offsetAtX(x - plotRect().left()); }

TimelineHit TimelineCanvas::hitTest(QPoint pos) const
{
    TimelineHit hit;
    const QRect plot = plotRect();
    if (m_layout.laneHeight <= 0 || pos.y() < m_layout.lanesTop || pos.y() >= m_layout.lanesBottom)
        return hit;
    const int lane = (pos.y() - m_layout.lanesTop + m_layout.scroll) / m_layout.laneHeight;
    if (lane < 0 || lane >= m_model->laneCount())
        return hit;
    hit.kind = TimelineHit::Kind::Lane;
    hit.lane = lane;
    hit.partition = m_model->partitionOfLane(lane);
    if (pos.x() < plot.left() - kMarkerHitPx || pos.x() > plot.right() + kMarkerHitPx)
        return hit;
    const TimelineFrame frame = m_model->frame(m_model->now());
    const QRect strip = stripRect(lane);
    // Markers first, the nearest one within a few pixels; committed markers win ties, since
    // they are the ones you can drag.
    const TimelineMarker *best = nullptr;
    double bestDistance = kMarkerHitPx + 0.5;
    auto rank = [](TimelineMarker::Kind k) {
        switch (k) {
        case TimelineMarker::Kind::Committed: return 0;
        case TimelineMarker::Kind::Position: return 1;
        case TimelineMarker::Kind::HighWatermark: return 2;
        case TimelineMarker::Kind::LogStart: return 3;
        }
        return 4;
    };
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane)
            continue;
        // Committed markers hang below the strip, positions above it: prefer the one on the
        // side the pointer is on.
        double d = std::abs(xForOffset(m.shownOffset) - pos.x());
        if (m.kind == TimelineMarker::Kind::Committed && pos.y() < strip.center().y())
            d += 1.5;
        if (m.kind == TimelineMarker::Kind::Position && pos.y() > strip.center().y())
            d += 1.5;
        // The thin lines at the ends of the log yield to the records next to them.
        if (m.kind == TimelineMarker::Kind::LogStart || m.kind == TimelineMarker::Kind::HighWatermark)
            d += 2.0;
        if (d < bestDistance || (best && d == bestDistance && rank(m.kind) < rank(best->kind))) {
            best = &m;
            bestDistance = d;
        }
    }
    if (best) {
        switch (best->kind) {
        case TimelineMarker::Kind::Committed: hit.kind = TimelineHit::Kind::Committed; break;
        case TimelineMarker::Kind::Position: hit.kind = TimelineHit::Kind::Position; break;
        case TimelineMarker::Kind::HighWatermark: hit.kind = TimelineHit::Kind::HighWatermark; break;
        case TimelineMarker::Kind::LogStart: hit.kind = TimelineHit::Kind::LogStart; break;
        }
        hit.offset = best->offset;
        hit.groupId = best->groupId;
        hit.consumerId = best->consumerId;
        return hit;
    }
    const qint64 offset = qint64(std::floor(offsetAtX(pos.x() + 0.5)));
    const LaneSummary &summary = m_model->summary(lane);
    if (offset >= summary.logStart() && offset < summary.highWatermark() && pos.y() >= strip.top() - 2 &&
        pos.y() <= strip.bottom() + 2) {
        hit.kind = TimelineHit::Kind::Record;
        hit.offset = offset;
    }
    return hit;
}

void TimelineCanvas::syncViewport(const TimelineFrame &frame)
{
    if (frame.lanes.empty())
        return;
    double start = frame.lanes.front().shownLogStart, end = 0;
    for (const TimelineLaneFrame &lf : frame.lanes) {
        start = std::min(start, lf.shownLogStart);
        end = std::max(end, lf.shownHighWatermark);
    }
    m_viewport.setContent(start, end);
    const qint64 now = frame.timeMs;
    if (!m_autoFit || m_viewport.isFollowingHead())
        m_glide.active = false;
    if (m_glide.active) {
        const double t = std::clamp(double(now - m_glide.startMs) / kRefitMs, 0.0, 1.0);
        const double e = 1 - (1 - t) * (1 - t) * (1 - t);
        const double perPixel = std::exp(std::log(m_glide.fromPerPixel) +
                                         (std::log(m_glide.toPerPixel) - std::log(m_glide.fromPerPixel)) * e);
        m_viewport.setState(m_glide.fromFirst + (m_glide.toFirst - m_glide.fromFirst) * e, perPixel);
        m_glide.active = t < 1;
    } else if (m_autoFit && !m_viewport.isFollowingHead()) {
        // Refit when the content outgrows the view or shrinks to a sliver of it, leaving room
        // to grow so that new records visibly extend the lanes. The first fit is immediate,
        // later ones glide.
        const double visible = m_viewport.lastOffset() - m_viewport.firstOffset();
        if (m_needFit) {
            m_viewport.fit(0.2);
        } else if (end > m_viewport.lastOffset() - 0.01 * visible || start < m_viewport.firstOffset() ||
                   (end - start) < 0.35 * visible) {
            TimelineViewport target = m_viewport;
            target.fit(0.2);
            m_glide = ViewGlide{m_viewport.firstOffset(),
                                target.firstOffset(),
                                m_viewport.offsetsPerPixel(),
                                target.offsetsPerPixel(),
                                now,
                                true};
        }
    }
    m_needFit = false;
    m_viewport.followHead(end);
    if (m_loader)
        m_loader->setVisibleRange(m_viewport.firstOffset(), m_viewport.lastOffset());
}

QRgb TimelineCanvas::laneOwnerColour(const TimelineLaneFrame &lf) const
{
    const QColor neutral = m_palette.inactive;
    const QColor current = lf.owner.key.isEmpty() ? neutral : m_palette.consumerColour(lf.owner.colour);
    const QColor previous =
        lf.previousOwner.key.isEmpty() ? neutral : m_palette.consumerColour(lf.previousOwner.colour);
    const QColor blended = mixColours(previous, current, lf.ownerBlend);
    return mixColours(blended, neutral, lf.ownerGrey).rgba();
}

qint64 TimelineCanvas::focusCommitted(int lane, const TimelineFrame &frame) const
{
    const QString focus = m_model->focusGroup();
    for (const TimelineMarker &m : frame.markers)
        if (m.lane == lane && m.kind == TimelineMarker::Kind::Committed && m.groupId == focus)
            return qint64(std::llround(m.shownOffset));
    return -1;
}

QString TimelineCanvas::formatOffset(qint64 offset) const { return QLocale().toString(offset); }

QString TimelineCanvas::formatCompact(double value) const
{
    const double a = std::abs(value);
    auto fmt = [](double v, const char *suffix) {
        const int decimals = v < 10 ? 2 : (v < 100 ? 1 : 0);
        QString s = QString::number(v, 'f', decimals);
        if (s.contains(QLatin1Char('.'))) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(QLatin1Char('.')))
                s.chop(1);
        }
        return s + QLatin1String(suffix);
    };
    if (a >= 1e9)
        return fmt(value / 1e9, "B");
    if (a >= 1e6)
        return fmt(value / 1e6, "M");
    if (a >= 1e4)
        return fmt(value / 1e3, "k");
    return QLocale().toString(qint64(std::llround(value)));
}

void TimelineCanvas::paintEvent(QPaintEvent *)
{
    const qint64 now = m_model->now();
    TimelineFrame frame = m_model->frame(now);
    if (m_layout.laneHeight == 0 && m_model->laneCount() > 0)
        updateLayout();
    syncViewport(frame);

    if (m_image.size() != size())
        m_image = QImage(size(), QImage::Format_ARGB32_Premultiplied);
    m_image.fill(m_palette.background);
    const QRect plot = plotRect();

    if (m_model->topic().isEmpty() || frame.lanes.empty()) {
        QPainter p(this);
        p.fillRect(rect(), m_palette.background);
        p.setRenderHint(QPainter::Antialiasing);
        paintAxis(p, frame);
        paintEmpty(p);
        return;
    }

    // Pass 1: tracks and grid.
    {
        QPainter p(&m_image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setClipRect(QRect(0, m_layout.lanesTop, width(), m_layout.lanesBottom - m_layout.lanesTop));
        const double step = niceStep(m_viewport.offsetsPerPixel() * 120);
        p.setPen(QPen(m_palette.grid, 1));
        for (double o = std::ceil(m_viewport.firstOffset() / step) * step; o < m_viewport.lastOffset(); o += step) {
            const double x = std::round(xForOffset(o)) + 0.5;
            p.drawLine(QPointF(x, m_layout.lanesTop), QPointF(x, m_layout.lanesBottom));
        }
        for (int lane = 0; lane < int(frame.lanes.size()); ++lane) {
            const QRect strip = stripRect(lane);
            if (!strip.intersects(rect()))
                continue;
            const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
            p.setPen(Qt::NoPen);
            p.setBrush(m_palette.track);
            p.drawRoundedRect(QRectF(strip).adjusted(-3, 0, 3, 0), 4, 4);
            const double x0 = std::max<double>(strip.left() - 3, xForOffset(lf.shownLogStart));
            const double x1 = std::min<double>(strip.right() + 4, xForOffset(lf.shownHighWatermark));
            if (x1 > x0) {
                p.setBrush(m_palette.log);
                p.drawRoundedRect(QRectF(x0, strip.top(), x1 - x0, strip.height()), 3, 3);
            }
        }
    }
    // Pass 2: records, rasterised straight into the image (zoomed out) ...
    const bool blocks = m_viewport.offsetsPerPixel() <= 1.0 / 3.0;
    for (int lane = 0; lane < int(frame.lanes.size()); ++lane) {
        const QRect strip = stripRect(lane);
        if (!strip.intersects(rect()) || blocks)
            continue;
        const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
        rasterColumns(m_image, lane, lf, strip, laneOwnerColour(lf), focusCommitted(lane, frame));
    }
    // ... pass 3: blocks (zoomed in), overlays, markers and labels, straight on the widget so
    // that text and lines stay sharp on high-DPI screens (the raster is at logical pixels).
    {
        QPainter p(this);
        p.drawImage(rect(), m_image);
        p.setRenderHint(QPainter::Antialiasing);
        for (int lane = 0; lane < int(frame.lanes.size()); ++lane) {
            const QRect laneBox = laneRect(lane);
            if (!laneBox.intersects(QRect(0, m_layout.lanesTop, width(), m_layout.lanesBottom - m_layout.lanesTop)))
                continue;
            p.save();
            p.setClipRect(QRect(0, m_layout.lanesTop, width(), m_layout.lanesBottom - m_layout.lanesTop));
            paintLane(p, lane, frame);
            p.restore();
        }
        paintAxis(p, frame);
        paintLegend(p, frame);
        if (m_drag == Drag::Committed || m_dragOffset >= 0)
            paintDrag(p);
        else
            paintHover(p, frame);
        if (m_model->recordCount() == 0) {
            const QString hint = tr("No records yet: produce some and watch the lanes grow.");
            const QFontMetrics fm(font());
            QRectF card(0, 0, fm.horizontalAdvance(hint) + 32, fm.height() + 18);
            card.moveCenter(QRectF(plot).center());
            p.setPen(QPen(m_palette.cardBorder, 1));
            p.setBrush(m_palette.card);
            p.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
            p.setPen(m_palette.mutedText);
            p.drawText(card, Qt::AlignCenter, hint);
        }
    }
    if (frame.animating || m_glide.active)
        kick();
    else
        m_frameTimer.stop();
}

void TimelineCanvas::setProblem(const QString &message)
{
    m_problem = message;
    update();
}

QString TimelineCanvas::placeholderText() const
{
    if (m_model->topic().isEmpty())
        return tr("Choose a topic to see its partitions as timelines.");
    if (!m_problem.isEmpty())
        return m_problem;
    return tr("Loading topic '%1'…").arg(m_model->topic());
}

void TimelineCanvas::paintEmpty(QPainter &p)
{
    p.setPen(m_problem.isEmpty() || m_model->topic().isEmpty() ? m_palette.mutedText : m_palette.text);
    p.drawText(rect().adjusted(24, 0, -24, 0), Qt::AlignCenter | Qt::TextWordWrap, placeholderText());
}

void TimelineCanvas::rasterColumns(QImage &image, int lane, const TimelineLaneFrame &lf, const QRect &strip,
                                   QRgb laneColour, qint64 consumedBefore)
{
    const LaneSummary &summary = m_model->summary(lane);
    const int plotLeft = plotRect().left();
    const int x0 = std::max(strip.left(), int(std::floor(xForOffset(lf.shownLogStart))));
    const int x1 = std::min(strip.right() + 1, int(std::ceil(xForOffset(lf.shownHighWatermark))));
    if (x1 <= x0)
        return;
    const int columns = x1 - x0;
    thread_local std::vector<LodCell> cells;
    cells.resize(size_t(columns));
    const double opp = m_viewport.offsetsPerPixel();
    summary.sampleColumns(m_viewport.offsetAtX(x0 - plotLeft), opp, columns, cells.data());

    const LodCell total = summary.total();
    const int lo = total.minSize, hi = total.maxSize;
    const int stripH = strip.height();
    const double mid = strip.top() + (stripH - 1) / 2.0;
    const QRgb logRgb = m_palette.log.rgba();
    const QRgb unloaded = m_palette.unloaded.rgba();
    const bool byConsumer = m_colourMode == TimelineColourMode::Consumers;
    auto heightFor = [&](int code) {
        const double norm = hi > lo ? double(code - lo) / double(hi - lo) : 1.0;
        return std::max(2.0, stripH * (0.40 + 0.56 * std::clamp(norm, 0.0, 1.0)));
    };
    const int midRow = int(mid + 0.5);
    const PixelTarget target(image);
    const double firstColumnOffset = m_viewport.offsetAtX(x0 - plotLeft);
    for (int c = 0; c < columns; ++c) {
        const LodCell &cell = cells[size_t(c)];
        const int x = x0 + c;
        if (cell.fill == 0) {
            if ((x & 3) < 2)
                target.column(x, midRow, midRow + 1, unloaded);
            continue;
        }
        if (!cell.hasRecords())
            continue;
        QRgb base = byConsumer ? laneColour : m_palette.keyColours[cell.colour];
        if (byConsumer && consumedBefore >= 0 && firstColumnOffset + c * opp >= double(consumedBefore))
            base = mixRgb(base, logRgb, 0.55);
        const double loaded = 0.45 + 0.55 * (cell.fill / 255.0);
        const QRgb outer = mixRgb(logRgb, base, 0.52 * loaded);
        const QRgb inner = mixRgb(logRgb, base, 0.95 * loaded);
        const double hMax = heightFor(cell.maxSize);
        const double hMin = std::min(hMax, heightFor(cell.minSize));
        const int outerTop = int(mid - hMax / 2 + 0.5), outerBottom = int(mid + hMax / 2 + 0.5) + 1;
        const int innerTop = int(mid - hMin / 2 + 0.5), innerBottom = int(mid + hMin / 2 + 0.5) + 1;
        target.column(x, outerTop, innerTop, outer);
        target.column(x, innerTop, innerBottom, inner);
        target.column(x, innerBottom, outerBottom, outer);
    }
}

void TimelineCanvas::paintBlocks(QPainter &p, int lane, const TimelineLaneFrame &lf, const QRect &strip,
                                 QRgb laneColour, qint64 consumedBefore)
{
    const LaneSummary &summary = m_model->summary(lane);
    const double ppr = 1.0 / m_viewport.offsetsPerPixel();
    const qint64 first = std::max<qint64>(lf.logStart, qint64(std::floor(offsetAtX(strip.left()))) - 1);
    const qint64 last =
        std::min<qint64>(qint64(std::ceil(lf.shownHighWatermark)), qint64(std::ceil(offsetAtX(strip.right()))) + 1);
    const double headX = xForOffset(lf.shownHighWatermark);
    const LodCell total = summary.total();
    const int lo = total.minSize, hi = total.maxSize;
    const double gap = ppr >= 6 ? 1.0 : 0.5;
    const double mid = strip.top() + strip.height() / 2.0;
    const bool byConsumer = m_colourMode == TimelineColourMode::Consumers;
    p.save();
    p.setClipRect(strip.adjusted(-1, -1, 1, 1));
    p.setPen(Qt::NoPen);
    p.setRenderHint(QPainter::Antialiasing, ppr >= 10);
    for (qint64 o = first; o < last; ++o) {
        const OffsetCell cell = summary.at(o);
        const double xa = xForOffset(double(o));
        const double xb = std::min(xForOffset(double(o + 1)), headX);
        if (xb <= xa)
            break;
        if (cell.size == LaneSummary::kUnknown) {
            p.setBrush(m_palette.unloaded);
            p.drawEllipse(QPointF((xa + xb) / 2, mid), 1.2, 1.2);
            continue;
        }
        if (cell.size == LaneSummary::kGap)
            continue;
        QRgb base = byConsumer ? laneColour : m_palette.keyColours[cell.colour];
        if (byConsumer && consumedBefore >= 0 && o >= consumedBefore)
            base = mixRgb(base, m_palette.log.rgba(), 0.55);
        const double norm = hi > lo ? double(cell.size - lo) / double(hi - lo) : 1.0;
        const double h = std::max(3.0, strip.height() * (0.40 + 0.56 * norm));
        const QRectF block(xa + gap, mid - h / 2, std::max(1.0, xb - xa - 2 * gap), h);
        p.setBrush(QColor::fromRgba(base));
        if (ppr >= 10)
            p.drawRoundedRect(block, 2, 2);
        else
            p.drawRect(block);
    }
    p.restore();
}

void TimelineCanvas::paintLane(QPainter &p, int lane, const TimelineFrame &frame)
{
    const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
    const QRect strip = stripRect(lane);
    const QRect box = laneRect(lane);
    if (m_viewport.offsetsPerPixel() <= 1.0 / 3.0)
        paintBlocks(p, lane, lf, strip, laneOwnerColour(lf), focusCommitted(lane, frame));

    // Lane separator.
    p.setPen(QPen(m_palette.grid, 1));
    p.drawLine(QPointF(8, box.bottom() + 0.5), QPointF(box.right(), box.bottom() + 0.5));

    paintMarkers(p, lane, frame);
    paintOwnership(p, lane, frame);
    paintGutter(p, lane, lf);
}

qint64 TimelineCanvas::ownershipWindowMs(const TimelineFrame &frame)
{
    // From the first sample to now (a young history fills the band), at least
    // kMinOwnershipWindowMs, at most kOwnershipWindowMs.
    qint64 first = frame.historyNowMs;
    for (const TimelineOwnershipBand &b : frame.ownership)
        if (!b.memberId.isEmpty())
            first = std::min(first, b.fromMs);
    return std::clamp(frame.historyNowMs - first, kMinOwnershipWindowMs, kOwnershipWindowMs);
}

void TimelineCanvas::paintOwnership(QPainter &p, int lane, const TimelineFrame &frame)
{
    const QRect box = laneRect(lane);
    const QRect plot = plotRect();
    const int bandHeight = box.height() >= 56 ? 4 : 2;
    const QRectF band(plot.left(), box.bottom() - bandHeight - 1, plot.width(), bandHeight);
    const qint64 now = frame.historyNowMs;
    const qint64 window = ownershipWindowMs(frame);
    const qint64 windowStart = now - window;
    auto xAt = [&](qint64 ms) {
        return band.left() + band.width() * double(std::clamp(ms, windowStart, now) - windowStart) / double(window);
    };
    bool ownedBefore = false;
    int previousGeneration = -1;
    p.save();
    for (const TimelineOwnershipBand &b : frame.ownership) {
        if (b.lane != lane)
            continue;
        const qint64 to = b.toMs < 0 ? now : b.toMs;
        const bool generationEdge = previousGeneration >= 0 && b.generation != previousGeneration;
        previousGeneration = b.generation;
        const bool owned = !b.memberId.isEmpty();
        if (to < windowStart || (!owned && !ownedBefore)) {
            ownedBefore = ownedBefore || owned;
            continue;
        }
        ownedBefore = ownedBefore || owned;
        const double x0 = xAt(b.fromMs);
        const double x1 = std::max(x0 + 1, xAt(to));
        const QRectF r(x0, band.top(), x1 - x0, band.height());
        if (owned) {
            p.fillRect(r, m_palette.consumerColour(b.colour));
        } else {
            // Nobody owned it: the pause between the revoke and the next assignment.
            p.fillRect(r, m_palette.track);
            p.fillRect(r, QBrush(m_palette.flash, Qt::Dense5Pattern));
        }
        if (generationEdge && b.fromMs >= windowStart) {
            p.setPen(QPen(m_palette.text, 1));
            p.drawLine(QPointF(std::round(x0) + 0.5, band.top() - 3), QPointF(std::round(x0) + 0.5, band.bottom()));
        }
    }
    p.restore();
    if (!frame.ownership.empty() && !m_historyTimer.isActive() && isVisible())
        m_historyTimer.start();
}

void TimelineCanvas::paintMarkers(QPainter &p, int lane, const TimelineFrame &frame)
{
    const QRect strip = stripRect(lane);
    const QRect box = laneRect(lane);
    const QRect plot = plotRect();
    const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
    QFont small = font();
    small.setPixelSize(std::max(9, font().pixelSize() > 0 ? font().pixelSize() - 1 : 11));
    const QFontMetrics fm(small);
    const int topPad = strip.top() - box.top();
    const int bottomPad = box.bottom() - strip.bottom();
    const bool topLabels = topPad >= fm.height() + 4;
    const bool bottomLabels = bottomPad >= fm.height() + 4;
    LabelRow topRow, bottomRow;
    auto inPlot = [&](double x) { return x >= plot.left() - 1 && x <= plot.right() + 1; };
    p.save();
    p.setClipRect(QRect(plot.left() - 4, box.top(), plot.width() + kRightPad + 4, box.height()));
    p.setFont(small);

    // Lag: the span between a group's committed offset and the high watermark. Its label is
    // drawn last, where the markers' labels left room.
    std::vector<const TimelineLagSpan *> lagLabels;
    for (const TimelineLagSpan &lag : frame.lags) {
        if (lag.lane != lane)
            continue;
        const double xa = std::max<double>(plot.left(), xForOffset(lag.shownFrom));
        const double xb = std::min<double>(plot.right() + 1, xForOffset(lag.shownTo));
        if (xb <= xa)
            continue;
        const QColor c = m_palette.groupColour(lag.colour);
        QColor fillC = c;
        if (!lag.focus) {
            // Other groups' lag: a quiet band along the bottom edge of the strip.
            fillC.setAlphaF(0.45f);
            p.fillRect(QRectF(xa, strip.bottom() - 1, xb - xa, 2), fillC);
            continue;
        }
        fillC.setAlphaF(0.12f);
        const QRectF r(xa, strip.top() - 1, xb - xa, strip.height() + 2);
        p.fillRect(r, fillC);
        {
            QColor hatch = c;
            hatch.setAlphaF(m_palette.dark ? 0.26f : 0.17f);
            p.fillRect(r, QBrush(hatch, Qt::BDiagPattern));
            if (bottomLabels && lag.lag > 0)
                lagLabels.push_back(&lag);
        }
    }
    // Offsets that will be delivered again, then the ones that just were.
    for (const TimelineRedelivery &r : frame.redeliveries) {
        if (r.lane != lane)
            continue;
        const double xa = std::max<double>(plot.left(), xForOffset(double(r.from)));
        const double xb = std::min<double>(plot.right() + 1, xForOffset(double(r.to)));
        if (xb <= xa)
            continue;
        QPen pen(m_palette.flash, 2, Qt::DashLine);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.drawLine(QPointF(xa, strip.top() - 2.5), QPointF(xb, strip.top() - 2.5));
    }
    for (const TimelineFlash &f : frame.flashes) {
        if (f.lane != lane)
            continue;
        double xa = xForOffset(double(f.from));
        double xb = xForOffset(double(f.to));
        if (xb - xa < 3) {
            const double c = (xa + xb) / 2;
            xa = c - 1.5;
            xb = c + 1.5;
        }
        QColor c = m_palette.flash;
        c.setAlphaF(float(0.85 * f.intensity));
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRoundedRect(QRectF(xa, strip.top() - 2, xb - xa, strip.height() + 4), 2, 2);
    }
    // The selected record.
    if (m_selection && m_selection->first == lf.partition) {
        double xa = xForOffset(double(m_selection->second));
        double xb = xForOffset(double(m_selection->second + 1));
        if (xb - xa < 4) {
            const double c = (xa + xb) / 2;
            xa = c - 2;
            xb = c + 2;
        }
        p.setPen(QPen(m_palette.selection, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(xa, strip.top() - 3, xb - xa, strip.height() + 6), 2, 2);
    }

    // Markers, the quiet ones first.
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane)
            continue;
        const double x = std::round(xForOffset(m.shownOffset)) + 0.5;
        if (!inPlot(x))
            continue;
        switch (m.kind) {
        case TimelineMarker::Kind::LogStart: {
            p.setPen(QPen(m_palette.logStart, 1, Qt::DotLine));
            p.drawLine(QPointF(x, strip.top() - 4), QPointF(x, strip.bottom() + 4));
            if (m.offset > 0 && bottomLabels) {
                const QString text = formatOffset(m.offset);
                const int w = fm.horizontalAdvance(text);
                if (bottomRow.take(int(x) + 3, int(x) + 3 + w)) {
                    p.setPen(m_palette.mutedText);
                    p.drawText(QPointF(x + 3, strip.bottom() + 3 + fm.ascent()), text);
                }
            }
            break;
        }
        case TimelineMarker::Kind::HighWatermark: {
            p.setPen(QPen(m_palette.tide, 2, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(x, strip.top() - 5), QPointF(x, strip.bottom() + 5));
            // A small wave crest on top: the tidemark.
            QPainterPath crest;
            crest.moveTo(x - 4, strip.top() - 5);
            crest.quadTo(x - 2, strip.top() - 8, x, strip.top() - 5);
            crest.quadTo(x + 2, strip.top() - 2, x + 4, strip.top() - 5);
            p.setPen(QPen(m_palette.tide, 1.6, Qt::SolidLine, Qt::RoundCap));
            p.drawPath(crest);
            QFont bold = small;
            bold.setBold(true);
            p.setFont(bold);
            const QFontMetrics bfm(bold);
            const QString text = formatOffset(m.offset);
            const int w = bfm.horizontalAdvance(text);
            const int y = strip.center().y() + bfm.ascent() / 2 - 1;
            p.setPen(m_palette.tide);
            if (x + 7 + w <= plot.right() + kRightPad)
                p.drawText(QPointF(x + 7, y), text);
            else if (topLabels && topRow.take(int(x) - 6 - w, int(x) - 2))
                p.drawText(QPointF(x - 6 - w, strip.top() - 4), text);
            p.setFont(small);
            break;
        }
        default: break;
        }
    }
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane || m.kind != TimelineMarker::Kind::Committed)
            continue;
        const bool dragged = m_dragOffset >= 0 && m_dragHit.groupId == m.groupId && m_dragHit.partition == m.partition;
        const double x = std::round(xForOffset(m.shownOffset)) + 0.5;
        if (!inPlot(x))
            continue;
        QColor c = m_palette.groupColour(m.colour);
        if (dragged)
            c.setAlphaF(0.35f);
        p.setPen(QPen(c, 2, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(x, strip.top()), QPointF(x, strip.bottom() + 2));
        QPainterPath tri;
        tri.moveTo(x, strip.bottom() + 1);
        tri.lineTo(x - 5, strip.bottom() + 8);
        tri.lineTo(x + 5, strip.bottom() + 8);
        tri.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPath(tri);
        if (bottomLabels && !dragged) {
            const QString text =
                m.ownerLabel.isEmpty()
                    ? QStringLiteral("%1 · %2").arg(m.groupId, formatOffset(m.offset))
                    : QStringLiteral("%1 · %2 · %3").arg(m.groupId, m.ownerLabel, formatOffset(m.offset));
            const int w = fm.horizontalAdvance(text);
            int left = int(x) + 7;
            if (left + w > plot.right() + kRightPad)
                left = int(x) - 7 - w;
            if (bottomRow.take(left, left + w)) {
                p.setPen(c);
                p.drawText(QPointF(left, strip.bottom() + 3 + fm.ascent()), text);
            }
        }
    }
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane || m.kind != TimelineMarker::Kind::Position)
            continue;
        const double x = std::round(xForOffset(m.shownOffset)) + 0.5;
        if (!inPlot(x))
            continue;
        const QColor c = mixColours(m_palette.consumerColour(m.colour), m_palette.inactive, m.grey);
        p.setPen(QPen(c, 1.5, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(x, strip.top() - 2), QPointF(x, strip.bottom()));
        QPainterPath tri;
        tri.moveTo(x, strip.top() - 1);
        tri.lineTo(x - 5, strip.top() - 8);
        tri.lineTo(x + 5, strip.top() - 8);
        tri.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPath(tri);
        if (topLabels) {
            QString text = m.consumerId;
            for (const TimelineConsumerSummary &s : m_model->consumers())
                if (s.consumerId == m.consumerId && s.state != ConsumerStatus::State::Running)
                    text = QStringLiteral("%1 · %2").arg(m.consumerId, stateName(s.state));
            const int w = fm.horizontalAdvance(text);
            int left = int(x) + 7;
            if (left + w > plot.right() + kRightPad)
                left = int(x) - 7 - w;
            if (topRow.take(left, left + w)) {
                p.setPen(c);
                p.drawText(QPointF(left, strip.top() - 3 - fm.descent()), text);
            }
        }
    }
    for (const TimelineLagSpan *lag : lagLabels) {
        const QString text = tr("lag %1").arg(formatCompact(double(lag->lag)));
        const int w = fm.horizontalAdvance(text);
        const double xa = std::max<double>(plot.left(), xForOffset(lag->shownFrom));
        const int right = int(std::min<double>(plot.right() + 1, xForOffset(lag->shownTo))) - 4;
        if (right - w > xa + 4 && bottomRow.take(right - w, right)) {
            p.setPen(mixColours(m_palette.groupColour(lag->colour), m_palette.background, 0.15));
            p.drawText(QRect(right - w, strip.bottom() + 3, w + 2, fm.height()), Qt::AlignRight, text);
        }
    }
    p.restore();
}

void TimelineCanvas::paintGutter(QPainter &p, int lane, const TimelineLaneFrame &lf)
{
    const QRect box = laneRect(lane);
    const QRect strip = stripRect(lane);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    QFont small = font();
    small.setPixelSize(std::max(9, font().pixelSize() > 0 ? font().pixelSize() - 1 : 11));
    const QFontMetrics sfm(small);
    const int left = 14;
    p.save();
    p.setFont(bold);
    p.setPen(m_palette.text);
    const QString name = tr("P%1").arg(lf.partition);
    const int nameBaseline =
        strip.center().y() + bfm.ascent() / 2 - 1 - (box.height() >= 56 ? sfm.height() / 2 + 1 : 0);
    p.drawText(QPointF(left, nameBaseline), name);
    // The owner: a dot in the owner's colour (it re-colours on a rebalance).
    const QColor ownerColour = QColor::fromRgba(laneOwnerColour(lf));
    const int nameWidth = bfm.horizontalAdvance(name);
    if (!lf.owner.key.isEmpty() || lf.ownerBlend < 1) {
        p.setPen(Qt::NoPen);
        p.setBrush(ownerColour);
        p.drawEllipse(QPointF(left + nameWidth + 9, nameBaseline - bfm.ascent() / 2.0 + 1), 4, 4);
    }
    p.setFont(small);
    if (box.height() >= 56) {
        const LaneSummary &s = m_model->summary(lane);
        const qint64 count = s.highWatermark() - s.logStart();
        QString line;
        if (count > 0 && s.loadedCount() < count)
            line = tr("loading %1%").arg(int(100.0 * double(s.loadedCount()) / double(count)));
        else
            line = tr("%1 rec").arg(formatCompact(double(count)));
        if (!lf.owner.key.isEmpty())
            line = sfm.elidedText(lf.owner.label, Qt::ElideRight, kGutter - left - 10);
        p.setPen(lf.owner.key.isEmpty() ? m_palette.mutedText : mixColours(ownerColour, m_palette.text, 0.25));
        p.drawText(QPointF(left, nameBaseline + sfm.height() + 2), line);
    }
    p.restore();
}

void TimelineCanvas::paintAxis(QPainter &p, const TimelineFrame &frame)
{
    const QRect plot = plotRect();
    const int bottom = m_layout.axisHeight - 4;
    p.save();
    p.fillRect(QRect(0, 0, width(), m_layout.axisHeight), m_palette.background);
    QFont small = font();
    small.setPixelSize(std::max(9, font().pixelSize() > 0 ? font().pixelSize() - 1 : 11));
    p.setFont(small);
    const QFontMetrics fm(small);
    p.setPen(m_palette.mutedText);
    p.drawText(QPointF(14, bottom - 4), tr("offset"));
    if (!frame.lanes.empty()) {
        const double step = niceStep(m_viewport.offsetsPerPixel() * 120);
        for (double o = std::ceil(m_viewport.firstOffset() / step) * step; o < m_viewport.lastOffset(); o += step) {
            if (o < 0)
                continue;
            const double x = std::round(xForOffset(o)) + 0.5;
            if (x < plot.left() || x > plot.right())
                continue;
            p.setPen(QPen(m_palette.grid, 1));
            p.drawLine(QPointF(x, bottom - 3), QPointF(x, bottom + 4));
            const QString label = formatCompact(o);
            const int w = fm.horizontalAdvance(label);
            p.setPen(m_palette.mutedText);
            p.drawText(QPointF(std::clamp(x - w / 2.0, double(plot.left() - 8), double(width() - w - 2)), bottom - 4),
                       label);
        }
    }
    p.setPen(QPen(m_palette.grid, 1));
    p.drawLine(QPointF(0, m_layout.axisHeight - 0.5), QPointF(width(), m_layout.axisHeight - 0.5));
    p.restore();
}

qint64 TimelineCanvas::displayedRecordCount() const { return m_model->recordCount(); }

void TimelineCanvas::paintLegend(QPainter &p, const TimelineFrame &frame)
{
    const int top = m_layout.lanesBottom;
    p.save();
    p.fillRect(QRect(0, top, width(), height() - top), m_palette.background);
    p.setPen(QPen(m_palette.grid, 1));
    p.drawLine(QPointF(0, top + 0.5), QPointF(width(), top + 0.5));
    QFont small = font();
    small.setPixelSize(std::max(9, font().pixelSize() > 0 ? font().pixelSize() - 1 : 11));
    p.setFont(small);
    const QFontMetrics fm(small);
    const double cy = top + (height() - top) / 2.0;
    const double baseline = cy + fm.ascent() / 2.0 - 1;
    int x = 14;
    // Right side first, so the items on the left know where to stop.
    const qint64 records = displayedRecordCount();
    const int lanes = int(frame.lanes.size());
    QString summary = (lanes == 1 ? tr("1 partition") : tr("%1 partitions").arg(lanes)) + QStringLiteral(" · ") +
                      tr("%1 records").arg(formatCompact(double(records)));
    if (m_loader && !m_loader->isFullyLoaded())
        summary += QStringLiteral(" · ") + tr("loading…");
    const int summaryWidth = fm.horizontalAdvance(summary);
    const int limit = width() - summaryWidth - 24;
    p.setPen(m_palette.mutedText);
    p.drawText(QPointF(width() - summaryWidth - 14, baseline), summary);

    auto item = [&](const QColor &c, bool committedGlyph, const QString &text, const QString &detail) {
        const int w = 14 + fm.horizontalAdvance(text) + (detail.isEmpty() ? 0 : 4 + fm.horizontalAdvance(detail));
        if (x + w > limit)
            return;
        QPainterPath tri;
        if (committedGlyph) {
            tri.moveTo(x + 5, cy - 4);
            tri.lineTo(x, cy + 4);
            tri.lineTo(x + 10, cy + 4);
        } else {
            tri.moveTo(x + 5, cy + 4);
            tri.lineTo(x, cy - 4);
            tri.lineTo(x + 10, cy - 4);
        }
        tri.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPath(tri);
        p.setPen(m_palette.text);
        p.drawText(QPointF(x + 14, baseline), text);
        if (!detail.isEmpty()) {
            p.setPen(m_palette.mutedText);
            p.drawText(QPointF(x + 18 + fm.horizontalAdvance(text), baseline), detail);
        }
        x += w + 18;
    };
    for (const TimelineGroupSummary &g : m_model->groups())
        item(m_palette.groupColour(g.colour), true, g.groupId, tr("lag %1").arg(formatCompact(double(g.totalLag))));
    for (const TimelineConsumerSummary &c : m_model->consumers()) {
        const bool running = c.state == ConsumerStatus::State::Running;
        item(running ? m_palette.consumerColour(c.colour) : m_palette.inactive, false, c.consumerId,
             running ? QString() : stateName(c.state));
    }
    if (std::any_of(frame.ownership.begin(), frame.ownership.end(),
                    [](const TimelineOwnershipBand &b) { return !b.memberId.isEmpty(); })) {
        // What the thin bands under the lanes are (last: groups and consumers come first).
        const QString text = tr("owners, last %1 s").arg((ownershipWindowMs(frame) + 500) / 1000);
        const int w = 22 + fm.horizontalAdvance(text);
        if (x + w <= limit) {
            p.fillRect(QRectF(x, cy - 2, 16, 4), m_palette.mutedText);
            p.setPen(m_palette.mutedText);
            p.drawText(QPointF(x + 22, baseline), text);
            x += w + 18;
        }
    }
    if (x == 14 && !frame.lanes.empty()) {
        p.setPen(m_palette.mutedText);
        p.drawText(QPointF(x, baseline), tr("No consumer group reads this topic yet."));
    }
    p.restore();
}

void TimelineCanvas::paintHover(QPainter &p, const TimelineFrame &)
{
    if (!m_hoverPos || m_drag == Drag::Pan)
        return;
    const TimelineHit hit = hitTest(*m_hoverPos);
    if (hit.kind == TimelineHit::Kind::None || hit.kind == TimelineHit::Kind::Lane)
        return;
    const QString topic = m_model->topic();
    QStringList lines;
    QString title;
    const QLocale locale;
    auto timeText = [&](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    };
    switch (hit.kind) {
    case TimelineHit::Kind::Record: {
        const LaneSummary &s = m_model->summary(hit.lane);
        const double opp = m_viewport.offsetsPerPixel();
        if (opp > 1.5) {
            const qint64 from = std::max(s.logStart(), qint64(std::floor(offsetAtX(m_hoverPos->x()))));
            const qint64 to = std::min(s.highWatermark(), qint64(std::ceil(offsetAtX(m_hoverPos->x() + 1))));
            title = tr("%1[%2] · offsets %3–%4")
                        .arg(topic)
                        .arg(hit.partition)
                        .arg(formatOffset(from), formatOffset(to - 1));
            lines << tr("%1 records").arg(formatOffset(to - from));
            if (auto range = s.timeRange(from, to))
                lines << tr("Time: %1 – %2").arg(timeText(range->first), timeText(range->second));
            lines << tr("Zoom in to see single records.");
        } else {
            title = tr("%1[%2] · offset %3").arg(topic).arg(hit.partition).arg(formatOffset(hit.offset));
            const OffsetCell cell = s.at(hit.offset);
            const bool haveRecord =
                m_hoverRecord && m_hoverRecord->partition == hit.partition && m_hoverRecord->offset == hit.offset;
            if (haveRecord) {
                const Record &r = m_hoverRecord->record;
                lines << (r.key ? tr("Key: %1").arg(previewBytes(*r.key, 48)) : tr("Key: null"));
                lines << tr("Time: %1").arg(timeText(r.timestampMs));
                if (!r.value)
                    lines << tr("Value: null (tombstone)");
                lines << tr("Size: %1 bytes").arg(locale.toString(qint64(payloadSize(r.key) + payloadSize(r.value))));
            } else if (cell.size == LaneSummary::kUnknown) {
                lines << tr("Not loaded yet");
            } else if (cell.size == LaneSummary::kGap) {
                lines << tr("No record at this offset (compacted or a control record)");
            } else {
                lines << (cell.colour == 0 ? tr("Key: null") : tr("Key colour bucket %1").arg(cell.colour));
                if (auto range = s.timeRange(hit.offset, hit.offset + 1))
                    lines << tr("Time: ≈ %1").arg(timeText(range->first));
                lines << tr("Size: ≈ %1 bytes").arg(locale.toString(LaneSummary::approximateBytes(cell.size)));
            }
            lines << tr("Click to open it in the inspector.");
        }
        break;
    }
    case TimelineHit::Kind::Committed: {
        title = tr("Group %1 · committed offset %2").arg(hit.groupId, formatOffset(hit.offset));
        const qint64 hw = m_model->highWatermark(hit.lane);
        lines << tr("Lag: %1 records").arg(formatOffset(std::max<qint64>(0, hw - hit.offset)));
        lines << tr("Drag to propose an offset reset.");
        break;
    }
    case TimelineHit::Kind::Position: {
        QString state;
        for (const TimelineConsumerSummary &c : m_model->consumers())
            if (c.consumerId == hit.consumerId)
                state = stateName(c.state);
        title = tr("%1 (%2)").arg(hit.consumerId, state);
        lines << tr("Next offset to read: %1").arg(formatOffset(hit.offset));
        lines << tr("Group: %1").arg(hit.groupId);
        break;
    }
    case TimelineHit::Kind::HighWatermark:
        title = tr("High watermark %1").arg(formatOffset(hit.offset));
        lines << tr("The offset the next record will get.");
        break;
    case TimelineHit::Kind::LogStart:
        title = tr("Log start %1").arg(formatOffset(hit.offset));
        lines << tr("Older records were removed by retention.");
        break;
    default: return;
    }
    // Hairline over the lane, then the card.
    const QRect strip = stripRect(hit.lane);
    p.save();
    p.setPen(QPen(mixColours(m_palette.background, m_palette.text, 0.5), 1, Qt::DotLine));
    p.drawLine(QPointF(m_hoverPos->x() + 0.5, strip.top() - 6), QPointF(m_hoverPos->x() + 0.5, strip.bottom() + 6));
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QFontMetrics fm(font());
    int w = bfm.horizontalAdvance(title);
    for (const QString &l : lines)
        w = std::max(w, fm.horizontalAdvance(l));
    const int h = bfm.height() + int(lines.size()) * fm.height() + 16;
    QRect card(m_hoverPos->x() + 14, m_hoverPos->y() + 14, w + 20, h);
    if (card.right() > width() - 4)
        card.moveRight(m_hoverPos->x() - 10);
    if (card.bottom() > height() - 4)
        card.moveBottom(m_hoverPos->y() - 10);
    p.setPen(QPen(m_palette.cardBorder, 1));
    p.setBrush(m_palette.card);
    p.drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p.setFont(bold);
    p.setPen(m_palette.text);
    int y = card.top() + 8 + bfm.ascent();
    p.drawText(QPointF(card.left() + 10, y), title);
    y += bfm.descent() + 2;
    p.setFont(font());
    p.setPen(m_palette.mutedText);
    for (const QString &l : lines) {
        y += fm.ascent();
        p.drawText(QPointF(card.left() + 10, y), l);
        y += fm.descent();
    }
    p.restore();
}

void TimelineCanvas::paintDrag(QPainter &p)
{
    const int lane = m_model->laneOfPartition(m_dragHit.partition);
    if (lane < 0 || m_dragOffset < 0)
        return;
    const QRect strip = stripRect(lane);
    const double x = std::round(xForOffset(double(m_dragOffset))) + 0.5;
    int colour = -1;
    for (const TimelineGroupSummary &g : m_model->groups())
        if (g.groupId == m_dragHit.groupId)
            colour = g.colour;
    const QColor c = m_palette.groupColour(colour);
    p.save();
    p.setPen(QPen(c, 2, Qt::DashLine, Qt::FlatCap));
    p.drawLine(QPointF(x, strip.top() - 6), QPointF(x, strip.bottom() + 2));
    QPainterPath tri;
    tri.moveTo(x, strip.bottom() + 1);
    tri.lineTo(x - 6, strip.bottom() + 9);
    tri.lineTo(x + 6, strip.bottom() + 9);
    tri.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawPath(tri);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QFontMetrics fm(bold);
    const QString text = tr("%1 → %2").arg(formatOffset(m_dragHit.offset), formatOffset(m_dragOffset));
    const int w = fm.horizontalAdvance(text) + 12;
    QRectF pill(x - w / 2.0, strip.bottom() + 11, w, fm.height() + 4);
    pill.moveLeft(std::clamp(pill.left(), double(plotRect().left()), double(width() - w - 2)));
    p.setBrush(c);
    p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    p.setPen(m_palette.background);
    p.drawText(pill, Qt::AlignCenter, text);
    p.restore();
}

void TimelineCanvas::requestHoverRecord()
{
    if (!m_loader || !m_hoverPos)
        return;
    const TimelineHit hit = hitTest(*m_hoverPos);
    if (hit.kind != TimelineHit::Kind::Record || m_viewport.offsetsPerPixel() > 1.5)
        return;
    if (m_hoverRecord && m_hoverRecord->partition == hit.partition && m_hoverRecord->offset == hit.offset)
        return;
    m_loader->requestRecord(hit.partition, hit.offset);
}

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressPos = m_lastPos = event->position().toPoint();
    m_moved = false;
    const TimelineHit hit = hitTest(m_pressPos);
    if (hit.kind == TimelineHit::Kind::Committed) {
        m_drag = Drag::Committed;
        m_dragHit = hit;
        m_dragOffset = hit.offset;
    } else {
        m_drag = Drag::Pan;
        m_dragOffset = -1;
    }
    update();
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    m_hoverPos = pos;
    if (m_drag == Drag::Pan && (event->buttons() & Qt::LeftButton)) {
        if ((pos - m_pressPos).manhattanLength() > 3)
            m_moved = true;
        if (m_moved) {
            const bool wasFollowing = m_viewport.isFollowingHead();
            m_viewport.panByPixels(pos.x() - m_lastPos.x());
            m_autoFit = false;
            if (wasFollowing)
                emit followHeadChanged(false);
            setCursor(Qt::ClosedHandCursor);
        }
    } else if (m_drag == Drag::Committed && (event->buttons() & Qt::LeftButton)) {
        m_moved = m_moved || (pos - m_pressPos).manhattanLength() > 2;
        const int lane = m_model->laneOfPartition(m_dragHit.partition);
        if (lane >= 0) {
            const qint64 offset = qint64(std::llround(offsetAtX(pos.x())));
            m_dragOffset = std::clamp(offset, m_model->logStart(lane), m_model->highWatermark(lane));
        }
    } else {
        const TimelineHit hit = hitTest(pos);
        setCursor(hit.kind == TimelineHit::Kind::Committed ? Qt::SizeHorCursor : Qt::ArrowCursor);
        if (hit.kind == TimelineHit::Kind::Record)
            m_hoverTimer.start();
    }
    m_lastPos = pos;
    update();
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (drag == Drag::Pan && !m_moved) {
        const TimelineHit hit = hitTest(event->position().toPoint());
        if (hit.kind == TimelineHit::Kind::Record) {
            m_selection = std::make_pair(hit.partition, hit.offset);
            emit recordActivated(TopicPartition{m_model->topic(), hit.partition}, hit.offset);
        }
    } else if (drag == Drag::Committed) {
        if (m_dragOffset >= 0 && m_dragOffset != m_dragHit.offset) {
            // The proposal stays drawn until the view confirms or cancels it.
            emit offsetResetProposed(m_dragHit.groupId, m_dragHit.partition, m_dragHit.offset, m_dragOffset);
        } else {
            m_dragOffset = -1;
        }
    }
    update();
}

void TimelineCanvas::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const double x = event->position().x() - plotRect().left();
    if (x < 0 && m_scrollBar->isVisible()) {
        // Over the partition labels the wheel scrolls the lanes.
        QApplication::sendEvent(m_scrollBar, event);
        return;
    }
    const bool horizontal = std::abs(delta.x()) > std::abs(delta.y()) || (event->modifiers() & Qt::ShiftModifier);
    if (horizontal) {
        const int d = std::abs(delta.x()) > std::abs(delta.y()) ? delta.x() : delta.y();
        const bool wasFollowing = m_viewport.isFollowingHead();
        m_viewport.panByPixels(d / 2.0);
        if (wasFollowing)
            emit followHeadChanged(false);
    } else if (delta.y() != 0) {
        m_viewport.zoomAt(x, std::pow(2.0, delta.y() / 480.0));
    }
    m_autoFit = false;
    event->accept();
    update();
}

void TimelineCanvas::keyPressEvent(QKeyEvent *event)
{
    const double step = m_viewport.width() * 0.15;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.5); break;
    case Qt::Key_Minus: zoomBy(1 / 1.5); break;
    case Qt::Key_Left:
        setFollowHead(false);
        m_viewport.panByPixels(step);
        break;
    case Qt::Key_Right:
        setFollowHead(false);
        m_viewport.panByPixels(-step);
        break;
    case Qt::Key_Home:
        setFollowHead(false);
        m_viewport.panByPixels(m_viewport.width() * 1e6); // clamps at the start
        break;
    case Qt::Key_End: setFollowHead(true); break;
    case Qt::Key_F:
    case Qt::Key_0: fit(); break;
    default: QWidget::keyPressEvent(event); return;
    }
    if (event->key() != Qt::Key_F && event->key() != Qt::Key_0 && event->key() != Qt::Key_End)
        m_autoFit = false;
    update();
}

void TimelineCanvas::leaveEvent(QEvent *event)
{
    m_hoverPos.reset();
    update();
    QWidget::leaveEvent(event);
}

bool TimelineCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *g = static_cast<QNativeGestureEvent *>(event);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            m_viewport.zoomAt(g->position().x() - plotRect().left(), 1.0 + g->value());
            m_autoFit = false;
            update();
            return true;
        }
    } else if (event->type() == QEvent::Gesture) {
        auto *ge = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(ge->gesture(Qt::PinchGesture))) {
            const QPointF centre = mapFromGlobal(pinch->centerPoint().toPoint());
            m_viewport.zoomAt(centre.x() - plotRect().left(), pinch->scaleFactor());
            m_autoFit = false;
            update();
            return true;
        }
    }
    return QWidget::event(event);
}

} // namespace tidemark
