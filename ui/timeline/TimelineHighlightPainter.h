#pragma once

// Draws a highlight (core/timeline/TimelineHighlight.h) on the lanes: the records of every lane
// are dimmed and each match in view is a tick across its lane's strip, at least two pixels
// wide, one per pixel column however many matches share it. Also says what the legend shows
// ("key == "00042": 125 matches", "… scanned 40%").
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "ui/timeline/TimelinePaintSupport.h"

class QPainter;

namespace tidemark {

class TimelineHighlight;

// One drawn tick: a highlighted record in view.
struct TimelineHighlightTick {
    int lane = -1;
    int partition = -1;
    qint64 offset = -1; // the first match in this pixel column
    QRectF rect;        // where it is drawn, in canvas coordinates
};

class TimelineHighlightPainter final {
public:
    TimelineHighlightPainter(const TimelinePaintContext &context, const TimelineHighlight &highlight)
        : m_ctx(context), m_highlight(highlight)
    {}

    // The ticks of `lane` in view (what paintLane draws).
    std::vector<TimelineHighlightTick> ticks(int lane) const;
    void paintLane(QPainter &p, int lane) const;
    // For the legend: the filter and how many records it matched (so far).
    QString legendText() const;

private:
    const TimelinePaintContext &m_ctx;
    const TimelineHighlight &m_highlight;
};

} // namespace tidemark
