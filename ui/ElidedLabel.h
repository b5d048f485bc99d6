#pragma once

// A one-line label for a status that can be long (a job's summary, an error with details):
// it shows the first line, cut with "…" where the width ends, and the whole text in its
// tooltip; text() stays the whole text. It never asks for more width or height than one
// short line (its size hint is bounded by its maximum size), so a long message cannot widen
// or heighten its panel.
// Thread: GUI thread.

#include <QLabel>

namespace tidemark {

class ElidedLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // True if the text is cut (shown whole in the tooltip).
    bool isElided() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString firstLine() const;
};

} // namespace tidemark
