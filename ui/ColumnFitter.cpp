#include "ui/ColumnFitter.h"

#include <QAbstractItemModel>
#include <QFontMetrics>
#include <QHeaderView>
#include <QStyle>
#include <QTreeView>

#include <algorithm>

namespace tidemark {

ColumnFitter::ColumnFitter(QTreeView *view, QList<int> columns)
    : QObject(view), m_view(view), m_columns(std::move(columns))
{
    QAbstractItemModel *model = view->model();
    connect(model, &QAbstractItemModel::dataChanged, this, &ColumnFitter::fit);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnFitter::fit);
    connect(model, &QAbstractItemModel::modelReset, this, &ColumnFitter::fit);
    connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFitter::fit);
}

int ColumnFitter::cellWidth(const QTreeView *view, const QString &text)
{
    // QCommonStyle draws item text inset by PM_FocusFrameHMargin + 1 on each side.
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    return view->fontMetrics().horizontalAdvance(text) + 2 * margin + 2;
}

int ColumnFitter::widthFor(const QTreeView *view, int column, const QStringList &texts)
{
    int widest = view->header()->sectionSizeHint(column);
    for (const QString &text : texts)
        widest = std::max(widest, cellWidth(view, text));
    return widest;
}

int ColumnFitter::widestText(int column, const QModelIndex &parent) const
{
    const QAbstractItemModel *model = m_view->model();
    int widest = 0;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QString text = model->index(row, column, parent).data(Qt::DisplayRole).toString();
        if (!text.isEmpty())
            widest = std::max(widest, cellWidth(m_view, text));
        const QModelIndex first = model->index(row, 0, parent);
        if (model->hasChildren(first))
            widest = std::max(widest, widestText(column, first));
    }
    return widest;
}

void ColumnFitter::fit()
{
    for (int column : m_columns) {
        const int needed = widestText(column, {});
        if (needed > m_view->columnWidth(column))
            m_view->setColumnWidth(column, needed);
    }
}

} // namespace tidemark
