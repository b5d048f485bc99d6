#pragma once

// The application window: a connection switcher in the toolbar, the panels in docks around
// a central area that belongs to the partition timeline, menus with shortcuts, the status
// bar, and QSettings for window state, the last connection and Kafka profiles (no secrets).
//
// Threads: GUI thread. The window never calls a Backend itself: it opens backends through
// the injected opener on worker threads (BackendConnector), hands panels an AsyncBackend,
// and hands the ConsumerManager the Backend for its runner threads.
//
// The central area is the partition timeline (ui/timeline/TimelineView), wired to the
// connection, the selected topic, the consumer manager and the inspector; the throughput
// and lag charts sit in a dock ("chartsDock"). For embedders and tests:
//   timeline() / charts()            the two views
//   setCentralView(view)             replaces the central view (the caller keeps ownership)
//   asyncBackend() / connectionChanged(AsyncBackend*)   the current connection (null: none)
//   selectedTopic() / selectedTopicChanged(QString)
//   consumerManager()                statuses() and statusChanged(ConsumerStatus)
//   selectRecord(topic, partition, offset)   shows a record in the table and inspector
//   logEvent(entry)                  adds a line to the events pane
//   serveSwitch()                    the "Serve Kafka clients" listener switch (action
//                                    "serveKafka", status bar label "serveStatus"); the
//                                    address is QSettings "kafkaServer/listen" (default
//                                    127.0.0.1:9092), another than loopback also needs
//                                    "kafkaServer/allowRemote" = true (no authentication)

#include "core/BackendConnector.h"
#include "core/Clock.h"
#include "core/ConnectionLifecycle.h"
#include "core/ConnectionProfile.h"
#include "core/ConsumerRunner.h"
#include "core/EventLog.h"
#include "core/ProfileStore.h"
#include "core/SavedFilters.h"
#include "core/SecretStore.h"
#include "core/ServeSwitch.h"
#include "ui/Language.h"
#include "ui/Theme.h"

#include <QMainWindow>
#include <QPointer>
#include <QRect>
#include <QTimer>

#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QToolBar;

namespace tidemark {

class AsyncBackend;
class ConnectionBar;
class ConnectionNotice;
class ConsumerManager;
class ConsumersPanel;
class EventsPane;
class LessonStrip;
class MessageInspector;
class MessagesPanel;
class ProducerPanel;
class ThroughputCharts;
class TimelineView;
class TopicBrowser;

struct MainWindowOptions {
    BackendOpener opener;                            // main.cpp binds openBackend(); tests inject a fake or a temp dir
    Clock clock = systemClock();                     // every timestamp the UI shows or stamps
    quint64 seed = 0;                                // order generator seed; 0: taken from the clock
    QString settingsFile;                            // empty: the platform's settings for Tidemark; tests pass an .ini
    std::optional<ConnectionSpec> initialConnection; // else the last one, else the default data directory
    bool connectOnStart = true;
    std::optional<ConsumerOptions> consumerOptions; // defaults for consumers started in the UI
    std::function<qint64()> animationClock;         // the timeline's monotonic ms clock; empty: the real one
    // What the About box and diagnostics say about versions; main.cpp passes the run-time
    // versions (backends/RuntimeVersions.h). Empty: core's versionBanner() (build time).
    QString versionBanner;
    QString language = QStringLiteral("en"); // the UI language installed before the window (Translations)
    // Serves the built-in broker's directory to Kafka clients (Broker > Serve Kafka Clients);
    // main.cpp binds kafkaServeStarter(). Empty: the switch, its menu and button are absent.
    ServeStarter serveStarter;
    // The system keychain for profiles that remember their password (main.cpp: QtKeychain);
    // null: passwords are kept for the session only.
    std::shared_ptr<SecretStore> secretStore;
    // The screen's available geometry (main.cpp: QScreen::availableGeometry()): a first launch
    // opens at 1280x800, or at what the screen has where that does not fit. Empty: 1280x800.
    QRect screen;
};

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(MainWindowOptions options, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setCentralView(QWidget *view);
    AsyncBackend *asyncBackend() const { return m_async; }
    QString selectedTopic() const { return m_selectedTopic; }
    ConsumerManager *consumerManager() const { return m_consumers; }
    ServeSwitch *serveSwitch() const { return m_serve; }

    // Connected: the broker answered (ConnectionLifecycle), and the panels have its backend.
    bool isConnected() const { return m_async != nullptr && m_lifecycle->state() == ConnectionState::Connected; }
    bool isConnecting() const;
    std::optional<ConnectionSpec> currentConnection() const { return m_connection; }
    QString connectionStatusText() const;
    // The connection's state machine, which the connection bar, the status bar, the events
    // pane, the title and the failure banner (connectionNotice()) observe.
    ConnectionLifecycle *connectionLifecycle() const { return m_lifecycle; }
    ConnectionNotice *connectionNotice() const { return m_notice; }
    QString diagnostics() const;
    QSettings &settings() const { return *m_settings; }

    TopicBrowser *topicBrowser() const { return m_topics; }
    MessagesPanel *messagesPanel() const { return m_messages; }
    MessageInspector *inspector() const { return m_inspector; }
    ProducerPanel *producerPanel() const { return m_producer; }
    ConsumersPanel *consumersPanel() const { return m_consumersPanel; }
    EventsPane *eventsPane() const { return m_events; }
    ConnectionBar *connectionBar() const { return m_connectionBar; }
    // The first lesson's "next step" line under the toolbar (ui/LessonStrip.h).
    LessonStrip *lessonStrip() const { return m_lessonStrip; }
    TimelineView *timeline() const { return m_timeline; }
    ThroughputCharts *charts() const { return m_charts; }
    QDockWidget *dock(const QString &objectName) const;
    // The menu a right click on a message row opens for `record` ("messageContextMenu"):
    // Copy as JSON Line ("copyJsonLineAction", the line `tidemark-cli produce --format json`
    // reads back), Produce Again ("produceAgainAction"), Show on Timeline
    // ("showOnTimelineAction") and Reset Group to Here (a submenu "resetGroupMenu" with one
    // action per group the timeline knows, named "resetGroup:<group>"). The caller owns it.
    QMenu *messageContextMenu(const Record &record);

public slots:
    // Connects to `spec`. If consumers are running (they stop with the current backend),
    // asks first (a window-modal box, "switchConnectionBox"); keeping the current
    // connection puts the switcher back.
    void connectTo(const tidemark::ConnectionSpec &spec);
    void disconnectBackend();
    void reconnect();
    void selectTopic(const QString &topic);
    void selectRecord(const QString &topic, int partition, qint64 offset);
    void logEvent(const tidemark::LogEntry &entry);
    void openDataFolder();
    void manageProfiles();
    void showAbout();
    void showShortcuts();
    void copyDiagnostics();
    void setTheme(tidemark::ThemeChoice choice);
    // Stores the choice (QSettings "view/language"); if it means another language than the
    // one in use, offers to restart now (restartRequested) or later.
    void setLanguage(tidemark::LanguageChoice choice);
    void resetLayout();

signals:
    void connectionChanged(tidemark::AsyncBackend *backend);
    void selectedTopicChanged(const QString &topic);
    // The user asked to restart now for a new language; main.cpp closes the window and
    // starts the app again.
    void restartRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildDocks();
    void buildTimeline();
    void buildActions();
    void buildMenus();
    void applyDefaultLayout();
    void applyDefaultSizes();
    // The Charts dock holds its charts' whole height while shown (or `whole`), else none.
    void fitChartsMinimum(bool whole = false);
    // How wide the Consumers dock must be for its list to show every column whole but the
    // Consumed one (hidden where narrow): "partition 0" under a member, the states, the numbers,
    // and room for a scroll bar (a third member). 0 until the dock has been laid out.
    int consumersColumnsWidth() const;
    // The least width of the right dock column (compact layout) at which the Consumers list's
    // columns and its tab row are whole; 0 before the first show.
    int dockColumnWidth() const;
    // Splits the right dock column (`width` wide) between the producer and the consumers.
    void fitDockColumn(int width);
    // The same for the column as it is, if it is the default layout's.
    void refitDockColumn();
    // The producer's form grew: its dock grows instead of scrolling, down to the consumers' rows.
    void keepProducerWhole();
    bool isDefaultDockColumn() const;
    // The height the right dock column has: the window less its menu, toolbars and status bar.
    int dockColumnHeight() const;
    void saveState();
    void restoreSavedState();
    void startConnecting(const ConnectionSpec &spec);
    void onOpened(const ConnectionSpec &spec, std::shared_ptr<Backend> backend, const ClusterInfo &info);
    void onConnectionStateChanged(ConnectionState state, ConnectionState previous);
    void onOpenFailed(const ConnectionSpec &spec, const Error &error);
    // `to`: the connection the app tried instead (for the consumers' events); empty: none.
    void dropConnection(const QString &to = {});
    void onTopicSelected(const QString &topic);
    void onTopicsChanged();
    void setBackendForPanels(AsyncBackend *async);
    void retire(AsyncBackend *async);
    void setConnectionStatus(const QString &text, int tone);
    // A passing message in the status bar, cut with "…" before the permanent widgets.
    void showStatusMessage(const QString &message, int timeoutMs);
    void buildServeSwitch(QToolBar *toolbar);
    void toggleServing(bool on);
    void onServeStateChanged(ServeSwitch::State state);
    void onServeEvent(const ServeEvent &event);
    void updateServeSwitch(); // enabled only on the built-in broker; stops when the app leaves its directory
    // The serve switch shows its text only if the connection row has room for it (at 1024 px
    // the Russian one has not): otherwise its icon alone, so New Topic and Refresh stay in the
    // row instead of going behind "»" with it. Its tooltip says what it does either way.
    void fitConnectionToolbar();
    void updateServeStatus();
    // The status bar's "orders: 5,000 records", from the broker state like every panel.
    void updateRecordCount();
    void updateTitle();
    QString versionBanner() const;
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                       const QString &icon = {});

    MainWindowOptions m_options;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SavedFilters> m_savedFilters; // named filters per topic, for the Messages panel
    SessionSecrets m_secrets;
    // Connects to `spec` after filling in a remembered password from the keychain (if the
    // profile remembers one and none is known this session); a keychain error is logged and
    // the connection goes ahead without it.
    void connectWithSecrets(ConnectionSpec spec);
    void saveSecrets(const std::vector<KafkaProfile> &before, const std::vector<KafkaProfile> &after);
    BackendConnector *m_connector;
    ConnectionLifecycle *m_lifecycle;
    ConsumerManager *m_consumers;
    AsyncBackend *m_async = nullptr;
    std::optional<ConnectionSpec> m_connection; // connected (or being connected) to this
    QString m_selectedTopic;
    std::optional<std::tuple<QString, int, qint64>> m_pendingRecord;
    ThemeChoice m_theme = ThemeChoice::System;
    bool m_shown = false;
    // A first launch on a screen smaller than 1280x800: the window fills it, its frame
    // included once shown (the frame's size is known then).
    bool m_fillScreen = false;
    bool m_restoredState = false;
    // The default layout is chosen for a width class (compact below 1200 px, wide from
    // 1500 px); a window resized across a class gets the default layout of its new class
    // again, unless the user arranged the docks themselves (moved, floated). Both are saved
    // with the window's state: a default layout restored after a restart still reflows, the
    // user's own arrangement stays theirs.
    int m_layoutClass = -1;
    bool m_applyingLayout = false;
    bool m_userArranged = false;
    bool m_refitQueued = false;         // refitDockColumn() is queued
    bool m_producerCheckQueued = false; // keepProducerWhole() is queued

    ConnectionBar *m_connectionBar;
    ConnectionNotice *m_notice;
    QToolBar *m_connectionToolbar = nullptr;
    QToolBar *m_noticeBar = nullptr; // the row under the toolbar that holds m_notice
    LessonStrip *m_lessonStrip = nullptr;
    QToolBar *m_lessonBar = nullptr; // the row that holds m_lessonStrip, while it is wanted
    TopicBrowser *m_topics;
    MessagesPanel *m_messages;
    MessageInspector *m_inspector;
    ProducerPanel *m_producer;
    ConsumersPanel *m_consumersPanel;
    EventsPane *m_events;
    TimelineView *m_timeline = nullptr;
    ThroughputCharts *m_charts = nullptr;
    QSize m_chartsMinimum; // the Charts dock's tabs at least, while shown
    QLabel *m_connectionLabel;
    QLabel *m_recordCountLabel;
    QLabel *m_busyLabel;
    ServeSwitch *m_serve;
    QLabel *m_serveLabel = nullptr; // null without a ServeStarter
    QTimer m_busyTimer;
    std::map<QString, QDockWidget *> m_docks;
    std::map<QString, QAction *> m_actions;
    QActionGroup *m_themeGroup = nullptr;
    QActionGroup *m_languageGroup = nullptr;
};

} // namespace tidemark
