#pragma once

// What each test of the translated UI (tst_layout, tst_lesson_walk, tst_charts_layout) starts
// from and comes back to after every test function: the deterministic UI of tests/ui (bundled
// fonts, Fusion and its standard palette), the compiled catalogues (:/i18n), English, and the
// palette of the start again. A test that switches the theme (View > Theme) leaves the dark
// palette, or the app's own light one, in the application: a golden rendered after it would be
// drawn in other colours (the light theme's text is #232629, not the standard black).
//
// Thread: GUI thread.

#include "UiTestSupport.h"
#include "ui/Language.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

// Q_INIT_RESOURCE must be used outside any namespace.
inline void initTranslationCatalogues() { Q_INIT_RESOURCE(tidemark_resources_translations); }

namespace tidemark::test {

class TranslatedUi final {
    Q_DISABLE_COPY_MOVE(TranslatedUi)

public:
    TranslatedUi() = default;

    // In initTestCase().
    void setUp()
    {
        setupDeterministicUi();
        initTranslationCatalogues();
    }

    // In cleanup(): English again, and the palette setUp() left.
    void reset()
    {
        m_translations.uninstall();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }

    // Installs `locale`'s catalogues until reset(); the language in use ("ru").
    QString install(const QLocale &locale) { return m_translations.install(locale); }

private:
    Translations m_translations;
};

} // namespace tidemark::test
