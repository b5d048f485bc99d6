#include "ui/timeline/TimelinePaintSupport.h"

#include "ui/timeline/TimelineCanvas.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tidemark::timelinepaint {

bool LabelRow::take(int from, int to)
{
    for (const auto &[a, b] : taken)
        if (from < b + 6 && a < to + 6)
            return false;
    taken.emplace_back(from, to);
    return true;
}

std::optional<int> LabelRow::place(int anchor, int width, int minLeft, int maxRight)
{
    auto fits = [&](int left) { return left >= minLeft && left + width <= maxRight; };
    // Beside its own marker first (right, then left), so a label is read with its marker.
    for (int left : {anchor + 7, anchor - 7 - width}) {
        if (fits(left) && take(left, left + width))
            return left;
    }
    // Both sides taken: fan out beside the labels already there, nearest to the marker first
    // (the painter draws a leader line to it).
    std::vector<int> candidates;
    for (const auto &[a, b] : taken) {
        candidates.push_back(b + 7);
        candidates.push_back(a - 7 - width);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](int l, int r) { return std::abs(l + width / 2 - anchor) < std::abs(r + width / 2 - anchor); });
    for (int left : candidates) {
        if (fits(left) && take(left, left + width))
            return left;
    }
    return std::nullopt;
}

QString consumerLabel(const QString &consumerId, ConsumerStatus::State state, int sessionSecondsLeft,
                      bool sessionTimedOut)
{
    if (state == ConsumerStatus::State::Running)
        return consumerId;
    if (const QString detail = consumerDetail(state, sessionSecondsLeft, sessionTimedOut); !detail.isEmpty())
        return QStringLiteral("%1 · %2").arg(consumerId, detail);
    return consumerId;
}

QString consumerDetail(ConsumerStatus::State state, int sessionSecondsLeft, bool sessionTimedOut)
{
    if (state == ConsumerStatus::State::Running)
        return {};
    if (state == ConsumerStatus::State::Killed && sessionSecondsLeft > 0)
        return TimelineCanvas::tr("killed · %1 s").arg(sessionSecondsLeft);
    if (state == ConsumerStatus::State::Killed && sessionTimedOut)
        return TimelineCanvas::tr("timed out · rebalancing");
    return stateName(state);
}

double niceStep(double raw)
{
    if (!(raw > 1))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw)
            return m * magnitude;
    return 10 * magnitude;
}

QString stateName(ConsumerStatus::State state)
{
    using S = ConsumerStatus::State;
    switch (state) {
    case S::Starting: return TimelineCanvas::tr("starting");
    case S::Running: return TimelineCanvas::tr("running");
    case S::Rebalancing: return TimelineCanvas::tr("rebalancing");
    case S::Stopped: return TimelineCanvas::tr("stopped");
    case S::Killed: return TimelineCanvas::tr("killed");
    case S::Failed: return TimelineCanvas::tr("failed");
    }
    return {};
}

QString formatOffset(qint64 offset) { return QLocale().toString(offset); }

QString formatCompact(double value)
{
    const double a = std::abs(value);
    auto fmt = [](double v, const char *suffix) {
        const int decimals = v < 10 ? 2 : (v < 100 ? 1 : 0);
        QString s = QString::number(v, 'f', decimals);
        if (s.contains(QLatin1Char('.'))) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(QLatin1Char('.')))
                s.chop(1);
        }
        return s + QLatin1String(suffix);
    };
    if (a >= 1e9)
        return fmt(value / 1e9, "B");
    if (a >= 1e6)
        return fmt(value / 1e6, "M");
    if (a >= 1e4)
        return fmt(value / 1e3, "k");
    return QLocale().toString(qint64(std::llround(value)));
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPixelSize(std::max(9, font.pixelSize() > 0 ? font.pixelSize() - 1 : 11));
    return small;
}

QRgb laneOwnerColour(const TimelinePalette &palette, const TimelineLaneFrame &lf)
{
    const QColor neutral = palette.inactive;
    const QColor current = lf.owner.key.isEmpty() ? neutral : palette.consumerColour(lf.owner.colour);
    const QColor previous = lf.previousOwner.key.isEmpty() ? neutral : palette.consumerColour(lf.previousOwner.colour);
    const QColor blended = mixColours(previous, current, lf.ownerBlend);
    return mixColours(blended, neutral, lf.ownerGrey).rgba();
}

qint64 focusCommitted(const TimelineModel &model, int lane, const TimelineFrame &frame)
{
    const QString focus = model.focusGroup();
    for (const TimelineMarker &m : frame.markers)
        if (m.lane == lane && m.kind == TimelineMarker::Kind::Committed && m.groupId == focus)
            return qint64(std::llround(m.shownOffset));
    return -1;
}

} // namespace tidemark::timelinepaint
