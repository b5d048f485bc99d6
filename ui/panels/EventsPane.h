#pragma once

// The log/events pane: rebalances, commits, production, topics, connections and errors,
// each with its time (from the injected clock), newest at the bottom. Kind filters, clear,
// and it follows the newest entry while scrolled to the bottom. Thread: GUI thread.

#include "core/Clock.h"
#include "core/EventLog.h"

#include <QWidget>

#include <map>

class QTreeView;
class QAction;
class QLabel;

namespace tidemark {

class EventLogModel;

class EventsPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPane)

public:
    explicit EventsPane(Clock clock, QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

public slots:
    // Stamps entries that have no time (timestampMs == 0) with the clock.
    void addEntry(const tidemark::LogEntry &entry);
    void add(tidemark::LogEntry::Kind kind, const QString &source, const QString &message);
    void clear();

private:
    void updateFilter();
    void updateCount();

    Clock m_clock;
    EventLogModel *m_model;
    QTreeView *m_view;
    QLabel *m_count;
    std::map<LogEntry::Kind, QAction *> m_filters;
};

} // namespace tidemark
