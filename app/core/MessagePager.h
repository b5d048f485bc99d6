#pragma once

// The paging cache behind the message table: maps table rows to (partition, offset) over
// one or more partition ranges and keeps recently used pages of records, so a topic of
// millions of records opens instantly and only what is on screen is ever fetched.
//
// Rows are the ranges laid end to end in the order given (all of partition 0's range, then
// partition 1's, ...); offsets are dense (Backend.h), so row -> offset is arithmetic. Pages
// are aligned to absolute offsets (offset - offset % pageSize), so a page stays valid when
// a range grows (live tail) or its lower bound moves (offset filter).
//
// Thread: not thread-safe; owned and used by one thread (the message table model on the
// GUI thread). Fetching is the owner's job: claim() says which page to fetch, store()
// takes the result.

#include "core/Record.h"

#include <QString>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace tidemark {

struct PartitionRange {
    int partition = -1;
    qint64 begin = 0; // first offset shown
    qint64 end = 0;   // one past the last offset shown
    qint64 size() const { return end > begin ? end - begin : 0; }
};

class MessagePager {
public:
    struct Location {
        int partition = -1;
        qint64 offset = -1;
    };
    struct PageKey {
        int partition = -1;
        qint64 start = 0;
        friend bool operator<(const PageKey &a, const PageKey &b)
        {
            return a.partition < b.partition || (a.partition == b.partition && a.start < b.start);
        }
        friend bool operator==(const PageKey &, const PageKey &) = default;
    };
    using RowSpan = std::pair<qint64, qint64>; // first and last row, inclusive

    explicit MessagePager(int pageSize = 200, int maxPages = 64);

    // New rows; drops every cached page and forgets requests in flight.
    void reset(const QString &topic, std::vector<PartitionRange> ranges);
    const QString &topic() const { return m_topic; }
    const std::vector<PartitionRange> &ranges() const { return m_ranges; }
    int pageSize() const { return m_pageSize; }

    qint64 rowCount() const { return m_rowCount; }
    std::optional<Location> locate(qint64 row) const;
    std::optional<qint64> rowOf(int partition, qint64 offset) const;

    // The cached record at `row`; nullptr if its page is not loaded (or the record was not
    // in the page, e.g. past the end when it was fetched).
    const Record *record(qint64 row);
    PageKey pageOf(const Location &location) const;
    // Where to fetch `key` from and how many records: pages are aligned to absolute offsets,
    // but a fetch must not start below the first offset shown (the log start after retention,
    // which brokers refuse to read below).
    std::pair<qint64, int> fetchWindow(const PageKey &key) const;

    // True if `key` is neither cached nor in flight; then marks it in flight.
    bool claim(const PageKey &key);
    bool isInFlight(const PageKey &key) const { return m_inFlight.count(key) > 0; }
    bool hasPage(const PageKey &key) const { return m_pages.count(key) > 0; }
    // Stores a fetched page and returns the rows it covers, if any are in the current ranges.
    std::optional<RowSpan> store(const PageKey &key, std::vector<Record> records);
    void fail(const PageKey &key) { m_inFlight.erase(key); }

    // Live tail: the rows that extending `partition` to `newEnd` would insert (to bracket
    // with beginInsertRows), then the extension itself. Pages that were short at the old end
    // are dropped so they are fetched again with the new records.
    std::optional<RowSpan> rowsForExtension(int partition, qint64 newEnd) const;
    void extend(int partition, qint64 newEnd);

    int cachedPages() const { return int(m_pages.size()); }

private:
    struct Page {
        std::vector<Record> records; // sorted by offset
        quint64 lastUse = 0;
    };
    void recount();
    void evict();

    QString m_topic;
    std::vector<PartitionRange> m_ranges;
    std::vector<qint64> m_firstRow; // row of each range's first offset
    qint64 m_rowCount = 0;
    int m_pageSize;
    int m_maxPages;
    quint64 m_useCounter = 0;
    std::map<PageKey, Page> m_pages;
    std::map<PageKey, bool> m_inFlight;
};

// What the message table's filter accepts: text in the key or value (case-insensitive),
// an offset range and a time range. Offsets and times are applied to the ranges (cheap);
// text is applied record by record (a scan).
struct MessageFilter {
    QString text;
    std::optional<qint64> fromOffset;
    std::optional<qint64> toOffset; // inclusive
    std::optional<qint64> fromTimeMs;
    std::optional<qint64> toTimeMs; // inclusive

    bool hasText() const { return !text.isEmpty(); }
    bool matchesText(const Record &record) const;
    bool matches(const Record &record) const; // text, offsets and times
    friend bool operator==(const MessageFilter &, const MessageFilter &) = default;
};

} // namespace tidemark
