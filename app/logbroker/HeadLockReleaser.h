#pragma once

// Lets go of the partition-head locks that appenders keep between appends.
//
// An append takes the flock on partition.head (other processes append to the same
// partition). Two flock calls per append cost more than the write() itself for a
// single-record produce, so a PartitionWriter keeps the lock after an append as long as nobody
// else asks for it (PartitionHead::lockWanted): a process that wants it notes so in the head
// while it waits, and the holder lets go at the end of its current append. This releaser is
// for the holder that goes quiet: it lets go of a lock kept for `idle` without an append,
// so a process that does not note its wants (an older version, `flock` in a shell) waits at
// most that long. A kept lock also keeps the partition's head and active segment files open,
// so at most `maxKept` partitions keep theirs: watching one more lets go of the oldest at once
// (a process appending round-robin to thousands of partitions stays within its descriptors).
//
// Threading: watch() may be called from any thread (appenders, with their partition's write
// mutex held). The releaser's own thread (started by the first watch(), joined by the
// destructor) calls PartitionWriter::releaseKeptLock(), which only try-locks the partition's
// write mutex, so it never waits for an appender. m_mutex guards m_logs and m_stop.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tidemark::logbroker {

class PartitionWriter;

class HeadLockReleaser {
public:
    explicit HeadLockReleaser(std::chrono::milliseconds idle = std::chrono::milliseconds(2),
                              size_t maxKept = defaultMaxKept());
    // A sixty-fourth of the soft RLIMIT_NOFILE, 1 to 16 (each kept lock holds 4 descriptors).
    static size_t defaultMaxKept();
    ~HeadLockReleaser();
    HeadLockReleaser(const HeadLockReleaser &) = delete;
    HeadLockReleaser &operator=(const HeadLockReleaser &) = delete;

    std::chrono::milliseconds idle() const { return m_idle; }
    // `log` keeps its head lock; check it every `idle` until it lets go.
    void watch(std::weak_ptr<PartitionWriter> log);

private:
    void run();

    const std::chrono::milliseconds m_idle;
    const size_t m_maxKept;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::weak_ptr<PartitionWriter>> m_logs; // guarded by m_mutex
    bool m_stop = false;                                // guarded by m_mutex
    std::thread m_thread;                               // started under m_mutex by the first watch()
};

} // namespace tidemark::logbroker
