#include "ui/panels/TopicBrowser.h"

#include "core/PluralCount.h"
#include "ui/Style.h"
#include "ui/dialogs/CreateTopicDialog.h"
#include "ui/models/TopicListModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace tidemark {

TopicBrowser::TopicBrowser(QWidget *parent)
    : QWidget(parent),
      m_model(new TopicListModel(this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTreeView(this)),
      m_filter(new QLineEdit(this)),
      m_createButton(new QToolButton(this)),
      m_deleteButton(new QToolButton(this)),
      m_refreshButton(new QToolButton(this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("topicBrowser"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    m_filter->setObjectName(QStringLiteral("topicFilter"));
    m_filter->setPlaceholderText(tr("Filter topics"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    const auto setup = [this](QToolButton *b, const QString &name, const QString &icon, const QString &tip) {
        b->setObjectName(name);
        b->setIcon(style::icon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
    };
    setup(m_createButton, QStringLiteral("createTopicButton"), QStringLiteral(":/icons/add.svg"),
          tr("New topic (Ctrl+N)"));
    setup(m_deleteButton, QStringLiteral("deleteTopicButton"), QStringLiteral(":/icons/delete.svg"),
          tr("Delete the selected topic (Shift+Del)"));
    setup(m_refreshButton, QStringLiteral("refreshTopicsButton"), QStringLiteral(":/icons/refresh.svg"),
          tr("Refresh (F5)"));
    bar->addWidget(m_createButton);
    bar->addWidget(m_deleteButton);
    bar->addWidget(m_refreshButton);
    layout->addLayout(bar);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(TopicListModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("topicView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TopicListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(TopicListModel::PartitionsColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TopicListModel::RecordsColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    m_status->setObjectName(QStringLiteral("topicStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_createButton, &QToolButton::clicked, this, &TopicBrowser::showCreateDialog);
    connect(m_deleteButton, &QToolButton::clicked, this, &TopicBrowser::confirmDeleteSelected);
    connect(m_refreshButton, &QToolButton::clicked, this, &TopicBrowser::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString name = current.isValid() ? current.data(TopicListModel::NameRole).toString() : QString();
                if (name == m_selected)
                    return;
                m_selected = name;
                updateActions();
                emit topicSelected(name);
            });
    // The proxy's reset, not the source's: only then does it map the new rows.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TopicBrowser::applySelection);

    setBackend(nullptr);
}

void TopicBrowser::setBackend(AsyncBackend *backend)
{
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        m_state->unwatch(m_watch);
    }
    m_backend = backend;
    m_state = backend ? BrokerState::of(backend) : nullptr;
    m_watch = 0;
    m_loaded = false;
    m_model->setTopics({});
    m_pendingSelection.clear();
    if (!m_selected.isEmpty()) {
        m_selected.clear();
        emit topicSelected(QString());
    }
    if (m_state) {
        m_status->setText(tr("Loading topics…"));
        connect(m_state, &BrokerState::topicsChanged, this, &TopicBrowser::showTopics);
        m_watch = m_state->watchTopics(2000);
        if (m_state->topicsLoaded())
            showTopics();
    } else {
        m_status->setText(tr("Not connected"));
    }
    updateActions();
}

std::optional<TopicInfo> TopicBrowser::topicInfo(const QString &name) const { return m_model->topic(name); }

void TopicBrowser::refresh()
{
    if (m_state)
        m_state->refresh();
}

void TopicBrowser::showTopics()
{
    if (!m_state)
        return;
    if (!m_state->topicsError().isEmpty()) {
        m_status->setText(tr("Cannot list topics: %1").arg(m_state->topicsError()));
        return;
    }
    if (!m_state->topicsLoaded())
        return;
    const bool first = !m_loaded;
    m_loaded = true;
    m_model->setTopics(m_state->topics());
    qint64 records = 0;
    for (const TopicInfo &t : m_model->topics())
        records += std::max<qint64>(0, t.recordCount);
    m_status->setText(
        m_model->topics().empty()
            ? tr("No topics yet. Create one with + (Ctrl+N).")
            : tr("Topics: %1 · records: %2").arg(m_model->topics().size()).arg(QLocale().toString(records)));
    applySelection();
    if (first && m_selected.isEmpty() && m_pendingSelection.isEmpty() && !m_model->topics().empty())
        selectTopic(m_model->topics().front().name);
    emit topicsChanged();
}

void TopicBrowser::selectTopic(const QString &topic)
{
    const QString name = topic; // `topic` may be m_pendingSelection, which is cleared below
    if (m_model->rowOf(name) < 0) {
        m_pendingSelection = name; // not listed yet (just created): select when it is
        if (m_state)
            m_state->noteTopicsChanged();
        return;
    }
    m_pendingSelection.clear();
    const QModelIndex source = m_model->index(m_model->rowOf(name), 0);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid()) {
        m_filter->clear();
    }
    m_view->setCurrentIndex(m_proxy->mapFromSource(source));
}

void TopicBrowser::applySelection()
{
    if (!m_pendingSelection.isEmpty() && m_model->rowOf(m_pendingSelection) >= 0) {
        selectTopic(m_pendingSelection);
        return;
    }
    if (!m_selected.isEmpty()) {
        const int row = m_model->rowOf(m_selected);
        if (row >= 0) {
            const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
            if (index != m_view->currentIndex())
                m_view->setCurrentIndex(index);
        } else if (m_loaded) {
            m_selected.clear(); // deleted elsewhere
            emit topicSelected(QString());
        }
    }
    updateActions();
}

void TopicBrowser::showCreateDialog()
{
    if (!m_backend)
        return;
    if (m_createDialog && m_createDialog->isVisible()) {
        m_createDialog->raise();
        m_createDialog->activateWindow();
        return;
    }
    auto *dialog = new CreateTopicDialog(m_backend->kind() == QLatin1String("kafka"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_createDialog = dialog;
    connect(dialog, &CreateTopicDialog::submitted, this, &TopicBrowser::createTopic);
    dialog->open();
}

void TopicBrowser::createTopic(const TopicSpec &spec)
{
    if (!m_backend)
        return;
    if (m_createDialog)
        m_createDialog->setBusy(true);
    m_backend->run(
        this, [spec](Backend &b) { return b.createTopic(spec); },
        [this, spec](Status status) {
            if (!status) {
                if (m_createDialog)
                    m_createDialog->showError(status.error().message);
                log(LogEntry::Kind::Error, tr("cannot create topic '%1': %2").arg(spec.name, status.error().message));
                return;
            }
            if (m_createDialog)
                m_createDialog->accept();
            log(LogEntry::Kind::Topic, tr("created topic '%1' (partitions: %2)").arg(spec.name).arg(spec.partitions));
            selectTopic(spec.name);
        });
}

void TopicBrowser::confirmDeleteSelected()
{
    if (!m_backend || m_selected.isEmpty())
        return;
    const QString name = m_selected;
    const auto info = m_model->topic(name);
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Delete Topic"),
                        tr("Delete topic '%1' and its %2 records?", nullptr, pluralCount(info ? info->recordCount : 0))
                            .arg(name, QLocale().toString(info ? info->recordCount : 0)),
                        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteTopic"));
    box->setInformativeText(tr("This cannot be undone. Consumer groups lose their offsets for it."));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, name](QAbstractButton *clicked) {
        if (clicked == remove)
            deleteTopic(name);
    });
    box->open();
}

void TopicBrowser::deleteTopic(const QString &name)
{
    if (!m_backend)
        return;
    m_backend->run(
        this, [name](Backend &b) { return b.deleteTopic(name); },
        [this, name](Status status) {
            if (!status) {
                m_status->setText(tr("Cannot delete '%1': %2").arg(name, status.error().message));
                log(LogEntry::Kind::Error, tr("cannot delete topic '%1': %2").arg(name, status.error().message));
                return;
            }
            log(LogEntry::Kind::Topic, tr("deleted topic '%1'").arg(name));
            if (m_state)
                m_state->noteTopicsChanged();
        });
}

void TopicBrowser::log(LogEntry::Kind kind, const QString &message)
{
    emit logged(LogEntry{0, kind, tr("topics"), message});
}

void TopicBrowser::updateActions()
{
    m_createButton->setEnabled(m_backend != nullptr);
    m_deleteButton->setEnabled(m_backend != nullptr && !m_selected.isEmpty());
    m_refreshButton->setEnabled(m_backend != nullptr);
}

} // namespace tidemark
