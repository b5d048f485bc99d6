#include "logbroker/Crc32c.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <QtEndian>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TIDEMARK_CRC32C_X86 1
#include <nmmintrin.h>
#endif

namespace tidemark::logbroker {

namespace {

constexpr quint32 kPolynomial = 0x82F63B78u; // Castagnoli, reflected

using Tables = std::array<std::array<quint32, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
        t[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFFu];
    }
    return t;
}

constexpr Tables kTables = makeTables();

quint32 extendSoftwareRaw(quint32 crc, const unsigned char *p, size_t n)
{
    // Slicing-by-8: eight table lookups per 8 input bytes.
    while (n >= 8) {
        quint32 lo;
        quint32 hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
#if Q_BYTE_ORDER == Q_BIG_ENDIAN
        lo = qbswap(lo);
        hi = qbswap(hi);
#endif
        lo ^= crc;
        crc = kTables[7][lo & 0xFF] ^ kTables[6][(lo >> 8) & 0xFF] ^ kTables[5][(lo >> 16) & 0xFF] ^
              kTables[4][lo >> 24] ^ kTables[3][hi & 0xFF] ^ kTables[2][(hi >> 8) & 0xFF] ^
              kTables[1][(hi >> 16) & 0xFF] ^ kTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xFFu];
    return crc;
}

#ifdef TIDEMARK_CRC32C_X86
// CRC of the last 0-7 bytes: at most three dependent instructions instead of seven.
__attribute__((target("sse4.2"))) quint32 tailHardware(quint32 c, const unsigned char *p, size_t n)
{
    if (n & 4) {
        quint32 v;
        std::memcpy(&v, p, 4);
        c = _mm_crc32_u32(c, v);
        p += 4;
    }
    if (n & 2) {
        quint16 v;
        std::memcpy(&v, p, 2);
        c = _mm_crc32_u16(c, v);
        p += 2;
    }
    if (n & 1)
        c = _mm_crc32_u8(c, *p);
    return c;
}

__attribute__((target("sse4.2"))) quint32 extendHardwareRaw(quint32 crc, const unsigned char *p, size_t n)
{
    quint64 c = crc;
    while (n >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        n -= 8;
    }
    return tailHardware(static_cast<quint32>(c), p, n);
}

// Many buffers through three lanes: the crc32 instruction has a latency of three cycles and
// a throughput of one, so three independent chains keep it busy. Each lane takes the next
// buffer as soon as its current one is done, so buffers of different lengths do not leave
// lanes idle (records are 100 to 400 bytes; pairing them three by three left the longest
// one running alone).
__attribute__((target("sse4.2"))) void manyHardware(const char *const *data, const size_t *lengths, quint32 *crcs,
                                                    size_t count)
{
    struct Lane {
        const unsigned char *p = nullptr;
        size_t n = 0;
        quint64 c = 0;
        size_t index = 0;
        bool busy = false;
    };
    Lane lanes[3];
    size_t next = 0;
    auto refill = [&](Lane &lane) {
        lane.busy = next < count;
        if (!lane.busy)
            return;
        lane.p = reinterpret_cast<const unsigned char *>(data[next]);
        lane.n = lengths[next];
        lane.c = 0xFFFFFFFFu;
        lane.index = next++;
    };
    auto finish = [&](Lane &lane) {
        crcs[lane.index] = ~tailHardware(static_cast<quint32>(lane.c), lane.p, lane.n);
        refill(lane);
    };
    for (Lane &lane : lanes)
        refill(lane);
    while (lanes[0].busy && lanes[1].busy && lanes[2].busy) {
        // All three lanes run for as many 8-byte words as the shortest one has left.
        const size_t words = std::min({lanes[0].n, lanes[1].n, lanes[2].n}) / 8;
        const unsigned char *p0 = lanes[0].p, *p1 = lanes[1].p, *p2 = lanes[2].p;
        quint64 c0 = lanes[0].c, c1 = lanes[1].c, c2 = lanes[2].c;
        for (size_t k = 0; k < words; ++k) {
            quint64 v0, v1, v2;
            std::memcpy(&v0, p0 + 8 * k, 8);
            std::memcpy(&v1, p1 + 8 * k, 8);
            std::memcpy(&v2, p2 + 8 * k, 8);
            c0 = _mm_crc32_u64(c0, v0);
            c1 = _mm_crc32_u64(c1, v1);
            c2 = _mm_crc32_u64(c2, v2);
        }
        lanes[0].c = c0, lanes[1].c = c1, lanes[2].c = c2;
        for (Lane &lane : lanes) {
            lane.p += 8 * words;
            lane.n -= 8 * words;
            if (lane.n < 8)
                finish(lane);
        }
    }
    for (Lane &lane : lanes) {
        while (lane.busy) {
            lane.c = extendHardwareRaw(static_cast<quint32>(lane.c), lane.p, lane.n);
            lane.n = 0;
            crcs[lane.index] = ~static_cast<quint32>(lane.c);
            refill(lane);
        }
    }
}

// The bytes of a big-endian word, read as the little-endian word crc32 takes, are the
// word byte-swapped.
__attribute__((target("sse4.2"))) quint32 wordsHardware(const quint64 *words, size_t count)
{
    quint64 c = 0xFFFFFFFFu;
    for (size_t i = 0; i < count; ++i)
        c = _mm_crc32_u64(c, qbswap(words[i]));
    return ~static_cast<quint32>(c);
}

bool detectHardware()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
#endif

} // namespace

bool crc32cHardwareAvailable()
{
#ifdef TIDEMARK_CRC32C_X86
    static const bool available = detectHardware(); // immutable after first use
    return available;
#else
    return false;
#endif
}

quint32 crc32cExtendSoftware(quint32 crc, const void *data, size_t length)
{
    return ~extendSoftwareRaw(~crc, static_cast<const unsigned char *>(data), length);
}

quint32 crc32cExtendHardware(quint32 crc, const void *data, size_t length)
{
#ifdef TIDEMARK_CRC32C_X86
    if (crc32cHardwareAvailable())
        return ~extendHardwareRaw(~crc, static_cast<const unsigned char *>(data), length);
#endif
    return crc32cExtendSoftware(crc, data, length);
}

quint32 crc32cExtend(quint32 crc, const void *data, size_t length)
{
#ifdef TIDEMARK_CRC32C_X86
    if (crc32cHardwareAvailable())
        return ~extendHardwareRaw(~crc, static_cast<const unsigned char *>(data), length);
#endif
    return ~extendSoftwareRaw(~crc, static_cast<const unsigned char *>(data), length);
}

quint32 crc32c(const void *data, size_t length) { return crc32cExtend(0, data, length); }

quint32 crc32cOfBigEndianWords(const quint64 *words, size_t count)
{
#ifdef TIDEMARK_CRC32C_X86
    if (crc32cHardwareAvailable())
        return wordsHardware(words, count);
#endif
    quint32 crc = 0;
    for (size_t i = 0; i < count; ++i) {
        unsigned char bytes[8];
        qToBigEndian(words[i], bytes);
        crc = crc32cExtendSoftware(crc, bytes, sizeof bytes);
    }
    return crc;
}

void crc32cMany(const char *const *data, const size_t *lengths, quint32 *crcs, size_t count)
{
#ifdef TIDEMARK_CRC32C_X86
    if (crc32cHardwareAvailable() && count >= 3) {
        manyHardware(data, lengths, crcs, count);
        return;
    }
#endif
    for (size_t i = 0; i < count; ++i)
        crcs[i] = crc32c(data[i], lengths[i]);
}

} // namespace tidemark::logbroker
