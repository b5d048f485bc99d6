#pragma once

// The consumers panel: start consumers in a group (several per group, several groups) on
// the selected topic, and stop (commit and leave), kill (no commit: shows re-delivery) and
// restart them; per consumer its assigned partitions, position, committed offset and lag,
// live. A view over ConsumerManager, which does the work.
//
// In a second tab, every consumer group that reads the topic, as the connection's BrokerState
// describes it (GroupTreeModel): groups with no member in the app, members that are Kafka
// clients served by the app's listener (kcat -G, a Java consumer) or file-based members of
// another tidemark process, with their client id, host, member id, assigned partitions, the
// group's state and generation, committed offsets and lag. The panel watches the topic's
// groups in the state once a second and shows each change it publishes.
//
// Thread: GUI thread.

#include "core/BrokerState.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace tidemark {

class AsyncBackend;
class ConsumerManager;
struct ConsumerStatus;
class ConsumerTreeModel;
class GroupTreeModel;

class ConsumersPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumersPanel)

public:
    explicit ConsumersPanel(ConsumerManager *manager, QWidget *parent = nullptr);
    ~ConsumersPanel() override;

    void setTopic(const QString &topic);
    void setConnected(bool connected);
    // The connection whose groups the panel shows (nullptr: none).
    void setBackend(AsyncBackend *backend);
    ConsumerTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    GroupTreeModel *groupModel() const { return m_groupModel; }
    QTreeView *groupView() const { return m_groupView; }
    QTabWidget *tabs() const { return m_tabs; }
    QString selectedConsumer() const;
    // How tall the panel must be, at `width`, for its list to show `rows` whole rows under its
    // header (MainWindow gives the Consumers dock room for a group of two on three partitions:
    // five rows). Estimated from the fonts and the style, so it holds before any row exists.
    int heightForRows(int rows, int width) const;
    // How wide the panel must be for its list to show every column whole, the Consumed column
    // with `consumed` (a count with what was read again: "4,843 (2,844 replayed)"), beside
    // names and numbers as wide as they are now (fitColumns() hides that column otherwise).
    int widthForConsumed(const QString &consumed) const;
    // The line under the list, whole (the label shows at most two lines of it: the rest is
    // cut with "…", and the whole is its tooltip).
    QString hintText() const { return m_hintText; }

public slots:
    void startConsumers();
    void stopSelected();
    void killSelected();
    void restartSelected();
    void removeSelected();
    // Removes from the list every consumer that is over (stopped, failed, killed and handed
    // over: ConsumerTreeModel::isOver); the running ones and those that still hold partitions
    // stay. Returns how many it removed.
    int removeStopped();
    void selectConsumer(const QString &consumerId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // In a narrow dock the names ("partition 0") keep their width: the Consumed column, the
    // one number the lesson needs least, is hidden until there is room (Events keeps it).
    void fitColumns();
    // The list's height for `rows` whole rows under its header.
    int listHeight(int rows) const;

    void updateActions();
    // Puts "Remove stopped" in the list's bottom right corner.
    int removeStoppedStrip() const; // the height under the rows reserved for the button
    void placeRemoveStopped();
    void setHint(const QString &text);
    // Shows the hint in at most two lines at the label's width (see hintText()).
    void fitHint();
    // The latest moment of the selected consumer's group (of all groups if empty), for the hint
    // under the list (ConsumerManager::latestMoment): a takeover and what it read again since,
    // a restart, a replay and its count since the reset (at 1024 px the Consumed column with
    // its "(N replayed)" is hidden); empty when the moment has nothing to tell (a join, a
    // stop): the hint then says the next step.
    QString storyText(const QString &group) const;
    // A killed member's countdown, or its timed-out session, or those of its killed membership
    // after a restart too soon (ConsumerStatus::earlierSessions); empty otherwise.
    QString killedText(const ConsumerStatus &status) const;
    // What the app's running consumers of `group` wait for: members the broker knows are gone
    // (GroupMember::vanished: another program's, killed, or this app's of an earlier run) that
    // keep partitions of the topic until their sessions expire, with the countdown; empty if none.
    QString waitingText(const QString &group) const;
    void watchGroups();
    void showGroups();

    ConsumerManager *m_manager;
    ConsumerTreeModel *m_model;
    QString m_topic;
    bool m_connected = false;
    QLineEdit *m_group;
    QSpinBox *m_count;
    QSpinBox *m_rate;
    QPushButton *m_start;
    QTreeView *m_view;
    int m_consumedWidth = 0; // the Consumed column's width for its header (counts may need more)
    bool m_fitting = false;  // in fitColumns()
    QPushButton *m_stop;
    QPushButton *m_kill;
    QPushButton *m_restart;
    QPushButton *m_remove;
    // "Remove stopped" over the list's bottom right corner (where the stopped ones are, last),
    // shown once more than a few consumers are over (kStoppedPile); over the list, not in the
    // row of buttons, which it widened (and the dock with it, by 120 px in Russian). The list's
    // context menu offers it from one on (Ctrl+Delete in the list).
    QToolButton *m_removeStopped;
    static constexpr int kStoppedPile = 3;
    // The list's context menu and keys (Delete, Ctrl+Delete), enabled as the buttons are.
    QAction *m_stopAction = nullptr;
    QAction *m_killAction = nullptr;
    QAction *m_restartAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_removeStoppedAction = nullptr;
    QSpinBox *m_session; // the session timeout of consumers started from here, in seconds
    QLabel *m_hint;
    QString m_hintText; // whole; m_hint may show it cut (fitHint)
    QTimer *m_hintTick; // while the hint counts a session down (waitingText): once a second
    GroupTreeModel *m_groupModel;
    QLabel *m_groupsTitle;
    QTreeView *m_groupView;
    QTabWidget *m_tabs; // the app's consumers | every group of the topic
    QPointer<AsyncBackend> m_backend;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_groupsWatch = 0;
};

} // namespace tidemark
