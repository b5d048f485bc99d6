#include "ui/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>

namespace tidemark {

namespace {

const QString &settingsKey()
{
    static const QString key = QStringLiteral("view/language");
    return key;
}

} // namespace

QString languageKey(LanguageChoice choice)
{
    switch (choice) {
    case LanguageChoice::English: return QStringLiteral("en");
    case LanguageChoice::Russian: return QStringLiteral("ru");
    case LanguageChoice::System: break;
    }
    return QStringLiteral("system");
}

LanguageChoice languageFromKey(const QString &key)
{
    if (key == QLatin1String("en"))
        return LanguageChoice::English;
    if (key == QLatin1String("ru"))
        return LanguageChoice::Russian;
    return LanguageChoice::System;
}

LanguageChoice languageSetting(const QSettings &settings)
{
    return languageFromKey(settings.value(settingsKey()).toString());
}

void setLanguageSetting(QSettings &settings, LanguageChoice choice)
{
    if (choice == LanguageChoice::System)
        settings.remove(settingsKey());
    else
        settings.setValue(settingsKey(), languageKey(choice));
}

QLocale localeFor(LanguageChoice choice)
{
    switch (choice) {
    case LanguageChoice::English: return QLocale(QLocale::English, QLocale::UnitedStates);
    case LanguageChoice::Russian: return QLocale(QLocale::Russian, QLocale::Russia);
    case LanguageChoice::System: break;
    }
    return QLocale::system();
}

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("ru")}; }

QString languageFor(const QLocale &locale)
{
    const QStringList available = availableLanguages();
    for (const QString &uiLanguage : locale.uiLanguages()) {
        const QString code = uiLanguage.section(QLatin1Char('-'), 0, 0).toLower();
        if (available.contains(code))
            return code;
    }
    return QStringLiteral("en");
}

Translations::~Translations() { uninstall(); }

void Translations::uninstall()
{
    for (const auto &translator : m_installed)
        QCoreApplication::removeTranslator(translator.get());
    m_installed.clear();
    m_language = QStringLiteral("en");
    m_qtLoaded = false;
}

QString Translations::qtTranslationsDirectory() const { return QLibraryInfo::path(QLibraryInfo::TranslationsPath); }

QString Translations::install(const QLocale &locale, bool setDefaultLocale)
{
    uninstall();
    const QString language = languageFor(locale);
    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral("tidemark_") + language, QStringLiteral(":/i18n")) &&
        QCoreApplication::installTranslator(own.get()))
        m_installed.push_back(std::move(own));
    // Qt's catalogue for the standard buttons and dialogs. English needs none.
    auto qt = std::make_unique<QTranslator>();
    if (language != QLatin1String("en") && qt->load(QStringLiteral("qtbase_") + language, qtTranslationsDirectory()) &&
        QCoreApplication::installTranslator(qt.get())) {
        m_installed.push_back(std::move(qt));
        m_qtLoaded = true;
    }
    m_language = language;
    if (setDefaultLocale)
        QLocale::setDefault(locale);
    return language;
}

} // namespace tidemark
