#pragma once

// Draws the frame around the lanes: the offset axis on top, each lane's label in the gutter
// (partition, owner dot, record count or owner), the legend at the bottom (groups with their
// lag, consumers with their state, the record total), and the texts shown instead of lanes.
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "ui/timeline/TimelinePaintSupport.h"

class QPainter;

namespace tidemark {

class TimelineChromePainter final {
public:
    explicit TimelineChromePainter(const TimelinePaintContext &context) : m_ctx(context) {}

    void paintAxis(QPainter &p, const TimelineFrame &frame) const;
    void paintGutter(QPainter &p, int lane, const TimelineLaneFrame &lf) const;
    // `records`: the total shown; `loading`: the loader has reads to do; `sampled`: what
    // sampledText() said (empty: nothing); `highlighted`: what the highlight matched (first).
    void paintLegend(QPainter &p, const TimelineFrame &frame, qint64 records, bool loading, const QString &sampled,
                     const QString &highlighted = {}) const;
    // Instead of lanes: `text` centred (muted unless it reports a problem).
    void paintPlaceholder(QPainter &p, const QString &text, bool muted) const;
    // A topic without records: a card in the middle of the plot.
    void paintNoRecordsHint(QPainter &p) const;
    // "sampled: 1 in 20,000 records" when the visible records are drawn from a sample (some
    // of them only sampled, not read), else empty.
    QString sampledText() const;

private:
    const TimelinePaintContext &m_ctx;
};

} // namespace tidemark
