#pragma once

// The compression codecs of Kafka record batches (attributes bits 0-2): gzip (zlib), snappy
// (raw, or the xerial framing the Java client writes), lz4 (the LZ4 frame format) and zstd,
// through Debian's libraries. Decompression stops at `maxOutput` bytes, so a small hostile
// batch cannot inflate into all of memory.
//
// Threading: pure functions.

#include "core/Result.h"

#include <QByteArray>

namespace tidemark::kafkaserver::protocol {

enum class Codec : int { None = 0, Gzip = 1, Snappy = 2, Lz4 = 3, Zstd = 4 };
inline constexpr int kCodecCount = 5;

const char *codecName(Codec codec); // "none", "gzip", "snappy", "lz4", "zstd"

Result<QByteArray> decompress(Codec codec, const char *data, qsizetype size, qsizetype maxOutput);
// For tests and the fuzz target's corpus: the same formats the clients write.
Result<QByteArray> compress(Codec codec, const QByteArray &data);

} // namespace tidemark::kafkaserver::protocol
