#pragma once

// A read-only look at one partition's files, for tools (tidemark-cli dump) and tests: the
// head's fields, every segment frame by frame with its byte position (and, for a corrupt
// range, where the next sound frame is), and the index entries, straight from the files.
// It takes no lock and repairs nothing, so it shows what a crash left behind (a torn tail, a
// CRC failure, a head mid-update) exactly as it is on disk.
//
// This header is the built-in broker's face for inspection: targets outside logbroker see it
// (and LocalBackend.h), not the storage engine's headers; the frame and file layouts stay
// private to logbroker (docs/on-disk-format.md describes them).
//
// Threading: none kept; every call reads the files afresh, from any thread.

#include "core/Record.h"
#include "core/Result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace tidemark::logbroker {

struct InspectedHead {
    enum class State {
        Ok,
        Unreadable,    // the file cannot be opened (error says why)
        Uninitialized, // empty, or not a partition head
        Corrupt,       // fails its CRC check
        Busy,          // being updated, or its writer died mid-update
    };
    State state = State::Unreadable;
    QString path;
    QString error;
    qint64 logStartOffset = 0;
    qint64 highWatermark = 0;    // the next offset readers may see
    qint64 nextOffset = 0;       // the next offset to assign (above highWatermark while awaiting fsync)
    QString activeSegment;       // the active segment's .log file name
    qint64 visibleEnd = 0;       // bytes of the active segment readers may see
    qint64 writtenEnd = 0;       // bytes of the active segment written
    bool appendInFlight = false; // an append or roll is in flight (or its writer died)
    bool deleted = false;        // the topic is marked deleted
};

struct InspectedSegment {
    qint64 baseOffset = 0;
    QString path;     // the .log file
    QString fileName; // "00000000000000000042.log"
    qint64 size = 0;
    qint64 indexEntries = -1; // -1: the .index file is missing
    qint64 indexStrayBytes = 0;
    qint64 timeIndexEntries = -1; // -1: the .timeindex file is missing
    qint64 timeIndexStrayBytes = 0;
};

// One step of a segment scan: a sound frame, or a corrupt range and where scanning resumed.
// The views point into the mapped file and are valid during the callback only.
struct InspectedFrame {
    qint64 position = 0; // byte position in the segment file
    bool sound = false;

    // A sound frame:
    qint64 offset = -1;
    qint64 size = 0; // the whole frame, prefix included
    quint32 crc = 0;
    qint64 timestampMs = 0;
    std::optional<QByteArrayView> key;   // std::nullopt: a null key
    std::optional<QByteArrayView> value; // std::nullopt: a null value (a tombstone)
    std::vector<Header> headers;
    QByteArrayView bytes; // the whole frame as stored; for a corrupt range, the bytes skipped

    // A corrupt range (sound is false):
    qint64 expectedOffset = -1;
    QString problem;
    bool newerFormat = false; // not damage: a frame of a format newer than this reader knows
    qint64 resumedAt = -1;    // position of the next sound frame; -1: none up to the end of the file
    qint64 resumedOffset = -1;
};

struct InspectedIndexEntry {
    qint64 offset = 0;
    qint64 position = 0; // byte position in the segment
};

struct InspectedTimeIndexEntry {
    qint64 timestampMs = 0; // records before `offset` are at or before this time
    qint64 offset = 0;
};

class PartitionInspector {
public:
    // InvalidArgument for a topic name the broker would refuse; NotFound if the partition's
    // directory does not exist.
    static Result<PartitionInspector> open(const QString &dataDirectory, const QString &topic, int partition);

    const QString &directory() const { return m_directory; }
    InspectedHead head() const;
    // Oldest first.
    std::vector<InspectedSegment> segments() const;
    // Base names ("00000000000000000042") of .index files whose .log is missing.
    QStringList indexesWithoutSegment() const;
    // Walks `segment` from its first byte, calling `onFrame` for each sound frame (offsets
    // dense from the base) and each corrupt range. An error if the file cannot be read.
    Status scan(const InspectedSegment &segment, const std::function<void(const InspectedFrame &)> &onFrame) const;
    std::vector<InspectedIndexEntry> indexEntries(const InspectedSegment &segment) const;
    std::vector<InspectedTimeIndexEntry> timeIndexEntries(const InspectedSegment &segment) const;

private:
    explicit PartitionInspector(QString directory) : m_directory(std::move(directory)) {}
    QString m_directory;
};

} // namespace tidemark::logbroker
