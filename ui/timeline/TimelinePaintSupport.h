#pragma once

// What the timeline canvas's painters share: the state one paint pass reads (a context of
// references, valid for that pass only), number formats, the axis step, the small label font,
// a row of labels that must not overlap, and the lane colours that depend on the frame.
// Translated strings keep the "TimelineCanvas" context (TimelineCanvas::tr), so moving code
// between the painters never touches the translations.
//
// Thread: GUI thread only (painting).

#include "core/ConsumerStatus.h"
#include "core/timeline/TimelineModel.h"
#include "core/timeline/TimelineViewport.h"
#include "ui/timeline/TimelineGeometry.h"
#include "ui/timeline/TimelinePalette.h"

#include <QFont>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace tidemark {

enum class TimelineColourMode { Keys, Consumers };

// Everything a painter reads during one paint pass; the canvas builds it on the stack.
struct TimelinePaintContext {
    const TimelineModel &model;
    const TimelineViewport &viewport;
    const TimelineGeometry &geometry;
    const TimelinePalette &palette;
    const QFont &font; // the canvas's font
    int width = 0;     // the canvas's size
    int height = 0;
    TimelineColourMode colourMode = TimelineColourMode::Keys;
};

namespace timelinepaint {

// Keeps the labels of one row (and the leader lines drawn to them) from overlapping.
//
// Markers' labels are laid out in runs: markers closer than kCoincide pixels (coinciding:
// the killed member's grey marker under its successor's) share one run of labels, side by
// side kRunGap apart. A run of several goes around its markers (the rightmost marker's label
// right of them, the others left), else all of it right of them, else left, else beside the
// labels already in the row with a leader line to its markers, only where that line crosses
// no label (a leader's span is kept free, so no later label covers it either). A run that
// finds no place joins the run before it and the row is laid out again.
struct LabelRow {
    static constexpr int kGap = 6; // between two labels
    static constexpr int kCoincide = 12;
    static constexpr int kRunGap = 10; // between the labels of one run
    std::vector<std::pair<int, int>> taken;
    bool take(int from, int to);
    bool isFree(int from, int to, int gap = kGap) const;

    // A label to place: its marker's x and its width.
    struct Item {
        int x = 0;
        int width = 0;
    };
    // Where a label went: its left edge, and when it was fanned out, the x its leader starts
    // at (its run's nearest marker) and the x it ends at (beside the run).
    struct Spot {
        int left = 0;
        std::optional<std::pair<int, int>> leader;
    };
    // Lays out `items` within [minLeft, maxRight] around what the row holds already; an item
    // that found no place has no spot.
    std::vector<std::optional<Spot>> layout(const std::vector<Item> &items, int minLeft, int maxRight);
};
// "billing #2 · killed", "billing #2 · killed · 4 s" while its session counts down, "billing #2
// · timed out · rebalancing" once it ran out until the group hands its partitions over.
QString consumerLabel(const QString &consumerId, ConsumerStatus::State state, int sessionSecondsLeft,
                      bool sessionTimedOut = false);
// The same without the name (the legend's detail); empty for a running consumer.
QString consumerDetail(ConsumerStatus::State state, int sessionSecondsLeft, bool sessionTimedOut);

// 1, 2, 5 x 10^k, at least `raw`.
double niceStep(double raw);
QString stateName(ConsumerStatus::State state);
QString formatOffset(qint64 offset);
// "12.5k", "3M"; exact (localised) below 10,000.
QString formatCompact(double value);
// The font of marker labels, the axis and the legend: one pixel smaller than the canvas's.
QFont smallFont(const QFont &font);
// The colour of a lane's owner, blended through a rebalance and greyed when it stops.
QRgb laneOwnerColour(const TimelinePalette &palette, const TimelineLaneFrame &lf);
// Where the focus group's committed marker is drawn on `lane` (-1: none).
qint64 focusCommitted(const TimelineModel &model, int lane, const TimelineFrame &frame);

} // namespace timelinepaint
} // namespace tidemark
