#pragma once

// What keeps the timeline's labels from being read, checked through the geometry the canvas
// reports (TimelineCanvas::markerLabels, ownershipRect), not pixels. For the tests of the
// timeline view and of the lesson in the main window.

#include "ui/timeline/TimelineCanvas.h"

#include <QLineF>
#include <QRect>
#include <QStringList>

namespace tidemark::test {

// The flashes the canvas drew (TimelineCanvas::drawnFlashes), for a failure's message:
// "p0 [20, 60) replay; p1 [10, 40) redelivery".
inline QString flashesText(const std::vector<TimelineDrawnFlash> &flashes)
{
    QStringList out;
    for (const TimelineDrawnFlash &f : flashes)
        out << QStringLiteral("p%1 [%2, %3) %4")
                   .arg(f.partition)
                   .arg(f.from)
                   .arg(f.to)
                   .arg(QLatin1String(f.replay ? "replay" : "redelivery"));
    return out.join(QStringLiteral("; "));
}

inline QString rectText(const QRect &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// Whether `line` passes through `rect`.
inline bool crosses(const QLineF &line, const QRect &rect)
{
    const QRectF r(rect);
    for (int i = 0; i <= 64; ++i)
        if (r.contains(line.pointAt(i / 64.0)))
            return true;
    return false;
}

// After a repaint of `canvas`: every label (a marker's, the head's, the lag's) that touches
// another, lies under another's leader line, or on a lane's owners band.
// "lane 2: 'billing #1' (x,y wxh) touches '114' (...)".
inline QStringList unreadableLabels(TimelineCanvas *canvas)
{
    canvas->repaint();
    const std::vector<TimelineMarkerLabel> &labels = canvas->markerLabels();
    QStringList out;
    for (size_t i = 0; i < labels.size(); ++i)
        for (size_t j = i + 1; j < labels.size(); ++j)
            if (labels[i].rect.adjusted(-1, -1, 1, 1).intersects(labels[j].rect))
                out << QStringLiteral("lane %1: '%2' (%3) touches '%4' (%5)")
                           .arg(labels[i].lane)
                           .arg(labels[i].text, rectText(labels[i].rect), labels[j].text, rectText(labels[j].rect));
    for (const TimelineMarkerLabel &l : labels)
        for (const TimelineMarkerLabel &other : labels)
            if (!other.leader.isNull() && other.leader != l.leader && crosses(other.leader, l.rect))
                out << QStringLiteral("lane %1: the leader to '%2' crosses '%3'").arg(l.lane).arg(other.text, l.text);
    for (const TimelineMarkerLabel &l : labels)
        for (int lane = 0; !canvas->laneRect(lane).isNull(); ++lane)
            if (l.rect.intersects(canvas->ownershipRect(lane)))
                out << QStringLiteral("lane %1: '%2' (%3) covers the owners band of lane %4 (%5)")
                           .arg(l.lane)
                           .arg(l.text, rectText(l.rect))
                           .arg(lane)
                           .arg(rectText(canvas->ownershipRect(lane)));
    return out;
}

} // namespace tidemark::test
