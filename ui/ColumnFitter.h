#pragma once

// Keeps chosen columns of a tree view wide enough for every text they show, growing only:
// numbers that grow (lag 999 -> 13,334) widen their column once instead of being elided
// ("13,…"), and live numbers that shrink never make the columns jump back and forth.
// Thread: GUI thread (it follows the view's model signals).

#include <QList>
#include <QObject>

class QTreeView;

namespace tidemark {

class ColumnFitter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnFitter)

public:
    // `view` must have its model set; `columns` are kept at least as wide as their widest
    // text (rows and their children) plus the item delegate's margins.
    ColumnFitter(QTreeView *view, QList<int> columns);

    // The width `text` needs in a cell of `view` (the delegate's margins on both sides).
    static int cellWidth(const QTreeView *view, const QString &text);
    // The width `column` of `view` needs to show its header and each of `texts` whole (the
    // words a column can show, e.g. every state, before any row shows them).
    static int widthFor(const QTreeView *view, int column, const QStringList &texts);

public slots:
    void fit();

private:
    int widestText(int column, const QModelIndex &parent) const;

    QTreeView *m_view;
    QList<int> m_columns;
};

} // namespace tidemark
