#pragma once

// The Producer panel's record headers: rows of name and value, added and removed with the
// buttons beside them (or Insert / Delete in the table), each value text, empty or null (the
// Null column). Names may repeat; the rows are sent in order, as the CLI's --header does.
// Text is sent as UTF-8; a header loaded from a record ("produce again") keeps its exact
// bytes, also bytes that are not UTF-8, until its cell is edited.
//
// Child objects for tests: "headersTable", "addHeaderButton", "removeHeaderButton".
//
// Thread: GUI thread.

#include "core/Record.h"
#include "core/Result.h"

#include <QWidget>

#include <vector>

class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace tidemark {

class HeadersEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersEditor)

public:
    enum Column { NameColumn, ValueColumn, NullColumn, ColumnCount };

    explicit HeadersEditor(QWidget *parent = nullptr);

    // The headers to send, in row order, or what to fix ("Header 2 has no name...").
    Result<std::vector<Header>> headers() const;
    void setHeaders(const std::vector<Header> &headers);
    int rowCount() const;

public slots:
    // Adds an empty row and starts editing its name.
    void addRow();
    // Removes the current row (or the last one).
    void removeRow();

signals:
    void changed();

private:
    void appendRow(const Header &header);
    void updateButtons();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    bool m_syncing = false;
};

} // namespace tidemark
