#pragma once

// An optional capability of a Backend (core/Backend.h): a window of one partition read and
// tested against a search's predicate in one call, so that a backend which holds the bytes
// can test records where they lie and copy only the matches. What core/RecordScan runs for
// each batch. The built-in broker implements it (LocalBackend: the predicate pushed down to
// the segment read buffers); scanFiltered() below falls back to fetch() and testing each
// Record for every other backend (Kafka, the tests' fake, wrappers of any backend), with the
// same result, byte for byte (tests/logbroker/tst_logbroker_pushdown).
//
// Threads: as Backend (any thread; the implementation is thread-safe). A ScanPredicate is
// immutable once built; matches() may be called from any number of threads.

#include "core/Backend.h"
#include "core/RecordFilter.h"

#include <optional>
#include <vector>

namespace tidemark {

// What a scan tests each record against: the filter and the scan's own time range
// (inclusive; an unset side is unbounded).
struct ScanPredicate {
    RecordFilter filter;
    std::optional<qint64> fromTimeMs, toTimeMs;

    bool matches(const RecordView &record) const
    {
        if (fromTimeMs && record.timestampMs < *fromTimeMs)
            return false;
        if (toTimeMs && record.timestampMs > *toTimeMs)
            return false;
        return filter.matches(record);
    }
};

// What one scanFiltered call read.
struct FilteredRead {
    qint64 next = 0;    // offset after the last record read: `until` once the window is read
    qint64 scanned = 0; // records read and tested against the predicate
};

class FilteredScanner {
public:
    virtual ~FilteredScanner() = default;
    // Reads the records of `tp` in [from, until), in offset order, tests each against
    // `predicate` and appends those that match to `matches`. All or nothing: an Error leaves
    // `matches` as it was, so a retry reads the same window again; bad data anywhere in the
    // window is an Error, as Backend::fetch() reports it, never a silent gap. The matches are
    // exactly the records fetch() returns for which predicate.matches() holds.
    virtual Result<FilteredRead> scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                              const ScanPredicate &predicate, std::vector<Record> &matches) = 0;
};

// Through FilteredScanner if `backend` has it; else the window is read with fetch() (as many
// calls as the broker needs) and each Record tested, with the same contract.
Result<FilteredRead> scanFiltered(Backend &backend, const TopicPartition &tp, qint64 from, qint64 until,
                                  const ScanPredicate &predicate, std::vector<Record> &matches);
// The fallback alone (fetch and test), whatever `backend` can do: the peer of the pushdown in
// its test and benchmark.
Result<FilteredRead> fetchAndFilter(Backend &backend, const TopicPartition &tp, qint64 from, qint64 until,
                                    const ScanPredicate &predicate, std::vector<Record> &matches);

} // namespace tidemark
