#pragma once

// Feeds a TimelineModel from a Backend, in the background, reading only what the screen shows:
// the topic's partitions and watermarks and the groups that read it come from the connection's
// BrokerState (the loader watches them there, once a second, and applies every change the
// state publishes, in the same turn as every other view); record summaries are read at the
// level of detail of the visible range:
//  - where a lane's visible part holds at most kDenseRecordsPerColumn records per pixel
//    column, every record of it is read (newest first, batch by batch);
//  - elsewhere the lane is sampled: one probe (a few records, one small read; on Kafka one
//    record batch) per group of columns, coarse first and refined (32, 8, then 2 columns per
//    probe) so the first frame comes fast; probe offsets lie on a power-of-two grid, so the
//    probes of a coarser zoom are reused when zooming in. Samples go to the lane's LaneSamples
//    (sparse, bounded, LRU);
//  - a topic of at most completeLoadLimit() records is read completely, as before;
//  - loadRangeCompletely() reads a range completely on request, with progress and cancel.
// What the reads cost (SummaryFetch::bytesFetched, measured by the backend) is counted per
// topic view against fetchBudget() on Kafka; once spent, only an explicit range load reads
// more. Watermarks, committed offsets, positions, lag and markers never come from a sample.
// Also fetches one record for the hover card and applies offset resets.
//
// Thread: lives on the GUI thread. Every Backend call runs through AsyncBackend on its worker
// threads; results come back on the GUI thread. At most one summary read is in flight at a
// time, so the timeline never floods the shared pool. A generation counter drops answers that
// belong to a previous topic or backend.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/SummaryReads.h"
#include "core/timeline/TimelineModel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <set>

namespace tidemark {

class TimelineLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineLoader)

public:
    // At most this many records per pixel column are read completely; more are sampled.
    static constexpr int kDenseRecordsPerColumn = 4;
    // Records one probe asks for (Kafka answers with at most the first batch's).
    static constexpr int kProbeRecords = 16;
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
    bool pickDense(int lane, qint64 lo, qint64 hi, PlannedRead &read) const;
    bool pickProbe(int lane, qint64 lo, qint64 hi, int columns, PlannedRead &read) const;
    bool isCovered(int lane, qint64 from, qint64 to) const;
    qint64 topicRecordCount() const;
    void onRangeAnswer(const PlannedRead &read, std::vector<RecordSummary> &records, quint64 generation);
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
    quint64 m_generation = 0;
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
