#include "ui/timeline/TimelineCanvas.h"

#include "core/timeline/TimelineHighlight.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/timeline/TimelineChromePainter.h"
#include "ui/timeline/TimelineLaneRasterizer.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QGestureEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QResizeEvent>
#include <QScrollBar>
#include <QShortcut>
#include <QToolTip>
#include <QWheelEvent>
#include <QWindow>

#include <algorithm>
#include <cmath>

namespace tidemark {

TimelineCanvas::TimelineCanvas(TimelineModel *model, TimelineLoader *loader, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_loader(loader),
      m_scrollBar(new QScrollBar(Qt::Vertical, this)),
      m_keyShortcut(new QShortcut(QKeySequence(Qt::Key_K), this)),
      m_escapeShortcut(new QShortcut(QKeySequence(Qt::Key_Escape), this)),
      m_geometry(this, m_scrollBar, model, &m_viewport),
      m_interaction(m_geometry, m_viewport, *model)
{
    setObjectName(QStringLiteral("timelineCanvas"));
    setAccessibleName(tr("Partition timelines"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 160);
    grabGesture(Qt::PinchGesture);
    m_palette = TimelinePalette::fromPalette(palette());
    m_scrollBar->setObjectName(QStringLiteral("timelineScrollBar"));
    m_scrollBar->hide();
    connect(m_scrollBar, &QScrollBar::valueChanged, this, [this] {
        updateLayout();
        update();
    });

    // K over the canvas without its focus (the window's shortcut; a focused text field's
    // ShortcutOverride keeps the letter for itself). With the focus, keyPressEvent answers.
    m_keyShortcut->setContext(Qt::WindowShortcut);
    m_keyShortcut->setEnabled(false);
    connect(m_keyShortcut, &QShortcut::activated, this, &TimelineCanvas::requestKeyHighlight);
    // Esc as K, enabled only while it has something to cancel or clear (updateShortcuts), so
    // that it takes no Esc from the rest of the window otherwise. Dialogs are windows of their own.
    m_escapeShortcut->setContext(Qt::WindowShortcut);
    m_escapeShortcut->setEnabled(false);
    connect(m_escapeShortcut, &QShortcut::activated, this, &TimelineCanvas::escape);

    m_frameTimer.setInterval(kFrameIntervalMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &TimelineCanvas::onFrameTick);
    m_historyTimer.setInterval(1000);
    connect(&m_historyTimer, &QTimer::timeout, this, [this] {
        if (m_model->ownership().isEmpty())
            m_historyTimer.stop();
        update();
    });
    m_hoverTimer.setSingleShot(true);
    m_hoverTimer.setInterval(120);
    connect(&m_hoverTimer, &QTimer::timeout, this, &TimelineCanvas::requestHoverRecord);

    connect(m_model, &TimelineModel::changed, this, &TimelineCanvas::onModelChanged);
    connect(m_model, &TimelineModel::lanesChanged, this, &TimelineCanvas::onLanesChanged);
    if (m_loader) {
        connect(m_loader, &TimelineLoader::recordReady, this,
                [this](int partition, qint64 offset, const Record &record) {
                    m_hoverRecord = TimelineHoverRecord{partition, offset, record};
                    update();
                    // Still resting on it (the pointer may have moved on while it was read)?
                    const std::optional<QPoint> hover = m_interaction.hoverPos();
                    const TimelineHit hit = hover ? hitTest(*hover) : TimelineHit{};
                    if (hit.kind == TimelineHit::Kind::Record && hit.partition == partition && hit.offset == offset) {
                        m_recordHovered = true;
                        emit recordHovered(record);
                    }
                });
    }
    updateLayout();
}

TimelineCanvas::~TimelineCanvas() = default;

void TimelineCanvas::setColourMode(TimelineColourMode mode)
{
    if (mode == m_colourMode)
        return;
    m_colourMode = mode;
    update();
}

void TimelineCanvas::setHighlight(const TimelineHighlight *highlight)
{
    if (m_highlight)
        disconnect(m_highlight, nullptr, this, nullptr);
    m_highlight = highlight;
    if (m_highlight) {
        connect(m_highlight, &TimelineHighlight::changed, this, qOverload<>(&TimelineCanvas::update));
        connect(m_highlight, &TimelineHighlight::changed, this, &TimelineCanvas::updateShortcuts);
    }
    updateShortcuts();
    update();
}

void TimelineCanvas::setHoverHighlight(const TimelineHighlight *highlight)
{
    if (m_hoverHighlight)
        disconnect(m_hoverHighlight, nullptr, this, nullptr);
    m_hoverHighlight = highlight;
    if (m_hoverHighlight)
        connect(m_hoverHighlight, &TimelineHighlight::changed, this, [this] {
            if (!m_highlight || !m_highlight->isActive()) // else not drawn: nothing to repaint
                update();
        });
    update();
}

const TimelineHighlight *TimelineCanvas::shownHighlight() const
{
    if (m_highlight && m_highlight->isActive())
        return m_highlight;
    if (m_hoverHighlight && m_hoverHighlight->isActive())
        return m_hoverHighlight;
    return nullptr;
}

std::vector<TimelineHighlightTick> TimelineCanvas::highlightTicks() const
{
    std::vector<TimelineHighlightTick> out;
    const TimelineHighlight *shown = shownHighlight();
    if (!shown)
        return out;
    const TimelinePaintContext context = paintContext();
    const TimelineHighlightPainter painter(context, *shown);
    for (int lane = 0; lane < m_model->laneCount(); ++lane) {
        if (!laneRect(lane).intersects(m_geometry.lanesClip()))
            continue;
        const auto ticks = painter.ticks(lane);
        out.insert(out.end(), ticks.begin(), ticks.end());
    }
    return out;
}

std::vector<TimelineHighlightLane> TimelineCanvas::highlightLanes() const
{
    std::vector<TimelineHighlightLane> out;
    const TimelineHighlight *shown = shownHighlight();
    if (!shown)
        return out;
    const TimelinePaintContext context = paintContext();
    const TimelineHighlightPainter painter(context, *shown);
    for (int lane = 0; lane < m_model->laneCount(); ++lane)
        if (laneRect(lane).intersects(m_geometry.lanesClip()))
            if (const auto mark = painter.laneMark(lane))
                out.push_back(*mark);
    return out;
}

QString TimelineCanvas::highlightText() const { return highlightTexts().value(0); }

QStringList TimelineCanvas::highlightTexts() const
{
    const TimelineHighlight *shown = shownHighlight();
    if (!shown)
        return {};
    const TimelinePaintContext context = paintContext();
    return TimelineHighlightPainter(context, *shown).legendTexts();
}

void TimelineCanvas::setFollowHead(bool follow)
{
    if (follow == m_viewport.isFollowingHead())
        return;
    m_viewport.setFollowHead(follow);
    emit followHeadChanged(follow);
    update();
    kick();
}

void TimelineCanvas::fit()
{
    m_autoFit = true;
    m_needFit = true;
    update();
}

void TimelineCanvas::showProposal(const QString &groupId, int partition, qint64 from, qint64 to)
{
    m_interaction.showProposal(groupId, partition, from, to);
    updateShortcuts();
    update();
}

void TimelineCanvas::clearProposal()
{
    m_interaction.clearProposal();
    updateShortcuts();
    update();
}

void TimelineCanvas::zoomBy(double factor)
{
    const std::optional<QPoint> hover = m_interaction.hoverPos();
    const double x = hover ? hover->x() - plotRect().left() : m_viewport.width() / 2;
    m_viewport.zoomAt(x, factor);
    m_autoFit = false;
    update();
}

void TimelineCanvas::showRange(double from, double to)
{
    const bool follow = m_viewport.isFollowingHead();
    m_autoFit = false;
    m_viewport.showRange(from, to);
    if (follow)
        emit followHeadChanged(false);
    update();
}

void TimelineCanvas::onModelChanged()
{
    update();
    kick();
}

void TimelineCanvas::onLanesChanged()
{
    if (m_model->laneCount() == 0) {
        m_autoFit = true;
        m_needFit = true;
    } else {
        m_problem.clear();
    }
    m_hoverRecord.reset();
    endRecordHover();
    m_interaction.clearSelection();
    updateLayout();
    update();
}

void TimelineCanvas::kick()
{
    if (isVisible() && !m_frameTimer.isActive())
        m_frameTimer.start();
}

void TimelineCanvas::onFrameTick()
{
    // Paused while hidden or minimised; time-based animations catch up when shown again.
    if (!isVisible() || (window() && window()->isMinimized())) {
        m_frameTimer.stop();
        return;
    }
    update();
}

void TimelineCanvas::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    kick();
}

void TimelineCanvas::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_frameTimer.stop();
    m_historyTimer.stop();
}

void TimelineCanvas::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_palette = TimelinePalette::fromPalette(palette());
        update();
    } else if (event->type() == QEvent::FontChange) {
        updateLayout();
    }
    QWidget::changeEvent(event);
}

void TimelineCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateLayout();
    // A fitted view stays fitted: a wider window shows the same records wider, not more
    // empty axis (1024 -> 1600 px had left the data ending at 55% of the axis).
    if (m_autoFit && !m_viewport.isFollowingHead() && event->oldSize().width() != width()) {
        m_needFit = true;
        m_glide.active = false;
        update();
    }
}

void TimelineCanvas::updateLayout() { m_geometry.update(); }

QRect TimelineCanvas::plotRect() const { return m_geometry.plotRect(); }
QRect TimelineCanvas::laneRect(int lane) const { return m_geometry.laneRect(lane); }
QRect TimelineCanvas::stripRect(int lane) const { return m_geometry.stripRect(lane); }
QRect TimelineCanvas::ownershipRect(int lane) const { return m_geometry.ownershipRect(lane); }
double TimelineCanvas::xForOffset(double offset) const { return m_geometry.xForOffset(offset); }
double TimelineCanvas::offsetAtX(double x) const { return m_geometry.offsetAtX(x); }
TimelineHit TimelineCanvas::hitTest(QPoint pos) const { return m_geometry.hitTest(pos); }

TimelinePaintContext TimelineCanvas::paintContext() const
{
    return TimelinePaintContext{*m_model, m_viewport, m_geometry, m_palette, font(), width(), height(), m_colourMode};
}

void TimelineCanvas::syncViewport(const TimelineFrame &frame)
{
    if (frame.lanes.empty())
        return;
    double start = frame.lanes.front().shownLogStart, end = 0;
    for (const TimelineLaneFrame &lf : frame.lanes) {
        start = std::min(start, lf.shownLogStart);
        end = std::max(end, lf.shownHighWatermark);
    }
    m_viewport.setContent(start, end);
    const qint64 now = frame.timeMs;
    if (!m_autoFit || m_viewport.isFollowingHead())
        m_glide.active = false;
    if (m_glide.active) {
        const double t = std::clamp(double(now - m_glide.startMs) / kRefitMs, 0.0, 1.0);
        const double e = 1 - (1 - t) * (1 - t) * (1 - t);
        const double perPixel = std::exp(std::log(m_glide.fromPerPixel) +
                                         (std::log(m_glide.toPerPixel) - std::log(m_glide.fromPerPixel)) * e);
        m_viewport.setState(m_glide.fromFirst + (m_glide.toFirst - m_glide.fromFirst) * e, perPixel);
        m_glide.active = t < 1;
    } else if (m_autoFit && !m_viewport.isFollowingHead()) {
        // Refit when the content outgrows the view or shrinks to a sliver of it, leaving room
        // to grow so that new records visibly extend the lanes. The first fit is immediate,
        // later ones glide.
        const double visible = m_viewport.lastOffset() - m_viewport.firstOffset();
        if (m_needFit) {
            m_viewport.fit(0.2);
        } else if (end > m_viewport.lastOffset() - 0.01 * visible || start < m_viewport.firstOffset() ||
                   (end - start) < 0.35 * visible) {
            TimelineViewport target = m_viewport;
            target.fit(0.2);
            m_glide = ViewGlide{m_viewport.firstOffset(),
                                target.firstOffset(),
                                m_viewport.offsetsPerPixel(),
                                target.offsetsPerPixel(),
                                now,
                                true};
        }
    }
    m_needFit = false;
    m_viewport.followHead(end);
    if (m_loader)
        m_loader->setVisibleRange(m_viewport.firstOffset(), m_viewport.lastOffset(), int(m_viewport.width()));
}

void TimelineCanvas::paintEvent(QPaintEvent *)
{
    const qint64 now = m_model->now();
    TimelineFrame frame = m_model->frame(now);
    if (m_geometry.laneHeight() == 0 && m_model->laneCount() > 0)
        updateLayout();
    syncViewport(frame);

    if (m_image.size() != size())
        m_image = QImage(size(), QImage::Format_ARGB32_Premultiplied);
    m_image.fill(m_palette.background);
    const TimelinePaintContext context = paintContext();
    const TimelineChromePainter chrome(context);

    if (m_model->topic().isEmpty() || frame.lanes.empty()) {
        m_markerLabels.clear();
        m_drawnMarkers.clear();
        m_drawnFlashes.clear();
        m_legendEntries.clear();
        m_laneHeaders.clear();
        m_legendLead = {};
        m_hoverCard = {};
        m_drawnDrag.reset();
        QPainter p(this);
        p.fillRect(rect(), m_palette.background);
        p.setRenderHint(QPainter::Antialiasing);
        chrome.paintAxis(p, frame);
        chrome.paintPlaceholder(p, placeholderText(), m_problem.isEmpty() || m_model->topic().isEmpty());
        return;
    }

    // Pass 1: tracks and grid; pass 2: records, rasterised straight into the image (zoomed out) ...
    const TimelineLaneRasterizer rasterizer(context);
    rasterizer.paintTracks(m_image, frame);
    rasterizer.rasterLanes(m_image, frame);
    // ... pass 3: blocks (zoomed in), overlays, markers and labels, straight on the widget so
    // that text and lines stay sharp on high-DPI screens (the raster is at logical pixels).
    {
        QPainter p(this);
        p.drawImage(rect(), m_image);
        p.setRenderHint(QPainter::Antialiasing);
        const TimelineHit *dragged = m_interaction.dragOffset() >= 0 ? &m_interaction.dragHit() : nullptr;
        m_markerLabels.clear();
        m_drawnFlashes.clear();
        m_drawnMarkers.clear();
        m_laneHeaders.clear();
        const TimelineMarkerPainter markers(context,
                                            TimelineMarkerPainter::Interaction{m_interaction.selection(), dragged},
                                            &m_markerLabels, &m_drawnFlashes, &m_drawnMarkers);
        bool paintedLanes = false;
        for (int lane = 0; lane < int(frame.lanes.size()); ++lane) {
            const QRect laneBox = laneRect(lane);
            if (!laneBox.intersects(m_geometry.lanesClip()))
                continue;
            p.save();
            p.setClipRect(m_geometry.lanesClip());
            if (TimelineLaneRasterizer::drawsBlocks(m_viewport))
                rasterizer.paintBlocks(p, lane, frame);
            if (const TimelineHighlight *shown = shownHighlight())
                TimelineHighlightPainter(context, *shown).paintLane(p, lane);
            // Lane separator.
            p.setPen(QPen(m_palette.grid, 1));
            p.drawLine(QPointF(8, laneBox.bottom() + 0.5), QPointF(laneBox.right(), laneBox.bottom() + 0.5));
            markers.paintMarkers(p, lane, frame);
            markers.paintOwnership(p, lane, frame);
            if (TimelineLaneHeader header = chrome.paintGutter(p, lane, frame.lanes[size_t(lane)]); header.lane >= 0)
                m_laneHeaders.push_back(std::move(header));
            p.restore();
            paintedLanes = true;
        }
        if (paintedLanes && !frame.ownership.empty() && !m_historyTimer.isActive() && isVisible())
            m_historyTimer.start();
        chrome.paintAxis(p, frame);
        const QString sampled = chrome.sampledText();
        m_legendEntries = chrome.paintLegend(p, frame, displayedRecordCount(), m_loader && m_loader->isLoading(),
                                             sampled, highlightTexts(), &m_legendLead);
        if (sampled != m_sampledText) {
            m_sampledText = sampled;
            // After this paint: a listener may change the layout.
            QMetaObject::invokeMethod(
                this, [this] { emit sampledChanged(m_sampledText); }, Qt::QueuedConnection);
        }
        const TimelineHoverPainter hover(context);
        const TimelineInteraction::Drag drag = m_interaction.drag();
        m_hoverCard = {};
        m_drawnDrag.reset();
        if (drag == TimelineInteraction::Drag::Committed || m_interaction.dragOffset() >= 0)
            m_drawnDrag = hover.paintDrag(p, m_interaction.dragHit(), m_interaction.dragOffset());
        else if (m_interaction.hoverPos() && drag != TimelineInteraction::Drag::Pan)
            m_hoverCard = hover.paintHover(p, *m_interaction.hoverPos(), m_hoverRecord);
        if (m_model->recordCount() == 0)
            chrome.paintNoRecordsHint(p);
    }
    if (frame.animating || m_glide.active)
        kick();
    else
        m_frameTimer.stop();
}

void TimelineCanvas::setProblem(const QString &message)
{
    m_problem = message;
    update();
}

QString TimelineCanvas::placeholderText() const
{
    if (m_model->topic().isEmpty())
        return tr("Choose a topic to see its partitions as timelines.");
    if (!m_problem.isEmpty())
        return m_problem;
    return tr("Loading topic '%1'…").arg(m_model->topic());
}

qint64 TimelineCanvas::displayedRecordCount() const { return m_model->recordCount(); }

void TimelineCanvas::requestHoverRecord()
{
    const std::optional<QPoint> hover = m_interaction.hoverPos();
    if (!m_loader || !hover)
        return;
    const TimelineHit hit = hitTest(*hover);
    if (hit.kind != TimelineHit::Kind::Record || m_viewport.offsetsPerPixel() > 1.5)
        return;
    if (m_hoverRecord && m_hoverRecord->partition == hit.partition && m_hoverRecord->offset == hit.offset) {
        if (!m_recordHovered) { // back on the record read last: no need to read it again
            m_recordHovered = true;
            emit recordHovered(m_hoverRecord->record);
        }
        return;
    }
    m_loader->requestRecord(hit.partition, hit.offset);
}

void TimelineCanvas::endRecordHover()
{
    if (!m_recordHovered)
        return;
    m_recordHovered = false;
    emit recordHoverEnded();
}

void TimelineCanvas::apply(const TimelineInteraction::Effects &effects)
{
    if (effects.userMovedView)
        m_autoFit = false;
    if (effects.leftHead)
        emit followHeadChanged(false);
    if (effects.cursor)
        setCursor(*effects.cursor);
    if (effects.unsetCursor)
        unsetCursor();
    if (effects.wantHoverRecord)
        m_hoverTimer.start();
    if (effects.activated)
        emit recordActivated(TopicPartition{m_model->topic(), effects.activated->first}, effects.activated->second);
    if (const auto &r = effects.proposal)
        emit offsetResetProposed(r->groupId, r->partition, r->from, r->to);
}

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_interaction.press(event->position().toPoint());
    update();
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    m_pointerInside = true; // (an Enter may not have come)
    updateShortcuts();
    const TimelineInteraction::Effects effects =
        m_interaction.move(event->position().toPoint(), event->buttons() & Qt::LeftButton);
    apply(effects);
    if (!effects.wantHoverRecord)
        endRecordHover();
    update();
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    apply(m_interaction.release(event->position().toPoint()));
    updateShortcuts(); // a drop draws a proposal
    update();
}

void TimelineCanvas::wheelEvent(QWheelEvent *event)
{
    if (event->position().x() < plotRect().left() && m_scrollBar->isVisible()) {
        // Over the partition labels the wheel scrolls the lanes.
        QApplication::sendEvent(m_scrollBar, event);
        return;
    }
    apply(m_interaction.wheel(event->position().x(), event->angleDelta(), event->modifiers() & Qt::ShiftModifier));
    event->accept();
    update();
}

QList<TimelineCanvas::KeyBinding> TimelineCanvas::keyBindings()
{
    // Keep in step with keyPressEvent below.
    return {
        {tr("Timeline: zoom in"), {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}},
        {tr("Timeline: zoom out"), {QKeySequence(Qt::Key_Minus)}},
        {tr("Timeline: scroll back / forward"), {QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_Right)}},
        {tr("Timeline: go to the first record"), {QKeySequence(Qt::Key_Home)}},
        {tr("Timeline: follow the newest records"), {QKeySequence(Qt::Key_End)}},
        {tr("Timeline: fit everything"), {QKeySequence(Qt::Key_F), QKeySequence(Qt::Key_0)}},
        {tr("Timeline: highlight the key of the record under the pointer (or clicked last)"),
         {QKeySequence(Qt::Key_K)}},
        {tr("Timeline: clear the key highlight, or cancel a proposed offset reset"), {QKeySequence(Qt::Key_Escape)}},
    };
}

void TimelineCanvas::keyPressEvent(QKeyEvent *event)
{
    const double step = m_viewport.width() * 0.15;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.5); break;
    case Qt::Key_Minus: zoomBy(1 / 1.5); break;
    case Qt::Key_Left:
        setFollowHead(false);
        m_viewport.panByPixels(step);
        break;
    case Qt::Key_Right:
        setFollowHead(false);
        m_viewport.panByPixels(-step);
        break;
    case Qt::Key_Home:
        setFollowHead(false);
        m_viewport.panByPixels(m_viewport.width() * 1e6); // clamps at the start
        break;
    case Qt::Key_End: setFollowHead(true); break;
    case Qt::Key_F:
    case Qt::Key_0: fit(); break;
    case Qt::Key_Escape:
        if (!escape())
            QWidget::keyPressEvent(event);
        return;
    case Qt::Key_K: requestKeyHighlight(); return;
    default: QWidget::keyPressEvent(event); return;
    }
    if (event->key() != Qt::Key_F && event->key() != Qt::Key_0 && event->key() != Qt::Key_End)
        m_autoFit = false;
    update();
}

void TimelineCanvas::requestKeyHighlight()
{
    // The record under the pointer, else the one clicked last.
    const std::optional<QPoint> hover = m_interaction.hoverPos();
    const TimelineHit hit = hover ? hitTest(*hover) : TimelineHit{};
    if (hit.kind == TimelineHit::Kind::Record)
        emit highlightKeyRequested(hit.partition, hit.offset);
    else if (const auto selected = m_interaction.selection())
        emit highlightKeyRequested(selected->first, selected->second);
}

bool TimelineCanvas::escape()
{
    if (hasProposal()) {
        emit resetCancelRequested();
        return true;
    }
    if (m_highlight && m_highlight->isActive()) {
        emit highlightClearRequested();
        return true;
    }
    return false;
}

void TimelineCanvas::updateShortcuts()
{
    m_keyShortcut->setEnabled(m_pointerInside);
    m_escapeShortcut->setEnabled(m_pointerInside && (hasProposal() || (m_highlight && m_highlight->isActive())));
}

void TimelineCanvas::contextMenuEvent(QContextMenuEvent *event)
{
    const TimelineHit hit = hitTest(event->pos());
    const bool active = m_highlight && m_highlight->isActive();
    if (hit.kind != TimelineHit::Kind::Record && !active) {
        event->ignore();
        return;
    }
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("timelineMenu"));
    if (hit.kind == TimelineHit::Kind::Record) {
        QAction *key = menu.addAction(tr("Highlight This Key (K)"));
        key->setObjectName(QStringLiteral("highlightKeyAction"));
        connect(key, &QAction::triggered, this, [this, hit] { emit highlightKeyRequested(hit.partition, hit.offset); });
    }
    if (active) {
        QAction *clear = menu.addAction(tr("Clear Highlight (Esc)"));
        clear->setObjectName(QStringLiteral("clearHighlightAction"));
        connect(clear, &QAction::triggered, this, &TimelineCanvas::highlightClearRequested);
    }
    menu.exec(event->globalPos());
}

void TimelineCanvas::enterEvent(QEnterEvent *event)
{
    m_pointerInside = true;
    updateShortcuts();
    QWidget::enterEvent(event);
}

void TimelineCanvas::leaveEvent(QEvent *event)
{
    m_pointerInside = false;
    updateShortcuts();
    m_interaction.leave();
    m_hoverTimer.stop();
    endRecordHover();
    update();
    QWidget::leaveEvent(event);
}

bool TimelineCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        // "+N more" in the legend: which entries it stands for.
        const QPoint pos = static_cast<QHelpEvent *>(event)->pos();
        for (const TimelineLegendEntry &e : m_legendEntries) {
            if (e.kind == TimelineLegendEntry::Kind::More && e.rect.contains(pos)) {
                QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), e.hidden.join(QLatin1Char('\n')),
                                   this, e.rect);
                return true;
            }
        }
        // The highlight's text, cut for room: what it says in full.
        if (m_legendLead.rect.contains(pos) && m_legendLead.text != m_legendLead.whole) {
            QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), m_legendLead.whole, this,
                               m_legendLead.rect);
            return true;
        }
    } else if (event->type() == QEvent::NativeGesture) {
        auto *g = static_cast<QNativeGestureEvent *>(event);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            apply(m_interaction.zoomAt(g->position().x(), 1.0 + g->value()));
            update();
            return true;
        }
    } else if (event->type() == QEvent::Gesture) {
        auto *ge = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(ge->gesture(Qt::PinchGesture))) {
            const QPointF centre = mapFromGlobal(pinch->centerPoint().toPoint());
            apply(m_interaction.zoomAt(centre.x(), pinch->scaleFactor()));
            update();
            return true;
        }
    }
    return QWidget::event(event);
}

} // namespace tidemark
