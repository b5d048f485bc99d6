#include "logbroker/HeadLockReleaser.h"

#include "logbroker/PartitionWriter.h"

namespace tidemark::logbroker {

HeadLockReleaser::HeadLockReleaser(std::chrono::milliseconds idle) : m_idle(idle) {}

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
    std::lock_guard lock(m_mutex);
    if (m_stop)
        return;
    m_logs.push_back(std::move(log));
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
    m_wake.notify_all();
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
            if (auto log = weak.lock(); log && log->releaseKeptLock())
                still.push_back(weak);
        }
        lock.lock();
        m_logs.insert(m_logs.end(), still.begin(), still.end());
    }
}

} // namespace tidemark::logbroker
