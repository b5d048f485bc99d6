#include "ui/panels/EventsPane.h"

#include "ui/models/EventLogModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace tidemark {

namespace {

// Wraps the event text to the column's width (QStyledItemDelegate measures one unbounded
// line, so QTreeView's word wrap alone never makes a row taller). A routine commit row shows
// two lines at most, the second elided (its tooltip and the model's text have it whole): in a
// narrow pane (1024x700: ~200 px of text, the Time column hidden) the story's lines above it
// keep the room. A commit with a reason ("partitions revoked") and an offset reset are part of
// the story: whole.
class WrappingDelegate final : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        const int width = textWidth(index);
        if (width <= 0)
            return size;
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index); // the row's own font (milestones are bold, hence wider) and text
        // Wrapped where the style draws it (the cell less its text margin a side), not at the
        // narrower width the commit rows are cut at: 2 px less gave some rows a blank line.
        const int margin = m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1;
        const int drawn = m_view->header()->sectionSize(index.column()) - 2 * margin;
        const QRect bounds = opt.fontMetrics.boundingRect(QRect(0, 0, drawn, 100000), Qt::TextWordWrap, opt.text);
        size.setHeight(std::max(size.height(), bounds.height() + 4));
        return size;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int width = textWidth(index);
        if (width <= 0 || index.data(EventLogModel::CommitLinesRole).toInt() == 0)
            return;
        // The first line as the style would wrap it, then the rest elided to one line. The
        // width is a little under the style's, so both lines fit where it draws them.
        QTextLayout layout(option->text, option->font);
        QTextOption wrap;
        wrap.setWrapMode(QTextOption::WordWrap);
        layout.setTextOption(wrap);
        layout.beginLayout();
        QTextLine first = layout.createLine();
        if (first.isValid())
            first.setLineWidth(width);
        const bool more = layout.createLine().isValid();
        layout.endLayout();
        if (!first.isValid() || !more)
            return;
        const int cut = first.textStart() + first.textLength();
        option->text = option->text.left(cut).trimmed() + QChar(QChar::LineSeparator) +
                       option->fontMetrics.elidedText(option->text.mid(cut), Qt::ElideRight, width);
    }

private:
    // The message column's text width (0 for the time column).
    int textWidth(const QModelIndex &index) const
    {
        return index.column() == EventLogModel::MessageColumn ? m_view->header()->sectionSize(index.column()) - 8 : 0;
    }

    QTreeView *m_view;
};

} // namespace

EventsPane::EventsPane(Clock clock, QWidget *parent)
    : QWidget(parent),
      m_clock(clock ? std::move(clock) : systemClock()),
      m_model(new EventLogModel(5000, this)),
      m_view(new QTreeView(this)),
      m_count(new QLabel(this)),
      m_newEvents(new QToolButton(m_view))
{
    setObjectName(QStringLiteral("eventsPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    auto *filter = new QToolButton(this);
    filter->setObjectName(QStringLiteral("eventFilterButton"));
    filter->setText(tr("Show"));
    filter->setToolTip(tr("Choose which kinds of events are listed"));
    filter->setPopupMode(QToolButton::InstantPopup);
    filter->setAutoRaise(true);
    auto *menu = new QMenu(filter);
    filter->setMenu(menu);
    const std::pair<LogEntry::Kind, QString> kinds[] = {
        {LogEntry::Kind::Rebalance, tr("Rebalances")},
        {LogEntry::Kind::Commit, tr("Commits")},
        {LogEntry::Kind::Produce, tr("Production")},
        {LogEntry::Kind::Error, tr("Errors")},
        {LogEntry::Kind::Info, tr("Other (connections, topics, consumers)")},
    };
    for (const auto &[kind, label] : kinds) {
        QAction *action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(true);
        action->setObjectName(QStringLiteral("eventFilter") + QString::number(int(kind)));
        connect(action, &QAction::toggled, this, &EventsPane::updateFilter);
        m_filters[kind] = action;
    }
    bar->addWidget(filter);
    bar->addStretch();
    m_count->setObjectName(QStringLiteral("eventCount"));
    bar->addWidget(m_count);
    auto *clearButton = new QToolButton(this);
    clearButton->setObjectName(QStringLiteral("clearEvents"));
    clearButton->setText(tr("Clear"));
    clearButton->setAutoRaise(true);
    clearButton->setToolTip(tr("Clear the event log"));
    connect(clearButton, &QToolButton::clicked, this, &EventsPane::clear);
    bar->addWidget(clearButton);
    layout->addLayout(bar);

    m_view->setObjectName(QStringLiteral("eventsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(true); // events are sentences: wrap rather than cut them
    m_view->setItemDelegate(new WrappingDelegate(m_view));
    m_view->setUniformRowHeights(false);
    // Row heights depend on the message column's width: lay the rows out again when it changes.
    connect(m_view->header(), &QHeaderView::sectionResized, m_view, [this](int section) {
        if (section == EventLogModel::MessageColumn)
            QMetaObject::invokeMethod(m_view, &QTreeView::doItemsLayout, Qt::QueuedConnection);
    });
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setMinimumSectionSize(24);
    m_view->header()->resizeSection(EventLogModel::TimeColumn, 62);
    layout->addWidget(m_view);

    // Over the list's bottom, centred, while the user reads above and new entries arrived.
    m_newEvents->setObjectName(QStringLiteral("newEventsButton"));
    m_newEvents->setText(tr("New events ↓"));
    m_newEvents->setToolTip(tr("Jump to the newest event and follow the new ones again"));
    m_newEvents->setCursor(Qt::PointingHandCursor);
    m_newEvents->hide();
    connect(m_newEvents, &QToolButton::clicked, this, [this] {
        m_newEvents->hide();
        setFollowTail(true);
    });
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    fitColumns();

    // Follow-tail is a state, not a guess from the scroll position at the moment a row comes
    // in: a layout change (Reset Layout, a dock resized, hidden or floated, rows re-wrapped)
    // changes the range and the position without the user asking, and must not stop the
    // pane from following. Only a position the user leaves above the bottom does.
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_keepingTail)
            m_followTail = value >= m_view->verticalScrollBar()->maximum() - 2;
        if (m_followTail)
            m_newEvents->hide(); // back at the end: seen
    });
    connect(scroll, &QScrollBar::rangeChanged, this, [this] {
        if (m_followTail)
            keepTail();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateCount();
        if (m_followTail)
            keepTail();
        else // scrolled up: say that more came below
            announceNewEvents();
    });
    // A group's commit row takes the next commits in place (EventLogModel): an update of a row
    // below the viewport is news too; one the user sees change is not.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        if (m_followTail || !m_newEvents->isHidden())
            return;
        const QRect row = m_view->visualRect(m_model->index(topLeft.row(), EventLogModel::MessageColumn));
        if (!row.isValid() || row.bottom() >= m_view->viewport()->height()) // not laid out yet, or not all in view
            announceNewEvents();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventsPane::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, m_newEvents, &QWidget::hide);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EventsPane::updateCount);
    updateCount();
}

void EventsPane::addEntry(const LogEntry &entry)
{
    LogEntry e = entry;
    if (e.timestampMs == 0)
        e.timestampMs = m_clock();
    m_model->append(e);
}

void EventsPane::keepTail()
{
    m_keepingTail = true;
    m_view->scrollToBottom();
    QScrollBar *scroll = m_view->verticalScrollBar();
    scroll->setValue(scroll->maximum()); // scrollToBottom waits for a pending layout
    m_keepingTail = false;
}

void EventsPane::setFollowTail(bool follow)
{
    m_followTail = follow;
    if (follow) {
        m_newEvents->hide();
        keepTail();
    }
}

void EventsPane::announceNewEvents()
{
    if (!m_newEvents->isHidden())
        return;
    placeNewEvents();
    m_newEvents->show();
    m_newEvents->raise();
}

void EventsPane::placeNewEvents()
{
    const QRect area = m_view->viewport()->geometry(); // in the view's coordinates
    const QSize size = m_newEvents->sizeHint().boundedTo(area.size());
    m_newEvents->setGeometry(
        QRect(QPoint(area.center().x() - size.width() / 2, area.bottom() - 6 - size.height() + 1), size));
}

void EventsPane::fitColumns()
{
    // The view's width, not its viewport's: the scroll bar that rows of another height bring or
    // take away must not show and hide the column in turn.
    const bool narrow = m_view->width() < kNarrowViewWidth;
    if (m_view->isColumnHidden(EventLogModel::TimeColumn) != narrow)
        m_view->setColumnHidden(EventLogModel::TimeColumn, narrow);
}

bool EventsPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        fitColumns();
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && !m_newEvents->isHidden())
        placeNewEvents();
    return QWidget::eventFilter(watched, event);
}

void EventsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_followTail)
        keepTail();
}

void EventsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_followTail)
        QMetaObject::invokeMethod(this, &EventsPane::keepTail, Qt::QueuedConnection); // after the layout
}

void EventsPane::add(LogEntry::Kind kind, const QString &source, const QString &message)
{
    addEntry(LogEntry{0, kind, source, message});
}

void EventsPane::clear() { m_model->clear(); }

void EventsPane::updateFilter()
{
    std::set<LogEntry::Kind> hidden;
    for (const auto &[kind, action] : m_filters) {
        if (action->isChecked())
            continue;
        hidden.insert(kind);
        if (kind == LogEntry::Kind::Info) { // "Other" covers the quieter kinds too
            hidden.insert(LogEntry::Kind::Connection);
            hidden.insert(LogEntry::Kind::Topic);
        }
    }
    m_model->setHiddenKinds(hidden);
    setFollowTail(true);
}

void EventsPane::updateCount()
{
    // What is listed (the filter may hide some); the tooltip has the whole count.
    m_count->setText(tr("Events: %1").arg(m_model->rowCount()));
    m_count->setToolTip(tr("%1 listed, %2 in the log").arg(m_model->rowCount()).arg(m_model->totalCount()));
}

} // namespace tidemark
