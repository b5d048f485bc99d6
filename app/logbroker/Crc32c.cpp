#include "logbroker/Crc32c.h"

#include <array>
#include <cstring>

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
    quint32 c32 = static_cast<quint32>(c);
    while (n--)
        c32 = _mm_crc32_u8(c32, *p++);
    return c32;
}

__attribute__((target("sse4.2"))) void threeHardware(const char *const *data, const size_t *lengths, quint32 *crcs)
{
    const unsigned char *p0 = reinterpret_cast<const unsigned char *>(data[0]);
    const unsigned char *p1 = reinterpret_cast<const unsigned char *>(data[1]);
    const unsigned char *p2 = reinterpret_cast<const unsigned char *>(data[2]);
    size_t n0 = lengths[0], n1 = lengths[1], n2 = lengths[2];
    quint64 c0 = 0xFFFFFFFFu, c1 = 0xFFFFFFFFu, c2 = 0xFFFFFFFFu;
    // Three independent dependency chains keep the crc32 unit busy every cycle.
    while (n0 >= 8 && n1 >= 8 && n2 >= 8) {
        quint64 v0, v1, v2;
        std::memcpy(&v0, p0, 8);
        std::memcpy(&v1, p1, 8);
        std::memcpy(&v2, p2, 8);
        c0 = _mm_crc32_u64(c0, v0);
        c1 = _mm_crc32_u64(c1, v1);
        c2 = _mm_crc32_u64(c2, v2);
        p0 += 8, p1 += 8, p2 += 8;
        n0 -= 8, n1 -= 8, n2 -= 8;
    }
    crcs[0] = ~extendHardwareRaw(static_cast<quint32>(c0), p0, n0);
    crcs[1] = ~extendHardwareRaw(static_cast<quint32>(c1), p1, n1);
    crcs[2] = ~extendHardwareRaw(static_cast<quint32>(c2), p2, n2);
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

void crc32cMany(const char *const *data, const size_t *lengths, quint32 *crcs, size_t count)
{
    size_t i = 0;
#ifdef TIDEMARK_CRC32C_X86
    if (crc32cHardwareAvailable()) {
        for (; i + 3 <= count; i += 3)
            threeHardware(data + i, lengths + i, crcs + i);
    }
#endif
    for (; i < count; ++i)
        crcs[i] = crc32c(data[i], lengths[i]);
}

} // namespace tidemark::logbroker
