#pragma once

// The topic browser's rows: name, partition count and record total per topic, sorted by
// name. Updates in place when only the numbers change, so the selection survives the
// periodic refresh. Thread: GUI thread only.

#include "core/Backend.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace tidemark {

class TopicListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicListModel)

public:
    enum Column { NameColumn, PartitionsColumn, RecordsColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit TopicListModel(QObject *parent = nullptr);

    void setTopics(std::vector<TopicInfo> topics);
    const std::vector<TopicInfo> &topics() const { return m_topics; }
    std::optional<TopicInfo> topic(const QString &name) const;
    int rowOf(const QString &name) const; // -1 if absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<TopicInfo> m_topics;
};

} // namespace tidemark
