#pragma once

// Kafka's record batch format, magic v2 (KIP-98), the only one the listener accepts (as
// Kafka 4 does) and the one it serves:
//
//   baseOffset int64, batchLength int32, partitionLeaderEpoch int32, magic int8 (2),
//   crc uint32 (CRC-32C of attributes .. end), attributes int16 (bits 0-2 compression,
//   bit 3 log-append time, bit 4 transactional, bit 5 control), lastOffsetDelta int32,
//   baseTimestamp int64, maxTimestamp int64, producerId int64, producerEpoch int16,
//   baseSequence int32, recordCount int32, then the records (compressed as a whole):
//   length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
//   keyLength varint (-1 null), key, valueLength varint (-1 null), value,
//   headerCount varint, headers (keyLength varint, key, valueLength varint (-1 null), value).
//
// Threading: pure functions and values.

#include "core/Record.h"

#include "kafkaserver/protocol/Compression.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace tidemark::kafkaserver::protocol {

inline constexpr qint64 kBatchHeaderSize = 61;
inline constexpr qint64 kBatchOverheadBeforeCrc = 21; // baseOffset .. crc (where the crc coverage starts)
inline constexpr int kAttrCompressionMask = 0x07;
inline constexpr int kAttrLogAppendTime = 0x08;
inline constexpr int kAttrTransactional = 0x10;
inline constexpr int kAttrControl = 0x20;

struct BatchHeader {
    qint64 baseOffset = 0;
    qint32 batchLength = 0;
    qint32 partitionLeaderEpoch = -1;
    qint8 magic = 2;
    quint32 crc = 0;
    qint16 attributes = 0;
    qint32 lastOffsetDelta = 0;
    qint64 baseTimestamp = 0;
    qint64 maxTimestamp = 0;
    qint64 producerId = -1;
    qint16 producerEpoch = -1;
    qint32 baseSequence = -1;
    qint32 recordCount = 0;

    Codec codec() const { return static_cast<Codec>(attributes & kAttrCompressionMask); }
    bool idempotent() const { return producerId >= 0; }
};

struct DecodedBatch {
    BatchHeader header;
    std::vector<OutgoingRecord> records; // timestamps resolved (create time, or 0 for log-append time)
    qint64 wireBytes = 0;                // the batch's size on the wire
};

// Why a produce's records were refused: the Kafka error code to answer and a sentence for the log.
struct BatchError {
    qint16 errorCode = 0;
    QString message;
};

// Decodes every batch in a Produce request's records field. Checks the magic, the CRC, the
// lengths and the record count; decompresses with the batch's codec. maxDecoded bounds the
// memory the decoded batches take together: decompressed bytes plus kDecodedRecordOverhead per
// record (a few compressed bytes can stand for millions of empty records, each an
// OutgoingRecord); past it, RECORD_LIST_TOO_LARGE.
struct DecodeOutcome {
    std::vector<DecodedBatch> batches;
    std::optional<BatchError> error;
};
inline constexpr qint64 kDecodedRecordOverhead = qint64(sizeof(OutgoingRecord));
DecodeOutcome decodeBatches(const char *data, qint64 size, qint64 maxDecoded);

// Builds one uncompressed v2 batch from records in offset order (a Fetch response).
class BatchBuilder {
public:
    explicit BatchBuilder(QByteArray &out) : m_out(out) {}
    // Starts a batch at the end of `out`.
    void begin(qint64 baseOffset, qint64 baseTimestamp);
    // headers: the built-in broker's encoding (count int32, then per header keyLength int32,
    // key, valueLength int32 (-1: null), value), as a FrameView points at it.
    void add(qint64 offset, qint64 timestampMs, const char *key, qint32 keyLength, const char *value,
             qint32 valueLength, qint32 headerCount, const char *headers, qint64 headersLength);
    // Fills in the header and CRC. Returns the batch's size.
    qint64 finish();
    int count() const { return m_count; }
    bool open() const { return m_start >= 0; }
    // An upper bound of the bytes add() appends for a record of these sizes.
    static qint64 recordSizeBound(qint32 keyLength, qint32 valueLength, qint64 headersLength, qint32 headerCount);

private:
    QByteArray &m_out;
    qsizetype m_start = -1;
    qint64 m_baseOffset = 0;
    qint64 m_baseTimestamp = 0;
    qint64 m_maxTimestamp = 0;
    qint64 m_lastOffset = 0;
    int m_count = 0;
};

// Encodes OutgoingRecords as one batch (tests, the fuzz corpus, the benchmark's client side).
QByteArray encodeBatch(const std::vector<OutgoingRecord> &records, qint64 baseOffset, Codec codec,
                       qint64 producerId = -1, qint16 producerEpoch = -1, qint32 baseSequence = -1);

} // namespace tidemark::kafkaserver::protocol
