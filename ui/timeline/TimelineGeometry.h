#pragma once

// Where everything is on the timeline canvas, and what is under a point: the axis band on top,
// one lane per partition (labels in a gutter on the left, the record strip on the right), the
// legend at the bottom, and a vertical scroll bar when the lanes do not fit. Offsets map to x
// through the viewport, shifted to the plot's left edge.
//
// A lane, top to bottom: a row for the consumers' position labels, the record strip, a row for
// the committed-offset (and lag) labels, the owners band (ownershipRect), the lane separator.
// The rows are reserved whenever the lane is tall enough for labels and a strip of
// kMinLabelledStrip pixels (topLabelRow / bottomLabelRow: empty when it is not), so that no
// label ever sits on the owners band.
//
// Thread: GUI thread only. It reads the canvas's size and font, the scroll bar and the model
// it is given; it owns none of them (the canvas does, and outlives it).

#include "core/timeline/TimelineModel.h"
#include "core/timeline/TimelineViewport.h"

#include <QPoint>
#include <QRect>
#include <QString>

class QScrollBar;
class QWidget;

namespace tidemark {

// What is under a point of the canvas.
struct TimelineHit {
    enum class Kind { None, Record, Committed, Position, HighWatermark, LogStart, Lane };
    Kind kind = Kind::None;
    int lane = -1;
    int partition = -1;
    qint64 offset = -1; // the record, or the marker's offset
    QString groupId;    // Committed, Position
    QString consumerId; // Position
};

class TimelineGeometry final {
public:
    static constexpr int kGutter = 112;  // the partition labels, left of the plot
    static constexpr int kRightPad = 16; // room right of the plot for the head's label
    static constexpr int kMinLaneHeight = 38;
    static constexpr int kMaxLaneHeight = 124;
    static constexpr int kMarkerHitPx = 5; // how near a marker the pointer must be to hit it
    static constexpr int kLabelGap = 3;    // between the strip and its label rows
    static constexpr int kMinLabelledStrip = 16;

    TimelineGeometry(const QWidget *canvas, QScrollBar *scrollBar, const TimelineModel *model,
                     TimelineViewport *viewport);

    // Recomputes the bands from the canvas's size, font and lane count, shows or hides the
    // scroll bar, and gives the viewport the plot's width.
    void update();

    int axisHeight() const { return m_axisHeight; }
    int laneHeight() const { return m_laneHeight; }
    int lanesTop() const { return m_lanesTop; }
    int lanesBottom() const { return m_lanesBottom; }
    // The band the lanes scroll in (full width).
    QRect lanesClip() const;

    QRect plotRect() const;         // where lanes draw records (right of the labels)
    QRect laneRect(int lane) const; // the whole lane, labels included
    QRect stripRect(int lane) const;
    // The owners band under the strip (its generation ticks included), across the plot.
    QRect ownershipRect(int lane) const;
    // Where the marker labels above / below the strip go (the plot's width plus the right pad;
    // empty when the lane has no room for them). The label font's height: labelHeight().
    QRect topLabelRow(int lane) const;
    QRect bottomLabelRow(int lane) const;
    int labelHeight() const { return m_labelHeight; }
    double xForOffset(double offset) const;
    double offsetAtX(double x) const;
    TimelineHit hitTest(QPoint pos) const;

private:
    const QWidget *m_canvas;
    QScrollBar *m_scrollBar;
    const TimelineModel *m_model;
    TimelineViewport *m_viewport;
    int m_gutter = 0;
    int m_axisHeight = 0;
    int m_legendHeight = 0;
    int m_laneHeight = 0;
    int m_lanesTop = 0;
    int m_lanesBottom = 0;
    int m_scroll = 0;
    int m_labelHeight = 0;
    // The strip's top and bottom padding within a lane of height `h`, and whether its label
    // rows fit.
    struct Pads {
        int top = 0;
        int bottom = 0;
        bool labels = false;
    };
    Pads pads(int h) const;
    static int bandHeight(int h) { return h >= 56 ? 4 : 2; }
};

} // namespace tidemark
