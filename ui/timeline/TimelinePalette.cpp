#include "ui/timeline/TimelinePalette.h"

#include "core/timeline/TimelineModel.h"

#include <algorithm>
#include <cmath>

namespace tidemark {

namespace {

// Qualitative, calm, distinguishable in both themes (and for the common colour-vision
// deficiencies as far as 8 colours allow): orange, green, raspberry, sky, mustard, violet,
// olive, pink.
constexpr std::array<QRgb, 8> kConsumerLight = {0xffd9773a, 0xff3f9a6b, 0xffc24d67, 0xff3d8ac0,
                                                0xffb08d2a, 0xff8862b5, 0xff62953c, 0xffc96aa0};
constexpr std::array<QRgb, 8> kConsumerDark = {0xfff0955c, 0xff62c18f, 0xffe07189, 0xff69b0e3,
                                               0xffd8b452, 0xffaa8ad6, 0xff8cbf63, 0xffe58fc0};
// Groups: deeper tones, so a committed marker reads as "the group", not as a consumer: violet,
// teal, brown, slate, blue, wine. A group's index is a hash of its name (TimelineModel::
// groupColour); the order puts the lesson's "billing" on blue.
constexpr std::array<QRgb, kGroupColourCount> kGroupLight = {0xff74479a, 0xff1d7a6e, 0xff8e5326,
                                                             0xff515a6b, 0xff2c5a86, 0xff9a3b4f};
constexpr std::array<QRgb, kGroupColourCount> kGroupDark = {0xffc09be0, 0xff6cc8b8, 0xffe0a574,
                                                            0xffaab4c6, 0xff7fb0e0, 0xffe58a9c};

} // namespace

QRgb mixRgb(QRgb a, QRgb b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    auto ch = [t](int x, int y) { return int(x + (y - x) * t + 0.5); };
    return qRgba(ch(qRed(a), qRed(b)), ch(qGreen(a), qGreen(b)), ch(qBlue(a), qBlue(b)), ch(qAlpha(a), qAlpha(b)));
}

QColor mixColours(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgba(mixRgb(a.rgba(), b.rgba(), t));
}

double relativeLuminance(const QColor &colour)
{
    auto channel = [](int v) {
        const double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const QColor c = colour.toRgb();
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor TimelinePalette::readableOn(const QColor &colour, const QColor &on) const
{
    QColor opaque = colour.toRgb();
    opaque.setAlpha(255);
    QColor ink = opaque;
    for (int step = 1; step <= 20 && contrastRatio(ink, on) < kMinTextContrast; ++step)
        ink = mixColours(opaque, text, step / 20.0);
    return ink;
}

QColor TimelinePalette::consumerColour(int index) const
{
    if (index < 0)
        return inactive;
    const auto &p = dark ? kConsumerDark : kConsumerLight;
    return QColor::fromRgba(p[size_t(index) % p.size()]);
}

QColor TimelinePalette::groupColour(int index) const
{
    if (index < 0)
        return mutedText;
    const auto &p = dark ? kGroupDark : kGroupLight;
    return QColor::fromRgba(p[size_t(index) % p.size()]);
}

TimelinePalette TimelinePalette::fromPalette(const QPalette &palette)
{
    TimelinePalette p;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    p.dark = base.lightnessF() < 0.5;
    p.background = base;
    p.text = text;
    p.mutedText = mixColours(base, text, 0.55);
    p.track = mixColours(base, text, p.dark ? 0.07 : 0.045);
    p.log = mixColours(base, text, p.dark ? 0.12 : 0.085);
    p.grid = mixColours(base, text, p.dark ? 0.12 : 0.08);
    p.unloaded = mixColours(base, text, 0.25);
    p.tide = p.dark ? QColor(0x5b, 0xc4, 0xdb) : QColor(0x0f, 0x6e, 0x8c);
    p.logStart = mixColours(base, text, 0.4);
    p.flash = p.dark ? QColor(0xff, 0xc8, 0x4a) : QColor(0xf2, 0xa3, 0x1b);
    p.replay = p.dark ? QColor(0x9f, 0x8c, 0xff) : QColor(0x6a, 0x4c, 0xd8);
    p.inactive = mixColours(base, text, 0.38);
    p.card = p.dark ? mixColours(base, text, 0.1) : QColor(0xff, 0xff, 0xff);
    p.cardBorder = mixColours(base, text, 0.25);
    p.selection = text;
    // Keys: a curated set of 20 distinguishable, calm colours (hue and lightness both vary, so
    // two keys rarely look alike); the key's hash bucket picks one, so a key keeps its colour.
    static constexpr std::array<QRgb, 20> kKeys = {0xff4e79a7, 0xfff28e2b, 0xff59a14f, 0xffe15759, 0xffb07aa1,
                                                   0xff499894, 0xffedc948, 0xff9d7660, 0xffa0cbe8, 0xffffbe7d,
                                                   0xff8cd17d, 0xffff9d9a, 0xffd4a6c8, 0xff86bcb6, 0xffb6992d,
                                                   0xffd37295, 0xff5f9ed1, 0xffd7b5a6, 0xffa5673f, 0xff7b66d2};
    p.keyColours[0] = mixColours(base, text, 0.35).rgba();
    for (int i = 1; i < 256; ++i) {
        const QColor c = QColor::fromRgba(kKeys[size_t(i - 1) % kKeys.size()]);
        p.keyColours[size_t(i)] = (p.dark ? c.lighter(108) : c).rgba();
    }
    return p;
}

} // namespace tidemark
