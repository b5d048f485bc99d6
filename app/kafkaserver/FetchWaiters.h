#pragma once

// Long-polling fetches (max_wait_ms / min_bytes) wait here without holding a handler thread.
// A waiter watches some partitions' high watermarks; it is resumed as soon as one of them
// moves past what the fetch saw, or when its deadline passes. Appends made through this
// listener call notify(); appends by other processes (the app, tidemark-cli) are seen through
// inotify on the partition directories (ChangeWatcher), or by looking every 10 ms where
// inotify is unavailable.
//
// Threading: one thread of its own runs the waits and calls `resume` (which must only queue
// work: a handler thread does the fetch again). add() and notify() may be called from any
// thread; m_mutex guards m_waiters and m_newDirectories. stop() resumes nobody: replies of
// waiters still waiting are dropped with their connections.

#include "logbroker/PartitionLog.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tidemark::kafkaserver {

class FetchWaiters {
public:
    struct Watch {
        std::shared_ptr<logbroker::PartitionLog> log;
        qint64 seenHighWatermark = 0;
    };
    using Clock = std::chrono::steady_clock;

    FetchWaiters();
    ~FetchWaiters(); // stop()
    FetchWaiters(const FetchWaiters &) = delete;
    FetchWaiters &operator=(const FetchWaiters &) = delete;

    // `resume(expired)` runs once, on this object's thread.
    void add(std::vector<Watch> watches, Clock::time_point deadline, std::function<void(bool expired)> resume);
    void notify();
    void stop();
    size_t waiting() const;

private:
    struct Waiter {
        std::vector<Watch> watches;
        Clock::time_point deadline;
        std::function<void(bool)> resume;
    };
    void run();

    mutable std::mutex m_mutex;
    std::vector<Waiter> m_waiters;         // guarded by m_mutex
    std::vector<QString> m_newDirectories; // guarded by m_mutex: to watch, by the thread
    bool m_stop = false;                   // guarded by m_mutex
    struct Watcher;
    std::unique_ptr<Watcher> m_watcher; // the thread's (wakeup() from any thread)
    std::thread m_thread;
};

} // namespace tidemark::kafkaserver
