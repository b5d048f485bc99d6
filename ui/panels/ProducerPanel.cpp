#include "ui/panels/ProducerPanel.h"

#include "core/BrokerState.h"
#include "core/NextOrderId.h"
#include "core/OrderGenerator.h"
#include "core/PluralCount.h"
#include "core/RecordFormat.h"
#include "core/ThreadReaper.h"
#include "ui/ElidedLabel.h"
#include "ui/JsonHighlighter.h"
#include "ui/Style.h"
#include "ui/panels/HeadersEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace tidemark {

namespace {

enum ItemColumn { ProductColumn, QuantityColumn, PriceColumn };

QString orderIdText(qint64 id) { return QStringLiteral("%1").arg(id, 4, 10, QLatin1Char('0')); }

// "line 3, column 5: ..." from a byte offset.
QString jsonPosition(const QByteArray &text, int offset)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QCoreApplication::translate("tidemark::ProducerPanel", "line %1, column %2").arg(line).arg(column);
}

// One of the form's pages in a scroll area that scrolls up and down only, so that the page's
// minimum height stops setting the dock's: where the window is short (below ~800 px) the
// Consumers dock under the producer gets the height its rows need and the page scrolls,
// while the key, Send and the bulk controls stay in sight. The page fills the viewport's
// width (the area is as wide as the page needs, its scroll bar included) and is never
// shorter than its minimum height. (QScrollArea's widgetResizable sizes a page with
// word-wrapped labels by its preferred height, which scrolled the page where it had room.)
class PageScroll final : public QScrollArea {
public:
    PageScroll(QWidget *page, int leastHeight, QWidget *parent) : QScrollArea(parent), m_least(leastHeight)
    {
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setWidget(page);
        page->setAutoFillBackground(false); // the tab's own background, as without the scroll area
        page->installEventFilter(this);
        fit();
    }

    QSize minimumSizeHint() const override
    {
        const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
        return QSize(widget()->minimumSizeHint().width() + bar, m_least);
    }
    int pageHeight() const { return std::max(widget()->minimumSizeHint().height(), widget()->minimumHeight()); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest) {
            updateGeometry(); // the width it needs may have changed
            fit();
        }
        return QScrollArea::eventFilter(watched, event);
    }
    bool viewportEvent(QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            fit();
        return QScrollArea::viewportEvent(event);
    }

private:
    void fit()
    {
        const QSize room = viewport()->size();
        widget()->resize(room.width(), std::max(room.height(), pageHeight()));
    }

    int m_least;
};

} // namespace

ProducerPanel::ProducerPanel(Clock clock, quint64 seed, QWidget *parent)
    : QWidget(parent),
      m_clock(clock ? std::move(clock) : systemClock()),
      m_seed(seed),
      m_topicLabel(new ElidedLabel(this)),
      m_keyMode(new QComboBox(this)),
      m_keyText(new QLineEdit(this)),
      m_partitioner(new QComboBox(this)),
      m_preview(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_orderId(new QLineEdit(this)),
      m_userId(new QLineEdit(this)),
      m_items(new QTableWidget(0, 3, this)),
      m_addItem(new QPushButton(style::icon(QStringLiteral(":/icons/add.svg")), tr("Add item"), this)),
      m_removeItem(new QPushButton(style::icon(QStringLiteral(":/icons/remove.svg")), tr("Remove"), this)),
      m_total(new QLabel(this)),
      m_formError(new QLabel(this)),
      m_json(new QPlainTextEdit(this)),
      m_highlighter(new JsonHighlighter(m_json->document())),
      m_tombstone(new QCheckBox(tr("Null value (tombstone)"), this)),
      m_jsonError(new QLabel(this)),
      m_headers(new HeadersEditor(this)),
      m_headersToggle(new QToolButton(this)),
      m_send(new QPushButton(style::icon(QStringLiteral(":/icons/send.svg")), tr("Send"), this)),
      m_sendResult(new QLabel(this)),
      m_count(new QSpinBox(this)),
      m_users(new QComboBox(this)),
      m_rate(new QSpinBox(this)),
      m_generate(new QPushButton(style::icon(QStringLiteral(":/icons/generate.svg")), tr("Generate"), this)),
      m_import(new QPushButton(style::icon(QStringLiteral(":/icons/import.svg")), tr("Import JSON lines…"), this)),
      m_progress(new QProgressBar(this)),
      m_pause(new QPushButton(style::icon(QStringLiteral(":/icons/pause.svg")), tr("Pause"), this)),
      m_cancel(new QPushButton(style::icon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), this)),
      m_jobStatus(new ElidedLabel(this))
{
    setObjectName(QStringLiteral("producerPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);

    // The topic sits beside the Order and JSON tabs (set below), not in a row of its own:
    // the 1024x700 window has no height to spare.
    m_topicLabel->setObjectName(QStringLiteral("producerTopic"));
    QFont bold = m_topicLabel->font();
    bold.setBold(true);
    m_topicLabel->setFont(bold);
    m_topicLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_topicLabel->setContentsMargins(8, 0, 4, 0);
    m_topicLabel->setMaximumWidth(240); // the tabs keep their room; a long name is cut

    auto *form = new QGridLayout;
    form->setHorizontalSpacing(6);
    form->setVerticalSpacing(4);
    m_keyMode->setObjectName(QStringLiteral("keyMode"));
    m_keyMode->addItem(tr("JSON field"), int(KeyChoice::Mode::Field));
    m_keyMode->addItem(tr("Explicit key"), int(KeyChoice::Mode::Explicit));
    m_keyMode->addItem(tr("No key (null)"), int(KeyChoice::Mode::None));
    m_keyMode->setToolTip(tr("Records with the same key go to the same partition"));
    m_keyText->setObjectName(QStringLiteral("keyText"));
    m_keyText->setText(m_fieldName);
    auto *keyLabel = new QLabel(tr("&Key:"), this);
    keyLabel->setBuddy(m_keyMode);
    form->addWidget(keyLabel, 0, 0);
    form->addWidget(m_keyMode, 0, 1);
    form->addWidget(m_keyText, 0, 2);
    m_partitioner->setObjectName(QStringLiteral("partitioner"));
    for (const QString &name : partitionerNames())
        m_partitioner->addItem(name);
    m_partitioner->setToolTip(tr("murmur2: the Java client's default; consistent_random: librdkafka's default"));
    auto *partitionerLabel = new QLabel(tr("&Partitioner:"), this);
    partitionerLabel->setBuddy(m_partitioner);
    form->addWidget(partitionerLabel, 1, 0);
    form->addWidget(m_partitioner, 1, 1);
    form->setColumnStretch(2, 1);
    m_preview->setObjectName(QStringLiteral("partitionPreview"));
    m_preview->setWordWrap(true);
    m_preview->setToolTip(tr("Where the partitioner puts this record's key, computed exactly as the real clients do"));
    form->addWidget(m_preview, 2, 1, 1, 2);
    layout->addLayout(form);

    // The order form.
    auto *orderPage = new QWidget(this);
    auto *orderLayout = new QVBoxLayout(orderPage);
    orderLayout->setContentsMargins(4, 4, 4, 4);
    orderLayout->setSpacing(4);
    auto *ids = new QHBoxLayout;
    m_orderId->setObjectName(QStringLiteral("orderId"));
    m_userId->setObjectName(QStringLiteral("userId"));
    m_userId->setText(QStringLiteral("00042"));
    auto *orderIdLabel = new QLabel(tr("&Order id:"), this);
    orderIdLabel->setBuddy(m_orderId);
    auto *userIdLabel = new QLabel(tr("&User id:"), this);
    userIdLabel->setBuddy(m_userId);
    ids->addWidget(orderIdLabel);
    ids->addWidget(m_orderId, 1);
    ids->addWidget(userIdLabel);
    ids->addWidget(m_userId, 1);
    orderLayout->addLayout(ids);
    m_items->setObjectName(QStringLiteral("itemsTable"));
    m_items->setHorizontalHeaderLabels({tr("Product"), tr("Quantity"), tr("Price")});
    m_items->verticalHeader()->setVisible(false);
    m_items->verticalHeader()->setDefaultSectionSize(22);
    m_items->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_items->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_items->setMinimumHeight(50); // the header and a row: the window fits 700 px in height
    orderLayout->addWidget(m_items, 1);
    auto *itemButtons = new QHBoxLayout;
    m_addItem->setObjectName(QStringLiteral("addItemButton"));
    m_removeItem->setObjectName(QStringLiteral("removeItemButton"));
    itemButtons->addWidget(m_addItem);
    itemButtons->addWidget(m_removeItem);
    itemButtons->addStretch();
    m_total->setObjectName(QStringLiteral("orderTotal"));
    m_total->setFont(bold);
    itemButtons->addWidget(m_total);
    orderLayout->addLayout(itemButtons);
    m_formError->setObjectName(QStringLiteral("orderError"));
    m_formError->setWordWrap(true);
    orderLayout->addWidget(m_formError);
    // At least the ids' row of the form in sight.
    m_tabs->addTab(new PageScroll(orderPage, m_orderId->sizeHint().height() + 8, this), tr("Order"));

    // The raw JSON editor.
    auto *jsonPage = new QWidget(this);
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(4, 4, 4, 4);
    jsonLayout->setSpacing(4);
    m_json->setObjectName(QStringLiteral("jsonEditor"));
    m_json->setFont(style::monospaceFont());
    m_json->setTabChangesFocus(true);
    m_json->setMinimumHeight(50);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    jsonLayout->addWidget(m_json, 1);
    m_tombstone->setObjectName(QStringLiteral("tombstoneCheck"));
    m_tombstone->setToolTip(tr("Send the key with a null value, not the text above: on a compacted topic a "
                               "tombstone deletes the key's earlier records"));
    jsonLayout->addWidget(m_tombstone);
    m_jsonError->setObjectName(QStringLiteral("jsonError"));
    m_jsonError->setWordWrap(true);
    jsonLayout->addWidget(m_jsonError);
    m_tabs->addTab(new PageScroll(jsonPage, m_orderId->sizeHint().height() + 8, this), tr("JSON"));
    m_tabs->setObjectName(QStringLiteral("producerTabs"));
    m_tabs->setCornerWidget(m_topicLabel, Qt::TopRightCorner);
    layout->addWidget(m_tabs, 1);

    // The headers: hidden until asked for (the 1024x700 window has no height to spare), their
    // count on the toggle beside Send.
    m_headers->setObjectName(QStringLiteral("headersEditor"));
    m_headers->hide();
    layout->addWidget(m_headers);

    auto *sendRow = new QHBoxLayout;
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send one record (Ctrl+Return)"));
    m_send->setDefault(true);
    sendRow->addWidget(m_send);
    m_headersToggle->setObjectName(QStringLiteral("headersToggle"));
    m_headersToggle->setCheckable(true);
    m_headersToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_headersToggle->setArrowType(Qt::RightArrow);
    m_headersToggle->setAutoRaise(true);
    m_headersToggle->setFocusPolicy(Qt::StrongFocus);
    m_headersToggle->setToolTip(tr("Show or hide the record's headers: names and values sent with the record"));
    sendRow->addWidget(m_headersToggle);
    m_sendResult->setObjectName(QStringLiteral("sendResult"));
    m_sendResult->setWordWrap(true);
    sendRow->addWidget(m_sendResult, 1);
    layout->addLayout(sendRow);

    // Bulk production.
    // Untitled: its buttons say what it does, and a title row would take height the
    // 1024x700 window does not have.
    auto *bulk = new QGroupBox(this);
    bulk->setObjectName(QStringLiteral("bulkBox"));
    auto *bulkLayout = new QGridLayout(bulk);
    bulkLayout->setContentsMargins(6, 4, 6, 6);
    bulkLayout->setSpacing(4);
    m_count->setObjectName(QStringLiteral("generateCount"));
    m_count->setRange(1, 10'000'000);
    m_count->setValue(1000);
    m_count->setGroupSeparatorShown(true);
    m_rate->setObjectName(QStringLiteral("generateRate"));
    m_rate->setRange(0, 1'000'000);
    m_rate->setValue(500);
    m_rate->setSpecialValueText(tr("max"));
    m_rate->setSuffix(tr(" /s"));
    m_rate->setGroupSeparatorShown(true);
    m_rate->setToolTip(tr("Orders per second; 0 sends as fast as the broker acknowledges"));
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_generate->setToolTip(tr("Generate seeded random orders (Ctrl+G)"));
    // Three short rows, so the panel stays narrow (the timeline beside it gets the width):
    // how many and how fast; generate with which keys and the job's progress; import and what
    // the job did. While a job runs, the controls that start one (disabled then) give their
    // place to its own: the progress with pause and cancel, and its count on a row of its own
    // (it read "Se…" beside Import, Pause and Cancel at 1024x700).
    auto *genRow = new QHBoxLayout;
    genRow->addWidget(new QLabel(tr("Orders:"), bulk));
    genRow->addWidget(m_count, 1);
    genRow->addWidget(new QLabel(tr("at"), bulk));
    genRow->addWidget(m_rate, 1);
    bulkLayout->addLayout(genRow, 0, 0);
    // A few keys by default: the lesson of keyed partitioning (all of one user's orders on
    // one lane) is visible with 8 keys and a barcode with 100,000.
    m_users->setObjectName(QStringLiteral("generateUsers"));
    m_users->addItem(tr("keys: few (8)"), OrderGenerator::kFewUsers);
    m_users->addItem(tr("keys: many"), OrderGenerator::kAnyUser);
    m_users->setToolTip(tr("Which user ids (the default key) generated orders get: a few (8 users), so "
                           "that each user's orders visibly share one partition, or many (any of 100,000)"));
    m_users->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setTextVisible(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(QStringLiteral("100%")) + 16);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_generate);
    progressRow->addWidget(m_users);
    progressRow->addWidget(m_progress, 1);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setCheckable(true);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    progressRow->addWidget(m_pause);
    progressRow->addWidget(m_cancel);
    bulkLayout->addLayout(progressRow, 1, 0);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setToolTip(tr("Send every line of a JSON-lines file (Ctrl+I)"));
    auto *importRow = m_importRow = new QHBoxLayout;
    // One line, cut with its whole text in the tooltip (and in the Events): a long summary
    // must not make the panel taller than the window has room for.
    m_jobStatus->setObjectName(QStringLiteral("jobStatus"));
    // As tall as the Import button beside it, so the row keeps its height when the job's
    // count has it to itself.
    m_jobStatus->setMinimumHeight(m_import->sizeHint().height());
    importRow->addWidget(m_import);
    importRow->addWidget(m_jobStatus, 1);
    for (QPushButton *b : {m_generate, m_import, m_cancel})
        style::fitToText(b);
    style::fitToText(m_pause, {tr("Resume")});
    m_importWordsWidth = m_import->minimumWidth();
    m_import->setAccessibleName(m_import->text()); // also when only its icon shows
    bulkLayout->addLayout(importRow, 2, 0);
    bulkLayout->setColumnStretch(0, 1);
    layout->addWidget(bulk);

    connect(m_keyMode, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = KeyChoice::Mode(m_keyMode->currentData().toInt());
        const QSignalBlocker block(m_keyText);
        m_keyText->setEnabled(mode != KeyChoice::Mode::None);
        m_keyText->setText(mode == KeyChoice::Mode::Field      ? m_fieldName
                           : mode == KeyChoice::Mode::Explicit ? m_explicitKey
                                                               : QString());
        m_keyText->setPlaceholderText(mode == KeyChoice::Mode::Field ? tr("field name") : tr("key"));
        updateState();
    });
    connect(m_keyText, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (KeyChoice::Mode(m_keyMode->currentData().toInt()) == KeyChoice::Mode::Field)
            m_fieldName = text;
        else
            m_explicitKey = text;
        updateState();
    });
    connect(m_partitioner, &QComboBox::currentIndexChanged, this, &ProducerPanel::updateState);
    connect(m_orderId, &QLineEdit::textChanged, this, &ProducerPanel::formChanged);
    connect(m_userId, &QLineEdit::textChanged, this, &ProducerPanel::formChanged);
    connect(m_items, &QTableWidget::itemChanged, this, &ProducerPanel::formChanged);
    connect(m_json, &QPlainTextEdit::textChanged, this, &ProducerPanel::jsonChanged);
    connect(m_tombstone, &QCheckBox::toggled, this, [this](bool tombstone) {
        m_json->setEnabled(!tombstone);
        updateState();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        // Entering the JSON tab starts from the form's order; leaving it keeps a valid
        // order's fields in the form.
        if (editor() == Editor::Json) {
            const Order order = formOrder();
            if (validateOrder(order).isEmpty()) {
                const QSignalBlocker block(m_json);
                m_json->setPlainText(QString::fromUtf8(orderToPrettyJson(order)));
            }
        } else if (auto order = parseOrder(m_json->toPlainText().toUtf8())) {
            setFormOrder(*order);
        }
        updateState();
    });
    connect(m_addItem, &QPushButton::clicked, this, &ProducerPanel::addItemRow);
    connect(m_removeItem, &QPushButton::clicked, this, &ProducerPanel::removeItemRow);
    connect(m_send, &QPushButton::clicked, this, &ProducerPanel::send);
    connect(m_headersToggle, &QToolButton::toggled, this, &ProducerPanel::setHeadersShown);
    connect(m_headers, &HeadersEditor::changed, this, [this] {
        updateHeadersToggle();
        updateState();
    });
    connect(m_generate, &QPushButton::clicked, this, &ProducerPanel::startGenerate);
    connect(m_import, &QPushButton::clicked, this, &ProducerPanel::chooseImportFile);
    connect(m_pause, &QPushButton::toggled, this, &ProducerPanel::setJobPaused);
    connect(m_cancel, &QPushButton::clicked, this, &ProducerPanel::cancelJob);

    Order first;
    first.orderId = orderIdText(m_nextOrderId);
    first.userId = QStringLiteral("00042");
    first.items.push_back(Item{QStringLiteral("535"), 1, 300.0});
    first.totalPrice = first.computedTotal();
    setFormOrder(first);
    {
        const QSignalBlocker block(m_json);
        m_json->setPlainText(QString::fromUtf8(orderToPrettyJson(first)));
    }
    updateHeadersToggle();
    setTopic(QString(), 0);
}

int ProducerPanel::unscrolledHeight() const
{
    // The pages whole in place of their scroll areas' least height.
    int least = 0, whole = 0;
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto *page = static_cast<const PageScroll *>(m_tabs->widget(i));
        least = std::max(least, page->minimumSizeHint().height());
        whole = std::max(whole, page->pageHeight());
    }
    // At the width it has, its wrapped lines (a send's result on two) counted.
    int panel = minimumSizeHint().height();
    if (layout()->hasHeightForWidth() && width() > 0)
        panel = std::max(panel, layout()->totalMinimumHeightForWidth(width()));
    return panel + std::max(0, whole - least);
}

ProducerPanel::~ProducerPanel()
{
    // Cancel stops between batches; a produce call in flight is bounded by its timeout, but
    // closing the window must not wait for it.
    if (m_job) {
        m_job->cancel();
        if (finishOrDetach(m_job, 3000))
            delete m_job;
    }
}

void ProducerPanel::setBackend(AsyncBackend *backend)
{
    const bool other = backend != m_backend;
    m_backend = backend;
    if (m_job)
        cancelJob();
    if (other) { // the last job's count was about the broker left behind
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_jobStatus->setText(QString());
        m_jobStatus->setShortText(QString());
        style::clearTone(m_jobStatus);
    }
    m_sendResult->clear();
    updateState();
    continueOrderIds();
}

void ProducerPanel::setTopic(const QString &topic, int partitionCount)
{
    const bool changed = topic != m_topic;
    m_topic = topic;
    m_partitionCount = partitionCount;
    m_topicLabel->setText(topic.isEmpty() ? tr("Select a topic to produce to")
                                          : tr("Topic: %1 · partitions: %2").arg(topic).arg(partitionCount));
    updateState();
    if (changed)
        continueOrderIds();
}

void ProducerPanel::continueOrderIds()
{
    const int request = ++m_orderIdRequest;
    if (!m_backend || m_topic.isEmpty())
        return;
    // Read off the GUI thread: the last records of each partition (core/NextOrderId.h).
    m_backend->run(
        this, [topic = m_topic](Backend &b) { return nextOrderIdIn(b, topic); },
        [this, request, topic = m_topic](Result<qint64> next) {
            if (request != m_orderIdRequest || topic != m_topic || m_job)
                return; // another topic since, or a job that sets the next id when it ends
            if (!next) {
                log(LogEntry::Kind::Error, tr("cannot read the last order id of '%1' (order ids start at %2): %3")
                                               .arg(topic, orderIdText(m_nextOrderId), next.error().message));
                return;
            }
            const bool untouched = m_orderId->text().trimmed() == orderIdText(m_nextOrderId);
            m_nextOrderId = *next;
            if (untouched)
                m_orderId->setText(orderIdText(m_nextOrderId));
        });
}

KeyChoice ProducerPanel::keyChoice() const
{
    KeyChoice choice;
    choice.mode = KeyChoice::Mode(m_keyMode->currentData().toInt());
    choice.field = m_fieldName.trimmed();
    choice.explicitKey = m_explicitKey.toUtf8();
    return choice;
}

PartitionerKind ProducerPanel::partitioner() const
{
    return partitionerFromName(m_partitioner->currentText()).value_or(PartitionerKind::Murmur2);
}

ProducerPanel::Editor ProducerPanel::editor() const
{
    return m_tabs->currentIndex() == 1 ? Editor::Json : Editor::Form;
}

void ProducerPanel::setEditor(Editor editor) { m_tabs->setCurrentIndex(editor == Editor::Json ? 1 : 0); }

QString ProducerPanel::previewText() const { return m_preview->text(); }

bool ProducerPanel::headersShown() const { return m_headersToggle->isChecked(); }

void ProducerPanel::setHeadersShown(bool shown)
{
    m_headersToggle->setChecked(shown); // re-enters through toggled() when it changes
    if (m_headers->isHidden() == !shown)
        return;
    m_headers->setVisible(shown);
    m_headersToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    if (shown && m_headersToggle->hasFocus() && m_headers->rowCount() == 0)
        m_headers->findChild<QPushButton *>(QStringLiteral("addHeaderButton"))->setFocus(Qt::OtherFocusReason);
}

void ProducerPanel::updateHeadersToggle()
{
    const int n = m_headers->rowCount();
    m_headersToggle->setText(n == 0 ? tr("Hea&ders") : tr("Hea&ders (%1)").arg(n));
}

Order ProducerPanel::formOrder() const
{
    Order order;
    order.orderId = m_orderId->text().trimmed();
    order.userId = m_userId->text().trimmed();
    for (int row = 0; row < m_items->rowCount(); ++row) {
        Item item;
        const auto *product = m_items->item(row, ProductColumn);
        const auto *quantity = m_items->item(row, QuantityColumn);
        const auto *price = m_items->item(row, PriceColumn);
        item.productId = product ? product->data(Qt::EditRole).toString().trimmed() : QString();
        item.quantity = quantity ? quantity->data(Qt::EditRole).toLongLong() : 0;
        item.price = price ? price->data(Qt::EditRole).toDouble() : 0.0;
        order.items.push_back(item);
    }
    order.totalPrice = order.computedTotal();
    return order;
}

void ProducerPanel::setFormOrder(const Order &order)
{
    m_syncing = true;
    m_orderId->setText(order.orderId);
    m_userId->setText(order.userId);
    m_items->setRowCount(0);
    for (const Item &item : order.items) {
        const int row = m_items->rowCount();
        m_items->insertRow(row);
        auto *product = new QTableWidgetItem(item.productId);
        auto *quantity = new QTableWidgetItem;
        quantity->setData(Qt::EditRole, int(item.quantity));
        auto *price = new QTableWidgetItem;
        price->setData(Qt::EditRole, item.price);
        quantity->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_items->setItem(row, ProductColumn, product);
        m_items->setItem(row, QuantityColumn, quantity);
        m_items->setItem(row, PriceColumn, price);
    }
    m_syncing = false;
    formChanged();
}

void ProducerPanel::addItemRow()
{
    const int row = m_items->rowCount();
    m_syncing = true;
    m_items->insertRow(row);
    auto *quantity = new QTableWidgetItem;
    quantity->setData(Qt::EditRole, 1);
    quantity->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *price = new QTableWidgetItem;
    price->setData(Qt::EditRole, 0.0);
    price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_items->setItem(row, ProductColumn,
                     new QTableWidgetItem(QStringLiteral("%1").arg(100 + row, 3, 10, QLatin1Char('0'))));
    m_items->setItem(row, QuantityColumn, quantity);
    m_items->setItem(row, PriceColumn, price);
    m_syncing = false;
    m_items->setCurrentCell(row, ProductColumn);
    formChanged();
}

void ProducerPanel::removeItemRow()
{
    int row = m_items->currentRow();
    if (row < 0)
        row = m_items->rowCount() - 1;
    if (row < 0)
        return;
    m_items->removeRow(row);
    formChanged();
}

void ProducerPanel::formChanged()
{
    if (m_syncing)
        return;
    const Order order = formOrder();
    m_total->setText(tr("Total: %1").arg(QLocale().toString(order.totalPrice, 'f', 2)));
    updateState();
}

void ProducerPanel::jsonChanged() { updateState(); }

Result<OutgoingRecord> ProducerPanel::currentRecord() const
{
    auto record = currentValueRecord();
    if (!record)
        return record;
    auto headers = m_headers->headers();
    if (!headers)
        return headers.error();
    record->headers = std::move(*headers);
    return record;
}

Result<OutgoingRecord> ProducerPanel::currentValueRecord() const
{
    QByteArray value;
    if (editor() == Editor::Form) {
        const Order order = formOrder();
        if (order.orderId.isEmpty())
            return Error(ErrorCode::InvalidArgument, tr("The order id is empty."));
        if (order.userId.isEmpty())
            return Error(ErrorCode::InvalidArgument, tr("The user id is empty."));
        const QString problem = validateOrder(order);
        if (!problem.isEmpty())
            return Error(ErrorCode::InvalidArgument, problem);
        value = orderToJson(order);
    } else if (m_tombstone->isChecked()) {
        if (keyChoice().mode == KeyChoice::Mode::Field)
            return Error(ErrorCode::InvalidArgument,
                         tr("A tombstone has no value to take the key field from: choose an explicit key."));
        auto key = keyFor(keyChoice(), QByteArray());
        if (!key)
            return Error(ErrorCode::InvalidArgument, tr("No key: %1").arg(key.error().message));
        OutgoingRecord record;
        record.key = *key;
        record.value = std::nullopt;
        record.timestampMs = m_clock();
        return record;
    } else {
        const QByteArray text = m_json->toPlainText().trimmed().toUtf8();
        if (text.isEmpty())
            return Error(ErrorCode::InvalidArgument, tr("Type a JSON value to send."));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return Error(
                ErrorCode::InvalidArgument,
                tr("Not valid JSON at %1: %2").arg(jsonPosition(text, parseError.offset), parseError.errorString()));
        if (doc.isObject() && doc.object().contains(QStringLiteral("order_id"))) {
            auto order = parseOrder(text);
            if (!order)
                return Error(ErrorCode::InvalidArgument, tr("Not a valid order: %1").arg(order.error().message));
            value = orderToJson(*order);
        } else {
            value = compactJson(text).value_or(text);
        }
    }
    auto key = keyFor(keyChoice(), value);
    if (!key)
        return Error(ErrorCode::InvalidArgument, tr("No key: %1").arg(key.error().message));
    OutgoingRecord record;
    record.key = *key;
    record.value = value;
    record.timestampMs = m_clock();
    return record;
}

void ProducerPanel::updatePreview()
{
    const auto record = currentValueRecord();
    if (!record) {
        m_preview->setText(tr("key: fix the value first"));
        style::setTone(m_preview, style::Tone::Muted);
        return;
    }
    const QString name = m_partitioner->currentText();
    const QString key = record->key ? QString::fromUtf8(*record->key) : tr("null");
    if (m_partitionCount <= 0) {
        m_preview->setText(tr("key %1 → %2 → (select a topic)").arg(key, name));
        style::setTone(m_preview, style::Tone::Muted);
        return;
    }
    const auto preview =
        previewPartition(keyChoice(), record->value.value_or(QByteArray()), partitioner(), m_partitionCount);
    if (preview.partition)
        m_preview->setText(tr("key %1 → %2 → partition %3").arg(key, name).arg(*preview.partition));
    else
        m_preview->setText(tr("key %1 → %2 → a random partition").arg(key, name));
    style::setTone(m_preview, style::Tone::Accent);
}

void ProducerPanel::updateState()
{
    const auto record = currentRecord();
    QLabel *errorLabel = editor() == Editor::Form ? m_formError : m_jsonError;
    QLabel *otherLabel = editor() == Editor::Form ? m_jsonError : m_formError;
    otherLabel->clear();
    if (!record) {
        errorLabel->setText(record.error().message);
        style::setTone(errorLabel, style::Tone::Bad);
    } else {
        errorLabel->setText(editor() == Editor::Form ? tr("Valid order.")
                            : record->value          ? tr("Valid JSON.")
                                                     : tr("A tombstone: the key with a null value."));
        style::setTone(errorLabel, style::Tone::Good);
    }
    updatePreview();
    const bool connected = m_backend != nullptr && !m_topic.isEmpty();
    m_send->setEnabled(connected && record.ok() && !m_sending);
    m_generate->setEnabled(connected && !m_job);
    m_import->setEnabled(connected && !m_job);
    m_count->setEnabled(!m_job);
    m_rate->setEnabled(!m_job);
    m_users->setEnabled(!m_job);
    // A running job's controls in place of the ones that start a job (see the constructor).
    // Those that go first: showing a widget lays its window out at once, and the row with
    // both sets in it would widen the dock (and the window) for good.
    const bool running = m_job != nullptr;
    const QList<QWidget *> starting{m_generate, m_users, m_import};
    const QList<QWidget *> controlling{m_pause, m_cancel};
    for (QWidget *w : running ? starting : controlling)
        w->hide();
    for (QWidget *w : running ? controlling : starting)
        w->show();
    m_removeItem->setEnabled(m_items->rowCount() > 0);
    fitImportButton(); // the run's summary may have changed
}

void ProducerPanel::send()
{
    if (!m_backend || m_topic.isEmpty() || m_sending)
        return;
    auto record = currentRecord();
    if (!record) {
        m_sendResult->setText(record.error().message);
        style::setTone(m_sendResult, style::Tone::Bad);
        return;
    }
    m_sending = true;
    updateState();
    ProduceOptions options;
    options.partitioner = partitioner();
    const QString topic = m_topic;
    const bool fromForm = editor() == Editor::Form;
    const QString orderId = m_orderId->text().trimmed();
    m_backend->run(
        this, [topic, rec = *record, options](Backend &b) { return b.produce(topic, {rec}, options); },
        [this, topic, fromForm, orderId, key = record->key](Result<std::vector<DeliveryReport>> reports) {
            m_sending = false;
            std::optional<Error> error;
            if (!reports)
                error = reports.error();
            else if (reports->empty())
                error = Error(ErrorCode::Unknown, tr("the broker returned no delivery report"));
            else if (reports->front().error)
                error = *reports->front().error;
            if (error) {
                m_sendResult->setText(tr("Not sent: %1").arg(error->message));
                style::setTone(m_sendResult, style::Tone::Bad);
                log(LogEntry::Kind::Error, tr("send to '%1' failed: %2").arg(topic, error->message));
                updateState();
                return;
            }
            const DeliveryReport &d = reports->front();
            if (m_backend)
                BrokerState::of(m_backend)->noteDelivered(topic, {{d.partition, d.offset + 1}});
            m_sendResult->setText(tr("Sent to %1[%2] at offset %3").arg(topic).arg(d.partition).arg(d.offset));
            style::setTone(m_sendResult, style::Tone::Good);
            log(LogEntry::Kind::Produce, tr("sent key %1 to %2[%3] at offset %4")
                                             .arg(key ? QString::fromUtf8(*key) : tr("null"), topic)
                                             .arg(d.partition)
                                             .arg(d.offset));
            ++m_orderIdRequest; // a read of the last order id that left before this send is stale
            if (fromForm && orderId == orderIdText(m_nextOrderId)) {
                ++m_nextOrderId;
                m_orderId->setText(orderIdText(m_nextOrderId));
            }
            emit produced(topic, d.partition, d.offset);
            updateState();
        });
}

int ProducerPanel::generatedUserCount() const { return m_users->currentData().toInt(); }

void ProducerPanel::startGenerate()
{
    ProducerJobSpec spec;
    spec.source = ProducerJobSpec::Source::Generate;
    spec.count = m_count->value();
    spec.ratePerSecond = m_rate->value();
    spec.seed = m_seed + quint64(m_jobsStarted);
    spec.firstOrderId = m_nextOrderId;
    spec.userCount = generatedUserCount();
    startJob(spec);
}

void ProducerPanel::chooseImportFile()
{
    auto *dialog = new QFileDialog(this, tr("Import JSON Lines"), QString(),
                                   tr("JSON lines (*.jsonl *.ndjson *.json *.txt);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &ProducerPanel::importFile);
    dialog->open();
}

void ProducerPanel::importFile(const QString &path)
{
    ProducerJobSpec spec;
    spec.source = ProducerJobSpec::Source::JsonLines;
    spec.filePath = path;
    spec.ratePerSecond = m_rate->value();
    startJob(spec);
}

void ProducerPanel::startJob(ProducerJobSpec spec)
{
    if (!m_backend || m_topic.isEmpty() || m_job)
        return;
    spec.topic = m_topic;
    spec.partitioner = partitioner();
    spec.key = keyChoice();
    clearSendResult(); // the job's line below tells the newest moment
    ++m_jobsStarted;
    ++m_orderIdRequest;                                                 // the job's result says where the ids continue
    m_job = new ProducerJob(m_backend->backend(), spec, m_clock, this); // owned: never outlives the panel
    connect(m_job, &ProducerJob::progress, this, [this, topic = m_topic](const ProducerJobProgress &p) {
        if (m_backend) // first the state (every panel shows them), then the count of this job
            BrokerState::of(m_backend)->noteDelivered(topic, p.nextOffsets);
        // QProgressBar::setValue paints at once, and a synchronous paint takes the whole window's
        // pending region with it (the timeline's too): ten times a second, that held the GUI
        // thread for tens of milliseconds. Updates off while it changes: it is painted with the rest.
        m_progress->setUpdatesEnabled(false);
        m_progress->setRange(0, int(std::min<qint64>(p.total, INT_MAX)));
        m_progress->setValue(int(std::min<qint64>(p.sent + p.failed, INT_MAX)));
        m_progress->setUpdatesEnabled(true); // schedules its update
        m_jobStatus->setText(p.paused
                                 ? tr("Paused at %1 of %2").arg(QLocale().toString(p.sent), QLocale().toString(p.total))
                                 : tr("Sent %1 of %2").arg(QLocale().toString(p.sent), QLocale().toString(p.total)));
        style::clearTone(m_jobStatus);
    });
    connect(m_job, &ProducerJob::jobFinished, this, [this, topic = m_topic](const ProducerJobResult &r) {
        if (m_backend)
            BrokerState::of(m_backend)->noteDelivered(topic, r.nextOffsets);
        ProducerJob *job = m_job;
        m_job = nullptr;
        job->wait();
        job->deleteLater();
        m_pause->setChecked(false);
        const QLocale locale;
        QString text;
        QString brief;
        // The status is a sentence of its own; the Events line goes on after "producer: ", so it
        // has its own words, in lower case.
        if (r.error && r.sent == 0 && !r.problems.isEmpty()) {
            text = r.error->message + QLatin1Char('\n') + r.problems.mid(0, 5).join(QLatin1Char('\n'));
            style::setTone(m_jobStatus, style::Tone::Bad);
            log(LogEntry::Kind::Error, r.error->message);
        } else if (r.error) {
            const QString sent = locale.toString(r.sent), total = locale.toString(r.total);
            text = tr("Stopped after %1 of %2: %3").arg(sent, total, r.error->message);
            style::setTone(m_jobStatus, style::Tone::Bad);
            log(LogEntry::Kind::Error, tr("stopped after %1 of %2: %3").arg(sent, total, r.error->message));
        } else {
            QStringList parts;
            for (const auto &[p, n] : r.perPartition)
                parts << QStringLiteral("p%1: %2").arg(p).arg(locale.toString(n));
            const QString sent = locale.toString(r.sent), total = locale.toString(r.total);
            text = (r.cancelled ? tr("Cancelled after %1 of %2") : tr("Sent %1 of %2")).arg(sent, total);
            QString event = (r.cancelled ? tr("cancelled after %1 of %2") : tr("sent %1 of %2")).arg(sent, total);
            QString rest;
            if (r.failed > 0)
                rest += tr(", %1 failed").arg(locale.toString(r.failed));
            brief = text + rest; // where the split over the partitions does not fit (the timeline shows it)
            if (!parts.isEmpty())
                rest += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
            text += rest;
            style::setTone(m_jobStatus, r.failed > 0 ? style::Tone::Bad : style::Tone::Good);
            log(r.failed > 0 ? LogEntry::Kind::Error : LogEntry::Kind::Produce, event + rest);
        }
        m_jobStatus->setText(text);
        m_jobStatus->setShortText(brief);
        if (r.sent > 0 && m_job == nullptr && r.nextOrderId > m_nextOrderId &&
            true /* generated orders advance the order ids */) {
            m_nextOrderId = r.nextOrderId;
            m_orderId->setText(orderIdText(m_nextOrderId));
        }
        updateState();
        if (r.sent > 0)
            emit produced(m_topic, -1, -1);
        emit jobFinished(r);
    });
    m_progress->setRange(0, int(std::min<qint64>(std::max<qint64>(1, spec.count), INT_MAX)));
    m_progress->setValue(0);
    const int orders = pluralCount(spec.count);
    m_jobStatus->setText(spec.source == ProducerJobSpec::Source::Generate
                             ? tr("Generating %1 orders…", nullptr, orders).arg(QLocale().toString(spec.count))
                             : tr("Reading %1…").arg(spec.filePath));
    style::clearTone(m_jobStatus);
    log(LogEntry::Kind::Produce,
        spec.source == ProducerJobSpec::Source::Generate
            ? (spec.ratePerSecond > 0
                   ? tr("generating %1 orders at %2 per second into '%3'", nullptr, orders)
                         .arg(QLocale().toString(spec.count), QLocale().toString(spec.ratePerSecond), m_topic)
                   : tr("generating %1 orders into '%2'", nullptr, orders).arg(QLocale().toString(spec.count), m_topic))
            : tr("importing %1 into '%2'").arg(spec.filePath, m_topic));
    m_job->start();
    updateState();
}

void ProducerPanel::setJobPaused(bool paused)
{
    if (m_job)
        m_job->setPaused(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(QIcon(paused ? QStringLiteral(":/icons/play.svg") : QStringLiteral(":/icons/pause.svg")));
}

void ProducerPanel::cancelJob()
{
    if (m_job)
        m_job->cancel();
}

void ProducerPanel::loadRecord(const Record &record)
{
    setEditor(Editor::Json);
    // A tombstone is loaded as one: the null value is never turned into an empty text.
    m_tombstone->setChecked(!record.value);
    const QByteArray value = record.value.value_or(QByteArray());
    const auto pretty = prettyJson(value);
    m_json->setPlainText(pretty ? QString::fromUtf8(*pretty) : QString::fromUtf8(value));
    int mode = int(KeyChoice::Mode::None);
    if (record.key) {
        auto fieldKey = record.value ? extractKeyField(value, m_fieldName) : Result<QByteArray>(QByteArray());
        if (record.value && fieldKey && *fieldKey == *record.key) {
            mode = int(KeyChoice::Mode::Field);
        } else {
            m_explicitKey = QString::fromUtf8(*record.key);
            mode = int(KeyChoice::Mode::Explicit);
        }
    }
    m_keyMode->setCurrentIndex(m_keyMode->findData(mode));
    m_headers->setHeaders(record.headers);
    if (!record.headers.empty())
        setHeadersShown(true);
    m_sendResult->setText(tr("Loaded %1[%2] at offset %3: press Send to produce it again")
                              .arg(record.topic)
                              .arg(record.partition)
                              .arg(record.offset));
    style::clearTone(m_sendResult);
    updateState();
}

void ProducerPanel::clearSendResult()
{
    m_sendResult->clear();
    style::clearTone(m_sendResult);
}

void ProducerPanel::log(LogEntry::Kind kind, const QString &message)
{
    emit logged(LogEntry{0, kind, tr("producer"), message});
}

void ProducerPanel::fitImportButton()
{
    if (!m_importRow || m_importRow->geometry().width() <= 0)
        return; // not laid out yet
    // What the summary shows whole where it can: its short form, else its first line.
    const QString summary = m_jobStatus->shortText().isEmpty() ? m_jobStatus->text().section(QLatin1Char('\n'), 0, 0)
                                                               : m_jobStatus->shortText();
    const int room = m_importRow->geometry().width() - m_importWordsWidth - m_importRow->spacing() -
                     (m_jobStatus->width() - m_jobStatus->contentsRect().width());
    // +1: the painter's elision test can be a fraction of a pixel stricter than the advance.
    const bool fold = !summary.isEmpty() && m_jobStatus->fontMetrics().horizontalAdvance(summary) + 1 > room;
    if (fold == m_import->text().isEmpty())
        return;
    m_import->setText(fold ? QString() : m_import->accessibleName());
    style::fitToText(m_import);
}

void ProducerPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitImportButton();
}

void ProducerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) // the labels' tones follow by themselves (style::setTone)
        m_highlighter->updateColors(palette());
    QWidget::changeEvent(event);
}

} // namespace tidemark
