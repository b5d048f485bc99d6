#pragma once

// Draws a highlight (core/timeline/TimelineHighlight.h) on the lanes: the records of every lane
// are dimmed, each lane that holds matches is outlined, and the matches in view are marked.
// While a record is a pixel wide or more, each match is a tick across its lane's strip, at
// least kMinTickPx wide, one per pixel column. Zoomed out further (records narrower than a
// pixel), ticks of neighbouring columns would merge into one solid band over the lane that
// hides it (a key of a few users has a match in nearly every column): instead, the matches are
// counted in buckets of offsets kDensityBucketPx wide, and each bucket that holds one is a bar
// kDensityBarPx wide (a gap between two) standing on the strip's bottom edge, as tall as the
// share of the bucket's records that match (kDensityMinHeight of the strip for one, up to
// kDensityMaxHeight for all): the lane stays visible above the bars, and the bars say where
// the matches are and how dense. So the highlight shows at every zoom: the outline says which
// lane holds them (for a key: one lane, the lesson of keyed partitioning), the marks where.
// Also says what the legend shows ("key == "00042": 125 matches, all on P1 · zoom in to see
// each", "… scanned 40%").
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "ui/timeline/TimelinePaintSupport.h"

#include <optional>
#include <vector>

class QPainter;

namespace tidemark {

class TimelineHighlight;

// One drawn tick: a highlighted record in view.
struct TimelineHighlightTick {
    int lane = -1;
    int partition = -1;
    qint64 offset = -1; // the first match in this pixel column
    qint64 count = 0;   // the matches it stands for (more than one: zoom in to see each)
    QRectF rect;        // where it is drawn, in canvas coordinates
};

// A lane that holds matches, outlined (drawn whatever the zoom, even for a single match).
struct TimelineHighlightLane {
    int lane = -1;
    int partition = -1;
    qint64 matches = 0; // kept matches on the lane (in view or not)
    QRectF rect;        // the outline, in canvas coordinates
};

class TimelineHighlightPainter final {
public:
    static constexpr double kMinTickPx = 3; // a match stays visible however far out the view is
    // Zoomed out (records narrower than a pixel): density bars.
    static constexpr double kDensityBucketPx = 4; // a bar and the gap after it
    static constexpr double kDensityBarPx = 3;
    static constexpr double kDensityMinHeight = 0.2; // of the strip, for a single match
    static constexpr double kDensityMaxHeight = 0.5; // of the strip, for a bucket that matches whole

    TimelineHighlightPainter(const TimelinePaintContext &context, const TimelineHighlight &highlight)
        : m_ctx(context), m_highlight(highlight)
    {}

    // Whether the view is zoomed out so far that matches are drawn as density bars.
    bool isDense() const;
    // The ticks of `lane` in view (what paintLane draws): one per match's pixel column, or
    // zoomed out, one density bar per bucket of offsets that holds a match (its count: the
    // bucket's matches; its offset: the first).
    std::vector<TimelineHighlightTick> ticks(int lane) const;
    // The outline paintLane draws around `lane` (std::nullopt: the lane holds no match).
    std::optional<TimelineHighlightLane> laneMark(int lane) const;
    void paintLane(QPainter &p, int lane) const;
    // For the legend: the filter, how many records it matched (so far), on which lanes, and
    // "zoom in to see each" while a tick in view stands for several matches.
    QString legendText() const;
    // The same, shorter, for a legend short of room, longest first: the whole, then without its
    // last part ("zoom in to see each", "scanned 40%"), then without the filter ("134 matches,
    // all on P0").
    QStringList legendTexts() const;

private:
    std::vector<TimelineHighlightTick> densityTicks(int lane, int partition, const std::vector<qint64> &offsets,
                                                    qint64 first, qint64 last) const;
    // `text` with what the highlight says last: the search stopped, scanned N%, zoom in.
    QString legendWhole(const QString &text) const;

    const TimelinePaintContext &m_ctx;
    const TimelineHighlight &m_highlight;
};

} // namespace tidemark
