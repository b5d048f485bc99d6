#pragma once

// The message table for the selected topic: partition choice, a filter in the filter language
// (docs/filter-language.md; a syntax error is shown at once with its column), an
// offset-or-time range ("from"/"to"), live tail, and a virtual table that fetches pages on
// demand (MessageTableModel). Thread: GUI thread.

#include "core/AsyncBackend.h"
#include "core/Clock.h"
#include "core/RecordScan.h"
#include "core/SavedFilters.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QMenu;
class QLabel;
class QLineEdit;
class QToolButton;
class QTableView;

namespace tidemark {

class ElidedLabel;
class MessageTableModel;

class MessagesPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesPanel)

public:
    explicit MessagesPanel(Clock clock, QWidget *parent = nullptr);

    void setBackend(AsyncBackend *backend);
    void setTopic(const QString &topic, int partitionCount);
    QString topic() const;
    MessageTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    std::optional<Record> currentRecord() const;
    bool liveTail() const;
    // Writes every record the current rows stand for (all matches of the filter, not only the
    // rows kept; the whole range without a filter) to `path`, on a worker thread, with
    // progress in the status line and a Cancel button. Returns false if one is running.
    bool exportRecords(const QString &path, ExportFormat format);
    bool isExporting() const { return m_exportState != nullptr; }
    // The filter box's text, as typed.
    QString filterText() const;
    // Where named filters are kept (per topic name); without it the panel offers none.
    void setSavedFilters(SavedFilters *filters) { m_savedFilters = filters; }
    // The saved-filters menu for the current topic, as Edit > Saved Filters and the filter
    // box's context menu show it: the saved filters (apply), "Save filter as…", "Delete".
    void fillSavedFiltersMenu(QMenu *menu);
    // Saves the filter box's text under `name` for the current topic (what "Save filter as…"
    // does once a name is given); the status line says what happened.
    bool saveFilterAs(const QString &name);
    // Opens "Produce Again" (ui/dialogs/ReplayDialog) for every record the rows stand for (all
    // matches of the filter and range); nullptr without a topic or with a filter that does not parse.
    class ReplayDialog *openReplayDialog();

public slots:
    // Selects (partition, offset), clearing the partition choice and filters if they hide it.
    void selectRecord(int partition, qint64 offset);
    void focusFilter();
    void setLiveTail(bool on);
    void refresh();
    // Puts `text` in the filter box and applies it at once (a search; blank: no filter).
    void setFilterText(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    // An export finished: the records written, or the error (Cancelled included).
    void exportFinished(const QString &path, qint64 written, const QString &error);
    void currentRecordChanged(const tidemark::Record &record);
    void liveTailChanged(bool on);
    // The rows now follow this filter (trimmed; empty: none): the timeline highlights its matches.
    void filterApplied(const QString &filterText);
    // A "Produce Again" run finished (records acknowledged; the error if it stopped or some were refused).
    void replayed(const QString &targetTopic, qint64 records, const QString &error);
    // A key cell was selected (std::nullopt: the null key).
    void keySelected(const std::optional<QByteArray> &key);

private:
    // Narrower than the filter bar's one row needs to show the filter's help: the filter
    // gets a row of its own, the partition, range and live tail the row below.
    void fitFilterBar();
    // Narrower than the fixed columns and kLeastValueWidth of the Value column: the
    // Timestamp column is hidden until there is room (the Value column is what is read).
    void fitColumns();
    static constexpr int kLeastValueWidth = 120;
    void applyFilter();
    void setPartitionCount(int count);
    void onCurrentRowChanged();
    void emitKeySelected(const QModelIndex &index);
    void trySelectPending();
    void markInvalid(QLineEdit *edit, const QString &error);
    // Parses the filter box as typed: red with the error and its column, or the help text.
    bool checkFilterText();
    void updateSearchButtons();
    void chooseExportFile(ExportFormat format);
    void askFilterName();
    void showExportProgress();

    Clock m_clock;
    MessageTableModel *m_model;
    QComboBox *m_partition;
    QLineEdit *m_text;
    SavedFilters *m_savedFilters = nullptr;
    QComboBox *m_order;
    QToolButton *m_pause;
    QToolButton *m_cancel;
    QToolButton *m_exportButton;
    QToolButton *m_exportCancel;
    std::shared_ptr<ExportState> m_exportState; // the export running, if any
    QPointer<AsyncBackend> m_backend;
    QString m_exportPath;
    QTimer m_exportProgress;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QCheckBox *m_tail;
    QTableView *m_view;
    ElidedLabel *m_status;
    QHBoxLayout *m_filterRow;
    QHBoxLayout *m_optionsRow;
    int m_oneRowWidth = 0;
    bool m_twoRows = false;
    int m_timestampWidth = 0; // the Timestamp column's width while shown
    QTimer m_filterDelay;
    int m_partitionCount = 0;
    std::optional<std::pair<int, qint64>> m_pendingSelect;
    int m_pendingRow = -1; // current row whose record is still loading
};

} // namespace tidemark
