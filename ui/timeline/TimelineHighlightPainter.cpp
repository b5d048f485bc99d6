#include "ui/timeline/TimelineHighlightPainter.h"

#include "core/timeline/TimelineHighlight.h"
#include "ui/timeline/TimelineCanvas.h"

#include <QLocale>
#include <QPainter>

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
    auto it = std::lower_bound(offsets.begin(), offsets.end(), first);
    // One tick per pixel column: after drawing one, skip to the first offset of the next column.
    while (it != offsets.end() && *it < last) {
        const double x0 = g.xForOffset(double(*it));
        const double x1 = g.xForOffset(double(*it) + 1);
        const double width = std::max(2.0, x1 - x0);
        const double left = std::max(x0, double(strip.left()));
        const double right = std::min(x0 + width, double(strip.right() + 1));
        if (right > left)
            out.push_back({lane, partition, *it, QRectF(left, strip.top(), right - left, strip.height())});
        const double nextColumn = std::floor(x0) + 1;
        const qint64 next = std::max<qint64>(*it + 1, qint64(std::ceil(g.offsetAtX(nextColumn))));
        it = std::lower_bound(it + 1, offsets.end(), next);
    }
    return out;
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
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    for (const TimelineHighlightTick &tick : ticks(lane))
        p.fillRect(tick.rect, m_ctx.palette.selection);
    p.restore();
}

QString TimelineHighlightPainter::legendText() const
{
    const QString matches =
        TimelineCanvas::tr("%1: %Ln matches", nullptr, int(std::min<qint64>(m_highlight.matchCount(), INT_MAX)))
            .arg(m_highlight.filterText());
    if (!m_highlight.error().isEmpty())
        return matches + QStringLiteral(" · ") + TimelineCanvas::tr("search stopped: %1").arg(m_highlight.error());
    if (m_highlight.isScanning()) {
        const RecordScan::Progress &progress = m_highlight.progress();
        const int percent = progress.total > 0 ? int(100 * progress.scanned / progress.total) : 0;
        return matches + QStringLiteral(" · ") + TimelineCanvas::tr("scanned %1%").arg(percent);
    }
    return matches;
}

} // namespace tidemark
