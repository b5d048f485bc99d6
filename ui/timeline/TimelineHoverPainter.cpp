#include "ui/timeline/TimelineHoverPainter.h"

#include "core/PluralCount.h"
#include "core/RecordFormat.h"
#include "ui/timeline/TimelineCanvas.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace tidemark {

TimelineDrawnCard TimelineHoverPainter::paintHover(QPainter &p, QPoint pos,
                                                   const std::optional<TimelineHoverRecord> &record) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const TimelineHit hit = g.hitTest(pos);
    if (hit.kind == TimelineHit::Kind::None || hit.kind == TimelineHit::Kind::Lane)
        return {};
    const QString topic = m_ctx.model.topic();
    QStringList lines;
    QString title;
    const QLocale locale;
    auto timeText = [&](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    };
    switch (hit.kind) {
    case TimelineHit::Kind::Record: {
        const LaneSummary &s = m_ctx.model.summary(hit.lane);
        const double opp = m_ctx.viewport.offsetsPerPixel();
        if (opp > 1.5) {
            const qint64 from = std::max(s.logStart(), qint64(std::floor(g.offsetAtX(pos.x()))));
            const qint64 to = std::min(s.highWatermark(), qint64(std::ceil(g.offsetAtX(pos.x() + 1))));
            title = TimelineCanvas::tr("%1[%2] · offsets %3–%4")
                        .arg(topic)
                        .arg(hit.partition)
                        .arg(timelinepaint::formatOffset(from), timelinepaint::formatOffset(to - 1));
            lines << TimelineCanvas::tr("%1 records", nullptr, pluralCount(to - from))
                         .arg(timelinepaint::formatOffset(to - from));
            if (auto range = s.timeRange(from, to))
                lines << TimelineCanvas::tr("Time: %1 – %2").arg(timeText(range->first), timeText(range->second));
            lines << TimelineCanvas::tr("Zoom in to see single records.");
        } else {
            title = TimelineCanvas::tr("%1[%2] · offset %3")
                        .arg(topic)
                        .arg(hit.partition)
                        .arg(timelinepaint::formatOffset(hit.offset));
            const OffsetCell cell = s.at(hit.offset);
            const bool haveRecord = record && record->partition == hit.partition && record->offset == hit.offset;
            if (haveRecord) {
                const Record &r = record->record;
                lines << (r.key ? TimelineCanvas::tr("Key: %1").arg(previewBytes(*r.key, 48))
                                : TimelineCanvas::tr("Key: null"));
                lines << TimelineCanvas::tr("Time: %1").arg(timeText(r.timestampMs));
                if (!r.value)
                    lines << TimelineCanvas::tr("Value: null (tombstone)");
                lines << TimelineCanvas::tr("Size: %1 bytes")
                             .arg(locale.toString(qint64(payloadSize(r.key) + payloadSize(r.value))));
            } else if (cell.size == LaneSummary::kUnknown) {
                lines << TimelineCanvas::tr("Not loaded yet");
            } else if (cell.size == LaneSummary::kGap) {
                lines << TimelineCanvas::tr("No record at this offset (compacted or a control record)");
            } else {
                lines << (cell.colour == 0 ? TimelineCanvas::tr("Key: null")
                                           : TimelineCanvas::tr("Key colour bucket %1").arg(cell.colour));
                if (auto range = s.timeRange(hit.offset, hit.offset + 1))
                    lines << TimelineCanvas::tr("Time: ≈ %1").arg(timeText(range->first));
                lines << TimelineCanvas::tr("Size: ≈ %1 bytes")
                             .arg(locale.toString(LaneSummary::approximateBytes(cell.size)));
            }
            lines << TimelineCanvas::tr("Click to open it in the inspector.");
        }
        break;
    }
    case TimelineHit::Kind::Committed: {
        title = TimelineCanvas::tr("Group %1 · committed offset %2")
                    .arg(hit.groupId, timelinepaint::formatOffset(hit.offset));
        const qint64 lag = std::max<qint64>(0, m_ctx.model.highWatermark(hit.lane) - hit.offset);
        lines << TimelineCanvas::tr("Lag: %1 records", nullptr, pluralCount(lag)).arg(timelinepaint::formatOffset(lag));
        for (const TimelineGroupSummary &group : m_ctx.model.groups())
            if (group.groupId == hit.groupId && group.stopped)
                lines << TimelineCanvas::tr("Stopped: none of its members reads. It resumes here.");
        lines << TimelineCanvas::tr("Drag to propose an offset reset.");
        break;
    }
    case TimelineHit::Kind::Position: consumerCard(hit, title, lines); break;
    case TimelineHit::Kind::HighWatermark:
        title = TimelineCanvas::tr("High watermark %1").arg(timelinepaint::formatOffset(hit.offset));
        lines << TimelineCanvas::tr("The offset the next record will get.");
        break;
    case TimelineHit::Kind::LogStart:
        title = TimelineCanvas::tr("Log start %1").arg(timelinepaint::formatOffset(hit.offset));
        // At 0 nothing was removed: the log still starts at its first record.
        lines << (hit.offset > 0 ? TimelineCanvas::tr("Older records were removed by retention.")
                                 : TimelineCanvas::tr("The first record of the partition: nothing was removed yet."));
        break;
    default: return {};
    }
    // Hairline over the lane, then the card.
    const QRect strip = g.stripRect(hit.lane);
    p.save();
    p.setPen(QPen(mixColours(palette.background, palette.text, 0.5), 1, Qt::DotLine));
    p.drawLine(QPointF(pos.x() + 0.5, strip.top() - 6), QPointF(pos.x() + 0.5, strip.bottom() + 6));
    QFont bold = m_ctx.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QFontMetrics fm(m_ctx.font);
    // Inside the canvas, a few pixels from its edges, whatever the pointer's position: a line
    // too long for a narrow canvas is elided (a wide card once ran off the window's left edge).
    const QRect bounds =
        QRect(0, 0, m_ctx.width, m_ctx.height).adjusted(kCardMargin, kCardMargin, -kCardMargin, -kCardMargin);
    const int maxText = std::max(0, bounds.width() - 2 * kCardPadding);
    title = bfm.elidedText(title, Qt::ElideRight, maxText);
    for (QString &l : lines)
        l = fm.elidedText(l, Qt::ElideRight, maxText);
    int w = bfm.horizontalAdvance(title);
    for (const QString &l : lines)
        w = std::max(w, fm.horizontalAdvance(l));
    const int h = bfm.height() + int(lines.size()) * fm.height() + 16;
    const QRect card = placeCard(QSize(w + 2 * kCardPadding, h), pos, bounds);
    p.setPen(QPen(palette.cardBorder, 1));
    p.setBrush(palette.card);
    p.drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p.setFont(bold);
    p.setPen(palette.text);
    int y = card.top() + 8 + bfm.ascent();
    p.drawText(QPointF(card.left() + kCardPadding, y), title);
    y += bfm.descent() + 2;
    p.setFont(m_ctx.font);
    p.setPen(palette.mutedText);
    for (const QString &l : lines) {
        y += fm.ascent();
        p.drawText(QPointF(card.left() + kCardPadding, y), l);
        y += fm.descent();
    }
    p.restore();
    return TimelineDrawnCard{card, title, lines};
}

void TimelineHoverPainter::consumerCard(const TimelineHit &hit, QString &title, QStringList &lines) const
{
    std::optional<TimelineConsumerSummary> consumer;
    for (const TimelineConsumerSummary &c : m_ctx.model.consumers())
        if (c.consumerId == hit.consumerId)
            consumer = c;
    // As the lane's label reads: "billing #1 (old) · killed · 4 s" ("billing #1 (old) (killed)" once).
    title = consumer ? timelinepaint::consumerLabel(consumer->consumerId, consumer->state, consumer->sessionSecondsLeft,
                                                    consumer->sessionTimedOut)
                     : hit.consumerId;
    const QString partition = QStringLiteral("%1[%2]").arg(m_ctx.model.topic()).arg(hit.partition);
    if (consumer && !consumer->earlierOf.isEmpty()) {
        // Killed, then restarted too soon: this membership is dead but the group still counts
        // the partition as its own, unread, until the session ends.
        lines << TimelineCanvas::tr("%1 before its restart: killed, it still holds %2.")
                     .arg(consumer->earlierOf, partition);
        if (consumer->sessionSecondsLeft > 0)
            lines << TimelineCanvas::tr("Nobody reads it until its session ends in %n s.", nullptr,
                                        consumer->sessionSecondsLeft);
        else
            lines << TimelineCanvas::tr("Its session is over: the group hands %1 over.").arg(partition);
        lines << TimelineCanvas::tr("Stopped reading at offset %1").arg(timelinepaint::formatOffset(hit.offset));
    } else {
        lines << TimelineCanvas::tr("Next offset to read: %1").arg(timelinepaint::formatOffset(hit.offset));
    }
    lines << TimelineCanvas::tr("Group: %1").arg(hit.groupId);
}

QRect TimelineHoverPainter::placeCard(QSize size, QPoint pos, const QRect &bounds)
{
    // One axis at a time: after the pointer, else before it, else as far inside as it goes.
    const auto place = [](int pointer, int length, int low, int high) {
        const int after = pointer + 14;
        if (after + length - 1 <= high)
            return after;
        const int before = pointer - 10 - length + 1;
        if (before >= low)
            return before;
        return std::max(low, std::min(before, high - length + 1));
    };
    return QRect(place(pos.x(), size.width(), bounds.left(), bounds.right()),
                 place(pos.y(), size.height(), bounds.top(), bounds.bottom()), size.width(), size.height());
}

std::optional<TimelineDrawnDrag> TimelineHoverPainter::paintDrag(QPainter &p, const TimelineHit &marker,
                                                                 qint64 offset) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const int lane = m_ctx.model.laneOfPartition(marker.partition);
    if (lane < 0 || offset < 0)
        return std::nullopt;
    const QRect laneBox = g.laneRect(lane);
    const QRect strip = g.stripRect(lane);
    const double x = std::round(g.xForOffset(double(offset))) + 0.5;
    int colour = -1;
    for (const TimelineGroupSummary &group : m_ctx.model.groups())
        if (group.groupId == marker.groupId)
            colour = group.colour;
    const QColor c = palette.groupColour(colour);
    p.save();
    p.setPen(QPen(c, 2, Qt::DashLine, Qt::FlatCap));
    p.drawLine(QPointF(x, strip.top() - 6), QPointF(x, strip.bottom() + 2));
    QPainterPath tri;
    tri.moveTo(x, strip.bottom() + 1);
    tri.lineTo(x - 6, strip.bottom() + 9);
    tri.lineTo(x + 6, strip.bottom() + 9);
    tri.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawPath(tri);
    // The "from → to" bubble in the marker's own lane, where its label stood (the committed
    // labels' row, beside the triangle), or on the strip when the lane is too short for label
    // rows; never over the owners band or another lane (it once hung into the next lane).
    QFont bold = timelinepaint::smallFont(m_ctx.font);
    bold.setBold(true);
    p.setFont(bold);
    const QFontMetrics fm(bold);
    const QString text =
        marker.offset >= 0
            ? TimelineCanvas::tr("%1 → %2").arg(timelinepaint::formatOffset(marker.offset),
                                                timelinepaint::formatOffset(offset))
            : TimelineCanvas::tr("→ %1", "offset reset of a group that committed nothing on the partition yet")
                  .arg(timelinepaint::formatOffset(offset));
    const int w = fm.horizontalAdvance(text) + 12;
    const int h = fm.height() + 2;
    const QRect row = g.bottomLabelRow(lane);
    const int top = row.isNull() ? strip.center().y() - h / 2 : row.top() - 1;
    const int lowest = (row.isNull() ? laneBox.bottom() - 1 : g.ownershipRect(lane).top() - 1) - h + 1;
    QRect bubble(int(x) + 9, std::clamp(top, laneBox.top() + 1, std::max(laneBox.top() + 1, lowest)), w, h);
    const int maxRight = m_ctx.width - 2;
    if (bubble.right() > maxRight)
        bubble.moveRight(int(x) - 9);
    bubble.moveLeft(std::clamp(bubble.left(), 2, std::max(2, maxRight - w + 1)));
    p.setBrush(c);
    p.drawRoundedRect(QRectF(bubble), h / 2.0, h / 2.0);
    // The background's colour on the group's, or the text's where that reads better.
    p.setPen(contrastRatio(palette.background, c) >= contrastRatio(palette.text, c) ? palette.background
                                                                                    : palette.text);
    p.drawText(bubble, Qt::AlignCenter, text);
    p.restore();
    return TimelineDrawnDrag{lane, marker.groupId, marker.offset, offset, int(x), text, bubble};
}

} // namespace tidemark
