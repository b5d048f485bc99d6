#include "ui/ElidedLabel.h"

#include <cmath>

#include <QFontMetricsF>
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

void ElidedLabel::setShortText(const QString &text)
{
    m_short = text;
    m_shortFor = this->text();
    update();
}

QString ElidedLabel::shortText() const { return m_shortFor == text() ? m_short : QString(); }

QString ElidedLabel::firstLine() const { return text().section(QLatin1Char('\n'), 0, 0); }

bool ElidedLabel::fits(const QString &line) const
{
    // The painter's own test (the integer advance can be a fraction short of it).
    return fontMetrics().elidedText(line, Qt::ElideRight, contentsRect().width()) == line;
}

QString ElidedLabel::shownText() const
{
    const QString line = firstLine();
    const QString brief = shortText();
    const QString chosen = fits(line) || brief.isEmpty() ? line : brief;
    return fontMetrics().elidedText(chosen, Qt::ElideRight, contentsRect().width());
}

bool ElidedLabel::isElided() const { return text().contains(QLatin1Char('\n')) || !fits(text()); }

bool ElidedLabel::isCut() const
{
    const QString brief = shortText();
    return !fits(firstLine()) && (brief.isEmpty() || !fits(brief));
}

QSize ElidedLabel::sizeHint() const
{
    // Rounded up: a width rounded to the nearest pixel can cut the text it was measured for.
    const int width = int(std::ceil(QFontMetricsF(font()).horizontalAdvance(firstLine())));
    return QSize(width, fontMetrics().height()).grownBy(contentsMargins()).boundedTo(maximumSize());
}

QSize ElidedLabel::minimumSizeHint() const { return QSize(0, fontMetrics().height()).grownBy(contentsMargins()); }

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    QStyleOption option;
    option.initFrom(this);
    style()->drawItemText(&painter, contentsRect(), int(alignment()), option.palette, isEnabled(), shownText(),
                          foregroundRole());
    // Here, where the width is known: the tooltip carries the whole text only when it is not
    // all shown.
    setToolTip(isElided() ? text() : QString());
}

} // namespace tidemark
