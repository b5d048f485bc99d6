#pragma once

// A consumer of the built-in broker, alone (manual assignment) or as a member of a consumer
// group shared with other processes (see GroupDirectory.h for the files and locks).
//
// Group protocol, run inside poll() (no helper thread): every heartbeat interval the member
// touches its lease (the heartbeat), checks it was not evicted, reads state.json and probes
// the other members' leases; when members joined, left or died, or partition counts
// changed, it recomputes the assignment under group.lock and writes a new generation. It
// then takes the claims of newly assigned partitions as soon as their previous owner lets go
// (Assigned), reading the committed offset only after it holds the claim. inotify on the
// group directories makes a join, a leave or a kill -9 (the kernel closes the dead member's
// lease) wake every member at once; the heartbeat-interval check is the fallback. A member
// that vanished (killed) is checked again the moment its session expires (its last heartbeat
// plus its session timeout), and its claims are freed as it is evicted, so the survivors take
// its partitions within a few milliseconds of the expiry: the takeover comes between the
// session timeout minus half a heartbeat interval (the age of its last heartbeat) and the
// session timeout after a kill -9 (the app's kill, abandon(), comes right after a heartbeat: at
// the session timeout).
//
// Revocation (like Kafka's eager protocol): the poll() that learns a partition went to
// another member reports it Revoked and returns at once, while this member still holds the
// partition's claim; no records of it are returned from then on. A commit() made before the
// next poll() (explicit offsets, or the positions) still succeeds, so the member can commit
// what it processed. The claims are released at the start of the next poll() (or by
// close()); the new owner takes the claim then and starts from that commit.
//
// Because the protocol runs in poll(), a consumer that is not polled for longer than its
// session timeout is evicted (like Kafka's max.poll.interval.ms). Its next poll reports its
// partitions Lost and rejoins with a new member id. The wait for its partitions is bounded:
// a member assigned a partition whose claim is still held by an evicted (or hung) member
// takes the claim over after one more heartbeat interval (GroupDirectory::takeClaims): the
// evicted member checks its lease before it reads again, and its commits are refused once
// the claim names another member. A member that died (kill -9, or the app's kill: its lease
// is unlocked) stays in the group with its partitions until its session timeout has passed
// since its last heartbeat, as with Kafka (GroupDirectory.h); then its claims are taken at once.
//
// Descriptors: a member holds one locked descriptor (its lease) and an inotify descriptor,
// however many partitions it owns: claims are records (GroupDirectory.h), not locks.
//
// Commits: committed offsets are written atomically (temp + fsync + rename), and only by the
// member the partition's claim names (a manually assigned consumer needs no claim, and is
// refused while a live group member holds the partition).
//
// Threading: one thread at a time (the Consumer contract). wakeup() may be called from any
// thread while the consumer exists: it writes to the watcher's eventfd.

#include "core/Backend.h"

#include "logbroker/ChangeWatcher.h"
#include "logbroker/GroupDirectory.h"
#include "logbroker/LogStore.h"

#include <map>
#include <memory>
#include <optional>
#include <set>

namespace tidemark::logbroker {

class LocalConsumer final : public Consumer {
public:
    static Result<std::unique_ptr<Consumer>> create(std::shared_ptr<LogStore> store, const ConsumerConfig &config);
    ~LocalConsumer() override;
    LocalConsumer(const LocalConsumer &) = delete;
    LocalConsumer &operator=(const LocalConsumer &) = delete;

    Result<PollResult> poll(int timeoutMs) override;
    Status commit() override;
    Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) override;
    std::vector<TopicPartition> assignment() const override;
    std::optional<qint64> position(const TopicPartition &tp) const override;
    Result<std::map<TopicPartition, qint64>> committed() override;
    Status seek(const TopicPartition &tp, qint64 offset) override;
    QString memberId() const override { return m_memberId; }
    int generation() const override { return m_generation; }
    void wakeup() override { m_watcher.wakeup(); }
    void close() override;
    void abandon() override;

private:
    struct Owned {
        std::shared_ptr<PartitionLog> log;
        qint64 position = -1;
        qint64 lastCommitted = -1;
        ReadHint hint;
        int watchId = -1;
        bool broken = false; // an error was reported; waits for the next rebalance
    };
    // A partition assigned to this member whose claim is not ours yet.
    struct Pending {
        QString staleHolder;      // the holder last seen evicted or hung
        qint64 staleSinceMs = -1; // since when it has looked so (-1: alive)
        qint64 lastProbeMs = 0;   // when the holder was last looked at
    };

    LocalConsumer(std::shared_ptr<LogStore> store, const ConsumerConfig &config);
    Status join();
    Status maintainGroup(std::vector<ConsumerEvent> &events, bool force);
    bool membershipChanged(const GroupState &state);
    void applyState(const GroupState &state, std::vector<ConsumerEvent> &events);
    void tryClaims(std::vector<ConsumerEvent> &events);
    // Whether the claim's current `holder` (not this member) may be replaced now.
    bool claimHolderGone(const QString &holder, Pending &pending, qint64 now);
    void release(const TopicPartition &tp);
    void releaseRevoked();
    void releaseAll();
    Owned *committable(const TopicPartition &tp);
    void initPosition(const TopicPartition &tp, Owned &owned, std::vector<ConsumerEvent> &events);
    qint64 resetPosition(const Owned &owned) const;
    void readRecords(PollResult &out);
    Status commitOffsets(const std::vector<std::pair<TopicPartition, qint64>> &offsets);
    // An event whose `message` is its text (errors).
    ConsumerEvent event(ConsumerEvent::Kind kind, std::vector<TopicPartition> partitions, const QString &message) const;
    // A moment of the group's story, as data (no text: the app words it in its language).
    ConsumerEvent storyEvent(ConsumerEvent::Kind kind, ConsumerEvent::Reason reason,
                             std::vector<TopicPartition> partitions) const;

    std::shared_ptr<LogStore> m_store;
    ConsumerConfig m_config;
    std::optional<GroupDirectory> m_group; // set when a group id is given
    bool m_subscribed = false;             // group management (topics) vs manual assignment
    QString m_memberId;
    QString m_leasePath;
    UniqueFd m_lease;
    int m_generation = -1;
    std::map<TopicPartition, Owned> m_owned;     // assigned and claimed: read, committed
    std::map<TopicPartition, Owned> m_revoked;   // reported Revoked, claim held until the next poll
    std::map<TopicPartition, Pending> m_pending; // assigned, waiting for the previous owner
    std::set<TopicPartition> m_failed;           // could not be opened in this generation
    ChangeWatcher m_watcher;
    std::vector<ConsumerEvent> m_events; // queued for the next poll
    qint64 m_lastHeartbeatMs = 0;
    qint64 m_lastCheckMs = 0;
    // The earliest session expiry of a member that vanished (killed, its session still valid),
    // seen at the last membership check; 0: none. The next check is due then, so the takeover
    // follows the expiry within a poll's wake-up, not a heartbeat interval later.
    qint64 m_nextExpiryMs = 0;
    bool m_groupDirty = true;
    int m_quickRechecks = 0;
    size_t m_roundRobin = 0;
    std::set<QString> m_reportedMissingTopics;
    std::set<QString> m_unfitTopics; // names too long for the group's files: reported once, never claimed
    bool m_closed = false;
};

} // namespace tidemark::logbroker
