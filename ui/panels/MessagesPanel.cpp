#include "ui/panels/MessagesPanel.h"

#include "core/RangeInput.h"
#include "ui/Style.h"
#include "ui/models/MessageTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace tidemark {

MessagesPanel::MessagesPanel(Clock clock, QWidget *parent)
    : QWidget(parent),
      m_clock(clock ? std::move(clock) : systemClock()),
      m_model(new MessageTableModel(this)),
      m_partition(new QComboBox(this)),
      m_text(new QLineEdit(this)),
      m_from(new QLineEdit(this)),
      m_to(new QLineEdit(this)),
      m_tail(new QCheckBox(tr("Live tail"), this)),
      m_view(new QTableView(this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("messagesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    m_partition->setObjectName(QStringLiteral("partitionChoice"));
    m_partition->setToolTip(tr("Show one partition or all of them"));
    m_partition->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_partition);
    m_text->setObjectName(QStringLiteral("messageFilter"));
    m_text->setPlaceholderText(tr("Filter key or value (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    bar->addWidget(m_text, 3);
    const QString rangeHelp =
        tr("An offset (120), a time (2024-05-01 12:00 or 12:30) or a span back from now (-5m, -2h)");
    m_from->setObjectName(QStringLiteral("rangeFrom"));
    m_from->setPlaceholderText(tr("From"));
    m_from->setToolTip(rangeHelp);
    m_from->setClearButtonEnabled(true);
    bar->addWidget(m_from, 1);
    m_to->setObjectName(QStringLiteral("rangeTo"));
    m_to->setPlaceholderText(tr("To"));
    m_to->setToolTip(rangeHelp);
    m_to->setClearButtonEnabled(true);
    bar->addWidget(m_to, 1);
    m_tail->setObjectName(QStringLiteral("liveTail"));
    m_tail->setToolTip(tr("Follow new records as they arrive (Ctrl+L)"));
    bar->addWidget(m_tail);
    layout->addLayout(bar);

    m_view->setObjectName(QStringLiteral("messageView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(20);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setMinimumSectionSize(24);
    // The widths fit the English headers; translations that are longer widen them.
    const QFontMetrics headerFont(m_view->horizontalHeader()->font());
    for (const auto &[column, english] : {std::pair{MessageTableModel::PartitionColumn, 40},
                                          {MessageTableModel::OffsetColumn, 56},
                                          {MessageTableModel::TimestampColumn, 144},
                                          {MessageTableModel::KeyColumn, 52}})
        m_view->setColumnWidth(
            column, style::widthForTranslation(english, headerFont, {MessageTableModel::headerText(column)}));
    layout->addWidget(m_view, 1);

    m_status->setObjectName(QStringLiteral("messageStatus"));
    layout->addWidget(m_status);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(300);
    connect(&m_filterDelay, &QTimer::timeout, this, &MessagesPanel::applyFilter);
    for (QLineEdit *edit : {m_text, m_from, m_to}) {
        connect(edit, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
        connect(edit, &QLineEdit::returnPressed, this, &MessagesPanel::applyFilter);
    }
    connect(m_partition, &QComboBox::activated, this,
            [this](int index) { m_model->setPartition(m_partition->itemData(index).toInt()); });
    connect(m_tail, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setLiveTail(on);
        if (on)
            m_view->scrollToBottom();
        emit liveTailChanged(on);
    });
    connect(m_model, &MessageTableModel::statusChanged, m_status, &QLabel::setText);
    connect(m_model, &MessageTableModel::tailAppended, this, [this] {
        trySelectPending();
        if (m_tail->isChecked())
            m_view->scrollToBottom();
    });
    connect(m_model, &MessageTableModel::rowsReady, this, [this] {
        trySelectPending();
        if (m_tail->isChecked())
            m_view->scrollToBottom();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        if (m_pendingRow >= tl.row() && m_pendingRow <= br.row())
            onCurrentRowChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MessagesPanel::onCurrentRowChanged);
    m_status->setText(m_model->statusText());
    setPartitionCount(0);
}

void MessagesPanel::setBackend(AsyncBackend *backend)
{
    m_model->setTopic(QString());
    m_model->setBackend(backend);
    setPartitionCount(0);
}

void MessagesPanel::setTopic(const QString &topic, int partitionCount)
{
    if (topic != m_model->topic()) {
        m_pendingSelect.reset();
        m_model->setTopic(topic);
    }
    setPartitionCount(partitionCount);
}

QString MessagesPanel::topic() const { return m_model->topic(); }

void MessagesPanel::setPartitionCount(int count)
{
    if (count == m_partitionCount && m_partition->count() > 0)
        return;
    m_partitionCount = count;
    const int current = m_model->partition();
    m_partition->clear();
    m_partition->addItem(tr("All partitions"), -1);
    for (int p = 0; p < count; ++p)
        m_partition->addItem(tr("Partition %1").arg(p), p);
    m_partition->setCurrentIndex(std::max(0, m_partition->findData(current)));
    m_partition->setEnabled(count > 0);
}

std::optional<Record> MessagesPanel::currentRecord() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->recordAt(current.row());
}

bool MessagesPanel::liveTail() const { return m_tail->isChecked(); }

void MessagesPanel::setLiveTail(bool on) { m_tail->setChecked(on); }

void MessagesPanel::focusFilter()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void MessagesPanel::refresh() { m_model->refresh(); }

void MessagesPanel::markInvalid(QLineEdit *edit, const QString &error)
{
    QPalette p = edit->palette();
    if (error.isEmpty()) {
        edit->setPalette(QPalette());
        edit->setToolTip(tr("An offset (120), a time (2024-05-01 12:00 or 12:30) or a span back from now (-5m, -2h)"));
    } else {
        p.setColor(QPalette::Text, style::toneColor(style::Tone::Bad, palette()));
        edit->setPalette(p);
        edit->setToolTip(error);
        m_status->setText(error);
    }
}

void MessagesPanel::applyFilter()
{
    m_filterDelay.stop();
    MessageFilter filter;
    filter.text = m_text->text();
    const qint64 now = m_clock();
    auto from = parseRangeBound(m_from->text(), now);
    auto to = parseRangeBound(m_to->text(), now);
    markInvalid(m_from, from ? QString() : from.error().message);
    markInvalid(m_to, to ? QString() : to.error().message);
    if (!from || !to)
        return; // keep the previous filter until the input makes sense
    filter.fromOffset = from->offset;
    filter.fromTimeMs = from->timeMs;
    filter.toOffset = to->offset;
    filter.toTimeMs = to->timeMs;
    m_model->setFilter(filter);
}

void MessagesPanel::selectRecord(int partition, qint64 offset)
{
    m_pendingSelect = std::make_pair(partition, offset);
    if (m_model->rowOf(partition, offset)) {
        trySelectPending();
        return;
    }
    // Something hides it: show all partitions, unfiltered.
    const QSignalBlocker b1(m_text), b2(m_from), b3(m_to);
    m_text->clear();
    m_from->clear();
    m_to->clear();
    markInvalid(m_from, {});
    markInvalid(m_to, {});
    m_partition->setCurrentIndex(0);
    const bool changed = m_model->partition() != -1 || m_model->filter() != MessageFilter{};
    m_model->setPartition(-1);
    m_model->setFilter(MessageFilter{});
    if (!changed)
        m_model->refresh(); // maybe it is just newer than the rows: the tail check appends it
}

void MessagesPanel::trySelectPending()
{
    if (!m_pendingSelect)
        return;
    const auto row = m_model->rowOf(m_pendingSelect->first, m_pendingSelect->second);
    if (!row)
        return;
    m_pendingSelect.reset();
    const QModelIndex index = m_model->index(*row, MessageTableModel::OffsetColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void MessagesPanel::onCurrentRowChanged()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_pendingRow = -1;
        return;
    }
    auto record = m_model->recordAt(current.row());
    if (!record) {
        m_pendingRow = current.row(); // emitted when its page arrives
        return;
    }
    m_pendingRow = -1;
    emit currentRecordChanged(*record);
}

} // namespace tidemark
