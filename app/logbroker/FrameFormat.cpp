#include "logbroker/FrameFormat.h"

#include "logbroker/Crc32c.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace tidemark::logbroker {

namespace {

template <typename T>
void putBE(char *p, T v)
{
    qToBigEndian(v, p);
}

template <typename T>
T getBE(const char *p)
{
    return qFromBigEndian<T>(p);
}

qint64 headersSize(const std::vector<Header> &headers)
{
    qint64 n = 4;
    for (const Header &h : headers)
        n += 4 + h.key.size() + 4 + (h.value ? h.value->size() : 0);
    return n;
}

static_assert(kFrameBodyStart == 16 && kFrameCrcStart == 12, "encodeFrame writes the fixed fields in place");

} // namespace

qint64 encodedFrameSize(const OutgoingRecord &record)
{
    return kFramePrefixSize + 4 + 1 + 1 + 8 + 4 + payloadSize(record.key) + 4 + payloadSize(record.value) +
           headersSize(record.headers);
}

void appendFrame(QByteArray &out, qint64 offset, qint64 timestampMs, const OutgoingRecord &record)
{
    const qint64 size = encodedFrameSize(record);
    const qsizetype start = out.size();
    out.resize(start + static_cast<qsizetype>(size));
    encodeFrame(out.data() + start, size, offset, timestampMs, record);
}

void encodeFrame(char *f, qint64 size, qint64 offset, qint64 timestampMs, const OutgoingRecord &record, bool computeCrc)
{
    // Fixed fields are stored in place; the key and value are the only copies.
    putBE<qint64>(f, offset);
    putBE<qint32>(f + 8, static_cast<qint32>(size - kFramePrefixSize));
    // Format 1 for every frame with a value (unchanged since the first release); format 2 only
    // for a null value, which a format-1 reader must not mistake for anything it knows.
    f[16] = static_cast<char>(record.value ? kFrameMagic : kFrameMagicNullValue);
    f[17] = 0; // attributes
    putBE<qint64>(f + 18, timestampMs);
    char *p = f + 26;
    if (record.key) {
        const qsizetype keySize = record.key->size();
        putBE<qint32>(p, static_cast<qint32>(keySize));
        p += 4;
        if (keySize <= 16) {
            // Keys are short (a user id): a call to memcpy would cost more than the copy.
            const char *k = record.key->constData();
            for (qsizetype i = 0; i < keySize; ++i)
                p[i] = k[i];
        } else {
            std::memcpy(p, record.key->constData(), static_cast<size_t>(keySize));
        }
        p += keySize;
    } else {
        putBE<qint32>(p, -1);
        p += 4;
    }
    const qsizetype valueSize = payloadSize(record.value);
    putBE<qint32>(p, record.value ? static_cast<qint32>(valueSize) : -1);
    p += 4;
    if (valueSize > 0)
        std::memcpy(p, record.value->constData(), static_cast<size_t>(valueSize));
    p += valueSize;
    putBE<qint32>(p, static_cast<qint32>(record.headers.size()));
    p += 4;
    for (const Header &h : record.headers) {
        putBE<qint32>(p, static_cast<qint32>(h.key.size()));
        p += 4;
        if (!h.key.isEmpty())
            std::memcpy(p, h.key.constData(), static_cast<size_t>(h.key.size()));
        p += h.key.size();
        if (h.value) {
            putBE<qint32>(p, static_cast<qint32>(h.value->size()));
            p += 4;
            if (!h.value->isEmpty())
                std::memcpy(p, h.value->constData(), static_cast<size_t>(h.value->size()));
            p += h.value->size();
        } else {
            putBE<qint32>(p, -1);
            p += 4;
        }
    }
    Q_ASSERT(p - f == size);
    Q_UNUSED(size);
    if (computeCrc)
        putBE<quint32>(f + kFrameCrcStart, crc32c(f + kFrameBodyStart, static_cast<size_t>(p - (f + kFrameBodyStart))));
}

void sealFrames(char *frames, const qint64 *starts, size_t count)
{
    constexpr size_t kGroup = 48;
    const char *data[kGroup];
    size_t lengths[kGroup];
    quint32 crcs[kGroup];
    for (size_t at = 0; at < count; at += kGroup) {
        const size_t n = std::min(kGroup, count - at);
        for (size_t k = 0; k < n; ++k) {
            data[k] = frames + starts[at + k] + kFrameBodyStart;
            lengths[k] = static_cast<size_t>(starts[at + k + 1] - starts[at + k] - kFrameBodyStart);
        }
        crc32cMany(data, lengths, crcs, n);
        for (size_t k = 0; k < n; ++k)
            putBE<quint32>(frames + starts[at + k] + kFrameCrcStart, crcs[k]);
    }
}

void patchFrameOffset(char *frame, qint64 offset) { putBE<qint64>(frame, offset); }

QString frameStatusText(FrameStatus status)
{
    switch (status) {
    case FrameStatus::Ok: return QStringLiteral("ok");
    case FrameStatus::Incomplete: return QStringLiteral("incomplete frame (the file ends inside it)");
    case FrameStatus::BadLength: return QStringLiteral("impossible length field");
    case FrameStatus::BadCrc: return QStringLiteral("CRC mismatch");
    case FrameStatus::BadLayout: return QStringLiteral("inconsistent field lengths or unknown format version");
    case FrameStatus::NewerFormat: return QStringLiteral("written by a newer Tidemark (a newer frame format); upgrade");
    }
    return QStringLiteral("unknown");
}

QString newerFrameFormatText(qint8 magic)
{
    return QStringLiteral("written by a newer Tidemark (frame format %1; this one reads formats 1 to %2); upgrade "
                          "Tidemark to read it. The bytes are kept as they are")
        .arg(magic)
        .arg(kFrameNewestMagic);
}

FrameStatus peekFrame(const char *data, qint64 available, qint64 &offset, qint32 &length)
{
    if (available < kFramePrefixSize)
        return FrameStatus::Incomplete;
    offset = getBE<qint64>(data);
    length = getBE<qint32>(data + 8);
    if (length < kFrameMinLength || length > kFrameMaxLength || offset < 0)
        return FrameStatus::BadLength;
    return FrameStatus::Ok;
}

FrameStatus decodeFrame(const char *data, qint64 available, FrameView &frame, bool verifyCrc)
{
    qint64 offset = 0;
    qint32 length = 0;
    if (const FrameStatus s = peekFrame(data, available, offset, length); s != FrameStatus::Ok)
        return s;
    if (available < kFramePrefixSize + length)
        return FrameStatus::Incomplete;
    frame = FrameView{};
    frame.offset = offset;
    frame.length = length;
    frame.storedCrc = getBE<quint32>(data + kFrameCrcStart);
    const char *body = data + kFrameBodyStart;
    const qint64 bodyLength = length - 4;
    if (verifyCrc) {
        frame.computedCrc = crc32c(body, static_cast<size_t>(bodyLength));
        if (frame.computedCrc != frame.storedCrc)
            return FrameStatus::BadCrc;
    } else {
        frame.computedCrc = frame.storedCrc;
    }
    const char *p = body;
    const char *end = body + bodyLength;
    auto need = [&](qint64 n) { return end - p >= n; };
    frame.magic = static_cast<qint8>(*p++);
    frame.attributes = static_cast<qint8>(*p++);
    if (frame.magic > kFrameNewestMagic)
        return FrameStatus::NewerFormat; // its layout is not ours to judge
    if (frame.magic < kFrameMagic)
        return FrameStatus::BadLayout;
    frame.timestampMs = getBE<qint64>(p);
    p += 8;
    frame.keyLength = getBE<qint32>(p);
    p += 4;
    if (frame.keyLength < -1 || !need(std::max<qint32>(frame.keyLength, 0)))
        return FrameStatus::BadLayout;
    if (frame.keyLength >= 0) {
        frame.key = p;
        p += frame.keyLength;
    }
    if (!need(4))
        return FrameStatus::BadLayout;
    frame.valueLength = getBE<qint32>(p);
    p += 4;
    // Format 1 has a value (what a reader before format 2 checked, so its frames decode exactly
    // as they always did); format 2 is a null value and nothing else. One encoding per record.
    if (frame.magic == kFrameMagicNullValue ? frame.valueLength != -1
                                            : frame.valueLength < 0 || !need(frame.valueLength))
        return FrameStatus::BadLayout;
    if (frame.valueLength >= 0) {
        frame.value = p;
        p += frame.valueLength;
    }
    if (!need(4))
        return FrameStatus::BadLayout;
    frame.headerCount = getBE<qint32>(p);
    p += 4;
    if (frame.headerCount < 0)
        return FrameStatus::BadLayout;
    frame.headers = p;
    for (qint32 i = 0; i < frame.headerCount; ++i) {
        if (!need(4))
            return FrameStatus::BadLayout;
        const qint32 kl = getBE<qint32>(p);
        p += 4;
        if (kl < 0 || !need(qint64(kl) + 4))
            return FrameStatus::BadLayout;
        p += kl;
        const qint32 vl = getBE<qint32>(p);
        p += 4;
        if (vl < -1 || !need(std::max<qint32>(vl, 0)))
            return FrameStatus::BadLayout;
        p += std::max<qint32>(vl, 0);
    }
    if (p != end)
        return FrameStatus::BadLayout;
    frame.headersLength = end - frame.headers;
    return FrameStatus::Ok;
}

std::vector<Header> decodeHeaders(const FrameView &frame)
{
    std::vector<Header> headers;
    headers.reserve(static_cast<size_t>(frame.headerCount));
    const char *p = frame.headers;
    for (qint32 i = 0; i < frame.headerCount; ++i) {
        Header h;
        const qint32 kl = getBE<qint32>(p);
        p += 4;
        h.key = QByteArray(p, kl);
        p += kl;
        const qint32 vl = getBE<qint32>(p);
        p += 4;
        if (vl >= 0) {
            h.value = QByteArray(p, vl);
            p += vl;
        }
        headers.push_back(std::move(h));
    }
    return headers;
}

Record toRecord(const FrameView &frame, const QString &topic, int partition)
{
    Record r;
    r.topic = topic;
    r.partition = partition;
    r.offset = frame.offset;
    r.timestampMs = frame.timestampMs;
    if (frame.key)
        r.key = QByteArray(frame.key, frame.keyLength);
    if (frame.value)
        r.value = QByteArray(frame.value, frame.valueLength);
    else
        r.value = std::nullopt;
    if (frame.headerCount > 0)
        r.headers = decodeHeaders(frame);
    return r;
}

} // namespace tidemark::logbroker
