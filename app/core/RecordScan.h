#pragma once

// A complete scan of a topic's records through the Backend interface, with a filter: what
// `tidemark-cli export`/`consume --where` and the Messages panel's search run. It reads every
// record in the planned ranges (no cap, no time limit), counts what it read, and keeps
// nothing itself: matches go to the caller batch by batch, who decides how many to keep.
//
// Ranges: per partition, [log start, high watermark) taken once when planning (records
// appended later are not part of this scan), narrowed by the options' offset range, by the
// options' time range (through Backend::offsetForTimestamp, as Kafka's offsets-for-times:
// first offset at or after the time) and by the partitions and offsets the filter itself
// bounds. Records are still checked against the offset and time ranges one by one, so an
// out-of-order timestamp never slips in. Partitions are read round robin, one batch at a
// time, oldest first (ascending offsets) or newest first (descending offsets).
//
// Each batch is one scanFiltered() call (core/FilteredScan.h): the built-in broker tests the
// records in its segment buffers and copies only the matches (the predicate pushed down to
// storage); other backends fetch and test Records. Both give the same matches, byte for byte
// (tests/logbroker/tst_logbroker_pushdown).
//
// Partitions in parallel (Options::threads > 1, or left automatic on the built-in broker and Kafka):
// while the caller works through one batch, the next batches in the same round-robin order
// are read ahead on worker threads the scan owns, at most `threads` batches at once (one per
// partition while there are as many partitions). step() still hands out exactly the
// batches, matches, progress and errors of the sequential scan, in the same order; only the
// waiting is shorter. A batch read ahead is held until its step, so pausing (not calling
// step()) stops reading after those, and an error is reported at the step that reads its
// batch (the read-ahead is then dropped, and a retry reads from where the scan was). The
// backend is called from the workers: Backend's contract (thread-safe) is all it needs.
//
// Thread: not thread-safe; owned by one thread, which may block in plan() and step() (they
// call Backend methods): a worker thread in the app, the main thread in the CLI. Pausing is
// not calling step(); cancelling is not calling it again (destroying the scan waits for the
// batches being read ahead, at most `threads` of them).

#include "core/Backend.h"
#include "core/FilteredScan.h"
#include "core/RecordFilter.h"

#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace tidemark {

class RecordScan {
public:
    enum class Order { OldestFirst, NewestFirst };
    struct Options {
        QString topic;
        std::vector<int> partitions;                // empty: all of the topic's partitions
        std::optional<qint64> fromOffset, toOffset; // inclusive
        std::optional<qint64> fromTimeMs, toTimeMs; // inclusive
        RecordFilter filter;                        // must be valid; empty matches everything
        Order order = Order::OldestFirst;
        int batchSize = 1000; // records per fetch
        // Batches read at once (see above); 1: all on the caller's thread. 0: on the built-in
        // broker (Backend::kind() "local", where the scan is CPU-bound in the segment buffers)
        // one per partition, at most the machine's cores and 4; on Kafka ("kafka", where a
        // batch mostly waits for its partition's fetches) one per partition, at most 4
        // (bench_search_kafka, 1M orders in 3 partitions on 2 cores: 1.5-2x the records/s of
        // one thread); elsewhere 1.
        int threads = 0;
    };
    struct Range {
        int partition = -1;
        qint64 begin = 0; // first offset in the scan
        qint64 end = 0;   // one past the last
        qint64 next = 0;  // oldest first: next offset to read; newest first: one past the next to read
        qint64 size() const { return end > begin ? end - begin : 0; }
        bool done(Order order) const { return order == Order::OldestFirst ? next >= end : next <= begin; }
    };
    struct Progress {
        qint64 scanned = 0; // records read and tested
        // Records in the planned ranges: planned as offsets, less the offsets the scan has
        // found without a record (Kafka's transaction markers, aborted or compacted records),
        // so that a finished scan has scanned == total.
        qint64 total = 0;
        qint64 matches = 0;
        std::vector<int> partitions; // the partitions being scanned, ascending
        bool done = false;
    };

    RecordScan(Backend &backend, Options options);
    ~RecordScan();
    RecordScan(const RecordScan &) = delete;
    RecordScan &operator=(const RecordScan &) = delete;

    // Describes the topic and sets the ranges. Errors: the topic or a partition does not
    // exist, an invalid filter, the broker is unreachable.
    Status plan();
    // Reads one batch from the next partition and appends its matches to `matches` (in scan
    // order). Returns whether records remain. Errors leave the scan where it was (a retry
    // reads the same batch again).
    Result<bool> step(std::vector<Record> &matches);

    const Progress &progress() const { return m_progress; }
    const std::vector<Range> &ranges() const { return m_ranges; }
    const Options &options() const { return m_options; }
    // The batches read ahead and not handed out yet, and how many of those are read: once
    // `read == started`, nothing more is read until the next step() (what tests count on
    // instead of waiting to see that nothing happens).
    struct ReadAheadState {
        int started = 0;
        int read = 0;
    };
    ReadAheadState readAhead() const;

private:
    struct Window {
        size_t range = 0;
        qint64 from = 0, until = 0;
    };
    class ReadAhead;

    // The batch step() reads next from the ranges' state at `cursor` (advanced past it), or
    // nothing when every range is done.
    std::optional<Window> nextWindow(std::vector<Range> &ranges, size_t &cursor) const;
    // Applies a batch's outcome to the ranges and progress, as the sequential scan does.
    Result<bool> finish(const Window &w, const Result<FilteredRead> &read, std::vector<Record> &matches,
                        size_t firstMatch);

    Backend &m_backend;
    Options m_options;
    std::vector<Range> m_ranges;
    ScanPredicate m_predicate; // the options' filter and time range
    size_t m_cursor = 0;       // index into m_ranges of the partition read next
    Progress m_progress;
    int m_threads = 1;                      // Options::threads, decided by plan()
    std::unique_ptr<ReadAhead> m_readAhead; // threads > 1: the workers and the batches in flight
};

} // namespace tidemark

namespace tidemark {

// Runs a whole RecordScan into a file: JSON lines (docs/json-lines.md, what `tidemark-cli
// produce --format json` reads back) or CSV (core/JsonLines.h). Written through QSaveFile:
// the file appears complete or not at all (cancelled, failed). Blocking: call it on a worker
// thread. `state` is shared with the thread that shows progress and may cancel.
struct ExportState {
    std::atomic<qint64> scanned{0};
    std::atomic<qint64> total{0};
    std::atomic<qint64> written{0};
    std::atomic<bool> cancel{false};
};
enum class ExportFormat { JsonLines, Csv };
// The number of records written, or an Error (Cancelled if `state.cancel` was set).
Result<qint64> exportScan(Backend &backend, const RecordScan::Options &options, const QString &path,
                          ExportFormat format, ExportState &state);

} // namespace tidemark
