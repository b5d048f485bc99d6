#pragma once

// The primitive types of the Kafka wire protocol (https://kafka.apache.org/protocol):
// big-endian fixed-width integers, unsigned varints and zig-zag varints, strings and byte
// arrays with an int16/int32 length (classic versions) or an unsigned-varint length + 1
// (flexible versions, "compact"), UUIDs, and tagged-field sections.
//
// WireReader never reads past its buffer and never throws: the first malformed or truncated
// field sets a sticky failure with a reason (the field and byte position), later reads return
// defaults, and the caller checks ok() once at the end. Array lengths larger than the bytes
// left are failures, so a hostile length can never make a decoder allocate more than a small
// multiple of the request it was given.
//
// Threading: plain values owned by one thread.

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace tidemark::kafkaserver::protocol {

using Uuid = std::array<quint8, 16>;

class WireReader {
public:
    WireReader(const char *data, qint64 size) : m_data(data), m_size(size) {}
    explicit WireReader(const QByteArray &bytes) : m_data(bytes.constData()), m_size(bytes.size()) {}

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    qint64 position() const { return m_pos; }
    qint64 remaining() const { return m_size - m_pos; }
    const char *current() const { return m_data + m_pos; }
    // Records the first failure only; later reads return defaults.
    void fail(const QString &reason);

    qint8 readInt8();
    qint16 readInt16();
    qint32 readInt32();
    qint64 readInt64();
    quint16 readUInt16();
    quint32 readUInt32();
    double readFloat64();
    bool readBool() { return readInt8() != 0; }
    quint32 readUVarint();
    quint64 readUVarlong();
    qint32 readVarint();  // zig-zag
    qint64 readVarlong(); // zig-zag
    Uuid readUuid();

    // Strings are UTF-8 on the wire. A null where the version does not allow one is a failure.
    QString readString(bool compact);
    std::optional<QString> readNullableString(bool compact);
    QByteArray readBytes(bool compact);
    std::optional<QByteArray> readNullableBytes(bool compact);
    // Array length: -1 for null (allowed only if `nullable`); a length beyond the bytes left
    // fails.
    qint32 readArrayLength(bool compact, bool nullable);
    // Skips n bytes (unknown tagged fields).
    void skip(qint64 n);
    // A view of the next n bytes (valid while the buffer lives), advancing past them.
    const char *take(qint64 n);

private:
    bool need(qint64 n);

    const char *m_data = nullptr;
    qint64 m_size = 0;
    qint64 m_pos = 0;
    QString m_error;
};

class WireWriter {
public:
    WireWriter() = default;
    explicit WireWriter(qsizetype reserve) { m_out.reserve(reserve); }

    QByteArray &bytes() { return m_out; }
    QByteArray take() { return std::move(m_out); }
    qsizetype size() const { return m_out.size(); }

    void writeInt8(qint8 v) { m_out.append(static_cast<char>(v)); }
    void writeInt16(qint16 v);
    void writeInt32(qint32 v);
    void writeInt64(qint64 v);
    void writeUInt16(quint16 v) { writeInt16(static_cast<qint16>(v)); }
    void writeUInt32(quint32 v) { writeInt32(static_cast<qint32>(v)); }
    void writeFloat64(double v);
    void writeBool(bool v) { writeInt8(v ? 1 : 0); }
    void writeUVarint(quint32 v);
    void writeUVarlong(quint64 v);
    void writeVarint(qint32 v);
    void writeVarlong(qint64 v);
    void writeUuid(const Uuid &v);

    void writeString(const QString &v, bool compact);
    void writeNullableString(const std::optional<QString> &v, bool compact);
    void writeBytes(const QByteArray &v, bool compact);
    void writeNullableBytes(const std::optional<QByteArray> &v, bool compact);
    void writeArrayLength(qint32 length, bool compact); // -1: null
    void writeRaw(const char *data, qsizetype size) { m_out.append(data, size); }
    void writeRaw(const QByteArray &data) { m_out.append(data); }

    // Overwrites 4 bytes at `at` with a big-endian int32 (a size prefix filled in later).
    void patchInt32(qsizetype at, qint32 v);

private:
    QByteArray m_out;
};

// Big-endian helpers for code that works on raw buffers (record batches).
inline void putInt16(char *p, qint16 v)
{
    const auto u = static_cast<quint16>(v);
    p[0] = static_cast<char>(u >> 8);
    p[1] = static_cast<char>(u);
}
inline void putInt32(char *p, qint32 v)
{
    const auto u = static_cast<quint32>(v);
    p[0] = static_cast<char>(u >> 24);
    p[1] = static_cast<char>(u >> 16);
    p[2] = static_cast<char>(u >> 8);
    p[3] = static_cast<char>(u);
}
inline void putInt64(char *p, qint64 v)
{
    putInt32(p, static_cast<qint32>(static_cast<quint64>(v) >> 32));
    putInt32(p + 4, static_cast<qint32>(static_cast<quint64>(v) & 0xffffffffu));
}
inline qint16 getInt16(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return static_cast<qint16>((u[0] << 8) | u[1]);
}
inline qint32 getInt32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return static_cast<qint32>((quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]));
}
inline qint64 getInt64(const char *p)
{
    return static_cast<qint64>((quint64(static_cast<quint32>(getInt32(p))) << 32) |
                               quint64(static_cast<quint32>(getInt32(p + 4))));
}

// Appends varints to a raw QByteArray (record encoding).
void appendVarint(QByteArray &out, qint32 v);
void appendVarlong(QByteArray &out, qint64 v);
int varintSize(qint32 v);
int varlongSize(qint64 v);

} // namespace tidemark::kafkaserver::protocol
