#pragma once

// Everything the timeline shows for one topic, without widgets: one LaneSummary per
// partition, the watermarks, each consumer group's committed offsets and owners, each in-app
// consumer's positions, and the animation state that makes them move (lanes that grow,
// markers that glide, consumers that turn grey, re-delivered offsets that flash, lanes that
// re-colour after a rebalance).
//
// One marker per consumer that holds a partition: a running one, or a killed one that keeps its
// partitions until its session expires (also when it was restarted meanwhile: its killed
// membership keeps them, and its marker, "billing #1 (old)", counts the session down). A stopped (or failed) consumer's
// marker glides to the committed offset and greys, then goes: what a stopped group shows is its committed marker, once
// per partition, labelled as stopped (TimelineMarker::groupStopped), however many members it had before.
//
// Feed it through plain setters (the TimelineLoader does so from a Backend; tests do it
// directly), then ask frame(now) for what to draw at a moment. Animations are functions of
// an injectable clock (setClock), never of frame counts.
//
// Thread: lives on the GUI thread; not thread-safe. Signals are emitted synchronously from
// the setters.

#include "core/Backend.h"
#include "core/ConsumerStatus.h"
#include "core/timeline/LaneSummary.h"
#include "core/timeline/OwnershipHistory.h"
#include "core/timeline/Tween.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace tidemark {

namespace TimelineTiming {
inline constexpr int kGrowMs = 450;     // a lane's head moving to a new high watermark
inline constexpr int kGlideMs = 450;    // a position or committed marker moving
inline constexpr int kGreyMs = 400;     // a consumer turning grey (stopped/killed) or back
inline constexpr int kRecolourMs = 700; // a lane changing owner after a rebalance
inline constexpr int kFlashMs = 1600;   // re-delivered offsets flashing
} // namespace TimelineTiming

// How many colours the group palette has (TimelinePalette::groupColour): a group's colour index
// (TimelineModel::groupColour) is below it.
inline constexpr int kGroupColourCount = 6;

// Who consumes a lane for the focus group.
struct LaneOwner {
    QString key;         // consumer id, or "member:<id>" for a member outside this app; empty: none
    QString label;       // what to show: the consumer id or the member's client id
    int colour = -1;     // index into the consumer palette; -1: nobody
    bool active = false; // false: the owner is stopped, killed or failed
    QString brief;       // where `label` does not fit: "billing #2 (old)" (empty: label only)

    friend bool operator==(const LaneOwner &, const LaneOwner &) = default;
};

struct TimelineMarker {
    enum class Kind { LogStart, HighWatermark, Committed, Position };
    Kind kind = Kind::LogStart;
    int lane = -1;
    int partition = -1;
    double shownOffset = 0; // where to draw it now (animated)
    qint64 offset = 0;      // where it is heading
    QString groupId;        // Committed and Position
    QString consumerId;     // Position
    QString ownerLabel;     // Committed: the client id of the member outside the app that owns the partition
    QString ownerMemberId;  // Committed: that member's id (with ownerLabel)
    int colour = -1;        // group palette index (Committed), consumer palette index (Position)
    double grey = 0;        // 0: active .. 1: stopped or killed (Position)
    // Committed: no member of the group reads or holds a partition (its in-app consumers are
    // stopped, or the broker says it is empty): the marker is where the group will resume.
    bool groupStopped = false;
};

// The span between a group's committed offset and the high watermark.
struct TimelineLagSpan {
    int lane = -1;
    QString groupId;
    int colour = -1;
    double shownFrom = 0;
    double shownTo = 0;
    qint64 lag = 0;
    bool focus = false; // the focus group's lag is drawn strongest
};

// Offsets read again, fading out: delivered again (at-least-once, after a member died before
// committing) or replayed (the group's committed offset was reset on purpose).
struct TimelineFlash {
    int lane = -1;
    qint64 from = 0;
    qint64 to = 0;
    double intensity = 0; // 1 when it starts, 0 when it is over
    bool replay = false;  // a deliberate replay after an offset reset, not a redelivery
};

// Offsets a group has read before but will read again (its position went backwards).
struct TimelineRedelivery {
    int lane = -1;
    QString groupId;
    qint64 from = 0;
    qint64 to = 0;
    bool replay = false; // because of an offset reset, not a member that died
};

struct TimelineLaneFrame {
    int partition = -1;
    double shownLogStart = 0;
    double shownHighWatermark = 0;
    qint64 logStart = 0;
    qint64 highWatermark = 0;
    LaneOwner owner;
    LaneOwner previousOwner;
    double ownerBlend = 1; // 0: previous owner's colour .. 1: the current owner's
    double ownerGrey = 0;  // 0: owner active .. 1: owner stopped/killed
};

// One stretch of a lane's ownership by the focus group (OwnershipHistory), in the history's
// clock: who owned the partition from fromMs to toMs (-1: until now); an empty memberId is the
// gap between a revoke and the next assignment.
struct TimelineOwnershipBand {
    int lane = -1;
    QString memberId;
    QString label;
    int colour = -1; // consumer palette index; -1: no owner
    int generation = -1;
    qint64 fromMs = 0;
    qint64 toMs = -1;
};

struct TimelineFrame {
    qint64 timeMs = 0;
    qint64 historyNowMs = 0;                      // "now" on the ownership history's clock
    std::vector<TimelineOwnershipBand> ownership; // the focus group's, oldest first per lane
    std::vector<TimelineLaneFrame> lanes;
    std::vector<TimelineMarker> markers;
    std::vector<TimelineLagSpan> lags;
    std::vector<TimelineFlash> flashes;
    std::vector<TimelineRedelivery> redeliveries;
    bool animating = false;
};

struct TimelineGroupSummary {
    QString groupId;
    int colour = -1;
    QString state;       // from the broker, empty if only known from in-app consumers
    qint64 totalLag = 0; // over the lanes with a committed offset
    bool focus = false;
    bool stopped = false; // nobody reads for it (TimelineMarker::groupStopped)
};

// An in-app consumer, or the killed membership of one restarted before its session ran out
// while it still holds lanes: "billing #1 (old)" (earlierOf "billing #1"), killed, with its
// countdown as a killed consumer's; its position markers carry that name.
struct TimelineConsumerSummary {
    QString consumerId;
    QString groupId;
    int colour = -1;
    ConsumerStatus::State state = ConsumerStatus::State::Starting;
    int sessionSecondsLeft = 0;   // killed, keeping its partitions: the session's countdown
    bool sessionTimedOut = false; // killed, its session over, its partitions not handed over yet
    QString earlierOf;            // an earlier membership of this consumer; empty: the consumer itself
    // Not an in-app consumer but a member the broker knows is gone (GroupMember::vanished: another
    // process killed, or the app's consumer of an earlier run) that keeps lanes until its session
    // expires: its member id; `consumerId` is its name ("tidemark-cli"), brief for one of the
    // app's earlier run ("billing #1 (old)", as its lane header where room is short). Empty otherwise.
    QString memberId;
};

class TimelineModel final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    explicit TimelineModel(QObject *parent = nullptr);
    ~TimelineModel() override;

    // Replaces the clock (tests step a fake one). The default is a monotonic timer.
    void setClock(Clock clock);
    qint64 now() const;
    // The clock ownership changes are stamped with: real milliseconds, not the animations'
    // (which a test may make jump). Until it is set, the animation clock.
    void setHistoryClock(Clock clock);
    qint64 historyNow() const;
    // The wall clock (ms since the epoch) the broker's session expiries are given in
    // (GroupMember::sessionExpiresAtMs): each is turned into a moment of the animation clock when
    // the groups come, so that its countdown runs on between two polls. Default: the system's.
    void setWallClock(Clock clock);

    // Starts over for another topic (no lanes until setPartitions).
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }

    // The topic's partitions with their watermarks: adds and removes lanes, grows the others.
    void setPartitions(const std::vector<PartitionInfo> &partitions);
    void setWatermarks(int partition, qint64 logStart, qint64 highWatermark);
    // Summaries of records of a partition (any order); a record beyond the high watermark
    // raises it. Unknown partitions are ignored.
    void addSummaries(int partition, const RecordSummary *summaries, size_t count);
    void addSummaries(int partition, const std::vector<RecordSummary> &summaries)
    {
        addSummaries(partition, summaries.data(), summaries.size());
    }
    // Offsets in [from, to) of a partition that hold no record (compacted, control batches).
    void addGap(int partition, qint64 from, qint64 to);
    // A probe's records of a range not read completely (LaneSummary::addSample): they colour
    // the lane where nothing is loaded; they never move a watermark or a marker.
    // `span`: the offsets the probe stands for, from its first record.
    void addSamples(int partition, const std::vector<RecordSummary> &samples, qint64 span = 0);

    // Groups as the broker describes them (only partitions of this topic are used). Groups
    // that are neither listed again nor used by an in-app consumer disappear.
    void setGroups(const std::vector<GroupInfo> &groups);
    // The in-app consumers as the consumer manager publishes them. Consumers that are not in
    // the list any more disappear.
    void setConsumers(const std::vector<ConsumerStatus> &consumers);
    // A committed offset known to have changed now (after an offset reset was applied).
    // `committedBefore`: the group's committed offset the broker had just before the reset (-1:
    // unknown). The records between the two are read again as a replay, even when this
    // process never saw the group read them (the app restarted since).
    void applyCommitted(const QString &groupId, int partition, qint64 offset, qint64 committedBefore = -1);

    // The group whose owners colour the lanes and whose lag is shaded strongest. Empty: the
    // first in-app consumer's group, else the first group by name.
    void setFocusGroup(const QString &groupId);
    QString focusGroup() const;

    int laneCount() const { return int(m_lanes.size()); }
    int laneOfPartition(int partition) const; // -1 if none
    int partitionOfLane(int lane) const;
    const LaneSummary &summary(int lane) const;
    qint64 logStart(int lane) const;
    qint64 highWatermark(int lane) const;
    std::optional<qint64> committed(const QString &groupId, int partition) const;
    std::optional<qint64> position(const QString &consumerId, int partition) const;
    // Smallest log start and largest high watermark over the lanes (0, 0 without lanes).
    qint64 contentStart() const;
    qint64 contentEnd() const;
    qint64 recordCount() const; // sum of (high watermark - log start)
    size_t memoryBytes() const;

    // Who owned which lane when, per group (sampled at every setGroups()).
    const OwnershipHistory &ownership() const { return m_history; }
    // The consumer palette index a member's band is drawn with (-1: unknown member).
    int memberColour(const QString &memberId) const;

    // A group's colour (an index into the group palette, below kGroupColourCount): a function
    // of its name, so it is the same after a restart and in every view, whatever order the
    // groups were discovered in. Each name hashes to a preferred colour; names whose colours
    // collide are resolved in name order over the groups the model knows (the first keeps it,
    // the next takes the next free one), so up to kGroupColourCount groups never share one.
    int groupColour(const QString &groupId) const;

    std::vector<TimelineGroupSummary> groups() const;
    std::vector<TimelineConsumerSummary> consumers() const;

    // What to draw at `now`.
    TimelineFrame frame(qint64 now) const;
    bool isAnimating(qint64 now) const;

signals:
    void changed();      // anything visible changed
    void lanesChanged(); // lanes were added or removed (or the topic changed)

private:
    struct Lane {
        int partition = -1;
        LaneSummary summary;
        Tween shownLogStart;
        Tween shownHighWatermark;
        LaneOwner owner;
        LaneOwner previousOwner;
        Tween ownerBlend; // 0 -> 1 after an owner change
        Tween ownerGrey;  // 0 active, 1 inactive owner
    };

    struct GroupTrack {
        struct Committed {
            qint64 offset = -1;
            Tween shown;
        };
        QString id;
        QString state;
        bool polled = false;                    // listed by the last setGroups()
        std::map<int, Committed> committed;     // per partition
        std::map<int, qint64> lastPolled;       // per partition, to apply only changes ("last change wins")
        std::map<int, QString> ownerMember;     // per partition, from the broker
        std::map<QString, QString> memberLabel; // member id -> client id (may be empty)
        // Member id -> when the session of a member known gone (GroupMember::vanished) expires,
        // by the animation clock (m_clock); from the last setGroups().
        std::map<QString, qint64> vanishedUntil;
        // Member id -> what to show for it (core/MemberNames.h: "billing #1 (before its
        // restart)", never a UUID); refreshed by updateOwners.
        std::map<QString, QString> memberName;
        std::map<int, qint64> maxDelivered;               // per partition: the furthest any member has read
        std::map<int, std::pair<qint64, qint64>> pending; // per partition: offsets to be read again
        // Per partition: offsets to be read again because the committed offset was reset (a
        // replay); reading through them flashes as a replay, not a redelivery.
        std::map<int, std::pair<qint64, qint64>> replays;
        // Per partition: the committed offset before a reset forward (the first of a chain of
        // them): the group had read up to there, and skipped what lies beyond it. A reset back
        // replays nothing past it (reviewer F4).
        std::map<int, qint64> readUpTo;
    };

    struct ConsumerTrack {
        struct Position {
            qint64 offset = -1;
            Tween shown;
        };
        ConsumerStatus status;
        std::map<int, Position> positions;   // per partition of this topic
        std::map<int, qint64> lastCommitted; // per partition: what this consumer last reported
        Tween grey;
        // Restarted after a kill, before its session expired: its earlier membership still holds
        // these partitions (nobody reads them) until the group drops it or another member
        // takes them.
        QString earlierMemberId;
        std::set<int> earlierHeld;
        std::map<int, qint64> earlierAt; // per partition it holds: where its marker stood
    };
    // The name an earlier membership's summary and markers go by ("billing #1 (old)").
    static QString earlierName(const QString &consumerId);
    // The earlier membership's session as the consumer's status carries it (null: unknown).
    static const EarlierSession *earlierSession(const ConsumerTrack &consumer);
    struct Flash {
        int partition = -1;
        qint64 from = 0;
        qint64 to = 0;
        qint64 startMs = 0;
        bool replay = false;
    };

    Lane *laneFor(int partition);
    const Lane *laneFor(int partition) const;
    GroupTrack &groupTrack(const QString &groupId);
    int colourFor(std::map<QString, int> &registry, const QString &key);
    void setCommitted(GroupTrack &group, int partition, qint64 offset, qint64 now);
    // The group's committed offset was moved back to `offset` on purpose: what it had read
    // beyond that (as far as this process saw it read, or had committed before the reset:
    // `committedBefore`, or the committed offset known until now) will be replayed. Moved
    // forward, it replays nothing and leaves what is still to be read again as it was.
    void noteReset(GroupTrack &group, int partition, qint64 offset, qint64 committedBefore);
    // What the group has committed is not read again: a range to be read again (pending) gives
    // up what lies behind the committed offset, whoever read it and whether or not this process
    // saw a member move through it (a member may read a partition through and lose it between
    // two status updates; the next one starts where it committed). A replay window goes once the
    // committed offset is past it and no running member of the group is still inside it (its
    // next move flashes as the replay it is).
    void settleReadAgain(const QString &groupId, GroupTrack &group);
    void movePosition(ConsumerTrack &consumer, GroupTrack &group, int partition, qint64 position, qint64 now);
    void updateOwners(qint64 now);
    std::vector<ConsumerStatus> consumerStatuses() const;
    // Whether nobody reads for `group`: none of its in-app consumers holds a partition and the
    // broker lists no other member (a group with no in-app consumer: the broker says "Empty").
    bool isStopped(const GroupTrack &group) const;
    void pruneFlashes(qint64 now);

    Clock m_clock;
    Clock m_historyClock;
    Clock m_wallClock;
    bool m_ownHistoryClock = false; // setHistoryClock() was called
    OwnershipHistory m_history;
    std::map<QString, int> m_memberColours; // member id -> consumer palette index
    QString m_topic;
    std::vector<Lane> m_lanes; // sorted by partition
    std::map<QString, GroupTrack> m_groups;
    std::map<QString, ConsumerTrack> m_consumers;
    std::vector<Flash> m_flashes;
    std::map<QString, int> m_ownerColours;
    QString m_focus;
};

} // namespace tidemark
