#pragma once

// What the timeline keeps of one partition: two bytes per loaded offset (a size code and a
// key colour index) plus a min/max level-of-detail pyramid with fan-out 16, so that a frame
// reads a bounded number of cells per pixel column whatever the number of records. It never
// holds keys or payloads.
//
// Layout: offsets are grouped in chunks of 65,536 (allocated only once something in them is
// loaded). Inside a chunk, level 0 is one OffsetCell per offset and levels 1..3 aggregate 16,
// 256 and 4,096 offsets; level 4 is one cell per chunk, and levels 5.. aggregate 16 chunks,
// 256 chunks, ... Memory: about 2.3 bytes per loaded offset (see memoryBytes()).
//
// Thread: a plain value owned by one thread (the GUI thread in the app). Not thread-safe.

#include "core/Record.h"
#include "core/timeline/LaneSamples.h"

#include <QtGlobal>

#include <array>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tidemark {

// One offset at level 0.
struct OffsetCell {
    quint8 size = 0;   // LaneSummary::kUnknown, kGap, or a size code >= kFirstSizeCode
    quint8 colour = 0; // 0: null key, 1..255: bucket of the key hash
};

// An aggregate of offsets at levels >= 1, or of a pixel column.
struct LodCell {
    quint8 minSize = 0; // smallest size code among the records (0: no record)
    quint8 maxSize = 0; // largest size code among the records (0: no record)
    quint8 colour = 0;  // a representative key colour (majority vote among the records)
    quint8 fill = 0;    // share of the offsets that are loaded, 0..255; 255 only if all are

    bool hasRecords() const { return maxSize != 0; }
};

class LaneSummary {
public:
    static constexpr int kFanoutBits = 4; // 16 children per cell
    static constexpr int kChunkBits = 16; // 65,536 offsets per chunk
    static constexpr qint64 kChunkSize = qint64(1) << kChunkBits;
    static constexpr int kChunkLevel = kChunkBits / kFanoutBits; // level 4: one cell per chunk
    static constexpr int kTimeBlockBits = 8;                     // timestamps per 256 offsets

    static constexpr quint8 kUnknown = 0; // not loaded yet
    static constexpr quint8 kGap = 1;     // loaded: no record at this offset (compaction, markers)
    static constexpr quint8 kFirstSizeCode = 2;

    // A monotonic code for a record size: 2 + 7*log2(bytes + 1), at most 255.
    static quint8 sizeCode(quint32 bytes);
    // Roughly the inverse of sizeCode (for labels).
    static quint32 approximateBytes(quint8 code);
    // A stable colour bucket per key hash: 0 for a null key, 1..255 otherwise.
    static quint8 colourIndex(bool keyIsNull, quint32 keyHash);
    // Offsets covered by one cell at `level` (16^level).
    static qint64 levelSpan(int level) { return qint64(1) << (kFanoutBits * level); }

    LaneSummary();
    ~LaneSummary();
    LaneSummary(LaneSummary &&) noexcept;
    LaneSummary &operator=(LaneSummary &&) noexcept;
    LaneSummary(const LaneSummary &) = delete;
    LaneSummary &operator=(const LaneSummary &) = delete;

    // The partition's current extent. Moving the log start forward drops what is below it;
    // moving it backwards (the topic was recreated) clears everything. A lower high watermark
    // than known is taken as a stale answer and ignored (clear() for a truncated log).
    void setRange(qint64 logStart, qint64 highWatermark);
    qint64 logStart() const { return m_logStart; }
    qint64 highWatermark() const { return m_highWatermark; }

    // Stores summaries (any order; offsets outside [logStart, highWatermark) are ignored,
    // except that offsets at or above the high watermark raise it: records may arrive before
    // the next watermark poll).
    void add(const RecordSummary *records, size_t count);
    void add(const std::vector<RecordSummary> &records) { add(records.data(), records.size()); }
    // Stores the records of one probe of a range not read completely (see LaneSamples):
    // sparse, bounded, drawn as a sample where nothing is loaded.
    // `span`: the offsets the probe stands for, from its first record (see LaneSamples::add).
    void addSample(const RecordSummary *records, size_t count, qint64 span = 0);
    void addSample(const std::vector<RecordSummary> &records, qint64 span = 0)
    {
        addSample(records.data(), records.size(), span);
    }
    const LaneSamples &samples() const { return m_samples; }
    LaneSamples &samples() { return m_samples; }
    // Marks offsets in [from, to) that are not loaded yet as holding no record.
    void addGap(qint64 from, qint64 to);
    void clear();

    OffsetCell at(qint64 offset) const;
    bool isLoaded(qint64 offset) const { return at(offset).size != kUnknown; }
    // The first offset in [from, to) ∩ [logStart, highWatermark) not loaded yet, or -1.
    qint64 firstMissing(qint64 from, qint64 to) const;
    // The last such offset, or -1 (the loader fills from the head backwards).
    qint64 lastMissing(qint64 from, qint64 to) const;
    qint64 loadedCount() const { return m_loaded; }
    // Loaded offsets (records and gaps) in [from, to) ∩ [logStart, highWatermark).
    qint64 loadedCountIn(qint64 from, qint64 to) const;

    // Smallest and largest timestamp of the loaded records in [from, to), at a resolution of
    // 256 offsets (the exact timestamp of one record comes from the backend).
    std::optional<std::pair<qint64, qint64>> timeRange(qint64 from, qint64 to) const;

    // The level sampleColumns() reads for `offsetsPerColumn`: the coarsest whose cells are at
    // most half a column wide, so a column aggregates between 2 and 32 cells.
    int levelFor(double offsetsPerColumn) const;
    // Fills out[0..columns): column c aggregates the cells (of levelFor(offsetsPerColumn))
    // whose first offset lies in [first + c*step, first + (c+1)*step). Columns with nothing
    // loaded show the samples in their range, if any (fill 1).
    void sampleColumns(double firstOffset, double offsetsPerColumn, int columns, LodCell *out) const;
    // Aggregate of the whole lane (for normalising bar heights), samples included.
    LodCell total() const;
    // The aggregate cell `index` of `level` (absolute index for levels below kChunkLevel,
    // relative to the first chunk above). For tests.
    LodCell cell(int level, qint64 index) const;

    // Bytes held by this summary (chunks, pyramid and bookkeeping).
    size_t memoryBytes() const;
    // Bumped on every change, so renderers can cache.
    quint64 version() const { return m_version; }

private:
    struct Chunk;
    Chunk *chunkFor(qint64 offset, bool create);
    const Chunk *chunkAt(qint64 chunkIndex) const;
    void rebuildChunk(qint64 chunkIndex, int firstL0, int lastL0);
    void rebuildUpper(qint64 chunkIndex);
    void dropBelow(qint64 offset);
    void sampleLoadedColumns(double firstOffset, double offsetsPerColumn, int columns, LodCell *out) const;
    LodCell upperCell(int upperLevel, qint64 relIndex) const;

    qint64 m_logStart = 0;
    qint64 m_highWatermark = 0;
    qint64 m_baseChunk = 0; // absolute chunk index of m_chunks[0]
    std::vector<std::unique_ptr<Chunk>> m_chunks;
    // m_upper[0][i]: the cell of chunk m_baseChunk + i; m_upper[k][j] aggregates 16 cells of
    // m_upper[k-1]. Always has at least one level once a chunk exists.
    std::vector<std::vector<LodCell>> m_upper;
    qint64 m_loaded = 0;
    quint64 m_version = 0;
    LaneSamples m_samples;
};

} // namespace tidemark
