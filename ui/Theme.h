#pragma once

// Light and dark palettes. "System" follows the platform: the application palette is reset
// so Qt resolves it against the platform theme's palette again (and keeps following it when
// the desktop switches between light and dark). Thread: GUI thread.

#include <QPalette>
#include <QString>

namespace tidemark {

enum class ThemeChoice { System, Light, Dark };

QString themeKey(ThemeChoice choice); // "system", "light", "dark" (settings values)
ThemeChoice themeFromKey(const QString &key);

QPalette lightPalette();
QPalette darkPalette();

// Sets the application palette for `choice`.
void applyTheme(ThemeChoice choice);

} // namespace tidemark
