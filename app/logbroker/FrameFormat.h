#pragma once

// How one record is laid out in a segment file (.log). All integers are big-endian, as in
// Kafka's wire format, so a hex dump reads left to right. See docs/on-disk-format.md.
//
//   offset       int64   the record's offset (dense per partition, starting at 0)
//   length       int32   bytes that follow this field (crc .. end of headers)
//   crc          uint32  CRC-32C of everything after it (magic .. end of headers)
//   magic        int8    frame format: 1, or 2 for a frame whose value is null (a tombstone)
//   attributes   int8    reserved, 0
//   timestamp    int64   create time, milliseconds since the Unix epoch
//   keyLength    int32   -1 for a null key
//   key          bytes
//   valueLength  int32   -1 for a null value (format 2 only)
//   value        bytes
//   headerCount  int32
//   headers      headerCount x (keyLength int32, key, valueLength int32 (-1: null), value)
//
// As in Kafka, the CRC does not cover offset and length; readers check those instead:
// offsets must be dense (each frame's offset is the previous one + 1) and a frame must end
// exactly where the next one begins.
//
// Versions. Format 1 is the original layout, and every frame with a value (empty or not) is
// still written as format 1, byte for byte. Format 2 has the same layout with a value length
// of -1 (a null value), and nothing else; it is written only for tombstones, so that a reader
// from before format 2 (which knows only magic 1) stops at the tombstone as at a bad layout
// instead of decoding it as something else. What every format, present and future, keeps:
// offset, length and crc where they are, the crc over magic .. end, and the magic byte at
// byte 16. So a reader that meets a CRC-valid frame of a format above kFrameNewestMagic
// knows it is a newer frame, not damage: it reports FrameStatus::NewerFormat and nothing
// (recovery, readers) may truncate, seal or skip past it.
//
// Threading: pure functions over caller-owned buffers.

#include "core/Record.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <optional>
#include <vector>

namespace tidemark::logbroker {

inline constexpr qint64 kFramePrefixSize = 12;      // offset + length
inline constexpr qint64 kFrameCrcStart = 12;        // where the crc field starts
inline constexpr qint64 kFrameBodyStart = 16;       // first byte covered by the crc (magic)
inline constexpr qint32 kFrameMinLength = 26;       // crc .. headerCount with empty key/value
inline constexpr qint32 kFrameMaxLength = 64 << 20; // anything longer is corruption
inline constexpr qint8 kFrameMagic = 1;             // every frame with a value
inline constexpr qint8 kFrameMagicNullValue = 2;    // a frame with a null value (a tombstone)
inline constexpr qint8 kFrameNewestMagic = 2;       // the newest format this reader knows

// Size of the encoded frame of a record (prefix included).
qint64 encodedFrameSize(const OutgoingRecord &record);

// Appends the frame of `record` to `out`, with `offset` and `timestampMs` as given.
void appendFrame(QByteArray &out, qint64 offset, qint64 timestampMs, const OutgoingRecord &record);
// Writes the frame into `dest`, which has exactly `size` == encodedFrameSize(record) bytes.
// With computeCrc false the crc field is left for sealFrames() to fill in.
void encodeFrame(char *dest, qint64 size, qint64 offset, qint64 timestampMs, const OutgoingRecord &record,
                 bool computeCrc = true);
// Fills in the crc fields of `count` frames encoded back to back in `frames` (starts[i] is
// where frame i begins, starts[count] the end), several at a time.
void sealFrames(char *frames, const qint64 *starts, size_t count);
// Rewrites the offset field of an encoded frame (the crc does not cover it).
void patchFrameOffset(char *frame, qint64 offset);

enum class FrameStatus {
    Ok,
    Incomplete,  // the bytes end before the frame does (end of data, or a torn write)
    BadLength,   // the length field is out of range
    BadCrc,      // the stored CRC does not match the content
    BadLayout,   // CRC fine but the inner lengths do not add up, or magic 0 or below
    NewerFormat, // CRC fine, magic above kFrameNewestMagic: written by a newer Tidemark (not damage)
};
QString frameStatusText(FrameStatus status);
// "written by a newer Tidemark (frame format N); upgrade ...": the message for NewerFormat.
QString newerFrameFormatText(qint8 magic);

// A decoded frame pointing into the caller's buffer (valid while the buffer lives).
struct FrameView {
    qint64 offset = -1;
    qint32 length = 0; // bytes after the length field
    quint32 storedCrc = 0;
    quint32 computedCrc = 0;
    qint8 magic = 0;
    qint8 attributes = 0;
    qint64 timestampMs = 0;
    const char *key = nullptr; // nullptr: null key
    qint32 keyLength = -1;
    const char *value = nullptr; // nullptr: null value (valueLength -1)
    qint32 valueLength = 0;
    qint32 headerCount = 0;
    const char *headers = nullptr; // start of the encoded headers
    qint64 headersLength = 0;

    qint64 frameSize() const { return kFramePrefixSize + length; }
};

// Reads offset and length only. Ok, Incomplete (fewer than 12 bytes) or BadLength.
FrameStatus peekFrame(const char *data, qint64 available, qint64 &offset, qint32 &length);

// Decodes and verifies a frame starting at `data`. With verifyCrc false the CRC is not
// computed (used when skipping frames known to precede the wanted offset). NewerFormat
// leaves offset, length, crc and magic of `frame` filled in.
FrameStatus decodeFrame(const char *data, qint64 available, FrameView &frame, bool verifyCrc = true);

// Builds a Record from a verified frame.
Record toRecord(const FrameView &frame, const QString &topic, int partition);
std::vector<Header> decodeHeaders(const FrameView &frame);

} // namespace tidemark::logbroker
