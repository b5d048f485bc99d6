#pragma once

// The log/events pane: rebalances, commits, production, topics, connections and errors,
// each with its time (from the injected clock), newest at the bottom. Kind filters, clear,
// and it follows the newest entry (follow-tail) until the user scrolls up, and again once
// they scroll back to the bottom; layout changes never turn it off. Milestones (the story's
// moments) are bold. Commits never push them away: a group's routine commits between two
// moments of the story are one row, updated in place (EventLogModel), and a commit row takes
// two lines at most (the rest elided; its tooltip has it whole). In a narrow pane the Time
// column gives its room to the text (every row's tooltip starts with its time). While it does not follow,
// entries that arrive (or a commit row below the viewport taking a commit in place) show a
// "New events ↓" button over the list's bottom; it jumps to the end and follows again. Thread: GUI thread.

#include "core/Clock.h"
#include "core/EventLog.h"

#include <QWidget>

#include <map>

class QTreeView;
class QAction;
class QLabel;
class QToolButton;

namespace tidemark {

class EventLogModel;

class EventsPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPane)

public:
    // Narrower than this (the 1024x700 window's pane, ~210 px), the list gives the Time column's
    // room to the text: each row's tooltip starts with its time.
    static constexpr int kNarrowViewWidth = 280;

    explicit EventsPane(Clock clock, QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // Whether new entries scroll into view (the user has not scrolled up).
    bool followsTail() const { return m_followTail; }
    void setFollowTail(bool follow);
    // The "New events ↓" button over the list's bottom: shown while entries arrived that the
    // user, scrolled up, has not seen; clicking it jumps to the end and follows again.
    QToolButton *newEventsButton() const { return m_newEvents; }

public slots:
    // Stamps entries that have no time (timestampMs == 0) with the clock.
    void addEntry(const tidemark::LogEntry &entry);
    void add(tidemark::LogEntry::Kind kind, const QString &source, const QString &message);
    void clear();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateFilter();
    void updateCount();
    void keepTail();
    void fitColumns();
    void announceNewEvents();
    void placeNewEvents();

    Clock m_clock;
    EventLogModel *m_model;
    QTreeView *m_view;
    QLabel *m_count;
    QToolButton *m_newEvents;
    std::map<LogEntry::Kind, QAction *> m_filters;
    bool m_followTail = true;
    bool m_keepingTail = false; // our own scrolling, not the user's
};

} // namespace tidemark
