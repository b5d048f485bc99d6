#include "ui/MainWindow.h"

#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/ConsumerManager.h"
#include "core/JsonLines.h"
#include "core/LagHistory.h"
#include "core/PluralCount.h"
#include "core/UserOnlyFiles.h"
#include "core/Version.h"
#include "ui/ColumnFitter.h"
#include "ui/ConnectionBar.h"
#include "ui/ConnectionNotice.h"
#include "ui/ElidedLabel.h"
#include "ui/LessonStrip.h"
#include "ui/Style.h"
#include "ui/charts/LagHistoryChart.h"
#include "ui/charts/ThroughputCharts.h"
#include "ui/dialogs/KafkaProfilesDialog.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"
#include "ui/panels/TopicBrowser.h"
#include "ui/timeline/TimelineCanvas.h"
#include "ui/timeline/TimelineView.h"

#include <QToolButton>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QSysInfo>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace tidemark {

namespace {

constexpr int kStateVersion = 1;

// Backends name themselves "Local: <directory>" or "Kafka: <servers>" below the UI, in
// English; the window shows the same in the UI language.
QString shownConnectionName(const QString &displayName)
{
    for (const auto &[prefix, format] :
         {std::pair{QLatin1String("Local: "), QT_TRANSLATE_NOOP("tidemark::ConnectionSpec", "Local: %1")},
          std::pair{QLatin1String("Kafka: "), QT_TRANSLATE_NOOP("tidemark::ConnectionSpec", "Kafka: %1")}}) {
        if (displayName.startsWith(prefix))
            return QCoreApplication::translate("tidemark::ConnectionSpec", format).arg(displayName.mid(prefix.size()));
    }
    return displayName;
}

} // namespace

MainWindow::MainWindow(MainWindowOptions options, QWidget *parent)
    : QMainWindow(parent),
      m_options(std::move(options)),
      m_settings(openUserOnlySettings(m_options.settingsFile)),
      m_profiles(std::make_unique<ProfileStore>(*m_settings)),
      m_savedFilters(std::make_unique<SavedFilters>(*m_settings)),
      m_connector(new BackendConnector(m_options.opener, this)),
      m_lifecycle(new ConnectionLifecycle(this)),
      m_consumers(new ConsumerManager(m_options.clock, this)),
      m_connectionBar(new ConnectionBar(this)),
      m_notice(new ConnectionNotice(m_lifecycle, this)),
      m_connectionLabel(new ElidedLabel(this)),
      m_recordCountLabel(new QLabel(this)),
      m_busyLabel(new QLabel(this)),
      m_serve(new ServeSwitch(m_options.serveStarter, this))
{
    if (!m_options.clock)
        m_options.clock = systemClock();
    if (m_options.seed == 0)
        m_options.seed = quint64(m_options.clock());
    if (m_options.consumerOptions)
        m_consumers->setDefaultOptions(*m_options.consumerOptions);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tidemark"));
    setDockNestingEnabled(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

    m_theme = themeFromKey(m_settings->value(QStringLiteral("view/theme")).toString());
    if (m_theme != ThemeChoice::System)
        applyTheme(m_theme);

    buildDocks();
    buildTimeline();
    buildActions();
    buildMenus();

    auto *toolbar = addToolBar(tr("Connection"));
    m_connectionToolbar = toolbar;
    toolbar->setObjectName(QStringLiteral("connectionToolbar"));
    toolbar->setMovable(false);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->addWidget(m_connectionBar);
    toolbar->addSeparator();
    toolbar->addAction(m_actions.at(QStringLiteral("newTopic")));
    toolbar->addAction(m_actions.at(QStringLiteral("refresh")));
    toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    buildServeSwitch(toolbar);
    m_connectionBar->observe(m_lifecycle);

    // A failed connection's banner, in its own row under the toolbar, only while it failed.
    addToolBarBreak();
    m_noticeBar = addToolBar(tr("Connection Problem"));
    m_noticeBar->setObjectName(QStringLiteral("connectionNoticeBar"));
    m_noticeBar->setMovable(false);
    m_noticeBar->setFloatable(false);
    m_noticeBar->toggleViewAction()->setVisible(false);
    m_noticeBar->addWidget(m_notice);
    m_noticeBar->hide();
    connect(m_notice, &ConnectionNotice::wantedChanged, m_noticeBar, &QToolBar::setVisible);
    connect(m_notice, &ConnectionNotice::retryRequested, this, &MainWindow::reconnect);
    connect(m_notice, &ConnectionNotice::builtInBrokerRequested, m_actions.at(QStringLiteral("connectLocal")),
            &QAction::trigger);
    connect(m_lifecycle, &ConnectionLifecycle::stateChanged, this, &MainWindow::onConnectionStateChanged);

    // The first lesson's next step, one line in its own row (ui/LessonStrip.h).
    addToolBarBreak();
    m_lessonBar = addToolBar(tr("Lesson"));
    m_lessonBar->setObjectName(QStringLiteral("lessonBar"));
    m_lessonBar->setMovable(false);
    m_lessonBar->setFloatable(false);
    m_lessonBar->toggleViewAction()->setVisible(false);
    m_lessonBar->addWidget(m_lessonStrip);
    connect(m_lessonStrip, &LessonStrip::wantedChanged, m_lessonBar, &QToolBar::setVisible);
    connect(this, &MainWindow::connectionChanged, m_lessonStrip, &LessonStrip::setBackend);

    // A row shown, hidden or grown under the toolbar (the failure banner and its details, the
    // lesson's line) takes its height from the docks: the right column is split again, so the
    // consumers keep their rows and the producer's form gives the height.
    m_noticeBar->installEventFilter(this);
    m_lessonBar->installEventFilter(this);
    m_producer->installEventFilter(this);

    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_busyLabel->setObjectName(QStringLiteral("busyIndicator"));
    m_recordCountLabel->setObjectName(QStringLiteral("recordCountStatus"));
    // One line each: a long state ("Unreachable · Nothing is listening on ...", whole in the
    // banner) is cut with "…" before the record count, never drawn into it (ElidedLabel).
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_recordCountLabel);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->setSizeGripEnabled(false);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            statusBar()->setToolTip(QString());
    });
    m_busyTimer.setSingleShot(true);
    m_busyTimer.setInterval(600);
    connect(&m_busyTimer, &QTimer::timeout, this, [this] {
        if (m_async && m_async->pending() > 0)
            m_busyLabel->setText(tr("Waiting for the broker…"));
    });

    m_connectionBar->setProfiles(m_profiles->profiles());
    connect(m_connectionBar, &ConnectionBar::connectRequested, this, &MainWindow::connectWithSecrets);
    connect(m_connectionBar, &ConnectionBar::openFolderRequested, this, &MainWindow::openDataFolder);
    connect(m_connectionBar, &ConnectionBar::manageProfilesRequested, this, &MainWindow::manageProfiles);
    connect(m_connector, &BackendConnector::opened, this, &MainWindow::onOpened);
    connect(m_connector, &BackendConnector::openFailed, this, &MainWindow::onOpenFailed);
    connect(m_consumers, &ConsumerManager::eventLogged, m_events, &EventsPane::addEntry);

    // Docks the user moves or floats are theirs: no default layout replaces them on resize.
    for (auto &[name, dock] : m_docks) {
        const auto arranged = [this] {
            if (!m_applyingLayout && m_shown)
                m_userArranged = true;
        };
        connect(dock, &QDockWidget::dockLocationChanged, this, arranged);
        connect(dock, &QDockWidget::topLevelChanged, this, arranged);
    }
    // A first launch opens at 1280x800, or fills the screen where that does not fit (on a
    // 1024x700 screen it ran off the right and bottom edges); a saved geometry replaces it.
    const QSize firstSize(1280, 800);
    if (m_options.screen.isEmpty() ||
        (m_options.screen.width() >= firstSize.width() && m_options.screen.height() >= firstSize.height())) {
        resize(firstSize);
    } else {
        resize(firstSize.boundedTo(m_options.screen.size()));
        move(m_options.screen.topLeft());
        m_fillScreen = true;
    }
    applyDefaultLayout();
    restoreSavedState();
    m_noticeBar->hide(); // whatever the saved state says: nothing has failed yet
    // The lesson's row follows the lesson's own rule, not the saved state.
    m_lessonBar->setVisible(m_lessonStrip->isWanted());
    setBackendForPanels(nullptr);
    setConnectionStatus(tr("Not connected"), int(style::Tone::Muted));

    std::optional<ConnectionSpec> first = m_options.initialConnection;
    if (!first)
        first = m_profiles->lastConnection();
    if (!first)
        first = ConnectionSpec{};
    if (first->kind == ConnectionSpec::Kind::Kafka)
        first->kafka = m_secrets.apply(first->kafka);
    m_connectionBar->setCurrent(*first);
    if (m_options.connectOnStart)
        connectWithSecrets(*first);
}

void MainWindow::connectWithSecrets(ConnectionSpec spec)
{
    if (spec.kind != ConnectionSpec::Kind::Kafka) {
        connectTo(spec);
        return;
    }
    spec.kafka = m_secrets.apply(spec.kafka);
    if (!m_options.secretStore || !spec.kafka.rememberPassword || !spec.kafka.password.isEmpty() ||
        !spec.kafka.keyPassword.isEmpty()) {
        connectTo(spec);
        return;
    }
    QPointer<MainWindow> self(this);
    m_options.secretStore->load(spec.kafka.name, [self, spec](Result<std::optional<ProfileSecret>> loaded) mutable {
        if (!self)
            return;
        if (!loaded) {
            self->logEvent(LogEntry{0, LogEntry::Kind::Error, tr("connection"), loaded.error().message});
        } else if (loaded.value()) {
            spec.kafka.password = loaded.value()->password;
            spec.kafka.keyPassword = loaded.value()->keyPassword;
            self->m_secrets.remember(spec.kafka); // once per session
        }
        self->connectTo(spec);
    });
}

void MainWindow::saveSecrets(const std::vector<KafkaProfile> &before, const std::vector<KafkaProfile> &after)
{
    if (!m_options.secretStore)
        return;
    QPointer<MainWindow> self(this);
    const auto report = [self](Status s) {
        if (self && !s)
            self->logEvent(LogEntry{0, LogEntry::Kind::Error, tr("connection"), s.error().message});
    };
    for (const KafkaProfile &p : after) {
        if (p.rememberPassword && (!p.password.isEmpty() || !p.keyPassword.isEmpty()))
            m_options.secretStore->save(p.name, ProfileSecret{p.password, p.keyPassword}, report);
        else if (!p.rememberPassword)
            m_options.secretStore->remove(p.name, report);
    }
    // A profile deleted (or renamed) takes its keychain entry with it.
    for (const KafkaProfile &old : before) {
        const bool kept =
            std::any_of(after.begin(), after.end(), [&](const KafkaProfile &p) { return p.name == old.name; });
        if (!kept && old.rememberPassword)
            m_options.secretStore->remove(old.name, report);
    }
}

MainWindow::~MainWindow()
{
    // The docks hide as the window goes: nothing of this window may answer them by then.
    for (auto &[name, dock] : m_docks)
        disconnect(dock, nullptr, this, nullptr);
    // Tear down in dependency order, so no Backend is destroyed on this thread while another
    // thread still uses it: consumers first, then bulk jobs, then in-flight calls, then the
    // backends themselves (released on the connector's worker threads).
    m_timeline->setBackend(nullptr);
    m_charts->setBackend(nullptr);
    findChild<LagHistoryChart *>(QStringLiteral("lagHistory"))->setConnection(nullptr, {}, {});
    if (centralWidget() != m_timeline)
        delete m_timeline; // taken out by setCentralView: still ours
    // The lesson strip reads the consumers (its refresh on a palette change while the widgets
    // are torn down read a deleted manager: std::bad_alloc after a theme switch): it goes
    // before them, with its row.
    delete m_lessonBar;
    m_lessonBar = nullptr;
    m_lessonStrip = nullptr;
    delete m_consumers;
    m_consumers = nullptr;
    delete m_producer;
    m_producer = nullptr;
    if (m_async) {
        AsyncBackend *async = m_async;
        m_async = nullptr;
        auto backend = async->backend();
        delete async;
        m_connector->release(std::move(backend));
    }
    for (AsyncBackend *old : findChildren<AsyncBackend *>(QString(), Qt::FindDirectChildrenOnly)) {
        auto backend = old->backend();
        delete old;
        m_connector->release(std::move(backend));
    }
    delete m_connector;
}

void MainWindow::buildDocks()
{
    m_topics = new TopicBrowser(this);
    m_messages = new MessagesPanel(m_options.clock, this);
    m_messages->setSavedFilters(m_savedFilters.get());
    m_inspector = new MessageInspector(this);
    m_events = new EventsPane(m_options.clock, this);
    m_producer = new ProducerPanel(m_options.clock, m_options.seed, this);
    m_consumersPanel = new ConsumersPanel(m_consumers, this);
    m_lessonStrip = new LessonStrip(*m_settings, m_consumers, m_topics, m_producer, this);
    const struct {
        const char *name;
        QString title;
        QWidget *widget;
    } docks[] = {
        {"topicsDock", tr("Topics"), m_topics},          {"messagesDock", tr("Messages"), m_messages},
        {"inspectorDock", tr("Inspector"), m_inspector}, {"eventsDock", tr("Events"), m_events},
        {"producerDock", tr("Producer"), m_producer},    {"consumersDock", tr("Consumers"), m_consumersPanel},
    };
    for (const auto &d : docks) {
        auto *dock = new QDockWidget(d.title, this);
        dock->setObjectName(QLatin1String(d.name));
        dock->setWidget(d.widget);
        dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                          QDockWidget::DockWidgetFloatable);
        m_docks[QLatin1String(d.name)] = dock;
    }

    connect(m_topics, &TopicBrowser::topicSelected, this, &MainWindow::onTopicSelected);
    connect(m_topics, &TopicBrowser::topicsChanged, this, &MainWindow::onTopicsChanged);
    connect(m_topics, &TopicBrowser::logged, m_events, &EventsPane::addEntry);
    connect(m_producer, &ProducerPanel::logged, m_events, &EventsPane::addEntry);
    connect(m_messages, &MessagesPanel::currentRecordChanged, m_inspector, &MessageInspector::showRecord);
    // A row the user clicks (or activates with Enter) is shown in the inspector, which comes
    // to the front if it is tabbed behind the events or closed; rows selected by the program
    // (live tail, the timeline) leave the docks as they are.
    const auto bringInspector = [this] {
        QDockWidget *dock = m_docks.at(QStringLiteral("inspectorDock"));
        dock->show();
        dock->raise();
    };
    connect(m_messages->view(), &QAbstractItemView::clicked, this, bringInspector);
    connect(m_messages->view(), &QAbstractItemView::activated, this, bringInspector);
    m_messages->view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_messages->view(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QTableView *view = m_messages->view();
        const QModelIndex index = view->indexAt(pos);
        if (!index.isValid())
            return;
        view->setCurrentIndex(index);
        const std::optional<Record> record = m_messages->currentRecord();
        if (!record)
            return; // its page is still loading
        QMenu *menu = messageContextMenu(*record);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(view->viewport()->mapToGlobal(pos));
    });
    connect(m_messages, &MessagesPanel::replayed, this,
            [this](const QString &target, qint64 records, const QString &error) {
                const QString text = tr("produced %1 records again to %2", nullptr, pluralCount(records))
                                         .arg(QLocale().toString(records), target);
                logEvent(LogEntry{0, error.isEmpty() ? LogEntry::Kind::Info : LogEntry::Kind::Error, target,
                                  error.isEmpty() ? text : tr("%1; %2").arg(text, error)});
                if (records > 0)
                    m_producer->clearSendResult(); // its last Send is no longer the newest
            });
    connect(m_inspector, &MessageInspector::produceAgainRequested, this, [this](const Record &record) {
        m_producer->loadRecord(record);
        m_docks.at(QStringLiteral("producerDock"))->show();
        m_docks.at(QStringLiteral("producerDock"))->raise();
    });
}

void MainWindow::buildTimeline()
{
    // The centre: every partition of the selected topic as a lane of records, with the
    // in-app consumers' positions and every group's committed offset.
    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(QStringLiteral("timelineArea"));
    if (m_options.animationClock)
        m_timeline->setClock(m_options.animationClock);
    // Who owned which partition when: stamped with the app's clock (a test's manual one).
    m_timeline->model()->setHistoryClock(m_options.clock);
    setCentralWidget(m_timeline);
    connect(this, &MainWindow::selectedTopicChanged, m_timeline, &TimelineView::setTopic);
    connect(m_consumers, &ConsumerManager::statusChanged, m_timeline, &TimelineView::updateConsumer);
    connect(m_consumers, &ConsumerManager::statusChanged, this, [this](const ConsumerStatus &s) {
        if (m_async && !s.groupId.isEmpty()) // the app's own commits show everywhere at once
            BrokerState::of(m_async)->noteCommitted(s.groupId, s.committed);
    });
    connect(m_consumers, &ConsumerManager::consumerRemoved, m_timeline, &TimelineView::removeConsumer);
    connect(m_timeline, &TimelineView::recordActivated, this,
            [this](const TopicPartition &tp, qint64 offset) { selectRecord(tp.topic, tp.partition, offset); });
    connect(m_timeline, &TimelineView::statusMessage, this,
            [this](const QString &message) { showStatusMessage(message, 5000); });
    // Keys and filters, linked both ways: the Messages filter's matches are highlighted on the
    // lanes; a key chosen on the timeline or in the inspector becomes the Messages filter; a
    // key cell selected in the table is highlighted; Esc on the timeline drops the filter it set.
    connect(m_messages, &MessagesPanel::filterApplied, m_timeline, &TimelineView::highlightFilter);
    connect(m_messages, &MessagesPanel::keySelected, m_timeline, &TimelineView::highlightKey);
    connect(m_timeline, &TimelineView::keyHighlightChosen, m_messages, &MessagesPanel::setFilterText);
    connect(m_inspector, &MessageInspector::highlightKeyRequested, m_timeline, &TimelineView::chooseKey);
    connect(m_timeline, &TimelineView::highlightCleared, this, [this](const QString &filterText) {
        if (!filterText.isEmpty() && m_messages->filterText().trimmed() == filterText)
            m_messages->setFilterText(QString());
    });
    connect(m_timeline, &TimelineView::stopGroupRequested, m_consumers, &ConsumerManager::stopGroup);
    // A reset the broker accepted reaches the consumers (Events, the Consumers dock's story, the
    // replay's count) through the connection's BrokerState; a refused one is told here.
    connect(m_timeline, &TimelineView::offsetResetFinished, this,
            [this](const QString &group, const TopicPartition &tp, qint64, const QString &error) {
                if (!error.isEmpty())
                    logEvent(LogEntry{0, LogEntry::Kind::Error, group,
                                      tr("offset reset of %1 refused: %2").arg(tp.toString(), error)});
            });

    // Throughput and lag over the last minutes, in a dock behind the events pane.
    // Beside them, the lag history kept on disk per connection (core/LagHistory.h).
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("chartsTabs"));
    tabs->setDocumentMode(true);
    m_charts = new ThroughputCharts(tabs);
    auto *lagChart = new LagHistoryChart(tabs);
    tabs->addTab(m_charts, tr("Live"));
    tabs->addTab(lagChart, tr("Lag history"));
    // The dock keeps the live charts' minimum size and its tab bar (the window's layout does
    // not move for the history's controls); without the bar, the charts' bottom was cut.
    // Only while the charts are shown: behind the Events tab they do not hold the bottom docks
    // at their height, which a row above may need (the failure banner with its details takes
    // its room from the docks and the timeline; the window keeps its size).
    m_chartsMinimum = m_charts->minimumSizeHint() + QSize(0, tabs->tabBar()->sizeHint().height());
    tabs->setMinimumSize(m_chartsMinimum);
    connect(lagChart, &LagHistoryChart::statusMessage, this,
            [this](const QString &message) { showStatusMessage(message, 8000); });
    connect(lagChart, &LagHistoryChart::historyProblem, this, [this](const QString &message) {
        logEvent(LogEntry{0, LogEntry::Kind::Error, tr("lag history"), message});
    });
    auto *dock = new QDockWidget(tr("Charts"), this);
    dock->setObjectName(QStringLiteral("chartsDock"));
    dock->setWidget(tabs);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    m_docks[QStringLiteral("chartsDock")] = dock;
    connect(dock, &QDockWidget::visibilityChanged, this, [this](bool) {
        if (!m_applyingLayout)
            fitChartsMinimum();
    });
}

QMenu *MainWindow::messageContextMenu(const Record &record)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("messageContextMenu"));
    QAction *copy = menu->addAction(style::icon(QStringLiteral(":/icons/copy.svg")), tr("Copy as JSON Line"));
    copy->setObjectName(QStringLiteral("copyJsonLineAction"));
    copy->setToolTip(tr("The record as one line of JSON, as tidemark-cli consume prints it and produce reads it"));
    connect(copy, &QAction::triggered, this,
            [record] { QGuiApplication::clipboard()->setText(QString::fromUtf8(recordToJsonLine(record))); });
    QAction *again = menu->addAction(style::icon(QStringLiteral(":/icons/send.svg")), tr("Produce Again"));
    again->setObjectName(QStringLiteral("produceAgainAction"));
    connect(again, &QAction::triggered, this, [this, record] { emit m_inspector->produceAgainRequested(record); });
    QAction *show = menu->addAction(tr("Show on Timeline"));
    show->setObjectName(QStringLiteral("showOnTimelineAction"));
    show->setEnabled(record.topic == m_timeline->topic());
    connect(show, &QAction::triggered, this,
            [this, record] { m_timeline->showOffset(record.partition, record.offset); });
    QMenu *reset = menu->addMenu(tr("Reset Group to Here"));
    reset->setObjectName(QStringLiteral("resetGroupMenu"));
    const QStringList groups = record.topic == m_timeline->topic() ? m_timeline->groupIds() : QStringList();
    for (const QString &group : groups) {
        //: A group in the "Reset Group to Here" menu: it will read this record next
        QAction *a = reset->addAction(tr("%1: read from offset %2 on").arg(group, QLocale().toString(record.offset)));
        a->setObjectName(QStringLiteral("resetGroup:") + group);
        connect(a, &QAction::triggered, this,
                [this, group, record] { m_timeline->proposeReset(group, record.partition, record.offset); });
    }
    reset->setEnabled(!groups.isEmpty());
    if (groups.isEmpty())
        reset->setToolTip(tr("No consumer group reads this topic yet"));
    return menu;
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    const auto it = m_docks.find(objectName);
    return it == m_docks.end() ? nullptr : it->second;
}

QAction *MainWindow::addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                               const QString &icon)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    if (!icon.isEmpty())
        action->setIcon(style::icon(icon));
    QMainWindow::addAction(action); // shortcuts work even when the menu bar is hidden
    m_actions[name] = action;
    return action;
}

void MainWindow::buildActions()
{
    connect(addAction(QStringLiteral("connectLocal"), tr("Connect to &Built-in Broker"),
                      QKeySequence(tr("Ctrl+Shift+B")), QStringLiteral(":/icons/database.svg")),
            &QAction::triggered, this, [this] {
                ConnectionSpec spec;
                const QStringList recent = m_profiles->recentDataDirectories();
                if (m_connection && m_connection->kind == ConnectionSpec::Kind::Local)
                    spec.dataDirectory = m_connection->dataDirectory;
                else if (!recent.isEmpty())
                    spec.dataDirectory = recent.front();
                connectTo(spec);
            });
    connect(addAction(QStringLiteral("openDataFolder"), tr("&Open Data Folder…"), QKeySequence::Open,
                      QStringLiteral(":/icons/folder.svg")),
            &QAction::triggered, this, &MainWindow::openDataFolder);
    connect(addAction(QStringLiteral("showDataFolder"), tr("&Show Data Folder in File Manager"), {}),
            &QAction::triggered, this, [this] {
                const QString dir = m_connection && m_connection->kind == ConnectionSpec::Kind::Local &&
                                            !m_connection->dataDirectory.isEmpty()
                                        ? m_connection->dataDirectory
                                        : defaultDataDirectory();
                QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
            });
    connect(addAction(QStringLiteral("kafkaProfiles"), tr("&Kafka Profiles…"), QKeySequence(tr("Ctrl+Shift+P")),
                      QStringLiteral(":/icons/server.svg")),
            &QAction::triggered, this, &MainWindow::manageProfiles);
    connect(addAction(QStringLiteral("reconnect"), tr("&Reconnect"), QKeySequence(tr("Ctrl+F5"))), &QAction::triggered,
            this, &MainWindow::reconnect);
    connect(addAction(QStringLiteral("disconnect"), tr("&Disconnect"), {}), &QAction::triggered, this,
            &MainWindow::disconnectBackend);
    connect(addAction(QStringLiteral("importJsonLines"), tr("&Import JSON Lines…"), QKeySequence(tr("Ctrl+I")),
                      QStringLiteral(":/icons/import.svg")),
            &QAction::triggered, m_producer, &ProducerPanel::chooseImportFile);
    connect(addAction(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit), &QAction::triggered, this,
            &QWidget::close);

    connect(addAction(QStringLiteral("copyValue"), tr("&Copy Record Value"), QKeySequence(tr("Ctrl+Shift+C")),
                      QStringLiteral(":/icons/copy.svg")),
            &QAction::triggered, m_inspector, &MessageInspector::copyValue);
    connect(addAction(QStringLiteral("copyKey"), tr("Copy Record &Key"), {}), &QAction::triggered, m_inspector,
            &MessageInspector::copyKey);
    connect(addAction(QStringLiteral("produceAgain"), tr("Produce &Again"), QKeySequence(tr("Ctrl+Shift+A"))),
            &QAction::triggered, this, [this] {
                if (auto record = m_inspector->record())
                    emit m_inspector->produceAgainRequested(*record);
            });
    connect(addAction(QStringLiteral("find"), tr("&Find in Messages"), QKeySequence::Find), &QAction::triggered, this,
            [this] {
                m_docks.at(QStringLiteral("messagesDock"))->show();
                m_docks.at(QStringLiteral("messagesDock"))->raise();
                m_messages->focusFilter();
            });
    connect(addAction(QStringLiteral("copyDiagnostics"), tr("Copy &Diagnostics"), {}), &QAction::triggered, this,
            &MainWindow::copyDiagnostics);

    QAction *tail = addAction(QStringLiteral("liveTail"), tr("&Live Tail"), QKeySequence(tr("Ctrl+L")));
    tail->setCheckable(true);
    connect(tail, &QAction::toggled, m_messages, &MessagesPanel::setLiveTail);
    connect(m_messages, &MessagesPanel::liveTailChanged, tail, &QAction::setChecked);
    connect(addAction(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence::Refresh,
                      QStringLiteral(":/icons/refresh.svg")),
            &QAction::triggered, this, [this] {
                if (m_async)
                    BrokerState::of(m_async)->refresh(); // every view shows what it brings
            });
    connect(addAction(QStringLiteral("resetLayout"), tr("Reset &Layout"), {}), &QAction::triggered, this,
            &MainWindow::resetLayout);
    m_themeGroup = new QActionGroup(this);
    const std::pair<ThemeChoice, QString> themes[] = {
        {ThemeChoice::System, tr("&System")}, {ThemeChoice::Light, tr("&Light")}, {ThemeChoice::Dark, tr("&Dark")}};
    for (const auto &[choice, text] : themes) {
        QAction *a = addAction(QStringLiteral("theme_") + themeKey(choice), text, {});
        a->setCheckable(true);
        a->setChecked(choice == m_theme);
        m_themeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, c = choice] { setTheme(c); });
    }
    // Each language in its own name, so it can be found whatever the current one is.
    m_languageGroup = new QActionGroup(this);
    const LanguageChoice storedLanguage = languageSetting(*m_settings);
    const std::pair<LanguageChoice, QString> languages[] = {{LanguageChoice::System, tr("&System Language")},
                                                            {LanguageChoice::English, QStringLiteral("English")},
                                                            {LanguageChoice::Russian, QStringLiteral("Русский")}};
    for (const auto &[choice, text] : languages) {
        QAction *a = addAction(QStringLiteral("language_") + languageKey(choice), text, {});
        a->setCheckable(true);
        a->setChecked(choice == storedLanguage);
        m_languageGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, c = choice] { setLanguage(c); });
    }

    connect(
        addAction(QStringLiteral("newTopic"), tr("&New Topic…"), QKeySequence::New, QStringLiteral(":/icons/add.svg")),
        &QAction::triggered, m_topics, &TopicBrowser::showCreateDialog);
    connect(addAction(QStringLiteral("deleteTopic"), tr("&Delete Topic…"), QKeySequence(Qt::SHIFT | Qt::Key_Delete),
                      QStringLiteral(":/icons/delete.svg")),
            &QAction::triggered, m_topics, &TopicBrowser::confirmDeleteSelected);
    connect(addAction(QStringLiteral("send"), tr("&Send Record"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                      QStringLiteral(":/icons/send.svg")),
            &QAction::triggered, m_producer, &ProducerPanel::send);
    connect(addAction(QStringLiteral("generate"), tr("&Generate Orders"), QKeySequence(tr("Ctrl+G")),
                      QStringLiteral(":/icons/generate.svg")),
            &QAction::triggered, m_producer, &ProducerPanel::startGenerate);
    connect(addAction(QStringLiteral("startConsumers"), tr("Start &Consumers"), QKeySequence(tr("Ctrl+Shift+N")),
                      QStringLiteral(":/icons/play.svg")),
            &QAction::triggered, m_consumersPanel, &ConsumersPanel::startConsumers);
    connect(addAction(QStringLiteral("stopConsumer"), tr("S&top Consumer"), QKeySequence(tr("Ctrl+Shift+S")),
                      QStringLiteral(":/icons/stop.svg")),
            &QAction::triggered, m_consumersPanel, &ConsumersPanel::stopSelected);
    connect(addAction(QStringLiteral("killConsumer"), tr("&Kill Consumer"), QKeySequence(tr("Ctrl+Shift+K")),
                      QStringLiteral(":/icons/kill.svg")),
            &QAction::triggered, m_consumersPanel, &ConsumersPanel::killSelected);
    connect(addAction(QStringLiteral("restartConsumer"), tr("&Restart Consumer"), QKeySequence(tr("Ctrl+Shift+R")),
                      QStringLiteral(":/icons/restart.svg")),
            &QAction::triggered, m_consumersPanel, &ConsumersPanel::restartSelected);

    connect(addAction(QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts"), QKeySequence::HelpContents),
            &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(addAction(QStringLiteral("showLesson"), tr("Show the &Lesson"), {}), &QAction::triggered, m_lessonStrip,
            &LessonStrip::showAgain);
    connect(addAction(QStringLiteral("about"), tr("&About Tidemark"), {}), &QAction::triggered, this,
            &MainWindow::showAbout);
    connect(addAction(QStringLiteral("aboutQt"), tr("About &Qt"), {}), &QAction::triggered, qApp,
            &QApplication::aboutQt);

    const std::pair<const char *, const char *> dockKeys[] = {
        {"topicsDock", "Ctrl+1"},   {"messagesDock", "Ctrl+2"},  {"inspectorDock", "Ctrl+3"}, {"eventsDock", "Ctrl+4"},
        {"producerDock", "Ctrl+5"}, {"consumersDock", "Ctrl+6"}, {"chartsDock", "Ctrl+7"},
    };
    // Like the docks' own toggle actions, except that a dock behind another's tab (the
    // compact layout puts Topics behind Messages) is brought to the front, not closed.
    for (const auto &[name, key] : dockKeys) {
        QDockWidget *dock = m_docks.at(QLatin1String(name));
        auto *toggle = new QAction(dock->windowTitle(), this);
        toggle->setCheckable(true);
        toggle->setChecked(dock->toggleViewAction()->isChecked());
        toggle->setShortcut(QKeySequence(QLatin1String(key)));
        toggle->setObjectName(QStringLiteral("show_") + QLatin1String(name));
        connect(dock->toggleViewAction(), &QAction::toggled, toggle, &QAction::setChecked);
        connect(toggle, &QAction::triggered, this, [this, dock, toggle] {
            if (dock->isHidden()) {
                dock->show();
                dock->raise();
            } else if (!dock->isFloating() && dock->visibleRegion().isEmpty() && !tabifiedDockWidgets(dock).isEmpty()) {
                dock->raise();
            } else {
                dock->close();
            }
            toggle->setChecked(!dock->isHidden());
        });
        QMainWindow::addAction(toggle);
        m_actions[toggle->objectName()] = toggle;
    }
}

void MainWindow::buildMenus()
{
    auto a = [this](const char *name) { return m_actions.at(QLatin1String(name)); };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(a("connectLocal"));
    file->addAction(a("openDataFolder"));
    file->addAction(a("showDataFolder"));
    file->addAction(a("kafkaProfiles"));
    file->addSeparator();
    file->addAction(a("reconnect"));
    file->addAction(a("disconnect"));
    file->addSeparator();
    file->addAction(a("importJsonLines"));
    file->addSeparator();
    file->addAction(a("quit"));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(a("copyValue"));
    edit->addAction(a("copyKey"));
    edit->addAction(a("produceAgain"));
    QAction *replay = edit->addAction(tr("Produce &Records Again…"));
    replay->setObjectName(QStringLiteral("replayRecords"));
    replay->setToolTip(
        tr("Produce every record the Messages panel shows (its filter and range) again, with a preview"));
    connect(replay, &QAction::triggered, this, [this] { m_messages->openReplayDialog(); });
    edit->addSeparator();
    edit->addAction(a("find"));
    QMenu *saved = edit->addMenu(tr("&Saved Filters"));
    saved->setObjectName(QStringLiteral("savedFiltersMenu"));
    connect(saved, &QMenu::aboutToShow, this, [this, saved] {
        saved->clear();
        for (QMenu *sub : saved->findChildren<QMenu *>(QString(), Qt::FindDirectChildrenOnly))
            sub->deleteLater(); // clear() leaves submenus behind
        m_messages->fillSavedFiltersMenu(saved);
    });
    edit->addSeparator();
    edit->addAction(a("copyDiagnostics"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    for (const char *name : {"show_topicsDock", "show_messagesDock", "show_inspectorDock", "show_eventsDock",
                             "show_producerDock", "show_consumersDock", "show_chartsDock"})
        view->addAction(a(name));
    view->addSeparator();
    view->addAction(a("liveTail"));
    view->addAction(a("refresh"));
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    theme->addActions(m_themeGroup->actions());
    QMenu *language = view->addMenu(tr("L&anguage"));
    language->setObjectName(QStringLiteral("languageMenu"));
    language->addActions(m_languageGroup->actions());
    view->addAction(a("resetLayout"));

    QMenu *topic = menuBar()->addMenu(tr("&Topic"));
    topic->setObjectName(QStringLiteral("topicMenu"));
    topic->addAction(a("newTopic"));
    topic->addAction(a("deleteTopic"));
    topic->addSeparator();
    topic->addAction(a("send"));
    topic->addAction(a("generate"));
    topic->addAction(a("importJsonLines"));
    topic->addSeparator();
    topic->addAction(a("startConsumers"));
    topic->addAction(a("stopConsumer"));
    topic->addAction(a("killConsumer"));
    topic->addAction(a("restartConsumer"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(a("shortcuts"));
    help->addAction(a("copyDiagnostics"));
    help->addAction(a("showLesson"));
    help->addSeparator();
    help->addAction(a("about"));
    help->addAction(a("aboutQt"));

    m_topics->view()->addAction(a("newTopic"));
    m_topics->view()->addAction(a("deleteTopic"));
}

namespace {
// Narrower windows get the compact default layout (applyDefaultLayout()).
constexpr int kCompactWidth = 1200;
// From this width the Events dock gets a column of its own beside the inspector.
constexpr int kWideWidth = 1500;

int layoutClassOf(int width) { return width < kCompactWidth ? 0 : width < kWideWidth ? 1 : 2; }
// The rows the Consumers dock shows whole by default: a group of two on three partitions.
constexpr int kConsumerRows = 5;
} // namespace

void MainWindow::applyDefaultLayout()
{
    const QScopedValueRollback applying(m_applyingLayout, true);
    // The layout is made with the charts' whole height (as the default sizes always were);
    // once it is laid out, hidden charts stop holding the bottom docks' height.
    fitChartsMinimum(true);
    QTimer::singleShot(0, this, [this] {
        layout()->activate();
        fitChartsMinimum();
    });
    m_layoutClass = m_shown ? layoutClassOf(width()) : -1;
    m_userArranged = false;
    for (auto &[name, dock] : m_docks) {
        removeDockWidget(dock);
        dock->setFloating(false);
    }
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget *topics = m_docks.at(QStringLiteral("topicsDock"));
    QDockWidget *messages = m_docks.at(QStringLiteral("messagesDock"));
    QDockWidget *inspector = m_docks.at(QStringLiteral("inspectorDock"));
    QDockWidget *events = m_docks.at(QStringLiteral("eventsDock"));
    QDockWidget *producer = m_docks.at(QStringLiteral("producerDock"));
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    QDockWidget *charts = m_docks.at(QStringLiteral("chartsDock"));
    // Below 1200 px (a 1024x700 screen) the topic list shares the messages' place: a column
    // of its own would take the width the timeline and the forms need.
    // Before the first show, compact whatever the size: its minimum size is the smallest, so
    // the size the window is given before it shows (1024x700) is not clamped to a wider
    // layout's minimum. The layout for the real width follows at the first show.
    const bool compact = !m_shown || width() < kCompactWidth;
    if (!compact)
        addDockWidget(Qt::LeftDockWidgetArea, topics);
    addDockWidget(Qt::RightDockWidgetArea, producer);
    splitDockWidget(producer, consumers, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, messages);
    splitDockWidget(messages, inspector, Qt::Horizontal);
    if (compact)
        tabifyDockWidget(messages, topics);
    if (width() >= kWideWidth)
        splitDockWidget(inspector, events, Qt::Horizontal);
    else
        tabifyDockWidget(inspector, events);
    tabifyDockWidget(events, charts);
    for (auto &[name, dock] : m_docks)
        dock->show();
    events->raise();
    messages->raise();
    applyDefaultSizes();
}

void MainWindow::fitChartsMinimum(bool whole)
{
    QDockWidget *charts = m_docks.at(QStringLiteral("chartsDock"));
    const bool shown = whole || (!charts->isHidden() && !charts->visibleRegion().isEmpty());
    // 1, not 0: a minimum of 0 means the tab widget's own, the charts' whole height.
    charts->widget()->setMinimumSize(m_chartsMinimum.width(), shown ? m_chartsMinimum.height() : 1);
}

void MainWindow::applyDefaultSizes()
{
    // Sizes only stick once the window has its real size: called again after the first show.
    QDockWidget *topics = m_docks.at(QStringLiteral("topicsDock"));
    QDockWidget *messages = m_docks.at(QStringLiteral("messagesDock"));
    QDockWidget *inspector = m_docks.at(QStringLiteral("inspectorDock"));
    QDockWidget *events = m_docks.at(QStringLiteral("eventsDock"));
    QDockWidget *producer = m_docks.at(QStringLiteral("producerDock"));
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    QDockWidget *charts = m_docks.at(QStringLiteral("chartsDock"));
    // The timeline (the central widget) is the product: it takes whatever the docks leave,
    // and the docks are bounded, so a wider window widens the timeline, not the forms.
    const bool wide = width() >= kWideWidth;
    const int sideMin = std::max(producer->minimumSizeHint().width(), consumers->minimumSizeHint().width());
    // 430 px keeps every column of the Consumers dock while nothing was read again; the
    // compact layout gives up the Consumed column (ConsumersPanel) for the timeline's sake, and
    // takes no more than the other columns need in the language shown (English ~355 px,
    // Russian ~365).
    const bool compact = !tabifiedDockWidgets(topics).isEmpty();
    const int column = dockColumnWidth();
    const int defaultSide = std::max(sideMin, compact ? (column > 0 ? std::min(column, 430) : 380) : 430);
    int side = defaultSide;
    int left = std::max(topics->minimumSizeHint().width(), std::min(width() * 14 / 100, 220));
    if (wide && !compact && m_shown) {
        // From 1500 px the Consumed column stays whole with what was read again, the part that
        // tells a redelivery after a kill ("4,661 (+131)") from a replay after a reset ("4,843
        // (2,844 replayed)", the wider): at 430 px it was hidden at the takeover and the replay.
        // The width comes from the timeline as far as it keeps 55% of the window (the least it
        // ever gets), the rest from the Topics column. (Below 1500 px a count that long still
        // hides the column: the 1280 px layout, which most panels' pictures are taken in, keeps
        // its widths.)
        const QLocale locale;
        const QString readAgain = QCoreApplication::translate("tidemark::ConsumerTreeModel", "%1 (%2 replayed)")
                                      .arg(locale.toString(4843), locale.toString(2844));
        const int consumed =
            consumers->width() - m_consumersPanel->width() + m_consumersPanel->widthForConsumed(readAgain);
        if (consumed > side) {
            const int separator = style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, this);
            const int spare = std::max(0, width() - left - side - 2 * separator - (width() * 55 + 99) / 100);
            left = std::max(topics->minimumSizeHint().width(), left - std::max(0, consumed - side - spare));
            side = consumed;
        }
    }
    if (!compact)
        resizeDocks({topics, producer}, {left, side}, Qt::Horizontal);
    else
        resizeDocks({producer}, {side}, Qt::Horizontal);
    int bottomMin = messages->minimumSizeHint().height();
    for (QDockWidget *d : {inspector, events})
        bottomMin = std::max(bottomMin, d->minimumSizeHint().height());
    bottomMin = std::max(bottomMin, charts->minimumSizeHint().height());
    resizeDocks({messages}, {std::max(bottomMin, std::min(height() * 32 / 100, 300))}, Qt::Vertical);
    fitDockColumn(side);
    const int bottom = width() - side;
    // The inspector gets at least what its widgets and the titles of the tabs beside it
    // need (longer in some languages); the messages table takes the rest.
    int tabs = 0;
    QList<QDockWidget *> inspectorTabs = tabifiedDockWidgets(inspector);
    inspectorTabs << inspector;
    for (QDockWidget *d : std::as_const(inspectorTabs))
        tabs +=
            fontMetrics().horizontalAdvance(d->windowTitle()) + style()->pixelMetric(QStyle::PM_TabBarTabHSpace) + 8;
    const int inspectorMin = std::max(inspector->minimumSizeHint().width(), tabs);
    if (wide && !tabifiedDockWidgets(inspector).contains(events)) {
        // Shares of what the default column leaves: a column widened for the Consumed column
        // takes its width from the events, not from the messages' Timestamp column. (Events
        // always shares a tab with the charts: this branch once asked for no tab at all and
        // was never taken; the messages got a third of the row and lost the Timestamp column.)
        const int shared = width() - defaultSide;
        const int inspectorWidth = std::max(shared * 25 / 100, inspectorMin);
        const int messagesWidth = shared * 40 / 100 - (inspectorWidth - shared * 25 / 100);
        resizeDocks({messages, inspector, events},
                    {messagesWidth, inspectorWidth, bottom - messagesWidth - inspectorWidth}, Qt::Horizontal);
    } else {
        // Narrow: the messages' Value column needs the width more than the inspector, whose
        // buttons fold to icons.
        const int share = bottom < 700 ? 36 : 42;
        const int inspectorWidth = std::max(bottom * share / 100, inspectorMin);
        resizeDocks({messages, inspector}, {bottom - inspectorWidth, inspectorWidth}, Qt::Horizontal);
    }
}

int MainWindow::consumersColumnsWidth() const
{
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    const QTreeView *view = m_consumersPanel->view();
    // The dock's frame and the panel's margins around the list: fixed, read off the layout
    // once it has placed the list (before the first show it has not).
    const QPoint at = view->mapTo(consumers, QPoint(0, 0));
    const int chrome = consumers->width() - view->width();
    if (!m_shown || at.x() < 0 || chrome < 0 || chrome > consumers->width() / 2)
        return 0;
    // The names as ConsumersPanel keeps them whole: "partition 0" under its member, and the
    // members shown now.
    const QString partition = QCoreApplication::translate("tidemark::ConsumerTreeModel", "partition %1").arg(0);
    int need = std::max(ColumnFitter::cellWidth(view, partition) + view->indentation(),
                        static_cast<const QAbstractItemView *>(view)->sizeHintForColumn(ConsumerTreeModel::NameColumn));
    for (int c = 0; c < ConsumerTreeModel::ColumnCount; ++c)
        if (c != ConsumerTreeModel::NameColumn && c != ConsumerTreeModel::ConsumedColumn && !view->isColumnHidden(c))
            need += view->columnWidth(c);
    need += 2 * view->frameWidth() + view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, view);
    return need + chrome;
}

int MainWindow::dockColumnWidth() const
{
    const int columns = consumersColumnsWidth();
    if (columns == 0)
        return 0;
    // The tabs above the list ("In this app (2)", "All groups (1)") and the session timeout
    // beside them, whole (Russian needs more than the columns do).
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    const QTabWidget *tabs = m_consumersPanel->tabs();
    const QWidget *corner = tabs->cornerWidget(Qt::TopRightCorner);
    // A title without its count yet ("All groups" until a topic is watched) gets room for one.
    int counts = 0;
    for (int i = 0; i < tabs->count(); ++i)
        if (!tabs->tabText(i).endsWith(QLatin1Char(')')))
            counts += tabs->tabBar()->fontMetrics().horizontalAdvance(QStringLiteral(" (0)"));
    const int tabRow = consumers->width() - tabs->width() + tabs->tabBar()->sizeHint().width() + counts +
                       (corner && corner->isVisibleTo(tabs) ? corner->sizeHint().width() : 0);
    return std::max(columns, tabRow);
}

void MainWindow::fitDockColumn(int width)
{
    // The consumers' list shows a group of two on three partitions whole (five rows: the
    // lesson is read there). The producer's form gets what it needs and two more item rows,
    // in the share of the window's height the column has, where that leaves the consumers
    // their rows (from about 800 px, and at 700 px without the lesson's line or a banner);
    // below that, the form scrolls (ProducerPanel) and the producer gets what the consumers
    // leave. The consumers' list (which grows with the group) takes what is left over.
    QDockWidget *producer = m_docks.at(QStringLiteral("producerDock"));
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    const int separator = style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, this);
    const int column = dockColumnHeight() - separator;
    const int consumersHeight = consumers->minimumSizeHint().height() - m_consumersPanel->minimumSizeHint().height() +
                                m_consumersPanel->heightForRows(kConsumerRows, width);
    const int producerChrome = producer->minimumSizeHint().height() - m_producer->minimumSizeHint().height();
    const int producerHeight = std::max(
        producer->minimumSizeHint().height(),
        std::min(std::max(producerChrome + m_producer->unscrolledHeight(),
                          (producerChrome + m_producer->unscrolledHeight() + 44) * column / std::max(1, height())),
                 column - consumersHeight));
    resizeDocks({producer, consumers}, {producerHeight, column - producerHeight}, Qt::Vertical);
}

int MainWindow::dockColumnHeight() const
{
    // The window less its menu, the rows of toolbars above and the status bar, from their
    // size hints (a row just shown or hidden is not laid out yet).
    int top = 0;
    if (menuBar()->isVisibleTo(this))
        top += menuBar()->sizeHint().height();
    for (QToolBar *bar : findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly))
        if (bar->isVisibleTo(this) && toolBarArea(bar) == Qt::TopToolBarArea)
            top += bar->sizeHint().height();
    const int bottom = statusBar()->isVisibleTo(this) ? statusBar()->sizeHint().height() : 0;
    return height() - top - bottom;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shown)
        return;
    m_shown = true;
    if (m_fillScreen) {
        // The frame (title bar, borders) inside the screen too.
        const QRect frame = frameGeometry();
        const QMargins margins(geometry().left() - frame.left(), geometry().top() - frame.top(),
                               frame.right() - geometry().right(), frame.bottom() - geometry().bottom());
        resize(size().boundedTo(m_options.screen.marginsRemoved(margins).size()));
        move(m_options.screen.topLeft());
    }
    // Now that the width is known: the default layout for it, also when the one restored was
    // the default of another width (the window comes back smaller than it was saved).
    QTimer::singleShot(0, this, [this] {
        if (!m_restoredState || (!m_userArranged && layoutClassOf(width()) != m_layoutClass))
            applyDefaultLayout();
    });
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    fitConnectionToolbar();
    if (!m_shown || m_userArranged || m_layoutClass < 0 || layoutClassOf(width()) == m_layoutClass)
        return;
    m_layoutClass = layoutClassOf(width()); // once per crossing, however many resizes follow
    QTimer::singleShot(0, this, [this] {
        if (!m_userArranged)
            applyDefaultLayout();
    });
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The producer's form grew (a send's result on two lines): it gets the height from the
    // consumers' spare rows rather than scroll, as before its pages could scroll. (The
    // Consumers' hint under the list never asks for more: it keeps to the two lines that
    // ConsumersPanel::heightForRows() always counts.)
    if (watched == m_producer && event->type() == QEvent::LayoutRequest && !m_producerCheckQueued) {
        m_producerCheckQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_producerCheckQueued = false;
            keepProducerWhole();
        });
    }
    const bool row = watched == m_noticeBar || watched == m_lessonBar;
    if (row && (event->type() == QEvent::Show || event->type() == QEvent::Hide ||
                (event->type() == QEvent::Resize && static_cast<QResizeEvent *>(event)->oldSize().height() !=
                                                        static_cast<QResizeEvent *>(event)->size().height()))) {
        if (!m_refitQueued) {
            m_refitQueued = true;
            QTimer::singleShot(0, this, [this] {
                m_refitQueued = false;
                refitDockColumn();
            });
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::isDefaultDockColumn() const
{
    QDockWidget *producer = m_docks.at(QStringLiteral("producerDock"));
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    // Only the default layout's column: the user's own arrangement stays theirs.
    return m_shown && !m_userArranged && !m_applyingLayout && !producer->isHidden() && !consumers->isHidden() &&
           !producer->isFloating() && !consumers->isFloating() && dockWidgetArea(producer) == Qt::RightDockWidgetArea &&
           dockWidgetArea(consumers) == Qt::RightDockWidgetArea && producer->x() == consumers->x();
}

void MainWindow::refitDockColumn()
{
    if (isDefaultDockColumn())
        fitDockColumn(m_docks.at(QStringLiteral("producerDock"))->width());
}

void MainWindow::keepProducerWhole()
{
    if (!isDefaultDockColumn())
        return;
    // The docks' geometry as the sizes last set make it (a default layout just applied is
    // laid out at the next event otherwise).
    layout()->activate();
    QDockWidget *producer = m_docks.at(QStringLiteral("producerDock"));
    QDockWidget *consumers = m_docks.at(QStringLiteral("consumersDock"));
    const int wanted = producer->height() - m_producer->height() + m_producer->unscrolledHeight();
    if (producer->height() >= wanted)
        return;
    const int column = producer->height() + consumers->height();
    const int consumersHeight = consumers->height() - m_consumersPanel->height() +
                                m_consumersPanel->heightForRows(kConsumerRows, m_consumersPanel->width());
    const int producerHeight = std::min(wanted, column - consumersHeight);
    if (producerHeight > producer->height())
        resizeDocks({producer, consumers}, {producerHeight, column - producerHeight}, Qt::Vertical);
}

void MainWindow::resetLayout()
{
    m_restoredState = false;
    applyDefaultLayout();
    m_settings->remove(QStringLiteral("window/state"));
}

void MainWindow::saveState()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), QMainWindow::saveState(kStateVersion));
    // Whether that state is the user's own arrangement or the default layout of a width class
    // (then a restarted window still reflows when resized across classes).
    m_settings->setValue(QStringLiteral("window/userArranged"), m_userArranged);
    m_settings->setValue(QStringLiteral("window/layoutClass"), m_layoutClass);
    m_settings->setValue(QStringLiteral("window/layoutLanguage"), m_options.language);
}

void MainWindow::restoreSavedState()
{
    const QByteArray geometry = m_settings->value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty() && restoreGeometry(geometry))
        m_fillScreen = false; // the size the user left it at
    const QByteArray state = m_settings->value(QStringLiteral("window/state")).toByteArray();
    if (state.isEmpty() || !(m_restoredState = restoreState(state, kStateVersion)))
        return;
    m_userArranged = m_settings->value(QStringLiteral("window/userArranged"), false).toBool();
    m_layoutClass = m_settings->value(QStringLiteral("window/layoutClass"), layoutClassOf(width())).toInt();
    // A default layout fits its language's words (the bottom docks' tabs: "Инспектор" is wider
    // than "Inspector"): one saved in another language, before a language switch's restart,
    // gives way to this language's default at the first show. The user's own stays.
    if (!m_userArranged &&
        m_settings->value(QStringLiteral("window/layoutLanguage"), m_options.language).toString() != m_options.language)
        m_restoredState = false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    m_producer->cancelJob();
    m_serve->stop(); // on its worker thread; the destructor waits for it
    QMainWindow::closeEvent(event);
}

void MainWindow::setCentralView(QWidget *view)
{
    QWidget *old = takeCentralWidget();
    setCentralWidget(view);
    if (old)
        old->setParent(nullptr); // owners keep their views (the timeline is deleted with the window)
}

bool MainWindow::isConnecting() const { return m_connector->isOpening(); }

void MainWindow::connectTo(const ConnectionSpec &spec)
{
    const int running = m_consumers->activeCount();
    if (running == 0 || !m_async) {
        startConnecting(spec);
        return;
    }
    // The consumers run on the current backend and stop with it: never silently.
    const QString from = m_connection ? m_connection->describe() : QString();
    // While it asks, the switcher shows the broker in use: its state ("Connected") is that one's,
    // never the new choice's.
    if (m_connection)
        m_connectionBar->setCurrent(*m_connection);
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Switch Connection"),
                        tr("%1 consumers are running on %2. They stop if you switch.", nullptr, pluralCount(running))
                            .arg(QLocale().toString(running), from),
                        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("switchConnectionBox"));
    // One consumer is "it" (en "Stop It and Connect"): the sentence and the button take plural forms.
    box->setInformativeText(tr("Connecting to %1 stops them cleanly: they commit what they processed and leave "
                               "their groups. Start them again on the new connection if you need them.",
                               nullptr, pluralCount(running))
                                .arg(spec.describe()));
    QPushButton *go =
        box->addButton(tr("&Stop Them and Connect", nullptr, pluralCount(running)), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("switchConnectionButton"));
    QPushButton *keep = box->addButton(tr("&Keep the Current Connection"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepConnectionButton"));
    box->setDefaultButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::buttonClicked, this, [this, go, spec](QAbstractButton *clicked) {
        if (clicked == go) {
            startConnecting(spec);
        } else if (m_connection) {
            m_connectionBar->setCurrent(*m_connection); // the switcher shows what is in use again
            logEvent(LogEntry{0, LogEntry::Kind::Info, tr("connection"),
                              tr("stayed on %1: consumers are running").arg(m_connection->describe())});
        }
    });
    box->open();
}

void MainWindow::startConnecting(const ConnectionSpec &spec)
{
    m_connection = spec;
    m_connectionBar->setCurrent(spec);
    m_lifecycle->begin(spec);
    m_connector->open(spec);
}

void MainWindow::reconnect()
{
    if (m_connection)
        connectTo(*m_connection);
}

// Every panel lets go of the current connection, which is retired (its calls finish elsewhere).
void MainWindow::dropConnection(const QString &to)
{
    if (!m_async)
        return;
    AsyncBackend *old = m_async;
    m_async = nullptr;
    // Its consumers stop with it, each saying why in the events (where the app went, if anywhere).
    const QString from = shownConnectionName(old->displayName());
    m_consumers->setBackend(nullptr, to.isEmpty() || to == from ? tr("the app disconnected from %1").arg(from)
                                                                : tr("the app left %1 for %2").arg(from, to));
    m_consumers->setBrokerState(nullptr);
    setBackendForPanels(nullptr);
    retire(old);
    emit connectionChanged(nullptr);
}

void MainWindow::disconnectBackend()
{
    m_connector->cancel(); // a connection still on its way must not arrive after this
    dropConnection();
    m_lifecycle->disconnect();
}

void MainWindow::onOpened(const ConnectionSpec &spec, std::shared_ptr<Backend> backend, const ClusterInfo &info)
{
    AsyncBackend *old = m_async;
    m_async = new AsyncBackend(backend, this);
    connect(m_async, &AsyncBackend::pendingChanged, this, [this](int pending) {
        // Only work that takes a while is worth a word; quick calls would just flicker.
        if (pending == 0) {
            m_busyTimer.stop();
            m_busyLabel->clear();
        } else if (!m_busyTimer.isActive() && m_busyLabel->text().isEmpty()) {
            m_busyTimer.start();
        }
    });
    connect(BrokerState::of(m_async), &BrokerState::topicsChanged, this, &MainWindow::updateRecordCount);
    m_consumers->setBackend(
        backend, old ? tr("the app left %1 for %2")
                           .arg(shownConnectionName(old->displayName()), shownConnectionName(backend->displayName()))
                     : QString());
    m_consumers->setBrokerState(BrokerState::of(m_async)); // the consumers' lag, from the one picture
    setBackendForPanels(m_async);
    // The connection's lag history, kept beside the settings (core/LagHistory.h).
    findChild<LagHistoryChart *>(QStringLiteral("lagHistory"))
        ->setConnection(m_async, lagHistoryPath(LagHistoryChart::historyDirectory(m_options.settingsFile), spec),
                        m_options.clock);
    if (old)
        retire(old);
    m_connection = spec;
    m_profiles->setLastConnection(spec);
    if (spec.kind == ConnectionSpec::Kind::Local)
        m_profiles->addRecentDataDirectory(spec.dataDirectory);
    // The connector only reports a backend whose broker answered: now it is Connected.
    m_lifecycle->succeeded(m_lifecycle->attempt(), shownConnectionName(backend->displayName()), info);
    emit connectionChanged(m_async);
}

void MainWindow::onOpenFailed(const ConnectionSpec &spec, const Error &error)
{
    dropConnection(spec.describe());
    m_lifecycle->failed(m_lifecycle->attempt(), error);
}

// Every view of the connection follows the state machine: the status bar, the events pane,
// the title, the serve switch (the connection bar and the banner observe it themselves).
void MainWindow::onConnectionStateChanged(ConnectionState state, ConnectionState previous)
{
    const QString name = m_lifecycle->spec() ? m_lifecycle->spec()->describe() : QString();
    switch (state) {
    case ConnectionState::Connecting:
        setConnectionStatus(tr("Connecting to %1…").arg(name), int(style::Tone::Warning));
        break;
    case ConnectionState::Connected: {
        const QString where = m_lifecycle->where();
        const ClusterInfo info = m_lifecycle->clusterInfo();
        const QString status =
            info.kind == QLatin1String("kafka")
                ? tr("Connected · %1 · cluster %2, brokers: %3").arg(where, info.clusterId).arg(info.brokers.size())
                : tr("Connected · %1").arg(where);
        setConnectionStatus(status, int(style::Tone::Good));
        logEvent(LogEntry{0, LogEntry::Kind::Connection, tr("connection"), tr("connected to %1").arg(where)});
        break;
    }
    case ConnectionState::Unreachable: {
        const QString headline = m_lifecycle->failure() ? m_lifecycle->failure()->headline : QString();
        setConnectionStatus(tr("Unreachable · %1").arg(headline), int(style::Tone::Bad));
        logEvent(LogEntry{0, LogEntry::Kind::Error, tr("connection"), headline});
        break;
    }
    case ConnectionState::Disconnected:
        setConnectionStatus(tr("Not connected"), int(style::Tone::Muted));
        if (previous == ConnectionState::Connecting)
            logEvent(LogEntry{0, LogEntry::Kind::Connection, tr("connection"), tr("connecting cancelled")});
        else if (previous == ConnectionState::Connected)
            logEvent(LogEntry{0, LogEntry::Kind::Connection, tr("connection"), tr("disconnected")});
        break;
    }
    updateTitle();
    updateServeSwitch();
}

void MainWindow::retire(AsyncBackend *async)
{
    // Calls still running finish first; their results are dropped (receivers check the
    // generation or the backend); queued ones never start. The Backend is released off the
    // GUI thread.
    disconnect(async, nullptr, this, nullptr);
    disconnect(BrokerState::of(async), nullptr, this, nullptr);
    async->cancelQueued();
    auto finish = [this, async] {
        auto backend = async->backend();
        delete async;
        m_connector->release(std::move(backend));
    };
    if (async->pending() == 0) {
        finish();
        return;
    }
    connect(async, &AsyncBackend::pendingChanged, this, [this, finish](int pending) {
        if (pending == 0)
            QTimer::singleShot(0, this, [finish] { finish(); });
    });
}

void MainWindow::setBackendForPanels(AsyncBackend *async)
{
    if (!async)
        findChild<LagHistoryChart *>(QStringLiteral("lagHistory"))->setConnection(nullptr, {}, {});
    m_topics->setBackend(async);
    m_messages->setBackend(async);
    m_producer->setBackend(async);
    m_consumersPanel->setConnected(async != nullptr);
    m_consumersPanel->setBackend(async);
    m_timeline->setBackend(async);
    m_charts->setBackend(async);
    updateRecordCount();
    m_inspector->clear();
    for (const char *name :
         {"newTopic", "deleteTopic", "send", "generate", "importJsonLines", "startConsumers", "disconnect", "refresh"})
        m_actions.at(QLatin1String(name))->setEnabled(async != nullptr);
}

void MainWindow::selectTopic(const QString &topic) { m_topics->selectTopic(topic); }

void MainWindow::onTopicSelected(const QString &topic)
{
    m_selectedTopic = topic;
    const auto info = m_topics->topicInfo(topic);
    const int partitions = info ? info->partitionCount : 0;
    m_messages->setTopic(topic, partitions);
    m_producer->setTopic(topic, partitions);
    m_consumersPanel->setTopic(topic);
    if (!m_inspector->record() || m_inspector->record()->topic != topic)
        m_inspector->clear();
    if (m_pendingRecord && std::get<0>(*m_pendingRecord) == topic) {
        m_messages->selectRecord(std::get<1>(*m_pendingRecord), std::get<2>(*m_pendingRecord));
        m_pendingRecord.reset();
    }
    updateTitle();
    updateRecordCount();
    emit selectedTopicChanged(topic);
}

void MainWindow::updateRecordCount()
{
    const qint64 records =
        m_async && !m_selectedTopic.isEmpty() ? BrokerState::of(m_async)->recordCount(m_selectedTopic) : -1;
    m_recordCountLabel->setText(
        records < 0
            ? QString()
            : tr("%1: %2 records", nullptr, pluralCount(records)).arg(m_selectedTopic, QLocale().toString(records)));
}

void MainWindow::onTopicsChanged()
{
    if (m_selectedTopic.isEmpty())
        return;
    if (const auto info = m_topics->topicInfo(m_selectedTopic)) {
        m_messages->setTopic(m_selectedTopic, info->partitionCount);
        if (m_producer->topic() == m_selectedTopic)
            m_producer->setTopic(m_selectedTopic, info->partitionCount);
    }
}

void MainWindow::selectRecord(const QString &topic, int partition, qint64 offset)
{
    m_docks.at(QStringLiteral("messagesDock"))->show();
    m_docks.at(QStringLiteral("inspectorDock"))->show();
    m_docks.at(QStringLiteral("inspectorDock"))->raise();
    if (topic == m_selectedTopic) {
        m_messages->selectRecord(partition, offset);
        return;
    }
    m_pendingRecord = std::make_tuple(topic, partition, offset);
    selectTopic(topic);
}

void MainWindow::logEvent(const LogEntry &entry) { m_events->addEntry(entry); }

void MainWindow::openDataFolder()
{
    auto *dialog = new QFileDialog(this, tr("Data Folder of the Built-in Broker"));
    dialog->setObjectName(QStringLiteral("dataFolderDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly, true);
    dialog->setDirectory(m_connection && m_connection->kind == ConnectionSpec::Kind::Local &&
                                 !m_connection->dataDirectory.isEmpty()
                             ? m_connection->dataDirectory
                             : defaultDataDirectory());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) {
        ConnectionSpec spec;
        spec.kind = ConnectionSpec::Kind::Local;
        spec.dataDirectory = dir;
        connectTo(spec);
    });
    dialog->open();
}

void MainWindow::manageProfiles()
{
    std::vector<KafkaProfile> profiles;
    for (const KafkaProfile &p : m_profiles->profiles())
        profiles.push_back(m_secrets.apply(p));
    auto *dialog = new KafkaProfilesDialog(profiles, m_connector, m_options.secretStore != nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, before = m_profiles->profiles()] {
        const auto edited = dialog->profiles();
        for (const KafkaProfile &p : edited)
            m_secrets.remember(p);
        saveSecrets(before, edited);
        m_profiles->saveProfiles(edited); // without secrets
        m_connectionBar->setProfiles(m_profiles->profiles());
        if (m_connection)
            m_connectionBar->setCurrent(*m_connection);
        logEvent(
            LogEntry{0, LogEntry::Kind::Info, tr("connection"), tr("Kafka profiles saved: %1").arg(edited.size())});
    });
    dialog->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setWindowTitle(tr("About Tidemark"));
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/tidemark.svg")).pixmap(64, 64));
    box->setText(QStringLiteral("<b>%1</b>").arg(versionBanner().toHtmlEscaped()));
    box->setInformativeText(tr("Produce, consume and see message-broker topics: a built-in file-log broker that "
                               "needs no server, or Apache Kafka.\n\nHelp → Copy Diagnostics puts versions, platform "
                               "and connection on the clipboard for bug reports."));
    box->setStandardButtons(QMessageBox::Close);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setWindowTitle(tr("Keyboard Shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(dialog);
    auto *tree = new QTreeWidget(dialog);
    tree->setObjectName(QStringLiteral("shortcutList"));
    tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    tree->setRootIsDecorated(false);
    // Every menu the menu bar shows, in its order, submenus included (the Broker menu is the
    // window's child, not the bar's). An action in two menus (Import JSON Lines in File and
    // Topic) is listed once.
    QSet<const QAction *> listed;
    std::function<void(const QList<QAction *> &)> list = [&](const QList<QAction *> &actions) {
        for (QAction *action : actions) {
            if (action->menu()) {
                list(action->menu()->actions());
                continue;
            }
            if (action->shortcut().isEmpty() || listed.contains(action))
                continue;
            listed.insert(action);
            auto *item = new QTreeWidgetItem(tree);
            item->setText(0, action->text().remove(QLatin1Char('&')));
            item->setText(1, action->shortcut().toString(QKeySequence::NativeText));
        }
    };
    list(menuBar()->actions());
    // The timeline's own keys (while it has focus), which no menu shows.
    for (const TimelineCanvas::KeyBinding &binding : TimelineCanvas::keyBindings()) {
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, binding.action);
        QStringList keys;
        for (const QKeySequence &key : binding.keys)
            keys << key.toString(QKeySequence::NativeText);
        item->setText(1, keys.join(QStringLiteral(", ")));
    }
    // The Consumers list's own keys (while it has focus): Delete, Ctrl+Delete.
    for (const QAction *action : m_consumersPanel->view()->actions()) {
        if (action->shortcut().isEmpty())
            continue;
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, tr("Consumers list: %1").arg(action->text()));
        item->setText(1, action->shortcut().toString(QKeySequence::NativeText));
    }
    tree->header()->setStretchLastSection(false); // the names take the room, not the keys
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(tree);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // Wide enough for the longest action name (longer in some languages).
    int names = tree->header()->sectionSizeHint(0), keys = tree->header()->sectionSizeHint(1);
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        names = std::max(names, tree->fontMetrics().horizontalAdvance(tree->topLevelItem(i)->text(0)) + 8);
        keys = std::max(keys, tree->fontMetrics().horizontalAdvance(tree->topLevelItem(i)->text(1)) + 8);
    }
    const int chrome = 2 * tree->frameWidth() + tree->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                       layout->contentsMargins().left() + layout->contentsMargins().right() + 8;
    dialog->resize(std::max(420, names + keys + chrome), 520);
    dialog->open();
}

QString MainWindow::diagnostics() const
{
    // Deliberately not translated: this text is pasted into bug reports.
    QStringList lines;
    lines << versionBanner();
    lines << QStringLiteral("Qt runtime: %1 (built with %2)")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << QStringLiteral("Platform: %1; %2 %3; %4")
                 .arg(QGuiApplication::platformName(), QSysInfo::prettyProductName(), QSysInfo::kernelVersion(),
                      QSysInfo::currentCpuArchitecture());
    QString connection = QStringLiteral("none");
    if (m_connection) {
        const ConnectionState state = m_lifecycle->state();
        connection = m_connection->describe() + QStringLiteral(" (%1)").arg(state == ConnectionState::Disconnected
                                                                                ? QStringLiteral("not connected")
                                                                                : connectionStateName(state).toLower());
        if (!m_lifecycle->lastError().message.isEmpty())
            connection += QStringLiteral("; last error: ") + m_lifecycle->lastError().message;
    }
    lines << QStringLiteral("Connection: %1").arg(connection);
    const QString dataDir =
        m_connection && m_connection->kind == ConnectionSpec::Kind::Local && !m_connection->dataDirectory.isEmpty()
            ? m_connection->dataDirectory
            : defaultDataDirectory();
    lines << QStringLiteral("Data directory: %1").arg(QDir::toNativeSeparators(dataDir));
    lines << QStringLiteral("Settings: %1").arg(QDir::toNativeSeparators(m_settings->fileName()));
    lines << QStringLiteral("Theme: %1 (%2 palette)")
                 .arg(themeKey(m_theme),
                      style::isDark(QApplication::palette()) ? QStringLiteral("dark") : QStringLiteral("light"));
    if (m_serve->isAvailable())
        lines << QStringLiteral("Kafka listener: %1")
                     .arg(m_serve->isServing() ? QStringLiteral("serving %1, clients: %2")
                                                     .arg(m_serve->address())
                                                     .arg(m_serve->connectedClients())
                                               : QStringLiteral("off"));
    lines << QStringLiteral("Consumers: %1 running").arg(m_consumers ? m_consumers->activeCount() : 0);
    lines << QStringLiteral("Language: %1 (setting: %2, system locale: %3)")
                 .arg(m_options.language, languageKey(languageSetting(*m_settings)), QLocale::system().name());
    return lines.join(QLatin1Char('\n'));
}

void MainWindow::copyDiagnostics()
{
    QGuiApplication::clipboard()->setText(diagnostics());
    showStatusMessage(tr("Diagnostics copied to the clipboard"), 4000);
}

QString MainWindow::versionBanner() const
{
    return m_options.versionBanner.isEmpty() ? tidemark::versionBanner() : m_options.versionBanner;
}

void MainWindow::setLanguage(LanguageChoice choice)
{
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->objectName() == QStringLiteral("language_") + languageKey(choice));
    if (choice == languageSetting(*m_settings))
        return;
    setLanguageSetting(*m_settings, choice);
    m_settings->sync();
    const QString wanted = languageFor(localeFor(choice));
    if (wanted == m_options.language)
        return; // e.g. "System" on a Russian system while Russian is shown
    // Widgets take their texts when they are built, so a new language needs a new start.
    auto *box =
        new QMessageBox(QMessageBox::Information, tr("Language"),
                        tr("The new language takes effect when Tidemark starts again."), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("languageRestartBox"));
    // Say what a restart leaves behind: what lives only in this window is not carried over.
    QStringList drops;
    int running = 0;
    for (const ConsumerStatus &s : m_consumers->statuses())
        running += s.isActive() ? 1 : 0;
    if (running > 0)
        drops << (running == 1 ? tr("the running consumer stops cleanly (it commits what it processed) and is not "
                                    "started again")
                               : tr("%1 running consumers stop cleanly (they commit what they processed) and are not "
                                    "started again")
                                     .arg(running));
    if (m_producer->isJobRunning())
        drops << tr("the producer's running job stops");
    drops << tr("the producer's fields, the message filter and the events list start empty");
    box->setInformativeText(tr("Restart now? %1. Topics, records and committed offsets stay as they are.")
                                .arg(drops.join(QStringLiteral("; "))));
    QPushButton *now = box->addButton(tr("Restart &Now"), QMessageBox::AcceptRole);
    now->setObjectName(QStringLiteral("restartNowButton"));
    QPushButton *later = box->addButton(tr("&Later"), QMessageBox::RejectRole);
    later->setObjectName(QStringLiteral("restartLaterButton"));
    box->setDefaultButton(later);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, now](QAbstractButton *clicked) {
        if (clicked == now)
            QTimer::singleShot(0, this, &MainWindow::restartRequested);
    });
    box->open();
}

void MainWindow::setTheme(ThemeChoice choice)
{
    m_theme = choice;
    applyTheme(choice);
    m_settings->setValue(QStringLiteral("view/theme"), themeKey(choice));
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->objectName() == QStringLiteral("theme_") + themeKey(choice));
}

void MainWindow::showStatusMessage(const QString &message, int timeoutMs)
{
    // QStatusBar draws a message up to 2 px before its first permanent widget and cuts it
    // wherever that falls, mid-letter against the record count. Fitted here instead, a gap
    // before the count, with "…" and the whole message in the bar's tooltip.
    QStatusBar *bar = statusBar();
    int right = bar->width() - 12;
    for (QLabel *permanent : {m_serveLabel, m_recordCountLabel, m_busyLabel})
        if (permanent && permanent->isVisible())
            right = std::min(right, permanent->x());
    const int room = right - 6 - 2 * bar->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const QString shown = bar->fontMetrics().elidedText(message, Qt::ElideRight, std::max(0, room));
    bar->setToolTip(shown == message ? QString() : message);
    bar->showMessage(shown, timeoutMs);
}

QString MainWindow::connectionStatusText() const { return m_connectionLabel->text(); }

void MainWindow::setConnectionStatus(const QString &text, int tone)
{
    m_connectionLabel->setText(QStringLiteral("● ") + text); // its tooltip has it whole where it is cut
    style::setTone(m_connectionLabel, style::Tone(tone));
}

void MainWindow::updateTitle()
{
    QString title = tr("Tidemark");
    if (m_connection && isConnected())
        title += QStringLiteral(" — ") + m_connection->describe();
    setWindowTitle(title);
}

// The "Serve Kafka clients" switch. The listener starts and stops on the ServeSwitch's
// worker thread and runs on its own threads; here only its state and events arrive.
void MainWindow::buildServeSwitch(QToolBar *toolbar)
{
    if (!m_serve->isAvailable())
        return;
    QAction *serve = addAction(QStringLiteral("serveKafka"), QString(), QKeySequence(tr("Ctrl+Shift+L")),
                               QStringLiteral(":/icons/server.svg"));
    serve->setCheckable(true);
    serve->setEnabled(false);
    connect(serve, &QAction::triggered, this, &MainWindow::toggleServing);

    QMenu *broker = new QMenu(tr("&Broker"), this);
    broker->setObjectName(QStringLiteral("brokerMenu"));
    broker->addAction(serve);
    menuBar()->insertMenu(menuBar()->actions().value(3), broker); // after View, before Topic

    auto *button = new QToolButton(toolbar);
    button->setObjectName(QStringLiteral("serveKafkaButton"));
    button->setDefaultAction(serve);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);
    toolbar->insertWidget(toolbar->actions().value(1), button); // right of the connection switcher

    m_serveLabel = new QLabel(this);
    m_serveLabel->setObjectName(QStringLiteral("serveStatus"));
    m_serveLabel->hide();
    statusBar()->insertPermanentWidget(0, m_serveLabel);

    updateServeSwitch();
    connect(m_serve, &ServeSwitch::stateChanged, this, &MainWindow::onServeStateChanged);
    connect(m_serve, &ServeSwitch::clientsChanged, this, &MainWindow::updateServeStatus);
    connect(m_serve, &ServeSwitch::listenerEvent, this, &MainWindow::onServeEvent);
    connect(m_serve, &ServeSwitch::failed, this, [this](const QString &message) {
        logEvent(LogEntry{0, LogEntry::Kind::Error, tr("Kafka listener"),
                          tr("cannot serve Kafka clients: %1").arg(message)});
        showStatusMessage(tr("Cannot serve Kafka clients: %1").arg(message), 10000);
    });
    updateServeStatus();
}

static std::optional<ServeAddress> serveAddressSetting(const QSettings &settings)
{
    auto address = ServeAddress::parse(
        settings.value(QStringLiteral("kafkaServer/listen"), QStringLiteral("127.0.0.1:9092")).toString());
    if (address)
        address->allowNonLoopback = settings.value(QStringLiteral("kafkaServer/allowRemote"), false).toBool();
    return address;
}

void MainWindow::toggleServing(bool on)
{
    if (!on) {
        m_serve->stop();
        return;
    }
    const auto address = serveAddressSetting(*m_settings);
    // The status bar says it in sentences; the Events line goes on after "Kafka listener: ".
    auto refuse = [this](const QString &status, const QString &event) {
        logEvent(LogEntry{0, LogEntry::Kind::Error, tr("Kafka listener"), event});
        showStatusMessage(status, 10000);
        updateServeSwitch(); // unchecks the action again
    };
    if (!address)
        return refuse(tr("Cannot serve Kafka clients: the setting kafkaServer/listen is not HOST:PORT."),
                      tr("cannot serve Kafka clients: the setting kafkaServer/listen is not HOST:PORT"));
    if (!m_async || !m_connection || m_connection->kind != ConnectionSpec::Kind::Local)
        return refuse(tr("Only the built-in broker can serve Kafka clients."),
                      tr("only the built-in broker can serve Kafka clients"));
    if (!address->isLoopback()) {
        if (!address->allowNonLoopback)
            return refuse(tr("Cannot serve Kafka clients on %1: it is not a loopback address and the listener has no "
                             "authentication. Set kafkaServer/allowRemote to true to serve it anyway.")
                              .arg(address->toString()),
                          tr("cannot serve Kafka clients on %1: it is not a loopback address and the listener has no "
                             "authentication; set kafkaServer/allowRemote to true to serve it anyway")
                              .arg(address->toString()));
        logEvent(LogEntry{0, LogEntry::Kind::Error, tr("Kafka listener"),
                          tr("warning: serving %1 without authentication or encryption: anyone who can reach it can "
                             "read, write and delete every topic")
                              .arg(address->toString())});
    }
    m_serve->start(*m_connection, *address);
}

void MainWindow::onServeStateChanged(ServeSwitch::State state)
{
    if (state == ServeSwitch::State::Serving)
        logEvent(LogEntry{0, LogEntry::Kind::Connection, tr("Kafka listener"),
                          tr("serving Kafka clients on %1").arg(m_serve->address())});
    else if (state == ServeSwitch::State::Off)
        logEvent(LogEntry{0, LogEntry::Kind::Connection, tr("Kafka listener"), tr("stopped serving Kafka clients")});
    updateServeSwitch();
    updateServeStatus();
}

void MainWindow::onServeEvent(const ServeEvent &event)
{
    const QString source = tr("Kafka listener");
    switch (event.kind) {
    case ServeEvent::Kind::ClientConnected:
        logEvent(LogEntry{0, LogEntry::Kind::Connection, source, tr("client %1 connected").arg(event.client)});
        break;
    case ServeEvent::Kind::ClientDisconnected:
        logEvent(LogEntry{0, LogEntry::Kind::Connection, source, tr("client %1 disconnected").arg(event.client)});
        break;
    case ServeEvent::Kind::ClientError:
        logEvent(LogEntry{0, LogEntry::Kind::Error, source, tr("client %1: %2").arg(event.client, event.message)});
        break;
    case ServeEvent::Kind::Info:
        // E.g. a topic a client created or deleted: the topic list shows it at once.
        logEvent(LogEntry{0, LogEntry::Kind::Topic, source, tr("client %1: %2").arg(event.client, event.message)});
        if (m_async) // the topic list only, not every watched thing
            BrokerState::of(m_async)->noteTopicsChanged();
        break;
    case ServeEvent::Kind::Started:
    case ServeEvent::Kind::Stopped: break; // the switch's state says it
    }
}

void MainWindow::updateServeSwitch()
{
    if (!m_serve->isAvailable())
        return;
    const bool local = m_async && m_connection && m_connection->kind == ConnectionSpec::Kind::Local;
    // The listener serves the directory the app was connected to when it started: when the
    // app leaves that directory, it stops.
    if (m_serve->state() == ServeSwitch::State::Starting || m_serve->state() == ServeSwitch::State::Serving) {
        if (!local || m_connection->dataDirectory != m_serve->dataDirectory())
            m_serve->stop();
    }
    QAction *serve = m_actions.at(QStringLiteral("serveKafka"));
    const bool on = m_serve->state() == ServeSwitch::State::Starting || m_serve->state() == ServeSwitch::State::Serving;
    serve->setChecked(on);
    serve->setEnabled(on || (local && m_serve->state() == ServeSwitch::State::Off));
    const auto address = serveAddressSetting(*m_settings);
    const QString shown =
        m_serve->isServing() ? m_serve->address() : (address ? address->toString() : QStringLiteral("?"));
    serve->setText(tr("&Serve Kafka Clients on %1").arg(shown));
    serve->setToolTip(local || on ? tr("Let any Kafka client (kcat, Java, librdkafka…) produce and consume on this "
                                       "data directory at %1 (Ctrl+Shift+L)")
                                        .arg(shown)
                                  : tr("Only the built-in broker can serve Kafka clients"));
    fitConnectionToolbar();
}

void MainWindow::fitConnectionToolbar()
{
    auto *serve = findChild<QToolButton *>(QStringLiteral("serveKafkaButton"));
    if (!serve || !m_connectionToolbar)
        return;
    // What the toolbar's own layout adds up (each item's size hint, the spacing between them,
    // its margins and the extension button it would need), with the switch's text shown.
    QStyle *style = m_connectionToolbar->style();
    const int spacing = style->pixelMetric(QStyle::PM_ToolBarItemSpacing, nullptr, m_connectionToolbar);
    int needed = 2 * (style->pixelMetric(QStyle::PM_ToolBarItemMargin, nullptr, m_connectionToolbar) +
                      style->pixelMetric(QStyle::PM_ToolBarFrameWidth, nullptr, m_connectionToolbar)) +
                 style->pixelMetric(QStyle::PM_ToolBarExtensionExtent, nullptr, m_connectionToolbar);
    serve->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *action : m_connectionToolbar->actions())
        if (QWidget *item = m_connectionToolbar->widgetForAction(action); item && action->isVisible())
            needed += item->sizeHint().width() + spacing;
    // The toolbar has its row to itself: the window's width (its own may not be laid out yet).
    if (needed > width())
        serve->setToolButtonStyle(Qt::ToolButtonIconOnly);
}

void MainWindow::updateServeStatus()
{
    if (!m_serveLabel)
        return;
    switch (m_serve->state()) {
    case ServeSwitch::State::Off: m_serveLabel->hide(); return;
    case ServeSwitch::State::Starting:
        m_serveLabel->setText(tr("Kafka listener starting on %1…").arg(m_serve->address()));
        break;
    case ServeSwitch::State::Serving:
        m_serveLabel->setText(
            tr("Kafka clients: %1 · connected: %2").arg(m_serve->address()).arg(m_serve->connectedClients()));
        break;
    case ServeSwitch::State::Stopping: m_serveLabel->setText(tr("Kafka listener stopping…")); break;
    }
    m_serveLabel->show();
}

} // namespace tidemark
