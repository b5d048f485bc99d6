#include "ui/panels/MessagesPanel.h"

#include "core/PluralCount.h"
#include "core/RangeInput.h"
#include "core/RecordFilter.h"
#include "ui/ElidedLabel.h"
#include "ui/Style.h"
#include "ui/dialogs/ReplayDialog.h"
#include "ui/models/MessageTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tidemark {

MessagesPanel::MessagesPanel(Clock clock, QWidget *parent)
    : QWidget(parent),
      m_clock(clock ? std::move(clock) : systemClock()),
      m_model(new MessageTableModel(this)),
      m_partition(new QComboBox(this)),
      m_text(new QLineEdit(this)),
      m_order(new QComboBox(this)),
      m_pause(new QToolButton(this)),
      m_cancel(new QToolButton(this)),
      m_exportButton(new QToolButton(this)),
      m_exportCancel(new QToolButton(this)),
      m_from(new QLineEdit(this)),
      m_to(new QLineEdit(this)),
      m_tail(new QCheckBox(tr("Live tail"), this)),
      m_view(new QTableView(this)),
      m_status(new ElidedLabel(this))
{
    setObjectName(QStringLiteral("messagesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    m_filterRow = new QHBoxLayout;
    m_filterRow->setSpacing(4);
    m_optionsRow = new QHBoxLayout;
    m_optionsRow->setSpacing(4);
    m_partition->setObjectName(QStringLiteral("partitionChoice"));
    m_partition->setToolTip(tr("Show one partition or all of them"));
    m_partition->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filterRow->addWidget(m_partition);
    m_text->setObjectName(QStringLiteral("messageFilter"));
    m_text->setPlaceholderText(tr("Filter: \"text\", key == \"k\", value.total_price > 1000 (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    // Saved filters: the box's context menu (Menu key, Shift+F10) and Edit > Saved Filters.
    m_text->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_text, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = m_text->createStandardContextMenu();
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addSeparator();
        QMenu *saved = menu->addMenu(tr("Saved filters"));
        fillSavedFiltersMenu(saved);
        menu->popup(m_text->mapToGlobal(pos));
    });
    m_filterRow->addWidget(m_text, 3);
    m_order->setObjectName(QStringLiteral("searchOrder"));
    m_order->addItem(tr("Oldest first"), int(RecordScan::Order::OldestFirst));
    m_order->addItem(tr("Newest first"), int(RecordScan::Order::NewestFirst));
    m_order->setToolTip(tr("Which end of each partition a search starts from"));
    const QString rangeHelp =
        tr("An offset (120), a time (2024-05-01 12:00 or 12:30) or a span back from now (-5m, -2h)");
    m_from->setObjectName(QStringLiteral("rangeFrom"));
    m_from->setPlaceholderText(tr("From"));
    m_from->setToolTip(rangeHelp);
    m_from->setClearButtonEnabled(true);
    m_filterRow->addWidget(m_from, 1);
    m_to->setObjectName(QStringLiteral("rangeTo"));
    m_to->setPlaceholderText(tr("To"));
    m_to->setToolTip(rangeHelp);
    m_to->setClearButtonEnabled(true);
    m_filterRow->addWidget(m_to, 1);
    m_tail->setObjectName(QStringLiteral("liveTail"));
    m_tail->setToolTip(tr("Follow new records as they arrive (Ctrl+L)"));
    m_filterRow->addWidget(m_tail);
    layout->addLayout(m_filterRow);
    layout->addLayout(m_optionsRow);
    // One row while the filter gets about two thirds of its help text.
    m_oneRowWidth = m_partition->sizeHint().width() + m_tail->sizeHint().width() +
                    2 * m_text->fontMetrics().horizontalAdvance(QStringLiteral("00000000")) +
                    m_text->fontMetrics().horizontalAdvance(m_text->placeholderText()) * 2 / 3 +
                    4 * m_filterRow->spacing() + layout->contentsMargins().left() + layout->contentsMargins().right();

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

    auto *statusBar = new QHBoxLayout;
    m_status->setObjectName(QStringLiteral("messageStatus"));
    // Cut to the panel's width (whole in its tooltip): a search's long status line
    // ("Done: Scanned 2,001 of 2,001 records in partitions 0, 1, 2, ...") widened the window.
    statusBar->addWidget(m_status, 1);
    m_pause->setObjectName(QStringLiteral("searchPause"));
    m_pause->setText(tr("Pause"));
    m_cancel->setObjectName(QStringLiteral("searchCancel"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the search; the matches found so far stay listed"));
    statusBar->addWidget(m_order);
    statusBar->addWidget(m_pause);
    statusBar->addWidget(m_cancel);
    m_exportButton->setObjectName(QStringLiteral("exportRecords"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Write every record shown (all matches of the filter) to a file"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("As JSON lines (tidemark-cli produce reads them back)…"), this,
                          [this] { chooseExportFile(ExportFormat::JsonLines); });
    exportMenu->addAction(tr("As CSV…"), this, [this] { chooseExportFile(ExportFormat::Csv); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Produce Them Again…"), this, [this] { openReplayDialog(); });
    m_exportButton->setMenu(exportMenu);
    m_exportCancel->setObjectName(QStringLiteral("exportCancel"));
    m_exportCancel->setText(tr("Cancel export"));
    m_exportCancel->setVisible(false);
    statusBar->addWidget(m_exportButton);
    statusBar->addWidget(m_exportCancel);
    connect(m_exportCancel, &QToolButton::clicked, this, [this] {
        if (m_exportState)
            m_exportState->cancel = true;
    });
    m_exportProgress.setInterval(200);
    connect(&m_exportProgress, &QTimer::timeout, this, &MessagesPanel::showExportProgress);
    layout->addLayout(statusBar);
    connect(m_pause, &QToolButton::clicked, this, [this] {
        if (m_model->searchState() == MessageTableModel::SearchState::Paused)
            m_model->resumeSearch();
        else
            m_model->pauseSearch();
    });
    connect(m_cancel, &QToolButton::clicked, m_model, &MessageTableModel::cancelSearch);
    connect(m_model, &MessageTableModel::searchStateChanged, this, &MessagesPanel::updateSearchButtons);
    connect(m_order, &QComboBox::activated, this,
            [this](int index) { m_model->setSearchOrder(RecordScan::Order(m_order->itemData(index).toInt())); });
    updateSearchButtons();

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(300);
    connect(&m_filterDelay, &QTimer::timeout, this, &MessagesPanel::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &MessagesPanel::checkFilterText);
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
    // Selecting a key cell (click or keyboard) selects that key: the timeline highlights it.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { emitKeySelected(current); });
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) { emitKeySelected(index); });
    m_status->setText(m_model->statusText());
    setPartitionCount(0);
}

void MessagesPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitFilterBar();
    fitColumns();
}

void MessagesPanel::fitColumns()
{
    int others = 0;
    for (int c = 0; c < MessageTableModel::ValueColumn; ++c)
        if (c != MessageTableModel::TimestampColumn)
            others += m_view->columnWidth(c);
    if (!m_view->isColumnHidden(MessageTableModel::TimestampColumn))
        m_timestampWidth = m_view->columnWidth(MessageTableModel::TimestampColumn);
    // The timestamps give way first: the inspector shows the selected record's. Measured
    // without the scroll bar, which comes and goes with the rows: the columns were those of
    // whenever the panel was last resized, and View > Reset Layout (which lays the panel out
    // again with its rows loaded) hid the Timestamp column the first layout had shown.
    const int value = m_view->maximumViewportSize().width() - others - m_timestampWidth;
    m_view->setColumnHidden(MessageTableModel::TimestampColumn, value < kLeastValueWidth);
    if (!m_view->isColumnHidden(MessageTableModel::TimestampColumn))
        m_view->setColumnWidth(MessageTableModel::TimestampColumn, m_timestampWidth);
}

void MessagesPanel::fitFilterBar()
{
    const bool twoRows = width() < m_oneRowWidth;
    if (twoRows == m_twoRows)
        return;
    m_twoRows = twoRows;
    for (QWidget *w : std::initializer_list<QWidget *>{m_partition, m_text, m_from, m_to, m_tail}) {
        m_filterRow->removeWidget(w);
        m_optionsRow->removeWidget(w);
    }
    // Tab order follows creation, not rows: the keyboard path stays the same in both.
    QHBoxLayout *options = twoRows ? m_optionsRow : m_filterRow;
    if (!twoRows)
        options->addWidget(m_partition);
    m_filterRow->addWidget(m_text, 3);
    if (twoRows)
        options->addWidget(m_partition);
    options->addWidget(m_from, 1);
    options->addWidget(m_to, 1);
    options->addWidget(m_tail);
}

void MessagesPanel::setBackend(AsyncBackend *backend)
{
    m_backend = backend;
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
    // The text in the theme's red, the current theme's after a switch too.
    if (error.isEmpty()) {
        style::clearTone(edit);
        edit->setToolTip(tr("An offset (120), a time (2024-05-01 12:00 or 12:30) or a span back from now (-5m, -2h)"));
    } else {
        style::setTone(edit, style::Tone::Bad, QPalette::Text);
        edit->setToolTip(error);
        m_status->setText(error);
    }
}

void MessagesPanel::chooseExportFile(ExportFormat format)
{
    const bool csv = format == ExportFormat::Csv;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export records"), m_model->topic() + (csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl")),
        csv ? tr("CSV (*.csv)") : tr("JSON lines (*.jsonl *.json)"));
    if (!path.isEmpty())
        exportRecords(path, format);
}

bool MessagesPanel::exportRecords(const QString &path, ExportFormat format)
{
    if (m_exportState || !m_backend || m_model->topic().isEmpty())
        return false;
    RecordScan::Options options = m_model->scanOptions();
    if (!options.filter.isValid())
        return false;
    auto state = std::make_shared<ExportState>();
    m_exportState = state;
    m_exportPath = path;
    m_exportButton->setEnabled(false);
    m_exportCancel->setVisible(true);
    m_exportProgress.start();
    showExportProgress();
    m_backend->run(
        this,
        [state, options, path, format](Backend &backend) { return exportScan(backend, options, path, format, *state); },
        [this, path](Result<qint64> written) {
            m_exportState.reset();
            m_exportProgress.stop();
            m_exportButton->setEnabled(true);
            m_exportCancel->setVisible(false);
            const QLocale locale;
            if (written) {
                m_status->setText(tr("Exported %1 records to %2", nullptr, pluralCount(*written))
                                      .arg(locale.toString(*written), path));
                emit exportFinished(path, *written, QString());
            } else {
                m_status->setText(tr("Export failed: %1").arg(written.error().message));
                emit exportFinished(path, 0, written.error().message);
            }
        });
    return true;
}

ReplayDialog *MessagesPanel::openReplayDialog()
{
    if (!m_backend || m_model->topic().isEmpty())
        return nullptr;
    const RecordScan::Options options = m_model->scanOptions();
    if (!options.filter.isValid())
        return nullptr;
    const QString filter = m_model->filter().text.trimmed();
    const bool ranged = options.fromOffset || options.toOffset || options.fromTimeMs || options.toTimeMs;
    const QString describe =
        !filter.isEmpty() ? tr("the records that match %1%2").arg(filter, ranged ? tr(" in the range") : QString())
        : ranged ? tr("the records in the range")
        : options.partitions.size() == 1 ? tr("the records of partition %1").arg(options.partitions.front())
                                         : tr("all the records");
    auto *dialog = new ReplayDialog(m_backend, options, describe, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReplayDialog::produced, this, &MessagesPanel::replayed);
    dialog->show();
    return dialog;
}

void MessagesPanel::showExportProgress()
{
    if (!m_exportState)
        return;
    const QLocale locale;
    m_status->setText(tr("Exporting to %1: scanned %2 of %3 records, %4 written")
                          .arg(m_exportPath, locale.toString(m_exportState->scanned.load()),
                               locale.toString(m_exportState->total.load()),
                               locale.toString(m_exportState->written.load())));
}

void MessagesPanel::updateSearchButtons()
{
    using State = MessageTableModel::SearchState;
    const State state = m_model->searchState();
    const bool active = state == State::Running || state == State::Paused;
    m_order->setVisible(state != State::Idle); // a search's order: shown once there is a search
    m_pause->setVisible(active);
    m_cancel->setVisible(active);
    m_pause->setText(state == State::Paused ? tr("Resume") : tr("Pause"));
    m_pause->setToolTip(state == State::Paused ? tr("Go on scanning where the search stopped")
                                               : tr("Stop scanning for now; Resume goes on from here"));
}

bool MessagesPanel::checkFilterText()
{
    const RecordFilter filter = RecordFilter::parse(m_text->text());
    if (filter.isValid()) {
        style::clearTone(m_text);
        m_text->setToolTip(tr("The filter language: \"text\" (in key or value), key == \"k\", value contains \"x\", "
                              "key ~ /re/i, value.user_id == \"00042\", value.items[*].product_id == \"535\", "
                              "header.source exists, partition in (0, 2), offset >= 100, timestamp >= \"2026-12-06 "
                              "10:00\", value is null, size > 1024; and, or, not, ( ). Times are in %1.")
                               .arg(filter.timeZoneLabel()));
        return true;
    }
    const QString error = tr("Filter: %1").arg(filter.error()->toString());
    style::setTone(m_text, style::Tone::Bad, QPalette::Text); // the current theme's red, after a switch too
    m_text->setToolTip(error);
    m_status->setText(error);
    return false;
}

void MessagesPanel::applyFilter()
{
    m_filterDelay.stop();
    if (!checkFilterText())
        return; // keep the previous filter until the text parses
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
    emit filterApplied(filter.text.trimmed());
}

QString MessagesPanel::filterText() const { return m_text->text(); }

void MessagesPanel::fillSavedFiltersMenu(QMenu *menu)
{
    const QString topic = m_model->topic();
    const std::vector<SavedFilter> saved =
        m_savedFilters && !topic.isEmpty() ? m_savedFilters->list(topic) : std::vector<SavedFilter>{};
    const QFontMetrics metrics(menu->font());
    for (const SavedFilter &filter : saved) {
        QAction *apply =
            menu->addAction(tr("%1: %2").arg(filter.name, metrics.elidedText(filter.text, Qt::ElideRight, 320)), this,
                            [this, text = filter.text] { setFilterText(text); });
        apply->setToolTip(filter.text);
        apply->setCheckable(true);
        apply->setChecked(filter.text == m_text->text().trimmed());
    }
    if (saved.empty()) {
        QAction *none = menu->addAction(topic.isEmpty() ? tr("Choose a topic to see its saved filters")
                                                        : tr("No saved filters for %1 yet").arg(topic));
        none->setEnabled(false);
    }
    menu->addSeparator();
    QAction *save = menu->addAction(tr("Save filter as…"), this, &MessagesPanel::askFilterName);
    save->setEnabled(m_savedFilters && !topic.isEmpty() && !m_text->text().trimmed().isEmpty() &&
                     RecordFilter::parse(m_text->text()).isValid());
    QMenu *remove = menu->addMenu(tr("Delete saved filter"));
    remove->setEnabled(!saved.empty());
    for (const SavedFilter &filter : saved)
        remove->addAction(filter.name, this, [this, topic, name = filter.name] {
            if (m_savedFilters && m_savedFilters->remove(topic, name))
                m_status->setText(tr("Deleted the saved filter \"%1\" of %2").arg(name, topic));
        });
}

void MessagesPanel::askFilterName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("saveFilterDialog"));
    dialog->setWindowTitle(tr("Save filter"));
    dialog->setLabelText(tr("Name for this filter of %1:\n%2").arg(m_model->topic(), m_text->text().trimmed()));
    // A filter saved before under some name offers that name (saving replaces it).
    if (m_savedFilters)
        for (const SavedFilter &filter : m_savedFilters->list(m_model->topic()))
            if (filter.text == m_text->text().trimmed())
                dialog->setTextValue(filter.name);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) { saveFilterAs(name); });
    dialog->open();
}

bool MessagesPanel::saveFilterAs(const QString &name)
{
    const QString topic = m_model->topic();
    if (!m_savedFilters || topic.isEmpty())
        return false;
    const Status saved = m_savedFilters->save(topic, name, m_text->text());
    m_status->setText(saved ? tr("Saved the filter \"%1\" for %2").arg(name.trimmed(), topic)
                            : tr("Not saved: %1").arg(saved.error().message));
    return saved.ok();
}

void MessagesPanel::setFilterText(const QString &text)
{
    if (text == m_text->text()) {
        applyFilter();
        return;
    }
    {
        const QSignalBlocker block(m_text);
        m_text->setText(text);
    }
    checkFilterText();
    applyFilter();
}

void MessagesPanel::emitKeySelected(const QModelIndex &index)
{
    if (!index.isValid() || index.column() != MessageTableModel::KeyColumn)
        return;
    if (const auto record = m_model->recordAt(index.row()))
        emit keySelected(record->key);
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
    emit filterApplied(QString());
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
