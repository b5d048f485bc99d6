#pragma once

// The producer: an order form (user, items with add/remove, computed total) and a raw JSON
// editor with inline validation; the key (a JSON field, default user_id, an explicit key,
// or none); the partitioner with a live preview ("key 00042 -> murmur2 -> partition 2");
// Send; "Generate N orders at R per second" (by default for 8 users, so the keys visibly
// share partitions; or any of 100,000) with progress, pause and cancel; and import of
// a JSON-lines file. The record's headers (name and value rows, repeated names allowed, a null
// value apart from an empty one) are behind "Headers (N)" beside Send, collapsed until opened;
// they go with Send (also of a tombstone) and "produce again" loads them; generated and
// imported records get none from here.
//
// Thread: GUI thread. Single sends go through AsyncBackend; bulk work is a ProducerJob on
// its own thread (core/ProducerJob.h), reporting progress through queued signals.

#include "core/AsyncBackend.h"
#include "core/Clock.h"
#include "core/EventLog.h"
#include "core/Order.h"
#include "core/ProduceLogic.h"
#include "core/ProducerJob.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QToolButton;

namespace tidemark {

class ElidedLabel;
class HeadersEditor;
class JsonHighlighter;

class ProducerPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProducerPanel)

public:
    enum class Editor { Form, Json };

    ProducerPanel(Clock clock, quint64 seed, QWidget *parent = nullptr);
    ~ProducerPanel() override;

    void setBackend(AsyncBackend *backend);
    void setTopic(const QString &topic, int partitionCount);
    QString topic() const { return m_topic; }

    // What Send would send now: the value (validated) or an error that says what to fix.
    Result<OutgoingRecord> currentRecord() const;
    KeyChoice keyChoice() const;
    PartitionerKind partitioner() const;
    QString previewText() const;
    Editor editor() const;
    void setEditor(Editor editor);
    // The headers editor shown under the editors (collapsed by default: "Headers (N)").
    bool headersShown() const;
    void setHeadersShown(bool shown);
    bool isJobRunning() const { return m_job != nullptr; }
    qint64 nextOrderId() const { return m_nextOrderId; }
    // The panel's height at which its Order and JSON pages do not scroll (they scroll up and
    // down where the dock is shorter: below ~800 px the window gives the Consumers dock its
    // height first).
    int unscrolledHeight() const;
    // How many user ids Generate draws from ("generateUsers": 8 by default, 0 for any of 100,000).
    int generatedUserCount() const;

public slots:
    void send();
    void startGenerate();
    void chooseImportFile();
    void importFile(const QString &path);
    void setJobPaused(bool paused);
    void cancelJob();
    // "Produce again": the record's value into the JSON editor (a tombstone stays a tombstone),
    // its key as the key.
    void loadRecord(const tidemark::Record &record);
    // The send line ("Sent to orders[0] at offset 0") tells the panel's last Send: once records
    // are sent another way (a generate or import run, "produce again" from the Messages panel)
    // it tells an old moment, and goes.
    void clearSendResult();
    void addItemRow();
    void removeItemRow();

signals:
    void produced(const QString &topic, int partition, qint64 offset);
    void jobFinished(const tidemark::ProducerJobResult &result);
    void logged(const tidemark::LogEntry &entry);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    Order formOrder() const;
    void setFormOrder(const Order &order);
    void formChanged();
    void jsonChanged();
    void updatePreview();
    // The record without its headers (what the key preview needs).
    Result<OutgoingRecord> currentValueRecord() const;
    void updateHeadersToggle();
    void updateState();
    // A run's summary beside Import ("Cancelled after 1,000 of 1,000") that does not fit the
    // row with the button's words takes their room: the button keeps its icon, tooltip and
    // Ctrl+I. The dock column is only as wide as the Consumers list needs (MainWindow).
    void fitImportButton();
    void startJob(ProducerJobSpec spec);
    void log(LogEntry::Kind kind, const QString &message);
    // Order ids continue from the selected topic's last order (read off the GUI thread), so
    // a new session does not send "0001" again; an id the user typed is left alone.
    void continueOrderIds();

    Clock m_clock;
    quint64 m_seed;
    int m_jobsStarted = 0;
    QPointer<AsyncBackend> m_backend;
    QString m_topic;
    int m_partitionCount = 0;
    qint64 m_nextOrderId = 1;
    int m_orderIdRequest = 0; // the latest continueOrderIds() call; older answers are dropped
    bool m_sending = false;
    bool m_syncing = false;
    QString m_fieldName = QStringLiteral("user_id");
    QString m_explicitKey;

    QLabel *m_topicLabel;
    QComboBox *m_keyMode;
    QLineEdit *m_keyText;
    QComboBox *m_partitioner;
    QLabel *m_preview;
    QTabWidget *m_tabs;
    QLineEdit *m_orderId;
    QLineEdit *m_userId;
    QTableWidget *m_items;
    QPushButton *m_addItem;
    QPushButton *m_removeItem;
    QLabel *m_total;
    QLabel *m_formError;
    QPlainTextEdit *m_json;
    JsonHighlighter *m_highlighter;
    QCheckBox *m_tombstone; // JSON editor: send a null value (a tombstone) instead of the text
    QLabel *m_jsonError;
    HeadersEditor *m_headers;
    QToolButton *m_headersToggle;
    QPushButton *m_send;
    QLabel *m_sendResult;
    QSpinBox *m_count;
    QComboBox *m_users;
    QSpinBox *m_rate;
    QPushButton *m_generate;
    QPushButton *m_import;
    QHBoxLayout *m_importRow = nullptr; // Import and the run's summary
    int m_importWordsWidth = 0;         // the Import button with its words
    QProgressBar *m_progress;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    ElidedLabel *m_jobStatus;
    ProducerJob *m_job = nullptr; // owned; running while set
};

} // namespace tidemark
