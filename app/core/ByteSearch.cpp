#include "core/ByteSearch.h"

#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#define TIDEMARK_BYTESEARCH_SSE2 1
#include <emmintrin.h>
#endif

namespace tidemark {

namespace {

// Positions [from, last] one by one: memchr for the first byte, memcmp for the rest.
qsizetype scalarFind(const char *hay, qsizetype from, qsizetype last, const char *needle, qsizetype k)
{
    const char first = needle[0];
    qsizetype i = from;
    while (i <= last) {
        const void *hit = std::memchr(hay + i, static_cast<unsigned char>(first), size_t(last - i + 1));
        if (!hit)
            return -1;
        i = static_cast<const char *>(hit) - hay;
        if (std::memcmp(hay + i + 1, needle + 1, size_t(k - 1)) == 0)
            return i;
        ++i;
    }
    return -1;
}

int countTrailingZeros(unsigned mask)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctz(mask);
#else
    int n = 0;
    while (!(mask & 1u)) {
        mask >>= 1;
        ++n;
    }
    return n;
#endif
}

} // namespace

qsizetype ByteFinder::indexIn(QByteArrayView haystack) const
{
    const qsizetype k = m_needle.size();
    const qsizetype n = haystack.size();
    if (k == 0)
        return 0;
    if (k > n)
        return -1;
    const char *hay = haystack.data();
    const char *needle = m_needle.constData();
    if (k == 1) {
        const void *hit = std::memchr(hay, static_cast<unsigned char>(needle[0]), size_t(n));
        return hit ? static_cast<const char *>(hit) - hay : -1;
    }
    const qsizetype last = n - k; // the last position the needle can start at
    qsizetype i = 0;
#ifdef TIDEMARK_BYTESEARCH_SSE2
    // Block at i: candidates i .. i + 15; it reads hay[i .. i + 15] and hay[i + k - 1 .. i + k + 14],
    // all inside the haystack while i + k + 15 <= n.
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i lastByte = _mm_set1_epi8(needle[k - 1]);
    for (; i + k + 15 <= n; i += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(hay + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(hay + i + k - 1));
        unsigned mask =
            unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, lastByte))));
        while (mask) {
            const qsizetype at = i + countTrailingZeros(mask);
            if (std::memcmp(hay + at + 1, needle + 1, size_t(k - 2)) == 0)
                return at;
            mask &= mask - 1;
        }
    }
#endif
    return scalarFind(hay, i, last, needle, k);
}

} // namespace tidemark
