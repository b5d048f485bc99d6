#pragma once

// A one-line label for a status that can be long (a job's summary, an error with details):
// it shows the first line, cut with "…" where the width ends, and the whole text in its
// tooltip; text() stays the whole text. It never asks for more width or height than one
// short line (its size hint is bounded by its maximum size), so a long message cannot widen
// or heighten its panel. A short form (setShortText(), e.g. "Sent 300 of 300" for "Sent 300
// of 300 (p0: 114, p1: 72, p2: 114)") is shown whole instead of cutting the long one where
// the long one does not fit; it belongs to the text it was given with (a new text has none).
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
    // What to show where text() does not fit (empty: cut text() instead). Set after setText().
    void setShortText(const QString &text);
    QString shortText() const;
    // What the label shows at its current width: the first line of text(), or the short form,
    // cut with "…" if even that does not fit.
    QString shownText() const;
    // True if what it shows is not the whole text (the whole is in the tooltip).
    bool isElided() const;
    // True if what it shows is cut with "…" (the short form shown whole is not cut).
    bool isCut() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString firstLine() const;
    bool fits(const QString &line) const;

    QString m_short;
    QString m_shortFor; // the text() the short form stands for
};

} // namespace tidemark
