#include "kafkaserver/FetchWaiters.h"

#include "logbroker/ChangeWatcher.h"

#include <set>

namespace tidemark::kafkaserver {

struct FetchWaiters::Watcher {
    logbroker::ChangeWatcher changes;
    std::set<QString> watched; // the thread's only
};

FetchWaiters::FetchWaiters() : m_watcher(std::make_unique<Watcher>())
{
    m_thread = std::thread([this] { run(); });
}

FetchWaiters::~FetchWaiters() { stop(); }

void FetchWaiters::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stop && !m_thread.joinable())
            return;
        m_stop = true;
    }
    m_watcher->changes.wakeup();
    if (m_thread.joinable())
        m_thread.join();
    std::lock_guard lock(m_mutex);
    m_waiters.clear();
}

size_t FetchWaiters::waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_waiters.size();
}

void FetchWaiters::add(std::vector<Watch> watches, Clock::time_point deadline, std::function<void(bool)> resume)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stop)
            return;
        for (const Watch &w : watches)
            m_newDirectories.push_back(w.log->directory());
        m_waiters.push_back(Waiter{std::move(watches), deadline, std::move(resume)});
    }
    m_watcher->changes.wakeup();
}

void FetchWaiters::notify() { m_watcher->changes.wakeup(); }

void FetchWaiters::run()
{
    using namespace std::chrono;
    // The head moves a moment after the data write that inotify reports: look again soon.
    Clock::time_point recheckUntil{};
    while (true) {
        std::vector<std::pair<std::function<void(bool)>, bool>> due;
        Clock::time_point nearest = Clock::now() + seconds(1);
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
            for (const QString &dir : m_newDirectories) {
                if (m_watcher->watched.insert(dir).second)
                    m_watcher->changes.watch(dir, logbroker::ChangeWatcher::Data);
            }
            m_newDirectories.clear();
            const Clock::time_point now = Clock::now();
            for (auto it = m_waiters.begin(); it != m_waiters.end();) {
                bool moved = false;
                for (const Watch &w : it->watches) {
                    auto wm = w.log->watermarks();
                    if (!wm || wm->high != w.seenHighWatermark || w.log->isDeleted()) {
                        moved = true;
                        break;
                    }
                }
                if (moved || now >= it->deadline) {
                    due.emplace_back(std::move(it->resume), !moved);
                    it = m_waiters.erase(it);
                } else {
                    nearest = std::min(nearest, it->deadline);
                    ++it;
                }
            }
        }
        for (auto &[resume, expired] : due)
            resume(expired);
        auto wait = duration_cast<milliseconds>(nearest - Clock::now()).count() + 1;
        if (!m_watcher->changes.available())
            wait = std::min<qint64>(wait, 10);
        if (Clock::now() < recheckUntil)
            wait = std::min<qint64>(wait, 2);
        const int kinds = m_watcher->changes.wait(static_cast<int>(std::clamp<qint64>(wait, 0, 1000)));
        if (kinds & logbroker::ChangeWatcher::Data)
            recheckUntil = Clock::now() + milliseconds(20);
    }
}

} // namespace tidemark::kafkaserver
