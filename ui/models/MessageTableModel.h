#pragma once

// The message table: a virtual model over one topic (all partitions or one), fetching pages
// of records on demand through AsyncBackend, so a topic of millions of records opens at
// once and only what is on screen is read.
//
// Modes:
//  - paged (no text filter): rows are the offset ranges of the partitions, after the offset
//    and time filters; pages come from MessagePager as the view asks for data().
//  - search (text filter set): a background scan over the ranges collects matching records
//    (at most kMaxMatches), appended as they are found.
// New records: the model watches its topic in the connection's BrokerState (twice a second)
// and appends rows whenever the state publishes new watermarks, live tail or not (live tail
// only makes the panel follow them), so "Records: N" is the number every panel shows.
//
// Thread: GUI thread only. Backend work runs through AsyncBackend; results carry the model's
// generation and are dropped when the topic or the filter changed in between.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/MessagePager.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>

namespace tidemark {

class MessageTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageTableModel)

public:
    enum Column { PartitionColumn, OffsetColumn, TimestampColumn, KeyColumn, ValueColumn, ColumnCount };
    enum Role { RecordRole = Qt::UserRole + 1, PartitionRole, OffsetRole, LoadedRole };
    static constexpr int kMaxMatches = 10000;

    explicit MessageTableModel(QObject *parent = nullptr);

    void setBackend(AsyncBackend *backend); // null: empty table
    void setTopic(const QString &topic);    // empty: no topic
    QString topic() const { return m_topic; }
    void setPartition(int partition); // -1: all partitions
    int partition() const { return m_partition; }
    void setFilter(const MessageFilter &filter);
    const MessageFilter &filter() const { return m_filter; }
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

private:
    struct ScanState {
        std::vector<qint64> scannedTo; // per range in m_ranges: next offset to search
        qint64 scanned = 0;
    };
    void rebuild();
    void applyRanges(std::vector<PartitionRange> ranges, quint64 generation);
    void requestPage(const MessagePager::PageKey &key) const;
    void scanNext();
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
    quint64 m_generation = 0;
    bool m_loadingRanges = false;
    bool m_scanning = false;
    QString m_status;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_watch = 0;

    mutable MessagePager m_pager;         // paged mode (mutable: data() fills the cache)
    std::vector<Record> m_matches;        // search mode
    std::vector<PartitionRange> m_ranges; // search mode: what is being scanned
    ScanState m_scan;
    bool m_searchMode = false;
};

} // namespace tidemark
