#include "core/timeline/LaneSamples.h"

#include "core/timeline/LaneSummary.h"

#include <algorithm>
#include <cmath>

namespace tidemark {

void LaneSamples::add(const RecordSummary *records, size_t count, qint64 span)
{
    if (count == 0)
        return;
    qint64 first = records[0].offset;
    qint64 last = first;
    for (size_t i = 0; i < count; ++i) {
        first = std::min(first, records[i].offset);
        last = std::max(last, records[i].offset);
    }
    if (first < 0 || last - first > qint64(0xffffffff))
        return;
    // A record another probe already holds is kept there.
    std::vector<Entry> entries;
    entries.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        const RecordSummary &r = records[i];
        if (r.offset != first && hasRecordIn(r.offset, r.offset + 1))
            continue;
        entries.push_back(Entry{quint32(r.offset - first), LaneSummary::sizeCode(r.size),
                                LaneSummary::colourIndex(r.keyIsNull, r.keyHash)});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.delta < b.delta; });
    entries.erase(
        std::unique(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.delta == b.delta; }),
        entries.end());
    auto it = m_probes.find(first);
    if (it != m_probes.end()) {
        m_count -= it->second.records.size();
        m_probes.erase(it);
    }
    for (const Entry &e : entries)
        if (e.size >= LaneSummary::kFirstSizeCode) {
            m_minSize = m_minSize == 0 ? e.size : std::min(m_minSize, e.size);
            m_maxSize = std::max(m_maxSize, e.size);
        }
    Probe &probe = m_probes[first];
    probe.records = std::move(entries);
    probe.span = std::max<qint64>(span, probe.records.empty() ? 0 : qint64(probe.records.back().delta) + 1);
    probe.lastUse = ++m_clock;
    m_count += probe.records.size();
    if (m_count > m_capacity)
        evict();
}

void LaneSamples::evict()
{
    // Drop the least recently used probes until 90% of the capacity is left, so that eviction
    // (a sort) runs once per many probes, not on every one.
    std::vector<std::pair<quint64, qint64>> byUse;
    byUse.reserve(m_probes.size());
    for (const auto &[offset, probe] : m_probes)
        byUse.emplace_back(probe.lastUse, offset);
    std::sort(byUse.begin(), byUse.end());
    const size_t target = m_capacity - m_capacity / 10;
    for (const auto &[use, offset] : byUse) {
        if (m_count <= target)
            break;
        auto it = m_probes.find(offset);
        m_count -= it->second.records.size();
        m_probes.erase(it);
    }
}

void LaneSamples::dropBelow(qint64 offset)
{
    auto end = m_probes.lower_bound(offset);
    for (auto it = m_probes.begin(); it != end;) {
        Probe &probe = it->second;
        const qint64 first = it->first;
        const size_t before = probe.records.size();
        probe.records.erase(std::remove_if(probe.records.begin(), probe.records.end(),
                                           [&](const Entry &e) { return first + qint64(e.delta) < offset; }),
                            probe.records.end());
        m_count -= before - probe.records.size();
        if (probe.records.empty()) {
            it = m_probes.erase(it);
            continue;
        }
        // Re-key the rest under its new first offset.
        Probe moved = std::move(probe);
        const qint64 newFirst = first + qint64(moved.records.front().delta);
        for (Entry &e : moved.records)
            e.delta = quint32(first + qint64(e.delta) - newFirst);
        moved.span = std::max<qint64>(1, moved.span - (newFirst - first));
        it = m_probes.erase(it);
        m_probes.emplace(newFirst, std::move(moved));
    }
}

void LaneSamples::clear()
{
    m_probes.clear();
    m_count = 0;
    m_minSize = m_maxSize = 0;
}

void LaneSamples::setCapacity(size_t records)
{
    m_capacity = std::max<size_t>(1, records);
    if (m_count > m_capacity)
        evict();
}

qint64 LaneSamples::countIn(qint64 from, qint64 to) const
{
    qint64 n = 0;
    auto it = m_probes.upper_bound(from);
    if (it != m_probes.begin())
        --it;
    for (; it != m_probes.end() && it->first < to; ++it)
        for (const Entry &e : it->second.records) {
            const qint64 o = it->first + qint64(e.delta);
            if (o >= from && o < to)
                ++n;
        }
    return n;
}

bool LaneSamples::hasRecordIn(qint64 from, qint64 to) const
{
    auto it = m_probes.upper_bound(from);
    if (it != m_probes.begin())
        --it;
    for (; it != m_probes.end() && it->first < to; ++it) {
        for (const Entry &e : it->second.records) {
            const qint64 o = it->first + qint64(e.delta);
            if (o >= from && o < to) {
                it->second.lastUse = ++m_clock;
                return true;
            }
        }
    }
    return false;
}

namespace {

// One column's samples: min/max size code and a Boyer-Moore majority vote for the colour.
struct Column {
    quint8 minSize = 0, maxSize = 0, candidate = 0;
    int votes = 0;
    bool any = false;
};

template <typename E>
void accumulate(Column &col, const E &e)
{
    col.any = true;
    if (e.size < LaneSummary::kFirstSizeCode)
        return;
    col.minSize = col.minSize == 0 ? e.size : std::min(col.minSize, e.size);
    col.maxSize = std::max(col.maxSize, e.size);
    if (col.votes == 0) {
        col.candidate = e.colour;
        col.votes = 1;
    } else {
        col.votes += col.candidate == e.colour ? 1 : -1;
    }
}

} // namespace

void LaneSamples::fillColumns(double firstOffset, double offsetsPerColumn, int columns, LodCell *out) const
{
    if (m_probes.empty() || columns <= 0 || !(offsetsPerColumn > 0))
        return;
    thread_local std::vector<Column> acc;
    acc.assign(size_t(columns), Column{});
    const double end = firstOffset + columns * offsetsPerColumn;
    auto it = m_probes.upper_bound(qint64(std::floor(firstOffset)));
    if (it != m_probes.begin())
        --it;
    const quint64 use = ++m_clock;
    // A probe's aggregate, for the columns of its span that hold none of its records.
    struct Held {
        int fromColumn, toColumn; // [from, to)
        Column aggregate;
    };
    thread_local std::vector<Held> held;
    held.clear();
    for (; it != m_probes.end() && double(it->first) < end; ++it) {
        bool used = false;
        Column aggregate;
        for (const Entry &e : it->second.records) {
            const double o = double(it->first + qint64(e.delta));
            accumulate(aggregate, e);
            const double c = std::floor((o - firstOffset) / offsetsPerColumn);
            if (c < 0 || c >= columns)
                continue;
            const auto ci = size_t(c);
            if (out[ci].fill != 0)
                continue; // loaded records win over samples
            used = true;
            accumulate(acc[ci], e);
        }
        const double spanFrom = std::floor((double(it->first) - firstOffset) / offsetsPerColumn);
        const double spanTo = std::ceil((double(it->first + it->second.span) - firstOffset) / offsetsPerColumn);
        const int from = int(std::clamp(spanFrom, 0.0, double(columns)));
        const int to = int(std::clamp(spanTo, 0.0, double(columns)));
        if (from < to && aggregate.any) {
            held.push_back(Held{from, to, aggregate});
            used = true;
        }
        if (used)
            it->second.lastUse = use;
    }
    // Columns with sampled records of their own keep them; the others show the nearest probe
    // to their left whose span reaches them (probes come in offset order: later ones win).
    thread_local std::vector<char> direct;
    direct.assign(size_t(columns), 0);
    for (int c = 0; c < columns; ++c)
        direct[size_t(c)] = acc[size_t(c)].any ? 1 : 0;
    for (const Held &h : held)
        for (int c = h.fromColumn; c < h.toColumn; ++c)
            if (out[c].fill == 0 && !direct[size_t(c)])
                acc[size_t(c)] = h.aggregate;
    for (int c = 0; c < columns; ++c) {
        const Column &col = acc[size_t(c)];
        if (!col.any)
            continue;
        LodCell &cell = out[c];
        cell.minSize = col.minSize;
        cell.maxSize = col.maxSize;
        cell.colour = col.maxSize != 0 ? col.candidate : 0;
        cell.fill = 1;
    }
}

size_t LaneSamples::memoryBytes() const
{
    // A map node (three pointers, colour, key, value) per probe, plus its records.
    size_t bytes = sizeof(*this);
    for (const auto &[offset, probe] : m_probes)
        bytes += 48 + sizeof(Probe) + probe.records.capacity() * sizeof(Entry);
    return bytes;
}

} // namespace tidemark
