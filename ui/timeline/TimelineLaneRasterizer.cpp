#include "ui/timeline/TimelineLaneRasterizer.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tidemark {

namespace {

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

void TimelineLaneRasterizer::paintTracks(QImage &image, const TimelineFrame &frame) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelineViewport &viewport = m_ctx.viewport;
    const QRect canvasRect(0, 0, m_ctx.width, m_ctx.height);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(g.lanesClip());
    const double step = timelinepaint::niceStep(viewport.offsetsPerPixel() * 120);
    p.setPen(QPen(m_ctx.palette.grid, 1));
    for (double o = std::ceil(viewport.firstOffset() / step) * step; o < viewport.lastOffset(); o += step) {
        const double x = std::round(g.xForOffset(o)) + 0.5;
        p.drawLine(QPointF(x, g.lanesTop()), QPointF(x, g.lanesBottom()));
    }
    for (int lane = 0; lane < int(frame.lanes.size()); ++lane) {
        const QRect strip = g.stripRect(lane);
        if (!strip.intersects(canvasRect))
            continue;
        const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
        p.setPen(Qt::NoPen);
        p.setBrush(m_ctx.palette.track);
        p.drawRoundedRect(QRectF(strip).adjusted(-3, 0, 3, 0), 4, 4);
        const double x0 = std::max<double>(strip.left() - 3, g.xForOffset(lf.shownLogStart));
        const double x1 = std::min<double>(strip.right() + 4, g.xForOffset(lf.shownHighWatermark));
        if (x1 > x0) {
            p.setBrush(m_ctx.palette.log);
            p.drawRoundedRect(QRectF(x0, strip.top(), x1 - x0, strip.height()), 3, 3);
        }
    }
}

void TimelineLaneRasterizer::rasterLanes(QImage &image, const TimelineFrame &frame) const
{
    const QRect canvasRect(0, 0, m_ctx.width, m_ctx.height);
    const bool blocks = drawsBlocks(m_ctx.viewport);
    for (int lane = 0; lane < int(frame.lanes.size()); ++lane) {
        const QRect strip = m_ctx.geometry.stripRect(lane);
        if (!strip.intersects(canvasRect) || blocks)
            continue;
        const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
        rasterColumns(image, lane, lf, strip, timelinepaint::laneOwnerColour(m_ctx.palette, lf),
                      timelinepaint::focusCommitted(m_ctx.model, lane, frame));
    }
}

void TimelineLaneRasterizer::rasterColumns(QImage &image, int lane, const TimelineLaneFrame &lf, const QRect &strip,
                                           QRgb laneColour, qint64 consumedBefore) const
{
    const TimelineViewport &viewport = m_ctx.viewport;
    const TimelinePalette &palette = m_ctx.palette;
    const LaneSummary &summary = m_ctx.model.summary(lane);
    const int plotLeft = m_ctx.geometry.plotRect().left();
    const int x0 = std::max(strip.left(), int(std::floor(m_ctx.geometry.xForOffset(lf.shownLogStart))));
    const int x1 = std::min(strip.right() + 1, int(std::ceil(m_ctx.geometry.xForOffset(lf.shownHighWatermark))));
    if (x1 <= x0)
        return;
    const int columns = x1 - x0;
    thread_local std::vector<LodCell> cells;
    cells.resize(size_t(columns));
    const double opp = viewport.offsetsPerPixel();
    summary.sampleColumns(viewport.offsetAtX(x0 - plotLeft), opp, columns, cells.data());

    const LodCell total = summary.total();
    const int lo = total.minSize, hi = total.maxSize;
    const int stripH = strip.height();
    const double mid = strip.top() + (stripH - 1) / 2.0;
    const QRgb logRgb = palette.log.rgba();
    const QRgb unloaded = palette.unloaded.rgba();
    const bool byConsumer = m_ctx.colourMode == TimelineColourMode::Consumers;
    auto heightFor = [&](int code) {
        const double norm = hi > lo ? double(code - lo) / double(hi - lo) : 1.0;
        return std::max(2.0, stripH * (0.40 + 0.56 * std::clamp(norm, 0.0, 1.0)));
    };
    const int midRow = int(mid + 0.5);
    const PixelTarget target(image);
    const double firstColumnOffset = viewport.offsetAtX(x0 - plotLeft);
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
        QRgb base = byConsumer ? laneColour : palette.keyColours[cell.colour];
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

void TimelineLaneRasterizer::paintBlocks(QPainter &p, int lane, const TimelineFrame &frame) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
    const QRect strip = g.stripRect(lane);
    const QRgb laneColour = timelinepaint::laneOwnerColour(palette, lf);
    const qint64 consumedBefore = timelinepaint::focusCommitted(m_ctx.model, lane, frame);
    const LaneSummary &summary = m_ctx.model.summary(lane);
    const double ppr = 1.0 / m_ctx.viewport.offsetsPerPixel();
    const qint64 first = std::max<qint64>(lf.logStart, qint64(std::floor(g.offsetAtX(strip.left()))) - 1);
    const qint64 last =
        std::min<qint64>(qint64(std::ceil(lf.shownHighWatermark)), qint64(std::ceil(g.offsetAtX(strip.right()))) + 1);
    const double headX = g.xForOffset(lf.shownHighWatermark);
    const LodCell total = summary.total();
    const int lo = total.minSize, hi = total.maxSize;
    const double gap = ppr >= 6 ? 1.0 : 0.5;
    const double mid = strip.top() + strip.height() / 2.0;
    const bool byConsumer = m_ctx.colourMode == TimelineColourMode::Consumers;
    p.save();
    p.setClipRect(strip.adjusted(-1, -1, 1, 1));
    p.setPen(Qt::NoPen);
    p.setRenderHint(QPainter::Antialiasing, ppr >= 10);
    for (qint64 o = first; o < last; ++o) {
        const OffsetCell cell = summary.at(o);
        const double xa = g.xForOffset(double(o));
        const double xb = std::min(g.xForOffset(double(o + 1)), headX);
        if (xb <= xa)
            break;
        if (cell.size == LaneSummary::kUnknown) {
            p.setBrush(palette.unloaded);
            p.drawEllipse(QPointF((xa + xb) / 2, mid), 1.2, 1.2);
            continue;
        }
        if (cell.size == LaneSummary::kGap)
            continue;
        QRgb base = byConsumer ? laneColour : palette.keyColours[cell.colour];
        if (byConsumer && consumedBefore >= 0 && o >= consumedBefore)
            base = mixRgb(base, palette.log.rgba(), 0.55);
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

} // namespace tidemark
