#pragma once

// Feeds a TimelineModel from a Backend, in the background, reading only what the screen shows:
// the topic's partitions and watermarks and the groups that read it come from the connection's
// BrokerState (the loader watches them there, once a second, and applies every change the
// state publishes, in the same turn as every other view); record summaries are read at the
// level of detail of the visible range:
//  - where a lane's visible part holds at most kDenseRecordsPerColumn records per pixel
//    column (or so few that probes every 2 columns would bring them all), every record of it
//    is read (newest first; a zoomed-in window of up to kWindowReadRecords per lane in one
//    read, so each Kafka batch is fetched once);
//  - elsewhere the lane is sampled: one probe (one small read: on Kafka one record batch, all
//    of whose records from the probed offset on are used, since its bytes are paid anyway) per
//    group of columns, coarse first and refined level by level (256, 64, 16, 4, then 2 columns
//    per probe; every lane's coarse pass before any lane's finer one), so a first frame of the
//    whole range comes after a handful of probes; probe offsets lie on a power-of-two grid, so
//    the probes of a coarser zoom are reused when zooming in. Refining stops where probes
//    would cost more than kOverviewShare of the visible range's bytes (estimated from what
//    probes cost and the sizes of the records they brought; at least kRefineFloorBytes may
//    always be spent): on Kafka a probe costs a whole batch, so the finest levels are probed
//    only on a large enough range. Samples go to the lane's LaneSamples (sparse, bounded, LRU);
//  - a topic of at most completeLoadLimit() records is read completely, as before;
//  - loadRangeCompletely() reads a range completely on request, with progress and cancel.
// What the reads cost (SummaryFetch::bytesFetched, measured by the backend) is counted per
// topic view against fetchBudget() on Kafka; once spent, only an explicit range load reads
// more. Watermarks, committed offsets, positions, lag and markers never come from a sample.
// Also fetches one record for the hover card and applies offset resets.
//
// Thread: lives on the GUI thread. Every Backend call runs through AsyncBackend on its worker
// threads; results come back on the GUI thread. At most one summary read is in flight at a
// time, so the timeline never floods the shared pool. Answers that belong to a previous topic
// or backend are dropped by the loader's RequestScope.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/RequestScope.h"
#include "core/SummaryReads.h"
#include "core/timeline/TimelineModel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <limits>
#include <map>
#include <set>

namespace tidemark {

class TimelineLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineLoader)

public:
    // At most this many records per pixel column are read completely; more are sampled.
    static constexpr int kDenseRecordsPerColumn = 4;
    // Records a probe brings from a backend without batches (readSummaries' fallback).
    static constexpr int kProbeRecords = kFallbackProbeRecords;
    // Records a probe asks for: on Kafka it returns the rest of the one batch it fetched.
    static constexpr int kProbeMaxRecords = 4096;
    // Probes (past the coarse pass) stop where they would cost more than this share of the
    // visible range's bytes (half of the 1% goal of issue 16: the estimates run ahead of the
    // byte counts, which lag by up to a statistics interval on Kafka) ...
    static constexpr double kOverviewShare = 0.005;
    // ... but a view may always spend this much on refining (a zoomed-in range is small).
    static constexpr qint64 kRefineFloorBytes = 1024 * 1024;
    // A zoomed-in window of up to this many records per lane is read in one read: a backend
    // that moves whole batches (Kafka) then fetches each of its batches once (a read that stops
    // inside a batch leaves that batch to be fetched again by the next read).
    static constexpr int kWindowReadRecords = 16384;
    // Columns per probe of each refinement level, coarse first.
    static constexpr int kProbeLevels = 5;
    static constexpr int kColumnsPerProbe[kProbeLevels] = {256, 64, 16, 4, 2};
    static constexpr qint64 kDefaultFetchBudgetBytes = 50LL * 1024 * 1024;
    static constexpr qint64 kDefaultCompleteLoadLimit = 100'000;

    explicit TimelineLoader(TimelineModel *model, QObject *parent = nullptr);
    ~TimelineLoader() override;

    // nullptr stops all loading (the model keeps what it has until setTopic()).
    void setBackend(AsyncBackend *backend);
    AsyncBackend *backend() const { return m_backend; }
    // Starts over for `topic` (empty: nothing); the fetch budget starts over too.
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }

    void setPollInterval(int msecs);
    int pollInterval() const { return m_pollIntervalMs; }
    void setBatchSize(int records) { m_batchSize = qMax(1, records); }
    // The offsets on screen and the pixel columns they span (the resolution to load at).
    void setVisibleRange(double from, double to, int columns);
    void setVisibleRange(double from, double to) { setVisibleRange(from, to, m_columns); }

    // Bytes one topic view may read from a Kafka cluster (the built-in broker reads its own
    // files and is not limited). The count restarts with setTopic().
    void setFetchBudget(qint64 bytes);
    qint64 fetchBudget() const { return m_budgetBytes; }
    bool budgetApplies() const;
    bool isBudgetSpent() const { return budgetApplies() && m_bytesFetched >= m_budgetBytes; }
    // Bytes read for this topic view so far (what the backend measured), and in how many reads.
    qint64 bytesFetched() const { return m_bytesFetched; }
    qint64 recordsFetched() const { return m_recordsFetched; }
    int readCount() const { return m_reads; }
    // A topic of at most this many records is read completely (default 100,000).
    void setCompleteLoadLimit(qint64 records);
    qint64 completeLoadLimit() const { return m_completeLimit; }

    // Reads every record in [from, to) of every lane, budget or not (the user asked for it).
    // estimateRangeBytes() is what it will probably cost (from what reads cost so far).
    qint64 missingRecordsIn(double from, double to) const;
    qint64 estimateRangeBytes(double from, double to) const;
    void loadRangeCompletely(double from, double to);
    void cancelRangeLoad();
    bool isLoadingRange() const { return m_rangeActive; }

    // Asks the broker state to poll now (watermarks and groups), then keeps loading.
    void refresh();
    // True when nothing is in flight and nothing is left to read at the current level of
    // detail (within the budget).
    bool isIdle() const;
    // A read is in flight or waiting (what the legend calls "loading…").
    bool isLoading() const;
    // Every record of every lane is loaded (no sample stands in for any).
    bool isFullyLoaded() const;
    // Every lane's visible range is drawn at least coarsely: its coarse probes (one per
    // kColumnsPerProbe[0] columns) are in, or, where it is read completely, it is loaded. The
    // first frame of the whole range; finer levels refine it.
    bool isCoarsePassDone() const;
    // What probes cost so far for this topic view: reads, bytes (as measured), records brought.
    int probeCount() const { return m_probeReads; }
    qint64 probeBytes() const { return m_probeBytes; }

    // Fetches one record (for its key and exact timestamp); answers with recordReady.
    void requestRecord(int partition, qint64 offset);
    // Sets a group's committed offset for one partition; answers with resetFinished.
    void resetOffset(const QString &groupId, int partition, qint64 offset);

signals:
    void recordReady(int partition, qint64 offset, const tidemark::Record &record);
    // `error` is empty on success.
    void resetFinished(const QString &groupId, int partition, qint64 offset, const QString &error);
    // A problem a person should see (topic missing, broker unreachable); repeated problems
    // are reported once until they go away.
    void errorOccurred(const QString &message);
    void idleChanged(bool idle);
    // The bytes read for this topic view changed (budget display).
    void fetchedChanged(qint64 bytes, qint64 budget);
    // A range load's progress: records of the range loaded so far of `total`, bytes read by it.
    void rangeLoadProgress(qint64 loaded, qint64 total, qint64 bytes);
    // The range load ended: complete, or cancelled.
    void rangeLoadFinished(bool complete);

private:
    struct PlannedRead {
        int partition = -1;
        qint64 from = 0;
        int maxRecords = 0;
        SummaryRead how = SummaryRead::Range;
        qint64 probeCell = 0; // Probe: the grid cell's width (offsets)
    };
    void watch();
    void applyTopic();
    void applyGroups();
    void scheduleFetch();
    bool pickFetch(PlannedRead &read) const;
    // The offsets to load at the screen's resolution (no view yet: every lane's whole range).
    void visibleSpan(double &from, double &to) const;
    // `batch`: records per read (0: setBatchSize()'s).
    bool pickDense(int lane, qint64 lo, qint64 hi, PlannedRead &read, int batch = 0) const;
    struct ProbeLimits {
        qint64 minCell = std::numeric_limits<qint64>::max(); // finer cells cost too much
        bool spent = false;                                  // the view's refining allowance is spent
    };
    ProbeLimits probeLimits(qint64 visibleRecords) const;
    double recordsPerProbe() const;
    bool isDenseRange(qint64 records, int columns) const;
    static qint64 levelCell(qint64 records, int columns, int level);
    bool pickProbe(int lane, qint64 lo, qint64 hi, int columns, int level, const ProbeLimits &limits,
                   PlannedRead &read) const;
    bool isCovered(int lane, qint64 from, qint64 to) const;
    qint64 topicRecordCount() const;
    void onRangeAnswer(const PlannedRead &read, std::vector<RecordSummary> &records);
    void reportError(const QString &message);
    void clearError();
    void updateIdle();
    void updateRangeProgress();

    TimelineModel *m_model;
    QPointer<AsyncBackend> m_backend;
    QString m_topic;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_topicWatch = 0;
    BrokerState::Watch m_groupsWatch = 0;
    int m_pollIntervalMs = 1000;
    RequestScope m_requests; // renewed by setTopic(): a new topic or backend
    bool m_fetchInFlight = false;
    int m_batchSize = 4096;
    double m_visibleFrom = 0;
    double m_visibleTo = 0;
    int m_columns = 1000;
    mutable int m_nextLane = 0;
    std::map<std::pair<int, qint64>, int> m_emptyAnswers; // (partition, offset) -> count
    std::set<std::pair<int, qint64>> m_probed;            // (partition, grid offset) answered empty
    // Per (lane, grid cell width): the grid row being probed, and the next offset to look at
    // (everything above it is covered). Reset when the visible range changes.
    struct ProbeCursor {
        qint64 top = -1;
        qint64 start = 0;
        qint64 next = 0;
    };
    mutable std::map<std::pair<int, qint64>, ProbeCursor> m_probeCursors;
    qint64 m_budgetBytes = kDefaultFetchBudgetBytes;
    qint64 m_completeLimit = kDefaultCompleteLoadLimit;
    qint64 m_bytesFetched = 0;
    qint64 m_recordsFetched = 0;
    int m_reads = 0;
    // Probes of this topic view: what they cost, what they brought (for the level limits).
    int m_probeReads = 0;
    qint64 m_probeBytes = 0;
    qint64 m_probeRecords = 0;
    qint64 m_probeRecordBytes = 0; // their records' key + value + kRecordOverheadBytes
    qint64 m_viewProbeBytes = 0;   // since the visible range last changed
    // The explicit range load.
    bool m_rangeActive = false;
    double m_rangeFrom = 0;
    double m_rangeTo = 0;
    qint64 m_rangeTotal = 0;
    qint64 m_rangeBytes = 0;
    qint64 m_recordSerial = 0;
    QString m_lastError;
    bool m_idle = true;
};

} // namespace tidemark
