#include "ui/models/EventLogModel.h"

#include "ui/Style.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>

namespace tidemark {

EventLogModel::EventLogModel(int capacity, QObject *parent) : QAbstractTableModel(parent), m_capacity(capacity) {}

void EventLogModel::append(const LogEntry &entry)
{
    if (int(m_all.size()) >= m_capacity) {
        // Drop the oldest; its visible row (if any) is row 0.
        if (!m_visible.empty() && m_visible.front() == 0) {
            beginRemoveRows({}, 0, 0);
            m_visible.pop_front();
            m_all.pop_front();
            for (size_t &i : m_visible)
                --i;
            endRemoveRows();
        } else {
            m_all.pop_front();
            for (size_t &i : m_visible)
                --i;
        }
    }
    m_all.push_back(entry);
    if (!m_hidden.count(entry.kind)) {
        const int row = int(m_visible.size());
        beginInsertRows({}, row, row);
        m_visible.push_back(m_all.size() - 1);
        endInsertRows();
    }
}

void EventLogModel::clear()
{
    beginResetModel();
    m_all.clear();
    m_visible.clear();
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
    for (size_t i = 0; i < m_all.size(); ++i)
        if (!m_hidden.count(m_all[i].kind))
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
    const LogEntry &e = entryAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(e.timestampMs).toString(QStringLiteral("hh:mm:ss"));
        case MessageColumn: return e.source.isEmpty() ? e.message : e.source + QStringLiteral(": ") + e.message;
        }
        break;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 · %2\n%3")
            .arg(QDateTime::fromMSecsSinceEpoch(e.timestampMs).toString(Qt::ISODateWithMs), kindName(e.kind),
                 e.message);
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
    default: break;
    }
    return {};
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
