#include "ui/timeline/TimelineMarkerPainter.h"

#include "ui/timeline/TimelineCanvas.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace tidemark {

qint64 TimelineMarkerPainter::ownershipWindowMs(const TimelineFrame &frame)
{
    // From the first sample to now (a young history fills the band), at least
    // kMinOwnershipWindowMs, at most kOwnershipWindowMs.
    qint64 first = frame.historyNowMs;
    for (const TimelineOwnershipBand &b : frame.ownership)
        if (!b.memberId.isEmpty())
            first = std::min(first, b.fromMs);
    return std::clamp(frame.historyNowMs - first, kMinOwnershipWindowMs, kOwnershipWindowMs);
}

void TimelineMarkerPainter::paintOwnership(QPainter &p, int lane, const TimelineFrame &frame) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    // The band, and a pixel above and below it for the generation ticks.
    const QRect area = g.ownershipRect(lane);
    const QRectF band = QRectF(area).adjusted(0, 1, 0, -1);
    const qint64 now = frame.historyNowMs;
    const qint64 window = ownershipWindowMs(frame);
    const qint64 windowStart = now - window;
    auto xAt = [&](qint64 ms) {
        return band.left() + band.width() * double(std::clamp(ms, windowStart, now) - windowStart) / double(window);
    };
    bool ownedBefore = false;
    int previousGeneration = -1;
    p.save();
    for (const TimelineOwnershipBand &b : frame.ownership) {
        if (b.lane != lane)
            continue;
        const qint64 to = b.toMs < 0 ? now : b.toMs;
        const bool generationEdge = previousGeneration >= 0 && b.generation != previousGeneration;
        previousGeneration = b.generation;
        const bool owned = !b.memberId.isEmpty();
        if (to < windowStart || (!owned && !ownedBefore)) {
            ownedBefore = ownedBefore || owned;
            continue;
        }
        ownedBefore = ownedBefore || owned;
        const double x0 = xAt(b.fromMs);
        const double x1 = std::max(x0 + 1, xAt(to));
        const QRectF r(x0, band.top(), x1 - x0, band.height());
        if (owned) {
            p.fillRect(r, palette.consumerColour(b.colour));
        } else {
            // Nobody owned it: the pause between the revoke and the next assignment.
            p.fillRect(r, palette.track);
            p.fillRect(r, QBrush(palette.flash, Qt::Dense5Pattern));
        }
        if (generationEdge && b.fromMs >= windowStart) {
            p.setPen(QPen(palette.text, 1, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QPointF(std::round(x0) + 0.5, area.top()), QPointF(std::round(x0) + 0.5, area.bottom() + 1));
        }
    }
    p.restore();
}

void TimelineMarkerPainter::paintMarkers(QPainter &p, int lane, const TimelineFrame &frame) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const QRect strip = g.stripRect(lane);
    const QRect box = g.laneRect(lane);
    const QRect plot = g.plotRect();
    const TimelineLaneFrame &lf = frame.lanes[size_t(lane)];
    const QFont small = timelinepaint::smallFont(m_ctx.font);
    const QFontMetrics fm(small);
    // The label rows the geometry reserved (none in a lane too short for them).
    const bool topLabels = !g.topLabelRow(lane).isEmpty();
    const bool bottomLabels = !g.bottomLabelRow(lane).isEmpty();
    timelinepaint::LabelRow topRow, bottomRow;
    auto inPlot = [&](double x) { return x >= plot.left() - 1 && x <= plot.right() + 1; };
    p.save();
    p.setClipRect(QRect(plot.left() - 4, box.top(), plot.width() + TimelineGeometry::kRightPad + 4, box.height()));
    p.setFont(small);
    auto place = [this](const TimelineMarkerLabel &label) {
        if (m_placed)
            m_placed->push_back(label);
    };
    auto drew = [&](const TimelineMarker &m, double x, const QColor &colour) {
        if (m_drawn)
            m_drawn->push_back(
                TimelineDrawnMarker{lane, m.kind, m.groupId, m.consumerId, m.offset, int(x), colour, m.groupStopped});
    };

    // Lag: the span between a group's committed offset and the high watermark. Its label is
    // drawn last, where the markers' labels left room.
    std::vector<const TimelineLagSpan *> lagLabels;
    for (const TimelineLagSpan &lag : frame.lags) {
        if (lag.lane != lane)
            continue;
        const double xa = std::max<double>(plot.left(), g.xForOffset(lag.shownFrom));
        const double xb = std::min<double>(plot.right() + 1, g.xForOffset(lag.shownTo));
        if (xb <= xa)
            continue;
        const QColor c = palette.groupColour(lag.colour);
        QColor fillC = c;
        if (!lag.focus) {
            // Other groups' lag: a quiet band along the bottom edge of the strip.
            fillC.setAlphaF(0.45f);
            p.fillRect(QRectF(xa, strip.bottom() - 1, xb - xa, 2), fillC);
            continue;
        }
        fillC.setAlphaF(0.12f);
        const QRectF r(xa, strip.top() - 1, xb - xa, strip.height() + 2);
        p.fillRect(r, fillC);
        {
            QColor hatch = c;
            hatch.setAlphaF(palette.dark ? 0.26f : 0.17f);
            p.fillRect(r, QBrush(hatch, Qt::BDiagPattern));
            if (bottomLabels && lag.lag > 0)
                lagLabels.push_back(&lag);
        }
    }
    // Offsets that will be delivered again, then the ones that just were.
    for (const TimelineRedelivery &r : frame.redeliveries) {
        if (r.lane != lane)
            continue;
        const double xa = std::max<double>(plot.left(), g.xForOffset(double(r.from)));
        const double xb = std::min<double>(plot.right() + 1, g.xForOffset(double(r.to)));
        if (xb <= xa)
            continue;
        QPen pen(r.replay ? palette.replay : palette.flash, 2, Qt::DashLine);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.drawLine(QPointF(xa, strip.top() - 2.5), QPointF(xb, strip.top() - 2.5));
    }
    for (const TimelineFlash &f : frame.flashes) {
        if (f.lane != lane)
            continue;
        double xa = g.xForOffset(double(f.from));
        double xb = g.xForOffset(double(f.to));
        if (xb - xa < 3) {
            const double c = (xa + xb) / 2;
            xa = c - 1.5;
            xb = c + 1.5;
        }
        const QColor kind = f.replay ? palette.replay : palette.flash;
        QColor c = kind;
        c.setAlphaF(float(0.85 * f.intensity));
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const QRectF r(xa, strip.top() - 2, xb - xa, strip.height() + 4);
        p.drawRoundedRect(r, 2, 2);
        if (m_flashed)
            m_flashed->push_back(TimelineDrawnFlash{lf.partition, f.from, f.to, f.replay, kind, r});
    }
    // The selected record.
    if (m_interaction.selection && m_interaction.selection->first == lf.partition) {
        double xa = g.xForOffset(double(m_interaction.selection->second));
        double xb = g.xForOffset(double(m_interaction.selection->second + 1));
        if (xb - xa < 4) {
            const double c = (xa + xb) / 2;
            xa = c - 2;
            xb = c + 2;
        }
        p.setPen(QPen(palette.selection, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(xa, strip.top() - 3, xb - xa, strip.height() + 6), 2, 2);
    }

    // Markers, the quiet ones first.
    const TimelineMarker *head = nullptr;
    double headX = 0;
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane)
            continue;
        const double x = std::round(g.xForOffset(m.shownOffset)) + 0.5;
        if (!inPlot(x))
            continue;
        switch (m.kind) {
        case TimelineMarker::Kind::LogStart: {
            p.setPen(QPen(palette.logStart, 1, Qt::DotLine));
            p.drawLine(QPointF(x, strip.top() - 4), QPointF(x, strip.bottom() + 4));
            drew(m, x, palette.logStart);
            if (m.offset > 0 && bottomLabels) {
                const QString text = timelinepaint::formatOffset(m.offset);
                const int w = fm.horizontalAdvance(text);
                if (bottomRow.take(int(x) + 3, int(x) + 3 + w)) {
                    const QColor ink = palette.readableOn(palette.mutedText, palette.background);
                    p.setPen(ink);
                    p.drawText(QPointF(x + 3, strip.bottom() + 3 + fm.ascent()), text);
                    TimelineMarkerLabel label{
                        lane, m.kind, {}, text, QRect(int(x) + 3, strip.bottom() + 3, w, fm.height()), int(x)};
                    label.colour = ink;
                    label.background = palette.background;
                    place(label);
                }
            }
            break;
        }
        case TimelineMarker::Kind::HighWatermark: {
            p.setPen(QPen(palette.tide, 2, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(x, strip.top() - 5), QPointF(x, strip.bottom() + 5));
            drew(m, x, palette.tide);
            // A small wave crest on top: the tidemark.
            QPainterPath crest;
            crest.moveTo(x - 4, strip.top() - 5);
            crest.quadTo(x - 2, strip.top() - 8, x, strip.top() - 5);
            crest.quadTo(x + 2, strip.top() - 2, x + 4, strip.top() - 5);
            p.setPen(QPen(palette.tide, 1.6, Qt::SolidLine, Qt::RoundCap));
            p.drawPath(crest);
            // Its label is drawn last, over whatever lines pass there.
            head = &m;
            headX = x;
            break;
        }
        default: break;
        }
    }
    // A row's labels, laid out together (coinciding markers share a run; see LabelRow).
    struct Pending {
        const TimelineMarker *marker;
        QString owner;
        QString text;
        QColor colour;
        int x;
    };
    const int minLeft = plot.left() - 4;
    const int maxRight = plot.right() + TimelineGeometry::kRightPad;
    auto drawRow = [&](timelinepaint::LabelRow &row, const std::vector<Pending> &pending, int top, double tipY) {
        std::vector<timelinepaint::LabelRow::Item> items;
        for (const Pending &l : pending)
            items.push_back({l.x, fm.horizontalAdvance(l.text)});
        const auto spots = row.layout(items, minLeft, maxRight);
        for (size_t i = 0; i < pending.size(); ++i) {
            if (!spots[i])
                continue;
            const Pending &l = pending[i];
            const QRect r(spots[i]->left, top, items[i].width, fm.height());
            QLineF leader;
            if (const auto &span = spots[i]->leader) // fanned out: a line to its markers
                leader = QLineF(span->first + 0.5, tipY, span->second + 0.5, r.center().y() + 0.5);
            // The label rows lie on the canvas's background; the marker's own colour may not
            // read there (a killed member's grey), its label's does.
            const QColor ink = palette.readableOn(l.colour, palette.background);
            p.setPen(ink);
            if (!leader.isNull())
                p.drawLine(leader);
            p.drawText(QPointF(r.left(), top + fm.ascent()), l.text);
            TimelineMarkerLabel label{lane, l.marker->kind, l.owner, l.text, r, l.x, leader};
            label.colour = ink;
            label.background = palette.background;
            place(label);
        }
    };
    std::vector<Pending> committedLabels;
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane || m.kind != TimelineMarker::Kind::Committed)
            continue;
        const TimelineHit *drag = m_interaction.draggedMarker;
        const bool dragged = drag && drag->groupId == m.groupId && drag->partition == m.partition;
        const double x = std::round(g.xForOffset(m.shownOffset)) + 0.5;
        if (!inPlot(x))
            continue;
        QColor c = palette.groupColour(m.colour);
        if (dragged)
            c.setAlphaF(0.35f);
        p.setPen(QPen(c, 2, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(x, strip.top()), QPointF(x, strip.bottom() + 2));
        QPainterPath tri;
        tri.moveTo(x, strip.bottom() + 1);
        tri.lineTo(x - 5, strip.bottom() + 8);
        tri.lineTo(x + 5, strip.bottom() + 8);
        tri.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPath(tri);
        drew(m, x, c);
        if (bottomLabels && !dragged) {
            // Who reads for the group there (a client outside the app), or that nobody does:
            // a stopped group resumes here.
            QString who = m.groupStopped
                              ? TimelineCanvas::tr("stopped", "consumer group: nobody reads, it resumes here")
                              : m.ownerLabel;
            // A member known gone (another program's killed, an earlier run's) with its countdown,
            // as a killed consumer's position marker: "tidemark-cli · killed · 4 s".
            if (!m.groupStopped && !who.isEmpty())
                for (const TimelineConsumerSummary &gone : m_ctx.model.consumers())
                    if (!gone.memberId.isEmpty() && gone.memberId == m.ownerMemberId)
                        who = timelinepaint::consumerLabel(who, gone.state, gone.sessionSecondsLeft,
                                                           gone.sessionTimedOut);
            // One of the group's members named after an in-app consumer ("billing #2 (before its
            // restart)") says the group already: not "billing · billing #2 ...".
            const QString text =
                who.isEmpty() ? QStringLiteral("%1 · %2").arg(m.groupId, timelinepaint::formatOffset(m.offset))
                : who.startsWith(m.groupId + QStringLiteral(" #"))
                    ? QStringLiteral("%1 · %2").arg(who, timelinepaint::formatOffset(m.offset))
                    : QStringLiteral("%1 · %2 · %3").arg(m.groupId, who, timelinepaint::formatOffset(m.offset));
            committedLabels.push_back(Pending{&m, m.groupId, text, c, int(x)});
        }
    }
    drawRow(bottomRow, committedLabels, strip.bottom() + TimelineGeometry::kLabelGap, strip.bottom() + 8);
    std::vector<Pending> positionLabels;
    for (const TimelineMarker &m : frame.markers) {
        if (m.lane != lane || m.kind != TimelineMarker::Kind::Position)
            continue;
        const double x = std::round(g.xForOffset(m.shownOffset)) + 0.5;
        if (!inPlot(x))
            continue;
        const QColor c = mixColours(palette.consumerColour(m.colour), palette.inactive, m.grey);
        p.setPen(QPen(c, 1.5, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(x, strip.top() - 2), QPointF(x, strip.bottom()));
        QPainterPath tri;
        tri.moveTo(x, strip.top() - 1);
        tri.lineTo(x - 5, strip.top() - 8);
        tri.lineTo(x + 5, strip.top() - 8);
        tri.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPath(tri);
        drew(m, x, c);
        if (topLabels) {
            QString text = m.consumerId;
            for (const TimelineConsumerSummary &s : m_ctx.model.consumers())
                if (s.consumerId == m.consumerId)
                    text = timelinepaint::consumerLabel(m.consumerId, s.state, s.sessionSecondsLeft, s.sessionTimedOut);
            positionLabels.push_back(Pending{&m, m.consumerId, text, c, int(x)});
        }
    }
    drawRow(topRow, positionLabels, strip.top() - TimelineGeometry::kLabelGap - fm.height(), strip.top() - 8);
    for (const TimelineLagSpan *lag : lagLabels) {
        const QString text = TimelineCanvas::tr("lag %1").arg(timelinepaint::formatCompact(double(lag->lag)));
        const int w = fm.horizontalAdvance(text);
        const double xa = std::max<double>(plot.left(), g.xForOffset(lag->shownFrom));
        const double xb = std::min<double>(plot.right() + 1, g.xForOffset(lag->shownTo));
        const int right = int(xb) - 4;
        // Where it fits: right-aligned at the head, else right of another label inside the span
        // (a stopped group's "billing · stopped · 236" may fill its right end), else past the head.
        std::vector<int> lefts{right - w};
        for (const auto &[from, to] : bottomRow.taken)
            if (to + timelinepaint::LabelRow::kGap + 1 > xa + 4 && to + timelinepaint::LabelRow::kGap + 1 + w <= right)
                lefts.push_back(to + timelinepaint::LabelRow::kGap + 1);
        if (int(xb) + 8 + w <= maxRight)
            lefts.push_back(int(xb) + 8);
        std::optional<int> left;
        for (int l : lefts)
            if (l > xa + 4 && bottomRow.take(l, l + w)) {
                left = l;
                break;
            }
        if (left) {
            const QColor ink = palette.readableOn(
                mixColours(palette.groupColour(lag->colour), palette.background, 0.15), palette.background);
            p.setPen(ink);
            const QRect r(*left, strip.bottom() + TimelineGeometry::kLabelGap, w, fm.height());
            p.drawText(r.adjusted(0, 0, 2, 0), Qt::AlignRight, text);
            TimelineMarkerLabel label{lane, TimelineMarker::Kind::Committed, lag->groupId, text, r, right};
            label.lag = true;
            label.colour = ink;
            label.background = palette.background;
            place(label);
        }
    }
    if (head) {
        // The head's offset, in the strip's middle (never in a label row): right of the head,
        // or where the plot ends there, left of it on a plate over the records.
        QFont bold = small;
        bold.setBold(true);
        p.setFont(bold);
        const QFontMetrics bfm(bold);
        const QString text = timelinepaint::formatOffset(head->offset);
        const int w = bfm.horizontalAdvance(text);
        const bool right = headX + 7 + w <= maxRight;
        const QRect r(right ? int(headX) + 7 : int(headX) - 7 - w, strip.center().y() - bfm.height() / 2, w,
                      bfm.height());
        // On the lane's track right of the head (or the background past the strip's end), on
        // an opaque plate of the background left of it.
        const QColor under = right && r.left() <= strip.right() + 3 ? palette.track : palette.background;
        if (!right)
            p.fillRect(r.adjusted(-3, 0, 3, 0), palette.background);
        const QColor ink = palette.readableOn(palette.readableOn(palette.tide, palette.background), under);
        p.setPen(ink);
        p.drawText(QPointF(r.left(), r.top() + bfm.ascent()), text);
        TimelineMarkerLabel label{lane, head->kind, {}, text, r, int(headX)};
        label.colour = ink;
        label.background = under;
        place(label);
        p.setFont(small);
    }
    p.restore();
}

} // namespace tidemark
