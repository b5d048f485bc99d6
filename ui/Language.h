#pragma once

// The UI language: the system locale by default, or English or Russian chosen in
// View > Language (QSettings "view/language"). Translations are Tidemark's own catalogue,
// compiled from resources/translations/*.ts and embedded as :/i18n/tidemark_<lang>.qm, plus
// Qt's catalogue (qtbase_<lang>.qm from QLibraryInfo::TranslationsPath) for the standard
// buttons and dialogs.
//
// A language is chosen once, at start-up, before the first widget exists: the widgets set
// their texts when they are built, so a change takes effect after a restart (the window
// offers to restart at once).
//
// Thread: GUI thread. Translations installs its translators into the application and
// removes them again when destroyed; the mains and tests own one for the app's lifetime.

#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>
#include <vector>

class QSettings;

namespace tidemark {

enum class LanguageChoice { System, English, Russian };

QString languageKey(LanguageChoice choice); // "system", "en", "ru" (settings values)
LanguageChoice languageFromKey(const QString &key);
LanguageChoice languageSetting(const QSettings &settings);
void setLanguageSetting(QSettings &settings, LanguageChoice choice);

// The locale whose language the UI uses: the system's for System.
QLocale localeFor(LanguageChoice choice);

// The languages Tidemark has a catalogue for ("en", "ru").
QStringList availableLanguages();

// The catalogue Translations::install() uses for `locale`: the first of its UI languages
// (for the system locale, the user's order of preference, e.g. $LANGUAGE "ru:en") that
// Tidemark has; English (the source texts) if none.
QString languageFor(const QLocale &locale);

class Translations final {
    Q_DISABLE_COPY_MOVE(Translations)

public:
    Translations() = default;
    ~Translations(); // removes what it installed

    // Installs the translations for `locale` and makes it the default QLocale (numbers,
    // dates) when `setDefaultLocale`. Falls back to the English source texts for a language
    // Tidemark has no catalogue for. Returns the language in use ("ru", "en").
    QString install(const QLocale &locale, bool setDefaultLocale = true);
    void uninstall();

    QString language() const { return m_language; }
    // True if Qt's own catalogue for the language was found (standard buttons translated).
    bool hasQtTranslation() const { return m_qtLoaded; }
    // Where Qt's catalogue was looked for, for diagnostics and error messages.
    QString qtTranslationsDirectory() const;

private:
    std::vector<std::unique_ptr<QTranslator>> m_installed;
    QString m_language = QStringLiteral("en");
    bool m_qtLoaded = false;
};

} // namespace tidemark
