#pragma once

// The events pane's rows: a capped list of LogEntry values (oldest dropped first), filtered
// by kind. Thread: GUI thread only.
//
// Routine commits fold so they never push the story away: the routine commit lines of a
// group (LogEntry::isRoutineCommit) that follow each other make one row, which takes each
// next one in place (the latest time, the latest committed offset of each partition, the
// number of commits: "billing: committed orders[0] at 338, orders[2] at 120 · 14 commits").
// Any other line (a milestone, a rebalance, a commit with a reason, production, an error)
// closes the open rows, and the next commit of a group starts a new row below it. So between
// two moments of the story each group has one commit row, whatever the commit rate. The folding
// follows the log's order, not the kind filter: hiding and showing commits gives the same rows.

#include "core/EventLog.h"

#include <QAbstractTableModel>

#include <deque>
#include <map>
#include <set>

namespace tidemark {

class EventLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { TimeColumn, MessageColumn, ColumnCount }; // the message column reads "source: message"
    enum Role {
        KindRole = Qt::UserRole + 1,
        MilestoneRole,
        CommitLinesRole, // int: a routine commit row's commit lines folded into it (1 or more); 0 on other rows
    };

    explicit EventLogModel(int capacity = 5000, QObject *parent = nullptr);

    void append(const LogEntry &entry);
    void clear();
    // Kinds hidden from the rows (entries are still kept).
    void setHiddenKinds(const std::set<LogEntry::Kind> &kinds);
    const std::set<LogEntry::Kind> &hiddenKinds() const { return m_hidden; }

    // Rows kept, listed or not (folded commit lines count once).
    int totalCount() const { return int(m_rows.size()); }
    // A listed row's entry; a folded commit row's is the fold: the latest line's time, the
    // group as its source (the member while only one committed), the merged offsets, the
    // summed commits and the text that tells them.
    const LogEntry &entryAt(int row) const { return m_rows[m_visible[size_t(row)]].entry; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindName(LogEntry::Kind kind); // translated, for filters and tooltips

private:
    struct Row {
        LogEntry entry;
        int lines = 1;      // log lines folded into the row (only routine commits fold)
        qint64 firstMs = 0; // the first one's time
        struct Member {
            std::map<TopicPartition, qint64> committed;
            int commits = 0;
        };
        std::map<QString, Member> members; // a commit row's committers, for its tooltip
    };

    void fold(size_t index, const LogEntry &entry);
    void rebuildVisible();
    QString toolTip(const Row &row) const;

    int m_capacity;
    std::deque<Row> m_rows;
    std::deque<size_t> m_visible;          // indexes into m_rows, ascending
    std::map<QString, size_t> m_openFolds; // group -> its commit row that takes the next routine commit
    std::set<LogEntry::Kind> m_hidden;
};

} // namespace tidemark
