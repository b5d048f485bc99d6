#pragma once

// Finding a byte string inside another: what the filter language's `contains` runs for every
// record of a scan (millions a second), so it is searched in place, with no allocation.
// On x86-64 (SSE2, part of the baseline) 16 candidate positions are tested at once: a
// position is a candidate when both the needle's first and last bytes are there, and only
// candidates are compared in full (W. Muła's "SIMD-friendly algorithms for substring
// searching"). Elsewhere: memchr for the first byte, then memcmp. Never reads outside the
// haystack.
//
// Immutable once built: indexIn() may be called from any number of threads.

#include <QByteArray>
#include <QByteArrayView>

#include <utility>

namespace tidemark {

class ByteFinder {
public:
    ByteFinder() = default;
    explicit ByteFinder(QByteArray needle) : m_needle(std::move(needle)) {}

    const QByteArray &needle() const { return m_needle; }
    // Index of the first occurrence of the needle in `haystack`, or -1. An empty needle is
    // found at 0.
    qsizetype indexIn(QByteArrayView haystack) const;

private:
    QByteArray m_needle;
};

} // namespace tidemark
