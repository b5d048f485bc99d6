#include "core/MessagePager.h"

#include <algorithm>

namespace tidemark {

MessagePager::MessagePager(int pageSize, int maxPages)
    : m_pageSize(std::max(1, pageSize)), m_maxPages(std::max(2, maxPages))
{}

void MessagePager::reset(const QString &topic, std::vector<PartitionRange> ranges)
{
    m_topic = topic;
    m_ranges = std::move(ranges);
    m_pages.clear();
    m_inFlight.clear();
    recount();
}

void MessagePager::recount()
{
    m_firstRow.resize(m_ranges.size());
    qint64 row = 0;
    for (size_t i = 0; i < m_ranges.size(); ++i) {
        m_firstRow[i] = row;
        row += m_ranges[i].size();
    }
    m_rowCount = row;
}

std::optional<MessagePager::Location> MessagePager::locate(qint64 row) const
{
    if (row < 0 || row >= m_rowCount)
        return std::nullopt;
    // Ranges are few (one per partition); the first whose span contains the row wins.
    auto it = std::upper_bound(m_firstRow.begin(), m_firstRow.end(), row);
    size_t i = size_t(it - m_firstRow.begin()) - 1;
    while (m_ranges[i].size() == 0 || row >= m_firstRow[i] + m_ranges[i].size())
        ++i; // skip empty ranges sharing the same first row
    return Location{m_ranges[i].partition, m_ranges[i].begin + (row - m_firstRow[i])};
}

std::optional<qint64> MessagePager::rowOf(int partition, qint64 offset) const
{
    for (size_t i = 0; i < m_ranges.size(); ++i) {
        const PartitionRange &r = m_ranges[i];
        if (r.partition == partition && offset >= r.begin && offset < r.end)
            return m_firstRow[i] + (offset - r.begin);
    }
    return std::nullopt;
}

MessagePager::PageKey MessagePager::pageOf(const Location &location) const
{
    return PageKey{location.partition, location.offset - location.offset % m_pageSize};
}

std::pair<qint64, int> MessagePager::fetchWindow(const PageKey &key) const
{
    qint64 start = key.start + m_pageSize; // nothing, unless a range of the partition overlaps
    for (const PartitionRange &r : m_ranges) {
        if (r.partition == key.partition && r.begin < key.start + m_pageSize && r.end > key.start)
            start = std::min(start, std::max(r.begin, key.start));
    }
    return {start, int(key.start + m_pageSize - start)};
}

const Record *MessagePager::record(qint64 row)
{
    const auto loc = locate(row);
    if (!loc)
        return nullptr;
    auto it = m_pages.find(pageOf(*loc));
    if (it == m_pages.end())
        return nullptr;
    it->second.lastUse = ++m_useCounter;
    const auto &records = it->second.records;
    auto r = std::lower_bound(records.begin(), records.end(), loc->offset,
                              [](const Record &rec, qint64 offset) { return rec.offset < offset; });
    if (r == records.end() || r->offset != loc->offset)
        return nullptr;
    return &*r;
}

bool MessagePager::claim(const PageKey &key)
{
    if (m_pages.count(key) || m_inFlight.count(key))
        return false;
    m_inFlight[key] = true;
    return true;
}

std::optional<MessagePager::RowSpan> MessagePager::store(const PageKey &key, std::vector<Record> records)
{
    if (!m_inFlight.erase(key))
        return std::nullopt; // not asked for since the last reset
    std::sort(records.begin(), records.end(), [](const Record &a, const Record &b) { return a.offset < b.offset; });
    Page page;
    page.records = std::move(records);
    page.lastUse = ++m_useCounter;
    m_pages[key] = std::move(page);
    evict();
    std::optional<RowSpan> span;
    for (size_t i = 0; i < m_ranges.size(); ++i) {
        const PartitionRange &r = m_ranges[i];
        if (r.partition != key.partition)
            continue;
        const qint64 first = std::max(r.begin, key.start);
        const qint64 last = std::min(r.end, key.start + m_pageSize) - 1;
        if (first > last)
            continue;
        const qint64 a = m_firstRow[i] + (first - r.begin);
        const qint64 b = m_firstRow[i] + (last - r.begin);
        span = span ? RowSpan{std::min(span->first, a), std::max(span->second, b)} : RowSpan{a, b};
    }
    return span;
}

void MessagePager::evict()
{
    while (int(m_pages.size()) > m_maxPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(), [](const auto &a, const auto &b) {
            return a.second.lastUse < b.second.lastUse;
        });
        m_pages.erase(oldest);
    }
}

std::optional<MessagePager::RowSpan> MessagePager::rowsForExtension(int partition, qint64 newEnd) const
{
    for (size_t i = 0; i < m_ranges.size(); ++i) {
        const PartitionRange &r = m_ranges[i];
        if (r.partition != partition)
            continue;
        if (newEnd <= r.end)
            return std::nullopt;
        const qint64 added = newEnd - std::max(r.end, r.begin);
        const qint64 first = m_firstRow[i] + r.size();
        return RowSpan{first, first + added - 1};
    }
    return std::nullopt;
}

void MessagePager::extend(int partition, qint64 newEnd)
{
    for (PartitionRange &r : m_ranges) {
        if (r.partition != partition || newEnd <= r.end)
            continue;
        // The page holding the old end may have been fetched short; fetch it again.
        const qint64 lastStart = r.end > 0 ? (r.end - 1) - (r.end - 1) % m_pageSize : 0;
        m_pages.erase(PageKey{partition, lastStart});
        m_pages.erase(PageKey{partition, r.end - r.end % m_pageSize});
        m_inFlight.erase(PageKey{partition, lastStart});
        r.end = newEnd;
    }
    recount();
}

bool MessageFilter::matchesText(const Record &record) const
{
    if (text.isEmpty())
        return true;
    const QByteArray needle = text.toUtf8().toLower();
    if (record.key && record.key->toLower().contains(needle))
        return true;
    return record.value && record.value->toLower().contains(needle);
}

bool MessageFilter::matches(const Record &record) const
{
    if (fromOffset && record.offset < *fromOffset)
        return false;
    if (toOffset && record.offset > *toOffset)
        return false;
    if (fromTimeMs && record.timestampMs < *fromTimeMs)
        return false;
    if (toTimeMs && record.timestampMs > *toTimeMs)
        return false;
    return matchesText(record);
}

} // namespace tidemark
