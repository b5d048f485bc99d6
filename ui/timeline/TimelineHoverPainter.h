#pragma once

// Draws what follows the pointer: the hover card over a record (or a column of records when
// zoomed out) or a marker, with a hairline over the lane, and the dashed marker and "from → to"
// pill of a committed marker being dragged (an offset-reset proposal).
//
// Thread: GUI thread only; lives for one paint pass (holds the pass's context).

#include "core/Record.h"
#include "ui/timeline/TimelinePaintSupport.h"

#include <QPoint>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

class QPainter;

namespace tidemark {

// The record under the pointer, once the loader fetched it for the hover card.
struct TimelineHoverRecord {
    int partition = -1;
    qint64 offset = -1;
    Record record;
};

// The dragged (or proposed) committed marker as the last paint drew it (canvas coordinates),
// for tests: the group, its partition's lane, from and to, the marker's x, and the "from → to"
// bubble, which stays inside the marker's own lane (beside the marker in the committed
// labels' row, or on the strip where the lane has no label rows).
struct TimelineDrawnDrag {
    int lane = -1;
    QString groupId;
    qint64 from = -1;
    qint64 to = -1;
    int x = 0;
    QString text;
    QRect bubble;
};

// The hover card as the last paint drew it (canvas coordinates), for tests: where it went
// (null: none), its bold title and its lines as drawn (elided where the canvas is narrow).
struct TimelineDrawnCard {
    QRect rect;
    QString title;
    QStringList lines;
};

class TimelineHoverPainter final {
public:
    explicit TimelineHoverPainter(const TimelinePaintContext &context) : m_ctx(context) {}

    // The card for whatever is under `pos` (nothing over an empty lane or outside the lanes).
    // Returns the card drawn (its rect null: none): always whole inside the canvas.
    TimelineDrawnCard paintHover(QPainter &p, QPoint pos, const std::optional<TimelineHoverRecord> &record) const;

    // Where a card of `size` goes for the pointer at `pos` within `bounds`: right of and below
    // the pointer, else left of or above it, else pushed inside (never past an edge); a card
    // wider or taller than `bounds` starts at its left or top.
    static QRect placeCard(QSize size, QPoint pos, const QRect &bounds);
    // `marker` dragged to `offset` (std::nullopt: not drawn, its lane is gone).
    std::optional<TimelineDrawnDrag> paintDrag(QPainter &p, const TimelineHit &marker, qint64 offset) const;

private:
    // The title and lines of a consumer position's card: named as its lane label names it
    // (timelinepaint::consumerLabel); an earlier membership of a restarted consumer says what
    // it still holds and until when, and once its session is over, that it is over.
    void consumerCard(const TimelineHit &hit, QString &title, QStringList &lines) const;

    static constexpr int kCardMargin = 4;   // between the card and the canvas's edges
    static constexpr int kCardPadding = 10; // between the card's edge and its text
    const TimelinePaintContext &m_ctx;
};

} // namespace tidemark
