#include "ui/Style.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QIconEngine>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QStyleOption>

#include <algorithm>

namespace tidemark::style {

namespace {

// Draws the bundled SVG through an ordinary QIcon and, while the application palette is
// dark, lifts every pixel's lightness to at least kDarkLightness (hue and alpha kept): the
// toolbar's grey (#5b6573) and the accent colours otherwise sit at about 2:1 contrast on the
// dark window, the contrast of disabled text. Disabled mode is derived from the lifted
// pixmap by the style, as for any icon.
class ThemedIconEngine final : public QIconEngine {
public:
    explicit ThemedIconEngine(QString resource) : m_resource(std::move(resource)), m_icon(m_resource) {}

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        const QPalette palette = QApplication::palette();
        if (!isDark(palette))
            return m_icon.pixmap(size, scale, mode, state);
        QImage image =
            m_icon.pixmap(size, scale, QIcon::Normal, state).toImage().convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < image.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = QColor::fromRgba(line[x]);
                if (c.alpha() == 0 || c.lightnessF() >= kDarkLightness)
                    continue;
                QColor lifted = QColor::fromHslF(c.hslHueF(), c.hslSaturationF(), kDarkLightness, c.alphaF());
                line[x] = lifted.rgba();
            }
        }
        QPixmap pixmap = QPixmap::fromImage(image);
        pixmap.setDevicePixelRatio(scale);
        if (mode == QIcon::Normal || mode == QIcon::Active)
            return pixmap;
        QStyleOption option;
        option.palette = palette;
        return QApplication::style()->generatedIconPixmap(mode, pixmap, &option);
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        painter->drawPixmap(rect, pixmap(rect.size(), mode, state));
    }

    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return m_icon.actualSize(size, mode, state);
    }

    QIconEngine *clone() const override { return new ThemedIconEngine(m_resource); }
    QString key() const override { return QStringLiteral("tidemark-themed"); }
    QString iconName() override { return m_resource; }

private:
    static constexpr float kDarkLightness = 0.72f;
    QString m_resource;
    QIcon m_icon;
};

// Keeps a widget's colour role in the tone stored on it (kToneProperty, kRoleProperty) across
// palette changes. One per widget, its child; lives on the GUI thread with it.
class ToneFollower final : public QObject {
public:
    explicit ToneFollower(QWidget *widget) : QObject(widget), m_class(widget->metaObject())
    {
        setObjectName(QLatin1String(kName));
        widget->installEventFilter(this);
    }

    static ToneFollower *of(QWidget *widget)
    {
        return static_cast<ToneFollower *>(
            widget->findChild<QObject *>(QLatin1String(kName), Qt::FindDirectChildrenOnly));
    }

    // kForegroundRole: the role the widget draws its text in now (a label's WindowText, but
    // ButtonText in a tool bar: it takes its parent's foreground role).
    static QPalette::ColorRole role(const QWidget *widget)
    {
        const int role = widget->property(kRoleProperty).toInt();
        return role == kForegroundRole ? widget->foregroundRole() : QPalette::ColorRole(role);
    }

    static void apply(QWidget *widget)
    {
        QPalette p = widget->palette();
        p.setColor(role(widget), toneColor(Tone(widget->property(kToneProperty).toInt()), p));
        widget->setPalette(p); // the same colours again: Qt sends no second change
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // A widget being destroyed (its own class already gone, a plain QWidget by now) is left alone.
        if (event->type() == QEvent::PaletteChange && watched->metaObject()->inherits(m_class))
            apply(static_cast<QWidget *>(watched));
        return false;
    }

    static constexpr const char *kToneProperty = "tidemarkTone";
    static constexpr const char *kRoleProperty = "tidemarkToneRole";
    static constexpr int kForegroundRole = -1;
    // Found by name: a class without Q_OBJECT cannot be told apart by findChild<>() (a label
    // that selects text has a text control child, which findChild<ToneFollower *> returned).
    static constexpr const char *kName = "tidemarkToneFollower";

private:
    const QMetaObject *m_class; // the widget's class when the tone was set
};

void setToneOfRole(QWidget *widget, Tone tone, int role)
{
    widget->setProperty(ToneFollower::kToneProperty, int(tone));
    widget->setProperty(ToneFollower::kRoleProperty, role);
    if (!ToneFollower::of(widget))
        new ToneFollower(widget);
    ToneFollower::apply(widget);
}

} // namespace

void setTone(QLabel *label, Tone tone) { setToneOfRole(label, tone, ToneFollower::kForegroundRole); }

void setTone(QWidget *widget, Tone tone, QPalette::ColorRole role) { setToneOfRole(widget, tone, int(role)); }

void clearTone(QWidget *widget)
{
    ToneFollower *follower = ToneFollower::of(widget);
    if (!follower)
        return;
    const QPalette::ColorRole role = ToneFollower::role(widget);
    delete follower;
    widget->setProperty(ToneFollower::kToneProperty, QVariant());
    widget->setProperty(ToneFollower::kRoleProperty, QVariant());
    // Unset the role (in every colour group) and only it: the widget takes it from its parent
    // again, now and after the next theme switch; whatever else was set on it stays.
    QPalette roleOnly;
    roleOnly.setColor(role, Qt::black);
    QPalette p = widget->palette();
    p.setResolveMask(p.resolveMask() & ~roleOnly.resolveMask());
    widget->setPalette(p);
}

QIcon icon(const QString &resource) { return QIcon(new ThemedIconEngine(resource)); }

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

void fitToText(QPushButton *button, const QStringList &otherTexts)
{
    // QPushButton::sizeHint()'s contents, measured without the style's floor (Fusion applies
    // it only when the option carries a text).
    QStringList texts = otherTexts;
    texts << button->text();
    int text = 0;
    for (const QString &t : std::as_const(texts))
        text = std::max(text, button->fontMetrics().size(Qt::TextShowMnemonic, t).width());
    const bool icon = !button->icon().isNull();
    QSize contents(text + (icon ? button->iconSize().width() + 4 : 0),
                   std::max(button->fontMetrics().height(), icon ? button->iconSize().height() : 0));
    QStyleOptionButton option;
    option.initFrom(button);
    if (button->autoDefault() || button->isDefault())
        option.features |= QStyleOptionButton::AutoDefaultButton;
    if (button->menu())
        contents.rwidth() += button->style()->pixelMetric(QStyle::PM_MenuButtonIndicator, &option, button);
    button->setMinimumWidth(
        button->style()->sizeFromContents(QStyle::CT_PushButton, &option, contents, button).width());
}

} // namespace tidemark::style
