#pragma once

// Whether text stands out from what is behind it: WCAG's contrast ratio, and the labels of a
// window whose text (or the colours of their rich text, a state's dot) falls under 3:1, the
// floor for large text and symbols. A colour read from one theme and kept after a switch to
// the other reads like that (pale green on a light window). Shared by tst_charts_layout,
// tst_lesson_walk and tst_timelineview (its marker labels).
//
// Thread: GUI thread.

#include <QColor>
#include <QLabel>
#include <QRegularExpression>
#include <QStringList>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace tidemark::test {

// `c` drawn over `background` (a translucent colour, as Qt's placeholder text is).
inline QColor over(const QColor &c, const QColor &background)
{
    const double a = c.alphaF();
    return QColor::fromRgbF(float(c.redF() * a + background.redF() * (1 - a)),
                            float(c.greenF() * a + background.greenF() * (1 - a)),
                            float(c.blueF() * a + background.blueF() * (1 - a)));
}

inline double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// From 1 (the same) to 21 (black on white).
inline double contrast(const QColor &text, const QColor &background)
{
    const double la = luminance(over(text, background)), lb = luminance(background);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The enabled labels in sight under `root` whose text colour, or a colour their rich text sets
// ("color:#7fd48a"), has less than 3:1 against the label's background.
inline QStringList faintLabels(QWidget *root)
{
    static const QRegularExpression css(QStringLiteral("color:\\s*(#[0-9a-fA-F]{6})"));
    QStringList out;
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->isVisible() || !label->isEnabled() || label->visibleRegion().isEmpty() || label->text().isEmpty())
            continue;
        const QColor background = label->palette().color(label->backgroundRole());
        QList<QColor> colours{label->palette().color(label->foregroundRole())};
        for (auto it = css.globalMatch(label->text()); it.hasNext();)
            colours << QColor(it.next().captured(1));
        for (const QColor &c : colours)
            if (contrast(c, background) < 3.0)
                out << QStringLiteral("'%1' (%2): %3 on %4, %5:1")
                           .arg(label->text(), label->objectName(), c.name(), background.name())
                           .arg(contrast(c, background), 0, 'f', 1);
    }
    return out;
}

} // namespace tidemark::test
