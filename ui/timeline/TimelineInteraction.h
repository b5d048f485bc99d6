#pragma once

// What the pointer does on the timeline: pan by dragging, click to select a record, drag a
// group's committed marker to propose an offset reset, hover, wheel and pinch zoom. It keeps
// the interaction's state (the drag, the hovered point, the selection, the proposal) and moves
// the viewport; what the canvas must do in turn (emit a signal, change the cursor, stop
// auto-fitting, fetch the hovered record) comes back as Effects, so this class needs no widget.
//
// Thread: GUI thread only. The geometry, viewport and model belong to the canvas, which
// outlives it.

#include "core/timeline/TimelineModel.h"
#include "core/timeline/TimelineViewport.h"
#include "ui/timeline/TimelineGeometry.h"

#include <QPoint>
#include <QString>

#include <optional>
#include <utility>

namespace tidemark {

class TimelineInteraction final {
public:
    enum class Drag { None, Pan, Committed };

    struct ResetProposal {
        QString groupId;
        int partition = -1;
        qint64 from = -1;
        qint64 to = -1;
    };
    // What an event asks of the canvas.
    struct Effects {
        bool leftHead = false;      // the view stopped following the head
        bool userMovedView = false; // the user panned or zoomed: stop auto-fitting
        std::optional<Qt::CursorShape> cursor;
        bool unsetCursor = false;
        bool wantHoverRecord = false;                    // the pointer rests on a record: fetch it (after a delay)
        std::optional<std::pair<int, qint64>> activated; // partition, offset clicked
        std::optional<ResetProposal> proposal;           // a committed marker dropped elsewhere
    };

    TimelineInteraction(const TimelineGeometry &geometry, TimelineViewport &viewport, const TimelineModel &model)
        : m_geometry(geometry), m_viewport(viewport), m_model(model)
    {}

    // Left button pressed at `pos`: a committed marker starts a drag, anything else a pan.
    void press(QPoint pos);
    Effects move(QPoint pos, bool leftHeld);
    Effects release(QPoint pos);
    void leave() { m_hoverPos.reset(); }
    // A wheel turn at `x` (canvas coordinates): zooms, or pans when horizontal or with Shift.
    Effects wheel(double x, QPoint angleDelta, bool shift);
    // A pinch by `factor` around `x` (canvas coordinates).
    Effects zoomAt(double x, double factor);

    Drag drag() const { return m_drag; }
    std::optional<QPoint> hoverPos() const { return m_hoverPos; }
    std::optional<std::pair<int, qint64>> selection() const { return m_selection; }
    void clearSelection() { m_selection.reset(); }
    // The committed marker being dragged, else the one proposed to move, and where to (-1: none).
    const TimelineHit &dragHit() const
    {
        return m_drag == Drag::Committed || !m_proposal ? m_dragHit : m_proposal->marker;
    }
    qint64 dragOffset() const { return m_drag == Drag::Committed ? m_dragOffset : m_proposal ? m_proposal->to : -1; }
    // A proposal is drawn from its drop (or showProposal) until clearProposal or the next drop
    // elsewhere: a click or a pan in between leaves it (the bar that asks about it stays).
    bool hasProposal() const { return m_proposal.has_value(); }
    // Draws `groupId`'s committed marker of `partition` proposed to move from `from` to `to`,
    // as if it had been dragged there (a proposal made elsewhere, or made again).
    void showProposal(const QString &groupId, int partition, qint64 from, qint64 to);
    void clearProposal() { m_proposal.reset(); }

private:
    const TimelineGeometry &m_geometry;
    TimelineViewport &m_viewport;
    const TimelineModel &m_model;
    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_moved = false;
    TimelineHit m_dragHit;    // while m_drag is Committed
    qint64 m_dragOffset = -1; // while m_drag is Committed: where the marker is dragged to
    // The proposal drawn on its lane: its own state, apart from the drag's (a pan's press once
    // reset the shared offset and erased the proposal while the bar still offered to apply it).
    struct ShownProposal {
        TimelineHit marker;
        qint64 to = -1;
    };
    std::optional<ShownProposal> m_proposal;
    std::optional<QPoint> m_hoverPos;
    std::optional<std::pair<int, qint64>> m_selection; // partition, offset
};

} // namespace tidemark
