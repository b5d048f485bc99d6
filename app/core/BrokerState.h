#pragma once

// One picture of the broker per connection (design rule 6): what the app knows about the
// topics, their partitions and watermarks, and the consumer groups of a topic with their
// members and committed offsets. Every view observes it; no panel asks the broker on its own.
//
// How data gets from the broker to every view, in one hop:
//
//     Backend --(AsyncBackend worker: listTopics / describeTopic / groupIdsOf+describeGroup)-->
//     BrokerState (GUI thread: merge, then emit topicsChanged / topicChanged / groupsChanged)
//     --> every view reads the state and repaints (synchronously, in the same turn)
//
//     the app's own ProducerJob / send / ConsumerRunner --(noteDelivered / noteCommitted)-->
//     BrokerState (merged at once, same signals)
//
// Because every view reads the same object and updates in the slot of the same signal, all
// of them show the same numbers after any event of the GUI thread's event loop.
//
// What is polled: only what some view watches, at the rate it asked for (watchTopics,
// watchTopic, watchGroups return a Watch id; unwatch() gives it back). Requests are
// coalesced per key: one listTopics, one describeTopic per topic and one groups poll per
// topic in flight at a time, however many views watch; the fastest watcher's interval wins.
// The app's consumers are watchers too: ConsumerManager watches the topics they read and
// takes their lag's high watermarks from here (a consumer makes no Backend call of its own).
// A watched topic's partitions come from describeTopic; other topics' record counts from
// listTopics. The groups poll lists the group ids (core/GroupIdListing.h: on the built-in broker
// one directory listing, whatever the groups hold), describes the groups known to read the topic
// each time, and every other group once when it first appears and then at most kGroupRecheck
// of them per poll, in turn (a group starting on the topic is seen within a few polls; at 200 groups the
// poll does not describe them all every second). A listed group that describeGroup() says is not
// there (on Kafka, an Empty group whose offsets went with their deleted topic, until it expires)
// counts as known too: it is asked again only in that turn, not at every poll.
//
// Every group's offsets (watchAllOffsets, for the lag history's recorder): one
// describeAllGroups() per interval (core/GroupsInBulk.h: one call on a backend that answers in
// bulk, as the built-in broker does; else listGroups and a describeGroup per group), coalesced
// like the rest and counted in callsStarted() call by call; offsetsSampled() is emitted after every answer, changed
// or not (a recorder writes a tick for each), and backs off like any quiet answer.
//
// Idle: an answer that brings no change doubles that key's interval, up to
// kMaxBackoff times the watcher's; a change, the app's own news or refresh() restores it. So
// at idle the app asks the broker a few times per second in all, however many topics it has.
//
// Merging: polls and the app's own reports meet per partition with a sequence number. A poll
// answer replaces what is known if nothing was noted since the poll was sent (so a topic
// that was recreated or truncated is shown as it is); otherwise the larger watermark and
// the noted commit win (an answer that left before a delivery was noted cannot take it back).
//
// One per connection: BrokerState::of(asyncBackend) returns the connection's state, made on
// first use as a child of the AsyncBackend (so it goes when the connection is retired, and
// every view handed that AsyncBackend observes the same object).
//
// Threads: a BrokerState lives on the GUI thread, with its AsyncBackend. It never calls the Backend itself: every call
// runs on the AsyncBackend's workers and the answer is merged on the GUI thread. All members are GUI-thread only;
// nothing is shared with the workers but the values captured by each call.
//
// Time: the tick timer and the clock are injectable: setTicking(false) stops the timer and
// a test calls tick() itself; setClock() replaces the monotonic milliseconds that decide
// when a watched thing is due.

#include "core/Backend.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace tidemark {

class AsyncBackend;

class BrokerState final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerState)

public:
    using Clock = std::function<qint64()>; // monotonic milliseconds
    using Watch = int;                     // 0: none
    static constexpr int kTickMs = 100;
    static constexpr int kGroupRecheck = 1;
    static constexpr int kMaxBackoff = 4; // a power of two
    static constexpr int kMaxAllGroups = 8;

    // The connection's state (GUI thread; never null for a non-null backend).
    static BrokerState *of(AsyncBackend *backend);
    ~BrokerState() override;

    // Subscriptions. Every view says what it looks at and how often it needs it.
    Watch watchTopics(int intervalMs);                      // the topic list, record counts
    Watch watchTopic(const QString &topic, int intervalMs); // partitions and watermarks
    // Groups reading the topic; an empty topic: every group (the first kMaxAllGroups).
    Watch watchGroups(const QString &topic, int intervalMs);
    // Every group with its committed offsets and their partitions' log ends (the lag history).
    Watch watchAllOffsets(int intervalMs);
    void unwatch(Watch watch); // 0 and unknown ids are ignored
    // Polls everything watched now (F5, after creating or deleting a topic).
    void refresh();

    // What is known now.
    bool topicsLoaded() const { return m_topicsLoaded; }
    std::vector<TopicInfo> topics() const; // sorted by name, record counts merged
    std::optional<TopicInfo> topic(const QString &name) const;
    // Sum over partitions of (high watermark - log start); -1 if unknown.
    qint64 recordCount(const QString &topic) const;
    // Set once the watched topic's partitions arrived (or its error).
    bool isTopicLoaded(const QString &topic) const;
    QString topicsError() const { return m_topicsError; }
    std::optional<Error> topicError(const QString &topic) const;
    // The groups that read `topic` (committed offsets or members on it), by group id.
    std::vector<GroupInfo> groups(const QString &topic) const;
    bool areGroupsLoaded(const QString &topic) const;
    QString groupsError(const QString &topic) const;
    // Every group described so far (for the charts), by group id.
    std::vector<GroupInfo> allGroups() const;

    // The committed offset of `tp` that `groupId` had when last seen: a poll's answer (the
    // topic's groups, every group's offsets) or the app's own commit or reset noted since.
    // Nullopt: never seen, or gone since. (What a consumer joining the group reads as its
    // committed offset is compared with it: below it, the offsets were reset meanwhile.)
    std::optional<qint64> knownCommitted(const QString &groupId, const TopicPartition &tp) const;

    // The last describeGroups() answer (watchAllOffsets), the app's commits noted since merged.
    const std::vector<GroupInfo> &allOffsets() const { return m_offsets; }
    QString offsetsError() const { return m_offsetsError; }

    // The app's own news, merged at once (GUI thread).
    // Deliveries: per partition, one past the highest acknowledged offset. Also what a reader
    // of the app found (records past the watermark the state knew).
    void noteDelivered(const QString &topic, const std::map<int, qint64> &nextOffsets);
    void noteCommitted(const QString &groupId, const std::map<TopicPartition, qint64> &offsets);
    void noteTopicsChanged(); // created or deleted by the app: the list is polled now
    // The app reset a group's committed offset of `tp` from `before` (the broker's, read just
    // before the reset; -1: unknown) to `offset`, or one of its consumers found it reset when it
    // joined the group (it read `offset`, below `before`, knownCommitted(), before a poll saw the
    // reset): merged as a commit, and told (offsetReset) to whoever tells a replay from a
    // redelivery, which this process may not have seen read.
    void noteOffsetReset(const QString &groupId, const TopicPartition &tp, qint64 before, qint64 offset);

    // For tests: drive time by hand.
    void setTicking(bool on);
    void setClock(Clock clock);
    void tick();
    // Backend calls started by this object so far (each listed call counts one).
    qint64 callsStarted() const { return m_calls; }
    // True when nothing is in flight.
    bool isIdle() const;

signals:
    void topicsChanged();
    void topicChanged(const QString &topic);
    void groupsChanged(const QString &topic);
    void offsetsSampled(); // after every answer to the offsets poll (also an error: offsetsError())
    // A group's committed offset was reset: by the app (noteOffsetReset), or by someone else
    // (`tidemark-cli group reset`, Kafka's tools), seen by a poll (groups or all offsets) as a
    // committed offset below the one known before while the group has no member. Members only
    // commit forward and both brokers reset only a group without members, so nothing else
    // moves it back. Told once per reset, whichever of the two sees it first.
    void offsetReset(const QString &groupId, const tidemark::TopicPartition &tp, qint64 before, qint64 offset);

private:
    explicit BrokerState(AsyncBackend *backend);

    enum class Kind { Topics, Topic, Groups, Offsets };
    struct Subscription {
        Kind kind;
        QString topic;
        int intervalMs;
    };
    struct Poll { // one per (kind, topic) watched
        bool inFlight = false;
        bool again = false;
        qint64 lastStartMs = -1;
        int backoff = 1; // multiplies the interval; doubles on each answer without change
    };
    struct Partition {
        PartitionInfo info;
        quint64 seq = 0; // when last set
    };
    struct TopicState {
        TopicInfo listed; // from listTopics (no partitions)
        bool described = false;
        std::map<int, Partition> partitions; // from describeTopic, merged with deliveries
        TopicInfo described_info;            // configs, replication
        std::optional<Error> error;
    };
    struct GroupsState {
        bool loaded = false;
        std::set<QString> members; // group ids reading the topic
        QString error;
        size_t fingerprint = 0;
    };
    struct Commit {
        qint64 offset = -1;
        quint64 seq = 0;
    };
    // A group's committed offset of a partition as last known (polled, noted by the app), to
    // see a reset made outside the app. `seq`: the poll's when it was sent, or the note's;
    // older answers neither update it nor compare with it.
    struct KnownCommit {
        qint64 offset = -1;
        quint64 seq = 0;
        bool resetTold = false; // offsetReset was emitted for a reset to `offset`
    };
    struct FoundReset {
        QString groupId;
        TopicPartition tp;
        qint64 before = -1;
        qint64 offset = -1;
    };

    using Key = std::pair<Kind, QString>;
    int intervalOf(const Key &key) const;
    void updateTimer();
    void start(const Key &key);
    void pollTopics();
    void pollTopic(const QString &topic);
    void pollGroups(const QString &topic);
    void pollOffsets();
    void finish(const Key &key, bool changed);
    void wake(const Key &key); // back to the watcher's own rate
    void applyGroup(GroupInfo info, quint64 sentSeq);
    // A poll's answer for one group, sent at `sentSeq` (the app's noted commits merged): what
    // moved back is kept in m_foundResets, for tellResets() when the answer is merged.
    void learnCommitted(const GroupInfo &group, quint64 sentSeq);
    void tellResets();

    AsyncBackend *m_backend;
    QTimer m_timer;
    bool m_ticking = true;
    Clock m_clock;
    qint64 m_calls = 0;
    quint64 m_seq = 0;
    Watch m_nextWatch = 1;
    std::map<Watch, Subscription> m_subscriptions;
    std::map<Key, Poll> m_polls;

    bool m_topicsLoaded = false;
    QString m_topicsError;
    size_t m_topicsFingerprint = 0;
    std::map<QString, TopicState> m_topics;
    std::map<QString, GroupsState> m_groupsOf; // topic -> groups reading it
    std::map<QString, GroupInfo> m_groups;     // every described group
    std::set<QString> m_goneGroups;            // listed, but NotFound when described (not described each poll)
    std::map<std::pair<QString, TopicPartition>, Commit> m_commits;    // noted by the app
    std::map<std::pair<QString, TopicPartition>, KnownCommit> m_known; // polled or noted
    std::vector<FoundReset> m_foundResets;                             // to emit (tellResets)
    size_t m_recheck = 0;                                              // round-robin over other groups
    std::vector<GroupInfo> m_offsets;                                  // watchAllOffsets' last answer
    QString m_offsetsError;
    size_t m_offsetsFingerprint = 0;
};

} // namespace tidemark
