#pragma once

// A value that glides from one target to the next over a fixed time, with an ease-out curve.
// Time-based, never frame-based: at(now) is a pure function of the clock, so a frame drawn
// late shows the right state and tests can step an injected clock.
//
// Thread: a plain value; owned by whoever owns the model (the GUI thread).

#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace tidemark {

struct Tween {
    double from = 0;
    double to = 0;
    qint64 startMs = 0;
    int durationMs = 0;

    // Progress 0..1 at `now`, eased (cubic ease-out: fast start, calm arrival).
    double progress(qint64 now) const
    {
        if (durationMs <= 0 || now >= startMs + durationMs)
            return 1.0;
        if (now <= startMs)
            return 0.0;
        const double t = double(now - startMs) / double(durationMs);
        const double u = 1.0 - t;
        return 1.0 - u * u * u;
    }
    double at(qint64 now) const { return from + (to - from) * progress(now); }
    bool settled(qint64 now) const { return durationMs <= 0 || now >= startMs + durationMs || from == to; }

    // Heads for `target` from wherever the value is at `now`. A no-op if already heading there.
    void retarget(double target, qint64 now, int duration)
    {
        if (target == to)
            return;
        from = at(now);
        to = target;
        startMs = now;
        durationMs = duration;
    }
    // Jumps without animation.
    void set(double value)
    {
        from = to = value;
        durationMs = 0;
    }
};

} // namespace tidemark
