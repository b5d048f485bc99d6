#include "ui/Style.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontMetrics>

#include <algorithm>

namespace tidemark::style {

QFont monospaceFont()
{
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setStyleHint(QFont::Monospace);
    font.setPixelSize(QApplication::font().pixelSize() > 0 ? QApplication::font().pixelSize() : 12);
    if (QApplication::font().pixelSize() <= 0)
        font.setPointSizeF(QApplication::font().pointSizeF());
    return font;
}

bool isDark(const QPalette &palette) { return palette.color(QPalette::Window).lightness() < 128; }

QColor toneColor(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Muted: return palette.color(QPalette::PlaceholderText);
    case Tone::Good: return dark ? QColor(0x7f, 0xd4, 0x8a) : QColor(0x1e, 0x7b, 0x34);
    case Tone::Warning: return dark ? QColor(0xf0, 0xc0, 0x5a) : QColor(0x9a, 0x62, 0x00);
    case Tone::Bad: return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28);
    case Tone::Accent: return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x5f, 0xb4);
    }
    return palette.color(QPalette::Text);
}

int widthForTranslation(int englishWidth, const QFontMetrics &metrics, const QList<QPair<QString, QString>> &texts)
{
    int english = 0, shown = 0;
    for (const auto &[source, text] : texts) {
        english = std::max(english, metrics.horizontalAdvance(source));
        shown = std::max(shown, metrics.horizontalAdvance(text));
    }
    return englishWidth + std::max(0, shown - english);
}

} // namespace tidemark::style
