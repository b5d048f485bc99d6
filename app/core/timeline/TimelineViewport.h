#pragma once

// The horizontal mapping of the timeline: which offsets are visible and how many offsets one
// pixel holds. Pure arithmetic in doubles (exact for offsets below 2^53), shared by every
// lane, so equal offsets line up across partitions.
//
// Thread: a plain value owned by the view (GUI thread).

#include <QtGlobal>

namespace tidemark {

class TimelineViewport {
public:
    static constexpr double kMaxPixelsPerRecord = 48.0;
    static constexpr double kHeadMargin = 0.06; // share of the width kept right of the head

    void setWidth(double pixels);
    double width() const { return m_width; }

    // What can be shown: [start, end) (smallest log start, largest high watermark).
    void setContent(double start, double end);
    double contentStart() const { return m_contentStart; }
    double contentEnd() const { return m_contentEnd; }

    double firstOffset() const { return m_first; }
    double offsetsPerPixel() const { return m_perPixel; }
    double lastOffset() const { return m_first + m_width * m_perPixel; }
    double xForOffset(double offset) const { return (offset - m_first) / m_perPixel; }
    double offsetAtX(double x) const { return m_first + x * m_perPixel; }

    double minOffsetsPerPixel() const { return 1.0 / kMaxPixelsPerRecord; }
    double maxOffsetsPerPixel() const;

    // Shows [from, to) across the width (within the zoom limits). Leaves follow-head mode.
    void showRange(double from, double to);
    // Zooms by `factor` (> 1 zooms in) keeping the offset under `x` in place.
    void zoomAt(double x, double factor);
    // Moves the content by `dx` pixels (positive: the content moves right, earlier offsets
    // come into view). Leaves follow-head mode.
    void panByPixels(double dx);
    // Shows all the content with a small margin on the left and `room` (a share of the width)
    // free on the right for growth. Keeps follow-head mode as it is.
    void fit(double room = kHeadMargin);

    // Sets the first offset and the zoom directly (within the limits); for animated moves.
    void setState(double firstOffset, double offsetsPerPixel);

    // In follow-head mode the head stays near the right edge as it moves (see followHead()).
    void setFollowHead(bool follow) { m_follow = follow; }
    bool isFollowingHead() const { return m_follow; }
    // Re-anchors the view on `head` if following; call on every frame with the shown head.
    void followHead(double head);

private:
    void clamp();

    double m_width = 1;
    double m_contentStart = 0;
    double m_contentEnd = 0;
    double m_first = 0;
    double m_perPixel = 1;
    bool m_follow = false;
};

} // namespace tidemark
