#pragma once

// What people type in the message table's "from" and "to" boxes: an offset ("120"), a
// date and time ("2024-05-01 12:00", seconds and milliseconds optional, local time), a time
// of day ("12:30:05", today), or a span back from now ("-5m", "-2h", "-1d", "-30s").

#include "core/Result.h"

#include <QString>

#include <optional>

namespace tidemark {

struct RangeBound {
    std::optional<qint64> offset;
    std::optional<qint64> timeMs;
    bool isEmpty() const { return !offset && !timeMs; }
};

// `nowMs` anchors "today" and "-5m". Empty text is an empty bound. Errors say what was
// expected.
Result<RangeBound> parseRangeBound(const QString &text, qint64 nowMs);

} // namespace tidemark
