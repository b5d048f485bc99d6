#include "UiTestSupport.h"
#include "TestPaths.h"

#include <QApplication>
#include <QDir>
#include <QFontDatabase>
#include <QPainter>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>
#include <QTreeView>
#include <QWidget>

#include <QLocale>

#include <cstdlib>
#include <ctime>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initTidemarkResources() { Q_INIT_RESOURCE(tidemark); }

namespace tidemark::test {

void flushEvents()
{
    for (int round = 0; round < 3; ++round) { // what one round delivers may post more
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCoreApplication::processEvents();
    }
}

namespace {

// Counts the paint events a widget receives while it exists.
class PaintCounter final : public QObject {
public:
    explicit PaintCounter(QWidget *widget) : m_widget(widget) { widget->installEventFilter(this); }
    ~PaintCounter() override
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
    }
    int count() const { return m_count; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::Paint)
            ++m_count;
        return false;
    }

private:
    QPointer<QWidget> m_widget;
    int m_count = 0;
};

} // namespace

bool waitForNextPaint(QWidget *widget, int timeoutMs)
{
    if (!widget)
        return false;
    PaintCounter painted(widget);
    widget->update();
    // The filter sees the event before paintEvent() runs; the condition is checked after the
    // event loop returned, when that paintEvent() has finished.
    return QTest::qWaitFor([&] { return painted.count() > 0; }, timeoutMs);
}

void setupDeterministicUi()
{
    qputenv("TZ", "UTC");
#ifdef Q_OS_WIN
    _tzset();
#else
    tzset();
#endif
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    initTidemarkResources();
    for (const char *font : {":/fonts/DejaVuSans.ttf", ":/fonts/DejaVuSans-Bold.ttf", ":/fonts/DejaVuSansMono.ttf"}) {
        if (QFontDatabase::addApplicationFont(QLatin1String(font)) < 0)
            qFatal("cannot load bundled font %s", font);
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(12);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setStyleStrategy(QFont::NoSubpixelAntialias);
    QApplication::setFont(font);
    QApplication::setPalette(QApplication::style()->standardPalette());
    QApplication::setEffectEnabled(Qt::UI_AnimateCombo, false);
    QApplication::setEffectEnabled(Qt::UI_AnimateTooltip, false);
    QApplication::setEffectEnabled(Qt::UI_FadeMenu, false);
    QApplication::setEffectEnabled(Qt::UI_AnimateMenu, false);
    // Cursor blink would make text fields differ between frames.
    QApplication::setCursorFlashTime(0);
}

QImage grab(QWidget *widget) { return widget->grab().toImage().convertToFormat(QImage::Format_ARGB32); }

QRect rectIn(const QWidget *root, const QWidget *descendant, QRect local)
{
    if (local.isNull())
        local = descendant->rect();
    return QRect(descendant->mapTo(root, local.topLeft()), local.size());
}

QImage grabMasked(QWidget *widget, const QList<QRect> &masked)
{
    QImage image = grab(widget);
    QPainter painter(&image);
    for (const QRect &r : masked) {
        painter.fillRect(r, QColor(0xc8, 0xcc, 0xd0));
        painter.setPen(QColor(0x9a, 0xa0, 0xa6));
        painter.drawRect(r.adjusted(0, 0, -1, -1));
    }
    return image;
}

QImage grabMasked(QWidget *widget, const QList<QWidget *> &masked)
{
    QList<QRect> rects;
    for (QWidget *w : masked)
        if (w && w->isVisible())
            rects << rectIn(widget, w);
    return grabMasked(widget, rects);
}

QString outputDirectory()
{
    QString dir = qEnvironmentVariable("TIDEMARK_TEST_OUTPUT");
    if (dir.isEmpty())
        dir = (tidemark::test::paths::binaryDir() + QStringLiteral("/test-output"));
    dir += QStringLiteral("/ui");
    QDir().mkpath(dir);
    return dir;
}

static QString goldenPath(const QString &name)
{
    return (tidemark::test::paths::sourceDir() + QStringLiteral("/tests/ui/golden/")) + name + QStringLiteral(".png");
}

QString compareWithGolden(const QImage &actualIn, const QString &name, ScreenshotTolerance tolerance)
{
    const QImage actual = actualIn.convertToFormat(QImage::Format_ARGB32);
    const QString golden = goldenPath(name);
    const QString actualPath = outputDirectory() + QLatin1Char('/') + name + QStringLiteral("-actual.png");
    const QString diffPath = outputDirectory() + QLatin1Char('/') + name + QStringLiteral("-diff.png");

    if (qEnvironmentVariableIntValue("TIDEMARK_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(QFileInfo(golden).absolutePath());
        if (!actual.save(golden))
            return QStringLiteral("cannot write golden %1").arg(golden);
        qWarning("updated golden %s", qPrintable(golden));
        return {};
    }
    const QImage expected = QImage(golden).convertToFormat(QImage::Format_ARGB32);
    if (expected.isNull()) {
        actual.save(actualPath);
        return QStringLiteral("no golden image %1; actual written to %2 (TIDEMARK_UPDATE_GOLDEN=1 creates it)")
            .arg(golden, actualPath);
    }
    if (expected.size() != actual.size()) {
        actual.save(actualPath);
        return QStringLiteral("%1: size %2x%3 differs from golden %4x%5; actual written to %6")
            .arg(name)
            .arg(actual.width())
            .arg(actual.height())
            .arg(expected.width())
            .arg(expected.height())
            .arg(actualPath);
    }
    QImage diff(actual.size(), QImage::Format_ARGB32);
    qint64 differing = 0;
    int worst = 0;
    for (int y = 0; y < actual.height(); ++y) {
        const auto *a = reinterpret_cast<const QRgb *>(actual.constScanLine(y));
        const auto *e = reinterpret_cast<const QRgb *>(expected.constScanLine(y));
        auto *d = reinterpret_cast<QRgb *>(diff.scanLine(y));
        for (int x = 0; x < actual.width(); ++x) {
            const int delta = std::max({std::abs(qRed(a[x]) - qRed(e[x])), std::abs(qGreen(a[x]) - qGreen(e[x])),
                                        std::abs(qBlue(a[x]) - qBlue(e[x])), std::abs(qAlpha(a[x]) - qAlpha(e[x]))});
            worst = std::max(worst, delta);
            if (delta > tolerance.perChannel) {
                ++differing;
                d[x] = qRgb(255, 0, 0);
            } else {
                const int g = qGray(e[x]) / 3 + 170; // faded copy of the golden for context
                d[x] = qRgb(g, g, g);
            }
        }
    }
    const double ratio = double(differing) / double(qMax<qint64>(1, qint64(actual.width()) * actual.height()));
    if (ratio > tolerance.maxDifferingRatio) {
        actual.save(actualPath);
        diff.save(diffPath);
        return QStringLiteral("%1 differs from its golden: %2 pixels (%3%, limit %4%), worst channel delta %5; "
                              "actual: %6, diff: %7")
            .arg(name)
            .arg(differing)
            .arg(ratio * 100, 0, 'f', 3)
            .arg(tolerance.maxDifferingRatio * 100, 0, 'f', 3)
            .arg(worst)
            .arg(actualPath, diffPath);
    }
    return {};
}

QStringList cutCells(QTreeView *view, int column, const QModelIndex &parent)
{
    QStringList out;
    if (view->isColumnHidden(column))
        return out;
    QAbstractItemModel *m = view->model();
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    for (int row = 0; row < m->rowCount(parent); ++row) {
        const QModelIndex index = m->index(row, column, parent);
        const QString text = index.data(Qt::DisplayRole).toString();
        const QRect rect = view->visualRect(index);
        const QVariant font = index.data(Qt::FontRole);
        const QFontMetrics metrics(font.isValid() ? font.value<QFont>() : view->font());
        const int needs = metrics.horizontalAdvance(text) + 2 * margin;
        if (!text.isEmpty() && (rect.isEmpty() || rect.width() < needs))
            out << QStringLiteral("'%1' (needs %2 px, has %3 px)").arg(text).arg(needs).arg(rect.width());
        out << cutCells(view, column, m->index(row, 0, parent));
    }
    return out;
}

} // namespace tidemark::test
