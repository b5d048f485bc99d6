#include "ui/models/GroupTreeModel.h"

#include "core/Lag.h"
#include "ui/Style.h"

#include <QApplication>
#include <QLocale>

#include <algorithm>
#include <tuple>

namespace tidemark {

namespace {

const char *headerSource(int column)
{
    switch (column) {
    case GroupTreeModel::NameColumn: return QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "Group");
    case GroupTreeModel::StateColumn: return QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "State");
    case GroupTreeModel::CommittedColumn: return QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "Committed");
    case GroupTreeModel::LagColumn: return QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "Lag");
    }
    return "";
}

struct StateName {
    const char *broker;
    const char *source;
};

const StateName kStates[] = {
    {"Stable", QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "stable")},
    {"PreparingRebalance", QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "preparing rebalance")},
    {"CompletingRebalance", QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "completing rebalance")},
    {"Empty", QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "empty")},
    {"Dead", QT_TRANSLATE_NOOP("tidemark::GroupTreeModel", "dead")},
};

bool sameShape(const std::vector<int> &a, const std::vector<int> &b) { return a == b; }

} // namespace

GroupTreeModel::GroupTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

QString GroupTreeModel::stateText(const QString &state)
{
    for (const StateName &s : kStates)
        if (state == QLatin1String(s.broker))
            return tr(s.source);
    return state; // a state this version does not know: the broker's word
}

QPair<QString, QString> GroupTreeModel::headerText(int column)
{
    return {QString::fromLatin1(headerSource(column)), tr(headerSource(column))};
}

QList<QPair<QString, QString>> GroupTreeModel::stateTexts()
{
    QList<QPair<QString, QString>> out;
    for (const StateName &s : kStates)
        out.append({QString::fromLatin1(s.source), tr(s.source)});
    return out;
}

void GroupTreeModel::setGroups(const QString &topic, const std::vector<GroupInfo> &groups)
{
    // The shape (group, member, partition rows) before and after: the same shape is a
    // dataChanged (the view keeps its selection and scroll), another one a reset.
    auto shapeOf = [](const std::vector<Node> &nodes) {
        std::vector<int> shape;
        for (const Node &n : nodes) {
            shape.push_back(int(n.kind));
            shape.push_back(n.parent);
            shape.push_back(n.partition);
        }
        return shape;
    };
    const std::vector<int> before = shapeOf(m_nodes);
    const bool sameTopic = topic == m_topic;
    std::vector<GroupInfo> previous = std::move(m_groups);
    std::vector<Node> previousNodes = std::move(m_nodes);
    std::vector<int> previousTop = std::move(m_top);
    m_topic = topic;
    m_groups = groups;
    std::sort(m_groups.begin(), m_groups.end(),
              [](const GroupInfo &a, const GroupInfo &b) { return a.groupId < b.groupId; });
    for (GroupInfo &g : m_groups)
        std::sort(g.members.begin(), g.members.end(), [](const GroupMember &a, const GroupMember &b) {
            return std::tie(a.clientId, a.memberId) < std::tie(b.clientId, b.memberId);
        });
    rebuild();
    bool sameIds = previous.size() == m_groups.size();
    for (size_t i = 0; sameIds && i < previous.size(); ++i) {
        sameIds =
            previous[i].groupId == m_groups[i].groupId && previous[i].members.size() == m_groups[i].members.size();
        for (size_t m = 0; sameIds && m < previous[i].members.size(); ++m)
            sameIds = previous[i].members[m].memberId == m_groups[i].members[m].memberId;
    }
    if (sameTopic && sameIds && sameShape(before, shapeOf(m_nodes))) {
        if (!m_nodes.empty()) {
            emit dataChanged(index(0, 0), index(int(m_top.size()) - 1, ColumnCount - 1));
            for (size_t n = 0; n < m_nodes.size(); ++n)
                if (!m_nodes[n].children.empty())
                    emit dataChanged(createIndex(0, 0, quintptr(m_nodes[n].children.front())),
                                     createIndex(int(m_nodes[n].children.size()) - 1, ColumnCount - 1,
                                                 quintptr(m_nodes[n].children.back())));
        }
        return;
    }
    // Another shape: swap the old tree back in for the reset's "before" state.
    std::vector<GroupInfo> next = std::move(m_groups);
    std::vector<Node> nextNodes = std::move(m_nodes);
    std::vector<int> nextTop = std::move(m_top);
    m_groups = std::move(previous);
    m_nodes = std::move(previousNodes);
    m_top = std::move(previousTop);
    beginResetModel();
    m_groups = std::move(next);
    m_nodes = std::move(nextNodes);
    m_top = std::move(nextTop);
    endResetModel();
}

void GroupTreeModel::rebuild()
{
    // Every pointer into m_groups is taken after m_groups is final.
    m_nodes.clear();
    m_top.clear();
    for (size_t gi = 0; gi < m_groups.size(); ++gi) {
        const GroupInfo &g = m_groups[gi];
        const int groupNode = int(m_nodes.size());
        m_nodes.push_back(Node{Kind::Group, -1, int(m_top.size()), {}, gi, -1, nullptr, -1});
        m_top.push_back(groupNode);
        auto addChild = [&](int parent, Node node) {
            node.parent = parent;
            node.row = int(m_nodes[size_t(parent)].children.size());
            const int id = int(m_nodes.size());
            m_nodes.push_back(node);
            m_nodes[size_t(parent)].children.push_back(id);
            return id;
        };
        auto statusOf = [&](int partition) -> const GroupPartitionState * {
            for (const GroupPartitionState &p : g.partitions)
                if (p.tp.topic == m_topic && p.tp.partition == partition)
                    return &p;
            return nullptr;
        };
        std::vector<int> owned;
        for (size_t mi = 0; mi < g.members.size(); ++mi) {
            const GroupMember &m = g.members[mi];
            const int memberNode = addChild(groupNode, Node{Kind::Member, -1, 0, {}, gi, int(mi), nullptr, -1});
            std::vector<int> partitions;
            for (const TopicPartition &tp : m.assignment)
                if (tp.topic == m_topic)
                    partitions.push_back(tp.partition);
            std::sort(partitions.begin(), partitions.end());
            for (const int p : partitions) {
                addChild(memberNode, Node{Kind::Partition, -1, 0, {}, gi, int(mi), statusOf(p), p});
                owned.push_back(p);
            }
        }
        // Partitions with a commit that no member owns (an empty group, a rebalance).
        for (const GroupPartitionState &p : g.partitions) {
            if (p.tp.topic != m_topic || std::find(owned.begin(), owned.end(), p.tp.partition) != owned.end())
                continue;
            addChild(groupNode, Node{Kind::Partition, -1, 0, {}, gi, -1, &p, p.tp.partition});
        }
    }
}

int GroupTreeModel::rowOfGroup(const QString &groupId) const
{
    for (size_t i = 0; i < m_groups.size(); ++i)
        if (m_groups[i].groupId == groupId)
            return int(i);
    return -1;
}

QModelIndex GroupTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.internalId() >= m_nodes.size())
        return {};
    const std::vector<int> &siblings = parent.isValid() ? m_nodes[size_t(parent.internalId())].children : m_top;
    if (row >= int(siblings.size()))
        return {};
    return createIndex(row, column, quintptr(siblings[size_t(row)]));
}

QModelIndex GroupTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() >= m_nodes.size())
        return {};
    const int parent = m_nodes[size_t(child.internalId())].parent;
    if (parent < 0)
        return {};
    return createIndex(m_nodes[size_t(parent)].row, 0, quintptr(parent));
}

int GroupTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.column() != 0 || parent.internalId() >= m_nodes.size())
        return 0;
    return int(m_nodes[size_t(parent.internalId())].children.size());
}

int GroupTreeModel::columnCount(const QModelIndex &) const { return ColumnCount; }

std::pair<int, qint64> GroupTreeModel::totals(const GroupInfo &g, const QString *memberId) const
{
    int committed = 0;
    qint64 lag = -1;
    std::vector<int> mine;
    if (memberId) {
        for (const GroupMember &m : g.members)
            if (m.memberId == *memberId)
                for (const TopicPartition &tp : m.assignment)
                    if (tp.topic == m_topic)
                        mine.push_back(tp.partition);
    }
    for (const GroupPartitionState &p : g.partitions) {
        if (p.tp.topic != m_topic)
            continue;
        if (memberId && std::find(mine.begin(), mine.end(), p.tp.partition) == mine.end())
            continue;
        if (p.committed >= 0)
            ++committed;
        if (p.lag >= 0)
            lag = addLag(lag, p.lag);
    }
    return {committed, lag};
}

QVariant GroupTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.internalId() >= m_nodes.size())
        return {};
    const Node &node = m_nodes[size_t(index.internalId())];
    const GroupInfo &g = m_groups[node.group];
    switch (role) {
    case GroupIdRole: return g.groupId;
    case MemberIdRole: return node.member >= 0 ? g.members[size_t(node.member)].memberId : QString();
    case PartitionRole: return node.partition;
    case KindRole: return int(node.kind);
    case Qt::TextAlignmentRole:
        if (index.column() >= CommittedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: break;
    }
    switch (node.kind) {
    case Kind::Group: return groupData(node, index.column(), role);
    case Kind::Member: return memberData(node, index.column(), role);
    case Kind::Partition: return partitionData(node, index.column(), role);
    }
    return {};
}

QVariant GroupTreeModel::groupData(const Node &node, int column, int role) const
{
    const GroupInfo &g = m_groups[node.group];
    const QLocale locale;
    const auto [committed, lag] = totals(g, nullptr);
    int partitionCount = 0; // of the topic, as far as the group knows them (owned or committed)
    for (const int child : node.children)
        partitionCount +=
            m_nodes[size_t(child)].kind == Kind::Partition ? 1 : int(m_nodes[size_t(child)].children.size());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return g.generation < 0 ? g.groupId : tr("%1 (generation %2)").arg(g.groupId).arg(g.generation);
        case StateColumn: return stateText(g.state);
        case CommittedColumn: return QString(); // offsets are per partition: on the partition rows
        case LagColumn: return lag < 0 ? QStringLiteral("–") : locale.toString(lag);
        default: return {};
        }
    case Qt::ToolTipRole: {
        QString tip = tr("group '%1': %2, generation %3, assignor %4, members: %5")
                          .arg(g.groupId, stateText(g.state))
                          .arg(g.generation)
                          .arg(g.protocol.isEmpty() ? QStringLiteral("–") : g.protocol)
                          .arg(g.members.size());
        tip +=
            QLatin1Char('\n') +
            tr("committed offsets on %1 of %2 partitions", nullptr, partitionCount).arg(committed).arg(partitionCount);
        if (g.members.empty())
            tip += tr("\nno live member: its committed offsets stay where it resumes");
        return tip;
    }
    case Qt::FontRole:
        if (column == NameColumn) {
            QFont f = QApplication::font();
            f.setBold(true);
            return f;
        }
        break;
    case Qt::ForegroundRole:
        if (column == StateColumn) {
            const QPalette palette = QApplication::palette();
            if (g.state == QLatin1String("Stable"))
                return style::toneColor(style::Tone::Good, palette);
            if (g.state.contains(QLatin1String("Rebalance")))
                return style::toneColor(style::Tone::Warning, palette);
            return style::toneColor(style::Tone::Muted, palette);
        }
        break;
    default: break;
    }
    return {};
}

QVariant GroupTreeModel::memberData(const Node &node, int column, int role) const
{
    const GroupInfo &g = m_groups[node.group];
    const GroupMember &m = g.members[size_t(node.member)];
    const QLocale locale;
    const qint64 lag = totals(g, &m.memberId).second;
    const QString client = m.clientId.isEmpty() ? m.memberId : m.clientId;
    QStringList partitions;
    for (const int child : node.children)
        partitions << QString::number(m_nodes[size_t(child)].partition);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        // Its partitions are the rows under it; its member id, long and for machines, is in
        // the tooltip. Kafka keeps no state per member: the group's is on the group's row.
        case NameColumn: return m.host.isEmpty() ? client : tr("%1 (%2)", "client id (host)").arg(client, m.host);
        case StateColumn: return partitions.isEmpty() ? tr("no partitions") : QString();
        case CommittedColumn: return QString(); // offsets are per partition: on the partition rows
        case LagColumn: return lag < 0 ? QStringLiteral("–") : locale.toString(lag);
        default: return {};
        }
    case Qt::ToolTipRole:
        return tr("client %1 on %2\nmember %3\nassigned: %4")
            .arg(client, m.host.isEmpty() ? QStringLiteral("–") : m.host, m.memberId,
                 partitions.isEmpty() ? tr("none") : partitions.join(QStringLiteral(", ")));
    case Qt::ForegroundRole:
        if (column == StateColumn)
            return style::toneColor(style::Tone::Muted, QApplication::palette());
        break;
    default: break;
    }
    return {};
}

QVariant GroupTreeModel::partitionData(const Node &node, int column, int role) const
{
    const QLocale locale;
    const GroupPartitionState *p = node.status;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return tr("partition %1").arg(node.partition);
        case StateColumn: return node.member < 0 ? tr("no owner") : QVariant();
        case CommittedColumn: return p && p->committed >= 0 ? locale.toString(p->committed) : QStringLiteral("–");
        case LagColumn: return p && p->lag >= 0 ? locale.toString(p->lag) : QStringLiteral("–");
        default: return {};
        }
    case Qt::ToolTipRole:
        return tr("%1[%2]: committed %3, end %4")
            .arg(m_topic)
            .arg(node.partition)
            .arg(p && p->committed >= 0 ? locale.toString(p->committed) : QStringLiteral("–"),
                 p && p->highWatermark >= 0 ? locale.toString(p->highWatermark) : QStringLiteral("–"));
    case Qt::ForegroundRole:
        if (column == StateColumn)
            return style::toneColor(style::Tone::Warning, QApplication::palette());
        break;
    default: break;
    }
    return {};
}

QVariant GroupTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(headerSource(section));
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("A group with its generation; under it its members (client id and host), under "
                      "each member the partitions assigned to it");
        case StateColumn: return tr("The group's state at the broker");
        case CommittedColumn: return tr("Committed offset of each partition: where the group resumes it");
        case LagColumn: return tr("Records after the committed offset");
        }
    }
    if (role == Qt::TextAlignmentRole && section >= CommittedColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tidemark
