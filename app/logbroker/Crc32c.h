#pragma once

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum Kafka's record
// batches use. Check value: crc32c("123456789") == 0xE3069283.
//
// Two implementations with identical results: a portable slicing-by-8 table version and,
// on x86-64 CPUs with SSE4.2, the crc32 instruction (chosen at run time). Both are pure
// functions of their input: thread-safe, no global mutable state (the tables are constexpr).

#include <QtGlobal>

#include <cstddef>

namespace tidemark::logbroker {

// CRC-32C of `length` bytes.
quint32 crc32c(const void *data, size_t length);
// Continues a CRC: crc32c(a ++ b) == crc32cExtend(crc32c(a), b).
quint32 crc32cExtend(quint32 crc, const void *data, size_t length);

// CRC-32C of several independent buffers at once: crcs[i] = crc32c(data[i], lengths[i]). With
// the crc32 instruction three buffers are in flight at any time (the instruction's latency
// is three times its throughput; a lane that finishes takes the next buffer at once), about
// three times faster than one after the other.
void crc32cMany(const char *const *data, const size_t *lengths, quint32 *crcs, size_t count);

// CRC-32C of `count` 64-bit words stored big-endian, one after the other (what a partition
// head's fields are on disk), without first writing them out as bytes.
quint32 crc32cOfBigEndianWords(const quint64 *words, size_t count);

// The individual implementations, for tests and the benchmark.
quint32 crc32cExtendSoftware(quint32 crc, const void *data, size_t length);
bool crc32cHardwareAvailable();
// Only call when crc32cHardwareAvailable(); falls back to software otherwise.
quint32 crc32cExtendHardware(quint32 crc, const void *data, size_t length);

} // namespace tidemark::logbroker
