#pragma once

// The banner under the toolbar when a connection attempt failed (ConnectionLifecycle's
// Unreachable): one sentence that says what is wrong and what to do, the library's own text
// behind a "Details" disclosure, and the two ways out (try again, or back to the built-in
// broker). Hidden in every other state. Observes a ConnectionLifecycle; emits what the user
// picked, MainWindow acts.
// Thread: GUI thread.

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace tidemark {

class ConnectionLifecycle;

class ConnectionNotice final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionNotice)

public:
    explicit ConnectionNotice(const ConnectionLifecycle *lifecycle, QWidget *parent = nullptr);

    QString headline() const;
    QString details() const;
    bool detailsShown() const;

    // As tall as the wrapped sentence needs at the width the window gives, never taller: a
    // toolbar row asks only for size hints, and a word-wrapped label's own hints are for its
    // narrowest width (one word a line), which made the row, and the window, grow tall.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void retryRequested();
    void builtInBrokerRequested();
    // Shown or hidden with the lifecycle's state (the window shows the row that holds it).
    void wantedChanged(bool wanted);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void update();
    int layoutWidth() const;

    const ConnectionLifecycle *m_lifecycle;
    QLabel *m_headline;
    QToolButton *m_detailsButton;
    QPlainTextEdit *m_details;
    QPushButton *m_retry;
    QPushButton *m_builtIn;
};

} // namespace tidemark
