#include "ui/timeline/TimelineChromePainter.h"

#include "core/PluralCount.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineMarkerPainter.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace tidemark {

TimelineLaneHeader TimelineChromePainter::paintGutter(QPainter &p, int lane, const TimelineLaneFrame &lf) const
{
    TimelineLaneHeader header;
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const QRect box = g.laneRect(lane);
    const QRect strip = g.stripRect(lane);
    QFont bold = m_ctx.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QFont small = timelinepaint::smallFont(m_ctx.font);
    const QFontMetrics sfm(small);
    const int left = 14;
    p.save();
    p.setFont(bold);
    p.setPen(palette.text);
    const QString name = TimelineCanvas::tr("P%1").arg(lf.partition);
    const int nameBaseline =
        strip.center().y() + bfm.ascent() / 2 - 1 - (box.height() >= 56 ? sfm.height() / 2 + 1 : 0);
    p.drawText(QPointF(left, nameBaseline), name);
    // The owner: a dot in the owner's colour (it re-colours on a rebalance).
    const QColor ownerColour = QColor::fromRgba(timelinepaint::laneOwnerColour(palette, lf));
    const int nameWidth = bfm.horizontalAdvance(name);
    if (!lf.owner.key.isEmpty() || lf.ownerBlend < 1) {
        p.setPen(Qt::NoPen);
        p.setBrush(ownerColour);
        p.drawEllipse(QPointF(left + nameWidth + 9, nameBaseline - bfm.ascent() / 2.0 + 1), 4, 4);
    }
    p.setFont(small);
    if (box.height() >= 56) {
        const LaneSummary &s = m_ctx.model.summary(lane);
        const qint64 count = s.highWatermark() - s.logStart();
        QString line;
        if (count > 0 && s.loadedCount() < count && s.samples().count() == 0)
            line = TimelineCanvas::tr("loading %1%").arg(int(100.0 * double(s.loadedCount()) / double(count)));
        else
            line = TimelineCanvas::tr("%1 rec").arg(timelinepaint::formatCompact(double(count)));
        QString whole = line;
        if (!lf.owner.key.isEmpty()) {
            // An earlier membership's whole name ("billing #2 (before its restart)") is too long
            // for the header: its brief form, the whole one in the hover card.
            const int room = TimelineGeometry::kGutter - left - 10;
            whole = lf.owner.label;
            line = sfm.horizontalAdvance(whole) > room && !lf.owner.brief.isEmpty() ? lf.owner.brief : whole;
            line = sfm.elidedText(line, Qt::ElideRight, room);
        }
        p.setPen(lf.owner.key.isEmpty() ? palette.mutedText : mixColours(ownerColour, palette.text, 0.25));
        const QPointF at(left, nameBaseline + sfm.height() + 2);
        p.drawText(at, line);
        header = TimelineLaneHeader{
            lane, line, whole,
            QRect(int(at.x()), int(at.y()) - sfm.ascent(), sfm.horizontalAdvance(line), sfm.height())};
    }
    p.restore();
    return header;
}

void TimelineChromePainter::paintAxis(QPainter &p, const TimelineFrame &frame) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const QRect plot = g.plotRect();
    const int bottom = g.axisHeight() - 4;
    p.save();
    p.fillRect(QRect(0, 0, m_ctx.width, g.axisHeight()), palette.background);
    const QFont small = timelinepaint::smallFont(m_ctx.font);
    p.setFont(small);
    const QFontMetrics fm(small);
    p.setPen(palette.mutedText);
    p.drawText(QPointF(14, bottom - 4), TimelineCanvas::tr("offset"));
    if (!frame.lanes.empty()) {
        const double step = timelinepaint::niceStep(m_ctx.viewport.offsetsPerPixel() * 120);
        for (double o = std::ceil(m_ctx.viewport.firstOffset() / step) * step; o < m_ctx.viewport.lastOffset();
             o += step) {
            if (o < 0)
                continue;
            const double x = std::round(g.xForOffset(o)) + 0.5;
            if (x < plot.left() || x > plot.right())
                continue;
            p.setPen(QPen(palette.grid, 1));
            p.drawLine(QPointF(x, bottom - 3), QPointF(x, bottom + 4));
            const QString label = timelinepaint::formatCompact(o);
            const int w = fm.horizontalAdvance(label);
            p.setPen(palette.mutedText);
            p.drawText(
                QPointF(std::clamp(x - w / 2.0, double(plot.left() - 8), double(m_ctx.width - w - 2)), bottom - 4),
                label);
        }
    }
    p.setPen(QPen(palette.grid, 1));
    p.drawLine(QPointF(0, g.axisHeight() - 0.5), QPointF(m_ctx.width, g.axisHeight() - 0.5));
    p.restore();
}

std::vector<TimelineLegendEntry> TimelineChromePainter::paintLegend(QPainter &p, const TimelineFrame &frame,
                                                                    qint64 records, bool loading,
                                                                    const QString &sampled,
                                                                    const QStringList &highlighted,
                                                                    TimelineLegendLead *leadOut) const
{
    const TimelineGeometry &g = m_ctx.geometry;
    const TimelinePalette &palette = m_ctx.palette;
    const int top = g.lanesBottom();
    p.save();
    p.fillRect(QRect(0, top, m_ctx.width, m_ctx.height - top), palette.background);
    p.setPen(QPen(palette.grid, 1));
    p.drawLine(QPointF(0, top + 0.5), QPointF(m_ctx.width, top + 0.5));
    const QFont small = timelinepaint::smallFont(m_ctx.font);
    p.setFont(small);
    const QFontMetrics fm(small);
    const double cy = top + (m_ctx.height - top) / 2.0;
    const double baseline = cy + fm.ascent() / 2.0 - 1;
    int x = 14;
    // Right side first, so the items on the left know where to stop.
    const int lanes = int(frame.lanes.size());
    QString summary = summaryText(lanes, records);
    if (loading)
        summary += QStringLiteral(" · ") + TimelineCanvas::tr("loading…");
    if (!sampled.isEmpty())
        summary += QStringLiteral(" · ") + sampled;
    const int summaryWidth = fm.horizontalAdvance(summary);
    p.setPen(palette.mutedText);
    p.drawText(QPointF(m_ctx.width - summaryWidth - 14, baseline), summary);

    // The entries, in the order they are drawn: groups with their lag, consumers with their
    // state (the killed one counting down, those that run, a killed or failed one, stopped ones
    // last), then what the bands under the lanes are. When they do not all fit, the ones that
    // matter most stay (a killed member counting down to its takeover: the lesson's moment;
    // groups; the consumers that hold partitions; then the bands' key; a killed or failed one;
    // stopped ones last) and the rest are counted in a "+N more" at the end, never dropped
    // silently. Stopped members fold together: where not all of them fit, none is drawn (after
    // a few restarts, long-stopped "billing #1", "billing #2" took the room of the story).
    struct Candidate {
        TimelineLegendEntry entry;
        QColor colour;
        int rank = 0; // lower stays first; below 0: kept however short the room (before the highlight)
        int width = 0;
    };
    std::vector<Candidate> all;
    auto glyphWidth = [&](const QString &text, const QString &detail) {
        return 14 + fm.horizontalAdvance(text) + (detail.isEmpty() ? 0 : 4 + fm.horizontalAdvance(detail));
    };
    // A stopped group is one entry, as on the lanes (its committed marker, "billing · stopped"):
    // its members that stopped are not listed one by one, however many starts it had.
    std::set<QString> stoppedGroups;
    for (const TimelineGroupSummary &g : m_ctx.model.groups()) {
        Candidate c;
        c.entry.kind = TimelineLegendEntry::Kind::Group;
        c.entry.text = g.groupId;
        c.entry.detail = TimelineCanvas::tr("lag %1").arg(timelinepaint::formatCompact(double(g.totalLag)));
        if (g.stopped) {
            stoppedGroups.insert(g.groupId);
            c.entry.detail = TimelineCanvas::tr("stopped", "consumer group: nobody reads, it resumes here") +
                             QStringLiteral(" · ") + c.entry.detail;
        }
        c.colour = palette.groupColour(g.colour);
        c.rank = 0;
        c.width = glyphWidth(c.entry.text, c.entry.detail);
        all.push_back(c);
    }
    constexpr int kStoppedRank = 4;
    std::vector<Candidate> consumers;
    for (const TimelineConsumerSummary &s : m_ctx.model.consumers()) {
        const bool running = s.state == ConsumerStatus::State::Running;
        const bool active = s.state == ConsumerStatus::State::Starting || s.state == ConsumerStatus::State::Running ||
                            s.state == ConsumerStatus::State::Rebalancing;
        // Killed, but its partitions are still its until the takeover.
        const bool keeping =
            s.state == ConsumerStatus::State::Killed && (s.sessionSecondsLeft > 0 || s.sessionTimedOut);
        // Stopped cleanly, in a group that is stopped: the group's entry stands for it. A killed or
        // failed member keeps its own (what happened to it is worth seeing).
        if (s.state == ConsumerStatus::State::Stopped && stoppedGroups.count(s.groupId) != 0)
            continue;
        Candidate c;
        c.entry.kind = TimelineLegendEntry::Kind::Consumer;
        c.entry.text = s.consumerId;
        c.entry.detail = timelinepaint::consumerDetail(s.state, s.sessionSecondsLeft, s.sessionTimedOut);
        c.colour = running ? palette.consumerColour(s.colour) : palette.inactive;
        c.rank = keeping ? -1 : active ? 1 : s.state == ConsumerStatus::State::Stopped ? kStoppedRank : 3;
        c.width = glyphWidth(c.entry.text, c.entry.detail);
        consumers.push_back(c);
    }
    // Drawn: those that run or count down (in the model's order: an earlier membership beside its
    // member), then a killed or failed one, then the stopped ones.
    std::stable_sort(consumers.begin(), consumers.end(),
                     [](const Candidate &a, const Candidate &b) { return std::max(a.rank, 1) < std::max(b.rank, 1); });
    all.insert(all.end(), consumers.begin(), consumers.end());
    if (std::any_of(frame.ownership.begin(), frame.ownership.end(),
                    [](const TimelineOwnershipBand &b) { return !b.memberId.isEmpty(); })) {
        // What the thin bands under the lanes are (after the groups and consumers).
        Candidate c;
        c.entry.kind = TimelineLegendEntry::Kind::Owners;
        c.entry.text =
            TimelineCanvas::tr("owners, last %1 s").arg((TimelineMarkerPainter::ownershipWindowMs(frame) + 500) / 1000);
        c.colour = palette.mutedText;
        c.rank = 2;
        c.width = 22 + fm.horizontalAdvance(c.entry.text);
        all.push_back(c);
    }
    std::vector<size_t> byRank(all.size());
    for (size_t i = 0; i < all.size(); ++i)
        byRank[i] = i;
    std::stable_sort(byRank.begin(), byRank.end(), [&](size_t a, size_t b) { return all[a].rank < all[b].rank; });
    const auto moreText = [](size_t n) { return TimelineCanvas::tr("+%1 more").arg(n); };
    const QString noGroup = TimelineCanvas::tr("No consumer group reads this topic yet.");

    // The highlight's matches lead, in the highlight's colour (the ticks on the lanes), right of
    // the entries. It yields first when room is short: the entries keep what they need whole
    // (the hint without a group; else every entry, or at least the first one and "+N more"),
    // the highlight drops its last part ("zoom in to see each"), then is elided (its tooltip
    // says it whole).
    const int room = m_ctx.width - summaryWidth - 14 - x - 10; // the entries' and the lead's
    int leftAll = all.empty() && !frame.lanes.empty() ? fm.horizontalAdvance(noGroup) : 0;
    for (const Candidate &c : all)
        leftAll += c.width + 18;
    // The least the entries keep: every one ranked below 0 (a killed member's countdown) and
    // the first of the others (a group), then "+N more" for the rest.
    int leftLeast = leftAll;
    if (all.size() > 1) {
        size_t least = 0;
        while (least < all.size() && all[byRank[least]].rank < 0)
            ++least;
        least = std::min(all.size(), least + 1);
        leftLeast = 0;
        for (size_t i = 0; i < least; ++i)
            leftLeast += all[byRank[i]].width + 18;
        if (least < all.size())
            leftLeast += fm.horizontalAdvance(moreText(all.size() - least)) + 18;
    }
    QString lead;
    if (!highlighted.isEmpty()) {
        const int separator = fm.horizontalAdvance(QStringLiteral(" · "));
        const auto fitting = [&](int left) -> std::optional<QString> {
            for (const QString &form : highlighted)
                if (fm.horizontalAdvance(form) + separator + left <= room)
                    return form;
            return std::nullopt;
        };
        if (auto form = fitting(leftAll))
            lead = *form;
        else if (auto least = fitting(leftLeast))
            lead = *least;
        else
            lead = fm.elidedText(highlighted.back(), Qt::ElideRight, std::max(0, room - leftLeast - separator));
        if (lead.size() <= 1) // "…": nothing worth reading
            lead.clear();
    }
    const int leadWidth = lead.isEmpty() ? 0 : fm.horizontalAdvance(lead + QStringLiteral(" · "));
    const int limit = m_ctx.width - summaryWidth - leadWidth - 24;
    if (!lead.isEmpty()) {
        p.setPen(palette.selection);
        p.drawText(QPointF(m_ctx.width - summaryWidth - leadWidth - 14, baseline), lead + QStringLiteral(" · "));
    }
    if (leadOut) {
        *leadOut = {};
        if (!highlighted.isEmpty())
            *leadOut = {lead, highlighted.front(),
                        QRect(m_ctx.width - summaryWidth - leadWidth - 14, top + 1, fm.horizontalAdvance(lead),
                              m_ctx.height - top - 1)};
    }

    // Which to keep: the most that fit by rank (stable), with room for "+N more" if any is left
    // out; the stopped members all or none.
    std::vector<bool> keep(all.size(), false);
    for (size_t kept = all.size() + 1; kept-- > 0;) {
        if (kept > 0 && kept < all.size() && all[byRank[kept - 1]].rank == kStoppedRank)
            continue;
        int width = 0;
        for (size_t i = 0; i < kept; ++i)
            width += all[byRank[i]].width + 18;
        if (kept < all.size())
            width += fm.horizontalAdvance(moreText(all.size() - kept)) + 18;
        if (x + width - 18 <= limit || kept == 0) {
            for (size_t i = 0; i < kept; ++i)
                keep[byRank[i]] = true;
            break;
        }
    }
    std::vector<TimelineLegendEntry> drawn;
    QStringList hidden;
    for (size_t i = 0; i < all.size(); ++i) {
        Candidate &c = all[i];
        if (!keep[i]) {
            hidden << c.entry.text;
            continue;
        }
        c.entry.rect = QRect(x, top + 1, c.width, m_ctx.height - top - 1);
        c.entry.colour = c.colour;
        if (c.entry.kind == TimelineLegendEntry::Kind::Owners) {
            p.fillRect(QRectF(x, cy - 2, 16, 4), c.colour);
            p.setPen(palette.mutedText);
            p.drawText(QPointF(x + 22, baseline), c.entry.text);
        } else {
            QPainterPath tri;
            if (c.entry.kind == TimelineLegendEntry::Kind::Group) { // the committed marker's glyph
                tri.moveTo(x + 5, cy - 4);
                tri.lineTo(x, cy + 4);
                tri.lineTo(x + 10, cy + 4);
            } else {
                tri.moveTo(x + 5, cy + 4);
                tri.lineTo(x, cy - 4);
                tri.lineTo(x + 10, cy - 4);
            }
            tri.closeSubpath();
            p.setPen(Qt::NoPen);
            p.setBrush(c.colour);
            p.drawPath(tri);
            p.setPen(palette.text);
            p.drawText(QPointF(x + 14, baseline), c.entry.text);
            if (!c.entry.detail.isEmpty()) {
                p.setPen(palette.mutedText);
                p.drawText(QPointF(x + 18 + fm.horizontalAdvance(c.entry.text), baseline), c.entry.detail);
            }
        }
        x += c.width + 18;
        drawn.push_back(c.entry);
    }
    if (!hidden.isEmpty()) {
        TimelineLegendEntry more;
        more.kind = TimelineLegendEntry::Kind::More;
        more.text = moreText(size_t(hidden.size()));
        more.hidden = hidden;
        const int w = fm.horizontalAdvance(more.text);
        if (x + w <= limit) { // (no room even for this: the canvas is narrower than any entry)
            more.rect = QRect(x, top + 1, w, m_ctx.height - top - 1);
            p.setPen(palette.mutedText);
            p.drawText(QPointF(x, baseline), more.text);
            x += w + 18;
            drawn.push_back(more);
        }
    }
    if (all.empty() && !frame.lanes.empty()) {
        // Cut to the room the summary on the right leaves (a narrow timeline), never over it.
        const QString text = fm.elidedText(noGroup, Qt::ElideRight, limit - x);
        if (text.size() > 1) {
            p.setPen(palette.mutedText);
            p.drawText(QPointF(x, baseline), text);
            TimelineLegendEntry hint;
            hint.kind = TimelineLegendEntry::Kind::Hint;
            hint.text = text;
            hint.rect = QRect(x, top + 1, fm.horizontalAdvance(text), m_ctx.height - top - 1);
            drawn.push_back(hint);
        }
    }
    p.restore();
    return drawn;
}

QString TimelineChromePainter::summaryText(int partitions, qint64 records)
{
    // The noun agrees with the number shown: all its digits up to 9,999 ("1 001 запись", as the
    // status bar says), while a short count of thousands ("12.3k", "1.2M") reads as many in
    // every language.
    const QString shown = timelinepaint::formatCompact(double(records));
    const bool whole = shown == QLocale().toString(records);
    const int form = whole ? pluralCount(records) : pluralCount(records - records % 1000);
    return TimelineCanvas::tr("%1 partitions", nullptr, partitions).arg(partitions) + QStringLiteral(" · ") +
           TimelineCanvas::tr("%1 records", nullptr, form).arg(shown);
}

QString TimelineChromePainter::sampledText() const
{
    const TimelineViewport &viewport = m_ctx.viewport;
    qint64 records = 0, read = 0, samples = 0;
    for (int lane = 0; lane < m_ctx.model.laneCount(); ++lane) {
        const LaneSummary &s = m_ctx.model.summary(lane);
        const qint64 lo = std::max(s.logStart(), qint64(std::floor(viewport.firstOffset())));
        const qint64 hi = std::min(s.highWatermark(), qint64(std::ceil(viewport.lastOffset())));
        if (lo >= hi)
            continue;
        const qint64 sampled = s.samples().countIn(lo, hi);
        records += hi - lo;
        samples += sampled;
        read += s.loadedCountIn(lo, hi) + sampled;
    }
    if (samples == 0 || read >= records)
        return {};
    // "1 in 20,000": two significant digits are what the eye needs.
    const double ratio = double(records) / double(std::max<qint64>(1, read));
    const double magnitude = std::pow(10.0, std::max(0.0, std::floor(std::log10(ratio)) - 1));
    const qint64 rounded = std::max<qint64>(2, qint64(std::llround(ratio / magnitude) * magnitude));
    return TimelineCanvas::tr("sampled: 1 in %1 records").arg(QLocale().toString(rounded));
}

void TimelineChromePainter::paintPlaceholder(QPainter &p, const QString &text, bool muted) const
{
    p.setPen(muted ? m_ctx.palette.mutedText : m_ctx.palette.text);
    p.drawText(QRect(0, 0, m_ctx.width, m_ctx.height).adjusted(24, 0, -24, 0), Qt::AlignCenter | Qt::TextWordWrap,
               text);
}

void TimelineChromePainter::paintNoRecordsHint(QPainter &p) const
{
    const TimelinePalette &palette = m_ctx.palette;
    const QString hint = TimelineCanvas::tr("No records yet: produce some and watch the lanes grow.");
    const QFontMetrics fm(m_ctx.font);
    QRectF card(0, 0, fm.horizontalAdvance(hint) + 32, fm.height() + 18);
    card.moveCenter(QRectF(m_ctx.geometry.plotRect()).center());
    p.setPen(QPen(palette.cardBorder, 1));
    p.setBrush(palette.card);
    p.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    p.setPen(palette.mutedText);
    p.drawText(card, Qt::AlignCenter, hint);
}

} // namespace tidemark
