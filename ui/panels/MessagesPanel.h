#pragma once

// The message table for the selected topic: partition choice, a key/value text filter, an
// offset-or-time range ("from"/"to"), live tail, and a virtual table that fetches pages on
// demand (MessageTableModel). Thread: GUI thread.

#include "core/AsyncBackend.h"
#include "core/Clock.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace tidemark {

class MessageTableModel;

class MessagesPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesPanel)

public:
    explicit MessagesPanel(Clock clock, QWidget *parent = nullptr);

    void setBackend(AsyncBackend *backend);
    void setTopic(const QString &topic, int partitionCount);
    QString topic() const;
    MessageTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    std::optional<Record> currentRecord() const;
    bool liveTail() const;

public slots:
    // Selects (partition, offset), clearing the partition choice and filters if they hide it.
    void selectRecord(int partition, qint64 offset);
    void focusFilter();
    void setLiveTail(bool on);
    void refresh();

signals:
    void currentRecordChanged(const tidemark::Record &record);
    void liveTailChanged(bool on);

private:
    void applyFilter();
    void setPartitionCount(int count);
    void onCurrentRowChanged();
    void trySelectPending();
    void markInvalid(QLineEdit *edit, const QString &error);

    Clock m_clock;
    MessageTableModel *m_model;
    QComboBox *m_partition;
    QLineEdit *m_text;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QCheckBox *m_tail;
    QTableView *m_view;
    QLabel *m_status;
    QTimer m_filterDelay;
    int m_partitionCount = 0;
    std::optional<std::pair<int, qint64>> m_pendingSelect;
    int m_pendingRow = -1; // current row whose record is still loading
};

} // namespace tidemark
