#include "core/FilteredScan.h"

#include <algorithm>
#include <limits>

namespace tidemark {

Result<FilteredRead> scanFiltered(Backend &backend, const TopicPartition &tp, qint64 from, qint64 until,
                                  const ScanPredicate &predicate, std::vector<Record> &matches)
{
    if (auto *scanner = dynamic_cast<FilteredScanner *>(&backend))
        return scanner->scanFiltered(tp, from, until, predicate, matches);
    return fetchAndFilter(backend, tp, from, until, predicate, matches);
}

Result<FilteredRead> fetchAndFilter(Backend &backend, const TopicPartition &tp, qint64 from, qint64 until,
                                    const ScanPredicate &predicate, std::vector<Record> &matches)
{
    // The window, read in as many fetches as the broker needs (a fetch may return fewer
    // records than asked, e.g. capped in bytes), then tested.
    std::vector<Record> records;
    qint64 at = from;
    while (at < until) {
        auto fetched = backend.fetch(tp, at, int(std::min<qint64>(until - at, std::numeric_limits<int>::max())));
        if (!fetched)
            return fetched.error();
        if (fetched->empty()) {
            // Nothing more below `until`: offsets without records (Kafka's transaction
            // markers, a compacted tail). The window is read.
            at = until;
            break;
        }
        bool pastWindow = false;
        for (Record &record : *fetched) {
            if (record.offset >= until) {
                pastWindow = true;
                break;
            }
            at = record.offset + 1;
            records.push_back(std::move(record));
        }
        if (pastWindow) {
            // A record beyond the window: the offsets up to `until` hold none. The window is
            // read (left at the last record, the next window would start here again).
            at = until;
            break;
        }
    }
    FilteredRead read;
    read.next = at;
    read.scanned = qint64(records.size());
    for (Record &record : records) {
        if (predicate.matches(RecordView::of(record)))
            matches.push_back(std::move(record));
    }
    return read;
}

} // namespace tidemark
