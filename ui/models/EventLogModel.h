#pragma once

// The events pane's rows: a capped list of LogEntry values (oldest dropped first), filtered
// by kind. Thread: GUI thread only.

#include "core/EventLog.h"

#include <QAbstractTableModel>

#include <deque>
#include <set>

namespace tidemark {

class EventLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { TimeColumn, MessageColumn, ColumnCount }; // the message column reads "source: message"
    enum Role { KindRole = Qt::UserRole + 1, MilestoneRole };

    explicit EventLogModel(int capacity = 5000, QObject *parent = nullptr);

    void append(const LogEntry &entry);
    void clear();
    // Kinds hidden from the rows (entries are still kept).
    void setHiddenKinds(const std::set<LogEntry::Kind> &kinds);
    const std::set<LogEntry::Kind> &hiddenKinds() const { return m_hidden; }

    int totalCount() const { return int(m_all.size()); }
    const LogEntry &entryAt(int row) const { return m_all[m_visible[size_t(row)]]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindName(LogEntry::Kind kind); // translated, for filters and tooltips

private:
    void rebuildVisible();

    int m_capacity;
    std::deque<LogEntry> m_all;
    std::deque<size_t> m_visible; // indexes into m_all
    std::set<LogEntry::Kind> m_hidden;
};

} // namespace tidemark
