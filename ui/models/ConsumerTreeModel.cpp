#include "ui/models/ConsumerTreeModel.h"

#include "core/MemberNames.h"
#include "ui/Style.h"

#include <QApplication>
#include <QLocale>

#include <algorithm>

namespace tidemark {

ConsumerTreeModel::ConsumerTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

bool ConsumerTreeModel::isOver(const ConsumerStatus &status)
{
    return !status.isActive() && !status.holdsPartitions() && status.earlierSessions.empty();
}

std::vector<ConsumerTreeModel::Child> ConsumerTreeModel::children(const ConsumerStatus &s)
{
    std::vector<Child> out;
    // A killed consumer's partitions stay until the takeover: the group still counts them as
    // its, nobody reads them, their lag grows (shown greyed).
    if (s.holdsPartitions())
        for (const TopicPartition &tp : s.assignment)
            out.push_back(Child{tp, nullptr});
    for (const EarlierSession &earlier : s.earlierSessions)
        for (const TopicPartition &tp : earlier.kept)
            out.push_back(Child{tp, &earlier});
    return out;
}

int ConsumerTreeModel::rowOfKey(quintptr key) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return int(i);
    return -1;
}

int ConsumerTreeModel::sortedRow(const ConsumerStatus &status, quintptr key, int skip) const
{
    const auto order = [](const ConsumerStatus &s, quintptr k) { return std::make_pair(isOver(s), k); };
    int at = 0;
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (int(i) != skip && order(m_rows[i].status, m_rows[i].key) < order(status, key))
            ++at;
    return at;
}

void ConsumerTreeModel::setStatuses(const std::vector<ConsumerStatus> &statuses)
{
    beginResetModel();
    m_rows.clear();
    for (const ConsumerStatus &s : statuses)
        m_rows.push_back(Row{s, m_nextKey++});
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const Row &a, const Row &b) { return !isOver(a.status) && isOver(b.status); });
    endResetModel();
}

std::optional<ConsumerStatus> ConsumerTreeModel::status(const QString &consumerId) const
{
    const int row = rowOf(consumerId);
    if (row < 0)
        return std::nullopt;
    return m_rows[size_t(row)].status;
}

int ConsumerTreeModel::rowOf(const QString &consumerId) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].status.consumerId == consumerId)
            return int(i);
    return -1;
}

void ConsumerTreeModel::updateStatus(const ConsumerStatus &status)
{
    int row = rowOf(status.consumerId);
    if (row < 0) {
        const quintptr key = m_nextKey++;
        const int at = sortedRow(status, key, -1);
        beginInsertRows({}, at, at);
        m_rows.insert(m_rows.begin() + at, Row{status, key});
        endInsertRows();
        return;
    }
    ConsumerStatus &current = m_rows[size_t(row)].status;
    const QModelIndex parentIndex = index(row, 0);
    const auto same = [](const std::vector<Child> &a, const std::vector<Child> &b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Child &x, const Child &y) {
            return x.tp == y.tp && (x.earlier == nullptr) == (y.earlier == nullptr);
        });
    };
    const int before = int(children(current).size());
    const std::vector<Child> next = children(status);
    const int after = int(next.size());
    if (!same(children(current), next)) {
        if (before > 0) {
            beginRemoveRows(parentIndex, 0, before - 1);
            current.assignment.clear();
            current.earlierSessions.clear();
            endRemoveRows();
        }
        if (after > 0) {
            beginInsertRows(parentIndex, 0, after - 1);
            current = status;
            endInsertRows();
        }
    }
    current = status;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (after > 0)
        emit dataChanged(index(0, 0, parentIndex), index(after - 1, ColumnCount - 1, parentIndex));
    // Stopped: after the running ones; started again: back among them.
    const int to = sortedRow(status, m_rows[size_t(row)].key, row);
    if (to != row) {
        beginMoveRows({}, row, row, {}, to < row ? to : to + 1);
        Row moved = std::move(m_rows[size_t(row)]);
        m_rows.erase(m_rows.begin() + row);
        m_rows.insert(m_rows.begin() + to, std::move(moved));
        endMoveRows();
    }
}

void ConsumerTreeModel::removeConsumer(const QString &consumerId)
{
    const int row = rowOf(consumerId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

QModelIndex ConsumerTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_rows.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= int(m_rows.size()))
        return {};
    return row < rowCount(parent) ? createIndex(row, column, m_rows[size_t(parent.row())].key) : QModelIndex();
}

QModelIndex ConsumerTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = rowOfKey(child.internalId());
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int ConsumerTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= int(m_rows.size()))
        return 0;
    return int(children(m_rows[size_t(parent.row())].status).size());
}

int ConsumerTreeModel::columnCount(const QModelIndex &) const { return ColumnCount; }

namespace {

const char *stateSource(ConsumerStatus::State state)
{
    switch (state) {
    case ConsumerStatus::State::Starting: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "joining");
    case ConsumerStatus::State::Running: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "running");
    case ConsumerStatus::State::Rebalancing: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "rebalancing");
    case ConsumerStatus::State::Stopped: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "stopped");
    case ConsumerStatus::State::Killed: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "killed");
    case ConsumerStatus::State::Failed: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "failed");
    }
    return "";
}

const char *idleSource() { return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "idle"); }
// A killed consumer whose session ran out, its partitions not handed over yet. Not among
// stateTexts(): it lasts a moment (the takeover follows the countdown's end), and reserving
// its width would squeeze the names at 1024 px.
const char *timedOutSource() { return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "timed out · rebalancing"); }

const char *headerSource(int column)
{
    switch (column) {
    case ConsumerTreeModel::NameColumn: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "Consumer");
    case ConsumerTreeModel::StateColumn: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "State");
    case ConsumerTreeModel::PositionColumn: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "Position");
    case ConsumerTreeModel::CommittedColumn: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "Committed");
    case ConsumerTreeModel::LagColumn: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "Lag");
    case ConsumerTreeModel::ConsumedColumn: return QT_TRANSLATE_NOOP("tidemark::ConsumerTreeModel", "Consumed");
    }
    return "";
}

} // namespace

QString ConsumerTreeModel::stateText(ConsumerStatus::State state) { return tr(stateSource(state)); }

QPair<QString, QString> ConsumerTreeModel::headerText(int column)
{
    return {QString::fromLatin1(headerSource(column)), tr(headerSource(column))};
}

QList<QPair<QString, QString>> ConsumerTreeModel::stateTexts()
{
    QList<QPair<QString, QString>> out{{QString::fromLatin1(idleSource()), tr(idleSource())}};
    for (auto s : {ConsumerStatus::State::Starting, ConsumerStatus::State::Running, ConsumerStatus::State::Rebalancing,
                   ConsumerStatus::State::Stopped, ConsumerStatus::State::Killed, ConsumerStatus::State::Failed})
        out.append({QString::fromLatin1(stateSource(s)), stateText(s)});
    out.append({QStringLiteral("killed · 60 s"), tr("killed · %1 s").arg(60)}); // the countdown
    return out;
}

QVariant ConsumerTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        if (index.row() >= int(m_rows.size()))
            return {};
        return consumerData(m_rows[size_t(index.row())].status, index.column(), role);
    }
    const int owner = rowOfKey(index.internalId());
    if (owner < 0)
        return {};
    const ConsumerStatus &s = m_rows[size_t(owner)].status;
    const std::vector<Child> rows = children(s);
    if (index.row() >= int(rows.size()))
        return {};
    const Child &child = rows[size_t(index.row())];
    return child.earlier ? earlierData(s, child.tp, *child.earlier, index.column(), role)
                         : partitionData(s, child.tp, index.column(), role);
}

QVariant ConsumerTreeModel::consumerData(const ConsumerStatus &s, int column, int role) const
{
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return s.consumerId;
        case StateColumn:
            if (s.isActive() && s.state == ConsumerStatus::State::Running && s.assignment.empty())
                return tr(idleSource());
            if (s.state == ConsumerStatus::State::Killed && s.sessionSecondsLeft() > 0)
                return tr("killed · %1 s").arg(s.sessionSecondsLeft()); // its session counts down
            if (s.sessionTimedOut())
                return tr(timedOutSource());
            return stateText(s.state);
        case LagColumn: {
            const qint64 lag = s.holdsPartitions() ? s.totalLag() : -1;
            return lag < 0 ? QString() : locale.toString(lag);
        }
        case ConsumedColumn:
            // Read again, by kind: "+N" re-delivered (at-least-once after a kill), "N replayed"
            // after an offset reset (asked for). The tooltip says which is which.
            if (s.recordsRedelivered > 0 && s.recordsReplayed > 0)
                return tr("%1 (+%2, %3 replayed)")
                    .arg(locale.toString(s.recordsConsumed), locale.toString(s.recordsRedelivered),
                         locale.toString(s.recordsReplayed));
            if (s.recordsRedelivered > 0)
                return tr("%1 (+%2)").arg(locale.toString(s.recordsConsumed), locale.toString(s.recordsRedelivered));
            if (s.recordsReplayed > 0)
                return tr("%1 (%2 replayed)")
                    .arg(locale.toString(s.recordsConsumed), locale.toString(s.recordsReplayed));
            return locale.toString(s.recordsConsumed);
        default: return {};
        }
    case Qt::ToolTipRole: {
        if (column == LagColumn && s.holdsPartitions())
            return lagTip(s.totalLag(), s.totalUnread(), s.consumerId);
        QString tip = tr("%1 in group '%2' on %3\nstate: %4")
                          .arg(s.consumerId, s.groupId, s.topics.join(QStringLiteral(", ")), stateText(s.state));
        if (s.isActive() && s.assignment.empty() && s.state == ConsumerStatus::State::Running)
            tip += tr("\nno partition assigned: the group has more consumers than partitions");
        // Rebalancing while another of the group restarted too soon: the group waits for that one's
        // killed membership to time out (else the row says "rebalancing" for seconds, as if stuck).
        if (s.isActive())
            for (const Row &other : m_rows) {
                if (other.status.groupId != s.groupId || other.status.consumerId == s.consumerId)
                    continue;
                for (const EarlierSession &earlier : other.status.earlierSessions) {
                    if (earlier.sessionSecondsLeft() <= 0)
                        continue;
                    QStringList kept;
                    for (const TopicPartition &tp : earlier.kept)
                        kept << tp.toString();
                    tip += tr("\nthe group waits for %1's killed membership (before its restart): it holds %2 "
                              "for %n more s (its session timeout), then the group hands it over",
                              nullptr, earlier.sessionSecondsLeft())
                               .arg(other.status.consumerId, kept.join(QStringLiteral(", ")));
                }
            }
        if (!s.memberId.isEmpty())
            tip += tr("\nmember %1, generation %2").arg(s.memberId).arg(s.generation);
        if (s.recordsRedelivered > 0)
            tip += tr("\nrecords delivered again after a kill or crash: %1").arg(s.recordsRedelivered);
        if (s.state == ConsumerStatus::State::Killed && s.sessionSecondsLeft() > 0)
            tip += tr("\nkeeps its partitions until its session timeout runs out, in %1 s; then the group hands "
                      "them over")
                       .arg(s.sessionSecondsLeft());
        if (s.sessionTimedOut())
            tip += tr("\nits session timed out: the group is rebalancing, another member takes its partitions over");
        for (const EarlierSession &earlier : s.earlierSessions)
            tip += QLatin1Char('\n') + earlierTip(earlier);
        if (s.recordsReplayed > 0)
            tip += tr("\nrecords replayed after an offset reset (read again on purpose): %1").arg(s.recordsReplayed);
        if (!s.lastError.isEmpty())
            tip += tr("\nerror: %1").arg(s.lastError);
        return tip;
    }
    case Qt::ForegroundRole:
        if (column == StateColumn) {
            const QPalette palette = QApplication::palette();
            switch (s.state) {
            case ConsumerStatus::State::Running:
                return s.assignment.empty() ? style::toneColor(style::Tone::Muted, palette)
                                            : style::toneColor(style::Tone::Good, palette);
            case ConsumerStatus::State::Starting:
            case ConsumerStatus::State::Rebalancing: return style::toneColor(style::Tone::Warning, palette);
            case ConsumerStatus::State::Killed:
            case ConsumerStatus::State::Failed: return style::toneColor(style::Tone::Bad, palette);
            case ConsumerStatus::State::Stopped: return style::toneColor(style::Tone::Muted, palette);
            }
        }
        break;
    case Qt::FontRole:
        if (column == NameColumn) {
            QFont f = QApplication::font();
            f.setBold(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column >= PositionColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ConsumerIdRole: return s.consumerId;
    case StateRole: return int(s.state);
    default: break;
    }
    return {};
}

QVariant ConsumerTreeModel::partitionData(const ConsumerStatus &s, const TopicPartition &tp, int column, int role) const
{
    const QLocale locale;
    auto value = [&](const std::map<TopicPartition, qint64> &m) -> QVariant {
        const auto it = m.find(tp);
        return it == m.end() ? QVariant(QStringLiteral("–")) : QVariant(locale.toString(it->second));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return tr("partition %1").arg(tp.partition);
        case PositionColumn: return value(s.positions);
        case CommittedColumn: return value(s.committed);
        case LagColumn: {
            const qint64 lag = s.lag(tp);
            return lag < 0 ? QStringLiteral("–") : locale.toString(lag);
        }
        default: return {};
        }
    case Qt::ForegroundRole:
        // A killed consumer's partitions: still its in the group's eyes, but nobody reads them.
        if (!s.isActive())
            return style::toneColor(style::Tone::Muted, QApplication::palette());
        break;
    case Qt::ToolTipRole: {
        if (column == LagColumn) {
            const auto hw = s.highWatermarks.find(tp);
            const auto c = s.committed.find(tp);
            QString tip = lagTip(s.lag(tp), s.unread(tp), s.consumerId);
            if (hw != s.highWatermarks.end() && c != s.committed.end())
                tip += tr("\n%1: end of the partition %2, committed offset %3")
                           .arg(tp.toString(), locale.toString(hw->second), locale.toString(c->second));
            return tip;
        }
        return tp.toString();
    }
    case Qt::TextAlignmentRole:
        if (column >= PositionColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ConsumerIdRole: return s.consumerId;
    case PartitionRole: return tp.partition;
    case EarlierRole: return false;
    default: break;
    }
    return {};
}

QString ConsumerTreeModel::earlierTip(const EarlierSession &earlier)
{
    QStringList kept;
    for (const TopicPartition &tp : earlier.kept)
        kept << tp.toString();
    if (earlier.sessionSecondsLeft() > 0)
        return tr("its membership before the restart was killed and still holds %1: nobody reads it for %n more s "
                  "(its session timeout), then the group hands it over",
                  nullptr, earlier.sessionSecondsLeft())
            .arg(kept.join(QStringLiteral(", ")));
    return tr("its killed membership's session is over: the group is rebalancing, a member takes %1 over now")
        .arg(kept.join(QStringLiteral(", ")));
}

QVariant ConsumerTreeModel::earlierData(const ConsumerStatus &s, const TopicPartition &tp,
                                        const EarlierSession &earlier, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        // One line over the whole row (the panel spans it): "partition 2 held by billing #2
        // (old) · killed · 4 s", the killed membership named as the timeline's lanes name it.
        if (column != NameColumn)
            return {};
        return tr("%1 held by %2 · %3", "partition 2 held by billing #2 (old) · killed · 4 s")
            .arg(tr("partition %1").arg(tp.partition), briefEarlierMemberName(s.consumerId),
                 earlier.sessionSecondsLeft() > 0 ? tr("killed · %1 s").arg(earlier.sessionSecondsLeft())
                                                  : tr(timedOutSource()));
    case Qt::ToolTipRole:
        return tr("%1 before its restart: %2").arg(s.consumerId, tp.toString()) + QLatin1Char('\n') +
               earlierTip(earlier);
    case Qt::ForegroundRole:
        // Held, unread: greyed as a killed consumer's partitions are.
        return style::toneColor(style::Tone::Muted, QApplication::palette());
    case Qt::TextAlignmentRole: return {};
    case EarlierRole: return true;
    default: return partitionData(s, tp, column, role);
    }
}

QString ConsumerTreeModel::lagTip(qint64 lag, qint64 unread, const QString &consumerId)
{
    const QLocale locale;
    QString tip = lag < 0 ? tr("Lag unknown: nothing committed yet")
                          : tr("Lag %1: records after the group's committed offset").arg(locale.toString(lag));
    if (unread >= 0)
        tip += tr("\nnot read yet by %1: %2 (after its position)").arg(consumerId, locale.toString(unread));
    return tip;
}

QVariant ConsumerTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(headerSource(section));
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PositionColumn: return tr("Next offset to process in the partition");
        case CommittedColumn: return tr("Committed offset: where the group resumes after a crash");
        case LagColumn:
            return tr("Lag: end of the partition minus the group's committed offset, as Kafka counts it (the records "
                      "the group would read if it resumed now). The tooltip of a cell also says how many the consumer "
                      "has not read yet (end minus position)");
        case ConsumedColumn:
            return tr("Records processed; (+N): of them delivered again after a kill; (N replayed): read again after "
                      "an offset reset");
        }
    }
    if (role == Qt::TextAlignmentRole && section >= PositionColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tidemark
