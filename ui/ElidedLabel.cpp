#include "ui/ElidedLabel.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOption>

namespace tidemark {

ElidedLabel::ElidedLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(false);
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

QString ElidedLabel::firstLine() const { return text().section(QLatin1Char('\n'), 0, 0); }

bool ElidedLabel::isElided() const
{
    return text().contains(QLatin1Char('\n')) || fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

QSize ElidedLabel::sizeHint() const
{
    return QSize(fontMetrics().horizontalAdvance(firstLine()), fontMetrics().height())
        .grownBy(contentsMargins())
        .boundedTo(maximumSize());
}

QSize ElidedLabel::minimumSizeHint() const { return QSize(0, fontMetrics().height()).grownBy(contentsMargins()); }

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    QStyleOption option;
    option.initFrom(this);
    const QRect r = contentsRect();
    const QString shown = fontMetrics().elidedText(firstLine(), Qt::ElideRight, r.width());
    style()->drawItemText(&painter, r, int(alignment()), option.palette, isEnabled(), shown, foregroundRole());
    // Here, where the width is known: the tooltip carries the whole text only when it is cut.
    setToolTip(isElided() ? text() : QString());
}

} // namespace tidemark
