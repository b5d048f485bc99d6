#pragma once

// The message inspector: where a record lives (topic, partition, offset, time), its key and
// headers, and its value as pretty JSON, text or a hex dump; copy the value or the key, and
// "produce again" (hands the record to the producer); right-click the key to highlight it on
// the timeline. Thread: GUI thread.

#include "core/Record.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace tidemark {

class JsonHighlighter;

class MessageInspector final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageInspector)

public:
    explicit MessageInspector(QWidget *parent = nullptr);

    std::optional<Record> record() const { return m_record; }
    QString valueText() const;
    QString valueKind() const { return m_kind; } // "json", "text", "binary" or "null" (a tombstone)
    // Shows the value's bytes as a hex dump whatever they are (the "Hex" button,
    // "hexViewButton"), e.g. to see the exact bytes of a JSON or text value.
    void setHexView(bool on);
    bool isHexView() const;

public slots:
    void showRecord(const tidemark::Record &record);
    void clear();
    void copyValue();
    void copyKey();
    // "Highlight This Key on the Timeline" (the key label's context menu).
    void highlightKey();

signals:
    void produceAgainRequested(const tidemark::Record &record);
    void highlightKeyRequested(const std::optional<QByteArray> &key);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void showValue();
    // Below the width the buttons' words need, they show their icons only (their tooltips
    // and accessible names keep the words): the dock stays usable at 1024 px.
    void fitButtons();

    std::optional<Record> m_record;
    QString m_kind;
    QLabel *m_where;
    QLabel *m_key;
    QLabel *m_headers;
    QLabel *m_valueInfo;
    QPlainTextEdit *m_value;
    JsonHighlighter *m_highlighter;
    QToolButton *m_copyValue;
    QToolButton *m_copyKey;
    QToolButton *m_again;
    QToolButton *m_hex;
    int m_buttonsWithText = 0; // the width the button row needs with its words
};

} // namespace tidemark
