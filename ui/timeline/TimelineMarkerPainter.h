#pragma once

// Draws what sits on and around a lane's records: lag spans, re-delivered offsets and flashes,
// the selected record, the log start and high watermark lines, the groups' committed markers
// (below the strip) and the consumers' positions (above it) with labels that never overlap,
// and the ownership band under the lane (who in the focus group owned the partition over the
// last minute of real time).
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "ui/timeline/TimelinePaintSupport.h"

#include <QColor>
#include <QLineF>
#include <QRect>
#include <QRectF>

#include <optional>
#include <utility>
#include <vector>

class QPainter;

namespace tidemark {

// Where a label was drawn in the last paint (canvas coordinates), for tests and
// accessibility: every marker's label (the consumers' positions above the strip, the groups'
// committed offsets and the log start below it, the head's offset in the strip's middle) and
// the focus group's lag. None overlaps another, the owners band, or a leader line.
struct TimelineMarkerLabel {
    int lane = -1;
    TimelineMarker::Kind kind = TimelineMarker::Kind::Position;
    QString owner; // consumer id (Position) or group id (Committed)
    QString text;
    QRect rect;
    int markerX = 0;
    QLineF leader;     // from its marker to a fanned-out label (null: beside its marker)
    bool lag = false;  // the group's lag ("lag 12"; kind Committed)
    QColor colour;     // the text's (TimelinePalette::readableOn: at least 4.5:1 on its background)
    QColor background; // what the text is drawn on (the canvas's background, or a lane's track)
};

// A marker as the last paint drew it (canvas coordinates), for tests: which lane, what kind,
// whose (the group of a committed marker or of a consumer's position, and the consumer), where
// and in what colour.
struct TimelineDrawnMarker {
    int lane = -1;
    TimelineMarker::Kind kind = TimelineMarker::Kind::LogStart;
    QString groupId;    // Committed, Position
    QString consumerId; // Position
    qint64 offset = 0;
    int x = 0;
    QColor colour;
    bool groupStopped = false; // Committed: the group's members are all stopped
};

// A flash over re-read offsets as the last paint drew it (canvas coordinates), for tests: a
// replay (the group's committed offset was reset on purpose) or a redelivery (at-least-once:
// a member died before committing what it had read), in the colour of its kind.
struct TimelineDrawnFlash {
    int partition = -1;
    qint64 from = 0;
    qint64 to = 0;
    bool replay = false;
    QColor colour; // the kind's colour (TimelinePalette::replay or ::flash), before the fade
    QRectF rect;
};

class TimelineMarkerPainter final {
public:
    // The ownership band under each lane shows this much real time, now at the right edge.
    static constexpr qint64 kOwnershipWindowMs = 60'000;
    static constexpr qint64 kMinOwnershipWindowMs = 10'000;

    // What the user is doing that changes how markers look.
    struct Interaction {
        std::optional<std::pair<int, qint64>> selection; // partition, offset
        const TimelineHit *draggedMarker = nullptr;      // a committed marker being dragged (faded)
    };

    // `placed`, if given, receives where each marker label was drawn; `flashed` each flash;
    // `drawn` each marker.
    TimelineMarkerPainter(const TimelinePaintContext &context, Interaction interaction,
                          std::vector<TimelineMarkerLabel> *placed = nullptr,
                          std::vector<TimelineDrawnFlash> *flashed = nullptr,
                          std::vector<TimelineDrawnMarker> *drawn = nullptr)
        : m_ctx(context), m_interaction(std::move(interaction)), m_placed(placed), m_flashed(flashed), m_drawn(drawn)
    {}

    void paintMarkers(QPainter &p, int lane, const TimelineFrame &frame) const;
    void paintOwnership(QPainter &p, int lane, const TimelineFrame &frame) const;

    // How much real time the ownership bands span: from the first sample to now, at least
    // kMinOwnershipWindowMs, at most kOwnershipWindowMs.
    static qint64 ownershipWindowMs(const TimelineFrame &frame);

private:
    const TimelinePaintContext &m_ctx;
    Interaction m_interaction;
    std::vector<TimelineMarkerLabel> *m_placed;
    std::vector<TimelineDrawnFlash> *m_flashed;
    std::vector<TimelineDrawnMarker> *m_drawn;
};

} // namespace tidemark
