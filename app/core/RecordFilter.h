#pragma once

// The one filter language of Tidemark: the Messages panel's filter box, the timeline's
// highlights and `tidemark-cli consume --where` all parse it here and evaluate it the same
// way. docs/filter-language.md is the user's reference; in short:
//
//   key == "order-7"                    key or value bytes: == != contains ~ !~ in (...)
//   value contains "535"                ("\xff" escapes for bytes that are not text)
//   key ~ /^order-\d+$/i                regular expressions (/.../ with flags i s m, or a string)
//   value.user_id == "00042"            JSON paths on JSON values: .name ["name"] [2] [*]
//   value.total_price > 1000            (numbers compare as numbers, strings as strings;
//   value.items[*].product_id == "535"   [*]: any element)
//   header.trace-id exists              header presence; header["x y"] == "1"; any of
//   header.source == "web"              repeated headers may match
//   partition in (0, 2)  offset >= 100  integers: == != < <= > >= in (...)
//   timestamp >= "2026-12-06 10:00"     times in the filter's time zone (or "...Z", "+01:00",
//   timestamp == "2026-12-06"           or epoch milliseconds); a time means its whole
//                                       second/minute/day: == is "within", < "before it"
//   value is null   value is empty      tombstones (a null value) and empty values
//   size > 1024                         key + value bytes
//   "needle"   /needle/i                shorthand: key or value contains / matches
//   needle     00042                    a bare word: key or value contains it, any case
//   not (a or b) and c                  and/or/not (also && || !), parentheses
//
// `!=` and `!~` are the negation of `==` and `~`: `value.x != 5` holds when no value at the
// path equals 5, including when the path is missing. Every other comparison is false on a
// missing path, a null key or value, or a value of another JSON type.
//
// A filter that does not parse is invalid and says why and where (error()); it never
// matches silently nothing.
//
// Thread safety: a parsed RecordFilter is immutable; copies share the parsed tree, and
// matches() may be called from any number of threads at once.

#include "core/Record.h"

#include <QByteArrayView>
#include <QString>
#include <QTimeZone>

#include <memory>
#include <optional>
#include <vector>

namespace tidemark {

// A record as the filter sees it: borrowed bytes, so a reader can test a record before
// copying it anywhere. A null key or value has isNull set (its bytes are then ignored).
struct RecordView {
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = 0;
    bool keyIsNull = true;
    QByteArrayView key;
    bool valueIsNull = false;
    QByteArrayView value;
    const std::vector<Header> *headers = nullptr; // null: no headers

    static RecordView of(const Record &record);
};

struct FilterOptions {
    // Zone of the times written without one ("2026-12-06 10:00"). Tests inject a fixed one.
    QTimeZone timeZone = QTimeZone::systemTimeZone();
};

struct FilterError {
    int position = 0; // index of the offending character in the filter text (0-based)
    int length = 1;   // how many characters the problem spans (at least 1)
    QString message;  // what is wrong and what was expected, for people

    // "column 12: expected ..." (columns count from 1).
    QString toString() const;
};

// What the filter says about a record known only by its summary.
enum class SummaryMatch { No, Yes, NeedsRecord };

class RecordFilter {
public:
    // The empty filter: valid, matches every record.
    RecordFilter();
    ~RecordFilter();
    RecordFilter(const RecordFilter &);
    RecordFilter &operator=(const RecordFilter &);
    RecordFilter(RecordFilter &&) noexcept;
    RecordFilter &operator=(RecordFilter &&) noexcept;

    // Parses `text`. Blank text gives the empty filter.
    static RecordFilter parse(const QString &text, const FilterOptions &options = {});

    bool isValid() const { return !m_error.has_value(); }
    bool isEmpty() const; // valid and matches everything (blank text)
    const std::optional<FilterError> &error() const { return m_error; }
    const QString &text() const { return m_text; }
    QTimeZone timeZone() const { return m_timeZone; }
    // "Europe/Berlin (UTC+01:00)": how the UI and the CLI show which zone times are read in.
    QString timeZoneLabel() const;
    // True if the filter compares timestamps (then the zone is worth showing).
    bool usesTimestamps() const;

    // False for an invalid filter.
    bool matches(const RecordView &record) const;
    bool matches(const Record &record) const { return matches(RecordView::of(record)); }
    // Without key and value bytes or headers: Yes/No when the summary decides (partition,
    // offset, timestamp, size, null key or value; a key equality that the key hash rules
    // out), NeedsRecord otherwise.
    SummaryMatch matchesSummary(const RecordSummary &summary, int partition) const;
    // True if matches() may look at key or value bytes or headers.
    bool needsPayload() const;
    // True if matches() may look at headers (a reader that has them only encoded decodes
    // them for such a filter alone).
    bool needsHeaders() const;

    // Conservative bounds implied by the filter's top-level "and" terms: every matching record
    // lies within them, so a scan may skip what is outside. Unbounded sides are nullopt.
    struct Bounds {
        std::optional<std::vector<int>> partitions; // sorted, distinct
        std::optional<qint64> minOffset, maxOffset; // inclusive
        std::optional<qint64> minTimeMs, maxTimeMs; // inclusive
    };
    Bounds bounds() const;

    struct Node;

private:
    QString m_text;
    QTimeZone m_timeZone;
    std::optional<FilterError> m_error;
    std::shared_ptr<const Node> m_root; // null: empty or invalid
};

} // namespace tidemark
