#pragma once

// The timeline's colours, derived from the widget palette so they work in light and dark
// themes: calm key colours (a stable colour per key-hash bucket, from a curated set of 20), a qualitative palette for
// consumers and a deeper one for groups, and the "tide" colour of the high watermark.
//
// Thread: a plain value, built and used on the GUI thread.

#include <QColor>
#include <QPalette>

#include <array>

namespace tidemark {

struct TimelinePalette {
    bool dark = false;
    QColor background; // behind everything
    QColor track;      // an empty lane
    QColor log;        // the part of a lane that holds the log (log start .. high watermark)
    QColor grid;       // axis grid lines
    QColor text;       // labels
    QColor mutedText;  // secondary labels
    QColor unloaded;   // offsets whose summaries are not loaded yet
    QColor tide;       // the high watermark
    QColor logStart;   // the log start
    QColor flash;      // re-delivered offsets (at-least-once after a kill)
    QColor replay;     // replayed offsets (after an offset reset, on purpose)
    QColor inactive;   // stopped and killed consumers
    QColor card;       // hover card background
    QColor cardBorder;
    QColor selection;
    std::array<QRgb, 256> keyColours{}; // by LaneSummary::colourIndex (0: null key)

    QColor consumerColour(int index) const; // -1: nobody (neutral)
    QColor groupColour(int index) const;

    // Text in `colour` that reads on `on`: the colour itself (opaque) if its contrast with `on`
    // is at least kMinTextContrast, else the least mix of it towards `text` that is. Every
    // label drawn next to a marker goes through it, so that a greyed (killed, stopped) or pale
    // marker colour still gives a readable label in both themes.
    QColor readableOn(const QColor &colour, const QColor &on) const;

    static TimelinePalette fromPalette(const QPalette &palette);
};

// WCAG 2.x, normal text (AA): the contrast a label needs against what it is drawn on.
inline constexpr double kMinTextContrast = 4.5;
// WCAG 2.x relative luminance of an opaque colour (0: black .. 1: white), and the contrast ratio
// of two (1 .. 21).
double relativeLuminance(const QColor &colour);
double contrastRatio(const QColor &a, const QColor &b);

// Linear mix of two colours: t = 0 gives a, t = 1 gives b.
QColor mixColours(const QColor &a, const QColor &b, double t);
QRgb mixRgb(QRgb a, QRgb b, double t);

} // namespace tidemark
