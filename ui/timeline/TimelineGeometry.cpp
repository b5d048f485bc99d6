#include "ui/timeline/TimelineGeometry.h"

#include "ui/timeline/TimelinePaintSupport.h"

#include <QFontMetrics>
#include <QScrollBar>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace tidemark {

TimelineGeometry::TimelineGeometry(const QWidget *canvas, QScrollBar *scrollBar, const TimelineModel *model,
                                   TimelineViewport *viewport)
    : m_canvas(canvas), m_scrollBar(scrollBar), m_model(model), m_viewport(viewport)
{}

void TimelineGeometry::update()
{
    const QFontMetrics fm(m_canvas->font());
    m_gutter = kGutter;
    m_labelHeight = QFontMetrics(timelinepaint::smallFont(m_canvas->font())).height();
    m_axisHeight = fm.height() + 14;
    m_legendHeight = fm.height() + 16;
    m_lanesTop = m_axisHeight;
    m_lanesBottom = std::max(m_lanesTop + 1, m_canvas->height() - m_legendHeight);
    const int available = m_lanesBottom - m_lanesTop;
    const int lanes = m_model->laneCount();
    m_laneHeight = lanes > 0 ? std::clamp(available / lanes, kMinLaneHeight, kMaxLaneHeight) : 0;
    const int total = m_laneHeight * lanes;
    const bool scroll = total > available;
    m_scrollBar->setVisible(scroll);
    if (scroll) {
        const int w = m_scrollBar->sizeHint().width();
        m_scrollBar->setGeometry(m_canvas->width() - w, m_lanesTop, w, available);
        m_scrollBar->setRange(0, total - available);
        m_scrollBar->setPageStep(available);
        m_scrollBar->setSingleStep(m_laneHeight);
    }
    m_scroll = scroll ? m_scrollBar->value() : 0;
    m_viewport->setWidth(plotRect().width());
}

QRect TimelineGeometry::lanesClip() const
{
    return QRect(0, m_lanesTop, m_canvas->width(), m_lanesBottom - m_lanesTop);
}

QRect TimelineGeometry::plotRect() const
{
    const int right = m_canvas->width() - kRightPad - (m_scrollBar->isVisible() ? m_scrollBar->width() : 0);
    return QRect(QPoint(m_gutter, m_lanesTop), QPoint(std::max(m_gutter + 1, right) - 1, m_lanesBottom - 1));
}

QRect TimelineGeometry::laneRect(int lane) const
{
    if (lane < 0 || lane >= m_model->laneCount())
        return {};
    return QRect(0, m_lanesTop + lane * m_laneHeight - m_scroll, plotRect().right() + kRightPad, m_laneHeight);
}

TimelineGeometry::Pads TimelineGeometry::pads(int h) const
{
    Pads p{std::clamp(int(h * 0.31), 9, 32), std::clamp(int(h * 0.29), 9, 28), false};
    // Room for the labels: above, a label row and a pixel under the previous lane's separator;
    // below, a label row, a pixel, the owners band with its ticks, the separator.
    const int top = kLabelGap + m_labelHeight + 1;
    const int bottom = kLabelGap + m_labelHeight + 1 + bandHeight(h) + 3;
    if (h - std::max(p.top, top) - std::max(p.bottom, bottom) >= kMinLabelledStrip) {
        p.top = std::max(p.top, top);
        p.bottom = std::max(p.bottom, bottom);
        p.labels = true;
    }
    return p;
}

QRect TimelineGeometry::stripRect(int lane) const
{
    const QRect r = laneRect(lane);
    if (r.isNull())
        return {};
    const Pads p = pads(r.height());
    const QRect plot = plotRect();
    return QRect(QPoint(plot.left(), r.top() + p.top), QPoint(plot.right(), r.bottom() - p.bottom));
}

QRect TimelineGeometry::ownershipRect(int lane) const
{
    const QRect r = laneRect(lane);
    if (r.isNull())
        return {};
    // The band's bottom pixel row sits one above the separator (the lane's bottom row); a
    // generation tick reaches a pixel above and below the band.
    const int band = bandHeight(r.height());
    const QRect plot = plotRect();
    return QRect(plot.left(), r.bottom() - band - 2, plot.width(), band + 2);
}

QRect TimelineGeometry::topLabelRow(int lane) const
{
    const QRect r = laneRect(lane);
    if (r.isNull() || !pads(r.height()).labels)
        return {};
    const QRect strip = stripRect(lane);
    return QRect(strip.left() - 4, strip.top() - kLabelGap - m_labelHeight, strip.width() + kRightPad + 4,
                 m_labelHeight);
}

QRect TimelineGeometry::bottomLabelRow(int lane) const
{
    const QRect r = laneRect(lane);
    if (r.isNull() || !pads(r.height()).labels)
        return {};
    const QRect strip = stripRect(lane);
    return QRect(strip.left() - 4, strip.bottom() + kLabelGap, strip.width() + kRightPad + 4, m_labelHeight);
}

double TimelineGeometry::xForOffset(double offset) const { return plotRect().left() + m_viewport->xForOffset(offset); }
double TimelineGeometry::offsetAtX(double x) const { return m_viewport->offsetAtX(x - plotRect().left()); }

TimelineHit TimelineGeometry::hitTest(QPoint pos) const
{
    TimelineHit hit;
    const QRect plot = plotRect();
    if (m_laneHeight <= 0 || pos.y() < m_lanesTop || pos.y() >= m_lanesBottom)
        return hit;
    const int lane = (pos.y() - m_lanesTop + m_scroll) / m_laneHeight;
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

} // namespace tidemark
