#pragma once

// Small shared look-and-feel helpers for the panels: fonts and semantic colours that work
// on light and dark palettes alike.

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QList>
#include <QPair>
#include <QPalette>
#include <QString>
#include <QStringList>

class QFontMetrics;
class QLabel;
class QPushButton;
class QWidget;

namespace tidemark::style {

// The bundled DejaVu Sans Mono (loaded by main.cpp and the test harness), falling back to
// the platform's fixed font.
QFont monospaceFont();

// True if the palette's window colour is dark (a dark theme is active).
bool isDark(const QPalette &palette);

enum class Tone { Muted, Good, Warning, Bad, Accent };
// A text colour for `tone` that reads well on `palette`'s base colour.
QColor toneColor(Tone tone, const QPalette &palette);

// A fixed width tuned to English texts, grown by as much as the translations shown are
// wider than the English they replace (`texts`: English source, shown text). English
// layouts keep their widths; longer translations are not cut.
int widthForTranslation(int englishWidth, const QFontMetrics &metrics, const QList<QPair<QString, QString>> &texts);

// One of the bundled icons (":/icons/play.svg") that follows the application palette: on a
// dark theme its colours are lightened (same hue) so an enabled icon never reads as a
// disabled one; light themes get the SVG as drawn. Follows theme changes by itself.
QIcon icon(const QString &resource);

// Colours `label`'s text (its foreground role) in `tone` for the palette it has now and again after every palette
// change (a theme switch): a colour read once would keep the old theme's, pale green on a light
// window after a switch from dark.
void setTone(QLabel *label, Tone tone);
// The same for any widget and colour role: a line edit's text (QPalette::Text) in Bad while
// what it holds is invalid.
void setTone(QWidget *widget, Tone tone, QPalette::ColorRole role);
// Takes off the tone setTone gave `widget`: the role follows its parent's palette again (the
// rest of the widget's own palette stays). Nothing happens if it has no tone.
void clearTone(QWidget *widget);

// Lets `button` shrink to what its icon and text (its current text or any of `otherTexts`
// it will show) need: the style's 80 px minimum for text buttons is kept as the preferred
// width, no longer as the least, so a narrow panel keeps every word of its buttons.
void fitToText(QPushButton *button, const QStringList &otherTexts = {});

} // namespace tidemark::style
