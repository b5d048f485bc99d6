#pragma once

// The sampled records of one partition: what the timeline knows of ranges it did not read
// completely. The loader probes a few records at evenly spaced offsets (one probe per group of
// pixel columns, finer as the user zooms in); each probe's records are kept here, sparse, by
// offset, so a 1-billion-record partition costs memory per probe, not per offset (LaneSummary
// allocates 64k-offset chunks, which a sparse sample would fill one record at a time).
//
// Bounded: at most capacity() records are kept; when more arrive, the probes used least
// recently (drawn or asked about) are dropped first. A probe holds exact records; only the
// columns between probes are guesses, and those are drawn as samples (a low fill), never as
// loaded ranges.
//
// Thread: a plain value owned by one thread (the GUI thread in the app). Not thread-safe.

#include "core/Record.h"

#include <QtGlobal>

#include <map>
#include <utility>
#include <vector>

namespace tidemark {

struct LodCell;

class LaneSamples {
public:
    static constexpr size_t kDefaultCapacity = size_t(1) << 20; // records: about 12 MB

    // Stores one probe's records (any order; the probe is keyed by its first offset). A record
    // already held is kept once. `span`: the offsets the probe stands for, from its first
    // record (the loader's grid cell); columns in it with nothing else to show show the probe.
    void add(const RecordSummary *records, size_t count, qint64 span = 0);
    void dropBelow(qint64 offset);
    void clear();

    void setCapacity(size_t records);
    size_t capacity() const { return m_capacity; }
    // Records held.
    size_t count() const { return m_count; }
    size_t probeCount() const { return m_probes.size(); }
    // Sampled records with offsets in [from, to).
    qint64 countIn(qint64 from, qint64 to) const;
    // Whether a sampled record lies in [from, to) (marks its probe as used).
    bool hasRecordIn(qint64 from, qint64 to) const;

    // For every column c of out[0..columns) that holds nothing loaded (fill 0), aggregates the
    // sampled records with offsets in [first + c*step, first + (c+1)*step): min/max size code,
    // a majority colour, and fill 1 (a sample: drawn pale); a column with no sampled record
    // inside a probe's span shows that probe's aggregate. Marks the probes it reads as used.
    void fillColumns(double firstOffset, double offsetsPerColumn, int columns, LodCell *out) const;
    // Smallest and largest size code of the samples added since the last clear() (0, 0: none).
    std::pair<quint8, quint8> sizeRange() const { return {m_minSize, m_maxSize}; }

    size_t memoryBytes() const;

private:
    struct Entry {
        quint32 delta = 0; // offset - the probe's first offset
        quint8 size = 0;   // LaneSummary::sizeCode
        quint8 colour = 0; // LaneSummary::colourIndex
    };
    struct Probe {
        std::vector<Entry> records; // by offset
        qint64 span = 0;            // offsets it stands for, from its key
        mutable quint64 lastUse = 0;
    };
    void evict();

    std::map<qint64, Probe> m_probes; // by first offset
    size_t m_count = 0;
    size_t m_capacity = kDefaultCapacity;
    quint8 m_minSize = 0;
    quint8 m_maxSize = 0;
    mutable quint64 m_clock = 0;
};

} // namespace tidemark
