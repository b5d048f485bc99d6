#include "ui/panels/ConsumersPanel.h"

#include "core/AsyncBackend.h"
#include "core/PluralCount.h"

#include "core/ConsumerManager.h"
#include "core/MemberNames.h"
#include "ui/ColumnFitter.h"
#include "ui/Style.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/GroupTreeModel.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>

#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTabBar>
#include <QTabWidget>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace tidemark {

namespace {

// The consumer list, with a strip under its rows for the "Remove stopped" button while it
// shows, so the button never covers a row's numbers: the rows scroll above it. QTreeView sets
// the viewport's margins (the header's height on top) in updateGeometries; the bottom one is
// added after it.
class ConsumerListView final : public QTreeView {
public:
    explicit ConsumerListView(QWidget *parent) : QTreeView(parent) {}
    void setBottomReserve(int height)
    {
        if (height == m_bottomReserve)
            return;
        m_bottomReserve = height;
        updateGeometries();
    }

protected:
    void updateGeometries() override
    {
        QTreeView::updateGeometries();
        const QMargins margins = viewportMargins();
        if (margins.bottom() != m_bottomReserve)
            setViewportMargins(margins.left(), margins.top(), margins.right(), m_bottomReserve);
    }

private:
    int m_bottomReserve = 0;
};

} // namespace

ConsumersPanel::ConsumersPanel(ConsumerManager *manager, QWidget *parent)
    : QWidget(parent),
      m_manager(manager),
      m_model(new ConsumerTreeModel(this)),
      m_group(new QLineEdit(this)),
      m_count(new QSpinBox(this)),
      m_rate(new QSpinBox(this)),
      m_start(new QPushButton(style::icon(QStringLiteral(":/icons/play.svg")), tr("Start"), this)),
      m_view(new ConsumerListView(this)),
      m_stop(new QPushButton(style::icon(QStringLiteral(":/icons/stop.svg")), tr("Stop"), this)),
      m_kill(new QPushButton(style::icon(QStringLiteral(":/icons/kill.svg")), tr("Kill"), this)),
      m_restart(new QPushButton(style::icon(QStringLiteral(":/icons/restart.svg")), tr("Restart"), this)),
      m_remove(new QPushButton(style::icon(QStringLiteral(":/icons/remove.svg")), tr("Remove"), this)),
      m_removeStopped(new QToolButton(m_view)),
      m_session(new QSpinBox(this)),
      m_hint(new QLabel(this)),
      m_hintTick(new QTimer(this)),
      m_groupModel(new GroupTreeModel(this)),
      m_groupsTitle(new QLabel(this)),
      m_groupView(new QTreeView(this)),
      m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("consumersPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);

    auto *startRow = new QHBoxLayout;
    startRow->setSpacing(4);
    auto *groupLabel = new QLabel(tr("&Group:"), this);
    groupLabel->setBuddy(m_group);
    m_group->setObjectName(QStringLiteral("groupId"));
    m_group->setText(QStringLiteral("billing"));
    m_group->setToolTip(tr("Consumers in one group share the partitions; each group reads everything"));
    m_count->setObjectName(QStringLiteral("consumerCount"));
    m_count->setRange(1, 16);
    m_count->setValue(2);
    m_count->setPrefix(QStringLiteral("× "));
    m_count->setToolTip(tr("How many consumers to start in the group"));
    m_rate->setObjectName(QStringLiteral("consumerRate"));
    m_rate->setRange(0, 1'000'000);
    m_rate->setValue(0);
    m_rate->setSpecialValueText(tr("full speed"));
    m_rate->setSuffix(tr(" /s"));
    m_rate->setGroupSeparatorShown(true);
    m_rate->setToolTip(tr("Records per second each consumer processes; slow consumers make lag and hand-over visible"));
    m_start->setObjectName(QStringLiteral("startConsumersButton"));
    m_start->setToolTip(tr("Start consumers in the group on the selected topic (Ctrl+Shift+N)"));
    startRow->addWidget(groupLabel);
    startRow->addWidget(m_group, 2);
    startRow->addWidget(m_count);
    startRow->addWidget(m_rate, 1);
    // Kafka's session.timeout.ms: how long a killed member keeps its partitions.
    m_session->setObjectName(QStringLiteral("sessionTimeout"));
    m_session->setRange(1, 120);
    m_session->setPrefix(tr("session "));
    m_session->setSuffix(tr(" s"));
    m_session->setValue(std::max(1, (m_manager->defaultOptions().sessionTimeoutMs + 999) / 1000));
    m_session->setToolTip(tr("Session timeout of the consumers you start: a killed consumer keeps its partitions "
                             "this long before the group hands them over (Kafka's session.timeout.ms)"));
    startRow->addWidget(m_start);
    layout->addLayout(startRow);

    m_view->setObjectName(QStringLiteral("consumerView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setItemsExpandable(false);
    m_view->setRootIsDecorated(false);
    m_view->setIndentation(14);
    // Names take what the numbers leave.
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setHighlightSections(false);
    m_view->header()->setMinimumSectionSize(24);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Fixed widths (not fitted to the contents), so live numbers never shift the columns.
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setSectionResizeMode(ConsumerTreeModel::NameColumn, QHeaderView::Stretch);
    // The widths fit the English texts; translations that are longer widen them.
    const QFontMetrics font(m_view->font()); // the header's too
    const auto width = [&](int column, int english, QList<QPair<QString, QString>> cells = {}) {
        cells.append(ConsumerTreeModel::headerText(column));
        return style::widthForTranslation(english, font, cells);
    };
    // Every state word whole, in the language shown ("rebalancing" once got 72 of its 76 px).
    const auto shownTexts = [](const QList<QPair<QString, QString>> &texts) {
        QStringList out;
        for (const auto &text : texts)
            out << text.second;
        return out;
    };
    m_view->setColumnWidth(ConsumerTreeModel::StateColumn,
                           std::max(width(ConsumerTreeModel::StateColumn, 72, ConsumerTreeModel::stateTexts()),
                                    ColumnFitter::widthFor(m_view, ConsumerTreeModel::StateColumn,
                                                           shownTexts(ConsumerTreeModel::stateTexts()))));
    // The numbers' columns are as wide as their headers need, narrower too where the
    // translation is shorter ("Коммит"): the names beside the wider Russian state words keep
    // their room ("партиция 1", not "партици…"). ColumnFitter widens them for long numbers.
    const auto numbers = [&](int column, int english) {
        const auto [source, shown] = ConsumerTreeModel::headerText(column);
        return std::max(english + font.horizontalAdvance(shown) - font.horizontalAdvance(source),
                        ColumnFitter::cellWidth(m_view, shown));
    };
    m_view->setColumnWidth(ConsumerTreeModel::PositionColumn, numbers(ConsumerTreeModel::PositionColumn, 54));
    m_view->setColumnWidth(ConsumerTreeModel::CommittedColumn, numbers(ConsumerTreeModel::CommittedColumn, 76));
    m_view->setColumnWidth(ConsumerTreeModel::LagColumn, numbers(ConsumerTreeModel::LagColumn, 34));
    m_consumedWidth = width(ConsumerTreeModel::ConsumedColumn, 80);
    m_view->setColumnWidth(ConsumerTreeModel::ConsumedColumn, m_consumedWidth);
    // Numbers grow past what the widths above were tuned for (lag 13,334): their columns
    // widen rather than cut the number ("13,…").
    new ColumnFitter(m_view, {ConsumerTreeModel::PositionColumn, ConsumerTreeModel::CommittedColumn,
                              ConsumerTreeModel::LagColumn, ConsumerTreeModel::ConsumedColumn});
    // Numbers that grow (ColumnFitter) take room from the names: check again.
    connect(m_view->header(), &QHeaderView::sectionResized, this, [this](int column) {
        if (column != ConsumerTreeModel::NameColumn)
            fitColumns();
    });
    // A member's name or count that grows (a replay: "301 (115 replayed)") may not leave
    // room for both: the names win.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConsumersPanel::fitColumns);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ConsumersPanel::fitColumns);
    // Consumers that leave (removed, or stopped with a connection) may leave room again.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConsumersPanel::fitColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConsumersPanel::fitColumns);
    // Partitions that move between members move rows: the selected member (the one just
    // killed) stays in sight where the list has room for a few rows only.
    const auto keepCurrentInSight = [this] {
        if (m_view->currentIndex().isValid())
            m_view->scrollTo(m_view->currentIndex().siblingAtColumn(0));
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, keepCurrentInSight);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, keepCurrentInSight);
    // A consumer that stops moves below the running ones (ConsumerTreeModel's order).
    connect(m_model, &QAbstractItemModel::rowsMoved, this, keepCurrentInSight);
    // The list never shows fewer than three whole rows (a member and two of its partitions,
    // or the two members of a group), however short the window or tall a banner above it.
    m_view->setMinimumHeight(listHeight(3));
    m_groupView->setMinimumHeight(48);
    m_tabs->setObjectName(QStringLiteral("consumerTabs"));
    m_tabs->setDocumentMode(true);
    // Beside the tabs, where the rows above have no room left at 1024 px.
    m_tabs->setCornerWidget(m_session, Qt::TopRightCorner);
    m_tabs->addTab(m_view, QString());
    layout->addWidget(m_tabs, 1);
    // Every group of the topic, whoever its members are.
    m_groupsTitle->setObjectName(QStringLiteral("groupsTitle"));
    QFont titleFont = m_groupsTitle->font();
    titleFont.setBold(true);
    m_groupsTitle->setFont(titleFont);
    auto *groupsPage = new QWidget(m_tabs);
    auto *groupsLayout = new QVBoxLayout(groupsPage);
    groupsLayout->setContentsMargins(0, 4, 0, 0);
    groupsLayout->setSpacing(4);
    groupsLayout->addWidget(m_groupsTitle);
    m_groupView->setObjectName(QStringLiteral("groupView"));
    m_groupView->setModel(m_groupModel);
    m_groupView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupView->setUniformRowHeights(true);
    m_groupView->setAllColumnsShowFocus(true);
    m_groupView->setItemsExpandable(false);
    m_groupView->setRootIsDecorated(false);
    m_groupView->setIndentation(14);
    m_groupView->header()->setStretchLastSection(false);
    m_groupView->header()->setHighlightSections(false);
    m_groupView->header()->setMinimumSectionSize(24);
    m_groupView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_groupView->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_groupView->header()->setSectionResizeMode(GroupTreeModel::NameColumn, QHeaderView::Stretch);
    const auto groupWidth = [&](int column, int english, QList<QPair<QString, QString>> cells = {}) {
        cells.append(GroupTreeModel::headerText(column));
        return style::widthForTranslation(english, font, cells);
    };
    m_groupView->setColumnWidth(GroupTreeModel::StateColumn,
                                std::max(groupWidth(GroupTreeModel::StateColumn, 96, GroupTreeModel::stateTexts()),
                                         ColumnFitter::widthFor(m_groupView, GroupTreeModel::StateColumn,
                                                                shownTexts(GroupTreeModel::stateTexts()))));
    m_groupView->setColumnWidth(GroupTreeModel::CommittedColumn, groupWidth(GroupTreeModel::CommittedColumn, 72));
    m_groupView->setColumnWidth(GroupTreeModel::LagColumn, groupWidth(GroupTreeModel::LagColumn, 40));
    new ColumnFitter(m_groupView, {GroupTreeModel::CommittedColumn, GroupTreeModel::LagColumn});
    groupsLayout->addWidget(m_groupView, 1);
    m_tabs->addTab(groupsPage, QString());

    auto *actions = new QHBoxLayout;
    actions->setSpacing(4);
    m_stop->setObjectName(QStringLiteral("stopConsumerButton"));
    m_stop->setToolTip(tr("Commit what it processed and leave the group (Ctrl+Shift+S)"));
    m_kill->setObjectName(QStringLiteral("killConsumerButton"));
    m_kill->setToolTip(tr("Hard stop: no commit, no leave. The group notices after the session timeout and "
                          "re-delivers what was not committed (Ctrl+Shift+K)"));
    m_restart->setObjectName(QStringLiteral("restartConsumerButton"));
    m_restart->setToolTip(tr("Start it again: it resumes from the group's committed offsets (Ctrl+Shift+R)"));
    m_remove->setObjectName(QStringLiteral("removeConsumerButton"));
    m_remove->setToolTip(tr("Stop it if running and remove it from the list (Delete)"));
    for (QPushButton *b : {m_stop, m_kill, m_restart, m_remove}) {
        style::fitToText(b); // every word kept, without the style's 80 px each
        actions->addWidget(b);
    }
    style::fitToText(m_start);
    actions->addStretch();
    layout->addLayout(actions);
    // Stopped members pile up over a lesson (billing #1 … #8, most of them stopped): once more
    // than a few, one click clears them; the running ones stay (and stay on top of the list).
    m_removeStopped->setObjectName(QStringLiteral("removeStoppedButton"));
    m_removeStopped->setText(tr("Remove stopped"));
    // Text only: with the icon, in Russian it covered the stopped rows' State ("остановлен").
    m_removeStopped->setFocusPolicy(Qt::StrongFocus);
    m_removeStopped->hide();
    m_view->viewport()->installEventFilter(this); // its size places the button
    // The same from the keyboard, in the list: Delete removes the selected consumer,
    // Ctrl+Delete the stopped ones; both in its context menu (the menu key) with the others.
    const auto listAction = [this](const QString &name, const QKeySequence &key, auto slot,
                                   QAbstractButton *button = nullptr) {
        auto *action = new QAction(this);
        action->setObjectName(name);
        if (button) {
            action->setText(button->text());
            action->setIcon(button->icon());
        }
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
        return action;
    };
    m_stopAction = listAction(QStringLiteral("stopConsumerAction"), {}, &ConsumersPanel::stopSelected, m_stop);
    m_killAction = listAction(QStringLiteral("killConsumerAction"), {}, &ConsumersPanel::killSelected, m_kill);
    m_restartAction =
        listAction(QStringLiteral("restartConsumerAction"), {}, &ConsumersPanel::restartSelected, m_restart);
    m_removeAction = listAction(QStringLiteral("removeConsumerAction"), QKeySequence(Qt::Key_Delete),
                                &ConsumersPanel::removeSelected, m_remove);
    m_removeStoppedAction = listAction(
        QStringLiteral("removeStoppedAction"), QKeySequence(Qt::CTRL | Qt::Key_Delete), [this] { removeStopped(); },
        m_removeStopped);
    m_removeStoppedAction->setIcon(m_remove->icon());
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_hint->setObjectName(QStringLiteral("consumerHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->installEventFilter(this); // its width sets where its text is cut (fitHint)
    layout->addWidget(m_hint);
    m_hintTick->setInterval(1000); // the countdown of waitingText (updateActions starts and stops it)
    connect(m_hintTick, &QTimer::timeout, this, &ConsumersPanel::updateActions);

    connect(m_groupModel, &QAbstractItemModel::modelReset, m_groupView, &QTreeView::expandAll);

    connect(m_manager, &ConsumerManager::statusChanged, m_model, &ConsumerTreeModel::updateStatus);
    connect(m_manager, &ConsumerManager::consumerRemoved, m_model, &ConsumerTreeModel::removeConsumer);
    connect(m_manager, &ConsumerManager::statusChanged, this, &ConsumersPanel::updateActions);
    connect(m_manager, &ConsumerManager::consumerRemoved, this, &ConsumersPanel::updateActions);
    connect(m_manager, &ConsumerManager::momentChanged, this, &ConsumersPanel::updateActions);
    // A partition a consumer's killed membership still holds (after a restart too soon): one
    // line over the whole row, "partition 2 held by billing #2 (old) · killed · 4 s".
    const auto spanEarlier = [this](const QModelIndex &parent, int first, int last) {
        for (int row = first; row <= last; ++row)
            m_view->setFirstColumnSpanned(row, parent,
                                          m_model->index(row, 0, parent).data(ConsumerTreeModel::EarlierRole).toBool());
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, [this, spanEarlier] {
        for (int row = 0; row < m_model->rowCount(); ++row)
            spanEarlier(m_model->index(row, 0), 0, m_model->rowCount(m_model->index(row, 0)) - 1);
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this, spanEarlier](const QModelIndex &parent, int first, int last) {
                if (parent.isValid()) {
                    spanEarlier(parent, first, last);
                    m_view->expand(parent);
                    return;
                }
                for (int row = first; row <= last; ++row)
                    spanEarlier(m_model->index(row, 0), 0, m_model->rowCount(m_model->index(row, 0)) - 1);
                m_view->expand(m_model->index(first, 0));
                if (!m_view->currentIndex().isValid())
                    selectConsumer(m_model->index(first, 0).data(ConsumerTreeModel::ConsumerIdRole).toString());
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ConsumersPanel::updateActions);
    connect(m_start, &QPushButton::clicked, this, &ConsumersPanel::startConsumers);
    connect(m_group, &QLineEdit::returnPressed, this, &ConsumersPanel::startConsumers);
    connect(m_group, &QLineEdit::textChanged, this, &ConsumersPanel::updateActions);
    connect(m_stop, &QPushButton::clicked, this, &ConsumersPanel::stopSelected);
    connect(m_kill, &QPushButton::clicked, this, &ConsumersPanel::killSelected);
    connect(m_restart, &QPushButton::clicked, this, &ConsumersPanel::restartSelected);
    connect(m_remove, &QPushButton::clicked, this, &ConsumersPanel::removeSelected);
    connect(m_removeStopped, &QToolButton::clicked, this, [this] { removeStopped(); });
    m_model->setStatuses(m_manager->statuses());
    showGroups();
    updateActions();
}

ConsumersPanel::~ConsumersPanel()
{
    if (m_state)
        m_state->unwatch(m_groupsWatch);
}

void ConsumersPanel::setTopic(const QString &topic)
{
    if (topic != m_topic) {
        m_topic = topic;
        watchGroups();
    }
    updateActions();
}

void ConsumersPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void ConsumersPanel::placeRemoveStopped()
{
    // In the strip under the rows (the viewport's bottom margin), right-aligned: never over a row.
    const QRect area = m_view->viewport()->geometry(); // in the view's coordinates
    const QSize size = m_removeStopped->sizeHint().boundedTo(QSize(area.width(), removeStoppedStrip()));
    m_removeStopped->setGeometry(QRect(QPoint(area.right() - 3 - size.width() + 1, area.bottom() + 1), size));
}

int ConsumersPanel::removeStoppedStrip() const { return m_removeStopped->sizeHint().height() + 1; }

bool ConsumersPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_hint && event->type() == QEvent::Resize)
        fitHint();
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        placeRemoveStopped();
    return QWidget::eventFilter(watched, event);
}

void ConsumersPanel::setHint(const QString &text)
{
    if (text == m_hintText)
        return;
    m_hintText = text;
    fitHint();
}

void ConsumersPanel::fitHint()
{
    // Two lines at most, the room heightForRows() keeps under the list: a text that needs a
    // third is cut at the end of its second line, whole in the tooltip. (A third line took
    // its height from the Producer above, whose form then showed its last row cut in half.)
    QString shown = m_hintText;
    const int width = m_hint->contentsRect().width();
    if (width > 0 && !m_hintText.isEmpty()) {
        QTextLayout lines(m_hintText, m_hint->font());
        QTextOption option;
        option.setWrapMode(QTextOption::WordWrap);
        lines.setTextOption(option);
        lines.beginLayout();
        std::vector<std::pair<int, int>> starts; // each line's start and length
        for (QTextLine line = lines.createLine(); line.isValid() && starts.size() < 3; line = lines.createLine()) {
            line.setLineWidth(width);
            starts.emplace_back(line.textStart(), line.textLength());
        }
        lines.endLayout();
        if (starts.size() > 2) {
            const QString first = m_hintText.mid(starts[0].first, starts[0].second).trimmed();
            const QString rest = m_hintText.mid(starts[1].first).trimmed();
            shown = first + QLatin1Char('\n') + m_hint->fontMetrics().elidedText(rest, Qt::ElideRight, width);
        }
    }
    m_hint->setToolTip(shown == m_hintText ? QString() : m_hintText);
    if (m_hint->text() != shown)
        m_hint->setText(shown);
}

void ConsumersPanel::fitColumns()
{
    if (m_fitting)
        return; // hiding or showing the Consumed column resizes it: no second pass
    m_fitting = true;
    int numbers = 0;
    for (int c = ConsumerTreeModel::StateColumn; c < ConsumerTreeModel::ColumnCount; ++c)
        if (c != ConsumerTreeModel::ConsumedColumn)
            numbers += m_view->columnWidth(c);
    // "partition 0" under its member, and the members' names (bold) above.
    const QString partition = QCoreApplication::translate("tidemark::ConsumerTreeModel", "partition %1").arg(0);
    int names = ColumnFitter::cellWidth(m_view, partition) + m_view->indentation();
    // What the Consumed column needs: its header and every count ("301 (+3, 115 replayed)").
    int consumed = m_consumedWidth;
    const int margin = ColumnFitter::cellWidth(m_view, QString());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex name = m_model->index(row, ConsumerTreeModel::NameColumn);
        const QVariant font = name.data(Qt::FontRole);
        const QFontMetrics metrics(font.isValid() ? font.value<QFont>() : m_view->font());
        names = std::max(names, metrics.horizontalAdvance(name.data().toString()) + margin);
        consumed = std::max(
            consumed,
            ColumnFitter::cellWidth(m_view, m_model->index(row, ConsumerTreeModel::ConsumedColumn).data().toString()));
    }
    const bool hide = m_view->viewport()->width() - numbers - names < consumed;
    const bool wasHidden = m_view->isColumnHidden(ConsumerTreeModel::ConsumedColumn);
    if (hide != wasHidden)
        m_view->setColumnHidden(ConsumerTreeModel::ConsumedColumn, hide);
    // Shown again, the column gets what its texts need now, not the width it had when hidden:
    // ColumnFitter widens it while hidden too, for counts ("6,000 (3,000 replayed)") whose
    // consumers may be gone since (removed, or stopped by a switch of the connection). That
    // width once came back with the column and squeezed the names to "Cons" and "b...".
    if (!hide && (wasHidden || m_view->columnWidth(ConsumerTreeModel::ConsumedColumn) < consumed))
        m_view->setColumnWidth(ConsumerTreeModel::ConsumedColumn, consumed);
    m_fitting = false;
}

int ConsumersPanel::widthForConsumed(const QString &consumed) const
{
    // The numbers as wide as a lesson's lag grows ("13,334"; ColumnFitter widens them).
    const int number = ColumnFitter::cellWidth(m_view, QLocale().toString(13334));
    int columns = 0;
    for (int c = ConsumerTreeModel::StateColumn; c < ConsumerTreeModel::ColumnCount; ++c)
        if (c != ConsumerTreeModel::ConsumedColumn)
            columns +=
                c == ConsumerTreeModel::StateColumn ? m_view->columnWidth(c) : std::max(m_view->columnWidth(c), number);
    const QString partition = QCoreApplication::translate("tidemark::ConsumerTreeModel", "partition %1").arg(0);
    QFont bold = m_view->font();
    bold.setBold(true);
    const int margin = ColumnFitter::cellWidth(m_view, QString());
    // A member's name ("billing #10", bold) or a partition's under it.
    const int names = std::max(ColumnFitter::cellWidth(m_view, partition) + m_view->indentation(),
                               QFontMetrics(bold).horizontalAdvance(QStringLiteral("billing #10")) + margin);
    columns += names + std::max(m_consumedWidth, ColumnFitter::cellWidth(m_view, consumed));
    const QMargins margins = layout()->contentsMargins();
    return margins.left() + margins.right() + 2 * m_view->frameWidth() + columns;
}

int ConsumersPanel::listHeight(int rows) const
{
    // A row as the view's delegate sizes it (one line of text, the members' in bold).
    QStyleOptionViewItem option;
    option.initFrom(m_view);
    option.features = QStyleOptionViewItem::HasDisplay;
    option.text = QStringLiteral("0");
    QFont bold = m_view->font();
    bold.setBold(true);
    int row = 0;
    for (const QFont &font : {m_view->font(), bold}) {
        option.font = font;
        option.fontMetrics = QFontMetrics(font);
        row = std::max(row,
                       m_view->style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), m_view).height());
    }
    if (m_model->rowCount() > 0)
        row = std::max(row, m_view->sizeHintForRow(0));
    return 2 * m_view->frameWidth() + m_view->header()->sizeHint().height() + rows * row;
}

int ConsumersPanel::heightForRows(int rows, int width) const
{
    const int list = listHeight(rows);
    // Everything else of the panel, from top to bottom: the start row, the tabs' bar, the
    // actions and the hint (wrapped at this width).
    const QMargins margins = layout()->contentsMargins();
    const auto *box = static_cast<const QVBoxLayout *>(layout());
    int others = margins.top() + margins.bottom() +
                 std::max(m_tabs->tabBar()->sizeHint().height(), m_session->sizeHint().height());
    int items = 0;
    for (int i = 0; i < box->count(); ++i) {
        QLayoutItem *item = box->itemAt(i);
        if (item->widget() == m_tabs || item->isEmpty())
            continue;
        int height = item->hasHeightForWidth() ? item->heightForWidth(width - margins.left() - margins.right())
                                               : item->sizeHint().height();
        // Two lines for the hint, most hints' length at 1024 px (the one shown now may be
        // shorter): the list keeps its rows when it changes.
        if (item->widget() == m_hint)
            height = std::max(height, 2 * m_hint->fontMetrics().lineSpacing());
        others += height;
        ++items;
    }
    others += items * box->spacing(); // between the tabs and each other item
    return others + list;
}

void ConsumersPanel::setBackend(AsyncBackend *backend)
{
    if (backend == m_backend && (backend != nullptr) == (m_state != nullptr))
        return;
    m_backend = backend;
    watchGroups();
}

void ConsumersPanel::watchGroups()
{
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        m_state->unwatch(m_groupsWatch);
        m_groupsWatch = 0;
    }
    m_state = m_backend ? BrokerState::of(m_backend) : nullptr;
    if (m_state && !m_topic.isEmpty()) {
        const auto changed = [this](const QString &topic) {
            if (topic == m_topic) {
                showGroups();
                updateActions(); // the hint may say what the group waits for (waitingText)
            }
        };
        connect(m_state, &BrokerState::groupsChanged, this, changed);
        connect(m_state, &BrokerState::topicChanged, this, changed); // lag follows the watermarks
        m_groupsWatch = m_state->watchGroups(m_topic, 1000);
    }
    showGroups();
}

void ConsumersPanel::showGroups()
{
    if (!m_state || m_topic.isEmpty()) {
        m_groupModel->setGroups(m_topic, {});
        m_tabs->setTabText(1, tr("All groups"));
        m_groupsTitle->setText(tr("Consumer groups"));
        return;
    }
    m_groupModel->setGroups(m_topic, m_state->groups(m_topic));
    m_tabs->setTabText(1, tr("All groups (%1)").arg(m_groupModel->groupCount()));
    const QString error = m_state->groupsError(m_topic);
    if (!error.isEmpty())
        m_groupsTitle->setText(tr("Consumer groups of '%1': %2").arg(m_topic, error));
    else if (!m_state->areGroupsLoaded(m_topic))
        m_groupsTitle->setText(tr("Consumer groups of '%1': loading…").arg(m_topic));
    else if (m_groupModel->groupCount() == 0)
        m_groupsTitle->setText(tr("Consumer groups of '%1': none yet").arg(m_topic));
    else
        m_groupsTitle->setText(tr("Consumer groups of '%1'").arg(m_topic));
    m_groupView->expandAll();
}

void ConsumersPanel::setConnected(bool connected)
{
    m_connected = connected;
    updateActions();
}

QString ConsumersPanel::selectedConsumer() const
{
    const QModelIndex current = m_view->currentIndex();
    // A partition row stands for its consumer.
    return current.isValid() ? current.data(ConsumerTreeModel::ConsumerIdRole).toString() : QString();
}

void ConsumersPanel::selectConsumer(const QString &consumerId)
{
    const int row = m_model->rowOf(consumerId);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

void ConsumersPanel::startConsumers()
{
    if (!m_connected || m_topic.isEmpty() || m_group->text().trimmed().isEmpty())
        return;
    ConsumerOptions options = m_manager->defaultOptions();
    options.maxRecordsPerSecond = m_rate->value();
    options.sessionTimeoutMs = m_session->value() * 1000;
    QStringList ids;
    for (int i = 0; i < m_count->value(); ++i) {
        const QString id = m_manager->start(m_group->text().trimmed(), {m_topic}, options);
        if (!id.isEmpty())
            ids << id;
    }
    if (!ids.isEmpty())
        selectConsumer(ids.front());
}

void ConsumersPanel::stopSelected() { m_manager->stop(selectedConsumer()); }
void ConsumersPanel::killSelected() { m_manager->kill(selectedConsumer()); }
void ConsumersPanel::restartSelected() { m_manager->restart(selectedConsumer()); }
void ConsumersPanel::removeSelected() { m_manager->remove(selectedConsumer()); }

int ConsumersPanel::removeStopped()
{
    int removed = 0;
    for (const ConsumerStatus &s : m_manager->statuses())
        if (ConsumerTreeModel::isOver(s) && m_manager->remove(s.consumerId))
            ++removed;
    return removed;
}

QString ConsumersPanel::killedText(const ConsumerStatus &status) const
{
    QStringList parts;
    for (const TopicPartition &tp : status.assignment)
        parts << tp.toString();
    if (status.state == ConsumerStatus::State::Killed && status.sessionSecondsLeft() > 0)
        return tr("%1 was killed: it keeps %2 for %3 s more (its session timeout), then the group hands them over.")
            .arg(status.consumerId, parts.join(QStringLiteral(", ")))
            .arg(status.sessionSecondsLeft());
    if (status.sessionTimedOut())
        return tr("%1's session timed out: the group is rebalancing, another member takes %2 over now.")
            .arg(status.consumerId, parts.join(QStringLiteral(", ")));
    // Restarted before its session ran out: its killed membership keeps them meanwhile.
    for (const EarlierSession &earlier : status.earlierSessions) {
        QStringList kept;
        for (const TopicPartition &tp : earlier.kept)
            kept << tp.toString();
        if (earlier.sessionSecondsLeft() > 0)
            return tr("%1 came back too soon: its killed membership keeps %2 for %3 s more.")
                .arg(status.consumerId, kept.join(QStringLiteral(", ")))
                .arg(earlier.sessionSecondsLeft());
        if (earlier.sessionTimedOut())
            return tr("%1's killed membership timed out: the group is rebalancing, a member takes %2 over now.")
                .arg(status.consumerId, kept.join(QStringLiteral(", ")));
    }
    return {};
}

QString ConsumersPanel::waitingText(const QString &group) const
{
    if (!m_state || m_topic.isEmpty() || group.isEmpty())
        return {};
    const std::vector<ConsumerStatus> statuses = m_manager->statuses();
    // Somebody waits: one of the app's consumers of the group runs (or joins).
    if (std::none_of(statuses.begin(), statuses.end(),
                     [&](const ConsumerStatus &s) { return s.groupId == group && s.isActive(); }))
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch(); // the broker's expiries are wall-clock
    QStringList names;
    QStringList held;
    qint64 longest = 0;
    for (const GroupInfo &g : m_state->groups(m_topic)) {
        if (g.groupId != group)
            continue;
        for (const GroupMember &m : g.members) {
            if (!m.vanished || m.sessionExpiresAtMs <= now)
                continue;
            // The app's own killed ones (also before a restart) have their own countdown (killedText).
            if (std::any_of(statuses.begin(), statuses.end(), [&](const ConsumerStatus &s) {
                    return s.memberId == m.memberId || s.earlierMemberIds.contains(m.memberId);
                }))
                continue;
            QStringList kept;
            for (const TopicPartition &tp : m.assignment)
                if (tp.topic == m_topic)
                    kept << tp.toString();
            if (kept.isEmpty())
                continue;
            names << memberDisplayName(statuses, group, m.memberId, m.clientId);
            held << kept;
            longest = std::max(longest, m.sessionExpiresAtMs - now);
        }
    }
    if (names.isEmpty())
        return {};
    // The seconds first: the line is cut to two lines where it is long (long names, Russian),
    // and the countdown is what the learner waits on.
    if (names.size() == 1)
        return tr("Waiting %2 s for %1 to time out: it was killed and keeps %3 until then.")
            .arg(names.front())
            .arg(sessionSecondsLeft(longest))
            .arg(held.join(QStringLiteral(", ")));
    return tr("Waiting %2 s for %1 to time out: they were killed and keep %3 until then.")
        .arg(names.join(QStringLiteral(", ")))
        .arg(sessionSecondsLeft(longest))
        .arg(held.join(QStringLiteral(", ")));
}

QString ConsumersPanel::storyText(const QString &group) const
{
    const GroupMoment moment = m_manager->latestMoment(group);
    const QLocale locale;
    const auto names = [](const std::map<QString, qint64> &counts) {
        QStringList ids;
        for (const auto &[id, count] : counts)
            ids << id;
        return ids.join(QStringLiteral(", "));
    };
    QStringList partitions;
    for (const TopicPartition &tp : moment.partitions)
        partitions << tp.toString();
    switch (moment.kind) {
    case GroupMoment::Kind::Killed: {
        // Told whichever member is selected: the countdown is the group's moment.
        const auto killed = m_manager->status(moment.consumerId);
        return killed ? killedText(*killed) : QString();
    }
    case GroupMoment::Kind::TakenOver: {
        // Counted since the takeover: a later restart or kill is a new moment, with new counts.
        if (const qint64 again = moment.totalRedelivered(); again > 0)
            return tr("%1 got %2 records again after %3 was killed: processed, but never committed.", nullptr,
                      pluralCount(again))
                .arg(names(moment.redelivered), locale.toString(again), moment.previousOwner);
        if (moment.uncommitted) // the takers are about to read them
            return tr("%1 took %2 over from %3: what %3 processed but never committed comes again.")
                .arg(moment.takers.join(QStringLiteral(", ")), partitions.join(QStringLiteral(", ")),
                     moment.previousOwner);
        return tr("%1 took %2 from %3: all committed, nothing read twice.")
            .arg(moment.takers.join(QStringLiteral(", ")), partitions.join(QStringLiteral(", ")), moment.previousOwner);
    }
    case GroupMoment::Kind::Restarted: {
        // Too soon (its killed membership still holds partitions): that countdown is the story.
        const auto restarted = m_manager->status(moment.consumerId);
        if (const QString kept = restarted ? killedText(*restarted) : QString(); !kept.isEmpty())
            return kept;
        return tr("%1 restarted: it resumes at the committed offset.").arg(moment.consumerId);
    }
    case GroupMoment::Kind::Reset:
        // A replay (the offsets were reset on purpose), not a redelivery: its own words.
        if (const qint64 again = moment.totalReplayed(); again > 0)
            return tr("%1 read %2 records again after the offset reset: a replay, not a redelivery.", nullptr,
                      pluralCount(again))
                .arg(names(moment.replayed), locale.toString(again));
        return tr("%1 replays %2: the group's committed offset was reset.")
            .arg(moment.consumerId, partitions.join(QStringLiteral(", ")));
    case GroupMoment::Kind::OffsetsReset:
        // Nobody runs to replay yet: what happened, and what to do. Moved ahead only, records
        // were skipped and nothing will be replayed.
        if (moment.forwardOnly)
            return tr("The group %1's offsets were moved ahead: start it again to resume there, skipping records.")
                .arg(moment.groupId);
        return tr("The group %1's offsets were reset: start it again to replay from there.").arg(moment.groupId);
    default: return {}; // joined, stopped, ...: the next step
    }
}

void ConsumersPanel::updateActions()
{
    m_tabs->setTabText(0, tr("In this app (%1)").arg(m_model->consumerCount()));
    const bool canStart = m_connected && !m_topic.isEmpty() && !m_group->text().trimmed().isEmpty();
    m_start->setEnabled(canStart);
    const auto status = m_manager->status(selectedConsumer());
    const bool active = status && status->isActive();
    m_stop->setEnabled(active);
    m_kill->setEnabled(active);
    m_restart->setEnabled(status.has_value() && m_connected);
    m_remove->setEnabled(status.has_value());
    const auto statuses = m_manager->statuses();
    const int over = int(std::count_if(statuses.begin(), statuses.end(), &ConsumerTreeModel::isOver));
    // The count in the tooltip: a text of one width, which fits beside the others at 1024 px
    // in Russian ("Убрать 12 остановленных" widened the window).
    m_removeStopped->setText(tr("Remove stopped"));
    m_removeStopped->setToolTip(tr("Remove the %n consumers that no longer run from the list: stopped, failed, or "
                                   "killed and handed over (Ctrl+Delete in the list). The running ones stay.",
                                   nullptr, over));
    if ((over >= kStoppedPile) != m_removeStopped->isVisible()) {
        static_cast<ConsumerListView *>(m_view)->setBottomReserve(over >= kStoppedPile ? removeStoppedStrip() : 0);
        placeRemoveStopped();
        m_removeStopped->setVisible(over >= kStoppedPile);
        m_removeStopped->raise();
    }
    m_removeStoppedAction->setToolTip(m_removeStopped->toolTip());
    m_stopAction->setEnabled(m_stop->isEnabled());
    m_killAction->setEnabled(m_kill->isEnabled());
    m_restartAction->setEnabled(m_restart->isEnabled());
    m_removeAction->setEnabled(m_remove->isEnabled());
    m_removeStoppedAction->setEnabled(over > 0);
    // The group the hint is about: the selected consumer's, else the first running one's.
    QString group = status ? status->groupId : QString();
    if (group.isEmpty())
        for (const ConsumerStatus &s : statuses)
            if (s.isActive() && group.isEmpty())
                group = s.groupId;
    const QString waiting = m_connected ? waitingText(group) : QString();
    if (waiting.isEmpty())
        m_hintTick->stop();
    else if (!m_hintTick->isActive())
        m_hintTick->start();
    if (const QString killed = status ? killedText(*status) : QString(); !killed.isEmpty())
        setHint(killed);
    else if (!m_connected)
        setHint(tr("Connect to a broker to start consumers."));
    else if (m_topic.isEmpty())
        setHint(tr("Select a topic: consumers subscribe to it."));
    else if (!waiting.isEmpty()) // what the running ones wait for, before what happened last
        setHint(waiting);
    else if (const QString story = storyText(status ? status->groupId : QString()); !story.isEmpty())
        setHint(story);
    else if (m_model->consumerCount() == 0)
        setHint(tr("Start a group on '%1'. Two or more consumers share its partitions.").arg(m_topic));
    else if (const auto all = m_manager->statuses(); // nothing left to kill
             std::none_of(all.begin(), all.end(), [](const ConsumerStatus &s) { return s.isActive(); }))
        setHint(tr("No consumer runs: restart one (Ctrl+Shift+R) or start a group on '%1'.").arg(m_topic));
    else if (status && !active) // Kill is disabled for it: say what works for the selected one
        setHint(tr("%1 no longer runs: Restart (Ctrl+Shift+R) resumes it at the group's committed offset.")
                    .arg(status->consumerId));
    else
        setHint(tr("Kill one (Ctrl+Shift+K): after its session timeout, others take its partitions and "
                   "uncommitted records."));
}

} // namespace tidemark
