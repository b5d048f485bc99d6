#include "core/timeline/LaneSummary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tidemark {

namespace {

constexpr int kFanout = 1 << LaneSummary::kFanoutBits;
constexpr qint64 kChunkMask = LaneSummary::kChunkSize - 1;
constexpr int kL1PerChunk = 1 << (LaneSummary::kChunkBits - 4);  // 4096
constexpr int kL2PerChunk = 1 << (LaneSummary::kChunkBits - 8);  // 256
constexpr int kL3PerChunk = 1 << (LaneSummary::kChunkBits - 12); // 16
constexpr int kTimeBlocks = 1 << (LaneSummary::kChunkBits - LaneSummary::kTimeBlockBits);

// Accumulates cells into one aggregate: min/max of the size codes, mean fill, and a
// Boyer-Moore majority vote for the colour (O(1) memory, exact when a colour has a majority).
struct Accumulator {
    int cells = 0;
    int fillSum = 0;
    quint8 minSize = 0;
    quint8 maxSize = 0;
    quint8 candidate = 0;
    int votes = 0;

    void addCell(const LodCell &c)
    {
        ++cells;
        fillSum += c.fill;
        if (c.maxSize != 0) {
            if (minSize == 0 || c.minSize < minSize)
                minSize = c.minSize;
            maxSize = std::max(maxSize, c.maxSize);
            vote(c.colour);
        }
    }
    void addOffset(const OffsetCell &c)
    {
        ++cells;
        if (c.size != LaneSummary::kUnknown)
            fillSum += 255;
        if (c.size >= LaneSummary::kFirstSizeCode) {
            if (minSize == 0 || c.size < minSize)
                minSize = c.size;
            maxSize = std::max(maxSize, c.size);
            vote(c.colour);
        }
    }
    void vote(quint8 colour)
    {
        if (votes == 0) {
            candidate = colour;
            votes = 1;
        } else if (candidate == colour) {
            ++votes;
        } else {
            --votes;
        }
    }
    // `divisor`: the number of children the aggregate stands for (missing ones count as empty).
    LodCell result(int divisor) const
    {
        LodCell out;
        out.minSize = minSize;
        out.maxSize = maxSize;
        out.colour = maxSize != 0 ? candidate : 0;
        if (divisor <= 0 || fillSum == 0)
            out.fill = 0;
        else if (fillSum >= divisor * 255)
            out.fill = 255;
        else
            out.fill = quint8(std::min(254, (fillSum + divisor - 1) / divisor));
        return out;
    }
};

} // namespace

struct LaneSummary::Chunk {
    std::array<OffsetCell, kChunkSize> l0{};
    std::array<LodCell, kL1PerChunk> l1{};
    std::array<LodCell, kL2PerChunk> l2{};
    std::array<LodCell, kL3PerChunk> l3{};
    LodCell l4{};
    std::array<qint64, kTimeBlocks> minTs;
    std::array<qint64, kTimeBlocks> maxTs;
    int loaded = 0;

    Chunk()
    {
        minTs.fill(std::numeric_limits<qint64>::max());
        maxTs.fill(std::numeric_limits<qint64>::min());
    }
};

quint8 LaneSummary::sizeCode(quint32 bytes)
{
    // 2 + 7*log2(bytes + 1) without calling log2 for every record (this runs once per record
    // loaded): the integer part from the highest set bit, the fraction from a table indexed by
    // the next 8 bits.
    static const std::array<float, 256> fraction = [] {
        std::array<float, 256> t{};
        for (int i = 0; i < 256; ++i)
            t[size_t(i)] = float(7.0 * std::log2(1.0 + i / 256.0));
        return t;
    }();
    const quint64 v = quint64(bytes) + 1;
    const int msb = 63 - qCountLeadingZeroBits(v);
    const auto next8 = size_t(msb >= 8 ? (v >> (msb - 8)) & 0xff : (v << (8 - msb)) & 0xff);
    const int code = 2 + int(7.0f * float(msb) + fraction[next8]);
    return quint8(std::clamp(code, int(kFirstSizeCode), 255));
}

quint32 LaneSummary::approximateBytes(quint8 code)
{
    if (code < kFirstSizeCode)
        return 0;
    return quint32(std::max(0.0, std::exp2((double(code) - 2.0) / 7.0) - 1.0));
}

quint8 LaneSummary::colourIndex(bool keyIsNull, quint32 keyHash)
{
    if (keyIsNull)
        return 0;
    return quint8(1 + keyHash % 255u);
}

LaneSummary::LaneSummary() = default;
LaneSummary::~LaneSummary() = default;
LaneSummary::LaneSummary(LaneSummary &&) noexcept = default;
LaneSummary &LaneSummary::operator=(LaneSummary &&) noexcept = default;

void LaneSummary::clear()
{
    m_chunks.clear();
    m_upper.clear();
    m_samples.clear();
    m_loaded = 0;
    m_baseChunk = m_logStart >> kChunkBits;
    ++m_version;
}

void LaneSummary::setRange(qint64 logStart, qint64 highWatermark)
{
    logStart = std::max<qint64>(0, logStart);
    highWatermark = std::max(highWatermark, logStart);
    if (logStart < m_logStart) {
        // The log start went backwards: the topic was recreated. Nothing we hold is trustworthy.
        m_logStart = logStart;
        m_highWatermark = highWatermark;
        clear();
        return;
    }
    // A lower high watermark is a stale answer (a poll that started before records we have
    // already loaded), not a truncation: keep the larger one.
    highWatermark = std::max(highWatermark, m_highWatermark);
    if (logStart == m_logStart && highWatermark == m_highWatermark)
        return;
    m_highWatermark = highWatermark;
    if (m_chunks.empty())
        m_baseChunk = logStart >> kChunkBits;
    if (logStart > m_logStart) {
        m_logStart = logStart;
        dropBelow(logStart);
    }
    ++m_version;
}

void LaneSummary::dropBelow(qint64 offset)
{
    m_samples.dropBelow(offset);
    const qint64 firstKept = offset >> kChunkBits;
    for (qint64 ci = m_baseChunk; ci < m_baseChunk + qint64(m_chunks.size()) && ci <= firstKept; ++ci) {
        auto &chunk = m_chunks[size_t(ci - m_baseChunk)];
        if (!chunk)
            continue;
        if (ci < firstKept) {
            m_loaded -= chunk->loaded;
            chunk.reset();
            rebuildUpper(ci);
            continue;
        }
        const int end = int(offset & kChunkMask);
        for (int i = 0; i < end; ++i) {
            if (chunk->l0[size_t(i)].size != kUnknown) {
                chunk->l0[size_t(i)] = OffsetCell{};
                --chunk->loaded;
                --m_loaded;
            }
        }
        for (int b = 0; b < (end >> kTimeBlockBits); ++b) {
            chunk->minTs[size_t(b)] = std::numeric_limits<qint64>::max();
            chunk->maxTs[size_t(b)] = std::numeric_limits<qint64>::min();
        }
        if (end > 0)
            rebuildChunk(ci, 0, end - 1);
    }
    // Keep the pointer vector from growing without bound under retention.
    const qint64 leadingDead = std::min<qint64>(firstKept - m_baseChunk, qint64(m_chunks.size()));
    if (leadingDead >= 64) {
        m_chunks.erase(m_chunks.begin(), m_chunks.begin() + leadingDead);
        m_baseChunk += leadingDead;
        m_upper.clear();
        for (qint64 ci = m_baseChunk; ci < m_baseChunk + qint64(m_chunks.size()); ++ci)
            rebuildUpper(ci);
    }
}

LaneSummary::Chunk *LaneSummary::chunkFor(qint64 offset, bool create)
{
    const qint64 ci = offset >> kChunkBits;
    if (ci < m_baseChunk)
        return nullptr;
    const auto rel = size_t(ci - m_baseChunk);
    if (rel >= m_chunks.size()) {
        if (!create)
            return nullptr;
        m_chunks.resize(rel + 1);
    }
    auto &chunk = m_chunks[rel];
    if (!chunk && create)
        chunk = std::make_unique<Chunk>();
    return chunk.get();
}

const LaneSummary::Chunk *LaneSummary::chunkAt(qint64 chunkIndex) const
{
    if (chunkIndex < m_baseChunk)
        return nullptr;
    const auto rel = size_t(chunkIndex - m_baseChunk);
    return rel < m_chunks.size() ? m_chunks[rel].get() : nullptr;
}

void LaneSummary::add(const RecordSummary *records, size_t count)
{
    if (count == 0)
        return;
    qint64 dirtyChunk = -1;
    int dirtyLo = 0, dirtyHi = 0;
    Chunk *chunk = nullptr;
    auto flush = [&] {
        if (dirtyChunk >= 0)
            rebuildChunk(dirtyChunk, dirtyLo, dirtyHi);
    };
    for (size_t i = 0; i < count; ++i) {
        const RecordSummary &r = records[i];
        if (r.offset < m_logStart)
            continue;
        if (r.offset >= m_highWatermark)
            m_highWatermark = r.offset + 1;
        const qint64 ci = r.offset >> kChunkBits;
        const int local = int(r.offset & kChunkMask);
        if (ci != dirtyChunk) {
            flush();
            chunk = chunkFor(r.offset, true);
            dirtyChunk = ci;
            dirtyLo = dirtyHi = local;
        }
        if (!chunk)
            continue;
        OffsetCell &cell = chunk->l0[size_t(local)];
        if (cell.size == kUnknown) {
            ++chunk->loaded;
            ++m_loaded;
        }
        cell.size = sizeCode(r.size);
        cell.colour = colourIndex(r.keyIsNull, r.keyHash);
        const auto block = size_t(local >> kTimeBlockBits);
        chunk->minTs[block] = std::min(chunk->minTs[block], r.timestampMs);
        chunk->maxTs[block] = std::max(chunk->maxTs[block], r.timestampMs);
        dirtyLo = std::min(dirtyLo, local);
        dirtyHi = std::max(dirtyHi, local);
    }
    flush();
    ++m_version;
}

void LaneSummary::addGap(qint64 from, qint64 to)
{
    from = std::max(from, m_logStart);
    if (to > m_highWatermark)
        to = m_highWatermark;
    if (from >= to)
        return;
    for (qint64 chunkStart = from; chunkStart < to;) {
        const qint64 chunkEnd = std::min(to, ((chunkStart >> kChunkBits) + 1) << kChunkBits);
        Chunk *chunk = chunkFor(chunkStart, true);
        if (chunk) {
            const int lo = int(chunkStart & kChunkMask);
            const int hi = int((chunkEnd - 1) & kChunkMask);
            for (int i = lo; i <= hi; ++i) {
                OffsetCell &cell = chunk->l0[size_t(i)];
                if (cell.size == kUnknown) {
                    cell.size = kGap;
                    ++chunk->loaded;
                    ++m_loaded;
                }
            }
            rebuildChunk(chunkStart >> kChunkBits, lo, hi);
        }
        chunkStart = chunkEnd;
    }
    ++m_version;
}

void LaneSummary::rebuildChunk(qint64 chunkIndex, int firstL0, int lastL0)
{
    Chunk *chunk = m_chunks[size_t(chunkIndex - m_baseChunk)].get();
    if (!chunk)
        return;
    for (int i = firstL0 >> 4; i <= lastL0 >> 4; ++i) {
        Accumulator acc;
        for (int k = 0; k < kFanout; ++k)
            acc.addOffset(chunk->l0[size_t(i * kFanout + k)]);
        chunk->l1[size_t(i)] = acc.result(kFanout);
    }
    for (int i = firstL0 >> 8; i <= lastL0 >> 8; ++i) {
        Accumulator acc;
        for (int k = 0; k < kFanout; ++k)
            acc.addCell(chunk->l1[size_t(i * kFanout + k)]);
        chunk->l2[size_t(i)] = acc.result(kFanout);
    }
    for (int i = firstL0 >> 12; i <= lastL0 >> 12; ++i) {
        Accumulator acc;
        for (int k = 0; k < kFanout; ++k)
            acc.addCell(chunk->l2[size_t(i * kFanout + k)]);
        chunk->l3[size_t(i)] = acc.result(kFanout);
    }
    Accumulator acc;
    for (const LodCell &c : chunk->l3)
        acc.addCell(c);
    chunk->l4 = acc.result(kFanout);
    rebuildUpper(chunkIndex);
}

void LaneSummary::rebuildUpper(qint64 chunkIndex)
{
    const qint64 rel = chunkIndex - m_baseChunk;
    if (rel < 0)
        return;
    // Size every level for the current chunk count: level k has ceil(n / 16^k) cells, up to one.
    size_t n = m_chunks.size();
    size_t level = 0;
    while (true) {
        if (m_upper.size() <= level)
            m_upper.emplace_back();
        if (m_upper[level].size() < n)
            m_upper[level].resize(n);
        if (n <= 1)
            break;
        n = (n + kFanout - 1) / kFanout;
        ++level;
    }
    const Chunk *chunk = chunkAt(chunkIndex);
    m_upper[0][size_t(rel)] = chunk ? chunk->l4 : LodCell{};
    qint64 index = rel;
    for (size_t k = 1; k < m_upper.size(); ++k) {
        index >>= kFanoutBits;
        const auto &below = m_upper[k - 1];
        Accumulator acc;
        for (int c = 0; c < kFanout; ++c) {
            const auto child = size_t(index * kFanout + c);
            acc.addCell(child < below.size() ? below[child] : LodCell{});
        }
        m_upper[k][size_t(index)] = acc.result(kFanout);
    }
}

OffsetCell LaneSummary::at(qint64 offset) const
{
    if (offset < m_logStart || offset < 0)
        return {};
    const Chunk *chunk = chunkAt(offset >> kChunkBits);
    return chunk ? chunk->l0[size_t(offset & kChunkMask)] : OffsetCell{};
}

qint64 LaneSummary::loadedCountIn(qint64 from, qint64 to) const
{
    from = std::max(from, m_logStart);
    to = std::min(to, m_highWatermark);
    qint64 count = 0;
    for (qint64 ci = from >> kChunkBits; from < to && ci <= (to - 1) >> kChunkBits; ++ci) {
        const Chunk *c = chunkAt(ci);
        if (!c || c->loaded == 0)
            continue;
        const qint64 chunkStart = ci << kChunkBits;
        const qint64 lo = std::max(from, chunkStart), hi = std::min(to, chunkStart + kChunkSize);
        if (lo == chunkStart && hi == chunkStart + kChunkSize) {
            count += c->loaded;
            continue;
        }
        for (qint64 o = lo; o < hi; ++o)
            count += c->l0[size_t(o - chunkStart)].size != kUnknown ? 1 : 0;
    }
    return count;
}

qint64 LaneSummary::firstMissing(qint64 from, qint64 to) const
{
    qint64 o = std::max(from, m_logStart);
    to = std::min(to, m_highWatermark);
    while (o < to) {
        const Chunk *c = chunkAt(o >> kChunkBits);
        if (!c || c->l4.fill == 0)
            return o;
        const auto local = size_t(o & kChunkMask);
        if (c->l4.fill == 255)
            o = ((o >> kChunkBits) + 1) << kChunkBits;
        else if (c->l3[local >> 12].fill == 255)
            o = ((o >> 12) + 1) << 12;
        else if (c->l2[local >> 8].fill == 255)
            o = ((o >> 8) + 1) << 8;
        else if (c->l1[local >> 4].fill == 255)
            o = ((o >> 4) + 1) << 4;
        else if (c->l0[local].size == kUnknown)
            return o;
        else
            ++o;
    }
    return -1;
}

qint64 LaneSummary::lastMissing(qint64 from, qint64 to) const
{
    from = std::max(from, m_logStart);
    qint64 o = std::min(to, m_highWatermark) - 1;
    while (o >= from) {
        const Chunk *c = chunkAt(o >> kChunkBits);
        if (!c || c->l4.fill == 0)
            return o;
        const auto local = size_t(o & kChunkMask);
        if (c->l4.fill == 255)
            o = ((o >> kChunkBits) << kChunkBits) - 1;
        else if (c->l3[local >> 12].fill == 255)
            o = ((o >> 12) << 12) - 1;
        else if (c->l2[local >> 8].fill == 255)
            o = ((o >> 8) << 8) - 1;
        else if (c->l1[local >> 4].fill == 255)
            o = ((o >> 4) << 4) - 1;
        else if (c->l0[local].size == kUnknown)
            return o;
        else
            --o;
    }
    return -1;
}

std::optional<std::pair<qint64, qint64>> LaneSummary::timeRange(qint64 from, qint64 to) const
{
    from = std::max(from, m_logStart);
    to = std::min(to, m_highWatermark);
    qint64 lo = std::numeric_limits<qint64>::max();
    qint64 hi = std::numeric_limits<qint64>::min();
    for (qint64 block = from >> kTimeBlockBits; from < to && block <= (to - 1) >> kTimeBlockBits; ++block) {
        const qint64 offset = block << kTimeBlockBits;
        const Chunk *c = chunkAt(offset >> kChunkBits);
        if (!c) {
            block = (((offset >> kChunkBits) + 1) << (kChunkBits - kTimeBlockBits)) - 1;
            continue;
        }
        const auto b = size_t((offset & kChunkMask) >> kTimeBlockBits);
        lo = std::min(lo, c->minTs[b]);
        hi = std::max(hi, c->maxTs[b]);
    }
    if (lo > hi)
        return std::nullopt;
    return std::make_pair(lo, hi);
}

int LaneSummary::levelFor(double offsetsPerColumn) const
{
    const int top = kChunkLevel + std::max(0, int(m_upper.size()) - 1);
    int level = 0;
    while (level < top && double(levelSpan(level + 1)) * 2.0 <= offsetsPerColumn)
        ++level;
    return level;
}

LodCell LaneSummary::upperCell(int upperLevel, qint64 relIndex) const
{
    if (upperLevel < 0 || size_t(upperLevel) >= m_upper.size() || relIndex < 0)
        return {};
    const auto &cells = m_upper[size_t(upperLevel)];
    return size_t(relIndex) < cells.size() ? cells[size_t(relIndex)] : LodCell{};
}

LodCell LaneSummary::cell(int level, qint64 index) const
{
    if (level >= kChunkLevel)
        return upperCell(level - kChunkLevel, index);
    if (level == 0) {
        const OffsetCell c = at(index);
        Accumulator acc;
        acc.addOffset(c);
        return acc.result(1);
    }
    const int perChunkBits = kChunkBits - kFanoutBits * level;
    const Chunk *chunk = chunkAt(index >> perChunkBits);
    if (!chunk)
        return {};
    const auto local = size_t(index & ((qint64(1) << perChunkBits) - 1));
    switch (level) {
    case 1: return chunk->l1[local];
    case 2: return chunk->l2[local];
    default: return chunk->l3[local];
    }
}

void LaneSummary::sampleColumns(double firstOffset, double offsetsPerColumn, int columns, LodCell *out) const
{
    sampleLoadedColumns(firstOffset, offsetsPerColumn, columns, out);
    m_samples.fillColumns(firstOffset, offsetsPerColumn, columns, out);
}

void LaneSummary::sampleLoadedColumns(double firstOffset, double offsetsPerColumn, int columns, LodCell *out) const
{
    std::fill(out, out + columns, LodCell{});
    if (m_chunks.empty() || columns <= 0 || !(offsetsPerColumn > 0))
        return;
    const int level = levelFor(offsetsPerColumn);
    if (level < kChunkLevel) {
        const double span = double(levelSpan(level));
        const int perChunkBits = kChunkBits - kFanoutBits * level;
        const qint64 localMask = (qint64(1) << perChunkBits) - 1;
        const qint64 firstCell = (m_baseChunk << kChunkBits) / levelSpan(level);
        const qint64 endCell = ((m_baseChunk + qint64(m_chunks.size())) << kChunkBits) / levelSpan(level);
        qint64 k = std::max(firstCell, qint64(std::ceil(firstOffset / span)));
        for (int c = 0; c < columns; ++c) {
            const qint64 kEnd = std::min(endCell, qint64(std::ceil((firstOffset + (c + 1) * offsetsPerColumn) / span)));
            if (k >= kEnd)
                continue;
            Accumulator acc;
            qint64 cachedChunk = -1;
            const Chunk *chunk = nullptr;
            for (; k < kEnd; ++k) {
                const qint64 ci = k >> perChunkBits;
                if (ci != cachedChunk) {
                    chunk = chunkAt(ci);
                    cachedChunk = ci;
                }
                if (!chunk) {
                    // Skip the rest of an absent chunk in one step.
                    const qint64 next = std::min(kEnd, (ci + 1) << perChunkBits);
                    acc.cells += int(next - k);
                    k = next - 1;
                    continue;
                }
                const auto local = size_t(k & localMask);
                switch (level) {
                case 0: acc.addOffset(chunk->l0[local]); break;
                case 1: acc.addCell(chunk->l1[local]); break;
                case 2: acc.addCell(chunk->l2[local]); break;
                default: acc.addCell(chunk->l3[local]); break;
                }
            }
            out[c] = acc.result(acc.cells);
        }
        return;
    }
    const int upper = level - kChunkLevel;
    const auto &cells = m_upper[size_t(upper)];
    const double chunksPerCell = double(levelSpan(upper));
    auto cellIndexAt = [&](double offset) {
        return qint64(std::ceil((offset / double(kChunkSize) - double(m_baseChunk)) / chunksPerCell));
    };
    qint64 j = std::max<qint64>(0, cellIndexAt(firstOffset));
    for (int c = 0; c < columns; ++c) {
        const qint64 jEnd =
            std::min<qint64>(qint64(cells.size()), cellIndexAt(firstOffset + (c + 1) * offsetsPerColumn));
        if (j >= jEnd)
            continue;
        Accumulator acc;
        for (; j < jEnd; ++j)
            acc.addCell(cells[size_t(j)]);
        out[c] = acc.result(acc.cells);
    }
}

LodCell LaneSummary::total() const
{
    LodCell total;
    if (!m_upper.empty() && !m_upper.back().empty())
        total = m_upper.back().front();
    if (const auto [lo, hi] = m_samples.sizeRange(); hi != 0) {
        total.minSize = total.minSize == 0 ? lo : std::min(total.minSize, lo);
        total.maxSize = std::max(total.maxSize, hi);
    }
    return total;
}

void LaneSummary::addSample(const RecordSummary *records, size_t count, qint64 span)
{
    // Only what lies in the log; the high watermark comes from the broker, never a sample.
    std::vector<RecordSummary> inRange;
    inRange.reserve(count);
    for (size_t i = 0; i < count; ++i)
        if (records[i].offset >= m_logStart && records[i].offset < m_highWatermark)
            inRange.push_back(records[i]);
    if (inRange.empty())
        return;
    m_samples.add(inRange.data(), inRange.size(), span);
    ++m_version;
}

size_t LaneSummary::memoryBytes() const
{
    size_t bytes = sizeof(*this) + m_chunks.capacity() * sizeof(std::unique_ptr<Chunk>);
    for (const auto &chunk : m_chunks)
        if (chunk)
            bytes += sizeof(Chunk);
    for (const auto &level : m_upper)
        bytes += level.capacity() * sizeof(LodCell);
    return bytes + m_samples.memoryBytes();
}

} // namespace tidemark
