#include "kafkaserver/protocol/RecordBatch.h"

#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Wire.h"
#include "logbroker/Crc32c.h"

#include <cstring>

namespace tidemark::kafkaserver::protocol {

namespace {

BatchError batchError(KafkaError e, const QString &message) { return BatchError{code(e), message}; }

// Reads the records of one (decompressed) batch body.
std::optional<BatchError> decodeRecords(const char *data, qint64 size, const BatchHeader &h,
                                        std::vector<OutgoingRecord> &out)
{
    WireReader r(data, size);
    out.reserve(static_cast<size_t>(std::min<qint64>(h.recordCount, size)));
    const bool logAppendTime = (h.attributes & kAttrLogAppendTime) != 0;
    for (qint32 i = 0; i < h.recordCount; ++i) {
        const qint32 length = r.readVarint();
        if (!r.ok() || length < 0 || length > r.remaining())
            return batchError(KafkaError::CorruptMessage,
                              QStringLiteral("record %1 of %2: bad length %3").arg(i).arg(h.recordCount).arg(length));
        WireReader rec(r.take(length), length);
        OutgoingRecord record;
        rec.readInt8(); // attributes: unused
        const qint64 timestampDelta = rec.readVarlong();
        const qint32 offsetDelta = rec.readVarint();
        if (offsetDelta != i)
            return batchError(KafkaError::InvalidRecord,
                              QStringLiteral("record %1 has offset delta %2").arg(i).arg(offsetDelta));
        // Wrapping addition: a hostile delta must not be undefined behaviour.
        record.timestampMs =
            logAppendTime
                ? 0
                : static_cast<qint64>(static_cast<quint64>(h.baseTimestamp) + static_cast<quint64>(timestampDelta));
        const qint32 keyLength = rec.readVarint();
        if (keyLength >= 0) {
            const char *key = rec.take(keyLength);
            if (key)
                record.key = QByteArray(key, keyLength);
        } else if (keyLength != -1) {
            rec.fail(QStringLiteral("key length %1").arg(keyLength));
        }
        const qint32 valueLength = rec.readVarint();
        if (valueLength >= 0) {
            const char *value = rec.take(valueLength);
            if (value)
                record.value = QByteArray(value, valueLength);
        } else if (valueLength == -1) {
            record.value = std::nullopt; // a tombstone, stored as one (frame format 2)
        } else {
            rec.fail(QStringLiteral("value length %1").arg(valueLength));
        }
        const qint32 headerCount = rec.readVarint();
        if (headerCount < 0 || headerCount > rec.remaining())
            rec.fail(QStringLiteral("header count %1").arg(headerCount));
        for (qint32 k = 0; k < headerCount && rec.ok(); ++k) {
            Header header;
            const qint32 hk = rec.readVarint();
            const char *hkey = hk >= 0 ? rec.take(hk) : nullptr;
            if (hk < 0)
                rec.fail(QStringLiteral("header key length %1").arg(hk));
            else if (hkey)
                header.key = QByteArray(hkey, hk);
            const qint32 hv = rec.readVarint();
            if (hv >= 0) {
                const char *hvalue = rec.take(hv);
                if (hvalue)
                    header.value = QByteArray(hvalue, hv);
            } else if (hv != -1) {
                rec.fail(QStringLiteral("header value length %1").arg(hv));
            }
            record.headers.push_back(std::move(header));
        }
        if (!rec.ok())
            return batchError(KafkaError::CorruptMessage, QStringLiteral("record %1: %2").arg(i).arg(rec.error()));
        if (rec.remaining() != 0)
            return batchError(KafkaError::CorruptMessage,
                              QStringLiteral("record %1: %2 bytes after its headers").arg(i).arg(rec.remaining()));
        out.push_back(std::move(record));
    }
    if (r.remaining() != 0)
        return batchError(
            KafkaError::CorruptMessage,
            QStringLiteral("%1 bytes after the batch's %2 records").arg(r.remaining()).arg(h.recordCount));
    return std::nullopt;
}

} // namespace

DecodeOutcome decodeBatches(const char *data, qint64 size, qint64 maxDecoded)
{
    DecodeOutcome outcome;
    qint64 pos = 0;
    qint64 budget = maxDecoded; // memory the decoded batches may still take
    while (pos < size) {
        if (size - pos < 17) {
            outcome.error = batchError(KafkaError::CorruptMessage,
                                       QStringLiteral("%1 stray bytes after the last batch").arg(size - pos));
            return outcome;
        }
        const char *p = data + pos;
        BatchHeader h;
        h.baseOffset = getInt64(p);
        h.batchLength = getInt32(p + 8);
        h.partitionLeaderEpoch = getInt32(p + 12);
        h.magic = static_cast<qint8>(p[16]);
        if (h.magic != 2) {
            outcome.error = batchError(KafkaError::UnsupportedForMessageFormat,
                                       QStringLiteral("message format v%1 (only record batches v2 are accepted, as "
                                                      "on Kafka 4; upgrade the client)")
                                           .arg(h.magic));
            return outcome;
        }
        if (h.batchLength < kBatchHeaderSize - 12 || h.batchLength > size - pos - 12) {
            outcome.error = batchError(
                KafkaError::CorruptMessage,
                QStringLiteral("batch length %1 with %2 bytes left").arg(h.batchLength).arg(size - pos - 12));
            return outcome;
        }
        const qint64 total = 12 + static_cast<qint64>(h.batchLength);
        h.crc = static_cast<quint32>(getInt32(p + 17));
        const quint32 computed =
            logbroker::crc32c(p + kBatchOverheadBeforeCrc, static_cast<size_t>(total - kBatchOverheadBeforeCrc));
        if (computed != h.crc) {
            outcome.error = batchError(KafkaError::CorruptMessage,
                                       QStringLiteral("batch at byte %1 fails its CRC (stored %2, computed %3)")
                                           .arg(pos)
                                           .arg(h.crc, 8, 16, QLatin1Char('0'))
                                           .arg(computed, 8, 16, QLatin1Char('0')));
            return outcome;
        }
        h.attributes = getInt16(p + 21);
        h.lastOffsetDelta = getInt32(p + 23);
        h.baseTimestamp = getInt64(p + 27);
        h.maxTimestamp = getInt64(p + 35);
        h.producerId = getInt64(p + 43);
        h.producerEpoch = getInt16(p + 51);
        h.baseSequence = getInt32(p + 53);
        h.recordCount = getInt32(p + 57);
        if (h.attributes & kAttrControl) {
            outcome.error =
                batchError(KafkaError::InvalidRecord, QStringLiteral("control batches are not accepted from clients"));
            return outcome;
        }
        if (h.recordCount <= 0 || h.lastOffsetDelta != h.recordCount - 1) {
            outcome.error =
                batchError(KafkaError::InvalidRecord, QStringLiteral("batch of %1 records with last offset delta %2")
                                                          .arg(h.recordCount)
                                                          .arg(h.lastOffsetDelta));
            return outcome;
        }
        const int codecBits = h.attributes & kAttrCompressionMask;
        if (codecBits >= kCodecCount) {
            outcome.error = batchError(KafkaError::UnsupportedCompressionType,
                                       QStringLiteral("unknown compression codec %1").arg(codecBits));
            return outcome;
        }
        budget -= qint64(h.recordCount) * kDecodedRecordOverhead;
        if (budget < 0) {
            outcome.error = batchError(KafkaError::RecordListTooLarge,
                                       QStringLiteral("the produce's batches hold more records than %1 MiB of memory "
                                                      "allow (batch at byte %2 has %3)")
                                           .arg(maxDecoded >> 20)
                                           .arg(pos)
                                           .arg(h.recordCount));
            return outcome;
        }
        DecodedBatch batch;
        batch.header = h;
        batch.wireBytes = total;
        const char *body = p + kBatchHeaderSize;
        const qint64 bodySize = total - kBatchHeaderSize;
        std::optional<BatchError> failure;
        if (h.codec() == Codec::None) {
            failure = decodeRecords(body, bodySize, h, batch.records);
        } else {
            auto plain = decompress(h.codec(), body, bodySize, budget);
            if (!plain) {
                outcome.error =
                    batchError(plain.error().code == ErrorCode::InvalidArgument ? KafkaError::RecordListTooLarge
                                                                                : KafkaError::CorruptMessage,
                               plain.error().message);
                return outcome;
            }
            budget -= plain->size();
            failure = decodeRecords(plain->constData(), plain->size(), h, batch.records);
        }
        if (failure) {
            outcome.error = failure;
            return outcome;
        }
        outcome.batches.push_back(std::move(batch));
        pos += total;
    }
    if (outcome.batches.empty())
        outcome.error = batchError(KafkaError::InvalidRecord, QStringLiteral("a produce without records"));
    return outcome;
}

void BatchBuilder::begin(qint64 baseOffset, qint64 baseTimestamp)
{
    m_start = m_out.size();
    m_baseOffset = baseOffset;
    m_baseTimestamp = baseTimestamp;
    m_maxTimestamp = baseTimestamp;
    m_lastOffset = baseOffset;
    m_count = 0;
    m_out.resize(m_start + kBatchHeaderSize);
}

qint64 BatchBuilder::recordSizeBound(qint32 keyLength, qint32 valueLength, qint64 headersLength, qint32 headerCount)
{
    // length(5) attributes(1) timestampDelta(10) offsetDelta(5) keyLength(5) valueLength(5)
    // headerCount(5); the headers shrink (int32 lengths become varints of at most 5 bytes).
    return 36 + std::max(0, keyLength) + std::max(0, valueLength) + headersLength + qint64(headerCount) * 2;
}

void BatchBuilder::add(qint64 offset, qint64 timestampMs, const char *key, qint32 keyLength, const char *value,
                       qint32 valueLength, qint32 headerCount, const char *headers, qint64 headersLength)
{
    Q_UNUSED(headersLength);
    // The body first, into a small scratch of the varint fields, then the length prefix.
    QByteArray &out = m_out;
    const qint64 tsDelta =
        static_cast<qint64>(static_cast<quint64>(timestampMs) - static_cast<quint64>(m_baseTimestamp));
    const qint32 offsetDelta = static_cast<qint32>(offset - m_baseOffset);
    qint64 bodyLength = 1 + varlongSize(tsDelta) + varintSize(offsetDelta);
    bodyLength += key ? varintSize(keyLength) + keyLength : 1;
    bodyLength += value ? varintSize(valueLength) + valueLength : 1;
    bodyLength += varintSize(headerCount);
    // Headers: walk the built-in broker's encoding once to size them, once to copy.
    const char *h = headers;
    for (qint32 i = 0; i < headerCount; ++i) {
        const qint32 kl = getInt32(h);
        h += 4 + kl;
        const qint32 vl = getInt32(h);
        h += 4 + std::max(0, vl);
        bodyLength += varintSize(kl) + kl + (vl >= 0 ? varintSize(vl) + vl : 1);
    }
    const qsizetype at = out.size();
    out.reserve(at + varintSize(static_cast<qint32>(bodyLength)) + bodyLength);
    appendVarint(out, static_cast<qint32>(bodyLength));
    out.append('\0');
    appendVarlong(out, tsDelta);
    appendVarint(out, offsetDelta);
    if (key) {
        appendVarint(out, keyLength);
        out.append(key, keyLength);
    } else {
        appendVarint(out, -1);
    }
    if (value) {
        appendVarint(out, valueLength);
        out.append(value, valueLength);
    } else {
        appendVarint(out, -1);
    }
    appendVarint(out, headerCount);
    h = headers;
    for (qint32 i = 0; i < headerCount; ++i) {
        const qint32 kl = getInt32(h);
        appendVarint(out, kl);
        out.append(h + 4, kl);
        h += 4 + kl;
        const qint32 vl = getInt32(h);
        appendVarint(out, vl);
        if (vl >= 0)
            out.append(h + 4, vl);
        h += 4 + std::max(0, vl);
    }
    Q_UNUSED(at);
    m_maxTimestamp = std::max(m_maxTimestamp, timestampMs);
    m_lastOffset = offset;
    ++m_count;
}

qint64 BatchBuilder::finish()
{
    char *p = m_out.data() + m_start;
    const qint64 total = m_out.size() - m_start;
    putInt64(p, m_baseOffset);
    putInt32(p + 8, static_cast<qint32>(total - 12));
    putInt32(p + 12, 0); // partition leader epoch
    p[16] = 2;
    putInt16(p + 21, 0); // attributes: uncompressed, create time
    putInt32(p + 23, static_cast<qint32>(m_lastOffset - m_baseOffset));
    putInt64(p + 27, m_baseTimestamp);
    putInt64(p + 35, m_maxTimestamp);
    putInt64(p + 43, -1);
    putInt16(p + 51, -1);
    putInt32(p + 53, -1);
    putInt32(p + 57, m_count);
    putInt32(p + 17, static_cast<qint32>(logbroker::crc32c(p + kBatchOverheadBeforeCrc,
                                                           static_cast<size_t>(total - kBatchOverheadBeforeCrc))));
    m_start = -1;
    return total;
}

QByteArray encodeBatch(const std::vector<OutgoingRecord> &records, qint64 baseOffset, Codec codec, qint64 producerId,
                       qint16 producerEpoch, qint32 baseSequence)
{
    QByteArray body;
    const qint64 baseTimestamp = records.empty() ? 0 : records.front().timestampMs;
    qint64 maxTimestamp = baseTimestamp;
    for (size_t i = 0; i < records.size(); ++i) {
        const OutgoingRecord &r = records[i];
        QByteArray rec;
        rec.append('\0');
        appendVarlong(rec, r.timestampMs - baseTimestamp);
        appendVarint(rec, static_cast<qint32>(i));
        if (r.key) {
            appendVarint(rec, static_cast<qint32>(r.key->size()));
            rec.append(*r.key);
        } else {
            appendVarint(rec, -1);
        }
        if (r.value) {
            appendVarint(rec, static_cast<qint32>(r.value->size()));
            rec.append(*r.value);
        } else {
            appendVarint(rec, -1);
        }
        appendVarint(rec, static_cast<qint32>(r.headers.size()));
        for (const Header &h : r.headers) {
            appendVarint(rec, static_cast<qint32>(h.key.size()));
            rec.append(h.key);
            if (h.value) {
                appendVarint(rec, static_cast<qint32>(h.value->size()));
                rec.append(*h.value);
            } else {
                appendVarint(rec, -1);
            }
        }
        appendVarint(body, static_cast<qint32>(rec.size()));
        body.append(rec);
        maxTimestamp = std::max(maxTimestamp, r.timestampMs);
    }
    QByteArray payload = codec == Codec::None ? body : compress(codec, body).valueOr(QByteArray());
    QByteArray out(kBatchHeaderSize, '\0');
    out.append(payload);
    char *p = out.data();
    putInt64(p, baseOffset);
    putInt32(p + 8, static_cast<qint32>(out.size() - 12));
    putInt32(p + 12, -1);
    p[16] = 2;
    putInt16(p + 21, static_cast<qint16>(codec));
    putInt32(p + 23, static_cast<qint32>(records.size()) - 1);
    putInt64(p + 27, baseTimestamp);
    putInt64(p + 35, maxTimestamp);
    putInt64(p + 43, producerId);
    putInt16(p + 51, producerEpoch);
    putInt32(p + 53, baseSequence);
    putInt32(p + 57, static_cast<qint32>(records.size()));
    putInt32(p + 17, static_cast<qint32>(logbroker::crc32c(p + kBatchOverheadBeforeCrc,
                                                           static_cast<size_t>(out.size() - kBatchOverheadBeforeCrc))));
    return out;
}

} // namespace tidemark::kafkaserver::protocol
