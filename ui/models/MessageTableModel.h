#pragma once

// The message table: a virtual model over one topic (all partitions or one), fetching pages
// of records on demand through AsyncBackend, so a topic of millions of records opens at
// once and only what is on screen is read.
//
// Modes:
//  - paged (no text filter): rows are the offset ranges of the partitions, after the offset
//    and time filters; pages come from MessagePager as the view asks for data().
//  - search (a filter in the filter language, core/RecordFilter.h): a complete scan
//    (core/RecordScan) of the ranges as they were when it started, oldest or newest first,
//    one batch per AsyncBackend call (never on the GUI thread); matching records are appended
//    as they are found, the first kKeptMatches kept as rows and the rest counted (export
//    gets them all). It can be paused, resumed and cancelled; the status always says how
//    much was scanned, where, how many matched and how fast.
// New records: the model watches its topic in the connection's BrokerState (twice a second)
// and appends rows whenever the state publishes new watermarks, live tail or not (live tail
// only makes the panel follow them), so "Records: N" is the number every panel shows.
//
// Thread: GUI thread only. Backend work runs through AsyncBackend in the model's RequestScope:
// answers for a topic or filter that changed in between are dropped before they arrive.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/MessagePager.h"
#include "core/RecordScan.h"
#include "core/RequestScope.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>

#include <memory>

#include <optional>

namespace tidemark {

class MessageTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageTableModel)

public:
    enum Column { PartitionColumn, OffsetColumn, TimestampColumn, KeyColumn, ValueColumn, ColumnCount };
    enum Role { RecordRole = Qt::UserRole + 1, PartitionRole, OffsetRole, LoadedRole };
    // Matches kept as rows; a search counts every match beyond them.
    static constexpr int kKeptMatches = 10000;
    enum class SearchState { Idle, Running, Paused, Cancelled, Done, Failed };

    explicit MessageTableModel(QObject *parent = nullptr);

    void setBackend(AsyncBackend *backend); // null: empty table
    void setTopic(const QString &topic);    // empty: no topic
    QString topic() const { return m_topic; }
    void setPartition(int partition); // -1: all partitions
    int partition() const { return m_partition; }
    // filter.text is in the filter language; an invalid one shows its error and no rows.
    void setFilter(const MessageFilter &filter);
    const MessageFilter &filter() const { return m_filter; }
    // Zone of the times in the filter text (tests inject one).
    void setFilterOptions(const FilterOptions &options) { m_filterOptions = options; }
    void setSearchOrder(RecordScan::Order order);
    // What a complete scan of the current rows would read: topic, partition, offset and time
    // range, the filter, the order (for exports: all matches, not just the rows kept).
    RecordScan::Options scanOptions() const;
    RecordScan::Order searchOrder() const { return m_order; }
    SearchState searchState() const { return m_searchState; }
    // What the current search has scanned and matched (all zero outside search mode).
    const RecordScan::Progress &searchProgress() const { return m_progress; }
    // How many matches a search keeps as rows, and records per search step (tests use small ones).
    void setSearchLimits(int keptMatches, int batch);
    void pauseSearch();
    void resumeSearch();
    void cancelSearch();
    void setLiveTail(bool on);
    bool liveTail() const { return m_liveTail; }
    // Asks the broker state for fresh watermarks (appends new records; reloads if the topic
    // changed shape).
    void refresh();
    // Rebuilds from scratch (the topic was recreated, offsets reset, ...).
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // (English source, shown text) of a column header: the panel's column widths are tuned to
    // the English texts and grow by what a translation needs more.
    static QPair<QString, QString> headerText(int column);
    // What the value column shows for a tombstone (a null value), in italics and muted.
    static QString tombstoneText() { return tr("null (tombstone)"); }

    std::optional<Record> recordAt(int row) const;
    // The row of (partition, offset) if it is in the current rows.
    std::optional<int> rowOf(int partition, qint64 offset) const;
    bool isLoading() const { return m_loadingRanges || m_scanning; }
    // "1,234 records", "12 matches (scan complete)", an error, ...
    QString statusText() const { return m_status; }

signals:
    void statusChanged(const QString &text);
    void loadingChanged(bool loading);
    // Rows were appended at the end by the live tail (the view may scroll to them).
    void tailAppended();
    // The rows were rebuilt (new topic, partition or filter) and are ready.
    void rowsReady();
    void searchStateChanged(tidemark::MessageTableModel::SearchState state);

private:
    void rebuild();
    void applyRanges(std::vector<PartitionRange> ranges);
    void requestPage(const MessagePager::PageKey &key) const;
    void startSearch();
    void scanNext();
    void setSearchState(SearchState state);
    void watch();
    void applyState(bool mayReload = true);
    void setStatus(const QString &text);
    void setLoading(bool ranges, bool scanning);
    QString rowStatus() const;
    const Record *recordPtr(int row) const;

    QPointer<AsyncBackend> m_backend;
    QString m_topic;
    int m_partition = -1;
    MessageFilter m_filter;
    bool m_liveTail = false;
    mutable RequestScope m_requests; // renewed by rebuild(): a new topic or filter
    bool m_loadingRanges = false;
    bool m_scanning = false;
    QString m_status;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_watch = 0;

    mutable MessagePager m_pager;  // paged mode (mutable: data() fills the cache)
    std::vector<Record> m_matches; // search mode: the first kKeptMatches matches
    FilterOptions m_filterOptions;
    RecordFilter m_where; // parsed m_filter.text
    RecordScan::Order m_order = RecordScan::Order::OldestFirst;
    // The scan: created on the GUI thread, then used by one AsyncBackend call at a time (each
    // step starts after the previous one was delivered here), never by two threads at once.
    std::shared_ptr<RecordScan> m_scanJob;
    std::shared_ptr<Backend> m_scanBackend; // keeps the scan's Backend alive
    RecordScan::Progress m_progress;        // as of the last delivered step
    bool m_stepInFlight = false;
    int m_keptMatches = kKeptMatches;
    int m_searchBatch = 5000;
    SearchState m_searchState = SearchState::Idle;
    QString m_searchError;
    QElapsedTimer m_activeTimer; // runs while the search runs (not while paused)
    qint64 m_activeMs = 0;       // time searched before the last pause
    bool m_searchMode = false;
};

} // namespace tidemark
