#pragma once

// The partitions-as-timelines view: the self-contained widget for the main window's central
// area. One lane per partition (offsets left to right), records coloured by key or by the
// consumer that owns the partition, markers for the log start, the high watermark, each
// group's committed offset and each in-app consumer's position, lag shaded, and everything
// animated (see core/timeline/TimelineModel.h).
//
// Usage:
//   auto *view = new TimelineView;
//   view->setBackend(asyncBackend);            // nullptr allowed: shows nothing, loads nothing
//   view->setTopic(QStringLiteral("orders"));
//   connect(consumerManager, &ConsumerManager::statusChanged, view, &TimelineView::updateConsumer);
//   connect(consumerManager, &ConsumerManager::consumerRemoved, view, &TimelineView::removeConsumer);
//   (or view->setConsumers(allStatuses) whenever they change)
//   connect(view, &TimelineView::recordActivated, inspector, &Inspector::showRecord);
//   connect(view, &TimelineView::statusMessage, statusBar, ...);
//
// Reads only through AsyncBackend (never on the GUI thread): watermarks and groups are
// polled about once a second; record summaries load in the background, visible range first.
// Dragging a committed marker proposes an offset reset, shown in an inline bar; it is applied
// through Backend::resetGroupOffsets only after "Reset offset" is pressed. It stays drawn on its
// lane (clicks and pans leave it) until the bar is answered; Esc on the timeline cancels it.
//
// Highlights (a key, or the Messages panel's filter): every record the filter matches, from a
// complete scan (core/timeline/TimelineHighlight.h), drawn as ticks on the lanes with the rest
// dimmed, "N matches" in the legend. Right-click a record > "Highlight This Key" (or K) chooses
// its key (keyHighlightChosen: the main window makes it the Messages filter); Esc clears
// (highlightCleared). Resting the pointer on a record highlights its key the same way until the
// pointer leaves the records (hoverHighlight(); not while a chosen highlight is shown, and not
// on topics of more than kMaxHoverScanRecords, where a hover would start a long scan).
//
// The rule, so that a key highlight always shows what the user did last: a key highlight
// follows the record clicked last. Clicking a record while a key is highlighted (chosen with
// K, the menu, the inspector or a key cell, or hovered) highlights the clicked record's key
// instead, the same way: a chosen key stays chosen (highlightKey: the Messages filter is left
// to the Messages panel, which shows the clicked record), a hovered one stays until the
// pointer leaves the records. A filter typed in the Messages panel is not a key: a click
// leaves it, and clearing it there clears its highlight. With nothing highlighted, a click
// only selects.
//
// Child objects for tests and styling: "timelineCanvas" (TimelineCanvas), "timelineTitle",
// "colourByKeyButton", "colourByConsumerButton", "fitButton", "followHeadButton" (in
// "timelineControls"; while the reset bar leaves them no room, the button
// "timelineControlsButton" ("⋯") stands for them: its menu "timelineControlsMenu" has
// "colourByKeyAction", "colourByConsumerAction", "fitAction", "followHeadAction"),
// "offsetResetBar", "offsetResetMessage", "offsetResetConfirm", "offsetResetCancel", and the
// sample bar, shown while the lanes show a sample of what is in view: "sampleBar",
// "sampleMessage", "fetchBudget" (MB a topic view may read from a cluster), "loadRangeButton"
// ("Load this range completely…": asks first, with the record count and the bytes it will
// probably cost), "loadRangeConfirm", "loadRangeCancel" (also cancels a load in progress).
//
// Thread: GUI thread only.

#include "core/ConsumerStatus.h"
#include "core/Record.h"
#include "core/timeline/TimelineModel.h"
#include "ui/timeline/TimelineCanvas.h"

#include <QWidget>

#include <optional>
#include <vector>

class QFrame;
class QGridLayout;
class QLabel;
class QSpinBox;
class QPushButton;
class QToolButton;

namespace tidemark {

class AsyncBackend;
class TimelineHighlight;
class TimelineLoader;

class TimelineView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // The backend to read from (not owned; may be nullptr). Restarts loading of the topic.
    void setBackend(AsyncBackend *backend);
    AsyncBackend *backend() const;
    void setTopic(const QString &topic);
    QString topic() const;

    // The model behind the view: tests and embedders may feed it directly (without a backend).
    TimelineModel *model() const { return m_model; }
    TimelineLoader *loader() const { return m_loader; }
    TimelineCanvas *canvas() const { return m_canvas; }
    TimelineHighlight *highlight() const { return m_highlight; }
    // The hovered record's key, highlighted while the pointer rests on records.
    TimelineHighlight *hoverHighlight() const { return m_hoverHighlight; }
    static constexpr qint64 kMaxHoverScanRecords = 1'000'000;
    // Replaces the animation clock (milliseconds, monotonic). For tests.
    void setClock(TimelineModel::Clock clock);

    void setColourMode(TimelineColourMode mode);
    TimelineColourMode colourMode() const;
    void setFollowHead(bool follow);
    bool isFollowingHead() const;
    // Shows offsets [from, to) (leaves follow-head and auto-fit).
    void showRange(double from, double to);

    // Geometry and hit-testing in canvas coordinates (see TimelineCanvas).
    double xForOffset(double offset) const { return m_canvas->xForOffset(offset); }
    QRect laneRect(int partition) const;
    QRect stripRect(int partition) const;
    TimelineHit hitTest(QPoint canvasPos) const { return m_canvas->hitTest(canvasPos); }

    // True while an offset-reset proposal waits for confirmation.
    bool isResetPending() const;
    // Proposes moving `groupId`'s committed offset on `partition` to `offset` (the same bar
    // as dragging its marker there; nothing changes before "Reset offset").
    void proposeReset(const QString &groupId, int partition, qint64 offset);
    // Brings `offset` of `partition` into view, zoomed in around it (leaves follow-head).
    void showOffset(int partition, qint64 offset);
    // The groups the view knows for the topic (the broker's and the in-app consumers').
    QStringList groupIds() const;

    // "Load this range completely": asks (the sample bar shows what it will cost), then loads
    // the visible range, with progress, until done or cancelled.
    void proposeRangeLoad();
    void confirmRangeLoad();
    void cancelRangeLoad();

    // The refusal's brief sentence for a group whose members still run ("Could not reset:
    // billing #1 and billing #2 are still running."), in the language's words.
    static QString stillRunningText(const QStringList &members);
    // The same for members of which some were killed and are kept by the group until their
    // session times out (`secondsLeft`, the longest countdown; 0: over by this app's clock):
    // "Could not reset: billing #2 (killed) is still a member for 5 more s."
    static QString refusalText(const QStringList &running, const QStringList &killed, int secondsLeft);

public slots:
    // Highlights the records `filterText` matches (blank or invalid: nothing highlighted).
    void highlightFilter(const QString &filterText);
    // Highlights the records with `key` (std::nullopt: the null key).
    void highlightKey(const std::optional<QByteArray> &key);
    // As the user's "Highlight This Key": highlights it and emits keyHighlightChosen.
    void chooseKey(const std::optional<QByteArray> &key);
    void clearHighlight();
    // The in-app consumers' latest statuses (from the consumer manager): all of them at once,
    // or one at a time (a status replaces the previous one with the same consumerId).
    void setConsumers(const std::vector<tidemark::ConsumerStatus> &statuses);
    void updateConsumer(const tidemark::ConsumerStatus &status);
    void removeConsumer(const QString &consumerId);
    void setFocusGroup(const QString &groupId);
    void fit();
    void zoomIn();
    void zoomOut();
    // Applies / drops the pending offset-reset proposal.
    void confirmReset();
    void cancelReset();

signals:
    // The user chose to highlight a key on the timeline; `filterText` selects its records.
    void keyHighlightChosen(const QString &filterText);
    // The user cleared the highlight (Esc); `filterText` is what it showed.
    void highlightCleared(const QString &filterText);
    // The highlight's filter, matches or scan state changed.
    void highlightChanged();
    // A click on a record: show it in the inspector.
    void recordActivated(const tidemark::TopicPartition &tp, qint64 offset);
    // What a click on a record does to the highlights is decided (the rule above), once per
    // click, after recordActivated: `movedHighlight` is true when the key highlight moved to the
    // clicked record's key (after its record was read), false when the click only selected (nothing
    // or a typed filter highlighted, or the click was overtaken by another click or a clear).
    void clickSettled(const tidemark::TopicPartition &tp, qint64 offset, bool movedHighlight);
    // Something for the status bar (errors included).
    void statusMessage(const QString &message);
    // A committed-marker drag was dropped (before confirmation).
    void offsetResetProposed(const QString &groupId, const tidemark::TopicPartition &tp, qint64 from, qint64 to);
    // The user pressed "Stop the group" after a reset was refused because the group has
    // members: the in-app consumers of `groupId` should stop (the proposal stays, to retry).
    void stopGroupRequested(const QString &groupId);
    // The reset was applied (error empty) or refused by the broker (error says why; a group
    // with members is named by its members' client ids and hosts).
    void offsetResetFinished(const QString &groupId, const tidemark::TopicPartition &tp, qint64 offset,
                             const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateResetBarPalette();
    // The reset bar's message: the first of `texts` (rich text, longest first) that fits on
    // its one line, else the last one elided; the tooltip says `whole` (empty: the first text,
    // when it is not the one shown).
    void setResetMessage(const QStringList &texts, const QString &whole = QString());
    void fitResetMessage();
    // The bar lies over the header row (not above the lanes, which keep their height), beside
    // the header's controls: whole where it still has resetBarNeeds(), else as one menu.
    void showResetBar(bool show);
    void placeResetBar();
    // Pixels the bar needs for its brief message whole and its buttons.
    int resetBarNeeds() const;
    void onResetProposed(const QString &groupId, int partition, qint64 from, qint64 to);
    void onResetFinished(const QString &groupId, int partition, qint64 offset, const QString &error);
    void updateTitle();
    void updateSampleBar();
    // The sample bar on one row when the message and its controls fit side by side, else the
    // controls on a row of their own under the message (a 1024-pixel window's timeline).
    void arrangeSampleBar();
    bool eventFilter(QObject *watched, QEvent *event) override;
    // "billing #1 (in this app)", "kcat on 127.0.0.1": the members of `groupId` as far as
    // the broker state and the in-app consumers tell; `inApp` counts the running in-app ones;
    // `shortNames` gets the same members named briefly ("billing #1", "kcat").
    QStringList memberNames(const QString &groupId, int *inApp, QStringList *shortNames = nullptr) const;
    // Whether the group has a member a reset must wait for: one of this app's consumers that
    // runs (or was killed and still holds its session), or a client elsewhere.
    bool hasMembers(const QString &groupId) const;
    // Killed, and its session runs: still a member of its group, nobody can stop it.
    static bool keptAfterKill(const ConsumerStatus &c);
    // "billing #1", "billing #1 and billing #2", "billing #1, billing #2 and kcat".
    static QString namesText(const QStringList &members);
    // The refusal's sentence as the members it names are now (a killed one's countdown).
    void showRefusal();
    // After a consumer update: the refusal again, or, once its members are gone, the refused
    // reset offered again ("Reset offset").
    void updateRefusal();
    // The proposal's sentence, again as the group's members come and go ("must be stopped
    // first" only while some are there).
    void updateProposalText();

    TimelineModel *m_model;
    TimelineLoader *m_loader;
    TimelineCanvas *m_canvas;
    TimelineHighlight *m_highlight;
    TimelineHighlight *m_hoverHighlight;
    std::optional<std::pair<int, qint64>> m_pendingKey; // "highlight this key": its record is loading
    // A record clicked while a key was highlighted: its record is loading, then its key is
    // highlighted (chosen: as the chosen highlight, else as the hovered one).
    struct PendingClick {
        int partition = -1;
        qint64 offset = -1;
        bool chosen = false;
    };
    std::optional<PendingClick> m_pendingClick;
    bool m_clickOnlySelects = false; // the click being passed on moves no highlight
    // Drops the pending click, if any, saying it moved nothing (clickSettled).
    void dropPendingClick();
    // The key the chosen highlight shows (none: it shows a filter, or nothing).
    std::optional<std::optional<QByteArray>> m_chosenKey;
    QLabel *m_title;
    QToolButton *m_byKey;
    QToolButton *m_byConsumer;
    QToolButton *m_fit;
    QToolButton *m_follow;
    QWidget *m_controls;         // the four above and "Colour by", in the header
    QToolButton *m_controlsMenu; // "⋯", their menu, in their place while the bar needs it
    QWidget *m_header;
    QFrame *m_resetBar = nullptr;
    QStringList m_resetTexts; // the message, longest first (setResetMessage)
    QString m_resetWhole;
    QLabel *m_resetMessage;
    QPushButton *m_resetConfirm;
    QPushButton *m_resetCancel;
    QPushButton *m_resetStopGroup;
    QFrame *m_sampleBar;
    QGridLayout *m_sampleGrid;
    QWidget *m_sampleControls;
    QLabel *m_sampleMessage;
    QSpinBox *m_budget;
    QPushButton *m_loadRange;
    QPushButton *m_loadRangeConfirm;
    QPushButton *m_loadRangeCancel;
    QString m_sampledText; // what the canvas last said about sampling (empty: not sampled)
    // The range load being proposed or running.
    struct RangeLoad {
        double from = 0;
        double to = 0;
        qint64 records = 0;
        qint64 estimateBytes = 0;
        bool running = false;
        qint64 loaded = 0;
        qint64 total = 0;
        qint64 bytes = 0;
    };
    std::optional<RangeLoad> m_rangeLoad;
    struct Proposal {
        QString groupId;
        int partition = -1;
        qint64 from = -1;
        qint64 to = -1;
        bool applying = false;
        bool stopping = false; // proposed again after "Stop the group": Reset waits until its members left
    };
    std::optional<Proposal> m_proposal;
    // Refused because the group had members: drawn on its lane, "Stop the group" while some are
    // this app's running consumers, offered again once they are gone.
    std::optional<Proposal> m_refused;
    // The refusal the bar shows for members: who (named briefly) and the whole reason.
    struct Refusal {
        QString groupId;
        QStringList members; // as the refusal named them, briefly ("billing #2", "kcat")
        QStringList inApp;   // those of them that are this app's consumers
        QString whole;
    };
    std::optional<Refusal> m_refusal;
    std::vector<ConsumerStatus> m_consumers; // the latest status of each in-app consumer, in arrival order
};

} // namespace tidemark
