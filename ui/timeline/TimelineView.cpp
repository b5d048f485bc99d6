#include "ui/timeline/TimelineView.h"

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/PluralCount.h"
#include "core/timeline/TimelineHighlight.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/models/ConsumerTreeModel.h"

#include <QActionGroup>
#include <QButtonGroup>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tidemark {

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent),
      m_model(new TimelineModel(this)),
      m_loader(new TimelineLoader(m_model, this)),
      m_canvas(new TimelineCanvas(m_model, m_loader, this)),
      m_highlight(new TimelineHighlight(this)),
      m_hoverHighlight(new TimelineHighlight(this))
{
    setObjectName(QStringLiteral("timelineView"));

    m_header = new QWidget(this);
    m_header->setObjectName(QStringLiteral("timelineHeader"));
    auto *header = new QHBoxLayout(m_header);
    header->setContentsMargins(12, 6, 8, 4);
    header->setSpacing(4);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    header->addWidget(m_title);
    header->addStretch(1);

    auto makeButton = [this](const QString &name, const QString &text, const QString &tip, bool checkable) {
        auto *b = new QToolButton(this);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(checkable);
        b->setAutoRaise(true);
        b->setFocusPolicy(Qt::TabFocus);
        return b;
    };
    // The controls: shown whole, or (while the reset bar leaves them no room) as one menu.
    m_controls = new QWidget(m_header);
    m_controls->setObjectName(QStringLiteral("timelineControls"));
    QSizePolicy keepRow = m_controls->sizePolicy(); // hidden, the header keeps its height
    keepRow.setRetainSizeWhenHidden(true);
    m_controls->setSizePolicy(keepRow);
    auto *controls = new QHBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setSpacing(4);
    header->addWidget(m_controls);
    auto *colourLabel = new QLabel(tr("Colour by"), this);
    colourLabel->setForegroundRole(QPalette::PlaceholderText);
    controls->addWidget(colourLabel);
    m_byKey = makeButton(QStringLiteral("colourByKeyButton"), tr("Key"), tr("A stable colour per record key"), true);
    m_byConsumer = makeButton(QStringLiteral("colourByConsumerButton"), tr("Consumer"),
                              tr("The colour of the consumer that owns the partition"), true);
    auto *colourGroup = new QButtonGroup(this);
    colourGroup->addButton(m_byKey);
    colourGroup->addButton(m_byConsumer);
    colourGroup->setExclusive(true);
    m_byKey->setChecked(true);
    controls->addWidget(m_byKey);
    controls->addWidget(m_byConsumer);
    controls->addSpacing(12);
    m_fit = makeButton(QStringLiteral("fitButton"), tr("Fit"), tr("Show every offset (F)"), false);
    m_follow = makeButton(QStringLiteral("followHeadButton"), tr("Follow head"),
                          tr("Keep the newest records in view (End)"), true);
    controls->addWidget(m_fit);
    controls->addWidget(m_follow);
    m_controlsMenu = makeButton(QStringLiteral("timelineControlsButton"), QStringLiteral("\u22EF"),
                                tr("Colour by key or consumer, Fit, Follow head"), false);
    // A click opens the menu (no arrow beside the dots: the bar keeps the width for its words).
    auto *menu = new QMenu(m_controlsMenu);
    menu->setObjectName(QStringLiteral("timelineControlsMenu"));
    connect(m_controlsMenu, &QToolButton::clicked, menu,
            [this, menu] { menu->popup(m_controlsMenu->mapToGlobal(QPoint(0, m_controlsMenu->height()))); });
    auto *colourActions = new QActionGroup(menu);
    const auto addAction = [menu](const QString &name, const QString &text, QActionGroup *group = nullptr) {
        QAction *action = menu->addAction(text);
        action->setObjectName(name);
        action->setCheckable(group != nullptr);
        if (group)
            group->addAction(action);
        return action;
    };
    QAction *byKey = addAction(QStringLiteral("colourByKeyAction"), tr("Colour by key"), colourActions);
    QAction *byConsumer = addAction(QStringLiteral("colourByConsumerAction"), tr("Colour by consumer"), colourActions);
    menu->addSeparator();
    QAction *fit = addAction(QStringLiteral("fitAction"), m_fit->text());
    fit->setToolTip(m_fit->toolTip());
    QAction *follow = addAction(QStringLiteral("followHeadAction"), m_follow->text());
    follow->setCheckable(true);
    follow->setToolTip(m_follow->toolTip());
    menu->setToolTipsVisible(true);
    m_controlsMenu->hide(); // placed by placeResetBar(), at the header row's right end
    // The menu's entries are the buttons' stand-ins: each says and does what its button does.
    byKey->setChecked(true);
    connect(m_byKey, &QToolButton::toggled, byKey, &QAction::setChecked);
    connect(m_byConsumer, &QToolButton::toggled, byConsumer, &QAction::setChecked);
    connect(m_follow, &QToolButton::toggled, follow, &QAction::setChecked);
    connect(byKey, &QAction::triggered, m_byKey, [this] { m_byKey->setChecked(true); });
    connect(byConsumer, &QAction::triggered, m_byConsumer, [this] { m_byConsumer->setChecked(true); });
    connect(fit, &QAction::triggered, m_fit, &QToolButton::click);
    connect(follow, &QAction::triggered, m_follow, &QToolButton::setChecked);

    m_resetBar = new QFrame(this);
    m_resetBar->setObjectName(QStringLiteral("offsetResetBar"));
    m_resetBar->setFrameShape(QFrame::StyledPanel);
    m_resetBar->setAutoFillBackground(true);
    updateResetBarPalette();
    auto *bar = new QHBoxLayout(m_resetBar);
    // Over the header row, one line, beside the header's controls (see placeResetBar): the
    // lanes under it keep their height and their labels at 1024x700, where a bar above them
    // once took every other label away.
    bar->setContentsMargins(8, 0, 6, 0);
    m_resetMessage = new QLabel(m_resetBar);
    m_resetMessage->setObjectName(QStringLiteral("offsetResetMessage"));
    m_resetMessage->setWordWrap(false);
    m_resetMessage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // the buttons keep their width
    m_resetMessage->installEventFilter(this);
    m_resetConfirm = new QPushButton(tr("Reset offset"), m_resetBar);
    m_resetConfirm->setObjectName(QStringLiteral("offsetResetConfirm"));
    m_resetCancel = new QPushButton(tr("Cancel"), m_resetBar);
    m_resetCancel->setObjectName(QStringLiteral("offsetResetCancel"));
    m_resetStopGroup = new QPushButton(tr("Stop the group"), m_resetBar);
    m_resetStopGroup->setObjectName(QStringLiteral("offsetResetStopGroup"));
    m_resetStopGroup->setToolTip(tr("Stop this group's consumers in this app (they commit and leave), then reset"));
    m_resetStopGroup->hide();
    bar->addWidget(m_resetMessage, 1);
    bar->addWidget(m_resetStopGroup);
    bar->addWidget(m_resetConfirm);
    bar->addWidget(m_resetCancel);
    m_resetBar->hide();
    m_header->installEventFilter(this);

    m_sampleBar = new QFrame(this);
    m_sampleBar->setObjectName(QStringLiteral("sampleBar"));
    m_sampleBar->setFrameShape(QFrame::StyledPanel);
    m_sampleGrid = new QGridLayout(m_sampleBar);
    m_sampleGrid->setContentsMargins(12, 4, 8, 4);
    m_sampleGrid->setVerticalSpacing(2);
    m_sampleControls = new QWidget(m_sampleBar);
    auto *sampleRow = new QHBoxLayout(m_sampleControls);
    sampleRow->setContentsMargins(0, 0, 0, 0);
    m_sampleMessage = new QLabel(m_sampleBar);
    m_sampleMessage->setObjectName(QStringLiteral("sampleMessage"));
    m_sampleMessage->setWordWrap(true);
    auto *budgetLabel = new QLabel(tr("Fetch budget"), m_sampleControls);
    m_budget = new QSpinBox(m_sampleControls);
    m_budget->setObjectName(QStringLiteral("fetchBudget"));
    m_budget->setRange(1, 1'000'000);
    m_budget->setSuffix(tr(" MB"));
    m_budget->setValue(int(TimelineLoader::kDefaultFetchBudgetBytes / (1024 * 1024)));
    m_budget->setToolTip(tr("How much this view may read from a Kafka cluster for a sampled overview"));
    budgetLabel->setBuddy(m_budget);
    m_loadRange = new QPushButton(tr("Load this range completely…"), m_sampleControls);
    m_loadRange->setObjectName(QStringLiteral("loadRangeButton"));
    m_loadRangeConfirm = new QPushButton(tr("Load"), m_sampleControls);
    m_loadRangeConfirm->setObjectName(QStringLiteral("loadRangeConfirm"));
    m_loadRangeCancel = new QPushButton(tr("Cancel"), m_sampleControls);
    m_loadRangeCancel->setObjectName(QStringLiteral("loadRangeCancel"));
    m_sampleGrid->addWidget(m_sampleMessage, 0, 0);
    m_sampleGrid->addWidget(m_sampleControls, 0, 1);
    m_sampleGrid->setColumnStretch(0, 1);
    m_sampleBar->installEventFilter(this);
    sampleRow->addWidget(budgetLabel);
    sampleRow->addWidget(m_budget);
    sampleRow->addWidget(m_loadRange);
    sampleRow->addWidget(m_loadRangeConfirm);
    sampleRow->addWidget(m_loadRangeCancel);
    m_sampleBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_sampleBar);
    layout->addWidget(m_canvas, 1);

    connect(m_byKey, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_canvas->setColourMode(TimelineColourMode::Keys);
    });
    connect(m_byConsumer, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_canvas->setColourMode(TimelineColourMode::Consumers);
    });
    connect(m_fit, &QToolButton::clicked, this, &TimelineView::fit);
    connect(m_follow, &QToolButton::toggled, m_canvas, &TimelineCanvas::setFollowHead);
    connect(m_canvas, &TimelineCanvas::followHeadChanged, m_follow, &QToolButton::setChecked);
    // Before it is passed on (the Messages panel may drop a filter that hides the record).
    connect(m_canvas, &TimelineCanvas::recordActivated, this, [this](const TopicPartition &tp, qint64 offset) {
        // The key highlight follows the click (see the rule in the header).
        const bool chosen = m_highlight->isActive() && m_chosenKey.has_value();
        dropPendingClick();
        m_clickOnlySelects = !chosen && !m_hoverHighlight->isActive();
        if (m_clickOnlySelects)
            return;
        m_pendingClick = PendingClick{tp.partition, offset, chosen};
        m_loader->requestRecord(tp.partition, offset);
    });
    connect(m_canvas, &TimelineCanvas::recordActivated, this, &TimelineView::recordActivated);
    // A click that only selects is settled once it was passed on.
    connect(m_canvas, &TimelineCanvas::recordActivated, this, [this](const TopicPartition &tp, qint64 offset) {
        if (std::exchange(m_clickOnlySelects, false))
            emit clickSettled(tp, offset, false);
    });
    connect(m_canvas, &TimelineCanvas::statusMessage, this, &TimelineView::statusMessage);
    connect(m_canvas, &TimelineCanvas::offsetResetProposed, this, &TimelineView::onResetProposed);
    connect(m_resetConfirm, &QPushButton::clicked, this, &TimelineView::confirmReset);
    connect(m_resetCancel, &QPushButton::clicked, this, &TimelineView::cancelReset);
    connect(m_canvas, &TimelineCanvas::resetCancelRequested, this, &TimelineView::cancelReset); // Esc
    connect(m_resetStopGroup, &QPushButton::clicked, this, [this] {
        if (!m_refused)
            return;
        const Proposal again = *m_refused;
        emit stopGroupRequested(again.groupId);
        // The same proposal again, drawn on its lane: "Reset offset" applies it in one click,
        // enabled once the members have left (a click before would be refused again).
        onResetProposed(again.groupId, again.partition, again.from, again.to);
        if (m_proposal) {
            m_proposal->stopping = true;
            updateProposalText();
        }
    });
    connect(m_loader, &TimelineLoader::resetFinished, this, &TimelineView::onResetFinished);
    connect(m_loader, &TimelineLoader::errorOccurred, this, &TimelineView::statusMessage);
    connect(m_loader, &TimelineLoader::errorOccurred, m_canvas, &TimelineCanvas::setProblem);
    connect(m_model, &TimelineModel::lanesChanged, this, &TimelineView::updateTitle);
    connect(m_canvas, &TimelineCanvas::sampledChanged, this, [this](const QString &text) {
        m_sampledText = text;
        updateSampleBar();
    });
    connect(m_budget, &QSpinBox::valueChanged, this,
            [this](int mb) { m_loader->setFetchBudget(qint64(mb) * 1024 * 1024); });
    connect(m_loader, &TimelineLoader::fetchedChanged, this, &TimelineView::updateSampleBar);
    connect(m_loadRange, &QPushButton::clicked, this, &TimelineView::proposeRangeLoad);
    connect(m_loadRangeConfirm, &QPushButton::clicked, this, &TimelineView::confirmRangeLoad);
    connect(m_loadRangeCancel, &QPushButton::clicked, this, &TimelineView::cancelRangeLoad);
    connect(m_loader, &TimelineLoader::rangeLoadProgress, this, [this](qint64 loaded, qint64 total, qint64 bytes) {
        if (!m_rangeLoad)
            return;
        m_rangeLoad->loaded = loaded;
        m_rangeLoad->total = total;
        m_rangeLoad->bytes = bytes;
        updateSampleBar();
    });
    connect(m_loader, &TimelineLoader::rangeLoadFinished, this, [this](bool) {
        m_rangeLoad.reset();
        updateSampleBar();
    });
    m_canvas->setHighlight(m_highlight);
    connect(m_canvas, &TimelineCanvas::highlightKeyRequested, this, [this](int partition, qint64 offset) {
        m_pendingKey = std::make_pair(partition, offset);
        m_loader->requestRecord(partition, offset);
    });
    connect(m_loader, &TimelineLoader::recordReady, this, [this](int partition, qint64 offset, const Record &record) {
        if (m_pendingClick && m_pendingClick->partition == partition && m_pendingClick->offset == offset) {
            const bool chosen = m_pendingClick->chosen;
            m_pendingClick.reset();
            bool moved = false;
            if (chosen) {
                highlightKey(record.key);
                moved = true;
            } else if (m_hoverHighlight->isActive() && !m_highlight->isActive()) {
                m_hoverHighlight->setFilter(TimelineHighlight::keyFilter(record.key));
                moved = true;
            }
            emit clickSettled(TopicPartition{m_model->topic(), partition}, offset, moved);
        }
        if (m_pendingKey != std::make_pair(partition, offset))
            return;
        m_pendingKey.reset();
        chooseKey(record.key);
    });
    connect(m_canvas, &TimelineCanvas::highlightClearRequested, this, [this] {
        const QString text = m_highlight->filterText();
        clearHighlight();
        emit highlightCleared(text);
    });
    connect(m_highlight, &TimelineHighlight::changed, this, &TimelineView::highlightChanged);
    // Hovering a record highlights its key until the pointer leaves the records; a chosen
    // highlight wins (the hovered key is not even scanned then), and a big topic is not
    // scanned on a hover (K scans it on purpose).
    m_canvas->setHoverHighlight(m_hoverHighlight);
    connect(m_canvas, &TimelineCanvas::recordHovered, this, [this](const Record &record) {
        if (m_highlight->isActive() || m_model->recordCount() > kMaxHoverScanRecords)
            return;
        m_hoverHighlight->setFilter(TimelineHighlight::keyFilter(record.key)); // the same key: the same scan
    });
    connect(m_canvas, &TimelineCanvas::recordHoverEnded, m_hoverHighlight, &TimelineHighlight::clear);
    connect(m_highlight, &TimelineHighlight::changed, this, [this] {
        if (m_highlight->isActive())
            m_hoverHighlight->clear();
    });
    updateTitle();
}

void TimelineView::highlightFilter(const QString &filterText)
{
    m_pendingKey.reset();
    if (m_chosenKey && TimelineHighlight::keyFilter(*m_chosenKey) != filterText)
        m_chosenKey.reset(); // another filter (the same key's echoed by the Messages panel keeps it)
    if (filterText.trimmed().isEmpty())
        m_highlight->clear();
    else
        m_highlight->setFilter(filterText);
}

void TimelineView::highlightKey(const std::optional<QByteArray> &key)
{
    m_chosenKey.reset();
    highlightFilter(TimelineHighlight::keyFilter(key));
    m_chosenKey = key;
}

void TimelineView::chooseKey(const std::optional<QByteArray> &key)
{
    highlightKey(key);
    emit keyHighlightChosen(m_highlight->filterText());
}

void TimelineView::dropPendingClick()
{
    if (!m_pendingClick)
        return;
    const PendingClick dropped = *m_pendingClick;
    m_pendingClick.reset();
    emit clickSettled(TopicPartition{m_model->topic(), dropped.partition}, dropped.offset, false);
}

void TimelineView::clearHighlight()
{
    m_pendingKey.reset();
    dropPendingClick();
    m_chosenKey.reset();
    m_highlight->clear();
}

void TimelineView::proposeRangeLoad()
{
    const TimelineViewport &viewport = m_canvas->viewport();
    RangeLoad load;
    load.from = viewport.firstOffset();
    load.to = viewport.lastOffset();
    load.records = m_loader->missingRecordsIn(load.from, load.to);
    load.estimateBytes = m_loader->estimateRangeBytes(load.from, load.to);
    m_rangeLoad = load;
    updateSampleBar();
}

void TimelineView::confirmRangeLoad()
{
    if (!m_rangeLoad || m_rangeLoad->running)
        return;
    m_rangeLoad->running = true;
    m_loader->loadRangeCompletely(m_rangeLoad->from, m_rangeLoad->to);
    updateSampleBar();
}

void TimelineView::cancelRangeLoad()
{
    const bool running = m_rangeLoad && m_rangeLoad->running;
    m_rangeLoad.reset();
    if (running)
        m_loader->cancelRangeLoad();
    updateSampleBar();
}

void TimelineView::updateSampleBar()
{
    const QLocale locale;
    auto size = [&](qint64 bytes) { return locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat); };
    const bool proposing = m_rangeLoad && !m_rangeLoad->running;
    const bool running = m_rangeLoad && m_rangeLoad->running;
    m_sampleBar->setVisible(!m_sampledText.isEmpty() || m_rangeLoad.has_value());
    m_loadRange->setVisible(!m_rangeLoad);
    m_loadRangeConfirm->setVisible(proposing);
    m_loadRangeCancel->setVisible(m_rangeLoad.has_value());
    if (running) {
        const int percent = m_rangeLoad->total > 0 ? int(100 * m_rangeLoad->loaded / m_rangeLoad->total) : 0;
        m_sampleMessage->setText(
            tr("Loading this range completely: %1% · %2 read").arg(percent).arg(size(m_rangeLoad->bytes)));
    } else if (proposing) {
        m_sampleMessage->setText(
            tr("Load %1 records of this range (about %2) from %3?", nullptr, pluralCount(m_rangeLoad->records))
                .arg(locale.toString(m_rangeLoad->records), size(m_rangeLoad->estimateBytes),
                     backend() ? backend()->displayName() : QString()));
    } else if (m_loader->budgetApplies()) {
        m_sampleMessage->setText(
            m_loader->isBudgetSpent()
                ? tr("A sample: the fetch budget of %1 is spent.").arg(size(m_loader->fetchBudget()))
                : tr("A sample: %1 read of the %2 budget.")
                      .arg(size(m_loader->bytesFetched()), size(m_loader->fetchBudget())));
    } else {
        m_sampleMessage->setText(tr("A sample: %1 read from disk.").arg(size(m_loader->bytesFetched())));
    }
    arrangeSampleBar();
}

void TimelineView::arrangeSampleBar()
{
    const QMargins margins = m_sampleGrid->contentsMargins();
    const int oneRow = m_sampleMessage->fontMetrics().horizontalAdvance(m_sampleMessage->text()) +
                       m_sampleGrid->horizontalSpacing() + m_sampleControls->sizeHint().width() + margins.left() +
                       margins.right();
    const bool narrow = oneRow > m_sampleBar->width();
    const int index = m_sampleGrid->indexOf(m_sampleControls);
    int row = 0, column = 0, rowSpan = 0, columnSpan = 0;
    m_sampleGrid->getItemPosition(index, &row, &column, &rowSpan, &columnSpan);
    if (narrow == (row == 1))
        return;
    m_sampleGrid->removeWidget(m_sampleControls);
    if (narrow)
        m_sampleGrid->addWidget(m_sampleControls, 1, 0, Qt::AlignRight);
    else
        m_sampleGrid->addWidget(m_sampleControls, 0, 1);
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_sampleBar && event->type() == QEvent::Resize)
        arrangeSampleBar();
    if (watched == m_header && (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        placeResetBar();
    if (watched == m_resetMessage && event->type() == QEvent::Resize)
        fitResetMessage();
    return QWidget::eventFilter(watched, event);
}

TimelineView::~TimelineView() = default;

void TimelineView::setBackend(AsyncBackend *backend)
{
    cancelReset();
    m_pendingKey.reset();
    m_highlight->setBackend(backend);
    m_hoverHighlight->setBackend(backend);
    m_loader->setBackend(backend);
}

AsyncBackend *TimelineView::backend() const { return m_loader->backend(); }

void TimelineView::setTopic(const QString &topic)
{
    cancelReset();
    cancelRangeLoad();
    m_canvas->setProblem(QString());
    m_pendingKey.reset();
    m_highlight->setTopic(topic);
    m_hoverHighlight->setTopic(topic);
    m_loader->setTopic(topic);
    m_canvas->fit();
    updateTitle();
}

QString TimelineView::topic() const { return m_model->topic(); }

void TimelineView::setClock(TimelineModel::Clock clock) { m_model->setClock(std::move(clock)); }

void TimelineView::setColourMode(TimelineColourMode mode)
{
    (mode == TimelineColourMode::Keys ? m_byKey : m_byConsumer)->setChecked(true);
}

TimelineColourMode TimelineView::colourMode() const { return m_canvas->colourMode(); }

void TimelineView::setFollowHead(bool follow) { m_follow->setChecked(follow); }
bool TimelineView::isFollowingHead() const { return m_canvas->isFollowingHead(); }
void TimelineView::showRange(double from, double to) { m_canvas->showRange(from, to); }

QRect TimelineView::laneRect(int partition) const { return m_canvas->laneRect(m_model->laneOfPartition(partition)); }
QRect TimelineView::stripRect(int partition) const { return m_canvas->stripRect(m_model->laneOfPartition(partition)); }

bool TimelineView::isResetPending() const { return m_proposal.has_value(); }

void TimelineView::setConsumers(const std::vector<ConsumerStatus> &statuses)
{
    m_consumers = statuses;
    m_model->setConsumers(m_consumers);
    updateProposalText();
    updateRefusal();
}

void TimelineView::updateConsumer(const ConsumerStatus &status)
{
    auto it = std::find_if(m_consumers.begin(), m_consumers.end(),
                           [&](const ConsumerStatus &c) { return c.consumerId == status.consumerId; });
    if (it != m_consumers.end())
        *it = status;
    else
        m_consumers.push_back(status);
    m_model->setConsumers(m_consumers);
    updateProposalText();
    updateRefusal();
}

void TimelineView::removeConsumer(const QString &consumerId)
{
    m_consumers.erase(std::remove_if(m_consumers.begin(), m_consumers.end(),
                                     [&](const ConsumerStatus &c) { return c.consumerId == consumerId; }),
                      m_consumers.end());
    m_model->setConsumers(m_consumers);
    updateProposalText();
    updateRefusal();
}
void TimelineView::setFocusGroup(const QString &groupId) { m_model->setFocusGroup(groupId); }
void TimelineView::fit() { m_canvas->fit(); }
void TimelineView::zoomIn() { m_canvas->zoomBy(1.5); }
void TimelineView::zoomOut() { m_canvas->zoomBy(1 / 1.5); }

void TimelineView::updateTitle()
{
    const QString topic = m_model->topic();
    m_title->setText(topic.isEmpty() ? tr("No topic") : topic);
}

void TimelineView::proposeReset(const QString &groupId, int partition, qint64 offset)
{
    if (m_proposal && m_proposal->applying)
        return;
    const qint64 from = m_model->committed(groupId, partition).value_or(-1);
    onResetProposed(groupId, partition, from, offset);
}

void TimelineView::showOffset(int partition, qint64 offset)
{
    if (m_model->laneOfPartition(partition) < 0)
        return;
    // Close enough to see single records, never wider than what is shown now.
    const TimelineViewport &viewport = m_canvas->viewport();
    const double half = std::clamp((viewport.lastOffset() - viewport.firstOffset()) / 2, 5.0, 50.0);
    showRange(double(offset) - half, double(offset) + half + 1);
}

QStringList TimelineView::groupIds() const
{
    QStringList ids;
    for (const TimelineGroupSummary &g : m_model->groups())
        ids << g.groupId;
    return ids;
}

QStringList TimelineView::memberNames(const QString &groupId, int *inApp, QStringList *shortNames) const
{
    QStringList names;
    QStringList brief;
    int running = 0;
    QSet<QString> named; // member ids already named
    for (const ConsumerStatus &c : m_consumers) {
        if (c.groupId != groupId || !c.isActive())
            continue;
        names << tr("%1 (in this app)").arg(c.consumerId);
        brief << c.consumerId;
        ++running;
        if (!c.memberId.isEmpty())
            named.insert(c.memberId);
    }
    // Killed, its session running: the group keeps it as a member (whether or not the broker's
    // description, polled now and then, lists it yet).
    for (const ConsumerStatus &c : m_consumers) {
        if (c.groupId != groupId || !keptAfterKill(c) || (!c.memberId.isEmpty() && named.contains(c.memberId)))
            continue;
        names << tr("%1 (in this app, %2)").arg(c.consumerId, ConsumerTreeModel::stateText(c.state));
        brief << c.consumerId;
        if (!c.memberId.isEmpty())
            named.insert(c.memberId);
    }
    if (AsyncBackend *async = backend()) {
        for (const GroupInfo &g : BrokerState::of(async)->groups(m_model->topic())) {
            if (g.groupId != groupId)
                continue;
            for (const GroupMember &m : g.members) {
                if (named.contains(m.memberId))
                    continue;
                // The killed in-app consumer keeps its membership until its session times out.
                const auto own = std::find_if(m_consumers.begin(), m_consumers.end(),
                                              [&](const ConsumerStatus &c) { return c.memberId == m.memberId; });
                QString host = m.host;
                if (host.startsWith(QLatin1Char('/')))
                    host.remove(0, 1);
                if (own != m_consumers.end())
                    names << tr("%1 (in this app, %2)").arg(own->consumerId, ConsumerTreeModel::stateText(own->state));
                else if (!m.clientId.isEmpty() && !host.isEmpty())
                    names << tr("%1 on %2").arg(m.clientId, host);
                else if (!m.clientId.isEmpty())
                    names << m.clientId;
                else
                    names << tr("a client on %1").arg(host.isEmpty() ? tr("an unknown host") : host);
                brief << (own != m_consumers.end() ? own->consumerId
                          : !m.clientId.isEmpty()  ? m.clientId
                                                   : names.back());
            }
        }
    }
    if (inApp)
        *inApp = running;
    if (shortNames)
        *shortNames = brief;
    return names;
}

void TimelineView::onResetProposed(const QString &groupId, int partition, qint64 from, qint64 to)
{
    m_refused.reset();
    m_refusal.reset();
    m_resetStopGroup->hide();
    m_proposal = Proposal{groupId, partition, from, to, false, false};
    // Drawn on the lane as a drop leaves it (also when proposed from a menu, or made again).
    m_canvas->showProposal(groupId, partition, from, to);
    m_resetConfirm->setEnabled(true);
    updateProposalText();
    m_resetConfirm->show();
    m_resetCancel->setText(tr("Cancel"));
    showResetBar(true);
    emit offsetResetProposed(groupId, TopicPartition{m_model->topic(), partition}, from, to);
}

bool TimelineView::hasMembers(const QString &groupId) const
{
    QSet<QString> ours; // this app's members: their status is newer than the broker's list
    for (const ConsumerStatus &c : m_consumers) {
        if (c.groupId != groupId)
            continue;
        if (c.isActive() || keptAfterKill(c))
            return true;
        if (!c.memberId.isEmpty())
            ours.insert(c.memberId);
    }
    if (AsyncBackend *async = backend())
        for (const GroupInfo &g : BrokerState::of(async)->groups(m_model->topic()))
            if (g.groupId == groupId)
                for (const GroupMember &m : g.members)
                    if (!ours.contains(m.memberId))
                        return true;
    return false;
}

void TimelineView::updateProposalText()
{
    if (!m_proposal || m_proposal->applying)
        return;
    const Proposal &p = *m_proposal;
    const QLocale locale;
    const qint64 delta = p.to - p.from;
    const QString effect =
        delta < 0 ? tr("%1 records will be read again.", nullptr, pluralCount(-delta)).arg(locale.toString(-delta))
                  : tr("%1 records will be skipped.", nullptr, pluralCount(delta)).arg(locale.toString(delta));
    const auto text = [&](const QString &effect) {
        return tr("Reset group <b>%1</b> on %2[%3] from %4 to <b>%5</b>? %6")
            .arg(p.groupId.toHtmlEscaped(), m_model->topic().toHtmlEscaped())
            .arg(p.partition)
            .arg(locale.toString(p.from), locale.toString(p.to), effect);
    };
    // One line above the lanes at 1024 px (where it fits); the advice for a group whose
    // consumers run is in its tooltip, and a refusal offers to stop them.
    const bool members = hasMembers(p.groupId);
    // Briefer where the whole does not fit: the lane's bubble says where from ("368 → 104"),
    // the sentence still which partition: "orders[0]", else the lane's own label "P0".
    const auto brief = [&](const QString &partition) {
        return tr("Reset <b>%1</b> on %2 to <b>%3</b>? %4")
            .arg(p.groupId.toHtmlEscaped(), partition.toHtmlEscaped(), locale.toString(p.to), effect);
    };
    setResetMessage({text(effect), brief(TopicPartition{m_model->topic(), p.partition}.toString()),
                     brief(TimelineCanvas::tr("P%1").arg(p.partition))},
                    members ? text(effect + QLatin1Char(' ') + tr("The group's consumers must be stopped first."))
                            : QString());
    const bool waiting = p.stopping && members;
    m_resetConfirm->setEnabled(!waiting);
    m_resetConfirm->setToolTip(waiting ? tr("Waiting for the group's consumers to stop") : QString());
}

QString TimelineView::namesText(const QStringList &members)
{
    // "billing #1", "billing #1 and billing #2", "billing #1, billing #2 and kcat".
    if (members.size() < 2)
        return members.value(0);
    return tr("%1 and %2")
        .arg(QStringList(members.mid(0, members.size() - 1)).join(QStringLiteral(", ")), members.back());
}

QString TimelineView::stillRunningText(const QStringList &members)
{
    const QString names = namesText(members);
    // The verb agrees with the list (one member, or several), not with a count: the number
    // given to the plural forms is 1 or 2 ("is" / "are"; Russian "работает" / "работают").
    return tr("Could not reset: %1 are still running.", nullptr, members.size() > 1 ? 2 : 1).arg(names);
}

QString TimelineView::refusalText(const QStringList &running, const QStringList &killed, int secondsLeft)
{
    if (killed.isEmpty())
        return stillRunningText(running);
    // A killed consumer cannot be stopped: the group drops it when its session times out. The
    // seconds are the manager's countdown (the broker counts from the last heartbeat, a little
    // earlier); at 0 the broker had not dropped it yet when it refused.
    // (Short: the bar has one line, 640 px at 1024x700, and the countdown must not be cut.)
    QString kept;
    if (secondsLeft > 0)
        kept = killed.size() > 1 ? tr("%1 (killed) are still members for %n more s", nullptr, secondsLeft)
                                 : tr("%1 (killed) is still a member for %n more s", nullptr, secondsLeft);
    else
        kept = tr("%1 (killed) is still a member until its session ends", nullptr, killed.size() > 1 ? 2 : 1);
    kept = kept.arg(namesText(killed));
    if (running.isEmpty())
        return tr("Could not reset: %1.").arg(kept);
    return tr("Could not reset: %1 are still running, and %2.", nullptr, running.size() > 1 ? 2 : 1)
        .arg(namesText(running), kept);
}

bool TimelineView::keptAfterKill(const ConsumerStatus &c)
{
    return c.state == ConsumerStatus::State::Killed && c.sessionRemainingMs > 0;
}

void TimelineView::showRefusal()
{
    if (!m_refusal)
        return;
    // This app's consumers by their state now; the others (clients elsewhere) as the broker
    // listed them when it refused.
    QStringList running;
    QStringList killed;
    int secondsLeft = 0;
    for (const QString &name : std::as_const(m_refusal->members)) {
        if (!m_refusal->inApp.contains(name)) {
            running << name;
            continue;
        }
        const auto own = std::find_if(m_consumers.begin(), m_consumers.end(), [&](const ConsumerStatus &c) {
            return c.groupId == m_refusal->groupId && c.consumerId == name;
        });
        if (own == m_consumers.end())
            continue; // removed since
        if (own->isActive()) {
            running << name;
        } else if (own->state == ConsumerStatus::State::Killed) {
            killed << name;
            secondsLeft = std::max(secondsLeft, own->sessionSecondsLeft());
        }
    }
    if (running.isEmpty() && killed.isEmpty())
        return; // all stopped or removed since, a client elsewhere still listed: as it was said
    const QStringList texts{refusalText(running, killed, secondsLeft).toHtmlEscaped()};
    if (texts != m_resetTexts || m_refusal->whole != m_resetWhole) // (consumer updates come often)
        setResetMessage(texts, m_refusal->whole);
}

void TimelineView::updateRefusal()
{
    if (!m_refusal)
        return;
    if (m_refused && m_refused->groupId == m_refusal->groupId && !hasMembers(m_refusal->groupId)) {
        // The members it was refused for are gone (stopped, or a killed one's session is over):
        // the same reset again, one click away, rather than a refusal that is no longer true.
        const Proposal again = *m_refused;
        onResetProposed(again.groupId, again.partition, again.from, again.to);
        return;
    }
    showRefusal();
}

void TimelineView::setResetMessage(const QStringList &texts, const QString &whole)
{
    m_resetTexts = texts;
    m_resetWhole = whole;
    placeResetBar(); // a longer message may need the controls' room
    fitResetMessage();
}

void TimelineView::fitResetMessage()
{
    if (m_resetTexts.isEmpty())
        return;
    // The first text that fits on the line, else the last one elided; whatever is not shown
    // whole is whole in the tooltip.
    const int room = m_resetMessage->contentsRect().width();
    QString shown;
    for (const QString &text : std::as_const(m_resetTexts)) {
        m_resetMessage->setTextFormat(Qt::RichText);
        m_resetMessage->setText(text);
        shown = text;
        if (m_resetMessage->sizeHint().width() <= room)
            break;
    }
    if (m_resetMessage->sizeHint().width() > room) {
        const QString plain = QTextDocumentFragment::fromHtml(m_resetTexts.back()).toPlainText();
        m_resetMessage->setTextFormat(Qt::PlainText);
        m_resetMessage->setText(m_resetMessage->fontMetrics().elidedText(plain, Qt::ElideRight, room));
        shown.clear();
    }
    const QString tip = !m_resetWhole.isEmpty()         ? m_resetWhole
                        : shown != m_resetTexts.front() ? m_resetTexts.front()
                                                        : QString();
    m_resetMessage->setToolTip(tip);
    m_resetBar->setToolTip(tip);
}

void TimelineView::showResetBar(bool show)
{
    m_resetBar->setVisible(show);
    placeResetBar();
    if (!show)
        return;
    m_resetBar->raise();
    fitResetMessage(); // at the message's width with the buttons shown now
}

int TimelineView::resetBarNeeds() const
{
    // Its shortest message whole (the brief one), and its buttons.
    int message = 0;
    if (!m_resetTexts.isEmpty()) {
        QTextDocument text;
        text.setDocumentMargin(0);
        text.setDefaultFont(m_resetMessage->font());
        text.setHtml(m_resetTexts.back());
        message = int(std::ceil(text.idealWidth()));
    }
    const auto *bar = static_cast<const QHBoxLayout *>(m_resetBar->layout());
    const QMargins margins = bar->contentsMargins();
    int needs = message + margins.left() + margins.right() + 2 * m_resetBar->frameWidth();
    for (const QPushButton *button : {m_resetStopGroup, m_resetConfirm, m_resetCancel})
        if (!button->isHidden())
            needs += bar->spacing() + button->sizeHint().width();
    return needs;
}

void TimelineView::placeResetBar()
{
    // The bar covers the header's title; the controls stay beside it, whole where the bar
    // keeps room for its brief message, else as one menu button ("⋯") at the row's right end.
    const int gap = 8; // between the bar and the controls (the menu button: 2)
    const bool shown = !m_resetBar->isHidden();
    const QRect row = m_header->geometry();
    const int room = row.width() - m_header->layout()->contentsMargins().right() - gap;
    const bool whole = !shown || room - m_controls->sizeHint().width() >= resetBarNeeds();
    m_controls->setVisible(whole);
    m_controlsMenu->setVisible(!whole);
    if (!shown)
        return;
    QRect bar = row;
    if (whole) {
        bar.setWidth(std::max(0, m_controls->x() - gap));
    } else {
        const QSize button = m_controlsMenu->sizeHint();
        m_controlsMenu->setGeometry(row.right() + 1 - button.width(), row.y() + (row.height() - button.height()) / 2,
                                    button.width(), button.height());
        m_controlsMenu->raise();
        bar.setWidth(std::max(0, m_controlsMenu->x() - row.x() - 2));
    }
    m_resetBar->setGeometry(bar);
    m_resetBar->layout()->activate(); // the message's width, now
}

void TimelineView::confirmReset()
{
    if (!m_proposal || m_proposal->applying)
        return;
    m_proposal->applying = true;
    m_resetConfirm->setEnabled(false);
    setResetMessage({tr("Resetting group %1 on %2[%3] to %4…")
                         .arg(m_proposal->groupId.toHtmlEscaped(), m_model->topic().toHtmlEscaped())
                         .arg(m_proposal->partition)
                         .arg(QLocale().toString(m_proposal->to))});
    m_loader->resetOffset(m_proposal->groupId, m_proposal->partition, m_proposal->to);
}

void TimelineView::updateResetBarPalette()
{
    // An amber tint of the view's own base colour: a light bar on a light theme, a dark one on
    // a dark theme, so the bar's text (the theme's) stays readable after a theme switch.
    QPalette barPalette = m_resetBar->palette();
    barPalette.setColor(QPalette::Window, mixColours(palette().color(QPalette::Base), QColor(0xf2, 0xa3, 0x1b), 0.16));
    m_resetBar->setPalette(barPalette);
}

void TimelineView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_resetBar)
        updateResetBarPalette();
}

void TimelineView::cancelReset()
{
    m_proposal.reset();
    m_refused.reset();
    m_refusal.reset();
    m_resetStopGroup->hide();
    showResetBar(false);
    m_canvas->clearProposal();
}

void TimelineView::onResetFinished(const QString &groupId, int partition, qint64 offset, const QString &error)
{
    const TopicPartition tp{m_model->topic(), partition};
    m_canvas->clearProposal();
    if (error.isEmpty()) {
        m_proposal.reset();
        showResetBar(false);
        emit statusMessage(
            tr("Group %1 on %2 now resumes at offset %3.").arg(groupId, tp.toString(), QLocale().toString(offset)));
    } else {
        // A group with members is refused by every broker: say who they are (the broker's
        // message names raw member ids) and offer to stop the ones this app runs.
        int inApp = 0;
        QStringList brief;
        const QStringList members = memberNames(groupId, &inApp, &brief);
        QStringList ours; // of `brief`, this app's consumers (running, or killed)
        int killed = 0;
        for (const QString &name : std::as_const(brief)) {
            const auto own = std::find_if(m_consumers.begin(), m_consumers.end(), [&](const ConsumerStatus &c) {
                return c.groupId == groupId && c.consumerId == name;
            });
            if (own != m_consumers.end()) {
                ours << name;
                killed += own->state == ConsumerStatus::State::Killed ? 1 : 0;
            }
        }
        QString reason = error;
        if (!members.isEmpty()) {
            reason = tr("the group still has members: %1. Offsets can only be reset while none of its consumers "
                        "runs.")
                         .arg(members.join(QStringLiteral(", ")));
            if (ours.size() < members.size())
                reason += QLatin1Char(' ') + tr("Stop the others where they run.");
            // It cannot be stopped: it is dropped when its session times out.
            if (killed > 0)
                reason +=
                    QLatin1Char(' ') + tr("A killed consumer stays a member until its session times out: reset then.");
        }
        if (!members.isEmpty() && m_proposal) {
            m_refused = *m_proposal;
            // Still drawn while the refusal lasts: the reset "Stop the group" leads to, or the
            // one offered again once the members are gone (a killed one's session is over).
            m_canvas->showProposal(m_refused->groupId, m_refused->partition, m_refused->from, m_refused->to);
        }
        m_proposal.reset();
        const QString whole = tr("Could not reset group %1 on %2: %3")
                                  .arg(groupId.toHtmlEscaped(), tp.toString().toHtmlEscaped(), reason.toHtmlEscaped());
        // One line above the lanes where it fits (the whole reason, with where each member
        // runs, in its tooltip): it once took four lines of the lanes' height at 1024 px.
        m_refusal.reset();
        if (members.isEmpty()) {
            setResetMessage({whole});
        } else {
            m_refusal = Refusal{groupId, brief, ours, whole};
            showRefusal();
        }
        m_resetConfirm->hide();
        // Only this app's running consumers can be stopped (a killed one is gone already).
        m_resetStopGroup->setVisible(m_refused.has_value() && inApp > 0);
        m_resetCancel->setText(tr("Dismiss"));
        showResetBar(true);
        emit statusMessage(tr("Could not reset group %1 on %2: %3").arg(groupId, tp.toString(), reason));
        emit offsetResetFinished(groupId, tp, offset, reason);
        return;
    }
    emit offsetResetFinished(groupId, tp, offset, error);
}

} // namespace tidemark
