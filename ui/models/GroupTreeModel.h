#pragma once

// The consumers panel's "groups on this topic": every consumer group that reads the topic as
// the connection's BrokerState describes it, whoever its members are (the app's consumers,
// Kafka clients served by the app's listener such as kcat -G or a Java consumer, file-based
// members in another tidemark process, members of a Kafka cluster's group), and groups with
// no member at all (only committed offsets).
//
//   group row      group id (generation, members) | state | partitions committed | lag
//   member row     client id (host): assigned partitions | member id | committed | lag
//   partition row  partition N | "no owner" if nobody owns it | committed | lag  (under its
//                  owner, or under the group when nobody owns it)
// The dock is narrow: names take the stretch, the member id is elided (whole in the tooltip).
//
// Fed by setGroups() with BrokerState::groups(topic) (the panel does so on groupsChanged and
// topicChanged); the model resets on each change it is given and keeps nothing else.
//
// Indexes: internalId is the node's index in m_nodes. Thread: GUI thread only.

#include "core/Backend.h"

#include <QAbstractItemModel>

#include <vector>

namespace tidemark {

class GroupTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupTreeModel)

public:
    enum Column { NameColumn, StateColumn, CommittedColumn, LagColumn, ColumnCount };
    enum Role { GroupIdRole = Qt::UserRole + 1, MemberIdRole, PartitionRole, KindRole };
    enum class Kind { Group, Member, Partition };

    explicit GroupTreeModel(QObject *parent = nullptr);

    // `topic`: only its partitions are shown. Same groups as before: no reset.
    void setGroups(const QString &topic, const std::vector<GroupInfo> &groups);
    const std::vector<GroupInfo> &groups() const { return m_groups; }
    int groupCount() const { return int(m_groups.size()); }
    int rowOfGroup(const QString &groupId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The broker's group state ("Stable", "PreparingRebalance", ...), translated.
    static QString stateText(const QString &state);
    // (English source, shown text) of a column header and of every state text.
    static QPair<QString, QString> headerText(int column);
    static QList<QPair<QString, QString>> stateTexts();

private:
    struct Node {
        Kind kind = Kind::Group;
        int parent = -1; // node index; -1: top level
        int row = 0;     // under its parent
        std::vector<int> children;
        size_t group = 0;                  // index into m_groups
        int member = -1;                   // index into the group's members (Member)
        const GroupPartitionState *status; // Partition (into m_groups); may be null
        int partition = -1;
    };
    void rebuild();
    QVariant groupData(const Node &node, int column, int role) const;
    QVariant memberData(const Node &node, int column, int role) const;
    QVariant partitionData(const Node &node, int column, int role) const;
    // Committed partitions and summed lag over this topic's partitions owned by `memberId`
    // (empty: every partition of the group).
    std::pair<int, qint64> totals(const GroupInfo &g, const QString *memberId) const;

    QString m_topic;
    std::vector<GroupInfo> m_groups;
    std::vector<Node> m_nodes;
    std::vector<int> m_top; // top-level node indexes, one per group
};

} // namespace tidemark
