#include "ui/timeline/TimelineInteraction.h"

#include <algorithm>
#include <cmath>

namespace tidemark {

void TimelineInteraction::press(QPoint pos)
{
    m_pressPos = m_lastPos = pos;
    m_moved = false;
    const TimelineHit hit = m_geometry.hitTest(m_pressPos);
    if (hit.kind == TimelineHit::Kind::Committed) {
        m_drag = Drag::Committed;
        m_dragHit = hit;
        m_dragOffset = hit.offset;
    } else {
        m_drag = Drag::Pan; // the proposal, if any, stays drawn
    }
}

TimelineInteraction::Effects TimelineInteraction::move(QPoint pos, bool leftHeld)
{
    Effects effects;
    m_hoverPos = pos;
    if (m_drag == Drag::Pan && leftHeld) {
        if ((pos - m_pressPos).manhattanLength() > 3)
            m_moved = true;
        if (m_moved) {
            const bool wasFollowing = m_viewport.isFollowingHead();
            m_viewport.panByPixels(pos.x() - m_lastPos.x());
            effects.userMovedView = true;
            effects.leftHead = wasFollowing;
            effects.cursor = Qt::ClosedHandCursor;
        }
    } else if (m_drag == Drag::Committed && leftHeld) {
        m_moved = m_moved || (pos - m_pressPos).manhattanLength() > 2;
        const int lane = m_model.laneOfPartition(m_dragHit.partition);
        if (lane >= 0) {
            const qint64 offset = qint64(std::llround(m_geometry.offsetAtX(pos.x())));
            m_dragOffset = std::clamp(offset, m_model.logStart(lane), m_model.highWatermark(lane));
        }
    } else {
        const TimelineHit hit = m_geometry.hitTest(pos);
        effects.cursor = hit.kind == TimelineHit::Kind::Committed ? Qt::SizeHorCursor : Qt::ArrowCursor;
        effects.wantHoverRecord = hit.kind == TimelineHit::Kind::Record;
    }
    m_lastPos = pos;
    return effects;
}

TimelineInteraction::Effects TimelineInteraction::release(QPoint pos)
{
    Effects effects;
    const Drag drag = m_drag;
    m_drag = Drag::None;
    effects.unsetCursor = true;
    if (drag == Drag::Pan && !m_moved) {
        const TimelineHit hit = m_geometry.hitTest(pos);
        if (hit.kind == TimelineHit::Kind::Record) {
            m_selection = std::make_pair(hit.partition, hit.offset);
            effects.activated = m_selection;
        }
    } else if (drag == Drag::Committed) {
        // Dropped elsewhere: the new proposal replaces any other and stays drawn until the view
        // confirms or cancels it. Dropped where it was: the earlier proposal, if any, stays.
        if (m_dragOffset >= 0 && m_dragOffset != m_dragHit.offset) {
            m_proposal = ShownProposal{m_dragHit, m_dragOffset};
            effects.proposal = ResetProposal{m_dragHit.groupId, m_dragHit.partition, m_dragHit.offset, m_dragOffset};
        }
        m_dragOffset = -1;
    }
    return effects;
}

TimelineInteraction::Effects TimelineInteraction::wheel(double x, QPoint delta, bool shift)
{
    Effects effects;
    const double plotX = x - m_geometry.plotRect().left();
    const bool horizontal = std::abs(delta.x()) > std::abs(delta.y()) || shift;
    if (horizontal) {
        const int d = std::abs(delta.x()) > std::abs(delta.y()) ? delta.x() : delta.y();
        const bool wasFollowing = m_viewport.isFollowingHead();
        m_viewport.panByPixels(d / 2.0);
        effects.leftHead = wasFollowing;
    } else if (delta.y() != 0) {
        m_viewport.zoomAt(plotX, std::pow(2.0, delta.y() / 480.0));
    }
    effects.userMovedView = true;
    return effects;
}

TimelineInteraction::Effects TimelineInteraction::zoomAt(double x, double factor)
{
    Effects effects;
    m_viewport.zoomAt(x - m_geometry.plotRect().left(), factor);
    effects.userMovedView = true;
    return effects;
}

void TimelineInteraction::showProposal(const QString &groupId, int partition, qint64 from, qint64 to)
{
    TimelineHit hit;
    hit.kind = TimelineHit::Kind::Committed;
    hit.lane = m_model.laneOfPartition(partition);
    hit.partition = partition;
    hit.offset = from;
    hit.groupId = groupId;
    m_proposal = ShownProposal{hit, to}; // drawn once a drag in progress, if any, ends
}

} // namespace tidemark
