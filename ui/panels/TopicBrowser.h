#pragma once

// The topic browser: topics with partition counts and record totals, as the connection's
// BrokerState knows them (it watches the topic list every two seconds and shows every change
// the state publishes, the app's own deliveries at once); create (with partitions, and
// replication factor on Kafka) and delete with confirmation. Thread: GUI thread; create and
// delete go through AsyncBackend.

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/EventLog.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QTreeView;
class QToolButton;
class QSortFilterProxyModel;

namespace tidemark {

class CreateTopicDialog;
class TopicListModel;

class TopicBrowser final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicBrowser)

public:
    explicit TopicBrowser(QWidget *parent = nullptr);

    void setBackend(AsyncBackend *backend);
    QString selectedTopic() const { return m_selected; }
    std::optional<TopicInfo> topicInfo(const QString &name) const;
    TopicListModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // Set once the first topic list of the current connection has arrived.
    bool hasLoaded() const { return m_loaded; }

public slots:
    void refresh();
    void selectTopic(const QString &name);
    void showCreateDialog();
    void confirmDeleteSelected();
    // Creates the topic (through the backend), logs it and selects it once it shows up;
    // a failure is logged as an error (and shown in the create dialog if it is open).
    void createTopic(const tidemark::TopicSpec &spec);

signals:
    void topicSelected(const QString &topic); // empty: none
    void topicsChanged();
    void logged(const tidemark::LogEntry &entry);

private:
    void showTopics();
    void applySelection();
    void deleteTopic(const QString &name);
    void log(LogEntry::Kind kind, const QString &message);
    void updateActions();

    QPointer<AsyncBackend> m_backend;
    QPointer<BrokerState> m_state;
    BrokerState::Watch m_watch = 0;
    TopicListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    QToolButton *m_createButton;
    QToolButton *m_deleteButton;
    QToolButton *m_refreshButton;
    QLabel *m_status;
    QPointer<CreateTopicDialog> m_createDialog;
    QString m_selected;
    QString m_pendingSelection; // select once it shows up (after create)
    bool m_loaded = false;
};

} // namespace tidemark
