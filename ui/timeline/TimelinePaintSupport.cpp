#include "ui/timeline/TimelinePaintSupport.h"

#include "ui/timeline/TimelineCanvas.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tidemark::timelinepaint {

bool LabelRow::isFree(int from, int to, int gap) const
{
    return std::none_of(taken.begin(), taken.end(),
                        [&](const std::pair<int, int> &t) { return from < t.second + gap && t.first < to + gap; });
}

bool LabelRow::take(int from, int to)
{
    if (!isFree(from, to))
        return false;
    taken.emplace_back(from, to);
    return true;
}

std::vector<std::optional<LabelRow::Spot>> LabelRow::layout(const std::vector<Item> &items, int minLeft, int maxRight)
{
    std::vector<std::optional<Spot>> spots(items.size());
    if (items.empty())
        return spots;
    // Runs of coinciding markers, by x.
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return items[a].x < items[b].x; });
    std::vector<std::vector<size_t>> runs;
    for (size_t i : order) {
        if (runs.empty() || items[i].x - items[runs.back().back()].x >= kCoincide)
            runs.emplace_back();
        runs.back().push_back(i);
    }
    const std::vector<std::pair<int, int>> before = taken;
    for (;;) {
        taken = before;
        std::fill(spots.begin(), spots.end(), std::nullopt);
        size_t failed = runs.size();
        for (size_t r = 0; r < runs.size(); ++r) {
            const std::vector<size_t> &run = runs[r];
            const int lo = items[run.front()].x;
            const int hi = items[run.back()].x;
            int width = kRunGap * int(run.size() - 1);
            for (size_t i : run)
                width += items[i].width;
            auto fits = [&](int left) { return left >= minLeft && left + width <= maxRight; };
            std::optional<int> left;
            std::optional<std::pair<int, int>> leader;
            // Beside its markers: (more than one) the rightmost marker's label right and the
            // others left of them, else all right, else all left.
            if (run.size() > 1) {
                const int first = items[run.back()].width;
                const int rest = width - first - kRunGap;
                const int restLeft = lo - 7 - rest;
                if (hi + 7 + first <= maxRight && restLeft >= minLeft && isFree(hi + 7, hi + 7 + first) &&
                    isFree(restLeft, lo - 7)) {
                    take(hi + 7, hi + 7 + first);
                    take(restLeft, lo - 7);
                    spots[run.back()] = Spot{hi + 7, std::nullopt};
                    int x = restLeft;
                    for (auto it = std::next(run.rbegin()); it != run.rend(); ++it) {
                        spots[*it] = Spot{x, std::nullopt};
                        x += items[*it].width + kRunGap;
                    }
                    continue;
                }
            }
            if (fits(hi + 7) && take(hi + 7, hi + 7 + width))
                left = hi + 7;
            else if (fits(lo - 7 - width) && take(lo - 7 - width, lo - 7))
                left = lo - 7 - width;
            if (!left) {
                // Fanned out beside the labels already there, nearest first, where the leader
                // crosses nothing.
                std::vector<int> candidates;
                for (const auto &[a, b] : taken) {
                    candidates.push_back(b + kGap + 1);
                    candidates.push_back(a - kGap - 1 - width);
                }
                const int centre = (lo + hi) / 2;
                std::stable_sort(candidates.begin(), candidates.end(), [&](int l, int r) {
                    return std::abs(l + width / 2 - centre) < std::abs(r + width / 2 - centre);
                });
                for (int candidate : candidates) {
                    if (!fits(candidate))
                        continue;
                    const bool right = candidate > hi;
                    const int from = right ? hi : lo;
                    const int to = right ? candidate - 2 : candidate + width + 2;
                    if (!isFree(std::min(from, to), std::max(from, to), 2) || !take(candidate, candidate + width))
                        continue;
                    taken.emplace_back(std::min(from, to), std::max(from, to));
                    left = candidate;
                    leader = std::make_pair(from, to);
                    break;
                }
            }
            if (!left) {
                failed = r;
                break;
            }
            // The rightmost marker's label first: nearest its marker when the run is on the right.
            int x = *left;
            for (auto it = run.rbegin(); it != run.rend(); ++it) {
                spots[*it] = Spot{x, leader};
                x += items[*it].width + kRunGap;
            }
        }
        if (failed == runs.size())
            return spots;
        if (failed == 0) {
            // Nowhere to go even first: the items of that run go unlabelled.
            runs.erase(runs.begin());
            if (runs.empty()) {
                taken = before;
                std::fill(spots.begin(), spots.end(), std::nullopt);
                return spots;
            }
            continue;
        }
        runs[failed - 1].insert(runs[failed - 1].end(), runs[failed].begin(), runs[failed].end());
        runs.erase(runs.begin() + std::ptrdiff_t(failed));
    }
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
    const QLocale locale;
    // The number with at most three significant digits, in the locale's decimal point ("1,5"
    // in Russian), trailing zeros dropped; `pattern` puts the unit after it ("%1k", "%1 тыс.").
    auto fmt = [&locale](double v, const QString &pattern) {
        const double av = std::abs(v);
        const int decimals = av < 10 ? 2 : (av < 100 ? 1 : 0);
        QString s = locale.toString(v, 'f', decimals);
        const QString point = locale.decimalPoint();
        if (decimals > 0 && s.contains(point)) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(point))
                s.chop(point.size());
        }
        return pattern.arg(s);
    };
    if (a >= 1e9)
        return fmt(value / 1e9, TimelineCanvas::tr("%1B", "compact number: billions"));
    if (a >= 1e6)
        return fmt(value / 1e6, TimelineCanvas::tr("%1M", "compact number: millions"));
    if (a >= 1e4)
        return fmt(value / 1e3, TimelineCanvas::tr("%1k", "compact number: thousands"));
    return locale.toString(qint64(std::llround(value)));
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
