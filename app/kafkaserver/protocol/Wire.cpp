#include "kafkaserver/protocol/Wire.h"

#include <cstring>

namespace tidemark::kafkaserver::protocol {

void WireReader::fail(const QString &reason)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1 at byte %2").arg(reason).arg(m_pos);
    m_pos = m_size; // nothing more is read
}

bool WireReader::need(qint64 n)
{
    if (!m_error.isEmpty())
        return false;
    if (n < 0 || n > m_size - m_pos) {
        fail(QStringLiteral("truncated: %1 more bytes needed, %2 left").arg(n).arg(m_size - m_pos));
        return false;
    }
    return true;
}

qint8 WireReader::readInt8()
{
    if (!need(1))
        return 0;
    return static_cast<qint8>(m_data[m_pos++]);
}

qint16 WireReader::readInt16()
{
    if (!need(2))
        return 0;
    const qint16 v = getInt16(m_data + m_pos);
    m_pos += 2;
    return v;
}

qint32 WireReader::readInt32()
{
    if (!need(4))
        return 0;
    const qint32 v = getInt32(m_data + m_pos);
    m_pos += 4;
    return v;
}

qint64 WireReader::readInt64()
{
    if (!need(8))
        return 0;
    const qint64 v = getInt64(m_data + m_pos);
    m_pos += 8;
    return v;
}

quint16 WireReader::readUInt16() { return static_cast<quint16>(readInt16()); }
quint32 WireReader::readUInt32() { return static_cast<quint32>(readInt32()); }

double WireReader::readFloat64()
{
    const quint64 bits = static_cast<quint64>(readInt64());
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

quint32 WireReader::readUVarint()
{
    const quint64 v = readUVarlong();
    if (v > 0xffffffffULL) {
        fail(QStringLiteral("varint out of range"));
        return 0;
    }
    return static_cast<quint32>(v);
}

quint64 WireReader::readUVarlong()
{
    quint64 value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (!need(1))
            return 0;
        const auto b = static_cast<unsigned char>(m_data[m_pos++]);
        value |= quint64(b & 0x7f) << shift;
        if ((b & 0x80) == 0)
            return value;
    }
    fail(QStringLiteral("varint longer than 10 bytes"));
    return 0;
}

qint32 WireReader::readVarint()
{
    const quint32 u = readUVarint();
    return static_cast<qint32>((u >> 1) ^ (~(u & 1) + 1));
}

qint64 WireReader::readVarlong()
{
    const quint64 u = readUVarlong();
    return static_cast<qint64>((u >> 1) ^ (~(u & 1) + 1));
}

Uuid WireReader::readUuid()
{
    Uuid u{};
    if (!need(16))
        return u;
    std::memcpy(u.data(), m_data + m_pos, 16);
    m_pos += 16;
    return u;
}

std::optional<QString> WireReader::readNullableString(bool compact)
{
    qint64 length = 0;
    if (compact)
        length = static_cast<qint64>(readUVarint()) - 1;
    else
        length = readInt16();
    if (!ok())
        return QString();
    if (length < 0) {
        if (length != -1)
            fail(QStringLiteral("negative string length %1").arg(length));
        return std::nullopt;
    }
    if (!need(length))
        return QString();
    QString s = length == 0 ? QStringLiteral("") : QString::fromUtf8(m_data + m_pos, length);
    m_pos += length;
    return s;
}

QString WireReader::readString(bool compact)
{
    auto s = readNullableString(compact);
    if (!s) {
        fail(QStringLiteral("null string where none is allowed"));
        return QString();
    }
    return *s;
}

std::optional<QByteArray> WireReader::readNullableBytes(bool compact)
{
    qint64 length = 0;
    if (compact)
        length = static_cast<qint64>(readUVarint()) - 1;
    else
        length = readInt32();
    if (!ok())
        return QByteArray();
    if (length < 0) {
        if (length != -1)
            fail(QStringLiteral("negative byte array length %1").arg(length));
        return std::nullopt;
    }
    if (!need(length))
        return QByteArray();
    QByteArray b(m_data + m_pos, static_cast<qsizetype>(length));
    m_pos += length;
    return b;
}

QByteArray WireReader::readBytes(bool compact)
{
    auto b = readNullableBytes(compact);
    if (!b) {
        fail(QStringLiteral("null bytes where none are allowed"));
        return QByteArray();
    }
    return *b;
}

qint32 WireReader::readArrayLength(bool compact, bool nullable)
{
    qint64 length = compact ? static_cast<qint64>(readUVarint()) - 1 : readInt32();
    if (!ok())
        return 0;
    if (length < 0) {
        if (length != -1 || !nullable) {
            fail(QStringLiteral("array length %1 is not allowed here").arg(length));
            return 0;
        }
        return -1;
    }
    if (length > remaining()) {
        fail(QStringLiteral("array of %1 elements in %2 bytes").arg(length).arg(remaining()));
        return 0;
    }
    return static_cast<qint32>(length);
}

void WireReader::skip(qint64 n)
{
    if (need(n))
        m_pos += n;
}

const char *WireReader::take(qint64 n)
{
    if (!need(n))
        return nullptr;
    const char *p = m_data + m_pos;
    m_pos += n;
    return p;
}

void WireWriter::writeInt16(qint16 v)
{
    char b[2];
    putInt16(b, v);
    m_out.append(b, 2);
}

void WireWriter::writeInt32(qint32 v)
{
    char b[4];
    putInt32(b, v);
    m_out.append(b, 4);
}

void WireWriter::writeInt64(qint64 v)
{
    char b[8];
    putInt64(b, v);
    m_out.append(b, 8);
}

void WireWriter::writeFloat64(double v)
{
    quint64 bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    writeInt64(static_cast<qint64>(bits));
}

void WireWriter::writeUVarint(quint32 v) { writeUVarlong(v); }

void WireWriter::writeUVarlong(quint64 v)
{
    char b[10];
    int n = 0;
    while (v >= 0x80) {
        b[n++] = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    b[n++] = static_cast<char>(v);
    m_out.append(b, n);
}

void WireWriter::writeVarint(qint32 v) { writeUVarint((static_cast<quint32>(v) << 1) ^ static_cast<quint32>(v >> 31)); }

void WireWriter::writeVarlong(qint64 v)
{
    writeUVarlong((static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63));
}

void WireWriter::writeUuid(const Uuid &v) { m_out.append(reinterpret_cast<const char *>(v.data()), 16); }

void WireWriter::writeString(const QString &v, bool compact)
{
    const QByteArray utf8 = v.toUtf8();
    if (compact)
        writeUVarint(static_cast<quint32>(utf8.size()) + 1);
    else
        writeInt16(static_cast<qint16>(utf8.size()));
    m_out.append(utf8);
}

void WireWriter::writeNullableString(const std::optional<QString> &v, bool compact)
{
    if (!v) {
        if (compact)
            writeUVarint(0);
        else
            writeInt16(-1);
        return;
    }
    writeString(*v, compact);
}

void WireWriter::writeBytes(const QByteArray &v, bool compact)
{
    if (compact)
        writeUVarint(static_cast<quint32>(v.size()) + 1);
    else
        writeInt32(static_cast<qint32>(v.size()));
    m_out.append(v);
}

void WireWriter::writeNullableBytes(const std::optional<QByteArray> &v, bool compact)
{
    if (!v) {
        if (compact)
            writeUVarint(0);
        else
            writeInt32(-1);
        return;
    }
    writeBytes(*v, compact);
}

void WireWriter::writeArrayLength(qint32 length, bool compact)
{
    if (compact)
        writeUVarint(static_cast<quint32>(length + 1));
    else
        writeInt32(length);
}

void WireWriter::patchInt32(qsizetype at, qint32 v) { putInt32(m_out.data() + at, v); }

int varlongSize(qint64 v)
{
    quint64 u = (static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63);
    int n = 1;
    while (u >= 0x80) {
        u >>= 7;
        ++n;
    }
    return n;
}

int varintSize(qint32 v) { return varlongSize(v); }

void appendVarlong(QByteArray &out, qint64 v)
{
    quint64 u = (static_cast<quint64>(v) << 1) ^ static_cast<quint64>(v >> 63);
    char b[10];
    int n = 0;
    while (u >= 0x80) {
        b[n++] = static_cast<char>((u & 0x7f) | 0x80);
        u >>= 7;
    }
    b[n++] = static_cast<char>(u);
    out.append(b, n);
}

void appendVarint(QByteArray &out, qint32 v) { appendVarlong(out, v); }

} // namespace tidemark::kafkaserver::protocol
