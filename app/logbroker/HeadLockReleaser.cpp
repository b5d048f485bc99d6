#include "logbroker/HeadLockReleaser.h"

#include "logbroker/PartitionWriter.h"

#include <algorithm>

#include <sys/resource.h>

namespace tidemark::logbroker {

HeadLockReleaser::HeadLockReleaser(std::chrono::milliseconds idle, size_t maxKept)
    : m_idle(idle), m_maxKept(std::max<size_t>(1, maxKept))
{}

size_t HeadLockReleaser::defaultMaxKept()
{
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 16;
    return std::clamp<size_t>(static_cast<size_t>(limit.rlim_cur) / 64, 1, 16);
}

HeadLockReleaser::~HeadLockReleaser()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void HeadLockReleaser::watch(std::weak_ptr<PartitionWriter> log)
{
    std::vector<std::weak_ptr<PartitionWriter>> excess; // the oldest beyond m_maxKept
    {
        std::lock_guard lock(m_mutex);
        if (m_stop)
            return;
        m_logs.push_back(std::move(log)); // the caller's, at the back: never in `excess`
        while (m_logs.size() > m_maxKept) {
            excess.push_back(std::move(m_logs.front()));
            m_logs.erase(m_logs.begin());
        }
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
        m_wake.notify_all();
    }
    // Outside m_mutex; releaseKeptLock only try-locks the other writer, so this never waits.
    std::vector<std::weak_ptr<PartitionWriter>> busy;
    for (const auto &weak : excess) {
        if (auto other = weak.lock(); other && other->releaseKeptLock(true, m_idle))
            busy.push_back(weak); // mid-append: look again with the others
    }
    if (!busy.empty()) {
        std::lock_guard lock(m_mutex);
        m_logs.insert(m_logs.begin(), busy.begin(), busy.end());
    }
}

void HeadLockReleaser::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_logs.empty()) {
            m_wake.wait(lock, [&] { return m_stop || !m_logs.empty(); });
            continue;
        }
        if (m_wake.wait_for(lock, m_idle, [&] { return m_stop; }))
            break;
        std::vector<std::weak_ptr<PartitionWriter>> logs;
        logs.swap(m_logs);
        lock.unlock();
        std::vector<std::weak_ptr<PartitionWriter>> still;
        for (const auto &weak : logs) {
            if (auto log = weak.lock(); log && log->releaseKeptLock(false, m_idle))
                still.push_back(weak);
        }
        lock.lock();
        m_logs.insert(m_logs.end(), still.begin(), still.end());
    }
}

} // namespace tidemark::logbroker
