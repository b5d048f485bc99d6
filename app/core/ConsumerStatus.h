#pragma once

// What the UI knows about one in-app consumer at a moment: a value type published by the
// consumer manager (GUI thread) and read by the consumers panel and the timeline.

#include "core/Lag.h"
#include "core/Record.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace tidemark {

// Whole seconds left of a session with `remainingMs` to go, rounded up, for a countdown; 0 when
// none is running (-1) or it is over.
inline int sessionSecondsLeft(qint64 remainingMs) { return remainingMs > 0 ? int((remainingMs + 999) / 1000) : 0; }

// A membership a consumer had before it was started again that the group still counts: it was
// killed and restarted before its session ran out, so that membership keeps the partitions it
// had (nobody reads them) until its session expires and the group hands them over, perhaps to
// the consumer's own new membership. Its countdown goes on as the killed consumer's did.
struct EarlierSession {
    QString memberId;                 // the broker's member id it had (one of earlierMemberIds)
    std::vector<TopicPartition> kept; // what it still holds; a partition leaves when taken over
    int sessionTimeoutMs = 0;
    qint64 sessionExpiresAtMs = 0; // by the manager's clock, as ConsumerStatus's
    qint64 sessionRemainingMs = 0; // 0 once expired
    int sessionSecondsLeft() const { return tidemark::sessionSecondsLeft(sessionRemainingMs); }
    // Expired, its partitions not handed over yet: the group is rebalancing.
    bool sessionTimedOut() const { return sessionRemainingMs == 0 && !kept.empty(); }
};

struct ConsumerStatus {
    enum class State {
        Starting,    // created, joining the group
        Running,     // polling
        Rebalancing, // partitions revoked, waiting for an assignment
        Stopped,     // stopped cleanly (committed, left the group)
        Killed,      // hard stop: no commit, no leave (re-delivery will follow)
        Failed,      // stopped by an error (lastError says which)
    };

    QString consumerId; // UI-local, stable across restarts: e.g. "billing #2"
    QString groupId;
    QString memberId; // the broker's member id; changes on every join
    // The client id it joins with, "tidemark-billing--2.k3x9" (consumerClientId with the app
    // run's token); empty: consumerClientId(consumerId), without one.
    QString clientId;
    // The member ids it had before it was started again (killed or stopped, then restarted),
    // oldest first: the group may keep such a membership for a while (core/MemberNames.h).
    QStringList earlierMemberIds;
    // Those of them whose sessions still run (it was restarted too soon after a kill), oldest
    // first, each while it keeps partitions: kept by the manager across the runner's updates.
    std::vector<EarlierSession> earlierSessions;
    int generation = -1;
    State state = State::Starting;
    std::vector<TopicPartition> assignment;
    std::map<TopicPartition, qint64> positions; // next offset to read, per assigned partition
    std::map<TopicPartition, qint64> committed; // last committed offsets known to this consumer
    qint64 recordsConsumed = 0;
    QString lastError;
    qint64 updatedAtMs = 0;

    // Additions by the consumer manager (ui engineer):
    QStringList topics;                              // what the consumer subscribes to
    std::map<TopicPartition, qint64> highWatermarks; // last known end of each assigned partition
    // Records read again, in two kinds the lesson tells apart:
    //  - redelivered: processed before by a member of the group that never committed them (it
    //    was killed or crashed): at-least-once delivery, a side effect to design for;
    //  - replayed: read again because the group's committed offset was moved back (an offset
    //    reset, by the user): a deliberate replay.
    qint64 recordsRedelivered = 0;
    qint64 recordsReplayed = 0;
    // A killed consumer keeps its partitions until its session expires (Kafka's rule, and the
    // built-in broker's): nobody reads them meanwhile. When that is by the manager's clock (the
    // kill plus the session timeout; the broker counts from the last heartbeat, a little
    // earlier), and how much is left: -1 when it does not apply, 0 once expired or once another
    // member took its partitions over.
    int sessionTimeoutMs = 0;
    qint64 sessionExpiresAtMs = 0;
    qint64 sessionRemainingMs = -1;
    // Whole seconds left, rounded up, for a countdown; 0 when none is running.
    int sessionSecondsLeft() const { return tidemark::sessionSecondsLeft(sessionRemainingMs); }

    // True while a runner thread exists for this consumer (Starting, Running, Rebalancing).
    bool isActive() const { return state == State::Starting || state == State::Running || state == State::Rebalancing; }
    // The session ran out but the group has not handed the partitions over yet: it is
    // rebalancing (the survivors notice at their next membership check).
    bool sessionTimedOut() const { return state == State::Killed && sessionRemainingMs == 0 && !assignment.empty(); }
    // Whether the group still counts this consumer's partitions as its own: while it runs, and
    // after a kill until another member takes them over (its session, then the rebalance).
    bool holdsPartitions() const
    {
        return isActive() || (state == State::Killed && sessionRemainingMs >= 0 && !assignment.empty());
    }
    // The group's lag on an assigned partition (core/Lag.h: high watermark minus committed
    // offset, as Kafka counts it); -1 if either is unknown.
    qint64 lag(const TopicPartition &tp) const
    {
        const auto hw = highWatermarks.find(tp);
        const auto c = committed.find(tp);
        return partitionLag(hw == highWatermarks.end() ? -1 : hw->second, c == committed.end() ? -1 : c->second);
    }
    // Records of an assigned partition after this consumer's position (core/Lag.h: not lag);
    // -1 if either is unknown.
    qint64 unread(const TopicPartition &tp) const
    {
        const auto hw = highWatermarks.find(tp);
        const auto pos = positions.find(tp);
        return unreadRecords(hw == highWatermarks.end() ? -1 : hw->second, pos == positions.end() ? -1 : pos->second);
    }
    // Sum of lag over the assigned partitions whose lag is known; -1 if none is known.
    qint64 totalLag() const
    {
        qint64 sum = -1;
        for (const TopicPartition &tp : assignment)
            sum = addLag(sum, lag(tp));
        return sum;
    }
    // Sum of unread() over the assigned partitions where it is known; -1 if none is known.
    qint64 totalUnread() const
    {
        qint64 sum = -1;
        for (const TopicPartition &tp : assignment)
            sum = addLag(sum, unread(tp));
        return sum;
    }
};

QString consumerStateName(ConsumerStatus::State state); // "running", "killed", ... (untranslated)

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::ConsumerStatus)
