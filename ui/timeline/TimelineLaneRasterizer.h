#pragma once

// Draws the records of the lanes. Zoomed out (more than a third of an offset per pixel), each
// lane is rasterised column by column from the level-of-detail pyramid straight into the
// canvas's image (a few cells per pixel column, no QPainter per record); zoomed in, each record
// is a block painted with QPainter, sized by its payload and coloured by its key (or by the
// lane's owner). Also the tracks under the lanes and the grid behind them.
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "ui/timeline/TimelinePaintSupport.h"

#include <QImage>

class QPainter;

namespace tidemark {

class TimelineLaneRasterizer final {
public:
    explicit TimelineLaneRasterizer(const TimelinePaintContext &context) : m_ctx(context) {}

    // Records are blocks (painted by paintBlocks) rather than raster columns at this zoom.
    static bool drawsBlocks(const TimelineViewport &viewport) { return viewport.offsetsPerPixel() <= 1.0 / 3.0; }

    // Pass 1: the grid and each lane's track, the log's extent on it.
    void paintTracks(QImage &image, const TimelineFrame &frame) const;
    // Pass 2: records as raster columns (nothing when zoomed in to blocks).
    void rasterLanes(QImage &image, const TimelineFrame &frame) const;
    // Zoomed in: one lane's records as blocks.
    void paintBlocks(QPainter &p, int lane, const TimelineFrame &frame) const;

private:
    void rasterColumns(QImage &image, int lane, const TimelineLaneFrame &lf, const QRect &strip, QRgb laneColour,
                       qint64 consumedBefore) const;

    const TimelinePaintContext &m_ctx;
};

} // namespace tidemark
