#pragma once

// The app's consumers: starts, stops, kills and restarts consumers in groups, and publishes
// what each is doing as ConsumerStatus values.
//
// Threads: a ConsumerManager lives on the GUI thread and every public method must be called
// there. Each running consumer is a ConsumerRunner (a QThread) owned by the manager; runners
// talk back only through queued signals carrying ConsumerUpdate values, so the manager's
// state (m_entries, m_retiring, m_maxProcessed) is touched by the GUI thread alone.
//
// API for views (the consumers panel, the partition timeline):
//   statuses()            every consumer the manager knows, in creation order
//   statusChanged(status) a consumer changed (at most ~10 per second per consumer)
//   consumerRemoved(id)   a consumer is gone (removed, or the connection changed)
//   (a killed consumer's status counts its session down: sessionRemainingMs, published
//   every second until the session expires or another member takes its partitions over; restarted
//   before then, its killed membership's countdown goes on in earlierSessions, and the takeover
//   is told from "billing #1 (before its restart)", perhaps by billing #1 itself)
//   latestMoment(group)   the group's latest moment (GroupMoment): what changed last and what
//                         its members read again since, for the one-line story under the list
//   momentChanged(group)  a group has a new latest moment (its counts change with statusChanged)
//   eventLogged(entry)    rebalances, commits, offset resets, replays, re-deliveries and errors, for
//                         the events pane;
//                         commits are summarised, at most one line per consumer per
//                         kCommitSummaryMs (the latest offset of each partition, and how many
//                         commits the line stands for); the story's moments are milestones
//
// Consumer ids are UI-local and stable across restarts: "<group> #<n>".
//
// Lag: a consumer's high watermarks (ConsumerStatus::highWatermarks) come from the
// connection's BrokerState (setBrokerState), never from the runner: the manager watches each
// topic some active consumer reads (one watch per topic, at the fastest of their
// watermarkIntervalMs), and copies the state's watermarks of the assigned partitions into the
// statuses when the state says the topic changed and on every runner update. So however many
// consumers read a topic, its watermarks cost one coalesced describe per poll, on the state's
// worker. A consumer that read past the watermark the state knew reports it (noteDelivered),
// so the lag never goes negative. Without a state the lag is unknown (-1). The lag itself is
// the group's (core/Lag.h: watermark minus committed offset). A killed consumer keeps its
// partitions until the takeover (ConsumerStatus::holdsPartitions), so its topics stay watched
// and its watermarks, hence its lag, keep growing meanwhile.

#include "core/Backend.h"
#include "core/BrokerState.h"
#include "core/Clock.h"
#include "core/ConsumerRunner.h"
#include "core/ConsumerStatus.h"
#include "core/EventLog.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace tidemark {

// The latest moment of a group's story: the last change of a member's state (it joined,
// restarted, was killed, stopped, failed, was removed, its session expired with nobody left to
// take over, another member took its partitions over, a member found the committed offsets
// reset, or the app reset them while no member ran), and what the group's members read again
// since that moment. The statuses' counts
// (ConsumerStatus::recordsRedelivered, recordsReplayed) add up over a consumer's whole life;
// these start again at every moment, so the story tells what just happened, not the first kill.
// Moments that belong together are one: the takeovers of one killed member's partitions (by
// one member or several), and the partitions one reset moved back.
struct GroupMoment {
    // OffsetsReset: the app reset the committed offsets (none of the group's members ran, or
    // the broker refuses); Reset: a member found them reset when it started again.
    enum class Kind {
        None,
        Joined,
        Restarted,
        Killed,
        Stopped,
        Failed,
        Removed,
        SessionExpired,
        TakenOver,
        Reset,
        OffsetsReset
    };
    Kind kind = Kind::None;
    QString groupId;
    // The member it happened to: the one that joined, restarted, ... ; TakenOver: the (first)
    // member that took partitions over; Reset: the first member that found the reset.
    QString consumerId;
    QStringList takers;                     // TakenOver: every member that took partitions over
    QString previousOwner;                  // TakenOver: the killed one ("billing #2", "tidemark-cli", "member <id>")
    std::vector<TopicPartition> partitions; // TakenOver: the partitions taken; (Offsets)Reset: those moved
    // TakenOver: the previous owner had processed records of them it never committed, which
    // the takers read again (a redelivery; false: everything had been committed).
    bool uncommitted = false;
    // OffsetsReset: every partition it moved went forward (records skipped): nothing will be
    // replayed, and a takeover that follows stays the story.
    bool forwardOnly = false;
    std::map<QString, qint64> redelivered; // records read again since the moment, per consumer id (> 0 only)
    std::map<QString, qint64> replayed;    // likewise, the replayed ones
    qint64 sequence = 0;                   // grows with every moment of every group; 0: none yet

    qint64 totalRedelivered() const;
    qint64 totalReplayed() const;
};

class ConsumerManager final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerManager)

public:
    // At most one commit line per consumer in this many ms (by the injected clock).
    static constexpr int kCommitSummaryMs = 1000;

    explicit ConsumerManager(Clock clock = systemClock(), QObject *parent = nullptr);
    // Stops every consumer cleanly (commit, leave) and waits for the runners; a runner that
    // does not finish within a few seconds is killed.
    ~ConsumerManager() override;

    // Consumers of the previous backend are stopped cleanly in the background and forgotten
    // (consumerRemoved for each). Null: no connection; start() then fails. Each one that was
    // running gets an event saying it stopped and `why` (e.g. "the app left Local: /data for
    // Kafka: test"), so a switch never drops consumers silently.
    void setBackend(std::shared_ptr<Backend> backend, const QString &why = {});
    bool hasBackend() const { return m_backend != nullptr; }
    // Where the consumers' high watermarks come from (the same connection's state); null: none.
    void setBrokerState(BrokerState *state);

    // A consumer event as the Events pane tells it, in the user's language: the brokers report
    // what happened as data (kind, reason, partitions, generation, ...), this words it; a
    // broker's own text is only a detail in parentheses, or the whole text of an error.
    static QString eventText(const ConsumerEvent &event);

    void setDefaultOptions(const ConsumerOptions &options) { m_defaultOptions = options; }
    ConsumerOptions defaultOptions() const { return m_defaultOptions; }

    // Starts one consumer in `groupId`, subscribed to `topics`; returns its id, or an empty
    // string (and an Error event) when there is no backend or the input is empty.
    QString start(const QString &groupId, const QStringList &topics);
    QString start(const QString &groupId, const QStringList &topics, const ConsumerOptions &options);
    QStringList startGroup(const QString &groupId, const QStringList &topics, int count);

    // Each returns false if the id is unknown or the action does not apply (stopping a
    // consumer that is not running).
    bool stop(const QString &consumerId);    // commit processed offsets, leave the group
    bool kill(const QString &consumerId);    // no commit, no leave: the group finds out later
    bool restart(const QString &consumerId); // start again (after a clean stop if running)
    bool remove(const QString &consumerId);  // stop cleanly if running, then forget
    void stopAll();
    // Stops every running member of `groupId` at once (each commits, then leaves; none takes
    // another's partitions on its way out), told as one moment of the group: "the group
    // stopped: both members committed and left together". Returns how many it stops.
    int stopGroup(const QString &groupId);

    std::vector<ConsumerStatus> statuses() const;
    std::optional<ConsumerStatus> status(const QString &consumerId) const;
    QStringList consumerIds() const;
    int activeCount() const;
    // The latest moment of `groupId` (of any group if empty); kind None if nothing happened yet.
    GroupMoment latestMoment(const QString &groupId = {}) const;

signals:
    void statusChanged(const tidemark::ConsumerStatus &status);
    void consumerRemoved(const QString &consumerId);
    // A group has a new latest moment (latestMoment), or its latest one grew.
    void momentChanged(const QString &groupId);
    void eventLogged(const tidemark::LogEntry &entry);

private:
    struct Entry {
        ConsumerStatus status;
        ConsumerOptions options;
        ConsumerRunner *runner = nullptr; // owned; null when not running
        bool restartPending = false;
        bool removePending = false;
    };

    Entry *find(const QString &consumerId);
    const Entry *find(const QString &consumerId) const;
    void launch(Entry &entry);
    void onUpdate(ConsumerRunner *runner, const ConsumerUpdate &update);
    void onRunnerFinished(ConsumerRunner *runner);
    // A partition whose committed offset a member found reset on joining, below what the
    // connection's BrokerState knew (its poll had not seen the reset yet).
    struct FoundReset {
        TopicPartition tp;
        qint64 before = -1;
        qint64 offset = -1;
    };
    // A member that gets a partition reads its committed offset: below the group's last one
    // (as its members reported it, or as the BrokerState last saw it), the offsets were reset,
    // and what it reads up to there is a replay. Returns the resets the state did not know of,
    // for onUpdate to tell it once the member's status holds the partition.
    std::vector<FoundReset> detectReset(Entry &entry, const ConsumerUpdate &update);
    // How far the group had read `tp` when its committed offset was `committed`: that, unless a
    // reset forward skipped records since (m_readUpTo), then where that reset started.
    qint64 readUpTo(const QString &groupId, const TopicPartition &tp, qint64 committed) const;
    // `groupId`'s committed offset of `tp` was reset from `before` (-1: unknown) to `offset`
    // (BrokerState::offsetReset, the one way it is told here). Told in Events; the
    // group's latest moment (OffsetsReset) until a member starts again; and what the group
    // committed before is known to have been read, so reading it again is a replay.
    void onOffsetReset(const QString &groupId, const TopicPartition &tp, qint64 before, qint64 offset);
    // Starts the session countdown of a consumer that was just killed.
    void startSessionCountdown(Entry &entry);
    // "member <id>": a member of the group that is not one of this app's consumers.
    static QString memberName(const QString &memberId);
    // "took <partitions> over from <from>, which left the group without letting go ...".
    static QString takeoverText(const ConsumerEvent &event, const std::vector<TopicPartition> &partitions,
                                const QString &from);
    // A member of the group got a partition a killed consumer kept, or an earlier membership of a
    // restarted one (ConsumerStatus::earlierSessions): the takeover moment, told with the time
    // since the kill. Returns the partitions it told.
    std::set<TopicPartition> detectTakeover(Entry &entry, const ConsumerUpdate &update);
    void tickSessions();
    void detectRedelivery(Entry &entry, const ConsumerUpdate &update);
    void log(LogEntry::Kind kind, const QString &source, const QString &message, bool milestone = false);
    // A member of `moment.groupId` changed: the group's latest moment, whose counts start from
    // the members' counts now (unless it continues the moment before: see GroupMoment).
    void noteMoment(GroupMoment moment);
    void noteMoment(GroupMoment::Kind kind, const Entry &entry);
    // Whether a member that gets `tp` with `committed` reads records again that a member of
    // `group` processed but never committed.
    bool hasUncommitted(const QString &group, const TopicPartition &tp,
                        const std::map<TopicPartition, qint64> &committed) const;
    void publish(Entry &entry);
    // Watches the topics the active consumers read, and only those.
    void updateWatches();
    // Copies the state's watermarks of the entry's assigned partitions; true if any changed.
    bool fillWatermarks(Entry &entry);
    void onTopicChanged(const QString &topic);
    // Commits since a consumer's last commit line, logged as one line when kCommitSummaryMs
    // have passed, before the consumer's next other event (order kept), or when it finishes.
    struct CommitSummary {
        std::map<TopicPartition, qint64> offsets; // latest committed, per partition, for the line
        std::map<TopicPartition, qint64> known;   // latest committed ever noted (an echo changes nothing)
        int commits = 0;                          // commit events folded into the line
        QString reason;                           // "partitions revoked", "clean stop", ...
        qint64 lastLoggedMs = 0;                  // by m_clock; 0: never
    };
    void noteCommit(Entry &entry, const ConsumerEvent &event, const ConsumerUpdate &update);
    void flushCommits(const QString &consumerId);
    void flushDueCommits();

    Clock m_clock;
    std::shared_ptr<Backend> m_backend;
    ConsumerOptions m_defaultOptions;
    std::vector<Entry> m_entries;             // creation order
    std::vector<ConsumerRunner *> m_retiring; // runners of forgotten consumers, still finishing
    std::map<QString, int> m_nextNumber;      // per group, for consumer ids
    // This run's token in its consumers' client ids (core/MemberNames.h): a later run numbers
    // its consumers from #1 again, and the group may still list this run's members.
    const QString m_runToken;
    // Highest offset processed per partition by any member of a group, for re-delivery.
    std::map<QString, std::map<TopicPartition, qint64>> m_maxProcessed;
    // The group's committed offset per partition as its members last reported it: a member
    // that gets a partition whose commit is below it finds the offsets were reset.
    std::map<QString, std::map<TopicPartition, qint64>> m_lastCommitted;
    // Per group and partition: the committed offset before a reset forward (the first of a
    // chain of them), up to which the group had read; the offsets from there to where it was
    // moved were skipped, never read. A reset back that follows replays nothing beyond it.
    std::map<QString, std::map<TopicPartition, qint64>> m_readUpTo;
    // Per group and partition, offsets [first, last] to be read again because of a reset.
    std::map<QString, std::map<TopicPartition, std::pair<qint64, qint64>>> m_replays;
    // (consumer id, partition) reading again right now: told once per stretch, not per batch.
    std::set<std::pair<QString, TopicPartition>> m_rereading;
    // Per group: its latest moment, and each member's (redelivered, replayed) counts then.
    struct MomentState {
        GroupMoment moment;
        std::map<QString, std::pair<qint64, qint64>> baselines;
        // The group's offsets were reset back (OffsetsReset or Reset; not forwardOnly) and no
        // member's state changed since but for (re)starts: a takeover from a leftover member is
        // no moment then (the replay is the story).
        bool resetToReplay = false;
    };
    std::map<QString, MomentState> m_moments;
    qint64 m_momentSequence = 0;
    std::map<QString, CommitSummary> m_commitSummaries; // per consumer id
    // Groups stopped as a whole (stopGroup): the members still finishing, and how many there were.
    std::map<QString, std::pair<QStringList, int>> m_groupStops;
    QTimer *m_commitTimer = nullptr;                                 // flushes the summaries held back
    QTimer *m_sessionTimer = nullptr;                                // counts killed (and earlier) sessions down
    QPointer<BrokerState> m_state;                                   // the connection's; owned by its AsyncBackend
    std::map<QString, std::pair<BrokerState::Watch, int>> m_watches; // topic -> (watch, interval)
};

} // namespace tidemark
