#include "ui/panels/HeadersEditor.h"

#include "ui/Style.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tidemark {

namespace {

// A cell's bytes: the exact ones it was loaded with while its text is still theirs, else
// its text as UTF-8.
QByteArray cellBytes(const QTableWidgetItem *item)
{
    if (!item)
        return {};
    const QVariant loaded = item->data(Qt::UserRole);
    if (loaded.isValid()) {
        const QByteArray bytes = loaded.toByteArray();
        if (QString::fromUtf8(bytes) == item->text())
            return bytes;
    }
    return item->text().toUtf8();
}

QTableWidgetItem *textCell(const QByteArray &bytes)
{
    auto *item = new QTableWidgetItem(QString::fromUtf8(bytes));
    if (QString::fromUtf8(bytes).toUtf8() != bytes)
        item->setData(Qt::UserRole, bytes); // not UTF-8: the text alone would not give them back
    return item;
}

} // namespace

HeadersEditor::HeadersEditor(QWidget *parent)
    : QWidget(parent),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_add(new QPushButton(style::icon(QStringLiteral(":/icons/add.svg")), tr("Add header"), this)),
      m_remove(new QPushButton(style::icon(QStringLiteral(":/icons/remove.svg")), tr("Remove"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_table->setObjectName(QStringLiteral("headersTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Null")});
    m_table->horizontalHeaderItem(NullColumn)
        ->setToolTip(tr("Send the header with a null value (no value at all), which is not the same as an empty one"));
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(NullColumn, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(70); // the header and two rows: the 1024x700 window has little height to spare
    m_table->setMaximumHeight(120);
    m_table->setAccessibleName(tr("Record headers"));
    layout->addWidget(m_table, 1);

    // Insert and Delete in the table do what the buttons do, for the keyboard.
    auto *insert = new QAction(m_table);
    insert->setShortcut(QKeySequence(Qt::Key_Insert));
    insert->setShortcutContext(Qt::WidgetShortcut);
    connect(insert, &QAction::triggered, this, &HeadersEditor::addRow);
    m_table->addAction(insert);
    auto *remove = new QAction(m_table);
    remove->setShortcut(QKeySequence(QKeySequence::Delete));
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &HeadersEditor::removeRow);
    m_table->addAction(remove);

    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(4);
    m_add->setObjectName(QStringLiteral("addHeaderButton"));
    m_add->setToolTip(tr("Add a header (Insert in the table)"));
    m_remove->setObjectName(QStringLiteral("removeHeaderButton"));
    m_remove->setToolTip(tr("Remove the selected header (Delete in the table)"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &HeadersEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &HeadersEditor::removeRow);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_syncing)
            return;
        if (item->column() == NullColumn) {
            // A null value has no text to edit; the text stays, for when Null is unchecked.
            if (QTableWidgetItem *value = m_table->item(item->row(), ValueColumn)) {
                const QSignalBlocker block(m_table);
                const bool null = item->checkState() == Qt::Checked;
                value->setFlags(null ? value->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsEditable)
                                     : value->flags() | Qt::ItemIsEnabled | Qt::ItemIsEditable);
            }
        }
        emit changed();
    });
    updateButtons();
}

int HeadersEditor::rowCount() const { return m_table->rowCount(); }

Result<std::vector<Header>> HeadersEditor::headers() const
{
    std::vector<Header> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        Header header;
        header.key = cellBytes(m_table->item(row, NameColumn));
        if (header.key.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         tr("Header %1 has no name: type one, or remove the row.").arg(row + 1));
        const QTableWidgetItem *null = m_table->item(row, NullColumn);
        if (!null || null->checkState() != Qt::Checked)
            header.value = cellBytes(m_table->item(row, ValueColumn));
        out.push_back(std::move(header));
    }
    return out;
}

void HeadersEditor::setHeaders(const std::vector<Header> &headers)
{
    m_syncing = true;
    m_table->setRowCount(0);
    for (const Header &header : headers)
        appendRow(header);
    m_syncing = false;
    updateButtons();
    emit changed();
}

void HeadersEditor::appendRow(const Header &header)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NameColumn, textCell(header.key));
    auto *value = textCell(header.value.value_or(QByteArray()));
    auto *null = new QTableWidgetItem;
    null->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    null->setCheckState(header.value ? Qt::Unchecked : Qt::Checked);
    if (!header.value)
        value->setFlags(value->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsEditable));
    m_table->setItem(row, ValueColumn, value);
    m_table->setItem(row, NullColumn, null);
}

void HeadersEditor::addRow()
{
    m_syncing = true;
    appendRow(Header{QByteArray(), QByteArray()});
    m_syncing = false;
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, NameColumn);
    m_table->setFocus(Qt::OtherFocusReason);
    m_table->editItem(m_table->item(row, NameColumn));
    updateButtons();
    emit changed();
}

void HeadersEditor::removeRow()
{
    int row = m_table->currentRow();
    if (row < 0)
        row = m_table->rowCount() - 1;
    if (row < 0)
        return;
    m_table->removeRow(row);
    updateButtons();
    emit changed();
}

void HeadersEditor::updateButtons() { m_remove->setEnabled(m_table->rowCount() > 0); }

} // namespace tidemark
