#pragma once

// The consumers panel: start consumers in a group (several per group, several groups) on
// the selected topic, and stop (commit and leave), kill (no commit: shows re-delivery) and
// restart them; per consumer its assigned partitions, position, committed offset and lag,
// live. A view over ConsumerManager, which does the work. Thread: GUI thread.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace tidemark {

class ConsumerManager;
class ConsumerTreeModel;

class ConsumersPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumersPanel)

public:
    explicit ConsumersPanel(ConsumerManager *manager, QWidget *parent = nullptr);

    void setTopic(const QString &topic);
    void setConnected(bool connected);
    ConsumerTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString selectedConsumer() const;

public slots:
    void startConsumers();
    void stopSelected();
    void killSelected();
    void restartSelected();
    void removeSelected();
    void selectConsumer(const QString &consumerId);

private:
    void updateActions();

    ConsumerManager *m_manager;
    ConsumerTreeModel *m_model;
    QString m_topic;
    bool m_connected = false;
    QLineEdit *m_group;
    QSpinBox *m_count;
    QSpinBox *m_rate;
    QPushButton *m_start;
    QTreeView *m_view;
    QPushButton *m_stop;
    QPushButton *m_kill;
    QPushButton *m_restart;
    QPushButton *m_remove;
    QLabel *m_hint;
};

} // namespace tidemark
