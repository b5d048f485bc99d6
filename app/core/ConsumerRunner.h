#pragma once

// One in-app consumer: a Consumer polled on its own thread, reporting value-type updates.
//
// Threads:
//  - The ConsumerRunner object (a QThread) is created, owned and deleted on the GUI thread
//    by ConsumerManager. Its run() executes on the runner thread and is the only code that
//    touches the Consumer (created there, polled there, closed or abandoned there); the work
//    of one run, and its state, is a ConsumerSession (core/ConsumerSession.h) on that thread.
//  - requestStop() (markStop(), then wake()) may be called from any thread: it sets an atomic
//    and wakes the Consumer (Consumer::wakeup() is thread-safe); m_consumerMutex guards the
//    consumer pointer against the runner thread creating or destroying it at the same moment.
//  - updated() is emitted on the runner thread; connect it with Qt::QueuedConnection (the
//    default for a receiver on the GUI thread). Updates are coalesced: at most one per
//    `statusIntervalMs` unless something happened (an event, a state change).
//
// Offsets: the runner "processes" records one by one (optionally throttled to
// `maxRecordsPerSecond`, to make lag and re-delivery visible) and commits what it has
// processed every `commitIntervalMs`, like Kafka's auto-commit. A clean stop commits the
// processed positions and leaves the group; a kill abandons the consumer without either, so
// what was processed since the last commit is delivered again to whoever takes over.

#include "core/Backend.h"
#include "core/ConsumerStatus.h"

#include <QMetaType>
#include <QMutex>
#include <QThread>

#include <atomic>
#include <memory>

namespace tidemark {

struct ConsumerOptions {
    OffsetReset reset = OffsetReset::Earliest;
    int commitIntervalMs = 1000; // 0: commit after every poll that processed something
    int maxRecordsPerSecond = 0; // 0: unthrottled
    int maxPollRecords = 0;      // records per poll; 0: derived from the rate (500 unthrottled)
    int sessionTimeoutMs = 6000; // how long a killed member keeps its partitions
    int heartbeatIntervalMs = 1000;
    int pollTimeoutMs = 100;
    int statusIntervalMs = 100;    // coalescing of status updates
    int watermarkIntervalMs = 500; // how often the lag's high watermarks are refreshed
    QString assignmentStrategy = QStringLiteral("range");
};

// What a runner reports. `processed` lists, per partition, the offsets [first, last]
// processed since the previous update (the manager uses it to detect re-delivery).
struct ConsumerUpdate {
    struct Range {
        TopicPartition tp;
        qint64 first = -1;
        qint64 last = -1;
    };
    ConsumerStatus status;
    std::vector<ConsumerEvent> events;
    std::vector<Range> processed;
    bool finished = false; // the last update of this runner; the thread is about to end
};

class ConsumerRunner final : public QThread {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerRunner)

public:
    enum class StopMode { None, Clean, Kill };

    ConsumerRunner(std::shared_ptr<Backend> backend, ConsumerStatus initial, ConsumerOptions options,
                   QObject *parent = nullptr);
    // Kills the consumer if still running and waits for the thread (bounded by the poll
    // timeout). ConsumerManager normally waits for finished() first.
    ~ConsumerRunner() override;

    // Any thread. Clean: commit processed offsets and leave the group. Kill: abandon (no
    // commit, no leave). A Kill may upgrade a pending Clean, never the reverse.
    // requestStop() is markStop() then wake().
    void requestStop(StopMode mode);
    // The request alone (the consumer sees it once its poll returns), and the wakeup that
    // interrupts the poll. Stopping several members together, mark them all before waking any:
    // a woken member may leave at once (on 2 cores it often runs before the caller's next
    // line), and another member not yet marked would be handed its partitions.
    void markStop(StopMode mode);
    void wake();
    StopMode requestedStop() const { return m_stop.load(); }

signals:
    void updated(const tidemark::ConsumerUpdate &update);

protected:
    void run() override;

private:
    void setConsumer(std::unique_ptr<Consumer> consumer);

    std::shared_ptr<Backend> m_backend; // released at the end of run(), on the runner's thread
    const ConsumerStatus m_initial;
    const ConsumerOptions m_options;
    std::atomic<StopMode> m_stop{StopMode::None};
    QMutex m_consumerMutex;               // guards m_consumer (pointer, not the object)
    std::unique_ptr<Consumer> m_consumer; // used on the runner thread only
};

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::ConsumerUpdate)
