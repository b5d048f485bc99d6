#pragma once

// The custom-painted part of the timeline: one lane per partition, an offset axis on top, a
// legend at the bottom. Paints from a TimelineModel frame; never holds records. Lanes are
// rasterised column by column from the level-of-detail pyramid straight into an image (a
// few cells per pixel column), markers and labels are painted on top.
//
// Interaction: wheel / pinch / +/- zoom at the cursor, drag or arrows pan, Home/End/F jump
// to the start, follow the head, fit. With more lanes than fit, a scroll bar appears and the
// wheel over the partition labels scrolls. Under each lane a thin band shows who in the focus
// group owned the partition over real time up to now (the last minute at most; gaps: no owner,
// between a revoke and the next assignment; ticks: a new generation). A click selects a record; dragging a group's
// committed marker proposes an offset reset (TimelineView asks for confirmation).
//
// The canvas is the widget and the conductor: it owns the viewport, the timers and the
// interaction state, and each paint pass hands a TimelinePaintContext to the pieces along the
// seams: TimelineGeometry (layout and hit-testing), TimelineLaneRasterizer (records),
// TimelineMarkerPainter (markers, lag, ownership bands), TimelineHoverPainter (hover card and
// the dragged marker), TimelineHighlightPainter (a key's or a filter's matches as ticks, the
// rest dimmed) and TimelineChromePainter (axis, lane labels, legend).
//
// Highlights: the canvas draws the TimelineHighlight it is given (exact scan results, never
// the lanes' samples), visible at every zoom (TimelineHighlightPainter). Right-click on a record
// ("Highlight this key") or K over it (else K on the record clicked last) asks for its key to be
// highlighted (highlightKeyRequested); Esc asks to cancel a drawn reset proposal first
// (resetCancelRequested), else to clear (highlightClearRequested).
// K works while the pointer is over the canvas, whatever has the keyboard focus (a shortcut
// of the window, enabled only then; a text field that has the focus keeps its K): the guide
// says "point at a record and press K", and after Send or Generate the focus is elsewhere.
// Esc the same way ("Esc clears"), but only while there is something for it to cancel or clear:
// otherwise the window's Esc is left to the widget that has the focus.
// Resting the pointer on a record says which record it is once its bytes arrived
// (recordHovered), and leaving the records or the canvas says so (recordHoverEnded): the view
// highlights the hovered key with a second, transient highlight (setHoverHighlight), drawn
// only while the chosen one is not active (a chosen key wins).
//
// Thread: GUI thread only.

#include "core/Record.h"
#include "core/timeline/TimelineModel.h"
#include "core/timeline/TimelineViewport.h"
#include "ui/timeline/TimelineChromePainter.h"
#include "ui/timeline/TimelineGeometry.h"
#include "ui/timeline/TimelineHighlightPainter.h"
#include "ui/timeline/TimelineHoverPainter.h"
#include "ui/timeline/TimelineInteraction.h"
#include "ui/timeline/TimelineMarkerPainter.h"
#include "ui/timeline/TimelinePaintSupport.h"
#include "ui/timeline/TimelinePalette.h"

#include <QImage>
#include <QKeySequence>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QScrollBar;
class QShortcut;

namespace tidemark {

class TimelineHighlight;
class TimelineLoader;

class TimelineCanvas final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineCanvas)

public:
    TimelineCanvas(TimelineModel *model, TimelineLoader *loader, QWidget *parent = nullptr);
    ~TimelineCanvas() override;

    // The keys the canvas answers while it has focus (keyPressEvent), translated, for the
    // shortcut list: what it does, and its keys ("F, 0").
    struct KeyBinding {
        QString action;
        QList<QKeySequence> keys;
    };
    static QList<KeyBinding> keyBindings();

    TimelineViewport &viewport() { return m_viewport; }
    const TimelineViewport &viewport() const { return m_viewport; }

    // The colours the canvas paints with (from its palette: light or dark theme).
    const TimelinePalette &timelinePalette() const { return m_palette; }

    void setColourMode(TimelineColourMode mode);
    TimelineColourMode colourMode() const { return m_colourMode; }

    void setFollowHead(bool follow);
    bool isFollowingHead() const { return m_viewport.isFollowingHead(); }
    void fit();
    void zoomBy(double factor); // around the centre (or the hovered point)
    void showRange(double from, double to);

    // Geometry, in canvas coordinates.
    QRect plotRect() const;         // where lanes draw records (right of the labels)
    QRect laneRect(int lane) const; // the whole lane, labels included
    QRect stripRect(int lane) const;
    QRect ownershipRect(int lane) const; // the owners band under the strip (no label covers it)
    double xForOffset(double offset) const;
    double offsetAtX(double x) const;
    TimelineHit hitTest(QPoint pos) const;

    // A problem to show instead of "Loading…" while there are no lanes (empty: none).
    void setProblem(const QString &message);
    // What the canvas says when it has no lanes to draw.
    QString placeholderText() const;
    // The record total the legend shows (compactly: "5k records"), exact, for tests that
    // compare what every panel displays.
    qint64 displayedRecordCount() const;

    // Draws an offset-reset proposal made without a drag (or made again after a refusal):
    // `groupId`'s committed marker of `partition` from `from` to `to`, as a drop would leave it.
    void showProposal(const QString &groupId, int partition, qint64 from, qint64 to);
    // Forgets the offset-reset proposal drawn since the last committed-marker drag.
    void clearProposal();
    bool hasProposal() const { return m_interaction.hasProposal(); }

    // Where the marker labels were drawn in the last paint (every one that fit; none overlap).
    const std::vector<TimelineMarkerLabel> &markerLabels() const { return m_markerLabels; }

    // The lines under the partitions' names the last paint drew, lane by lane (TimelineLaneHeader).
    const std::vector<TimelineLaneHeader> &laneHeaders() const { return m_laneHeaders; }

    // The markers the last paint drew, lane by lane (TimelineDrawnMarker).
    const std::vector<TimelineDrawnMarker> &drawnMarkers() const { return m_drawnMarkers; }

    // The flashes over re-read offsets the last paint drew, lane by lane: a replay after an
    // offset reset, or an at-least-once redelivery after a member died (TimelineDrawnFlash).
    const std::vector<TimelineDrawnFlash> &drawnFlashes() const { return m_drawnFlashes; }

    // The committed marker being dragged, or proposed to move, as the last paint drew it
    // (std::nullopt: none), its "from → to" bubble included.
    const std::optional<TimelineDrawnDrag> &drawnDrag() const { return m_drawnDrag; }

    // Where the last paint drew the hover card (null: none); always inside the canvas.
    QRect hoverCardRect() const { return m_hoverCard.rect; }
    // The hover card the last paint drew: its rect (null: none), title and lines.
    const TimelineDrawnCard &hoverCard() const { return m_hoverCard; }

    // The legend's entries as the last paint drew them, in order (groups, consumers, the bands'
    // key, and "+N more" for what did not fit; TimelineLegendEntry).
    const std::vector<TimelineLegendEntry> &legendEntries() const { return m_legendEntries; }

    // The highlight to draw (not owned; nullptr: none).
    void setHighlight(const TimelineHighlight *highlight);
    // The hovered key's highlight (not owned; nullptr: none): drawn while the other is not active.
    void setHoverHighlight(const TimelineHighlight *highlight);
    // The highlight drawn now: the chosen one if active, else the hovered key's if active, else none.
    const TimelineHighlight *shownHighlight() const;
    // The highlighted records drawn in view, lane by lane: one tick per pixel column (its
    // first match), where the last paint would draw it.
    std::vector<TimelineHighlightTick> highlightTicks() const;
    // The lanes in view that hold highlighted records, outlined at every zoom.
    std::vector<TimelineHighlightLane> highlightLanes() const;
    // What the legend says about the highlight (empty: none).
    QString highlightText() const;
    // Where and how the last paint drew it (cut when the legend is short of room; whole in
    // its tooltip).
    const TimelineLegendLead &legendLead() const { return m_legendLead; }

    // The record the user clicked last (kept highlighted).
    std::optional<std::pair<int, qint64>> selection() const { return m_interaction.selection(); }

    // The current frame rate cap (frames are time-based; this only bounds the repaint rate).
    static constexpr int kFrameIntervalMs = 17; // at most ~59 frames a second
    // The ownership band under each lane shows this much real time, now at the right edge.
    static constexpr qint64 kOwnershipWindowMs = TimelineMarkerPainter::kOwnershipWindowMs;
    static constexpr qint64 kMinOwnershipWindowMs = TimelineMarkerPainter::kMinOwnershipWindowMs;
    bool isAnimating() const { return m_frameTimer.isActive(); }

signals:
    void recordActivated(const tidemark::TopicPartition &tp, qint64 offset);
    // Dragging `groupId`'s committed marker of `partition` from `from` and dropping it at `to`.
    void offsetResetProposed(const QString &groupId, int partition, qint64 from, qint64 to);
    void followHeadChanged(bool following);
    void statusMessage(const QString &message);
    // What the legend says about sampling changed ("sampled: 1 in 20,000 records"; empty: the
    // lanes in view show loaded records only).
    void sampledChanged(const QString &text);
    // "Highlight this key" was chosen for the record at (partition, offset).
    void highlightKeyRequested(int partition, qint64 offset);
    // Esc while something is highlighted (and no offset-reset proposal is drawn).
    void highlightClearRequested();
    // Esc while an offset-reset proposal is drawn: the bar that asks about it should be
    // answered "Cancel" (the proposal goes first; the next Esc clears a highlight).
    void resetCancelRequested();
    // The pointer rests on `record` (its bytes were read off the GUI thread).
    void recordHovered(const tidemark::Record &record);
    // The pointer left the records it rested on (or the canvas).
    void recordHoverEnded();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void onModelChanged();
    void onLanesChanged();
    void onFrameTick();
    void kick(); // starts the frame timer if something moves
    void updateLayout();
    void syncViewport(const TimelineFrame &frame);
    TimelinePaintContext paintContext() const;
    void apply(const TimelineInteraction::Effects &effects);
    void requestHoverRecord();
    void endRecordHover();
    // K: the key of the record under the pointer, else of the record clicked last.
    void requestKeyHighlight();
    // Esc: cancels the drawn proposal, else clears the highlight; false if there was neither.
    bool escape();
    // The window's K and Esc over the canvas: K while the pointer is there, Esc while it is
    // there and escape() has something to do.
    void updateShortcuts();
    // What the legend may say about the highlight, longest first (empty: none).
    QStringList highlightTexts() const;

    TimelineModel *m_model;
    TimelineLoader *m_loader;
    QPointer<const TimelineHighlight> m_highlight;
    QPointer<const TimelineHighlight> m_hoverHighlight;
    TimelineViewport m_viewport;
    TimelinePalette m_palette;
    TimelineColourMode m_colourMode = TimelineColourMode::Keys;
    QImage m_image;
    QTimer m_frameTimer;
    QTimer m_hoverTimer;
    QTimer m_historyTimer; // moves the ownership bands along while there is a history (a repaint, no poll)
    QScrollBar *m_scrollBar;
    QShortcut *m_keyShortcut;          // K while the pointer is over the canvas (enabled only then)
    QShortcut *m_escapeShortcut;       // Esc likewise, while a proposal or a highlight is shown
    bool m_pointerInside = false;      // between an Enter (or a move) and a Leave
    TimelineGeometry m_geometry;       // after m_viewport and m_scrollBar, which it points to
    TimelineInteraction m_interaction; // after m_geometry and m_viewport, which it points to
    QString m_problem;
    QString m_sampledText;
    // An automatic refit glides instead of jumping (zoom interpolated logarithmically).
    struct ViewGlide {
        double fromFirst = 0, toFirst = 0;
        double fromPerPixel = 1, toPerPixel = 1;
        qint64 startMs = 0;
        bool active = false;
    };
    ViewGlide m_glide;
    static constexpr int kRefitMs = 350;
    bool m_autoFit = true; // until the user zooms or pans: refit when the content outgrows the view
    bool m_needFit = true; // fit on the next frame

    std::optional<TimelineHoverRecord> m_hoverRecord;
    bool m_recordHovered = false;                     // recordHovered was emitted, recordHoverEnded not yet
    std::vector<TimelineMarkerLabel> m_markerLabels;  // from the last paint
    std::vector<TimelineDrawnFlash> m_drawnFlashes;   // from the last paint
    std::vector<TimelineDrawnMarker> m_drawnMarkers;  // from the last paint
    std::vector<TimelineLegendEntry> m_legendEntries; // from the last paint
    std::vector<TimelineLaneHeader> m_laneHeaders;    // from the last paint
    TimelineLegendLead m_legendLead;                  // from the last paint
    TimelineDrawnCard m_hoverCard;                    // from the last paint
    std::optional<TimelineDrawnDrag> m_drawnDrag;     // from the last paint
};

} // namespace tidemark
