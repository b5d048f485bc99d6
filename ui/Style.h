#pragma once

// Small shared look-and-feel helpers for the panels: fonts and semantic colours that work
// on light and dark palettes alike.

#include <QColor>
#include <QFont>
#include <QPalette>

namespace tidemark::style {

// The bundled DejaVu Sans Mono (loaded by main.cpp and the test harness), falling back to
// the platform's fixed font.
QFont monospaceFont();

// True if the palette's window colour is dark (a dark theme is active).
bool isDark(const QPalette &palette);

enum class Tone { Muted, Good, Warning, Bad, Accent };
// A text colour for `tone` that reads well on `palette`'s base colour.
QColor toneColor(Tone tone, const QPalette &palette);

} // namespace tidemark::style
