#pragma once

// What both timeline benchmarks (bench_timeline_local, bench_timeline_kafka) time once a topic
// is set on a TimelineView: the first frame that shows every lane (a record or a sample in
// each), the first frame of the whole range (the loader's coarse pass), the complete overview
// (idle; with `everything`, every record loaded), and a zoom to a window. Each phase ends by
// rendering the canvas into `target`, as a paint would, and is read off `clock` (started
// before the topic was set). A phase that does not end within its limit ends the benchmark.

#include "../common/BenchSupport.h"

#include "core/timeline/TimelineLoader.h"
#include "core/timeline/TimelineModel.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>

#include <cstdio>
#include <cstdlib>

namespace tidemark::bench {

struct OpenTimes {
    double lanesMs = 0;     // the topic's partitions and watermarks are known (no record read yet)
    double firstReadMs = 0; // the loader's first read is answered
    double firstFrameMs = 0;
    double coarseMs = 0;
    double overviewMs = 0;
};

inline double elapsedMs(const QElapsedTimer &clock) { return double(clock.nsecsElapsed()) / 1e6; }

// Waits for the loader to go idle (or for `until` to be true too), up to `limitMs` on `clock`.
template <typename Until>
void waitForLoader(const char *bench, TimelineView &view, const QElapsedTimer &clock, qint64 limitMs, Until until,
                   const QString &what)
{
    while (!view.loader()->isIdle() || !until()) {
        QSignalSpy idle(view.loader(), &TimelineLoader::idleChanged);
        idle.wait(100);
        if (clock.elapsed() > limitMs)
            die(bench, what);
    }
}

// The three phases of opening, for a view of at least `lanes` lanes. `limitMs` bounds the
// coarse pass and the overview (the first frame gets 10 minutes).
inline OpenTimes timeOpening(const char *bench, TimelineView &view, int lanes, bool everything, QImage &target,
                             const QElapsedTimer &clock, qint64 limitMs)
{
    const TimelineModel &model = *view.model();
    auto everyLaneShows = [&] {
        if (model.laneCount() < lanes)
            return false;
        for (int lane = 0; lane < model.laneCount(); ++lane) {
            const LaneSummary &s = model.summary(lane);
            if (s.loadedCount() == 0 && s.samples().count() == 0)
                return false;
        }
        return true;
    };
    OpenTimes out;
    while (model.laneCount() < lanes || view.loader()->readCount() == 0) {
        if (out.lanesMs == 0 && model.laneCount() >= lanes)
            out.lanesMs = elapsedMs(clock);
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        if (clock.elapsed() > 600'000)
            die(bench, QStringLiteral("no read after 10 minutes"));
    }
    if (out.lanesMs == 0)
        out.lanesMs = elapsedMs(clock);
    out.firstReadMs = elapsedMs(clock);
    while (!everyLaneShows()) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        if (clock.elapsed() > 600'000)
            die(bench, QStringLiteral("no lane shows anything after 10 minutes"));
    }
    view.canvas()->render(&target);
    out.firstFrameMs = elapsedMs(clock);
    while (!view.loader()->isCoarsePassDone()) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        if (clock.elapsed() > limitMs)
            die(bench, QStringLiteral("no coarse pass after %1 s").arg(limitMs / 1000));
    }
    view.canvas()->render(&target);
    out.coarseMs = elapsedMs(clock);
    waitForLoader(
        bench, view, clock, limitMs, [&] { return !everything || view.loader()->isFullyLoaded(); },
        QStringLiteral("the overview was not complete after %1 s").arg(limitMs / 1000));
    view.canvas()->render(&target);
    out.overviewMs = elapsedMs(clock);
    return out;
}

// Zooms to [from, from + window) and returns the milliseconds until it is loaded and drawn.
inline double timeZoom(const char *bench, TimelineView &view, QImage &target, qint64 from, qint64 window)
{
    QElapsedTimer clock;
    clock.start();
    view.showRange(double(from), double(from + window));
    view.canvas()->render(&target);
    waitForLoader(
        bench, view, clock, 600'000, [] { return true; }, QStringLiteral("the zoom was not loaded after 10 minutes"));
    view.canvas()->render(&target);
    return elapsedMs(clock);
}

} // namespace tidemark::bench
