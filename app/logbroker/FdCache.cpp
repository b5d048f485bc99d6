#include "logbroker/FdCache.h"

#include <algorithm>

#include <sys/resource.h>

namespace tidemark::logbroker {

FdCache::FdCache(size_t capacity) : m_capacity(std::max<size_t>(1, capacity)) {}

size_t FdCache::defaultCapacity()
{
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 256;
    return std::clamp<size_t>(static_cast<size_t>(limit.rlim_cur) / 8, 4, 256);
}

Result<std::shared_ptr<UniqueFd>> FdCache::open(const void *owner, const QString &path)
{
    Key key{owner, path};
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_index.find(key); it != m_index.end()) {
            m_lru.splice(m_lru.begin(), m_lru, it->second);
            return it->second->fd;
        }
    }
    auto opened = openFile(path, ReadOnly); // outside the lock
    if (!opened)
        return opened.error();
    auto fd = std::make_shared<UniqueFd>(std::move(*opened));
    std::list<Entry> evicted; // closed after the lock is let go
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_index.find(key); it != m_index.end()) {
            m_lru.splice(m_lru.begin(), m_lru, it->second);
            return it->second->fd; // another thread was quicker; ours closes
        }
        m_lru.push_front(Entry{key, fd});
        m_index.emplace(std::move(key), m_lru.begin());
        while (m_lru.size() > m_capacity) {
            m_index.erase(m_lru.back().key);
            evicted.splice(evicted.begin(), m_lru, std::prev(m_lru.end()));
        }
    }
    return fd;
}

void FdCache::forget(const void *owner)
{
    std::list<Entry> dropped;
    std::lock_guard lock(m_mutex);
    for (auto it = m_lru.begin(); it != m_lru.end();) {
        auto next = std::next(it);
        if (it->key.first == owner) {
            m_index.erase(it->key);
            dropped.splice(dropped.begin(), m_lru, it);
        }
        it = next;
    }
}

void FdCache::forget(const void *owner, const QString &path)
{
    std::list<Entry> dropped;
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(Key{owner, path}); it != m_index.end()) {
        dropped.splice(dropped.begin(), m_lru, it->second);
        m_index.erase(it);
    }
}

size_t FdCache::size() const
{
    std::lock_guard lock(m_mutex);
    return m_lru.size();
}

} // namespace tidemark::logbroker
