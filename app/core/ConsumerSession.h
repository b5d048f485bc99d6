#pragma once

// One run of a ConsumerRunner (core/ConsumerRunner.h): the life of one Consumer from its
// configuration to the final update, with everything the run keeps as members: the status
// being published, the events and processed ranges since the last update, the next offset to
// process per partition, the throttled backlog and the commit clock. It makes no Backend call:
// the high watermarks of the lag come from the connection's BrokerState (ConsumerManager).
//
// The runner drives it:
//
//     ConsumerSession session(initial, options, publish);
//     createConsumer(session.consumerConfig())  -- failed: session.failedToStart(error)
//     session.consume(consumer, stop)           -- false: poll failed, consumer abandoned
//     session.kill(consumer) or session.stopCleanly(consumer)
//     session.publish(true)                     -- the last update
//
// Threads: created, used and destroyed on the runner thread only; nothing in it is shared.
// `publish` is called on that thread (the runner emits its queued signal there).
//
// Offsets: records are "processed" one by one from the backlog (throttled to
// maxRecordsPerSecond if set); what was processed is committed every commitIntervalMs, on a
// revocation (before the partitions go) and on a clean stop, never on a kill.

#include "core/Backend.h"
#include "core/ConsumerRunner.h"
#include "core/ConsumerStatus.h"

#include <QElapsedTimer>

#include <deque>
#include <functional>
#include <map>
#include <vector>

namespace tidemark {

class ConsumerSession final {
    Q_DISABLE_COPY_MOVE(ConsumerSession)

public:
    using Publish = std::function<void(const ConsumerUpdate &)>;

    ConsumerSession(const ConsumerStatus &initial, const ConsumerOptions &options, Publish publish);

    // The consumer this session asks the backend for.
    ConsumerConfig consumerConfig() const;

    // The backend could not create the consumer: the status says so (publish(true) next).
    void failedToStart(const Error &error);

    // Polls and processes until `stopRequested()` or a fatal poll error. Returns false on
    // the error: the status is Failed and the consumer already abandoned.
    bool consume(Consumer &consumer, const std::function<bool()> &stopRequested);

    // Ends a consume() that was asked to stop: a kill abandons the consumer (no commit, no
    // leave); a clean stop commits what was processed and leaves the group.
    void kill(Consumer &consumer);
    void stopCleanly(Consumer &consumer);

    // Sends the status with the events and processed ranges gathered since the last update.
    void publish(bool finished);

private:
    bool isAssigned(const TopicPartition &tp) const;
    // Commits the processed offsets of `tps` that advanced past the last known commit.
    void commitProcessed(Consumer &consumer, const std::vector<TopicPartition> &tps, const QString &why,
                         bool revoked = false);
    // Follows the consumer's assignment: drops what was taken away, starts what was added
    // (at the first record of `batch` for it, else the consumer's position). `leaving`: a stop
    // was asked for, so nothing is added (see pollOnce).
    void syncAssignment(Consumer &consumer, const std::vector<Record> &batch, bool leaving = false);
    // One poll: events, assignment, state, and the records into the backlog. False on a fatal error.
    // A poll that returns after a stop was asked for takes nothing new on: partitions another
    // member let go meanwhile (stopped with it, as "Stop the group" does) are neither
    // announced nor read; the next owner resumes them at the committed offset.
    bool pollOnce(Consumer &consumer, const std::function<bool()> &stopRequested);
    // Processes the backlog (throttled if asked) until it is empty or an update is due.
    void processBacklog(const std::function<bool()> &stopRequested);
    // The positions to show: the next offset to process of each assigned partition.
    void updatePositions(Consumer &consumer);

    const ConsumerOptions m_options;
    const Publish m_publish;
    const double m_msPerRecord; // 0: unthrottled

    ConsumerStatus m_status;
    std::vector<ConsumerEvent> m_events;                          // since the last update
    std::map<TopicPartition, std::pair<qint64, qint64>> m_ranges; // processed since the last update
    QElapsedTimer m_clock;
    qint64 m_lastEmit = -1'000'000;
    qint64 m_lastCommit = 0;
    ConsumerStatus::State m_lastEmittedState;

    std::map<TopicPartition, qint64> m_processed; // next offset to process, per assigned partition
    std::map<TopicPartition, qint64> m_startedAt; // where processing of each partition began
    std::deque<Record> m_backlog;                 // polled, not yet processed (throttled mode)
    int m_revokedGeneration = -1;                 // generation at the last revocation
    double m_nextDueMs = 0.0;                     // when the next record may be processed (throttled)
};

} // namespace tidemark
