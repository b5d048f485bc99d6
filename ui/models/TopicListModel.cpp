#include "ui/models/TopicListModel.h"

#include <QLocale>

#include <algorithm>

namespace tidemark {

TopicListModel::TopicListModel(QObject *parent) : QAbstractTableModel(parent) {}

void TopicListModel::setTopics(std::vector<TopicInfo> topics)
{
    std::sort(topics.begin(), topics.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    const bool sameNames = topics.size() == m_topics.size() &&
                           std::equal(topics.begin(), topics.end(), m_topics.begin(),
                                      [](const TopicInfo &a, const TopicInfo &b) { return a.name == b.name; });
    if (sameNames) {
        m_topics = std::move(topics);
        if (!m_topics.empty())
            emit dataChanged(index(0, 0), index(int(m_topics.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_topics = std::move(topics);
    endResetModel();
}

std::optional<TopicInfo> TopicListModel::topic(const QString &name) const
{
    const int row = rowOf(name);
    if (row < 0)
        return std::nullopt;
    return m_topics[size_t(row)];
}

int TopicListModel::rowOf(const QString &name) const
{
    for (size_t i = 0; i < m_topics.size(); ++i)
        if (m_topics[i].name == name)
            return int(i);
    return -1;
}

int TopicListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_topics.size()); }

int TopicListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TopicListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TopicInfo &t = m_topics[size_t(index.row())];
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return t.name;
        case PartitionsColumn: return t.partitionCount;
        case RecordsColumn: return t.recordCount >= 0 ? locale.toString(t.recordCount) : tr("?");
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1: partitions: %2, replication factor %3, records: %4")
            .arg(t.name)
            .arg(t.partitionCount)
            .arg(t.replicationFactor)
            .arg(t.recordCount >= 0 ? locale.toString(t.recordCount) : tr("unknown"));
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case NameRole: return t.name;
    default: break;
    }
    return {};
}

QVariant TopicListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Topic");
        case PartitionsColumn: return tr("Parts");
        case RecordsColumn: return tr("Records");
        }
    }
    if (role == Qt::ToolTipRole && section == PartitionsColumn)
        return tr("Partitions");
    if (role == Qt::TextAlignmentRole && section != NameColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tidemark
