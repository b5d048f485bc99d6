#pragma once

// Draws the frame around the lanes: the offset axis on top, each lane's label in the gutter
// (partition, owner dot, record count or owner), the legend at the bottom (groups with their
// lag, consumers with their state, the record total; what does not fit is counted in a
// "+N more", the consumers that hold partitions kept before stopped ones; a stopped group is
// one entry, "stopped", as its markers on the lanes, its stopped members not listed), and the
// texts shown instead of lanes.
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "ui/timeline/TimelinePaintSupport.h"

#include <QColor>
#include <QRect>
#include <QStringList>

#include <vector>

class QPainter;

namespace tidemark {

// One entry of the legend as a paint drew it (canvas coordinates), for tests and tooltips.
struct TimelineLegendEntry {
    enum class Kind {
        Group,    // text: the group id; detail: "lag 382", "stopped · lag 382" (nobody reads for it)
        Consumer, // text: the consumer id; detail: its state ("killed · 5 s", "stopped"), empty if running
        Owners,   // text: "owners, last 14 s" (the bands under the lanes)
        More,     // text: "+2 more"; hidden: the names of the entries left out for lack of room
        Hint,     // text: "No consumer group reads this topic yet." as drawn (without any entry above)
    };
    Kind kind = Kind::Group;
    QString text;
    QString detail;
    QStringList hidden;
    QRect rect;
    QColor colour; // its glyph's (a group's committed marker colour, a consumer's)
};

// The highlight's text in the legend as a paint drew it, right of the entries ("key == "00023":
// 134 matches, all on P0 · zoom in to see each"): it yields first when the legend is short of
// room (its last part dropped, then elided), so that the entries on the left stay readable;
// `whole` is what it says in full (its tooltip).
struct TimelineLegendLead {
    QString text; // as drawn (empty: no highlight)
    QString whole;
    QRect rect;
};

// A lane's header as a paint drew it (canvas coordinates): the line under the partition's
// name, its owner ("billing #2 (old)" where the whole name does not fit) or its record count.
struct TimelineLaneHeader {
    int lane = -1;
    QString text;  // as drawn (elided only when even the brief form does not fit)
    QString whole; // the owner's whole name (the hover card's), or the text
    QRect rect;    // where the text went
};

class TimelineChromePainter final {
public:
    explicit TimelineChromePainter(const TimelinePaintContext &context) : m_ctx(context) {}

    void paintAxis(QPainter &p, const TimelineFrame &frame) const;
    // Returns the line drawn under the partition's name (lane -1: none).
    TimelineLaneHeader paintGutter(QPainter &p, int lane, const TimelineLaneFrame &lf) const;
    // `records`: the total shown; `loading`: the loader has reads to do; `sampled`: what
    // sampledText() said (empty: nothing); `highlighted`: what the highlight matched, in the
    // forms TimelineHighlightPainter::legendTexts() gives, longest first (empty: nothing).
    // Returns the entries drawn, in order; when not all fit, the last is a "+N more" (More).
    // `lead` (if given) gets where the highlight's text went.
    std::vector<TimelineLegendEntry> paintLegend(QPainter &p, const TimelineFrame &frame, qint64 records, bool loading,
                                                 const QString &sampled, const QStringList &highlighted = {},
                                                 TimelineLegendLead *lead = nullptr) const;
    // Instead of lanes: `text` centred (muted unless it reports a problem).
    void paintPlaceholder(QPainter &p, const QString &text, bool muted) const;
    // A topic without records: a card in the middle of the plot.
    void paintNoRecordsHint(QPainter &p) const;
    // "sampled: 1 in 20,000 records" when the visible records are drawn from a sample (some
    // of them only sampled, not read), else empty.
    QString sampledText() const;
    // The legend's total: "3 partitions · 1 record" (the language's plural forms; counts of
    // a thousand and more in short form, "1.2k records").
    static QString summaryText(int partitions, qint64 records);

private:
    const TimelinePaintContext &m_ctx;
};

} // namespace tidemark
