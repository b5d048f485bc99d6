#include "ui/models/EventLogModel.h"

#include "ui/Style.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace tidemark {

EventLogModel::EventLogModel(int capacity, QObject *parent) : QAbstractTableModel(parent), m_capacity(capacity) {}

void EventLogModel::append(const LogEntry &entry)
{
    if (entry.isRoutineCommit()) {
        if (const auto open = m_openFolds.find(entry.group); open != m_openFolds.end()) {
            fold(open->second, entry);
            return;
        }
    } else {
        m_openFolds.clear(); // the story moved on: the next commits start rows below this line
    }
    if (int(m_rows.size()) >= m_capacity) {
        // Drop the oldest; its visible row (if any) is row 0.
        const bool listed = !m_visible.empty() && m_visible.front() == 0;
        if (listed) {
            beginRemoveRows({}, 0, 0);
            m_visible.pop_front();
        }
        m_rows.pop_front();
        for (size_t &i : m_visible)
            --i;
        for (auto it = m_openFolds.begin(); it != m_openFolds.end();) {
            if (it->second == 0) {
                it = m_openFolds.erase(it); // its row went: the group's next commit starts a new one
            } else {
                --it->second;
                ++it;
            }
        }
        if (listed)
            endRemoveRows();
    }
    Row row;
    row.entry = entry;
    row.firstMs = entry.timestampMs;
    if (entry.isRoutineCommit()) {
        row.members[entry.source] = {entry.committed, entry.commits};
        m_openFolds[entry.group] = m_rows.size();
    }
    m_rows.push_back(std::move(row));
    if (!m_hidden.count(entry.kind)) {
        const int visibleRow = int(m_visible.size());
        beginInsertRows({}, visibleRow, visibleRow);
        m_visible.push_back(m_rows.size() - 1);
        endInsertRows();
    }
}

void EventLogModel::fold(size_t index, const LogEntry &entry)
{
    Row &row = m_rows[index];
    LogEntry &e = row.entry;
    ++row.lines;
    e.timestampMs = entry.timestampMs;
    for (const auto &[tp, offset] : entry.committed)
        e.committed[tp] = offset;
    e.commits += entry.commits;
    Row::Member &member = row.members[entry.source];
    for (const auto &[tp, offset] : entry.committed)
        member.committed[tp] = offset;
    member.commits += entry.commits;
    // One member: its name, as on its own lines; several: the group they commit for.
    e.source = row.members.size() == 1 ? row.members.begin()->first : e.group;
    e.message = commitLineText(e.committed, e.commits);
    const auto listed = std::lower_bound(m_visible.begin(), m_visible.end(), index);
    if (listed != m_visible.end() && *listed == index) {
        const int visibleRow = int(listed - m_visible.begin());
        emit dataChanged(this->index(visibleRow, 0), this->index(visibleRow, ColumnCount - 1));
    }
}

void EventLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_visible.clear();
    m_openFolds.clear();
    endResetModel();
}

void EventLogModel::setHiddenKinds(const std::set<LogEntry::Kind> &kinds)
{
    beginResetModel();
    m_hidden = kinds;
    rebuildVisible();
    endResetModel();
}

void EventLogModel::rebuildVisible()
{
    m_visible.clear();
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (!m_hidden.count(m_rows[i].entry.kind))
            m_visible.push_back(i);
}

int EventLogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_visible.size()); }

int EventLogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString EventLogModel::kindName(LogEntry::Kind kind)
{
    switch (kind) {
    case LogEntry::Kind::Info: return tr("Info");
    case LogEntry::Kind::Connection: return tr("Connection");
    case LogEntry::Kind::Topic: return tr("Topic");
    case LogEntry::Kind::Produce: return tr("Produce");
    case LogEntry::Kind::Rebalance: return tr("Rebalance");
    case LogEntry::Kind::Commit: return tr("Commit");
    case LogEntry::Kind::Error: return tr("Error");
    }
    return {};
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[m_visible[size_t(index.row())]];
    const LogEntry &e = row.entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(e.timestampMs).toString(QStringLiteral("hh:mm:ss"));
        case MessageColumn: return e.source.isEmpty() ? e.message : e.source + QStringLiteral(": ") + e.message;
        }
        break;
    case Qt::ToolTipRole: return toolTip(row);
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (index.column() == TimeColumn)
            return style::toneColor(style::Tone::Muted, palette);
        switch (e.kind) {
        case LogEntry::Kind::Error: return style::toneColor(style::Tone::Bad, palette);
        case LogEntry::Kind::Rebalance: return style::toneColor(style::Tone::Warning, palette);
        case LogEntry::Kind::Commit: return style::toneColor(style::Tone::Good, palette);
        case LogEntry::Kind::Connection:
        case LogEntry::Kind::Topic: return style::toneColor(style::Tone::Accent, palette);
        default: break;
        }
        break;
    }
    case Qt::FontRole:
        if (e.milestone && index.column() == MessageColumn) {
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole: return int(Qt::AlignLeft | Qt::AlignTop);
    case KindRole: return int(e.kind);
    case MilestoneRole: return e.milestone;
    case CommitLinesRole: return e.isRoutineCommit() ? row.lines : 0;
    default: break;
    }
    return {};
}

QString EventLogModel::toolTip(const Row &row) const
{
    const LogEntry &e = row.entry;
    const auto time = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODateWithMs); };
    // The row's text whole, as the list shows it (cut there: a commit row, a narrow pane).
    const QString text = e.source.isEmpty() ? e.message : e.source + QStringLiteral(": ") + e.message;
    if (row.lines == 1)
        return QStringLiteral("%1 · %2\n%3").arg(time(e.timestampMs), kindName(e.kind), text);
    // A folded commit row: from its first line to its latest, and who committed what.
    QString tip =
        QStringLiteral("%1 – %2 · %3\n%4").arg(time(row.firstMs), time(e.timestampMs), kindName(e.kind), text);
    if (row.members.size() > 1)
        for (const auto &[member, m] : row.members)
            tip += QStringLiteral("\n") + member + QStringLiteral(": ") + commitLineText(m.committed, m.commits);
    return tip;
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case MessageColumn: return tr("Event");
    }
    return {};
}

} // namespace tidemark
