#pragma once

// An injectable wall clock, so the UI and its tests can show fixed timestamps.
//
// A Clock returns milliseconds since the Unix epoch. It must be callable from any thread
// (producer jobs stamp records on their worker thread), so a clock must not touch
// thread-affine state; the system clock and a test's constant or atomic-counter clocks are
// both fine.

#include <QDateTime>

#include <functional>

namespace tidemark {

using Clock = std::function<qint64()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

} // namespace tidemark
