#pragma once

// "Produce again" for the records the Messages panel shows (its filter and range: every
// match, not only the rows kept): to the same topic or another, keeping each record's
// partition or placing it by key, with the original timestamps or new ones. "Preview" is a
// dry run (core/Replay.h) that says what goes where; "Produce" does exactly that, with
// progress and Cancel. Nothing runs on the GUI thread; the dialog is not modal to the data
// (closing it cancels a run). Thread: GUI thread.

#include "core/AsyncBackend.h"
#include "core/Replay.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace tidemark {

class ReplayDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayDialog)

public:
    // `source`: what to read (topic, partitions, ranges, filter); `describe`: how the panel
    // names it ("the 12 matches of value.total_price > 2000").
    ReplayDialog(AsyncBackend *backend, RecordScan::Options source, const QString &describe, QWidget *parent = nullptr);
    ~ReplayDialog() override;

    ReplayOptions options() const;
    bool isRunning() const { return m_state != nullptr; }

public slots:
    void preview();
    void produce();

signals:
    // A real run finished (also when cancelled or failed part way): for the Events pane.
    void produced(const QString &targetTopic, qint64 records, const QString &error);

protected:
    void reject() override;

private:
    void start(bool dryRun);
    void finish(bool dryRun, const Result<ReplayReport> &report);
    void optionsChanged();
    void showProgress();
    QString describeReport(const ReplayReport &report) const;

    QPointer<AsyncBackend> m_backend;
    RecordScan::Options m_source;
    QComboBox *m_target;
    QComboBox *m_placement;
    QCheckBox *m_keepTimestamps;
    QPlainTextEdit *m_preview;
    QLabel *m_status;
    QPushButton *m_previewButton;
    QPushButton *m_produceButton;
    QPushButton *m_cancelButton;
    std::shared_ptr<ReplayState> m_state; // the run in progress, if any
    QTimer m_progress;
    qint64 m_previewed = -1; // records the last preview of the current options selected
};

} // namespace tidemark
