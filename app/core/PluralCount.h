#pragma once

// The number to give tr()'s plural forms (`tr("%1 records", nullptr, pluralCount(n))`) for a
// count that may not fit an int. A language picks its form from the count's last digits
// (Russian: 1, 21 / 2-4, 22 / 5-20, 25) and from its being more than one, so the last six
// digits are kept and a large count stays large.
//
// Thread: any (a pure function).

#include <QtGlobal>

namespace tidemark {

constexpr int pluralCount(qint64 count)
{
    if (count < 0)
        return 0;
    return count <= 1'000'000 ? int(count) : int(count % 1'000'000) + 1'000'000;
}

} // namespace tidemark
