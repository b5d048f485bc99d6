#include "ui/timeline/TimelineHighlightPainter.h"

#include "core/timeline/TimelineHighlight.h"
#include "ui/timeline/TimelineCanvas.h"

#include <QLocale>
#include <QPainter>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace tidemark {

std::vector<TimelineHighlightTick> TimelineHighlightPainter::ticks(int lane) const
{
    std::vector<TimelineHighlightTick> out;
    const TimelineGeometry &g = m_ctx.geometry;
    const int partition = m_ctx.model.partitionOfLane(lane);
    const QRect strip = g.stripRect(lane);
    if (partition < 0 || strip.isEmpty())
        return out;
    const auto found = m_highlight.offsets().find(partition);
    if (found == m_highlight.offsets().end())
        return out;
    const std::vector<qint64> &offsets = found->second;
    const qint64 first = qint64(std::floor(m_ctx.viewport.firstOffset()));
    const qint64 last = qint64(std::ceil(m_ctx.viewport.lastOffset())) + 1;
    if (isDense())
        return densityTicks(lane, partition, offsets, first, last);
    auto it = std::lower_bound(offsets.begin(), offsets.end(), first);
    // One tick per pixel column: after drawing one, skip to the first offset of the next column.
    while (it != offsets.end() && *it < last) {
        const double x0 = g.xForOffset(double(*it));
        const double x1 = g.xForOffset(double(*it) + 1);
        const double width = std::max(kMinTickPx, x1 - x0);
        const double left = std::max(x0, double(strip.left()));
        const double right = std::min(x0 + width, double(strip.right() + 1));
        const double nextColumn = std::floor(x0) + 1;
        const qint64 next = std::max<qint64>(*it + 1, qint64(std::ceil(g.offsetAtX(nextColumn))));
        const auto following = std::lower_bound(it + 1, offsets.end(), next);
        if (right > left)
            out.push_back({lane, partition, *it, qint64(following - it),
                           QRectF(left, strip.top(), right - left, strip.height())});
        it = following;
    }
    return out;
}

bool TimelineHighlightPainter::isDense() const { return m_ctx.viewport.offsetsPerPixel() > 1.0; }

std::vector<TimelineHighlightTick> TimelineHighlightPainter::densityTicks(int lane, int partition,
                                                                          const std::vector<qint64> &offsets,
                                                                          qint64 first, qint64 last) const
{
    std::vector<TimelineHighlightTick> out;
    const TimelineGeometry &g = m_ctx.geometry;
    const QRect strip = g.stripRect(lane);
    // Buckets of whole offsets (not of pixel columns), so that a bar moves with its records when
    // the view pans or follows the head, and stays put otherwise.
    const qint64 span = std::max<qint64>(1, qint64(std::ceil(kDensityBucketPx * m_ctx.viewport.offsetsPerPixel())));
    const qint64 logStart = m_ctx.model.logStart(lane);
    const qint64 end = m_ctx.model.highWatermark(lane);
    const double low = strip.bottom() + 1;
    const double tallest = std::max(kMinTickPx, std::round(strip.height() * kDensityMaxHeight));
    const double shortest = std::min(tallest, std::max(kMinTickPx, std::round(strip.height() * kDensityMinHeight)));
    auto it = std::lower_bound(offsets.begin(), offsets.end(), first);
    while (it != offsets.end() && *it < last) {
        const qint64 bucket = *it - *it % span; // offsets are never negative
        const auto next = std::lower_bound(it, offsets.end(), bucket + span);
        const qint64 matches = qint64(next - it);
        const qint64 records = std::max<qint64>(matches, std::min(end, bucket + span) - std::max(logStart, bucket));
        const double x0 = g.xForOffset(double(bucket));
        const double left = std::max(std::round(x0), double(strip.left()));
        const double right = std::min(std::round(x0) + kDensityBarPx, double(strip.right() + 1));
        const double height = std::round(shortest + (tallest - shortest) * double(matches) / double(records));
        if (right > left)
            out.push_back({lane, partition, *it, matches, QRectF(left, low - height, right - left, height)});
        it = next;
    }
    return out;
}

std::optional<TimelineHighlightLane> TimelineHighlightPainter::laneMark(int lane) const
{
    const int partition = m_ctx.model.partitionOfLane(lane);
    const QRect strip = m_ctx.geometry.stripRect(lane);
    const auto found = m_highlight.offsets().find(partition);
    if (partition < 0 || strip.isEmpty() || found == m_highlight.offsets().end() || found->second.empty())
        return std::nullopt;
    // Around the strip, inside the gap that keeps the label rows apart from it.
    const QRectF rect = QRectF(strip).adjusted(-2.5, -1.5, 3.5, 1.5);
    return TimelineHighlightLane{lane, partition, qint64(found->second.size()), rect};
}

void TimelineHighlightPainter::paintLane(QPainter &p, int lane) const
{
    const QRect strip = m_ctx.geometry.stripRect(lane);
    if (strip.isEmpty())
        return;
    // Dim the lane's records, so that the matches stand out (on every lane: the lesson is that
    // a key's records are all on one of them).
    QColor veil = m_ctx.palette.background;
    veil.setAlphaF(0.72f);
    p.fillRect(QRectF(strip).adjusted(-3, 0, 4, 0), veil);
    // The lane that holds matches is outlined: seen at any zoom, however few they are.
    if (const std::optional<TimelineHighlightLane> mark = laneMark(lane)) {
        p.save();
        p.setPen(QPen(m_ctx.palette.selection, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(mark->rect, 3, 3);
        p.restore();
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    for (const TimelineHighlightTick &tick : ticks(lane))
        p.fillRect(tick.rect, m_ctx.palette.selection);
    p.restore();
}

QString TimelineHighlightPainter::legendText() const { return legendTexts().front(); }

QStringList TimelineHighlightPainter::legendTexts() const
{
    const int matches = int(std::min<qint64>(m_highlight.matchCount(), INT_MAX));
    QString text = TimelineCanvas::tr("%1: %Ln matches", nullptr, matches).arg(m_highlight.filterText());
    QString brief = TimelineCanvas::tr("%Ln matches", "highlight: the legend's brief form", matches);
    // Where they are, by the lanes' names: a key's are all on one lane.
    QStringList lanes;
    for (const auto &[partition, offsets] : m_highlight.offsets())
        if (!offsets.empty())
            lanes << TimelineCanvas::tr("P%1").arg(partition);
    QString where;
    if (lanes.size() == 1)
        where = TimelineCanvas::tr(", all on %1", "highlight: every match is on this lane (P1)").arg(lanes.front());
    else if (lanes.size() > 1 && lanes.size() <= 4)
        where = TimelineCanvas::tr(", on %1", "highlight: the lanes with matches (P0, P2)")
                    .arg(lanes.join(QStringLiteral(", ")));
    text += where;
    brief += where;
    const QString whole = legendWhole(text);
    QStringList forms{whole};
    for (const QString &form : {text, brief})
        if (forms.back() != form)
            forms << form;
    return forms;
}

QString TimelineHighlightPainter::legendWhole(const QString &text) const
{
    if (!m_highlight.error().isEmpty())
        return text + QStringLiteral(" · ") + TimelineCanvas::tr("search stopped: %1").arg(m_highlight.error());
    if (m_highlight.isScanning()) {
        const RecordScan::Progress &progress = m_highlight.progress();
        const int percent = progress.total > 0 ? int(100 * progress.scanned / progress.total) : 0;
        return text + QStringLiteral(" · ") + TimelineCanvas::tr("scanned %1%").arg(percent);
    }
    // Zoomed out, a tick stands for every match in its pixel column.
    const QRect clip = m_ctx.geometry.lanesClip();
    for (int lane = 0; lane < m_ctx.model.laneCount(); ++lane) {
        if (!m_ctx.geometry.laneRect(lane).intersects(clip))
            continue;
        const std::vector<TimelineHighlightTick> drawn = ticks(lane);
        if (std::any_of(drawn.begin(), drawn.end(), [](const TimelineHighlightTick &t) { return t.count > 1; }))
            return text + QStringLiteral(" · ") +
                   TimelineCanvas::tr("zoom in to see each", "highlight: several matches share a pixel column");
    }
    return text;
}

} // namespace tidemark
